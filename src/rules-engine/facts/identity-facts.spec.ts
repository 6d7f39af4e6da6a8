import type { IdentityProblem } from '../../patient-matching/patient-matcher.js';
import type { ClaimContext } from '../claim-context.js';
import { IDENTITY_FACTS } from './identity-facts.js';
import { eligRecord, factValue, linked, testContext } from './testing/patient-context-fixture.js';

const f = (name: string, ctx: ClaimContext) => factValue(IDENTITY_FACTS, name, ctx);

const nameProblem: IdentityProblem = {
  kind: 'name-mismatch',
  reason: "the claim's patient name differs from the record's: first names ALPHA and ALFA are similar",
};
const dobProblem: IdentityProblem = {
  kind: 'dob-mismatch',
  reason: "the claim's date of birth differs from the record's: day and month swapped",
};
const typoProblem: IdentityProblem = {
  kind: 'member-id-typo',
  reason: "the claim's member id looks like a typing slip of the record's: one character differs",
};

describe('identity facts', () => {
  it('declares the eligibility source on every fact', () => {
    expect(IDENTITY_FACTS.every((d) => d.source === 'eligibility')).toBe(true);
  });

  it('an exact link has no problem', () => {
    const ctx = testContext();
    expect(f('claim.identity.problemKinds', ctx)).toEqual([]);
    expect(f('claim.identity.explanation', ctx)).toBe('no identity problem');
    expect(f('claim.identity.rosterMemberId', ctx)).toBe('TESTMEM001');
    expect(f('claim.identity.duplicateRecordCount', ctx)).toBe(0);
    expect(f('claim.identity.duplicateRecordExplanation', ctx)).toBe('no duplicate records');
  });

  it('reads the best link of the claim payer, then the eligibility match problems', () => {
    const ctx = testContext({
      coverage: [
        linked(eligRecord({ payerId: 'OTHERPAY', memberId: 'X1' }), [], 1),
        linked(eligRecord({ memberId: 'TESTMEM00l' }), [typoProblem, nameProblem], 0.85),
        linked(eligRecord({ coverageStart: '2024-01-01' }), [dobProblem], 0.9),
      ],
      identityProblems: [
        { source: 'eligibility', problem: { kind: 'ambiguous-match', reason: '2 different people match' } },
        { source: 'eligibility', problem: { kind: 'missing-patient', reason: 'ignored' } },
        { source: 'authorizations', problem: { kind: 'member-id-collision', reason: 'ignored too' } },
      ],
    });
    expect(f('claim.identity.problemKinds', ctx)).toEqual(['dob-mismatch', 'ambiguous-match']);
    expect(f('claim.identity.dobExplanation', ctx)).toBe(dobProblem.reason);
    expect(f('claim.identity.nameExplanation', ctx)).toBe('no identity problem');
    expect(f('claim.identity.explanation', ctx)).toBe(`${dobProblem.reason}; 2 different people match`);
  });

  it('name and member id problems', () => {
    const ctx = testContext({
      coverage: [linked(eligRecord({ memberId: 'TESTMEM00l' }), [typoProblem, nameProblem])],
    });
    expect(f('claim.identity.problemKinds', ctx)).toEqual(['member-id-typo', 'name-mismatch']);
    expect(f('claim.identity.memberIdExplanation', ctx)).toBe(typoProblem.reason);
    expect(f('claim.identity.nameExplanation', ctx)).toBe(nameProblem.reason);
    expect(f('claim.identity.rosterMemberId', ctx)).toBe('TESTMEM00l');
  });

  it('duplicate records involving the patient', () => {
    const ctx = testContext({
      duplicateRecords: [
        {
          kind: 'duplicate-record',
          reason: '2 records share the name and date of birth under 2 different member ids (A1, B2)',
        },
      ],
    });
    expect(f('claim.identity.duplicateRecordCount', ctx)).toBe(1);
    expect(f('claim.identity.duplicateRecordExplanation', ctx)).toBe(
      '2 records share the name and date of birth under 2 different member ids (A1, B2)',
    );
  });
});
