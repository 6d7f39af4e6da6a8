import { CodeSetRegistry } from '../../code-sets/code-set-registry.js';
import { emptyInputRecords, type InputRecords } from '../../inputs/input-records.js';
import { AbbreviationMatcher } from '../../lexicon/abbreviation-matcher.js';
import type { Claim } from '../../x12/models/claim.js';
import { buildCaseClaim, type CaseClaim } from './case-builder.js';
import { AnalysisSession, normalizeAuthNumber, type SessionClaim } from './context-builder.js';
import { loadPayerProfiles } from './payer-profiles.js';
import { createReferenceTables } from './reference-tables.js';

const payers = loadPayerProfiles();
const tables = createReferenceTables({ ncci: [], mue: [], diagnosisCoverage: [] });
const codeSets = new CodeSetRegistry({});
const lexicon = new AbbreviationMatcher({ fileName: 'empty', version: 1, abbreviations: [] });

function claim(c: CaseClaim, creationDate: string | null = null): Claim {
  return buildCaseClaim(c, 'TEST PAYER', creationDate);
}

function session(
  claims: SessionClaim[],
  records: Partial<InputRecords> = {},
  extra: { asOf?: string; sources?: Record<string, boolean> } = {},
): AnalysisSession {
  return new AnalysisSession({
    claims,
    records: { ...emptyInputRecords(), ...records },
    payers,
    codeSets,
    tables,
    lexicon,
    ...extra,
  });
}

const origin = { source: 'csv' as const, line: 2 };
const elig = (o: Partial<InputRecords['eligibility'][number]> = {}): InputRecords['eligibility'][number] => ({
  payerId: 'TESTPAYER',
  memberId: 'TESTMEM001',
  lastName: 'TESTPATIENT',
  firstName: 'ALPHA',
  dob: '1980-01-01',
  sex: 'F',
  coverageStart: '2026-01-01',
  coverageEnd: null,
  planName: 'P',
  coverageStatus: 'active',
  origin,
  ...o,
});
const doc = (
  o: Partial<InputRecords['documentation'][number]> = {},
): InputRecords['documentation'][number] => ({
  documentId: 'D1',
  memberId: 'TESTMEM001',
  patientLastName: 'TESTPATIENT',
  patientFirstName: 'ALPHA',
  patientDob: '1980-01-01',
  serviceDate: '2026-01-10',
  documentType: 'note',
  diagnosisCodes: [],
  procedureCodes: [],
  authorNpi: null,
  signed: true,
  text: '',
  origin,
  ...o,
});
const auth = (
  o: Partial<InputRecords['authorizations'][number]> = {},
): InputRecords['authorizations'][number] => ({
  authNumber: 'A1',
  payerId: 'TESTPAYER',
  memberId: 'TESTMEM001',
  patientLastName: 'TESTPATIENT',
  patientFirstName: 'ALPHA',
  patientDob: '1980-01-01',
  procedureCode: '97110',
  unitsApproved: 12,
  startDate: '2026-01-01',
  endDate: '2026-03-31',
  status: 'approved',
  providerNpi: null,
  origin,
  ...o,
});

