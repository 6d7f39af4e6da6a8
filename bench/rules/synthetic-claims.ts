/**
 * Seeded synthetic claims and records for the rules benchmark: realistic mixes of codes, payers,
 * members and data quality (most claims clean, a few per cent with each kind of problem), all
 * fictitious. Claims are built with the same compact-claim builder the embedded rule tests use.
 */
import type { CaseClaim } from '../../src/rules-engine/context/case-builder.js';
import { buildCaseClaim } from '../../src/rules-engine/context/case-builder.js';
import {
  type AuthorizationRecord,
  type ContractRateRecord,
  type DocumentationRecord,
  type EligibilityRecord,
  emptyInputRecords,
  type InputRecords,
} from '../../src/inputs/input-records.js';
import type { Claim } from '../../src/x12/index.js';

/** mulberry32: a small seeded generator, so every run checks the same claims. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PAYERS = ['TESTPAYER', 'TESTCOM01', 'TESTMCR01', 'OTHERPAYER'];

interface VisitProfile {
  /** [code, charge in cents, units, modifiers] */
  lines: [string, number, number, string[]][];
  diagnoses: string[];
}

/** Coherent encounters: codes, units and diagnoses that a payer would accept together. */
const PROFILES: VisitProfile[] = [
  { lines: [['99213', 12_500, 1, []]], diagnoses: ['J069', 'R509'] },
  {
    lines: [
      ['99214', 18_000, 1, []],
      ['36415', 1_500, 1, []],
      ['85025', 2_800, 1, []],
    ],
    diagnoses: ['E119', 'I10'],
  },
  {
    lines: [
      ['99214', 18_000, 1, ['25']],
      ['93000', 6_500, 1, []],
    ],
    diagnoses: ['I10', 'R0789'],
  },
  {
    lines: [
      ['99213', 12_500, 1, ['25']],
      ['20610', 21_000, 1, []],
    ],
    diagnoses: ['M1711'],
  },
  { lines: [['73721', 95_000, 1, []]], diagnoses: ['M1711', 'M25561'] },
  { lines: [['97110', 9_000, 3, []]], diagnoses: ['M25561'] },
  {
    lines: [
      ['99203', 16_000, 1, []],
      ['80053', 4_200, 1, []],
    ],
    diagnoses: ['K219', 'Z0000'],
  },
  { lines: [['99212', 8_000, 1, []]], diagnoses: ['J0190'] },
];
const PROCEDURES = [...new Map(PROFILES.flatMap((p) => p.lines.map((l) => [l[0], l[1]] as const))).entries()];
const FIRST = [
  'ALPHA',
  'BRAVO',
  'CHARLIE',
  'DELTA',
  'ECHO',
  'FOXTROT',
  'GOLF',
  'HOTEL',
  'INDIA',
  'JULIET',
  'KILO',
  'LIMA',
  'MIKE',
  'NOVEMBER',
  'OSCAR',
  'PAPA',
  'QUEBEC',
  'ROMEO',
  'SIERRA',
  'TANGO',
  'UNIFORM',
  'VICTOR',
  'WHISKEY',
  'XRAY',
  'YANKEE',
  'ZULU',
];
/**
 * Fictitious surnames from three syllables (24 × 24 × 24 = 13,824): distinct enough that patient
 * matching links a claim to its own patient's records, as with a real roster, not to look-alikes.
 */
const SYLLABLES = [
  'BAR',
  'COR',
  'DEL',
  'FEN',
  'GAL',
  'HOL',
  'JAR',
  'KEL',
  'LOR',
  'MAR',
  'NOR',
  'PEL',
  'QUIN',
  'ROS',
  'SAL',
  'TOR',
  'VAN',
  'WEL',
  'YOR',
  'ZAN',
  'BRI',
  'CAS',
  'DUN',
  'FAR',
];
function surname(m: number): string {
  const n = SYLLABLES.length;
  const a = SYLLABLES[m % n]!;
  const b = SYLLABLES[Math.floor(m / n) % n]!.toLowerCase();
  const c = SYLLABLES[Math.floor(m / (n * n)) % n]!.toLowerCase();
  return `ZZ${a}${b}${c}`.toUpperCase();
}

