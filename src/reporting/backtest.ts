/**
 * The backtest: how well the rules anticipated what the payers then denied. Pure arithmetic, no I/O.
 *
 * The counts live in a `BacktestTally`, plain JSON of integer counts and cents, so a tally can be
 * precomputed per bucket (month, payer, provider, claim type — see `backtestBucketKey`), stored, and
 * summed later with `mergeTallies`: tallying a ∪ b gives the same tally as merging the tallies of a
 * and b. `backtestReport` turns a tally into ratios.
 *
 * Definitions (per claim, see `classifyClaim`):
 * - only block and warn findings count; info findings neither flag a claim nor anticipate a denial;
 * - adjudicated: the payer answered (`firstPass` is not pending); flags are counted on adjudicated
 *   claims only (a pending claim has no answer to be right or wrong about);
 * - denied: the first answer denied the whole claim or some of its lines (`partial`);
 * - a denial CARC is anticipated when a finding's category is among the CARC's categories (any of
 *   them, not only the primary one) or the finding's own `carc` list names it; the denial is
 *   anticipated when at least one of its CARCs is. A denial without CARCs cannot be anticipated.
 */
import type { ClaimOutcome, FindingFact } from './types.js';

/** What the backtest needs of the CARC catalogue. */
export interface CarcCategoryLookup {
  /** The rule categories a CARC points at; the first is its primary category. Never empty. */
  categoriesOf(carc: string): string[];
}

export interface BacktestClaim {
  claimId: string;
  /** Month of service or of submission (the caller's choice), YYYY-MM. */
  month: string;
  payerId: string;
  providerNpi: string;
  claimType: string;
  chargeCents: number;
  outcome: Pick<ClaimOutcome, 'firstPass' | 'denialCarcs' | 'deniedCents'>;
  findings: FindingFact[];
}

export interface ClaimClassification {
  /** The payer answered: `firstPass` is not pending. */
  adjudicated: boolean;
  /** First answer denied or partial. */
  denied: boolean;
  /** Rules with a block or warn finding on the claim, unique, in finding order. */
  flaggedRules: string[];
  /** Categories of the block and warn findings, unique; info findings are ignored. */
  flaggedCategories: string[];
  /** Primary categories of the denial CARCs, unique (empty when not denied). */
  denialCategories: string[];
  /** Denied, and some block/warn finding anticipates one of its denial CARCs. */
  anticipated: boolean;
  /** Denial CARCs (unique) that no block/warn finding anticipates (empty when not denied). */
  unanticipatedCarcs: string[];
}

export interface BacktestTotals {
  claims: number;
  adjudicated: number;
  /** Adjudicated claims with at least one block/warn finding. */
  flagged: number;
  flaggedDenied: number;
  denied: number;
  anticipated: number;
  /** Σ `deniedCents` of the denied claims. */
  deniedCents: number;
  /** Σ `deniedCents` of the anticipated denials. */
  anticipatedCents: number;
}

export interface CategoryTally {
  /** Adjudicated claims with a block/warn finding in this category. */
  flagged: number;
  /** … of them, denied. */
  flaggedDenied: number;
  /** … of them, denied with a CARC one of whose categories is this one. */
  flaggedMatching: number;
  /** Denied claims whose primary denial categories include this one. */
  denials: number;
  /** … of those denials, the ones with a block/warn finding in this category. */
  anticipated: number;
  /** Σ `deniedCents` of those denials (the whole claim's; a claim denied in two categories counts in both). */
  deniedCents: number;
}

export interface RuleTally {
  /** The category of the rule's findings (as first seen). */
  category: string;
  /** Adjudicated claims the rule fired on (block or warn). */
  fired: number;
  firedDenied: number;
  /** Denied claims where the rule's own finding anticipates a denial CARC (see the module comment). */
  firedMatching: number;
}

export interface CarcTally {
  /** Denied claims with this CARC among their denial CARCs (once per claim). */
  denials: number;
  /** … of them, the ones where a finding anticipated this CARC. */
  anticipated: number;
  /** Σ `deniedCents` of those claims (the whole claim's; a claim with two CARCs counts in both). */
  deniedCents: number;
}