describe('AnalysisSession linking', () => {
  it('links a patient to every record of the person, documentation of any date', () => {
    const s = session([{ id: 'c1', claim: claim({}) }], {
      eligibility: [elig(), elig({ coverageStart: '2025-01-01', coverageEnd: '2025-12-31' })],
      documentation: [doc(), doc({ documentId: 'D2', serviceDate: '2025-05-05' })],
      authorizations: [auth()],
    });
    const ctx = s.contextFor('c1');
    expect(ctx.coverage.map((l) => [l.record.coverageStart, l.method, l.score, l.confidence])).toEqual([
      ['2026-01-01', 'member-id+dob', 1, 'match'],
      ['2025-01-01', 'member-id+dob', 1, 'match'],
    ]);
    expect(ctx.documentation.map((l) => l.record.documentId)).toEqual(['D1', 'D2']);
    expect(ctx.authorizations.map((l) => l.record.authNumber)).toEqual(['A1']);
    expect(ctx.identityProblems).toEqual([]);
  });

  it('matches a dependent by the subscriber member id and the patient name/DOB, with identity problems', () => {
    const dependent = claim({ patient: { firstName: 'BETA', dob: '2010-01-01' } });
    const s = session(
      [
        { id: 'dep', claim: dependent },
        { id: 'typo', claim: claim({ subscriber: { memberId: 'TESTMEM010' } }) },
        {
          id: 'nobody',
          claim: claim({ subscriber: { memberId: 'ZZZ', firstName: 'OMEGA', dob: '1950-05-05' } }),
        },
      ],
      {
        eligibility: [elig(), elig({ firstName: 'BETA', dob: '2010-01-01', sex: 'M' })],
      },
    );
    expect(s.contextFor('dep').coverage.map((l) => [l.record.firstName, l.confidence])).toEqual([
      ['BETA', 'match'],
    ]);
    const typo = s.contextFor('typo');
    expect(typo.coverage.map((l) => [l.record.firstName, l.method, l.problems.map((p) => p.kind)])).toEqual([
      ['ALPHA', 'member-id-typo+name+dob', ['member-id-typo']],
    ]);
    const nobody = s.contextFor('nobody');
    expect(nobody.coverage).toEqual([]);
    expect(nobody.identityProblems.map((p) => [p.source, p.problem.kind])).toEqual([
      ['eligibility', 'missing-patient'],
    ]);
  });

  it('reports duplicate roster records that involve the patient', () => {
    const s = session(
      [
        { id: 'c1', claim: claim({}) },
        {
          id: 'c2',
          claim: claim({ subscriber: { memberId: 'OTHER9', firstName: 'ZED', dob: '1990-01-01' } }),
        },
      ],
      {
        eligibility: [elig(), elig({ memberId: 'TESTMEM999' })],
      },
    );
    const d = s.contextFor('c1').duplicateRecords;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      kind: 'duplicate-record',
      detail: { recordCount: 2, memberIdCount: 2, memberIds: 'TESTMEM001, TESTMEM999' },
    });
    expect(s.contextFor('c2').duplicateRecords).toEqual([]);
  });
});

describe('AnalysisSession sources, asOf, lookups', () => {
  it('loads a source when a record is for the claim payer; documentation when any exists', () => {
    const claims = [
      { id: 'tp', claim: claim({}) },
      { id: 'other', claim: claim({ payerId: 'TESTCOM01' }) },
    ];
    const s = session(claims, {
      eligibility: [elig()],
      authorizations: [auth({ payerId: 'testcom01' })],
      contracts: [
        {
          payerId: 'TESTPAYER',
          procedureCode: '99213',
          modifier: '',
          allowedCents: 8000,
          effectiveStart: '2026-01-01',
          effectiveEnd: null,
          origin,
        },
      ],
    });
    expect(s.contextFor('tp').sources).toEqual({
      eligibility: true,
      authorizations: false,
      contracts: true,
      documentation: false,
    });
    expect(s.contextFor('other').sources).toEqual({
      eligibility: false,
      authorizations: true,
      contracts: false,
      documentation: false,
    });
    expect(
      s
        .contextFor('tp')
        .contractRates(' 99213')
        .map((r) => r.allowedCents),
    ).toEqual([8000]);
    expect(s.contextFor('other').contractRates('99213')).toEqual([]);
    const withDoc = session(
      claims,
      { documentation: [doc({ memberId: 'SOMEONE' })] },
      { sources: { eligibility: true } },
    );
    expect(withDoc.contextFor('other').sources).toEqual({
      eligibility: true,
      authorizations: false,
      contracts: false,
      documentation: true,
    });
  });

  it('judges at asOf, else BHT04, else the last date of service', () => {
    const claims = [
      { id: 'a', claim: claim({}, '2026-02-01') },
      { id: 'b', claim: claim({ lines: [{}, { serviceDate: '2026-01-12' }] }) },
    ];
    expect(session(claims).contextFor('a').asOf).toBe('2026-02-01');
    expect(session(claims).contextFor('b').asOf).toBe('2026-01-12');
    expect(session(claims, {}, { asOf: '2026-03-03' }).contextFor('a').asOf).toBe('2026-03-03');
  });

  it('finds authorizations by normalized number, whoever they belong to', () => {
    const s = session([{ id: 'c1', claim: claim({}) }], {
      authorizations: [auth({ authNumber: 'ab 12', memberId: 'X' })],
    });
    expect(
      s
        .contextFor('c1')
        .authorizationsByNumber('AB12')
        .map((a) => a.memberId),
    ).toEqual(['X']);
    expect(s.contextFor('c1').authorizationsByNumber('AB13')).toEqual([]);
    expect(normalizeAuthNumber(' a b\t1 ')).toBe('AB1');
  });

  it('throws on an unknown or repeated id, iterates every claim', () => {
    const s = session([
      { id: 'a', claim: claim({}) },
      { id: 'b', claim: claim({ patientControlNumber: 'X' }) },
    ]);
    expect(() => s.contextFor('zz')).toThrow('no claim zz in the analysis session');
    expect([...s].map((c) => c.claimId)).toEqual(['a', 'b']);
    expect(s.size).toBe(2);
    expect(s.claimIds).toEqual(['a', 'b']);
    expect(() =>
      session([
        { id: 'a', claim: claim({}) },
        { id: 'a', claim: claim({}) },
      ]),
    ).toThrow('claim id a appears twice');
  });
});

