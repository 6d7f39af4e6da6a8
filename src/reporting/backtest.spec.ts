import {
  addClaim,
  type BacktestClaim,
  backtestBucketKey,
  backtestReport,
  type BacktestTally,
  type CarcCategoryLookup,
  classifyClaim,
  emptyTally,
  mergeInto,
  mergeTallies,
  ratio,
} from './backtest.js';
import type { ClaimOutcome, FindingFact } from './types.js';

/** A fake catalogue: 16 is primarily billing data but also documentation, 97 bundling then coding. */
const CATS: Record<string, string[]> = {
  '16': ['billing-data', 'documentation'],
  '197': ['authorization'],
  '27': ['eligibility'],
  '50': ['medical-necessity'],
  '96': ['non-covered'],
  '97': ['bundling', 'coding'],
};
const lookup: CarcCategoryLookup = {
  categoriesOf: (carc) => (Object.hasOwn(CATS, carc) ? CATS[carc] : ['other']),
};

let seq = 0;
function claim(
  firstPass: ClaimOutcome['firstPass'],
  denialCarcs: string[],
  deniedCents: number,
  findings: FindingFact[],
  over: Partial<BacktestClaim> = {},
): BacktestClaim {
  return {
    claimId: `C${++seq}`,
    month: '2026-01',
    payerId: 'P1',
    providerNpi: '1234567893',
    claimType: 'professional',
    chargeCents: 20000,
    outcome: { firstPass, denialCarcs, deniedCents },
    findings,
    ...over,
  };
}
function finding(
  ruleId: string,
  category: string,
  severity: FindingFact['severity'] = 'warn',
  carc: string[] = [],
): FindingFact {
  return { ruleId, category, severity, line: null, carc };
}

// The hand-built history (expected counts worked out in the comments).
const A = claim('paid', [], 0, [finding('DOC-X', 'documentation', 'info')]); // info only: not flagged
const B = claim('denied', ['197'], 10000, [finding('AUTH-REQUIRED', 'authorization')]); // anticipated
const C = claim('partial', ['97'], 2500, [finding('CODING-EM', 'coding', 'block')]); // 97 ⊇ coding
const D = claim('denied', ['16'], 5000, [finding('DOC-MISSING', 'documentation')]); // 16 ⊇ documentation
const E = claim('denied', ['96'], 7000, [finding('ELIG-COVERAGE-ENDED', 'eligibility')]); // wrong reason
const F = claim('paid', [], 0, [finding('ELIG-COVERAGE-ENDED', 'eligibility', 'block')]); // false flag
const G = claim('pending', [], 0, [finding('AUTH-REQUIRED', 'authorization', 'block')]); // no answer yet
const H = claim('denied', ['27', '16'], 3000, [finding('X-CUSTOM', 'custom', 'warn', ['27'])]); // 27 by carc list
const I = claim('denied', ['96'], 1000, []); // unseen
const K = claim('partial', ['16'], 400, []); // unseen, partial
const ALL = [A, B, C, D, E, F, G, H, I, K];

function tallyOf(claims: BacktestClaim[]): BacktestTally {
  const t = emptyTally();
  for (const c of claims) addClaim(t, c, lookup);
  return t;
}