/** Plain JSON; every number is an integer count or integer cents. */
export interface BacktestTally {
  totals: BacktestTotals;
  categories: Record<string, CategoryTally>;
  rules: Record<string, RuleTally>;
  carcs: Record<string, CarcTally>;
}

export type Ratio = number | null;

export interface BacktestReportOptions {
  /** Only CARCs with at least this many unanticipated denials become candidates (default 1). */
  minDenialsForCandidate?: number;
  /** Gives the candidates their categories (empty without it: the tally does not keep them). */
  carcs?: CarcCategoryLookup;
}

export interface CategoryReport extends CategoryTally {
  category: string;
  /** anticipated / denials. */
  recall: Ratio;
  /** flaggedDenied / flagged. */
  precision: Ratio;
  /** flaggedMatching / flagged. */
  precisionMatching: Ratio;
}

export interface RuleReport extends RuleTally {
  ruleId: string;
  /** firedDenied / fired. */
  precision: Ratio;
  /** firedMatching / fired. */
  precisionMatching: Ratio;
}

/** A CARC the payers denied with that no finding anticipated: a candidate for a new rule. */
export interface UnanticipatedCarc {
  carc: string;
  /** Unanticipated denials: denials − anticipated. */
  denials: number;
  /**
   * Approximate: the CARC's denied cents × unanticipated / denials, rounded to the cent. The tally
   * keeps one cents figure per CARC, so this assumes anticipated and unanticipated denials of a CARC
   * have the same average denied amount.
   */
  deniedCents: number;
  /** The CARC's categories (primary first); empty when no lookup was given. */
  categories: string[];
}

export interface BacktestReport {
  totals: BacktestTotals & {
    /** anticipated / denied. */
    recall: Ratio;
    /** flaggedDenied / flagged. */
    precision: Ratio;
  };
  /** By category name, keys sorted. */
  categories: Record<string, CategoryReport>;
  /** By rule id, keys sorted. */
  rules: Record<string, RuleReport>;
  /** Sorted by unanticipated denials, then cents (descending), then CARC. */
  unanticipated: UnanticipatedCarc[];
}

/** The bucket a claim's counts are precomputed in: month, payer, provider and claim type. */
export function backtestBucketKey(c: Pick<BacktestClaim, 'month' | 'payerId' | 'providerNpi' | 'claimType'>) {
  return `${c.month}|${c.payerId}|${c.providerNpi}|${c.claimType}`;
}

export function emptyTally(): BacktestTally {
  return {
    totals: {
      claims: 0,
      adjudicated: 0,
      flagged: 0,
      flaggedDenied: 0,
      denied: 0,
      anticipated: 0,
      deniedCents: 0,
      anticipatedCents: 0,
    },
    categories: {},
    rules: {},
    carcs: {},
  };
}

const isDenied = (firstPass: ClaimOutcome['firstPass']) => firstPass === 'denied' || firstPass === 'partial';

/** Does the finding anticipate a denial with this CARC (whose categories are given)? */
const anticipates = (f: FindingFact, carc: string, carcCategories: readonly string[]) =>
  carcCategories.includes(f.category) || f.carc.includes(carc);

export function classifyClaim(c: BacktestClaim, carcs: CarcCategoryLookup): ClaimClassification {
  const adjudicated = c.outcome.firstPass !== 'pending';
  const denied = isDenied(c.outcome.firstPass);
  const flagging = c.findings.filter((f) => f.severity !== 'info');
  const flaggedRules = unique(flagging.map((f) => f.ruleId));
  const flaggedCategories = unique(flagging.map((f) => f.category));
  const denialCategories: string[] = [];
  const unanticipatedCarcs: string[] = [];
  let anticipated = false;
  if (denied) {
    for (const carc of unique(c.outcome.denialCarcs)) {
      const cats = carcs.categoriesOf(carc);
      // A CARC of several categories (16) is attributed to the one a finding pointed at, else the first.
      const attributed = cats.find((k) => flaggedCategories.includes(k)) ?? cats[0];
      if (attributed !== undefined && !denialCategories.includes(attributed))
        denialCategories.push(attributed);
      if (flagging.some((f) => anticipates(f, carc, cats))) anticipated = true;
      else unanticipatedCarcs.push(carc);
    }
  }
  return {
    adjudicated,
    denied,
    flaggedRules,
    flaggedCategories,
    denialCategories,
    anticipated,
    unanticipatedCarcs,
  };
}