describe('AnalysisSession replacements, voids, history and authorization units', () => {
  const line = (units: number, priorAuthorization?: string) => ({
    code: '97110',
    units,
    ...(priorAuthorization ? { priorAuthorization } : {}),
  });

  it('counts units of other active claims quoting the auth (line REF G1, else claim REF G1)', () => {
    const s = session([
      {
        id: 'c1',
        claim: claim({
          patientControlNumber: 'P1',
          serviceDate: '2026-01-02',
          priorAuthorization: 'a1',
          lines: [line(2), line(1, 'OTHER')],
        }),
      },
      {
        id: 'c2',
        claim: claim({
          patientControlNumber: 'P2',
          serviceDate: '2026-01-03',
          lines: [line(3, 'A 1'), { code: '97140', units: 2, priorAuthorization: 'A1' }],
        }),
      },
      // P3 is replaced by its frequency 7; the replacement counts.
      {
        id: 'c3',
        claim: claim({
          patientControlNumber: 'P3',
          serviceDate: '2026-01-04',
          priorAuthorization: 'A1',
          lines: [line(4)],
        }),
      },
      {
        id: 'c3r',
        claim: claim({
          patientControlNumber: 'P3',
          frequencyCode: '7',
          serviceDate: '2026-01-04',
          priorAuthorization: 'A1',
          lines: [line(1)],
        }),
      },
      // P4 is voided: neither counts.
      {
        id: 'c4',
        claim: claim({
          patientControlNumber: 'P4',
          serviceDate: '2026-01-05',
          priorAuthorization: 'A1',
          lines: [line(5)],
        }),
      },
      {
        id: 'c4v',
        claim: claim({
          patientControlNumber: 'P4',
          frequencyCode: '8',
          serviceDate: '2026-01-05',
          priorAuthorization: 'A1',
          lines: [line(5)],
        }),
      },
      // Status from the service: voided.
      {
        id: 'c5',
        claim: claim({
          patientControlNumber: 'P5',
          serviceDate: '2026-01-06',
          priorAuthorization: 'A1',
          lines: [line(7)],
        }),
        status: 'voided',
      },
      {
        id: 'c6',
        claim: claim({
          patientControlNumber: 'P6',
          serviceDate: '2026-01-07',
          priorAuthorization: 'A1',
          lines: [line(1)],
        }),
      },
    ]);
    expect(s.contextFor('c6').authorizationUnitsUsedElsewhere('A1', '97110')).toBe(2 + 3 + 1);
    expect(s.contextFor('c1').authorizationUnitsUsedElsewhere('a1', '97110')).toBe(3 + 1 + 1);
    expect(s.contextFor('c1').authorizationUnitsUsedElsewhere('A1', '97140')).toBe(2);
    expect(s.contextFor('c1').authorizationUnitsUsedElsewhere('OTHER', '97110')).toBe(0);
    // The replacement does not count its own original.
    expect(s.contextFor('c3r').authorizationUnitsUsedElsewhere('A1', '97110')).toBe(2 + 3 + 1);
    expect(s.contextFor('c3').authorizationUnitsUsedElsewhere('A1', '97110')).toBe(2 + 3 + 1);
    expect(['c1', 'c3', 'c3r', 'c4', 'c4v', 'c5', 'c6'].map((id) => s.isActive(id))).toEqual([
      true,
      false,
      true,
      false,
      false,
      false,
      true,
    ]);
    // History: same payer and member, earlier by (first date, id), active only.
    expect(s.contextFor('c6').history.map((h) => h.id)).toEqual(['c1', 'c2', 'c3r']);
    expect(s.contextFor('c1').history).toEqual([]);
    expect(s.contextFor('c3').history.map((h) => h.id)).toEqual(['c1', 'c2']);
  });

  it('orders history by first date of service then id, per payer and normalized member id', () => {
    const s = session([
      { id: 'z', claim: claim({ patientControlNumber: 'Z', serviceDate: '2026-01-05' }) },
      {
        id: 'b',
        claim: claim({
          patientControlNumber: 'B',
          serviceDate: '2026-01-05',
          subscriber: { memberId: 'testmem-001' },
        }),
      },
      { id: 'a', claim: claim({ patientControlNumber: 'A', serviceDate: '2026-01-05' }) },
      { id: 'old', claim: claim({ patientControlNumber: 'O', serviceDate: '2025-06-01' }) },
      {
        id: 'otherpayer',
        claim: claim({ patientControlNumber: 'Q', serviceDate: '2025-01-01', payerId: 'TESTCOM01' }),
      },
      {
        id: 'othermember',
        claim: claim({
          patientControlNumber: 'R',
          serviceDate: '2025-01-01',
          subscriber: { memberId: 'TESTMEM002' },
        }),
      },
    ]);
    expect(s.contextFor('z').history.map((h) => h.id)).toEqual(['old', 'a', 'b']);
    expect(s.contextFor('a').history.map((h) => h.id)).toEqual(['old']);
    expect(s.contextFor('old').history).toEqual([]);
  });
});

