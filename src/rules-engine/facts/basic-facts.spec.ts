import { BASIC_FACTS, claimData, memoize, normalizeDiagnosis } from './basic-facts.js';
import {
  claimFixture,
  contextFixture,
  diagnosesFixture,
  factValue,
  lineFixture,
  linesFixture,
  procedureFixture,
} from './testing/claim-fixture.js';
import type { ClaimContext } from '../claim-context.js';

const v = (name: string, ctx: ClaimContext, line?: number) => factValue(BASIC_FACTS, name, ctx, line);

describe('basic claim facts', () => {
  const claim = claimFixture({
    diagnoses: [
      ...diagnosesFixture('E11.9', 'i10'),
      {
        qualifier: 'ABJ',
        code: 'R07.9',
        order: 3,
        role: 'admitting',
        presentOnAdmission: '',
        codeSystem: 'ICD-10-CM',
      },
    ],
    priorAuthorization: 'AUTH9',
    lines: linesFixture(
      { charge: 12550, serviceDate: '2026-01-12' },
      { procedure: procedureFixture('20610'), charge: 20000, serviceDate: '2026-01-10' },
    ),
    totalCharge: 40000,
  });
  const ctx = contextFixture({ claim, asOf: '2026-02-01' });

  it('reads the claim header', () => {
    expect(v('claim.payerId', ctx)).toBe('TESTPAYER');
    expect(v('claim.claimType', ctx)).toBe('professional');
    expect(v('claim.frequencyCode', ctx)).toBe('1');
    expect(v('claim.payerSequence', ctx)).toBe('P');
    expect(v('claim.patientControlNumber', ctx)).toBe('TEST-1');
    expect(v('claim.memberId', ctx)).toBe('TESTMEM001');
    expect(v('claim.priorAuthorization', ctx)).toBe('AUTH9');
    expect(v('claim.placeOfService', ctx)).toBe('11');
    expect(v('claim.lineCount', ctx)).toBe(2);
    expect(v('claim.asOf', ctx)).toBe('2026-02-01');
  });

  it('reads dates and charges', () => {
    expect(v('claim.serviceDateFrom', ctx)).toBe('2026-01-10');
    expect(v('claim.serviceDateTo', ctx)).toBe('2026-01-12');
    expect(v('claim.totalChargeCents', ctx)).toBe(40000);
    expect(v('claim.lineChargeSumCents', ctx)).toBe(32550);
  });

  it('lists principal and other diagnoses normalized, not admitting ones', () => {
    expect(v('claim.diagnosisCodes', ctx)).toEqual(['E119', 'I10']);
  });

  it('uses the statement dates of an institutional claim and no place of service', () => {
    const inst = claimFixture({
      claimType: 'institutional',
      facilityCode: '13',
      serviceDateFrom: null,
      serviceDateTo: null,
      statementFrom: '2026-01-03',
      statementTo: '2026-01-05',
      lines: [lineFixture({ procedure: null, revenueCode: '0450', serviceDate: null })],
    });
    const ic = contextFixture({ claim: inst });
    expect(v('claim.serviceDateFrom', ic)).toBe('2026-01-03');
    expect(v('claim.serviceDateTo', ic)).toBe('2026-01-05');
    expect(v('claim.placeOfService', ic)).toBe('');
    expect(v('line.serviceDate', ic, 0)).toBe('2026-01-03');
    expect(v('line.procedureCode', ic, 0)).toBe('');
    expect(v('line.revenueCode', ic, 0)).toBe('0450');
    expect(v('line.modifiers', ic, 0)).toEqual([]);
  });
});

describe('basic line facts', () => {
  const claim = claimFixture({
    diagnoses: diagnosesFixture('M17.11', 'M25.561'),
    priorAuthorization: 'CLAIMAUTH',
    lines: linesFixture(
      {
        lineNumber: 7,
        procedure: procedureFixture(' 20610 ', ['rt', '', ' 59']),
        units: null,
        diagnosisPointers: [2, 1, 4],
        priorAuthorization: 'LINEAUTH',
        revenueCode: '',
      },
      { units: 2.5, serviceDate: null, diagnosisPointers: [], charge: 999 },
    ),
  });
  const ctx = contextFixture({ claim });

  it('reads the first line', () => {
    expect(v('line.number', ctx, 0)).toBe(7);
    expect(v('line.procedureCode', ctx, 0)).toBe('20610');
    expect(v('line.modifiers', ctx, 0)).toEqual(['RT', '59']);
    expect(v('line.units', ctx, 0)).toBe(1);
    expect(v('line.chargeCents', ctx, 0)).toBe(10000);
    expect(v('line.serviceDate', ctx, 0)).toBe('2026-01-10');
    expect(v('line.diagnosisCodes', ctx, 0)).toEqual(['M25561', 'M1711']);
    expect(v('line.priorAuthorization', ctx, 0)).toBe('LINEAUTH');
    expect(v('line.revenueCode', ctx, 0)).toBe('');
  });

  it('falls back to the claim for the date and authorization', () => {
    expect(v('line.number', ctx, 1)).toBe(2);
    expect(v('line.units', ctx, 1)).toBe(2.5);
    expect(v('line.chargeCents', ctx, 1)).toBe(999);
    expect(v('line.serviceDate', ctx, 1)).toBe('2026-01-10');
    expect(v('line.diagnosisCodes', ctx, 1)).toEqual([]);
    expect(v('line.priorAuthorization', ctx, 1)).toBe('CLAIMAUTH');
  });

  it('keeps pointers that point nowhere apart', () => {
    expect(claimData(claim).lines[0]!.danglingPointers).toEqual(['4']);
  });
});

describe('claimData', () => {
  it('is computed once per claim object', () => {
    const claim = claimFixture();
    expect(claimData(claim)).toBe(claimData(claim));
    expect(claimData(claimFixture())).not.toBe(claimData(claim));
  });

  it('answers the same list object on every call (no allocation per call)', () => {
    const ctx = contextFixture();
    expect(v('claim.diagnosisCodes', ctx)).toBe(v('claim.diagnosisCodes', ctx));
    expect(v('line.modifiers', ctx, 0)).toBe(v('line.modifiers', ctx, 0));
  });
});

describe('helpers', () => {
  it('normalizes diagnoses, leaving non-ICD-10 text upper-cased', () => {
    expect(normalizeDiagnosis(' e11.9 ')).toBe('E119');
    expect(normalizeDiagnosis('250.00')).toBe('250.00');
  });

  it('memoizes undefined and null results too', () => {
    let calls = 0;
    const f = memoize((_k: object) => {
      calls++;
      return null;
    });
    const key = {};
    expect(f(key)).toBeNull();
    expect(f(key)).toBeNull();
    expect(calls).toBe(1);
  });
});