export interface SyntheticSet {
  claims: { id: string; claim: Claim }[];
  records: InputRecords;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const day = (n: number) => {
  const d = new Date(Date.UTC(2025, 9, 1) + n * 86_400_000);
  return d.toISOString().slice(0, 10);
};

/** `count` claims over `members` patients, with their coverage, notes, authorizations and rates. */
export function syntheticSet(count: number, members: number, seed = 42): SyntheticSet {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const records = emptyInputRecords();
  const payerOf = (m: number) => PAYERS[m % PAYERS.length]!;
  // Member ids in each payer's own format (TESTCOM01: 3 letters + 9 digits; TESTMCR01: an MBI shape).
  const memberId = (m: number) =>
    payerOf(m) === 'TESTMCR01'
      ? `${1 + (m % 9)}EG${Math.floor(m / 9) % 10}TE${Math.floor(m / 90) % 10}MK${pad(Math.floor(m / 900) % 100, 2)}`
      : `ZZB${pad(m, 9)}`;
  const member = (m: number) => ({
    memberId: memberId(m),
    lastName: surname(m),
    firstName: FIRST[(m * 7) % FIRST.length]!,
    // Spread over 1940–2009 (25,550 days): few members share a date of birth.
    dob: new Date(Date.UTC(1940, 0, 1) + ((m * 7919) % 25_550) * 86_400_000).toISOString().slice(0, 10),
    sex: m % 2 === 0 ? ('F' as const) : ('M' as const),
  });
  for (let m = 0; m < members; m++) {
    if (r() < 0.01) continue; // 1% of patients are not on the roster
    const p = member(m);
    const e: EligibilityRecord = {
      payerId: payerOf(m),
      memberId: p.memberId,
      lastName: p.lastName,
      firstName: p.firstName,
      dob: p.dob,
      sex: p.sex,
      coverageStart: '2025-01-01',
      coverageEnd: r() < 0.01 ? '2025-12-31' : null,
      planName: 'SYNTHETIC PLAN',
      coverageStatus: 'active',
      origin: { source: 'csv' },
    };
    records.eligibility.push(e);
  }
  for (const payerId of PAYERS) {
    for (const [code, charge] of PROCEDURES) {
      const rate: ContractRateRecord = {
        payerId,
        procedureCode: code,
        modifier: '',
        allowedCents: Math.round(charge * 0.7),
        effectiveStart: '2025-01-01',
        effectiveEnd: null,
        origin: { source: 'csv' },
      };
      records.contracts.push(rate);
    }
  }
  const claims: { id: string; claim: Claim }[] = [];
  const authKeys = new Set<string>();
  for (let i = 0; i < count; i++) {
    const m = Math.floor(r() * members);
    const p = member(m);
    const payerId = payerOf(m);
    const serviceOffset = Math.floor(r() * 300);
    const serviceDate = day(serviceOffset);
    const profile = pick(PROFILES);
    const dx = [...profile.diagnoses];
    const lines: NonNullable<CaseClaim['lines']> = profile.lines.map(([code, charge, units, modifiers]) => ({
      code,
      charge, // cents: the parsed form of a case's dollar amount
      units: r() < 0.01 ? units + 8 : units,
      modifiers: r() < 0.02 ? [] : modifiers,
      diagnosisPointers: r() < 0.005 ? [dx.length + 1] : [1],
    }));
    const pcn = `SYN${pad(i, 7)}`;
    const authNumber = `SA${pad(i, 7)}`;
    const needsAuth = payerId === 'TESTPAYER' && lines.some((l) => l.code === '73721' || l.code === '97110');
    const claim = buildCaseClaim(
      {
        payerId,
        patientControlNumber: pcn,
        serviceDate,
        subscriber: r() < 0.01 ? { ...p, dob: '1999-09-09' } : p,
        diagnoses: dx,
        lines,
        renderingNpi: '1234567893',
        ...(needsAuth && r() < 0.98 ? { priorAuthorization: authNumber } : {}),
      },
      `Payer ${payerId}`,
      // Filed 2 to 40 days after the service; 2% filed 100 to 200 days late.
      day(serviceOffset + (r() < 0.02 ? 100 + Math.floor(r() * 100) : 2 + Math.floor(r() * 38))),
    );
    claims.push({ id: pcn, claim });
    if (r() < 0.97) {
      const note: DocumentationRecord = {
        documentId: `DOC${pad(i, 7)}`,
        memberId: p.memberId,
        patientLastName: p.lastName,
        patientFirstName: p.firstName,
        patientDob: p.dob,
        serviceDate,
        documentType: 'progress-note',
        diagnosisCodes: r() < 0.98 ? dx : dx.slice(1),
        procedureCodes: lines.map((l) => l.code!),
        authorNpi: '1234567893',
        signed: r() < 0.99,
        text: r() < 0.02 ? 'History of MI, stable. Follow-up visit.' : 'Follow-up visit, stable.',
        origin: { source: 'csv' },
      };
      records.documentation.push(note);
    }
    if (needsAuth) {
      for (const l of lines) {
        if (l.code !== '73721' && l.code !== '97110') continue;
        const auth: AuthorizationRecord = {
          authNumber,
          payerId,
          memberId: p.memberId,
          patientLastName: p.lastName,
          patientFirstName: p.firstName,
          patientDob: p.dob,
          procedureCode: l.code,
          unitsApproved: 4,
          startDate: serviceDate,
          endDate: r() < 0.98 ? day(400) : serviceDate,
          status: r() < 0.98 ? 'approved' : 'pending',
          providerNpi: null,
          origin: { source: 'csv' },
        };
        if (!authKeys.has(`${authNumber}/${l.code}`)) {
          authKeys.add(`${authNumber}/${l.code}`);
          records.authorizations.push(auth);
        }
      }
    }
  }
  return { claims, records };
}
