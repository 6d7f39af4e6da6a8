import type { ClaimContext } from '../claim-context.js';
import { ELIGIBILITY_FACTS } from './eligibility-facts.js';
import { eligRecord, factValue, testClaim, testContext } from './testing/patient-context-fixture.js';

const f = (name: string, ctx: ClaimContext) => factValue(ELIGIBILITY_FACTS, name, ctx);

describe('eligibility facts', () => {
  it('declares the eligibility source on every fact', () => {
    expect(ELIGIBILITY_FACTS.every((d) => d.source === 'eligibility')).toBe(true);
  });

  it('active: an active span of the payer covers every date of service', () => {
    const ctx = testContext({ coverage: [eligRecord({ coverageEnd: '2026-12-31' })] });
    expect(f('claim.eligibility.status', ctx)).toBe('active');
    expect(f('claim.eligibility.uncoveredDates', ctx)).toEqual([]);
    expect(f('claim.eligibility.coverageStart', ctx)).toBe('2025-01-01');
    expect(f('claim.eligibility.coverageEnd', ctx)).toBe('2026-12-31');
    expect(f('claim.eligibility.planName', ctx)).toBe('TEST PPO');
    expect(f('claim.eligibility.explanation', ctx)).toBe(
      'member TESTMEM001 has active coverage with TESTPAYER on every date of service (TEST PPO 2025-01-01 to 2026-12-31)',
    );
  });

  it('ended: the closest span ended before the date of service (27)', () => {
    const ctx = testContext({
      coverage: [
        eligRecord({ coverageStart: '2024-01-01', coverageEnd: '2024-12-31' }),
        eligRecord({ coverageStart: '2025-01-01', coverageEnd: '2025-12-31' }),
      ],
    });
    expect(f('claim.eligibility.status', ctx)).toBe('ended');
    expect(f('claim.eligibility.uncoveredDates', ctx)).toEqual(['2026-01-10']);
    expect(f('claim.eligibility.coverageEnd', ctx)).toBe('2025-12-31');
    expect(f('claim.eligibility.explanation', ctx)).toBe(
      'the coverage of member TESTMEM001 with TESTPAYER ended 2025-12-31, 10 days before the service on 2026-01-10 (TEST PPO 2025-01-01 to 2025-12-31)',
    );
  });

  it('not-started: the only span starts after the date of service (26)', () => {
    const ctx = testContext({ coverage: [eligRecord({ coverageStart: '2026-02-01' })] });
    expect(f('claim.eligibility.status', ctx)).toBe('not-started');
    expect(f('claim.eligibility.explanation', ctx)).toBe(
      'the coverage of member TESTMEM001 with TESTPAYER starts 2026-02-01, 22 days after the service on 2026-01-10 (TEST PPO 2026-02-01 to open-ended)',
    );
  });

  it('inactive: a 271 reports the span covering the date inactive', () => {
    const ctx = testContext({ coverage: [eligRecord({ coverageStatus: 'inactive' })] });
    expect(f('claim.eligibility.status', ctx)).toBe('inactive');
    expect(f('claim.eligibility.explanation', ctx)).toBe(
      'the payer reports the coverage of member TESTMEM001 with TESTPAYER inactive on 2026-01-10 (TEST PPO 2025-01-01 to open-ended)',
    );
  });

  it('not-found: no span with the claim payer; spans of other payers are named (31)', () => {
    const ctx = testContext({
      coverage: [eligRecord({ payerId: 'OTHERPAY' })],
      identityProblems: [],
    });
    expect(f('claim.eligibility.status', ctx)).toBe('not-found');
    expect(f('claim.eligibility.otherPayerIds', ctx)).toEqual(['OTHERPAY']);
    expect(f('claim.eligibility.coverageStart', ctx)).toBeNull();
    expect(f('claim.eligibility.planName', ctx)).toBe('');
    expect(f('claim.eligibility.explanation', ctx)).toBe(
      'no coverage with TESTPAYER is on file for member TESTMEM001; coverage on file is with OTHERPAY',
    );
  });

  it('not-found explains the match problem of the roster', () => {
    const ctx = testContext({
      coverage: [],
      identityProblems: [
        {
          source: 'eligibility',
          problem: { kind: 'missing-patient', reason: 'no record matches the patient' },
        },
        { source: 'documentation', problem: { kind: 'missing-patient', reason: 'ignored' } },
      ],
    });
    expect(f('claim.eligibility.explanation', ctx)).toBe(
      'no coverage with TESTPAYER is on file for member TESTMEM001 (no record matches the patient)',
    );
  });

  it('a claim over a gap between spans: the first uncovered date decides', () => {
    const ctx = testContext({
      claim: testClaim({
        lines: [{ serviceDate: '2026-01-10' }, { serviceDate: '2026-02-10' }, { serviceDate: '2026-03-10' }],
      }),
      coverage: [
        eligRecord({ coverageStart: '2025-01-01', coverageEnd: '2026-01-31' }),
        eligRecord({ coverageStart: '2026-03-01', coverageEnd: null }),
      ],
    });
    expect(f('claim.eligibility.status', ctx)).toBe('ended');
    expect(f('claim.eligibility.uncoveredDates', ctx)).toEqual(['2026-02-10']);
  });
});
