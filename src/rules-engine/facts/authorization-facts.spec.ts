import { AUTHORIZATION_FACTS } from './authorization-facts.js';
import {
  authRecord,
  factValue,
  testClaim,
  testContext,
  type ContextOptions,
} from './testing/patient-context-fixture.js';
import type { ClaimContext } from '../claim-context.js';

const f = (name: string, ctx: ClaimContext, line = 0) => factValue(AUTHORIZATION_FACTS, name, ctx, line);

/** A claim for one MRI knee (73721) on 2026-01-10 and the given context options. */
function mri(o: ContextOptions = {}, claim: Parameters<typeof testClaim>[0] = {}): ClaimContext {
  return testContext({ claim: testClaim({ lines: [{ code: '73721' }], ...claim }), ...o });
}

describe('authorization facts', () => {
  it('declares the authorizations source on every fact that reads authorization records', () => {
    const withoutSource = AUTHORIZATION_FACTS.filter((d) => d.source === undefined).map((d) => d.name);
    expect(withoutSource).toEqual([
      'line.priorAuthRequired',
      'line.authorization.quotedNumber',
      'claim.authorization.quotedNumber',
    ]);
    expect(
      AUTHORIZATION_FACTS.filter((d) => d.source !== undefined).every((d) => d.source === 'authorizations'),
    ).toBe(true);
  });

  describe('line.priorAuthRequired', () => {
    it('is true for a code on the payer profile list, false otherwise and for a line without a procedure code', () => {
      const ctx = testContext({
        claim: testClaim({
          lines: [{ code: '73721' }, { code: '99213' }, { code: '', revenueCode: '0450' }],
        }),
      });
      expect([0, 1, 2].map((i) => f('line.priorAuthRequired', ctx, i))).toEqual([true, false, false]);
    });
  });

  describe('line.authorization.status and explanation', () => {
    it('covered: an approved authorization for member, code and date', () => {
      const ctx = mri({ authorizations: [authRecord({ unitsApproved: 3 })] });
      expect(f('line.authorization.status', ctx)).toBe('covered');
      expect(f('line.authorization.number', ctx)).toBe('A-1');
      expect(f('line.authorization.startDate', ctx)).toBe('2026-01-01');
      expect(f('line.authorization.endDate', ctx)).toBe('2026-03-31');
      expect(f('line.authorization.unitsApproved', ctx)).toBe(3);
      expect(f('line.authorization.unitsUsedElsewhere', ctx)).toBe(0);
      expect(f('line.authorization.unitsRemaining', ctx)).toBe(3);
      expect(f('line.authorization.providerNpi', ctx)).toBeNull();
      expect(f('line.authorization.explanation', ctx)).toBe(
        'A-1 (approved, 2026-01-01 to 2026-03-31) covers member TESTMEM001 for 73721 on 2026-01-10; 2 of 3 units remain after this line',
      );
    });

    it('none: nothing on file', () => {
      const ctx = mri();
      expect(f('line.authorization.status', ctx)).toBe('none');
      expect(f('line.authorization.number', ctx)).toBe('');
      expect(f('line.authorization.startDate', ctx)).toBeNull();
      expect(f('line.authorization.unitsRemaining', ctx)).toBeNull();
      expect(f('line.authorization.unitsUsedElsewhere', ctx)).toBeNull();
      expect(f('line.authorization.explanation', ctx)).toBe(
        'no authorization for 73721 is on file for member TESTMEM001 (needed for 73721 on 2026-01-10)',
      );
    });

    it('expired: the closest approved authorization ended before the date of service', () => {
      const ctx = mri({
        authorizations: [
          authRecord({ authNumber: 'A-OLD', startDate: '2025-01-01', endDate: '2025-06-30' }),
          authRecord({ authNumber: 'A-778', startDate: '2025-10-01', endDate: '2025-12-31' }),
        ],
      });
      expect(f('line.authorization.status', ctx)).toBe('expired');
      expect(f('line.authorization.number', ctx)).toBe('A-778');
      expect(f('line.authorization.explanation', ctx)).toBe(
        'no approved authorization covers member TESTMEM001 for 73721 on 2026-01-10 (closest: A-778, approved 2025-10-01 to 2025-12-31, expired 2025-12-31, 10 days before the service)',
      );
    });

    it('not-yet-valid: the authorization starts after the date of service', () => {
      const ctx = mri({ authorizations: [authRecord({ startDate: '2026-01-11', endDate: '2026-04-10' })] });
      expect(f('line.authorization.status', ctx)).toBe('not-yet-valid');
      expect(f('line.authorization.explanation', ctx)).toBe(
        'no approved authorization covers member TESTMEM001 for 73721 on 2026-01-10 (closest: A-1, approved 2026-01-11 to 2026-04-10, starts 2026-01-11, 1 day after the service)',
      );
    });

    it.each([
      [
        'pending',
        'authorization A-1 for 73721 (2026-01-01 to 2026-03-31) is still pending with the payer: it is not approved',
      ],
      ['denied', 'authorization A-1 for 73721 (2026-01-01 to 2026-03-31) was denied by the payer'],
      ['cancelled', 'authorization A-1 for 73721 (2026-01-01 to 2026-03-31) was cancelled'],
    ] as const)('%s: the authorization for the period is not approved', (status, explanation) => {
      const ctx = mri({ authorizations: [authRecord({ status })] });
      expect(f('line.authorization.status', ctx)).toBe(status);
      expect(f('line.authorization.explanation', ctx)).toBe(explanation);
    });

    it('prefers a pending authorization in the period to an approved one out of it', () => {
      const ctx = mri({
        authorizations: [
          authRecord({ authNumber: 'A-OLD', startDate: '2025-01-01', endDate: '2025-12-31' }),
          authRecord({ authNumber: 'A-NEW', status: 'pending' }),
        ],
      });
      expect(f('line.authorization.status', ctx)).toBe('pending');
      expect(f('line.authorization.number', ctx)).toBe('A-NEW');
    });

    it('other-code: the only authorization in the period is for another code', () => {
      const ctx = mri({ authorizations: [authRecord({ authNumber: 'A-5', procedureCode: '73722' })] });
      expect(f('line.authorization.status', ctx)).toBe('other-code');
      expect(f('line.authorization.number', ctx)).toBe('A-5');
      expect(f('line.authorization.unitsRemaining', ctx)).toBeNull();
      expect(f('line.authorization.explanation', ctx)).toBe(
        'no authorization for 73721 is on file for member TESTMEM001; A-5 on file is for 73722 (approved, 2026-01-01 to 2026-03-31)',
      );
    });

    it('none when the only authorization for another code is for another period and not quoted', () => {
      const ctx = mri({
        authorizations: [
          authRecord({ procedureCode: '73722', startDate: '2025-01-01', endDate: '2025-02-01' }),
        ],
      });
      expect(f('line.authorization.status', ctx)).toBe('none');
    });

    it('other-provider: the authorization is bound to an NPI that neither renders nor bills the line', () => {
      const ctx = mri({ authorizations: [authRecord({ providerNpi: '1111111112' })] });
      expect(f('line.authorization.status', ctx)).toBe('other-provider');
      expect(f('line.authorization.providerNpi', ctx)).toBe('1111111112');
      expect(f('line.authorization.explanation', ctx)).toBe(
        'authorization A-1 for 73721 (2026-01-01 to 2026-03-31) is for provider NPI 1111111112, but the line is rendered by NPI 1234567893 and billed by NPI 1234567893',
      );
    });

    it('accepts an authorization bound to the line rendering NPI or to the billing NPI', () => {
      const rendering = mri(
        { authorizations: [authRecord({ providerNpi: '1111111112' })] },
        { lines: [{ code: '73721', renderingNpi: '1111111112' }] },
      );
      expect(f('line.authorization.status', rendering)).toBe('covered');
      const billing = mri(
        { authorizations: [authRecord({ providerNpi: '1999999992' })] },
        { billingNpi: '1999999992' },
      );
      expect(f('line.authorization.status', billing)).toBe('covered');
    });

    it('units-exhausted: units used by other claims plus this line exceed the approved units', () => {
      const ctx = testContext({
        claim: testClaim({ lines: [{ code: '97110', units: 3 }] }),
        authorizations: [authRecord({ procedureCode: '97110', unitsApproved: 10 })],
        unitsElsewhere: { 'A-1|97110': 8 },
      });
      expect(f('line.authorization.status', ctx)).toBe('units-exhausted');
      expect(f('line.authorization.unitsUsedElsewhere', ctx)).toBe(8);
      expect(f('line.authorization.unitsRemaining', ctx)).toBe(2);
      expect(f('line.authorization.explanation', ctx)).toBe(
        'authorization A-1 approves 10 units of 97110; other claims used 8, earlier lines of this claim 0, this line bills 3: 11 in all, 1 over',
      );
    });

    it('counts earlier lines of the same claim: only the line that goes over is exhausted', () => {
      const ctx = testContext({
        claim: testClaim({
          lines: [
            { code: '97110', units: 2 },
            { code: '99213', units: 1 },
            { code: '97110', units: 2 },
          ],
        }),
        authorizations: [authRecord({ procedureCode: '97110', unitsApproved: 3 })],
      });
      expect(f('line.authorization.status', ctx, 0)).toBe('covered');
      expect(f('line.authorization.status', ctx, 2)).toBe('units-exhausted');
      expect(f('line.authorization.unitsRemaining', ctx, 2)).toBe(1);
    });

    it('units are not limited when the authorization gives no count', () => {
      const ctx = testContext({
        claim: testClaim({ lines: [{ code: '97110', units: 40 }] }),
        authorizations: [authRecord({ procedureCode: '97110', unitsApproved: null })],
        unitsElsewhere: { 'A-1|97110': 100 },
      });
      expect(f('line.authorization.status', ctx)).toBe('covered');
      expect(f('line.authorization.unitsRemaining', ctx)).toBeNull();
      expect(f('line.authorization.explanation', ctx)).toBe(
        'A-1 (approved, 2026-01-01 to 2026-03-31) covers member TESTMEM001 for 97110 on 2026-01-10',
      );
    });

    it('judges the quoted authorization, and names another one that would cover the line', () => {
      const ctx = mri(
        {
          authorizations: [
            authRecord({ authNumber: 'A-OLD', startDate: '2025-06-01', endDate: '2025-12-31' }),
            authRecord({ authNumber: 'A-NEW', startDate: '2026-01-01', endDate: '2026-06-30' }),
          ],
        },
        { priorAuthorization: 'a-old' },
      );
      expect(f('line.authorization.quotedNumber', ctx)).toBe('A-OLD');
      expect(f('line.authorization.status', ctx)).toBe('expired');
      expect(f('line.authorization.number', ctx)).toBe('A-OLD');
      expect(f('line.authorization.explanation', ctx)).toBe(
        'no approved authorization covers member TESTMEM001 for 73721 on 2026-01-10 (closest: A-OLD, approved 2025-06-01 to 2025-12-31, expired 2025-12-31, 10 days before the service); A-NEW on file (approved, 2026-01-01 to 2026-06-30) covers it: quote that number instead',
      );
    });

    it('judges every authorization for the code when the quoted number is not one of them', () => {
      const ctx = mri({ authorizations: [authRecord()] }, { priorAuthorization: 'X-9' });
      expect(f('line.authorization.status', ctx)).toBe('covered');
      expect(f('line.authorization.number', ctx)).toBe('A-1');
    });

    it('other-code names the quoted authorization for another code first', () => {
      const ctx = mri(
        {
          authorizations: [
            authRecord({ authNumber: 'A-2', procedureCode: '99214' }),
            authRecord({
              authNumber: 'A-5',
              procedureCode: '73722',
              startDate: '2025-01-01',
              endDate: '2025-02-01',
            }),
          ],
        },
        { priorAuthorization: 'A-5' },
      );
      expect(f('line.authorization.status', ctx)).toBe('other-code');
      expect(f('line.authorization.number', ctx)).toBe('A-5');
    });
  });

  describe('line.authorization.applies', () => {
    it('is true for a required code, a line quoting its own number, or a claim number on file for the code', () => {
      const ctx = testContext({
        claim: testClaim({
          priorAuthorization: 'A-9',
          lines: [
            { code: '73721' },
            { code: '99213' },
            { code: '99214', priorAuthorization: 'B-1' },
            { code: '20610' },
          ],
        }),
        authorizations: [authRecord({ authNumber: 'A-9', procedureCode: '20610' })],
      });
      expect([0, 1, 2, 3].map((i) => f('line.authorization.applies', ctx, i))).toEqual([
        true,
        false,
        true,
        true,
      ]);
    });
  });

  describe('authorization numbers', () => {
    const base = {
      authorizations: [authRecord({ authNumber: 'A-1', procedureCode: '73721' })],
      otherAuthorizations: [authRecord({ authNumber: 'Z-1', memberId: 'OTHER', patientLastName: 'OTHER' })],
    };
    it.each([
      ['', 'not-quoted', 'no authorization number is quoted'],
      ['a-1', 'on-file', 'A-1 is on file for member TESTMEM001 for 73721'],
      ['Z-1', 'other-patient', 'Z-1 is on file, but for a different patient than member TESTMEM001'],
      ['Q 7', 'unknown', 'Q7 is not on file for any patient'],
    ])('claim REF G1 %j is %s', (number, status, explanation) => {
      const ctx = mri(base, { priorAuthorization: number });
      expect(f('claim.authorization.quotedNumber', ctx)).toBe(number.replace(' ', '').toUpperCase());
      expect(f('claim.authorization.numberStatus', ctx)).toBe(status);
      expect(f('claim.authorization.numberExplanation', ctx)).toBe(explanation);
    });

    it('claim REF G1 on file for a code the claim does not bill is other-code', () => {
      const ctx = testContext({
        claim: testClaim({ priorAuthorization: 'A-1', lines: [{ code: '73722' }, { code: '99213' }] }),
        authorizations: [authRecord()],
      });
      expect(f('claim.authorization.numberStatus', ctx)).toBe('other-code');
      expect(f('claim.authorization.numberExplanation', ctx)).toBe(
        'A-1 is on file for member TESTMEM001 for 73721, not for the billed 73722, 99213',
      );
    });

    it("a line's own REF G1 is checked against the line's code", () => {
      const ctx = testContext({
        claim: testClaim({
          lines: [
            { code: '73721', priorAuthorization: 'A-1' },
            { code: '73722', priorAuthorization: 'A-1' },
            { code: '99213' },
          ],
        }),
        authorizations: [authRecord()],
      });
      expect([0, 1, 2].map((i) => f('line.authorization.numberStatus', ctx, i))).toEqual([
        'on-file',
        'other-code',
        'not-quoted',
      ]);
      expect(f('line.authorization.numberExplanation', ctx, 1)).toBe(
        'A-1 is on file for member TESTMEM001 for 73721, not for the billed 73722',
      );
    });
  });
});
