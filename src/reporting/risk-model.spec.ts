import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  calibrate,
  fitAndCalibrate,
  fitRiskModel,
  loadRiskConfig,
  parseRiskConfig,
  predictClaim,
  predictProbability,
  priorFor,
  priorModel,
  RiskConfigError,
  shrink,
  splitHoldout,
  type RiskConfig,
  type RiskTrainingRow,
} from './risk-model.js';
import type { FindingFact } from './types.js';

const CONFIG: RiskConfig = {
  severityPriors: { block: 0.8, warn: 0.3 },
  categoryPriors: { 'timely-filing': { block: 0.95 } },
  baseRatePrior: 0.04,
  shrinkage: { category: 10, rule: 20, base: 100 },
  minRuleClaims: 5,
  holdoutMonths: 2,
};

function finding(
  ruleId: string,
  category: string,
  severity: FindingFact['severity'],
  line: number | null = null,
): FindingFact {
  return { ruleId, category, severity, line, carc: [] };
}

let seq = 0;
function row(
  payerId: string,
  findings: FindingFact[],
  denialCategories: string[] = [],
  opts: { month?: string; denied?: boolean } = {},
): RiskTrainingRow {
  seq += 1;
  return {
    claimId: `C${seq}`,
    month: opts.month ?? '2024-01',
    payerId,
    findings,
    denied: opts.denied ?? denialCategories.length > 0,
    denialCategories,
  };
}