/**
 * Adds one claim to the tally (mutating it) and returns the tally. Single pass over the findings and
 * CARCs with small arrays, no classification object: it runs over every claim of a history.
 */
export function addClaim(tally: BacktestTally, c: BacktestClaim, carcs: CarcCategoryLookup): BacktestTally {
  const t = tally.totals;
  t.claims++;
  const firstPass = c.outcome.firstPass;
  if (firstPass === 'pending') return tally;
  t.adjudicated++;
  const denied = isDenied(firstPass);
  const deniedCents = denied ? c.outcome.deniedCents : 0;

  // Denial CARCs: distinct, with their categories.
  const denialCarcs: string[] = [];
  const carcCats: string[][] = [];
  if (denied) {
    for (const carc of c.outcome.denialCarcs) {
      if (denialCarcs.includes(carc)) continue;
      denialCarcs.push(carc);
      carcCats.push(carcs.categoriesOf(carc));
    }
  }
  const carcAnticipated: boolean[] = denialCarcs.map(() => false);

  // Block/warn findings: distinct categories and rules; a rule matches when one of its findings
  // anticipates a denial CARC.
  const cats: string[] = [];
  const rules: string[] = [];
  const ruleMatching: boolean[] = [];
  for (const f of c.findings) {
    if (f.severity === 'info') continue;
    if (!cats.includes(f.category)) cats.push(f.category);
    let r = rules.indexOf(f.ruleId);
    if (r < 0) {
      r = rules.push(f.ruleId) - 1;
      ruleMatching.push(false);
      entry(tally.rules, f.ruleId, () => ({
        category: f.category,
        fired: 0,
        firedDenied: 0,
        firedMatching: 0,
      }));
    }
    for (let i = 0; i < denialCarcs.length; i++) {
      if (anticipates(f, denialCarcs[i], carcCats[i])) {
        carcAnticipated[i] = true;
        ruleMatching[r] = true;
      }
    }
  }

  const flagged = cats.length > 0;
  const anticipated = carcAnticipated.includes(true);
  if (flagged) {
    t.flagged++;
    if (denied) t.flaggedDenied++;
  }
  if (denied) {
    t.denied++;
    t.deniedCents += deniedCents;
    if (anticipated) {
      t.anticipated++;
      t.anticipatedCents += deniedCents;
    }
  }

  for (let i = 0; i < rules.length; i++) {
    const rt = tally.rules[rules[i]];
    rt.fired++;
    if (denied) {
      rt.firedDenied++;
      if (ruleMatching[i]) rt.firedMatching++;
    }
  }

  for (const cat of cats) {
    const ct = entry(tally.categories, cat, emptyCategory);
    ct.flagged++;
    if (denied) {
      ct.flaggedDenied++;
      if (carcCats.some((cc) => cc.includes(cat))) ct.flaggedMatching++;
    }
  }

  if (denied) {
    const primaries: string[] = [];
    for (let i = 0; i < denialCarcs.length; i++) {
      const primary = carcCats[i].find((k) => cats.includes(k)) ?? carcCats[i][0];
      if (primary !== undefined && !primaries.includes(primary)) primaries.push(primary);
      const kt = entry(tally.carcs, denialCarcs[i], emptyCarc);
      kt.denials++;
      kt.deniedCents += deniedCents;
      if (carcAnticipated[i]) kt.anticipated++;
    }
    for (const primary of primaries) {
      const ct = entry(tally.categories, primary, emptyCategory);
      ct.denials++;
      ct.deniedCents += deniedCents;
      if (cats.includes(primary)) ct.anticipated++;
    }
  }
  return tally;
}

