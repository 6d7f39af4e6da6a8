import type { CarcCategoryLookup } from '../reporting/backtest.js';
import type { FindingFact } from '../reporting/types.js';
import { DryRunTally, type CandidateRuleInfo } from './dry-run.js';
import type { ReplayedClaim } from './replay.js';

const CATEGORIES: Record<string, string[]> = {
  '16': ['billing-data', 'documentation'],
  '197': ['authorization'],
  '151': ['units'],
};
const carcs: CarcCategoryLookup = { categoriesOf: (c) => CATEGORIES[c] ?? ['other'] };

let n = 0;
function claim(firstPass: ReplayedClaim['firstPass'], denialCarcs: string[] = []): ReplayedClaim {
  n++;
  return {
    claimId: `c${String(n).padStart(3, '0')}`,
    patientControlNumber: `PCN${n}`,
    month: '2026-01',
    payerId: 'P1',
    providerNpi: '1234567893',
    claimType: 'professional',
    chargeCents: 10000,
    firstPass,
    denialCarcs,
    deniedCents: firstPass === 'denied' ? 10000 : firstPass === 'partial' ? 4000 : 0,
  };
}

const flag = (ruleId: string, category: string, carc: string[] = []): FindingFact => ({
  ruleId,
  category,
  severity: 'warn',
  line: null,
  carc,
});

const rules: CandidateRuleInfo[] = [
  {
    id: 'AUTH-NEW',
    title: 'new',
    category: 'authorization',
    severity: 'block',
    level: 'claim',
    change: 'added',
  },
  {
    id: 'DOC-X',
    title: 'doc',
    category: 'documentation',
    severity: 'warn',
    level: 'claim',
    change: 'replaced',
  },
];

describe('DryRunTally', () => {
  beforeEach(() => {
    n = 0;
  });

  it('counts what each candidate rule flags and compares both sets claim by claim', () => {
    const t = new DryRunTally(rules, carcs);
    const auth = flag('AUTH-NEW', 'authorization');
    const docOld = flag('DOC-X', 'documentation');
    const docNew = flag('DOC-X', 'documentation');
    const other = flag('UNITS-MUE', 'units', ['151']);
    // 1: denied 197, only the new rule anticipates it: newly flagged.
    t.add(claim('denied', ['197']), [], [auth]);
    // 2: denied 16, the old and new DOC-X both flag it, and UNITS-MUE does not anticipate 16.
    t.add(claim('denied', ['16']), [docOld, other], [docNew, other]);
    // 3: paid, the old DOC-X flagged it, the new one does not: no longer flagged.
    t.add(claim('paid'), [docOld], []);
    // 4: waiting: the new rule flags it (counted as flagged, not adjudicated).
    t.add(claim('pending'), [], [auth]);
    // 5: partial 151 + 197: both AUTH-NEW and UNITS-MUE anticipate: not unique.
    t.add(claim('partial', ['151', '197']), [other], [auth, other]);
    // 6: paid, nothing flags it.
    t.add(claim('paid'), [], []);

    const r = t.result({ current: 'aaaaaaaaaaaa', candidate: 'bbbbbbbbbbbb' });
    expect(r.claims).toBe(6);
    const [a, d] = r.rules;
    expect(a).toEqual({
      ...rules[0],
      flaggedClaims: 3,
      adjudicated: 2,
      firedDenied: 2,
      anticipated: 2,
      precision: 1,
      precisionMatching: 1,
      recallContribution: 0.6667,
      uniqueAnticipated: 1,
      uniqueRecallContribution: 0.3333,
      before: null,
    });
    expect(d).toMatchObject({
      flaggedClaims: 1,
      adjudicated: 1,
      firedDenied: 1,
      anticipated: 1,
      uniqueAnticipated: 1,
    });
    expect(d!.before).toMatchObject({ flaggedClaims: 2, adjudicated: 2, firedDenied: 1, precision: 0.5 });
    expect(r.wouldFlag.count).toBe(4);
    expect(r.wouldFlag.claims.map((c) => [c.claimId, c.rules])).toEqual([
      ['c001', ['AUTH-NEW']],
      ['c002', ['DOC-X']],
      ['c004', ['AUTH-NEW']],
      ['c005', ['AUTH-NEW']],
    ]);
    expect(r.newlyFlagged.claims.map((c) => c.claimId)).toEqual(['c001', 'c004']);
    expect(r.noLongerFlagged.claims).toEqual([
      {
        claimId: 'c003',
        patientControlNumber: 'PCN3',
        month: '2026-01',
        payerId: 'P1',
        firstPass: 'paid',
        denialCarcs: [],
        rules: ['DOC-X'],
      },
    ]);
    // Totals: 5 adjudicated, 3 denied; active: anticipated 2 (c002, c005) of flagged 3 (c002, c003, c005).
    expect(r.current).toEqual({
      ruleSetVersion: 'aaaaaaaaaaaa',
      totals: expect.objectContaining({
        adjudicated: 5,
        denied: 3,
        flagged: 3,
        anticipated: 2,
        recall: 0.6667,
      }),
    });
    expect(r.candidate.totals).toEqual(
      expect.objectContaining({ flagged: 3, flaggedDenied: 3, anticipated: 3, recall: 1, precision: 1 }),
    );
  });

  it('keeps the first claims of each list and counts them all', () => {
    const t = new DryRunTally([rules[0]!], carcs, 2);
    for (let i = 0; i < 5; i++) t.add(claim('paid'), [], [flag('AUTH-NEW', 'authorization')]);
    const r = t.result({ current: 'a', candidate: 'b' });
    expect(r.wouldFlag.count).toBe(5);
    expect(r.wouldFlag.claims.map((c) => c.claimId)).toEqual(['c001', 'c002']);
    expect(r.rules[0]!.precision).toBe(0);
    expect(r.rules[0]!.recallContribution).toBeNull();
  });
});