/** A distinct letter string for a number (synthetic names). */
function letters(n: number): string {
  let out = '';
  for (let k = 0; k < 6; k++) {
    out += String.fromCharCode(65 + (n % 26));
    n = Math.floor(n / 26);
  }
  return out;
}

describe('AnalysisSession performance', () => {
  it('indexes once and builds 60,000 contexts quickly', () => {
    const base = claim({ lines: [{ code: '97110', units: 2, priorAuthorization: 'A1' }, {}] });
    const claims: SessionClaim[] = [];
    const eligibility: InputRecords['eligibility'] = [];
    const PEOPLE = 20_000;
    for (let i = 0; i < 60_000; i++) {
      const p = i % PEOPLE;
      const person = {
        memberId: `M${p}`,
        lastName: letters(p * 7919 + 17),
        firstName: letters(p * 104_729 + 3),
        dob: new Date(Date.UTC(1940, 0, 1) + ((p * 37) % 21_900) * 86_400_000).toISOString().slice(0, 10),
      };
      claims.push({
        id: `c${i}`,
        claim: {
          ...base,
          patientControlNumber: `P${i}`,
          subscriber: { ...base.subscriber, ...person, birthDate: person.dob },
        },
      });
      if (i < PEOPLE) eligibility.push(elig(person));
    }
    const started = performance.now();
    const s = session(claims, { eligibility, authorizations: [auth()] });
    let linked = 0;
    let units = 0;
    let history = 0;
    for (const ctx of s) {
      linked += ctx.coverage.length;
      units += ctx.authorizationUnitsUsedElsewhere('A1', '97110');
      history += ctx.history.length;
    }
    const ms = performance.now() - started;
    expect(linked).toBe(60_000);
    expect(units).toBe(60_000 * 59_999 * 2);
    // Three claims per person on one date: 0 + 1 + 2 earlier ones.
    expect(history).toBe(PEOPLE * 3);
    expect(ms).toBeLessThan(15_000);
  });
});

describe('AnalysisSession concurrent claims', () => {
  it('gives each claim the later claims of the same patient that start within its dates', () => {
    const sut = session([
      { id: 'A', claim: claim({ patientControlNumber: 'A', serviceDate: '2026-01-10' }) },
      { id: 'B', claim: claim({ patientControlNumber: 'B', serviceDate: '2026-01-10' }) },
      { id: 'C', claim: claim({ patientControlNumber: 'C', serviceDate: '2026-01-11' }) },
      {
        id: 'D',
        claim: claim({
          patientControlNumber: 'D',
          serviceDate: '2026-01-10',
          subscriber: { memberId: 'OTHER1' },
        }),
      },
    ]);
    expect(sut.contextFor('A').concurrentClaims!.map((c) => c.id)).toEqual(['B']);
    expect(sut.contextFor('A').history.map((c) => c.id)).toEqual([]);
    expect(sut.contextFor('B').concurrentClaims!.map((c) => c.id)).toEqual([]);
    expect(sut.contextFor('B').history.map((c) => c.id)).toEqual(['A']);
    expect(sut.contextFor('C').concurrentClaims!.map((c) => c.id)).toEqual([]);
  });
});
