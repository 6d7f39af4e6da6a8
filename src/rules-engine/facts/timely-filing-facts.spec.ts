import type { ClaimContext } from '../claim-context.js';
import { addDays, daysBetween } from './patient-record-support.js';
import { TIMELY_FILING_FACTS } from './timely-filing-facts.js';
import { factValue, testClaim, testContext } from './testing/patient-context-fixture.js';

const f = (name: string, ctx: ClaimContext) => factValue(TIMELY_FILING_FACTS, name, ctx);

describe('timely-filing facts', () => {
  it('depend on no data source', () => {
    expect(TIMELY_FILING_FACTS.every((d) => d.source === undefined)).toBe(true);
  });

  it('counts from the last date of service to asOf against the payer limit', () => {
    const ctx = testContext({
      claim: testClaim({ lines: [{ serviceDate: '2026-01-05' }, { serviceDate: '2026-01-10' }] }),
      asOf: '2026-04-09',
      payer: { timelyFilingDays: 90 },
    });
    expect(f('claim.filing.lastServiceDate', ctx)).toBe('2026-01-10');
    expect(f('claim.filing.limitDays', ctx)).toBe(90);
    expect(f('claim.filing.daysSinceService', ctx)).toBe(89);
    expect(f('claim.filing.deadline', ctx)).toBe('2026-04-10');
    expect(f('claim.filing.daysRemaining', ctx)).toBe(1);
  });

  it('late: negative days remaining', () => {
    const ctx = testContext({ asOf: '2026-04-11', payer: { timelyFilingDays: 90 } });
    expect(f('claim.filing.daysSinceService', ctx)).toBe(91);
    expect(f('claim.filing.daysRemaining', ctx)).toBe(-1);
  });

  it('delay reason code (CLM20)', () => {
    expect(
      f('claim.filing.delayReasonCode', testContext({ claim: testClaim({ delayReasonCode: ' 11 ' }) })),
    ).toBe('11');
    expect(f('claim.filing.delayReasonCode', testContext())).toBe('');
  });

  it('date arithmetic across months, leap years and centuries', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('1999-12-31', '2000-01-01')).toBe(1);
    expect(daysBetween('2026-01-10', '2025-01-10')).toBe(-365);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-10', 365)).toBe('2027-01-10');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
