import type { ClaimContext } from '../claim-context.js';
import { DUPLICATE_FACTS } from './duplicate-facts.js';
import {
  factValue,
  history,
  testClaim,
  testContext,
  type ClaimOptions,
} from './testing/patient-context-fixture.js';

const f = (name: string, ctx: ClaimContext, line = 0) => factValue(DUPLICATE_FACTS, name, ctx, line);

const earlier = (o: ClaimOptions = {}) =>
  history(
    'CLM-EARLIER',
    testClaim({ patientControlNumber: 'PCN-7', lines: [{ code: '99213', modifiers: ['25'] }], ...o }),
  );

function ctxWith(o: ClaimOptions, ...h: ReturnType<typeof earlier>[]): ClaimContext {
  return testContext({
    claim: testClaim({ lines: [{ code: '99213', modifiers: ['25'] }], ...o }),
    history: h,
  });
}

describe('duplicate facts', () => {
  it('depend on no data source', () => {
    expect(DUPLICATE_FACTS.every((d) => d.source === undefined)).toBe(true);
  });

  it('finds an earlier claim with the same date, procedure, modifiers and billing provider', () => {
    const ctx = ctxWith({}, earlier());
    expect(f('line.duplicate.claimId', ctx)).toBe('CLM-EARLIER');
    expect(f('line.duplicate.explanation', ctx)).toBe(
      '99213-25 on 2026-01-10 by billing NPI 1234567893 is already billed on claim CLM-EARLIER (patient control number PCN-7, line 1, frequency 1)',
    );
  });

  it('modifiers compare as a set', () => {
    const ctx = testContext({
      claim: testClaim({ lines: [{ code: '99213', modifiers: ['GT', '25'] }] }),
      history: [earlier({ lines: [{ code: '99213', modifiers: ['25', 'GT'] }] })],
    });
    expect(f('line.duplicate.claimId', ctx)).toBe('CLM-EARLIER');
  });

  it.each([
    ['another date', { serviceDate: '2026-01-11' }],
    ['another procedure', { lines: [{ code: '99214', modifiers: ['25'] }] }],
    ['other modifiers', { lines: [{ code: '99213', modifiers: ['59'] }] }],
    ['another billing provider', { billingNpi: '1999999992' }],
    [
      'another person under the same member id',
      { patient: { lastName: 'TESTPATIENT', firstName: 'BETA', dob: '2010-05-05' } },
    ],
    ['a voided claim', { frequencyCode: '8' }],
  ] as [string, ClaimOptions][])('is not a duplicate of %s', (_what, o) => {
    const ctx = ctxWith({}, earlier(o));
    expect(f('line.duplicate.claimId', ctx)).toBe('');
    expect(f('line.duplicate.explanation', ctx)).toBe(
      'no earlier claim bills 99213-25 on 2026-01-10 for this patient',
    );
  });

  it('a replacement or a void of the earlier claim is never a duplicate', () => {
    expect(f('line.duplicate.claimId', ctxWith({ frequencyCode: '7' }, earlier()))).toBe('');
    expect(f('line.duplicate.claimId', ctxWith({ frequencyCode: '8' }, earlier()))).toBe('');
  });

  it('an active replacement in history is an earlier claim like an original', () => {
    expect(f('line.duplicate.claimId', ctxWith({}, earlier({ frequencyCode: '7' })))).toBe('CLM-EARLIER');
  });
});