/** a + b as a new tally; neither is changed. */
export function mergeTallies(a: BacktestTally, b: BacktestTally): BacktestTally {
  return mergeInto(mergeInto(emptyTally(), a), b);
}

/** Adds `source` into `target` (mutating it) and returns `target`: for summing many buckets. */
export function mergeInto(target: BacktestTally, source: BacktestTally): BacktestTally {
  addCounts(target.totals, source.totals);
  for (const [k, v] of Object.entries(source.categories))
    addCounts(entry(target.categories, k, emptyCategory), v);
  for (const [k, v] of Object.entries(source.carcs)) addCounts(entry(target.carcs, k, emptyCarc), v);
  for (const [k, v] of Object.entries(source.rules)) {
    const r = entry(target.rules, k, () => ({
      category: v.category,
      fired: 0,
      firedDenied: 0,
      firedMatching: 0,
    }));
    r.fired += v.fired;
    r.firedDenied += v.firedDenied;
    r.firedMatching += v.firedMatching;
  }
  return target;
}

export function backtestReport(tally: BacktestTally, options: BacktestReportOptions = {}): BacktestReport {
  const minDenials = options.minDenialsForCandidate ?? 1;
  const t = tally.totals;
  const categories: Record<string, CategoryReport> = {};
  for (const k of Object.keys(tally.categories).sort()) {
    const c = tally.categories[k];
    entry(categories, k, () => ({
      category: k,
      ...c,
      recall: ratio(c.anticipated, c.denials),
      precision: ratio(c.flaggedDenied, c.flagged),
      precisionMatching: ratio(c.flaggedMatching, c.flagged),
    }));
  }
  const rules: Record<string, RuleReport> = {};
  for (const k of Object.keys(tally.rules).sort()) {
    const r = tally.rules[k];
    entry(rules, k, () => ({
      ruleId: k,
      ...r,
      precision: ratio(r.firedDenied, r.fired),
      precisionMatching: ratio(r.firedMatching, r.fired),
    }));
  }
  const unanticipated: UnanticipatedCarc[] = [];
  for (const [carc, k] of Object.entries(tally.carcs)) {
    const missed = k.denials - k.anticipated;
    if (missed <= 0 || missed < minDenials) continue;
    unanticipated.push({
      carc,
      denials: missed,
      deniedCents: Math.round((k.deniedCents * missed) / k.denials),
      categories: options.carcs ? [...options.carcs.categoriesOf(carc)] : [],
    });
  }
  unanticipated.sort(
    (a, b) =>
      b.denials - a.denials ||
      b.deniedCents - a.deniedCents ||
      (a.carc < b.carc ? -1 : a.carc > b.carc ? 1 : 0),
  );
  return {
    totals: { ...t, recall: ratio(t.anticipated, t.denied), precision: ratio(t.flaggedDenied, t.flagged) },
    categories,
    rules,
    unanticipated,
  };
}

/** n / d rounded to 4 decimals; null when d is 0. */
export function ratio(n: number, d: number): Ratio {
  if (d === 0) return null;
  return Math.round((n / d) * 10000) / 10000;
}

function emptyCategory(): CategoryTally {
  return { flagged: 0, flaggedDenied: 0, flaggedMatching: 0, denials: 0, anticipated: 0, deniedCents: 0 };
}

function emptyCarc(): CarcTally {
  return { denials: 0, anticipated: 0, deniedCents: 0 };
}

/**
 * The record's own entry for key, created when absent. Own-property checks and defineProperty keep
 * keys such as `constructor` or `__proto__` from reaching Object.prototype.
 */
function entry<T>(rec: Record<string, T>, key: string, make: () => T): T {
  if (Object.hasOwn(rec, key)) return rec[key];
  const value = make();
  Object.defineProperty(rec, key, { value, writable: true, enumerable: true, configurable: true });
  return value;
}

function addCounts<T extends object>(target: T, source: T): void {
  const t = target as Record<string, number>;
  for (const [k, v] of Object.entries(source as Record<string, number>)) t[k] = (t[k] ?? 0) + v;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