describe('classifyClaim', () => {
  it('ignores info findings and does not flag on them', () => {
    expect(classifyClaim(A, lookup)).toEqual({
      adjudicated: true,
      denied: false,
      flaggedRules: [],
      flaggedCategories: [],
      denialCategories: [],
      anticipated: false,
      unanticipatedCarcs: [],
    });
  });

  it('counts partial as denied', () => {
    const c = classifyClaim(C, lookup);
    expect(c.denied).toBe(true);
    // 97 is bundling first, but the claim's finding points at coding: the denial is attributed there.
    expect(c.denialCategories).toEqual(['coding']);
    expect(c.anticipated).toBe(true);
  });

  it('anticipates a CARC 16 denial with a documentation finding (16 has the documentation category)', () => {
    const c = classifyClaim(D, lookup);
    expect(c).toMatchObject({
      denied: true,
      flaggedRules: ['DOC-MISSING'],
      flaggedCategories: ['documentation'],
      denialCategories: ['documentation'],
      anticipated: true,
      unanticipatedCarcs: [],
    });
    // With a catalogue where 16 is billing data only, the same finding does not anticipate it.
    const narrow: CarcCategoryLookup = { categoriesOf: () => ['billing-data'] };
    expect(classifyClaim(D, narrow)).toMatchObject({ anticipated: false, unanticipatedCarcs: ['16'] });
  });

  it("anticipates by the finding's own CARC list and lists the CARCs nobody anticipated", () => {
    expect(classifyClaim(H, lookup)).toMatchObject({
      denialCategories: ['eligibility', 'billing-data'],
      anticipated: true,
      unanticipatedCarcs: ['16'],
    });
  });

  it('an info finding naming the CARC does not anticipate it', () => {
    const c = claim('denied', ['197'], 100, [finding('AUTH-REQUIRED', 'authorization', 'info', ['197'])]);
    expect(classifyClaim(c, lookup)).toMatchObject({ anticipated: false, unanticipatedCarcs: ['197'] });
  });

  it('dedupes rules, categories and CARCs', () => {
    const c = claim('denied', ['16', '16', '252'], 100, [
      { ...finding('DOC-MISSING', 'documentation'), line: 1 },
      { ...finding('DOC-MISSING', 'documentation'), line: 2 },
      finding('DOC-UNSIGNED', 'documentation', 'block'),
    ]);
    expect(classifyClaim(c, lookup)).toMatchObject({
      flaggedRules: ['DOC-MISSING', 'DOC-UNSIGNED'],
      flaggedCategories: ['documentation'],
      denialCategories: ['documentation', 'other'],
      anticipated: true,
      unanticipatedCarcs: ['252'],
    });
  });

  it('pending: not adjudicated, not denied', () => {
    expect(classifyClaim(G, lookup)).toMatchObject({ adjudicated: false, denied: false, anticipated: false });
  });

  it('a denial without CARCs is denied but cannot be anticipated', () => {
    const c = claim('denied', [], 500, [finding('AUTH-REQUIRED', 'authorization')]);
    expect(classifyClaim(c, lookup)).toMatchObject({
      denied: true,
      denialCategories: [],
      anticipated: false,
      unanticipatedCarcs: [],
    });
  });
});

describe('addClaim', () => {
  const t = tallyOf(ALL);

  it('counts the totals', () => {
    expect(t.totals).toEqual({
      claims: 10,
      adjudicated: 9, // all but G
      flagged: 6, // B C D E F H (A is info only, G pending)
      flaggedDenied: 5, // B C D E H
      denied: 7, // B C D E H I K
      anticipated: 4, // B C D H
      deniedCents: 28900,
      anticipatedCents: 20500,
    });
  });

  it('counts the categories', () => {
    expect(t.categories).toEqual({
      authorization: {
        flagged: 1,
        flaggedDenied: 1,
        flaggedMatching: 1,
        denials: 1,
        anticipated: 1,
        deniedCents: 10000,
      },
      coding: {
        flagged: 1,
        flaggedDenied: 1,
        flaggedMatching: 1,
        denials: 1, // C: 97 attributed to coding, the category its finding pointed at
        anticipated: 1,
        deniedCents: 2500,
      },
      documentation: {
        flagged: 1,
        flaggedDenied: 1,
        flaggedMatching: 1,
        denials: 1, // D: 16 attributed to documentation
        anticipated: 1,
        deniedCents: 5000,
      },
      'billing-data': {
        flagged: 0,
        flaggedDenied: 0,
        flaggedMatching: 0,
        denials: 2, // H K: no finding of one of 16's categories, so its primary one
        anticipated: 0,
        deniedCents: 3400,
      },
      eligibility: {
        flagged: 2, // E F
        flaggedDenied: 1, // E
        flaggedMatching: 0, // E was denied 96
        denials: 1, // H (27)
        anticipated: 0, // H's finding is in 'custom'
        deniedCents: 3000,
      },
      'non-covered': {
        flagged: 0,
        flaggedDenied: 0,
        flaggedMatching: 0,
        denials: 2,
        anticipated: 0,
        deniedCents: 8000,
      },
      custom: {
        flagged: 1,
        flaggedDenied: 1,
        flaggedMatching: 0,
        denials: 0,
        anticipated: 0,
        deniedCents: 0,
      },
    });
  });

  it('counts the rules (block and warn only, adjudicated claims only)', () => {
    expect(t.rules).toEqual({
      'AUTH-REQUIRED': { category: 'authorization', fired: 1, firedDenied: 1, firedMatching: 1 },
      'CODING-EM': { category: 'coding', fired: 1, firedDenied: 1, firedMatching: 1 },
      'DOC-MISSING': { category: 'documentation', fired: 1, firedDenied: 1, firedMatching: 1 },
      'ELIG-COVERAGE-ENDED': { category: 'eligibility', fired: 2, firedDenied: 1, firedMatching: 0 },
      'X-CUSTOM': { category: 'custom', fired: 1, firedDenied: 1, firedMatching: 1 },
    });
  });

  it('counts the CARCs once per claim', () => {
    expect(t.carcs).toEqual({
      '197': { denials: 1, anticipated: 1, deniedCents: 10000 },
      '97': { denials: 1, anticipated: 1, deniedCents: 2500 },
      '16': { denials: 3, anticipated: 1, deniedCents: 8400 },
      '96': { denials: 2, anticipated: 0, deniedCents: 8000 },
      '27': { denials: 1, anticipated: 1, deniedCents: 3000 },
    });
    const twice = tallyOf([claim('denied', ['16', '16'], 700, [])]);
    expect(twice.carcs['16']).toEqual({ denials: 1, anticipated: 0, deniedCents: 700 });
  });

  it('keeps keys such as constructor and __proto__ as plain entries', () => {
    const odd = tallyOf([claim('denied', ['__proto__'], 100, [finding('constructor', 'constructor')])]);
    expect(Object.keys(odd.carcs)).toEqual(['__proto__']);
    expect(odd.categories.constructor).toMatchObject({ flagged: 1, denials: 0 });
    expect(odd.rules.constructor).toMatchObject({ fired: 1 });
    expect(({} as Record<string, unknown>).flagged).toBeUndefined();
    expect(JSON.parse(JSON.stringify(odd)).carcs).toEqual(odd.carcs);
  });
});

