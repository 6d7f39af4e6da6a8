import {
  describeReevaluation,
  describeRefs,
  diffFindings,
  type EvaluatedClaim,
  hasChanges,
  type PayerWideChanges,
  type ReasonContext,
  reevaluationReasons,
  sourcesByCategory,
} from './reevaluation-change.js';

const EVALUATED = '2026-03-01T02:00:00.000Z';
const BEFORE = '2026-02-28T12:00:00.000Z';
const AFTER = '2026-03-02T09:30:00.000Z';

const noPayerChanges: PayerWideChanges = {
  authorizations: new Map(),
  eligibility: new Map(),
  contracts: new Map(),
  documentation: null,
};

function context(payers: Partial<PayerWideChanges> = {}): ReasonContext {
  return {
    ruleSetVersion: 'abc123def456',
    sourcesByCategory: sourcesByCategory([
      { category: 'authorization', sources: ['authorizations'] },
      { category: 'eligibility', sources: ['eligibility'] },
      { category: 'medical-necessity', sources: ['documentation'] },
      { category: 'coding', sources: [] },
    ]),
    payers: { ...noPayerChanges, ...payers },
  };
}

const claim = (over: Partial<EvaluatedClaim> = {}): EvaluatedClaim => ({
  payerId: 'PAYER01',
  evaluatedAt: EVALUATED,
  ruleSetVersion: 'abc123def456',
  notChecked: [],
  ...over,
});

describe('reevaluationReasons', () => {
  it('finds none when nothing changed since the evaluation', () => {
    expect(reevaluationReasons(claim(), { authorization: BEFORE, claims: BEFORE }, context())).toEqual([]);
  });

  it('names a claim never evaluated as such, whatever else changed', () => {
    expect(
      reevaluationReasons(
        claim({ evaluatedAt: null, ruleSetVersion: null }),
        { authorization: AFTER },
        context(),
      ),
    ).toEqual(['unevaluated']);
  });

  it('names another rule set', () => {
    expect(reevaluationReasons(claim({ ruleSetVersion: 'old' }), {}, context())).toEqual(['rules']);
  });

  it('names each kind of record updated after the evaluation, in order', () => {
    const sut = reevaluationReasons(
      claim(),
      { claims: AFTER, patient: AFTER, eligibility: AFTER, documentation: AFTER, authorization: AFTER },
      context(),
    );
    expect(sut).toEqual(['authorization', 'documentation', 'eligibility', 'patient', 'claims']);
  });

  it('counts a change stamped at the very moment of the evaluation (order unknown)', () => {
    expect(reevaluationReasons(claim(), { authorization: EVALUATED }, context())).toEqual(['authorization']);
  });

  it("names the payer's contract rates updated after, by normalized payer id", () => {
    const ctx = context({ contracts: new Map([['PAYER01', AFTER]]) });
    expect(reevaluationReasons(claim({ payerId: ' payer01 ' }), {}, ctx)).toEqual(['contract']);
    expect(reevaluationReasons(claim({ payerId: 'OTHER' }), {}, ctx)).toEqual([]);
    const old = context({ contracts: new Map([['PAYER01', BEFORE]]) });
    expect(reevaluationReasons(claim(), {}, old)).toEqual([]);
  });

  it("turns a not-checked category on when the payer's first records of its source arrive", () => {
    const ctx = context({
      authorizations: new Map([['PAYER01', AFTER]]),
      eligibility: new Map([['PAYER01', AFTER]]),
      documentation: AFTER,
    });
    // Authorizations for another patient of the payer matter only while authorization rules wait for them.
    expect(reevaluationReasons(claim(), {}, ctx)).toEqual([]);
    expect(reevaluationReasons(claim({ notChecked: ['authorization'] }), {}, ctx)).toEqual(['authorization']);
    expect(reevaluationReasons(claim({ notChecked: ['eligibility'] }), {}, ctx)).toEqual(['eligibility']);
    expect(reevaluationReasons(claim({ notChecked: ['medical-necessity'] }), {}, ctx)).toEqual([
      'documentation',
    ]);
    // A category whose rules read no source, or an unknown one, waits for nothing.
    expect(reevaluationReasons(claim({ notChecked: ['coding', 'retired'] }), {}, ctx)).toEqual([]);
    // Another payer's first records change nothing for this claim.
    expect(
      reevaluationReasons(claim({ payerId: 'OTHER', notChecked: ['authorization', 'eligibility'] }), {}, ctx),
    ).toEqual([]);
  });
});