function times<T>(n: number, make: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

const AUTH = finding('AUTH-REQ', 'authorization', 'block');

describe('shrink', () => {
  it('gives the prior with no evidence, k/n with overwhelming evidence, and the blend between', () => {
    expect(shrink(0, 0, 20, 0.3)).toBe(0.3);
    expect(shrink(0, 0, 0, 0.3)).toBe(0.3);
    expect(shrink(8, 10, 20, 0.3)).toBeCloseTo(14 / 30, 12); // (8 + 20·0.3) / (10 + 20)
    expect(shrink(5, 10, 0, 0.9)).toBe(0.5);
    expect(shrink(600_000, 1_000_000, 20, 0.3)).toBeCloseTo(0.6, 4);
    // n = m moves the estimate exactly halfway from the prior to k/n.
    expect(shrink(10, 20, 20, 0.3)).toBeCloseTo((0.5 + 0.3) / 2, 12);
  });

  it('takes the category override of the severity prior', () => {
    expect(priorFor(CONFIG, 'timely-filing', 'block')).toBe(0.95);
    expect(priorFor(CONFIG, 'timely-filing', 'warn')).toBe(0.3);
    expect(priorFor(CONFIG, 'coding', 'block')).toBe(0.8);
  });
});

describe('fitRiskModel', () => {
  // Payer A: 10 claims with AUTH-REQ, 9 denied for authorization; 10 clean claims, 1 denied for
  // eligibility (unexplained). Payer B: 5 claims with AUTH-REQ, none denied.
  const rows = [
    ...times(10, (i) => row('payer-a', [AUTH], i < 9 ? ['authorization'] : [])),
    ...times(10, (i) => row('PAYER-A ', [], i < 1 ? ['eligibility'] : [])),
    ...times(5, () => row('payer-b', [AUTH])),
  ];
  const model = fitRiskModel(rows, CONFIG, '2024-06-01T00:00:00Z');

  it('pools the category across payers, shrunk towards the prior', () => {
    // (9 + 10·0.8) / (15 + 10)
    expect(model.category.pooled['authorization']!.block).toEqual({ p: 17 / 25, n: 15, k: 9 });
    expect(model.category.pooled['authorization']!.warn).toBeUndefined();
  });

  it('shrinks each payer towards the pooled category (payer ids normalized)', () => {
    expect(Object.keys(model.category.byPayer).sort()).toEqual(['PAYER-A', 'PAYER-B']);
    const a = model.category.byPayer['PAYER-A']!['authorization']!.block!;
    const b = model.category.byPayer['PAYER-B']!['authorization']!.block!;
    expect(a.n).toBe(10);
    expect(a.k).toBe(9);
    expect(a.p).toBeCloseTo((9 + 10 * 0.68) / 20, 12); // 0.79
    expect(b.p).toBeCloseTo((0 + 10 * 0.68) / 15, 12); // 0.4533
  });

  it('counts unexplained denials for the base rate, per payer and pooled', () => {
    expect(model.base.pooled).toEqual({ p: (1 + 100 * 0.04) / (25 + 100), n: 25, k: 1 });
    expect(model.base.byPayer['PAYER-A']!.p).toBeCloseTo(5 / 120, 12);
    expect(model.base.byPayer['PAYER-B']!.p).toBeCloseTo(4 / 105, 12);
    expect(model.trainedOn).toEqual({ from: '2024-01', to: '2024-01', claims: 25, denied: 10 });
    expect(model.fittedAt).toBe('2024-06-01T00:00:00Z');
  });

  it('treats a denial as unexplained when one of its categories had no finding, or it has none', () => {
    const m = fitRiskModel(
      [
        row('P', [AUTH], ['authorization']), // explained
        row('P', [AUTH], ['authorization', 'eligibility']), // eligibility unexplained
        row('P', [AUTH], [], { denied: true }), // CARCs not mapped: unexplained
        row('P', [AUTH], ['authorization'], { denied: false }), // not denied: categories ignored
      ],
      CONFIG,
      'now',
    );
    expect(m.base.pooled.k).toBe(2);
    expect(m.category.pooled['authorization']!.block).toMatchObject({ n: 4, k: 2 });
  });

  it('ignores info findings', () => {
    const withInfo = fitRiskModel(
      [
        row('P', [finding('NOTE', 'coding', 'info')], ['coding']),
        row('P', [AUTH, finding('N2', 'coding', 'info')]),
      ],
      CONFIG,
      'now',
    );
    expect(withInfo.category.pooled['coding']).toBeUndefined();
    expect(withInfo.rule['NOTE']).toBeUndefined();
    expect(withInfo.base.pooled.k).toBe(1); // the coding denial had no block/warn coding finding
  });

  it('keys category cells by the claim’s highest severity and counts a rule once per claim', () => {
    const m = fitRiskModel(
      [
        row('P', [finding('C1', 'coding', 'warn', 1), finding('C1', 'coding', 'warn', 2)], ['coding']),
        row('P', [finding('C1', 'coding', 'warn', 1), finding('C2', 'coding', 'block', 2)]),
      ],
      { ...CONFIG, minRuleClaims: 1 },
      'now',
    );
    expect(m.category.pooled['coding']).toEqual({
      warn: { p: (1 + 10 * 0.3) / 11, n: 1, k: 1 },
      block: { p: (0 + 10 * 0.8) / 11, n: 1, k: 0 },
    });
    expect(m.rule['C1']).toMatchObject({ category: 'coding', severity: 'warn', n: 2, k: 1 });
  });

  it('gives a rule its own estimate only from minRuleClaims fired claims', () => {
    const rule = finding('AUTH-NARROW', 'authorization', 'block');
    const under = fitRiskModel(
      times(4, () => row('P', [rule], ['authorization'])),
      CONFIG,
      'now',
    );
    const at = fitRiskModel(
      times(5, () => row('P', [rule], ['authorization'])),
      CONFIG,
      'now',
    );
    expect(under.rule['AUTH-NARROW']).toEqual({
      category: 'authorization',
      severity: 'block',
      n: 4,
      k: 4,
      p: null,
    });
    const pooled = (5 + 10 * 0.8) / 15;
    expect(at.rule['AUTH-NARROW']!.p).toBeCloseTo((5 + 20 * pooled) / 25, 12);

    const under4 = predictClaim(under, 'P', [rule], []).contributions[0]!;
    expect(under4.source).toBe('payer-category');
    const payerCat = (4 + 10 * ((4 + 10 * 0.8) / 14)) / 14;
    expect(under4.probability).toBeCloseTo(payerCat, 12);
    const at5 = predictClaim(at, 'P', [rule], []).contributions[0]!;
    expect(at5.source).toBe('rule');
    expect(at5.probability).toBeCloseTo((5 + 20 * ((5 + 10 * pooled) / 15)) / 25, 12);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it('keeps prototype-like ids as plain keys', () => {
    const m = fitRiskModel(
      [row('__proto__', [finding('constructor', 'toString', 'warn')], ['toString'])],
      CONFIG,
      'now',
    );
    expect(Object.getPrototypeOf(m.rule)).toBe(Object.prototype);
    expect(m.rule['constructor']!.n).toBe(1);
    expect(predictProbability(priorModel(CONFIG), 'x', [finding('R', 'constructor', 'warn')])).toBeCloseTo(
      1 - 0.96 * 0.7,
      12,
    );
  });
});

describe('predictClaim', () => {
  it('falls back payer × category → category → prior', () => {
    const model = fitRiskModel(
      [
        ...times(10, (i) => row('A', [AUTH], i < 9 ? ['authorization'] : [])),
        ...times(5, () => row('B', [AUTH])),
      ],
      { ...CONFIG, minRuleClaims: 100 },
      'now',
    );
    const coding = finding('CODE-1', 'coding', 'warn', 1);
    const a = predictClaim(model, 'a', [AUTH, coding], []).contributions;
    expect(a.map((c) => [c.source, c.probability])).toEqual([
      ['payer-category', (9 + 10 * 0.68) / 20],
      ['prior', 0.3],
    ]);
    const unknown = predictClaim(model, 'NEW-PAYER', [AUTH], []);
    expect(unknown.contributions[0]!.source).toBe('category');
    expect(unknown.contributions[0]!.probability).toBeCloseTo(0.68, 12);
    expect(unknown.base).toBeCloseTo(model.base.pooled.p, 12);
    // A payer with history but none in this category gets the pooled estimate too.
    const c = fitRiskModel([...times(3, () => row('C', []))], CONFIG, 'now');
    expect(predictClaim(c, 'C', [AUTH], []).contributions[0]).toMatchObject({
      source: 'prior',
      probability: 0.8,
    });
  });

  // Prior model: base 0.04, block 0.8, warn 0.3. Authorization (claim level, 0.8); coding: a
  // claim-level warn (0.3) and a block on line 2 (0.8), so coding counts 0.8 for the claim and for
  // line 2, and 0.3 for line 1; an info finding that changes nothing.
  const findings = [
    finding('AUTH-X', 'authorization', 'block'),
    finding('CODE-W', 'coding', 'warn'),
    finding('CODE-B', 'coding', 'block', 2),
    finding('NOTE', 'coding', 'info', 1),
  ];
  const lines = [
    { lineNumber: 1, chargeCents: 10_000 },
    { lineNumber: 2, chargeCents: 5_001 },
  ];

  it('combines categories by noisy-OR, the strongest finding per category', () => {
    const r = predictClaim(priorModel(CONFIG), 'ANY', findings, lines);
    expect(r.base).toBe(0.04);
    expect(r.probability).toBeCloseTo(1 - 0.96 * 0.2 * 0.2, 12); // 0.9616
    expect(predictProbability(priorModel(CONFIG), 'ANY', findings)).toBeCloseTo(0.9616, 12);
  });

  it('computes expected denied cents per line, rounded per line', () => {
    const r = predictClaim(priorModel(CONFIG), 'ANY', findings, lines);
    // line 1: 10000 × (1 − 0.96·0.2·0.7) = 8656; line 2: 5001 × 0.9616 = 4808.96 → 4809
    expect(r.expectedDeniedCents).toBe(8656 + 4809);
  });

  it('attributes the probability and the cents by log-survival share, summing exactly', () => {
    const r = predictClaim(priorModel(CONFIG), 'ANY', findings, lines);
    expect(r.contributions.map((c) => c.ruleId)).toEqual(['AUTH-X', 'CODE-W', 'CODE-B']);
    // −ln 0.96 : −ln 0.2 : −ln 0.2 = 125.23 : 4937.38 : 4937.38 in 1/10000; the spare unit goes to
    // the largest remainder (the first on a tie).
    expect(r.baseShare).toBe(0.0125);
    expect(r.contributions.map((c) => c.share)).toEqual([0.4938, 0, 0.4937]);
    // line 1 (8656) splits base : auth : coding-warn as 176.07 : 6941.58 : 1538.36;
    // line 2 (4809) splits base : auth : coding-block as 60.22 : 2374.39 : 2374.39.
    expect(r.baseExpectedCents).toBe(176 + 60);
    expect(r.contributions.map((c) => c.expectedCents)).toEqual([6942 + 2375, 1538, 2374]);
    const shareUnits =
      Math.round(r.baseShare * 10_000) +
      r.contributions.reduce((s, c) => s + Math.round(c.share * 10_000), 0);
    expect(shareUnits).toBe(10_000);
    expect(r.baseExpectedCents + r.contributions.reduce((s, c) => s + c.expectedCents, 0)).toBe(
      r.expectedDeniedCents,
    );
    expect(r.contributions.map((c) => [c.line, c.source, c.probability])).toEqual([
      [null, 'prior', 0.8],
      [null, 'prior', 0.3],
      [2, 'prior', 0.8],
    ]);
  });

  it('counts two equal findings of one category once, credited to the first', () => {
    const r = predictClaim(
      priorModel(CONFIG),
      'ANY',
      [finding('CODE-1', 'coding', 'warn'), finding('CODE-2', 'coding', 'warn')],
      [{ lineNumber: 1, chargeCents: 1_000 }],
    );
    expect(r.probability).toBeCloseTo(1 - 0.96 * 0.7, 12);
    expect(r.expectedDeniedCents).toBe(328);
    // −ln 0.96 : −ln 0.7 = 0.0408 : 0.3567 → 1026.98 : 8973.02 (in 1/10000); cents 33.68 : 294.32
    expect([r.baseShare, ...r.contributions.map((c) => c.share)]).toEqual([0.1027, 0.8973, 0]);
    expect([r.baseExpectedCents, ...r.contributions.map((c) => c.expectedCents)]).toEqual([34, 294, 0]);
  });

  it('gives everything to the base when no finding can cause a denial', () => {
    const r = predictClaim(priorModel(CONFIG), 'ANY', [finding('NOTE', 'coding', 'info')], lines);
    expect(r.probability).toBeCloseTo(0.04, 12);
    expect(r.contributions).toEqual([]);
    expect(r.baseShare).toBe(1);
    expect(r.expectedDeniedCents).toBe(400 + 200); // 10000·0.04, 5001·0.04 = 200.04
    expect(r.baseExpectedCents).toBe(600);
  });

  it('rejects charges that are not whole cents', () => {
    expect(() => predictClaim(priorModel(CONFIG), 'ANY', [], [{ lineNumber: 1, chargeCents: 10.5 }])).toThrow(
      /whole cents/,
    );
  });
});

/** A small seeded PRNG (mulberry32) for reproducible synthetic histories. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Claims drawn from a known noisy-OR: payer-specific authorization and base rates, two coding rules
 * of different strength, documentation warnings. Each cause that fires adds its category to the
 * denial; an unexplained denial is filed under eligibility (never flagged here).
 */
function syntheticHistory(seed: number, months: number, perMonth: number): RiskTrainingRow[] {
  const rand = mulberry32(seed);
  const truth = {
    auth: { P1: 0.7, P2: 0.4 } as Record<string, number>,
    base: { P1: 0.03, P2: 0.08 } as Record<string, number>,
    'CODE-A': 0.35,
    'CODE-B': 0.1,
    doc: 0.2,
  };
  const rows: RiskTrainingRow[] = [];
  for (let m = 1; m <= months; m++) {
    const month = `2024-${String(m).padStart(2, '0')}`;
    for (let i = 0; i < perMonth; i++) {
      const payer = rand() < 0.5 ? 'P1' : 'P2';
      const findings: FindingFact[] = [];
      const denial = new Set<string>();
      if (rand() < 0.3) {
        findings.push(finding('AUTH-REQ', 'authorization', 'block'));
        if (rand() < truth.auth[payer]!) denial.add('authorization');
      }
      if (rand() < 0.4) {
        const rule = rand() < 0.5 ? 'CODE-A' : 'CODE-B';
        findings.push(finding(rule, 'coding', 'warn', 1));
        if (rand() < truth[rule]) denial.add('coding');
      }
      if (rand() < 0.15) {
        findings.push(finding('DOC-MISSING', 'documentation', 'warn'));
        if (rand() < truth.doc) denial.add('documentation');
      }
      if (rand() < truth.base[payer]!) denial.add('eligibility');
      rows.push({
        claimId: `S${m}-${i}`,
        month,
        payerId: payer,
        findings,
        denied: denial.size > 0,
        denialCategories: [...denial],
      });
    }
  }
  return rows;
}

describe('calibration', () => {
  // Deliberately wrong priors, weak shrinkage: the data must correct them.
  const WRONG: RiskConfig = {
    severityPriors: { block: 0.1, warn: 0.9 },
    categoryPriors: {},
    baseRatePrior: 0.5,
    shrinkage: { category: 5, rule: 5, base: 20 },
    minRuleClaims: 30,
    holdoutMonths: 3,
  };
  const history = syntheticHistory(20240601, 12, 2000);
  const result = fitAndCalibrate(history, WRONG, '2025-01-01T00:00:00Z');

  it('recovers the generating rates', () => {
    const m = result.model;
    expect(m.category.byPayer['P1']!['authorization']!.block!.p).toBeCloseTo(0.7, 1);
    expect(m.category.byPayer['P2']!['authorization']!.block!.p).toBeCloseTo(0.4, 1);
    expect(m.rule['CODE-A']!.p).toBeCloseTo(0.35, 1);
    expect(m.rule['CODE-B']!.p).toBeCloseTo(0.1, 1);
    expect(m.base.byPayer['P1']!.p).toBeCloseTo(0.03, 1);
    expect(m.base.byPayer['P2']!.p).toBeCloseTo(0.08, 1);
  });

  it('holds out the last months and refits on everything', () => {
    expect(result.holdout).toEqual({
      fromMonth: '2024-10',
      toMonth: '2024-12',
      claims: 6000,
      trainClaims: 18_000,
    });
    expect(result.model.trainedOn).toMatchObject({ from: '2024-01', to: '2024-12', claims: 24_000 });
    expect(result.calibration.n).toBe(6000);
  });

  it('has a reliability table close to the diagonal, in ten equal-count bins', () => {
    console.log(
      JSON.stringify(
        result.calibration.reliability.map((b) => [b.meanPredicted.toFixed(3), b.observedRate.toFixed(3)]),
      ),
      result.calibration.brier,
      result.calibration.brierPrior,
      result.calibration.brierBase,
    );
    const bins = result.calibration.reliability;
    expect(bins.map((b) => b.bin)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(bins.every((b) => b.n === 600)).toBe(true);
    let weightedGap = 0;
    for (const b of bins) {
      // Within 3.5 binomial standard errors of the mean prediction.
      const se = Math.sqrt((b.meanPredicted * (1 - b.meanPredicted)) / b.n);
      expect(Math.abs(b.meanPredicted - b.observedRate)).toBeLessThan(3.5 * se);
      weightedGap += (b.n / 6000) * Math.abs(b.meanPredicted - b.observedRate);
      expect(b.minPredicted).toBeLessThanOrEqual(b.meanPredicted + 1e-12);
      expect(b.maxPredicted).toBeGreaterThanOrEqual(b.meanPredicted - 1e-12);
    }
    for (let i = 1; i < bins.length; i++)
      expect(bins[i]!.minPredicted).toBeGreaterThanOrEqual(bins[i - 1]!.maxPredicted);
    expect(weightedGap).toBeLessThan(0.025); // expected calibration error
    expect(Math.abs(result.calibration.meanPredicted! - result.calibration.observedRate!)).toBeLessThan(0.02);
  });

  it('beats the wrong priors and the payer-rate baseline on Brier score', () => {
    const c = result.calibration;
    expect(c.brier!).toBeLessThan(c.brierPrior!);
    expect(c.brier!).toBeLessThan(c.brierBase!);
    expect(c.brierPrior! - c.brier!).toBeGreaterThan(0.1);
  });

  it('computes Brier scores and bins by hand on a small set', () => {
    const rows = [
      row('X', [finding('R1', 'coding', 'warn')], ['coding']),
      row('X', []),
      row('Y', [], ['eligibility']),
    ];
    const model = priorModel(CONFIG);
    const c = calibrate(model, rows);
    const p1 = 1 - 0.96 * 0.7; // 0.328
    expect(c.n).toBe(3);
    expect(c.denied).toBe(2);
    expect(c.brier!).toBeCloseTo(((p1 - 1) ** 2 + 0.04 ** 2 + (0.04 - 1) ** 2) / 3, 12);
    expect(c.brierPrior!).toBeCloseTo(c.brier!, 12);
    // Payer X denied 1 of 2, payer Y 1 of 1.
    expect(c.brierBase!).toBeCloseTo((0.25 + 0.25 + 0) / 3, 12);
    // Three rows in ten bins: bins 4, 7 and 10 get one row each, sorted by prediction (ties by order).
    expect(c.reliability.map((b) => [b.bin, b.n, b.observedRate])).toEqual([
      [4, 1, 0],
      [7, 1, 1],
      [10, 1, 1],
    ]);
    expect(c.reliability[2]!.meanPredicted).toBeCloseTo(p1, 12);
  });

  it('reports nothing on no rows', () => {
    const c = calibrate(priorModel(CONFIG), []);
    expect(c).toEqual({
      n: 0,
      denied: 0,
      meanPredicted: null,
      observedRate: null,
      brier: null,
      brierPrior: null,
      brierBase: null,
      reliability: [],
    });
  });
});

describe('splitHoldout', () => {
  const months = ['2024-03', '2024-01', '2024-06', '2024-02', '2024-06', '2024-04'];
  const rows = months.map((month) => row('P', [], [], { month }));

  it('holds out the latest distinct months present', () => {
    const s = splitHoldout(rows, 2);
    expect(s.cutoffMonth).toBe('2024-04'); // months present: 01 02 03 04 06 (no 05)
    expect(s.test.map((r) => r.month)).toEqual(['2024-06', '2024-06', '2024-04']);
    expect(s.train.map((r) => r.month)).toEqual(['2024-03', '2024-01', '2024-02']);
  });

  it('holds out nothing for 0 months, and at most half of a short history', () => {
    expect(splitHoldout(rows, 0)).toEqual({ train: rows, test: [], cutoffMonth: null });
    // Six claims in six months: asking for 5 months holds out the last 3 (3 of 6 claims), not 5.
    const capped = splitHoldout(rows, 5);
    expect(capped.cutoffMonth).toBe('2024-04');
    expect(capped.train).toHaveLength(3);
    expect(capped.test).toHaveLength(3);
    // One month holding most claims is still held out on its own (calibration is always measured).
    const heavy = [...rows, ...rows.filter((r) => r.month === '2024-06').flatMap((r) => [r, r, r, r, r, r])];
    expect(splitHoldout(heavy, 3).cutoffMonth).toBe('2024-06');
    expect(splitHoldout([], 3)).toEqual({ train: [], test: [], cutoffMonth: null });
  });

  it('rejects bad months and bad holdouts', () => {
    expect(() => splitHoldout([row('P', [], [], { month: '2024-13' })], 1)).toThrow(/YYYY-MM/);
    expect(() => splitHoldout(rows, -1)).toThrow(/holdoutMonths/);
  });

  it('fitAndCalibrate trains on the months before the held-out ones and refits on all', () => {
    const r = fitAndCalibrate(rows, { ...CONFIG, holdoutMonths: 9 }, 'now');
    expect(r.holdout).toEqual({ fromMonth: '2024-04', toMonth: '2024-06', claims: 3, trainClaims: 3 });
    expect(r.calibration.n).toBe(3);
    expect(r.model.trainedOn.claims).toBe(6);
  });
});

describe('loadRiskConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'risk-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function problems(text: string): string[] {
    writeFileSync(join(dir, 'model.yaml'), text);
    try {
      loadRiskConfig(dir);
    } catch (e) {
      expect(e).toBeInstanceOf(RiskConfigError);
      return (e as RiskConfigError).problems.map((p) => p.replace(dir + '/', ''));
    }
    throw new Error('loaded');
  }

  it('loads the committed settings', () => {
    const config = loadRiskConfig();
    expect(config.severityPriors).toEqual({ block: 0.85, warn: 0.3 });
    expect(config.baseRatePrior).toBe(0.03);
    expect(config.shrinkage).toEqual({ category: 20, rule: 30, base: 200 });
    expect(config.minRuleClaims).toBe(30);
    expect(config.holdoutMonths).toBe(3);
    expect(config.categoryPriors['timely-filing']).toEqual({ block: 0.95 });
    expect(priorModel(config).base.pooled.p).toBe(0.03);
  });

  it('defaults the category overrides to none', () => {
    const config = parseRiskConfig(
      `severityPriors: { block: 0.85, warn: 0.3 }
baseRatePrior: 0.03
shrinkage: { category: 20, rule: 30, base: 200 }
minRuleClaims: 30
holdoutMonths: 3
`,
      'm.yaml',
    );
    expect(config.categoryPriors).toEqual({});
  });

  it('names every problem with file and line', () => {
    expect(
      problems(`severityPriors:
  block: 1.2
  warn: 0.3
categoryPriors:
  timely-filng: { block: 0.95 }
  coding: { warn: 0, bogus: 0.5 }
baseRatePrior: '3%'
shrinkage: { category: 20, rule: 2.5, base: -1 }
minRuleClaims: 30
holdoutMonth: 3
`),
    ).toEqual([
      'model.yaml:2: severityPriors.block: must be between 0 and 1 (both excluded)',
      'model.yaml:6: categoryPriors.coding.warn: must be between 0 and 1 (both excluded)',
      'model.yaml:6: categoryPriors.coding.bogus: unknown field',
      'model.yaml:5: categoryPriors.timely-filng: unknown category (one of authorization, documentation, coding, medical-necessity, bundling, units, eligibility, identity, duplicate, timely-filing, billing-data, balancing, coordination-of-benefits)',
      'model.yaml:7: baseRatePrior: must be a number',
      'model.yaml:8: shrinkage.rule: must be a whole number',
      'model.yaml:8: shrinkage.base: must be 0 or more',
      'model.yaml:1: holdoutMonths: required',
      'model.yaml:10: holdoutMonth: unknown field',
    ]);
  });

  it('reports YAML that does not parse, an empty file and a missing file', () => {
    expect(problems('severityPriors: [0.85\nwarn: 0.3\n')[0]).toMatch(/^model\.yaml:\d+: not valid YAML: /);
    expect(problems('')).toEqual(['model.yaml:1: (file): must be a mapping']);
    rmSync(join(dir, 'model.yaml'));
    expect(() => loadRiskConfig(dir)).toThrow(/model\.yaml: the risk model settings file is required/);
  });
});