describe('backtestReport', () => {
  const report = backtestReport(tallyOf(ALL), { carcs: lookup });

  it('gives the totals with recall and precision', () => {
    expect(report.totals).toMatchObject({ denied: 7, anticipated: 4, recall: 0.5714, precision: 0.8333 });
  });

  it('gives per-category ratios, null when there is nothing to divide by', () => {
    expect(report.categories.eligibility).toEqual({
      category: 'eligibility',
      flagged: 2,
      flaggedDenied: 1,
      flaggedMatching: 0,
      denials: 1,
      anticipated: 0,
      deniedCents: 3000,
      recall: 0,
      precision: 0.5,
      precisionMatching: 0,
    });
    expect(report.categories.documentation).toMatchObject({
      recall: 1,
      precision: 1,
      precisionMatching: 1,
    });
    expect(report.categories['billing-data']).toMatchObject({
      recall: 0,
      precision: null,
      precisionMatching: null,
    });
    expect(report.categories.authorization).toMatchObject({ recall: 1, precision: 1, precisionMatching: 1 });
    expect(Object.keys(report.categories)).toEqual([...Object.keys(report.categories)].sort());
  });

  it('gives per-rule ratios', () => {
    expect(report.rules['ELIG-COVERAGE-ENDED']).toEqual({
      ruleId: 'ELIG-COVERAGE-ENDED',
      category: 'eligibility',
      fired: 2,
      firedDenied: 1,
      firedMatching: 0,
      precision: 0.5,
      precisionMatching: 0,
    });
    expect(report.rules['X-CUSTOM']).toMatchObject({ precision: 1, precisionMatching: 1 });
  });

  it('lists the unanticipated CARCs as rule candidates, with an approximate cents share', () => {
    expect(report.unanticipated).toEqual([
      { carc: '96', denials: 2, deniedCents: 8000, categories: ['non-covered'] },
      // 2 of 3 denials with 16 unanticipated: 8400 × 2 / 3.
      { carc: '16', denials: 2, deniedCents: 5600, categories: ['billing-data', 'documentation'] },
    ]);
    expect(backtestReport(tallyOf(ALL), { minDenialsForCandidate: 3 }).unanticipated).toEqual([]);
    expect(backtestReport(tallyOf([I])).unanticipated).toEqual([
      { carc: '96', denials: 1, deniedCents: 1000, categories: [] },
    ]);
  });

  it('an empty tally gives null ratios, never NaN', () => {
    const r = backtestReport(emptyTally());
    expect(r.totals).toMatchObject({ claims: 0, recall: null, precision: null });
    expect(r).toEqual({ totals: r.totals, categories: {}, rules: {}, unanticipated: [] });
  });

  it('ratio rounds to 4 decimals', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(5, 5)).toBe(1);
  });
});

