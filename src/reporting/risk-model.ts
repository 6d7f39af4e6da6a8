/**
 * The denial-risk model: the chance that a payer denies a claim (wholly or partly) on its first
 * answer, fitted from remittance history, and the charges that denial is expected to cost. Pure data
 * and arithmetic: no Nest, no TypeORM, no I/O beyond reading the settings file (`rules/risk/model.yaml`).
 *
 * Causes. Every block or warn finding of a claim is a possible cause of a denial in the finding's
 * category (info findings are never a cause). Besides them, one "base" cause stands for denials that
 * no finding foresees. Causes act independently (a noisy-OR): the claim survives only if every cause
 * fails to deny it,
 *
 *   p(denied) = 1 − (1 − base[payer]) × Π over categories c of (1 − p_c),
 *
 * where p_c is the highest probability among the claim's findings in category c: two rules that flag
 * the same category of problem are two views of one denial reason, so they do not add up (the
 * strongest one speaks for the category); different categories do combine.
 *
 * A finding's probability, from the most specific level with data (hierarchical shrinkage, each level
 * pulled towards the one above with a pseudo-count m from the settings):
 *   prior          the severity prior of the category (categoryPriors, else severityPriors);
 *   category       all payers pooled: (k + m_cat · prior) / (n + m_cat);
 *   payer-category this payer: (k + m_cat · p_category) / (n + m_cat);
 *   rule           the rule's own history, all payers pooled (a rule seldom fires often enough for one
 *                  payer), pulled towards this payer's category estimate when predicting:
 *                  (k_rule + m_rule · p_payer-category) / (n_rule + m_rule), used only once the rule has
 *                  fired on at least minRuleClaims claims with an outcome.
 * Counts are per claim: n = claims with a block or warn finding in the category (or of the rule), k =
 * those whose first-pass denial maps to the category. Category cells are kept apart by severity — the
 * claim's highest severity in the category — so warn findings are not judged by block findings' record
 * and each cell has one prior. With n = 0 an estimate is the level above; as n grows it tends to k / n.
 *
 * Base rate per payer: claims denied for a reason no finding of theirs foresaw (denied with no mapped
 * category, or with a denial category in which the claim had no block/warn finding) over all claims,
 * pulled towards the all-payer rate (m_base), itself pulled towards baseRatePrior. Unknown payers get
 * the all-payer estimates.
 *
 * Expected denied charges. A line-level finding puts its line at risk, a claim-level one every line;
 * the base cause touches every line. Per line, the chance it is denied is the same noisy-OR over the
 * causes touching it (highest per category); the expected amount is charge × chance, rounded to whole
 * cents per line, then summed in integers.
 *
 * Attribution. With noisy-OR, −ln(1 − p(denied)) = Σ −ln(1 − p_i) over the causes: each cause's
 * log-survival is its exact additive part of the total. A finding's share is its log-survival over the
 * total (0 for a finding outranked in its category); the base cause takes the rest. Shares are given to
 * 4 decimals and expected cents per line are apportioned by the same weights, both by largest
 * remainder, so the shares sum to exactly 1 and the cents to exactly the claim's expected amount.
 *
 * Calibration. Fit on all but the latest holdoutMonths months, predict those, and compare with what
 * happened: Brier score against the prior-only model and a payer-rate baseline, and a reliability table
 * of ten equal-count bins. Then the production model is refitted on everything.
 *
 * The fitted model is plain JSON (stored as a database row): records built with Object.fromEntries and
 * read with Object.hasOwn, so no payer or rule id can reach an object's prototype.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../code-sets/code-set-paths.js';
import { RULE_CATEGORIES, type RuleCategory } from '../rules-engine/claim-context.js';
import { readYaml, schemaProblems } from '../rules-engine/context/yaml-source.js';
import type { FindingFact } from './types.js';

// ---------------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------------

/** The severities that can cause a denial (info never does). */
export type RiskSeverity = 'block' | 'warn';

export interface SeverityPriors {
  block: number;
  warn: number;
}