describe('sourcesByCategory', () => {
  it('unites the sources of every rule of a category, sorted', () => {
    const sut = sourcesByCategory([
      { category: 'authorization', sources: ['authorizations'] },
      { category: 'authorization', sources: ['eligibility', 'authorizations'] },
      { category: 'coding', sources: [] },
    ]);
    expect(sut).toEqual(
      new Map([
        ['authorization', ['authorizations', 'eligibility']],
        ['coding', []],
      ]),
    );
  });
});

describe('diffFindings', () => {
  it('lists the findings cleared and added by rule and line, ignoring order and repeats', () => {
    const sut = diffFindings(
      [
        { ruleId: 'AUTH-REQUIRED', lineNumber: 2 },
        { ruleId: 'AUTH-REQUIRED', lineNumber: 1 },
        { ruleId: 'NPI-INVALID', lineNumber: 0 },
        { ruleId: 'NPI-INVALID', lineNumber: 0 },
      ],
      [
        { ruleId: 'NPI-INVALID', lineNumber: 0 },
        { ruleId: 'AUTH-OUTSIDE-PERIOD', lineNumber: 2 },
        { ruleId: 'AUTH-REQUIRED', lineNumber: 2 },
      ],
    );
    expect(sut).toEqual({
      cleared: [{ ruleId: 'AUTH-REQUIRED', lineNumber: 1 }],
      added: [{ ruleId: 'AUTH-OUTSIDE-PERIOD', lineNumber: 2 }],
    });
    expect(hasChanges(sut)).toBe(true);
  });

  it('tells the same rule on another line apart', () => {
    const sut = diffFindings([{ ruleId: 'R', lineNumber: 1 }], [{ ruleId: 'R', lineNumber: 0 }]);
    expect(sut).toEqual({
      cleared: [{ ruleId: 'R', lineNumber: 1 }],
      added: [{ ruleId: 'R', lineNumber: 0 }],
    });
  });

  it('finds no change when the same findings come back', () => {
    const same = [
      { ruleId: 'A', lineNumber: 1 },
      { ruleId: 'B', lineNumber: 0 },
    ];
    const sut = diffFindings(same, [...same].reverse());
    expect(sut).toEqual({ cleared: [], added: [] });
    expect(hasChanges(sut)).toBe(false);
    expect(hasChanges(diffFindings([], []))).toBe(false);
  });
});

describe('describeRefs', () => {
  it('names each rule once with its lines, the claim level without a line', () => {
    expect(describeRefs([])).toBe('none');
    expect(
      describeRefs([
        { ruleId: 'B', lineNumber: 3 },
        { ruleId: 'B', lineNumber: 1 },
        { ruleId: 'A', lineNumber: 0 },
        { ruleId: 'C', lineNumber: 0 },
        { ruleId: 'C', lineNumber: 2 },
      ]),
    ).toBe('A, B lines 1, 3, C claim and line 2');
  });

  it('names six rules and counts the rest', () => {
    const refs = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8'].map((ruleId) => ({
      ruleId,
      lineNumber: 1,
    }));
    expect(describeRefs(refs)).toBe(
      'R1 line 1, R2 line 1, R3 line 1, R4 line 1, R5 line 1, R6 line 1 and 2 more rules',
    );
    expect(describeRefs(refs.slice(0, 7))).toMatch(/and 1 more rule$/);
  });
});

describe('describeReevaluation', () => {
  it('says why, what was cleared and added, and the risk before and after', () => {
    expect(
      describeReevaluation({
        reasons: ['authorization'],
        change: { cleared: [{ ruleId: 'AUTH-REQUIRED', lineNumber: 1 }], added: [] },
        riskBefore: 624,
        riskAfter: 81,
      }),
    ).toBe('re-evaluated (authorization updated): cleared AUTH-REQUIRED line 1; added none; risk 62% → 8%');
  });

  it('names several reasons in a fixed order, and an unchanged or first risk plainly', () => {
    expect(
      describeReevaluation({
        reasons: ['contract', 'rules'],
        change: { cleared: [], added: [{ ruleId: 'UNDERPAID', lineNumber: 0 }] },
        riskBefore: 301,
        riskAfter: 298,
      }),
    ).toBe(
      're-evaluated (rules changed, contract rates updated): cleared none; added UNDERPAID; risk unchanged at 30%',
    );
    expect(
      describeReevaluation({
        reasons: ['unevaluated'],
        change: { cleared: [], added: [{ ruleId: 'AUTH-REQUIRED', lineNumber: 1 }] },
        riskBefore: null,
        riskAfter: 500,
      }),
    ).toBe('re-evaluated (never evaluated): cleared none; added AUTH-REQUIRED line 1; risk 50%');
  });
});