describe('merging', () => {
  /** mulberry32: a small seeded PRNG. */
  function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const CARCS = ['16', '197', '27', '50', '96', '97', '252'];
  const RULES: [string, string][] = [
    ['AUTH-REQUIRED', 'authorization'],
    ['DOC-MISSING', 'documentation'],
    ['ELIG-COVERAGE-ENDED', 'eligibility'],
    ['CODING-EM', 'coding'],
    ['BUNDLING-NCCI', 'bundling'],
    ['MEDNEC-DX', 'medical-necessity'],
  ];
  const SEVERITIES: FindingFact['severity'][] = ['block', 'warn', 'info'];
  const PASSES: ClaimOutcome['firstPass'][] = ['pending', 'paid', 'partial', 'denied'];

  function randomClaim(rand: () => number): BacktestClaim {
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const firstPass = pick(PASSES);
    const denied = firstPass === 'denied' || firstPass === 'partial';
    const carcs = denied ? Array.from({ length: Math.floor(rand() * 3) }, () => pick(CARCS)) : [];
    const findings = Array.from({ length: Math.floor(rand() * 4) }, () => {
      const [ruleId, category] = pick(RULES);
      return finding(ruleId, category, pick(SEVERITIES), rand() < 0.3 ? [pick(CARCS)] : []);
    });
    return claim(firstPass, carcs, denied ? Math.floor(rand() * 100000) : 0, findings, {
      month: pick(['2026-01', '2026-02']),
      payerId: pick(['P1', 'P2']),
    });
  }

  it('merge(tally(a), tally(b)) equals tally(a ∪ b) on random claims', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = prng(seed);
      const claims = Array.from({ length: 1 + Math.floor(rand() * 120) }, () => randomClaim(rand));
      const a: BacktestClaim[] = [];
      const b: BacktestClaim[] = [];
      for (const c of claims) (rand() < 0.5 ? a : b).push(c);
      const ta = tallyOf(a);
      const tb = tallyOf(b);
      const before = JSON.stringify([ta, tb]);
      expect(mergeTallies(ta, tb)).toEqual(tallyOf(claims));
      expect(mergeTallies(tb, ta)).toEqual(tallyOf(claims));
      expect(JSON.stringify([ta, tb])).toBe(before); // inputs untouched
      // Through JSON, as stored buckets would be.
      expect(mergeTallies(JSON.parse(JSON.stringify(ta)), JSON.parse(JSON.stringify(tb)))).toEqual(
        tallyOf(claims),
      );
    }
  });

  it('summing per-bucket tallies gives the whole tally', () => {
    const rand = prng(2026);
    const claims = Array.from({ length: 500 }, () => randomClaim(rand));
    const buckets = new Map<string, BacktestTally>();
    for (const c of claims) {
      const key = backtestBucketKey(c);
      addClaim(buckets.get(key) ?? buckets.set(key, emptyTally()).get(key)!, c, lookup);
    }
    expect(buckets.size).toBeGreaterThan(1);
    const sum = emptyTally();
    for (const t of buckets.values()) mergeInto(sum, t);
    expect(sum).toEqual(tallyOf(claims));
  });

  it('addClaim agrees with classifyClaim and the counters stay consistent', () => {
    const rand = prng(7);
    for (let i = 0; i < 300; i++) {
      const c = randomClaim(rand);
      const k = classifyClaim(c, lookup);
      const t = tallyOf([c]).totals;
      expect(t.adjudicated).toBe(k.adjudicated ? 1 : 0);
      expect(t.denied).toBe(k.denied ? 1 : 0);
      expect(t.flagged).toBe(k.adjudicated && k.flaggedRules.length > 0 ? 1 : 0);
      expect(t.anticipated).toBe(k.anticipated ? 1 : 0);
    }
    const whole = tallyOf(Array.from({ length: 1000 }, () => randomClaim(rand)));
    expect(whole.totals.anticipated).toBeLessThanOrEqual(whole.totals.flaggedDenied);
    expect(whole.totals.flaggedDenied).toBeLessThanOrEqual(whole.totals.flagged);
    for (const c of Object.values(whole.categories)) {
      expect(c.flaggedMatching).toBeLessThanOrEqual(c.flaggedDenied);
      expect(c.anticipated).toBeLessThanOrEqual(c.denials);
    }
    for (const k of Object.values(whole.carcs)) expect(k.anticipated).toBeLessThanOrEqual(k.denials);
  });
});