/** The settings of `rules/risk/model.yaml`: priors and fitting parameters. */
export interface RiskConfig {
  /** The chance a finding of each severity leads to a denial in its category, before any history. */
  severityPriors: SeverityPriors;
  /** Per-category overrides of severityPriors (either severity may be left out). */
  categoryPriors: Partial<Record<RuleCategory, Partial<SeverityPriors>>>;
  /** The prior share of claims denied for a reason none of their findings foresaw. */
  baseRatePrior: number;
  /** Pseudo-counts (claims) of the level above, for each estimate. */
  shrinkage: { category: number; rule: number; base: number };
  /** Fired claims with an outcome a rule needs before it gets its own estimate. */
  minRuleClaims: number;
  /** The latest months of history held out for calibration. */
  holdoutMonths: number;
}

/** `rules/risk` of the package. */
export const DEFAULT_RISK_DIR = resolve(packageRoot, 'rules', 'risk');
export const RISK_MODEL_FILE = 'model.yaml';

/** Settings that cannot be used, with every problem (`file:line: path: message`). */
export class RiskConfigError extends Error {
  override readonly name = 'RiskConfigError';
  constructor(readonly problems: string[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the risk model settings:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
  }
}

const typed = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'required' : `must be ${what}`;
const BETWEEN = 'must be between 0 and 1 (both excluded)';
const probability = z
  .number({ error: typed('a number') })
  .gt(0, BETWEEN)
  .lt(1, BETWEEN);
const count = z.int({ error: typed('a whole number') }).min(0, 'must be 0 or more');
const mapping = { error: typed('a mapping') };
const severityPriors = z.strictObject({ block: probability, warn: probability }, mapping);

export const riskConfigSchema = z.strictObject(
  {
    severityPriors,
    categoryPriors: z.partialRecord(z.enum(RULE_CATEGORIES), severityPriors.partial(), mapping).default({}),
    baseRatePrior: probability,
    shrinkage: z.strictObject({ category: count, rule: count, base: count }, mapping),
    minRuleClaims: count,
    holdoutMonths: count,
  },
  mapping,
);

/** Validates the settings file's text. Throws RiskConfigError naming every problem. */
export function parseRiskConfig(yamlText: string, fileName: string): RiskConfig {
  const source = readYaml(yamlText, fileName);
  if (source.errors.length) throw new RiskConfigError(source.errors);
  const result = riskConfigSchema.safeParse(source.value);
  if (result.success) return result.data;
  const problems = schemaProblems(source, fileName, result.error.issues, (parent) =>
    parent.length === 1 && parent[0] === 'categoryPriors'
      ? `unknown category (one of ${RULE_CATEGORIES.join(', ')})`
      : 'unknown field',
  );
  throw new RiskConfigError(problems);
}

/** Reads and validates `<dir>/model.yaml` (default `rules/risk` of the package). */
export function loadRiskConfig(dir: string = DEFAULT_RISK_DIR): RiskConfig {
  const path = join(dir, RISK_MODEL_FILE);
  if (!existsSync(path)) throw new RiskConfigError([`${path}: the risk model settings file is required`]);
  return parseRiskConfig(readFileSync(path, 'utf8'), path);
}

// ---------------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------------

/** One claim of history: its findings and what its first remittance said. */
export interface RiskTrainingRow {
  claimId: string;
  /** YYYY-MM: the month the claim belongs to (for the holdout split). */
  month: string;
  payerId: string;
  findings: FindingFact[];
  /** First-pass denied, wholly or partly. Only claims with a first-pass outcome belong in the rows. */
  denied: boolean;
  /** The categories the denial's CARCs map to; [] when not denied (ignored when not denied). */
  denialCategories: string[];
}

/** An estimate with its evidence: n claims, k of them denied in the category. */
export interface RiskEstimate {
  p: number;
  n: number;
  k: number;
}

/** A category's estimates by the claim's highest severity in it (a cell is present only with n > 0). */
export type SeverityEstimates = Partial<Record<RiskSeverity, RiskEstimate>>;

export interface RuleEstimate {
  category: string;
  /** The highest severity the rule fired with. */
  severity: RiskSeverity;
  n: number;
  k: number;
  /** Pulled towards the all-payer category estimate; null under minRuleClaims (not used). */
  p: number | null;
}

/** A fitted (or prior-only) model: plain JSON data. */
export interface RiskModel {
  version: 1;
  /** When it was fitted (ISO timestamp as given); null for the prior-only model. */
  fittedAt: string | null;
  trainedOn: { from: string | null; to: string | null; claims: number; denied: number };
  /** The settings it was fitted with (predictions fall back to these priors). */
  priors: RiskConfig;
  /** Unexplained denials: k claims of n. Payer ids normalized (trimmed, upper case). */
  base: { pooled: RiskEstimate; byPayer: Record<string, RiskEstimate> };
  category: {
    pooled: Record<string, SeverityEstimates>;
    byPayer: Record<string, Record<string, SeverityEstimates>>;
  };
  rule: Record<string, RuleEstimate>;
}

/** (k + m · prior) / (n + m): k of n pulled towards `prior` as if m more claims had followed it. */
export function shrink(k: number, n: number, m: number, prior: number): number {
  return n + m === 0 ? prior : (k + m * prior) / (n + m);
}

/** The prior of a category and severity: the category's override, else the severity prior. */
export function priorFor(config: RiskConfig, category: string, severity: RiskSeverity): number {
  const override = own(config.categoryPriors as Record<string, Partial<SeverityPriors>>, category);
  return override?.[severity] ?? config.severityPriors[severity];
}

function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function payerKey(payerId: string): string {
  return payerId.trim().toUpperCase();
}

const SEVERITY_RANK: Record<FindingFact['severity'], number> = { info: 0, warn: 1, block: 2 };

function isCause(f: FindingFact): f is FindingFact & { severity: RiskSeverity } {
  return f.severity === 'block' || f.severity === 'warn';
}

function higher(a: RiskSeverity | undefined, b: RiskSeverity): RiskSeverity {
  return a !== undefined && SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

interface Tally {
  n: number;
  k: number;
}
const tally = (): Tally => ({ n: 0, k: 0 });
const severityTallies = (): Map<RiskSeverity, Tally> => new Map();
const add = (t: Tally, hit: boolean): void => {
  t.n += 1;
  if (hit) t.k += 1;
};

/** Fits the model on history (rows: claims with a first-pass outcome). */
export function fitRiskModel(
  rows: readonly RiskTrainingRow[],
  config: RiskConfig,
  fittedAt: string | null,
): RiskModel {
  const pooledCells = new Map<string, Map<RiskSeverity, Tally>>();
  const payerCells = new Map<string, Map<string, Map<RiskSeverity, Tally>>>();
  const rules = new Map<string, Tally & { category: string; severity: RiskSeverity }>();
  const basePooled = tally();
  const basePayers = new Map<string, Tally>();
  let from: string | null = null;
  let to: string | null = null;
  let denied = 0;

  for (const row of rows) {
    const payer = payerKey(row.payerId);
    if (from === null || row.month < from) from = row.month;
    if (to === null || row.month > to) to = row.month;
    if (row.denied) denied += 1;
    const deniedIn = new Set(row.denied ? row.denialCategories : []);
    // The claim's highest severity per category, and each rule once (a rule firing on three lines
    // is one claim of evidence).
    const categories = new Map<string, RiskSeverity>();
    const fired = new Map<string, { category: string; severity: RiskSeverity }>();
    for (const f of row.findings) {
      if (!isCause(f)) continue;
      categories.set(f.category, higher(categories.get(f.category), f.severity));
      const seen = fired.get(f.ruleId);
      fired.set(f.ruleId, {
        category: seen?.category ?? f.category,
        severity: higher(seen?.severity, f.severity),
      });
    }
    const payerCats = getOr(payerCells, payer, () => new Map<string, Map<RiskSeverity, Tally>>());
    for (const [category, severity] of categories) {
      const hit = deniedIn.has(category);
      add(getOr(getOr(pooledCells, category, severityTallies), severity, tally), hit);
      add(getOr(getOr(payerCats, category, severityTallies), severity, tally), hit);
    }
    for (const [ruleId, { category, severity }] of fired) {
      const r = getOr(rules, ruleId, () => ({ n: 0, k: 0, category, severity }));
      r.severity = higher(r.severity, severity);
      add(r, deniedIn.has(r.category));
    }
    const unexplained = row.denied && (deniedIn.size === 0 || [...deniedIn].some((c) => !categories.has(c)));
    add(basePooled, unexplained);
    add(getOr(basePayers, payer, tally), unexplained);
  }

  const m = config.shrinkage;
  const estimate = (t: Tally, mm: number, prior: number): RiskEstimate => ({
    p: shrink(t.k, t.n, mm, prior),
    n: t.n,
    k: t.k,
  });
  const pooled = Object.fromEntries(
    [...pooledCells].map(([category, cells]) => [
      category,
      Object.fromEntries(
        [...cells].map(([sev, t]) => [sev, estimate(t, m.category, priorFor(config, category, sev))]),
      ) as SeverityEstimates,
    ]),
  );
  const pooledP = (category: string, severity: RiskSeverity): number =>
    own(pooled, category)?.[severity]?.p ?? priorFor(config, category, severity);
  const byPayer = Object.fromEntries(
    [...payerCells].map(([payer, cats]) => [
      payer,
      Object.fromEntries(
        [...cats].map(([category, cells]) => [
          category,
          Object.fromEntries(
            [...cells].map(([sev, t]) => [sev, estimate(t, m.category, pooledP(category, sev))]),
          ) as SeverityEstimates,
        ]),
      ),
    ]),
  );
  const baseAll = estimate(basePooled, m.base, config.baseRatePrior);
  return {
    version: 1,
    fittedAt,
    trainedOn: { from, to, claims: rows.length, denied },
    priors: structuredClone(config),
    base: {
      pooled: baseAll,
      byPayer: Object.fromEntries(
        [...basePayers].map(([payer, t]) => [payer, estimate(t, m.base, baseAll.p)]),
      ),
    },
    category: { pooled, byPayer },
    rule: Object.fromEntries(
      [...rules].map(([ruleId, r]) => [
        ruleId,
        {
          category: r.category,
          severity: r.severity,
          n: r.n,
          k: r.k,
          p: r.n >= config.minRuleClaims ? shrink(r.k, r.n, m.rule, pooledP(r.category, r.severity)) : null,
        },
      ]),
    ),
  };
}

/** The model before any history: every estimate at its prior. */
export function priorModel(config: RiskConfig): RiskModel {
  return fitRiskModel([], config, null);
}

// ---------------------------------------------------------------------------------------------------
// Prediction
// ---------------------------------------------------------------------------------------------------

/** Where a finding's probability came from, most specific first. */
export type RiskSource = 'rule' | 'payer-category' | 'category' | 'prior';

export interface RiskLineCharge {
  lineNumber: number;
  chargeCents: number;
}

export interface RiskContribution {
  ruleId: string;
  category: string;
  severity: RiskSeverity;
  /** LX line number, or null for a claim-level finding. */
  line: number | null;
  /** This finding's own chance of causing a denial. */
  probability: number;
  source: RiskSource;
  /** Its part of the claim's probability (log-survival share, 4 decimals; 0 when outranked in its category). */
  share: number;
  /** Its part of the expected denied charges (whole cents). */
  expectedCents: number;
}

export interface ClaimRiskPrediction {
  /** The chance of a first-pass denial, wholly or partly (0..1). */
  probability: number;
  /** Σ over lines of charge × chance the line is denied, rounded per line (whole cents). */
  expectedDeniedCents: number;
  /** The payer's chance of an unexplained denial. */
  base: number;
  /** The base cause's part: baseShare + Σ shares = 1 exactly (in 4-decimal units). */
  baseShare: number;
  baseExpectedCents: number;
  /** One per block/warn finding, in the order given (info findings are left out). */
  contributions: RiskContribution[];
}

/** Probabilities are kept below 1 so that log-survival stays finite (only an unshrunk k = n reaches 1). */
const MAX_P = 1 - 1e-9;
const clampP = (p: number): number => Math.min(MAX_P, Math.max(0, p));
const logSurvival = (p: number): number => -Math.log1p(-p);

interface Cause {
  finding: FindingFact & { severity: RiskSeverity };
  p: number;
  source: RiskSource;
}

function baseRate(model: RiskModel, payer: string): number {
  return clampP((own(model.base.byPayer, payer) ?? model.base.pooled).p);
}

/** A block/warn finding's probability and its source (see the header). */
function causeOf(model: RiskModel, payer: string, f: FindingFact & { severity: RiskSeverity }): Cause {
  const payerCell = own(own(model.category.byPayer, payer), f.category)?.[f.severity];
  const pooledCell = own(model.category.pooled, f.category)?.[f.severity];
  let p: number;
  let source: RiskSource;
  if (payerCell !== undefined) [p, source] = [payerCell.p, 'payer-category'];
  else if (pooledCell !== undefined) [p, source] = [pooledCell.p, 'category'];
  else [p, source] = [priorFor(model.priors, f.category, f.severity), 'prior'];
  const rule = own(model.rule, f.ruleId);
  if (rule !== undefined && rule.p !== null) {
    p = shrink(rule.k, rule.n, model.priors.shrinkage.rule, p);
    source = 'rule';
  }
  return { finding: f, p: clampP(p), source };
}

function causesOf(model: RiskModel, payer: string, findings: readonly FindingFact[]): Cause[] {
  const out: Cause[] = [];
  for (const f of findings) if (isCause(f)) out.push(causeOf(model, payer, f));
  return out;
}

/** The strongest cause per category among `causes` (the first one on a tie), as indexes. */
function strongestPerCategory(causes: readonly Cause[], touches: (c: Cause) => boolean): number[] {
  const best = new Map<string, number>();
  causes.forEach((c, i) => {
    if (!touches(c)) return;
    const j = best.get(c.finding.category);
    if (j === undefined || c.p > causes[j]!.p) best.set(c.finding.category, i);
  });
  return [...best.values()];
}

const pick = (causes: readonly Cause[], indexes: readonly number[]): number[] =>
  indexes.map((i) => causes[i]!.p);

function noisyOr(base: number, ps: readonly number[]): number {
  let survives = 1 - base;
  for (const p of ps) survives *= 1 - p;
  return 1 - survives;
}

/** Splits an integer total by weights: floors, then the largest remainders (earlier first on ties). */
function apportion(total: number, weights: readonly number[]): number[] {
  const out = weights.map(() => 0);
  if (total === 0 || out.length === 0) return out;
  const sum = weights.reduce((s, w) => s + w, 0);
  const sign = total < 0 ? -1 : 1;
  const whole = Math.abs(total);
  if (!(sum > 0)) {
    out[0] = total;
    return out;
  }
  const raw = weights.map((w) => (whole * w) / sum);
  let left = whole;
  raw.forEach((r, i) => {
    out[i] = Math.floor(r);
    left -= out[i]!;
  });
  const order = raw
    .map((r, i) => ({ i, frac: r - Math.floor(r) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let j = 0; j < left; j++) out[order[j % order.length]!.i]! += 1;
  return out.map((v) => v * sign);
}

/** The chance of a first-pass denial only (what calibration needs). */
export function predictProbability(
  model: RiskModel,
  payerId: string,
  findings: readonly FindingFact[],
): number {
  const payer = payerKey(payerId);
  const causes = causesOf(model, payer, findings);
  return noisyOr(
    baseRate(model, payer),
    pick(
      causes,
      strongestPerCategory(causes, () => true),
    ),
  );
}

/** A claim's denial risk, expected denied charges, and what explains them. */
export function predictClaim(
  model: RiskModel,
  payerId: string,
  findings: readonly FindingFact[],
  lines: readonly RiskLineCharge[],
): ClaimRiskPrediction {
  const payer = payerKey(payerId);
  const base = baseRate(model, payer);
  const causes = causesOf(model, payer, findings);

  const best = strongestPerCategory(causes, () => true);
  const probability = noisyOr(base, pick(causes, best));
  const weights = causes.map(() => 0);
  for (const i of best) weights[i] = logSurvival(causes[i]!.p);
  const shareUnits = apportion(10_000, [logSurvival(base), ...weights]);

  const cents = causes.map(() => 0);
  let baseCents = 0;
  let expected = 0;
  for (const line of lines) {
    if (!Number.isSafeInteger(line.chargeCents))
      throw new Error(`line ${line.lineNumber}: chargeCents must be whole cents, got ${line.chargeCents}`);
    const onLine = strongestPerCategory(
      causes,
      (c) => c.finding.line === null || c.finding.line === line.lineNumber,
    );
    const ps = pick(causes, onLine);
    const lineCents = Math.round(line.chargeCents * noisyOr(base, ps));
    expected += lineCents;
    const split = apportion(lineCents, [logSurvival(base), ...ps.map(logSurvival)]);
    baseCents += split[0]!;
    onLine.forEach((i, j) => (cents[i]! += split[j + 1]!));
  }

  return {
    probability,
    expectedDeniedCents: expected,
    base,
    baseShare: shareUnits[0]! / 10_000,
    baseExpectedCents: baseCents,
    contributions: causes.map((c, i) => ({
      ruleId: c.finding.ruleId,
      category: c.finding.category,
      severity: c.finding.severity,
      line: c.finding.line,
      probability: c.p,
      source: c.source,
      share: shareUnits[i + 1]! / 10_000,
      expectedCents: cents[i]!,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------
// Calibration
// ---------------------------------------------------------------------------------------------------

export interface ReliabilityBin {
  /** 1..10, lowest predictions first. */
  bin: number;
  n: number;
  meanPredicted: number;
  observedRate: number;
  minPredicted: number;
  maxPredicted: number;
}

export interface RiskCalibration {
  n: number;
  denied: number;
  /** null when there are no rows (as are the other scores). */
  meanPredicted: number | null;
  observedRate: number | null;
  /** Mean of (prediction − outcome)² over the rows; lower is better, 0.25 is a coin flip at 0.5. */
  brier: number | null;
  /** The prior-only model (same settings, no history) on the same rows. */
  brierPrior: number | null;
  /**
   * Each payer's own denial rate on these same rows as the prediction for all its claims: a
   * reference that knows the payer mix in hindsight but nothing of the findings.
   */
  brierBase: number | null;
  /** Ten bins of equal count (± 1) of the rows sorted by prediction; equal predictions may straddle two bins; empty bins left out. */
  reliability: ReliabilityBin[];
}

function brier(predictions: readonly number[], outcomes: readonly number[]): number | null {
  if (predictions.length === 0) return null;
  let s = 0;
  predictions.forEach((p, i) => (s += (p - outcomes[i]!) ** 2));
  return s / predictions.length;
}

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;

/** How well `model` predicted what happened to `rows`. */
export function calibrate(model: RiskModel, rows: readonly RiskTrainingRow[]): RiskCalibration {
  const outcomes: number[] = rows.map((r) => (r.denied ? 1 : 0));
  const predicted = rows.map((r) => predictProbability(model, r.payerId, r.findings));
  const prior = priorModel(model.priors);
  const predictedPrior = rows.map((r) => predictProbability(prior, r.payerId, r.findings));
  const payerRates = new Map<string, Tally>();
  rows.forEach((r) => add(getOr(payerRates, payerKey(r.payerId), tally), r.denied));
  const predictedBase = rows.map((r) => {
    const t = payerRates.get(payerKey(r.payerId))!;
    return t.k / t.n;
  });

  const order = predicted.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const reliability: ReliabilityBin[] = [];
  for (let b = 0; b < 10; b++) {
    const slice = order.slice(Math.floor((b * order.length) / 10), Math.floor(((b + 1) * order.length) / 10));
    if (slice.length === 0) continue;
    reliability.push({
      bin: b + 1,
      n: slice.length,
      meanPredicted: mean(slice.map((s) => s.p))!,
      observedRate: mean(slice.map((s) => outcomes[s.i]!))!,
      minPredicted: slice[0]!.p,
      maxPredicted: slice[slice.length - 1]!.p,
    });
  }
  return {
    n: rows.length,
    denied: outcomes.reduce((s, y) => s + y, 0),
    meanPredicted: mean(predicted),
    observedRate: mean(outcomes),
    brier: brier(predicted, outcomes),
    brierPrior: brier(predictedPrior, outcomes),
    brierBase: brier(predictedBase, outcomes),
    reliability,
  };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Splits history by month: the latest `holdoutMonths` distinct months present (not calendar months:
 * a month without claims does not count) are the test rows, the earlier ones the training rows —
 * but fewer months while the held-out ones would hold more than half of the rows (the latest month is
 * always held out, so calibration is measured); none when holdoutMonths is 0.
 */
export function splitHoldout(
  rows: readonly RiskTrainingRow[],
  holdoutMonths: number,
): { train: RiskTrainingRow[]; test: RiskTrainingRow[]; cutoffMonth: string | null } {
  if (!Number.isSafeInteger(holdoutMonths) || holdoutMonths < 0)
    throw new Error(`holdoutMonths must be a whole number ≥ 0, got ${holdoutMonths}`);
  for (const r of rows)
    if (!MONTH.test(r.month)) throw new Error(`claim ${r.claimId}: month must be YYYY-MM, got "${r.month}"`);
  const months = [...new Set(rows.map((r) => r.month))].sort();
  if (holdoutMonths === 0 || months.length === 0) return { train: [...rows], test: [], cutoffMonth: null };
  // A short history is not held out wholesale: fewer months are held out while they would hold more
  // than half of the claims (at least one month is always held out, so calibration is measured).
  const perMonth = new Map<string, number>();
  for (const r of rows) perMonth.set(r.month, (perMonth.get(r.month) ?? 0) + 1);
  let k = 1;
  let held = perMonth.get(months[months.length - 1]!)!;
  while (k < holdoutMonths && k < months.length) {
    const next = held + perMonth.get(months[months.length - 1 - k]!)!;
    if (next * 2 > rows.length) break;
    held = next;
    k++;
  }
  const cutoffMonth = months[months.length - k]!;
  return {
    train: rows.filter((r) => r.month < cutoffMonth),
    test: rows.filter((r) => r.month >= cutoffMonth),
    cutoffMonth,
  };
}

export interface RiskFitResult {
  /** Fitted on every row: the model to use. */
  model: RiskModel;
  /** A model fitted on the training months, scored on the held-out months. */
  calibration: RiskCalibration;
  holdout: { fromMonth: string | null; toMonth: string | null; claims: number; trainClaims: number };
}

/** Split → fit on the earlier months → calibrate on the held-out months → refit on everything. */
export function fitAndCalibrate(
  rows: readonly RiskTrainingRow[],
  config: RiskConfig,
  fittedAt: string,
): RiskFitResult {
  const { train, test, cutoffMonth } = splitHoldout(rows, config.holdoutMonths);
  const calibration = calibrate(fitRiskModel(train, config, fittedAt), test);
  const toMonth = test.reduce<string | null>(
    (max, r) => (max === null || r.month > max ? r.month : max),
    null,
  );
  return {
    model: fitRiskModel(rows, config, fittedAt),
    calibration,
    holdout: { fromMonth: cutoffMonth, toMonth, claims: test.length, trainClaims: train.length },
  };
}
