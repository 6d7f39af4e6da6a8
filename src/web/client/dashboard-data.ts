/**
 * The finance dashboard's data shaping: the report API's answers turned into chart specs (labels,
 * series, the drill-down behind every bar) and headline tiles. Pure (no DOM, no Chart.js), so jest
 * tests it; pages/dashboard.ts draws the specs with Chart.js.
 *
 * Every bar and number carries a `Drill`: the API list (claims or leakage items) with the query that
 * lists exactly what it counts. Grouped report rows bring their own (`drill`, built by the server);
 * the others are built here from the page's filters with the same parameter names.
 */
import * as fmt from './format.js';
import { type Filters, withQuery } from './url-state.js';

// ---------------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------------

export const CLAIM_TYPES = ['professional', 'institutional', 'dental'] as const;

/** The dashboard's filters, in the URL and in every report query (same names as the API). */
export const DASHBOARD_SPEC = {
  from: { pattern: /^\d{4}-(0[1-9]|1[0-2])$/ },
  to: { pattern: /^\d{4}-(0[1-9]|1[0-2])$/ },
  payerId: { pattern: /^.{1,80}$/ },
  providerNpi: { pattern: /^\d{10}$/ },
  claimType: { values: CLAIM_TYPES },
} as const;
export type DashboardFilters = Filters<typeof DASHBOARD_SPEC>;

/** The report query of the filters: the values that are set. */
export function reportQuery(f: DashboardFilters): Record<string, string> {
  const q: Record<string, string> = {};
  for (const key of Object.keys(DASHBOARD_SPEC) as (keyof DashboardFilters)[]) if (f[key]) q[key] = f[key];
  return q;
}

/** What is wrong with the filters before asking the server (it would answer 400), or null. */
export function filterProblem(f: DashboardFilters): string | null {
  if (f.from && f.to && f.from > f.to) return `The first month (${f.from}) is after the last (${f.to}).`;
  return null;
}

/** The filters in words, for titles and exported file names: `Jan 2026–Mar 2026 · payer P1`. */
export function describeFilters(f: DashboardFilters): string {
  const parts: string[] = [];
  if (f.from || f.to) parts.push(`${f.from ? fmt.month(f.from) : 'start'}–${f.to ? fmt.month(f.to) : 'now'}`);
  if (f.payerId) parts.push(`payer ${f.payerId}`);
  if (f.providerNpi) parts.push(`provider ${f.providerNpi}`);
  if (f.claimType) parts.push(f.claimType);
  return parts.length ? parts.join(' · ') : 'all claims';
}

// ---------------------------------------------------------------------------------------------------
// Drill-downs
// ---------------------------------------------------------------------------------------------------

export const CLAIMS_LIST = '/api/v1/reports/claims';
export const LEAKAGE_LIST = '/api/v1/reports/leakage/items';
/** The largest page the drill-down lists give (ReportPageQueryDto), used for the CSV export. */
export const CSV_LIMIT = 500;

export const DEADLINES_LIST = '/api/v1/reports/deadlines';

/**
 * The list behind a bar or number: which API list, with which query, and a title saying what it is.
 * `filing` is the filing-deadline half of the deadlines report (not paged).
 */
export interface Drill {
  list: 'claims' | 'leakage' | 'filing';
  query: Record<string, string>;
  title: string;
}

const pathOf = (list: Drill['list']) =>
  list === 'claims' ? CLAIMS_LIST : list === 'leakage' ? LEAKAGE_LIST : DEADLINES_LIST;

/** A drill-down the server gave (`/api/v1/reports/claims?…` or `…/leakage/items?…`); null for anything else. */
export function serverDrill(drill: unknown, title: string): Drill | null {
  if (typeof drill !== 'string') return null;
  const q = drill.indexOf('?');
  const path = q < 0 ? drill : drill.slice(0, q);
  const list = path === CLAIMS_LIST ? 'claims' : path === LEAKAGE_LIST ? 'leakage' : null;
  if (!list) return null;
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(q < 0 ? '' : drill.slice(q + 1))) query[k] = v;
  return { list, query, title };
}

/** The claims of the page's filters narrowed by `extra` (outcome, category, flagged …). */
export function claimsDrill(f: DashboardFilters, extra: Record<string, string>, title: string): Drill {
  return { list: 'claims', query: { ...reportQuery(f), ...extra }, title };
}

/** The leakage items of the page's filters narrowed by `extra` (kind, category). */
export function leakageDrill(f: DashboardFilters, extra: Record<string, string>, title: string): Drill {
  return { list: 'leakage', query: { ...reportQuery(f), ...extra }, title };
}

/** Claims whose timely-filing limit falls within `days` days (the deadlines report's filing rows). */
export function filingDrill(f: DashboardFilters, days: number, title: string): Drill {
  return { list: 'filing', query: { ...reportQuery(f), within: String(days) }, title };
}

/** The URL of one page of a drill-down list. */
export function drillUrl(d: Drill, limit: number, cursor?: string | null): string {
  return withQuery(pathOf(d.list), { ...d.query, limit, cursor: cursor ?? '' });
}

/** The CSV export of a drill-down list (its first CSV_LIMIT rows). */
export function drillCsvUrl(d: Drill): string {
  return withQuery(pathOf(d.list), { ...d.query, limit: CSV_LIMIT, format: 'csv' });
}

/** The CSV export of a report with the page's filters: `/api/v1/reports/denials?groupBy=payer&…&format=csv`. */
export function reportCsvUrl(
  report: string,
  f: DashboardFilters,
  extra: Record<string, string> = {},
): string {
  return withQuery(`/api/v1/reports/${report}`, { ...extra, ...reportQuery(f), format: 'csv' });
}

/** A file name for an exported chart: `denials-by-payer-2026-01-2026-03.png`. */
export function pngName(chartId: string, f: DashboardFilters): string {
  const range = [f.from, f.to].filter(Boolean).join('-');
  const rest = [f.payerId, f.providerNpi, f.claimType].filter(Boolean).join('-');
  return `${[chartId, range, rest]
    .filter(Boolean)
    .join('-')
    .replace(/[^A-Za-z0-9.-]+/g, '_')}.png`;
}

// ---------------------------------------------------------------------------------------------------
// The report answers (src/reports/reports.service.ts)
// ---------------------------------------------------------------------------------------------------

export interface Summary {
  claims: number;
  adjudicated: number;
  pending: number;
  denied: number;
  denialRate: number | null;
  cleanClaimRate: number | null;
  chargeCents: number;
  paidCents: number;
  deniedCents: number;
  anticipatedDenials: number;
  moneyAtRiskCents: number;
  meanPredictedRisk: number | null;
  leakageCents: number;
  leakageByKindCents: Record<string, number>;
  reworkAvoidedCents: number;
  riskModel: RiskModelInfo;
}

export interface RiskModelInfo {
  id: string | null;
  fittedAt: string | null;
  source: 'fitted' | 'priors';
}

/** A row of denials by month, payer, provider or claim type. */
export interface DenialRow {
  key: string;
  claims: number;
  adjudicated: number;
  denied: number;
  denialRate: number | null;
  clean: number;
  cleanClaimRate: number | null;
  chargeCents: number;
  paidCents: number;
  deniedCents: number;
  drill: string;
}

/** A row of denials by category or CARC. */
export interface DenialCodeRow {
  key: string;
  label?: string;
  category?: string;
  denied: number;
  deniedCents: number;
  shareOfAdjudicated: number | null;
  anticipated: number;
  anticipatedRate: number | null;
  drill: string;
}

export interface CleanClaimRow {
  key: string;
  adjudicated: number;
  clean: number;
  cleanClaimRate: number | null;
  drill: string;
}

export interface MoneyAtRiskRow {
  key: string;
  pendingClaims: number;
  expectedDeniedCents: number;
  drill: string;
}

export interface LeakageRow {
  key: string;
  items: number;
  amountCents: number;
  reworkAvoidedCents: number;
  drill: string;
}

export interface LeakageAhead {
  appealsDueIn7Days: { items: number; amountCents: number };
  filingLimitIn30Days: { claims: number; chargeCents: number };
}

export interface BacktestTotals {
  claims: number;
  adjudicated: number;
  flagged: number;
  flaggedDenied: number;
  denied: number;
  anticipated: number;
  deniedCents: number;
  anticipatedCents: number;
  recall: number | null;
  precision: number | null;
}

export interface BacktestCategory {
  category: string;
  flagged: number;
  flaggedDenied: number;
  flaggedMatching: number;
  denials: number;
  anticipated: number;
  deniedCents: number;
  recall: number | null;
  precision: number | null;
  precisionMatching: number | null;
}

export interface UnanticipatedCarc {
  carc: string;
  denials: number;
  deniedCents: number;
  categories: string[];
}

export interface ReliabilityBin {
  bin: number;
  n: number;
  meanPredicted: number;
  observedRate: number;
  minPredicted: number;
  maxPredicted: number;
}

export interface CalibrationAnswer {
  riskModel: RiskModelInfo;
  calibration: {
    n: number;
    denied: number;
    meanPredicted: number | null;
    observedRate: number | null;
    brier: number | null;
    brierPrior: number | null;
    brierBase: number | null;
    reliability: ReliabilityBin[];
    holdout?: { fromMonth: string | null; toMonth: string | null; claims: number; trainClaims: number };
  } | null;
  note?: string;
}

/** GET /api/v1/reports/dashboard. */
export interface DashboardAnswer {
  summary: Summary;
  denialsByMonth: DenialRow[];
  denialsByPayer: DenialRow[];
  denialsByCategory: DenialCodeRow[];
  topCarcs: DenialCodeRow[];
  denialsByProvider: DenialRow[];
  leakage: { rows: LeakageRow[]; totalCents: number; ahead: LeakageAhead };
  backtest: { totals: BacktestTotals; categories: Record<string, BacktestCategory> };
  calibration: CalibrationAnswer;
}

/** A row of the drill-down list of claims (finance gets it without patient identifiers). */
export interface ReportClaimItem {
  claimId: string;
  month: string;
  serviceDate: string | null;
  payerId: string;
  providerNpi: string;
  claimType: string;
  patientControlNumber?: string;
  status: string;
  chargeCents: number;
  paidCents: number;
  firstPass: string;
  currentOutcome: string;
  denialCarcs: string[];
  denialCategories: string[];
  deniedCents: number;
  findingCount: number;
  riskMilli: number;
  expectedDenialCents: number;
  anticipated: boolean;
  worked: boolean;
}

/** A row of the drill-down list of leakage items. */
export interface LeakageItem {
  id: string;
  claimId: string | null;
  remittanceId: string | null;
  lineNumber: number;
  kind: string;
  category: string;
  month: string;
  payerId: string;
  providerNpi: string;
  claimType: string;
  amountCents: number;
  deadline: string | null;
  detail: string;
  patientControlNumber?: string | null;
}

// ---------------------------------------------------------------------------------------------------
// Benchmarks (../shared/INDUSTRY-FIGURES.md: published figures, cited as industry estimates)
// ---------------------------------------------------------------------------------------------------

/** The band of first-pass (initial) denial rates the industry figures put most organisations in. */
export const DENIAL_BENCHMARK = {
  low: 0.1,
  high: 0.15,
  label: 'Industry initial denial rate 10–15%',
  source:
    'Industry estimates: hospitals’ initial denial rate 11.81% in 2024 (Kodiak Solutions, via HFMA); ' +
    '8.4% (traditional Medicare) to 16.7% (Medicaid) by payer type in 2022 (Premier survey).',
} as const;

/** The first-pass clean-claim target (MGMA guidance: 95% or better). */
export const CLEAN_CLAIM_TARGET = {
  rate: 0.95,
  label: 'Target 95% (MGMA guidance)',
  source: 'Clean-claim (first-pass) target: 95% or better (MGMA guidance).',
} as const;

/** Where a rate sits against the industry band, in words (facts only). */
export function denialRateVersusBenchmark(rate: number | null): string {
  if (rate === null) return 'No answered claims yet: no denial rate to compare.';
  const where = rate < DENIAL_BENCHMARK.low ? 'below' : rate > DENIAL_BENCHMARK.high ? 'above' : 'within';
  return `${fmt.percent(rate)} is ${where} the industry range of ${fmt.percent(DENIAL_BENCHMARK.low, 0)}–${fmt.percent(DENIAL_BENCHMARK.high, 0)}.`;
}

// ---------------------------------------------------------------------------------------------------
// Chart specs
// ---------------------------------------------------------------------------------------------------

/** What a value measures: it picks the axis and the format. */
export type Measure = 'count' | 'money' | 'rate';

export interface Series {
  label: string;
  measure: Measure;
  color: string;
  /** One value per label (bar and line charts). */
  data: (number | null)[];
  /** Points (scatter charts). */
  points?: { x: number; y: number }[];
  /** The drill-down of each value; null where there is none. */
  drills: (Drill | null)[];
  /** A line over the bars (benchmarks are lines). */
  line?: boolean;
  /** A reference line (benchmark, target, perfect calibration): not clickable, dashed. */
  reference?: boolean;
  /** Fill the band between this line and the next series. */
  fillToNext?: boolean;
  /** Left out of the legend (the lower edge of a band). */
  hideInLegend?: boolean;
}

export interface ChartSpec {
  id: string;
  title: string;
  kind: 'bar' | 'scatter';
  /** Bars left to right along a category axis on the left. */
  horizontal: boolean;
  labels: string[];
  /** A longer name per label for tooltips and the data table (CARC descriptions). */
  hints: string[];
  series: Series[];
  /** The x axis of a scatter chart, and its y axis (measure rate). */
  xTitle?: string;
  yTitle?: string;
  /** Shown instead of the chart when there is nothing to draw. */
  empty: string | null;
}

export const COLORS = {
  denied: '#d92d20',
  money: '#1f5fbf',
  clean: '#067647',
  risk: '#b54708',
  leak: '#b42318',
  saved: '#079455',
  recall: '#1f5fbf',
  precision: '#7a5af8',
  band: '#98a2b3',
  target: '#067647',
  model: '#1f5fbf',
} as const;

/** `#d92d20` with an opacity, as `rgba(217, 45, 32, 0.15)` (a band's fill). */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)}, ${alpha})`;
}

/** A value as text in its measure: `12.3%`, `$1,234.56`, `1,234`. */
export function formatMeasure(measure: Measure, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return measure === 'money' ? fmt.money(v) : measure === 'rate' ? fmt.percent(v) : fmt.count(v);
}

const noRows = (n: number, text: string) => (n === 0 ? text : null);

/** First-pass denial rate by month, with the industry band. */
export function denialRateByMonth(rows: readonly DenialRow[]): ChartSpec {
  const labels = rows.map((r) => fmt.month(r.key));
  return {
    id: 'denial-rate-by-month',
    title: 'First-pass denial rate by month',
    kind: 'bar',
    horizontal: false,
    labels,
    hints: rows.map(
      (r) =>
        `${fmt.month(r.key)}: ${fmt.count(r.denied)} of ${fmt.count(r.adjudicated)} answered claims denied`,
    ),
    series: [
      {
        label: 'Denial rate',
        measure: 'rate',
        color: COLORS.denied,
        data: rows.map((r) => r.denialRate),
        drills: rows.map((r) => serverDrill(r.drill, `Claims denied on first pass, ${fmt.month(r.key)}`)),
      },
      {
        label: DENIAL_BENCHMARK.label,
        measure: 'rate',
        color: COLORS.band,
        data: rows.map(() => DENIAL_BENCHMARK.high),
        drills: rows.map(() => null),
        line: true,
        reference: true,
        fillToNext: true,
      },
      {
        label: 'Industry low',
        measure: 'rate',
        color: COLORS.band,
        data: rows.map(() => DENIAL_BENCHMARK.low),
        drills: rows.map(() => null),
        line: true,
        reference: true,
        hideInLegend: true,
      },
    ],
    empty: noRows(rows.length, 'No claims in this range.'),
  };
}

/** First-pass clean-claim rate by month, with the 95% target. */
export function cleanClaimRateByMonth(rows: readonly CleanClaimRow[]): ChartSpec {
  return {
    id: 'clean-claim-rate-by-month',
    title: 'First-pass clean-claim rate by month',
    kind: 'bar',
    horizontal: false,
    labels: rows.map((r) => fmt.month(r.key)),
    hints: rows.map(
      (r) =>
        `${fmt.month(r.key)}: ${fmt.count(r.clean)} of ${fmt.count(r.adjudicated)} paid in full first time`,
    ),
    series: [
      {
        label: 'Clean-claim rate',
        measure: 'rate',
        color: COLORS.clean,
        data: rows.map((r) => r.cleanClaimRate),
        drills: rows.map((r) =>
          serverDrill(r.drill, `Claims paid in full on first pass, ${fmt.month(r.key)}`),
        ),
      },
      {
        label: CLEAN_CLAIM_TARGET.label,
        measure: 'rate',
        color: COLORS.target,
        data: rows.map(() => CLEAN_CLAIM_TARGET.rate),
        drills: rows.map(() => null),
        line: true,
        reference: true,
      },
    ],
    empty: noRows(rows.length, 'No claims in this range.'),
  };
}

export type DenialDimension = 'category' | 'carc' | 'payer' | 'provider';

const DIMENSION_NAME: Record<DenialDimension, string> = {
  category: 'category',
  carc: 'CARC',
  payer: 'payer',
  provider: 'provider',
};

function codeLabel(dim: DenialDimension, key: string): string {
  if (dim === 'category') return fmt.label(key);
  if (dim === 'carc') return `CARC ${key}`;
  if (dim === 'provider') return `NPI ${key}`;
  return key || '(none)';
}

/** Denials (count) and denied money by category, CARC, payer or provider; largest first. */
export function denialsBy(dim: DenialDimension, rows: readonly (DenialRow | DenialCodeRow)[]): ChartSpec {
  const shown = rows.filter((r) => r.denied > 0);
  const labels = shown.map((r) => codeLabel(dim, r.key));
  const hints = shown.map((r) => {
    const code = r as DenialCodeRow;
    const rate = (r as DenialRow).denialRate;
    const extra =
      dim === 'carc'
        ? [code.label, code.category ? `category ${fmt.label(code.category)}` : '']
            .filter(Boolean)
            .join(' · ')
        : rate !== undefined
          ? `denial rate ${fmt.percent(rate)}`
          : code.anticipatedRate !== undefined
            ? `${fmt.percent(code.anticipatedRate)} flagged by a rule beforehand`
            : '';
    return extra ? `${codeLabel(dim, r.key)} — ${extra}` : codeLabel(dim, r.key);
  });
  const drills = shown.map((r) =>
    serverDrill(
      r.drill,
      `Denied claims — ${DIMENSION_NAME[dim]} ${dim === 'category' ? fmt.label(r.key) : r.key}`,
    ),
  );
  return {
    id: `denials-by-${dim}`,
    title: `Denials and denied money by ${DIMENSION_NAME[dim]}`,
    kind: 'bar',
    horizontal: true,
    labels,
    hints,
    series: [
      {
        label: 'Denied claims',
        measure: 'count',
        color: COLORS.denied,
        data: shown.map((r) => r.denied),
        drills,
      },
      {
        label: 'Denied money',
        measure: 'money',
        color: COLORS.money,
        data: shown.map((r) => r.deniedCents),
        drills,
      },
    ],
    empty: noRows(shown.length, 'No denials in this range.'),
  };
}

/** Money at risk now (expected denials of claims waiting for an answer) by payer. */
export function moneyAtRiskBy(rows: readonly MoneyAtRiskRow[]): ChartSpec {
  const drills = rows.map((r) => serverDrill(r.drill, `Claims waiting for an answer, payer ${r.key}`));
  return {
    id: 'money-at-risk-by-payer',
    title: 'Money at risk now, by payer',
    kind: 'bar',
    horizontal: true,
    labels: rows.map((r) => r.key || '(none)'),
    hints: rows.map((r) => `${r.key}: ${fmt.count(r.pendingClaims)} claims waiting for an answer`),
    series: [
      {
        label: 'Expected denied money',
        measure: 'money',
        color: COLORS.risk,
        data: rows.map((r) => r.expectedDeniedCents),
        drills,
      },
    ],
    empty: noRows(rows.length, 'No claims are waiting for an answer.'),
  };
}

/** The leakage kinds, in the order the dashboard lists them, with their names. */
export const LEAKAGE_KINDS: readonly (readonly [string, string])[] = [
  ['denial', 'Denials not worked'],
  ['underpayment', 'Underpayments (below contract)'],
  ['missed-charge', 'Missed charges'],
  ['timely-filing', 'Timely-filing losses'],
  ['recoupment', 'Recoupments'],
  ['reversal', 'Reversals'],
  ['rework', 'Rework cost'],
];
export const REWORK_AVOIDED = 'rework-avoided';

/**
 * Leakage by kind: money lost or at stake per kind (every kind, zero included), and rework avoided
 * (money saved) as its own bar. Every bar drills to the kind's items.
 */
export function leakageByKind(rows: readonly LeakageRow[], f: DashboardFilters): ChartSpec {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const kinds = [...LEAKAGE_KINDS, [REWORK_AVOIDED, 'Rework avoided (saved)'] as const];
  const drills = kinds.map(
    ([kind, name]) =>
      serverDrill(byKey.get(kind)?.drill, `Leakage: ${name}`) ??
      leakageDrill(f, { kind }, `Leakage: ${name}`),
  );
  const lost = kinds.map(([kind]) => (kind === REWORK_AVOIDED ? null : (byKey.get(kind)?.amountCents ?? 0)));
  const saved = kinds.map(([kind]) =>
    kind === REWORK_AVOIDED ? rows.reduce((a, r) => a + (r.reworkAvoidedCents ?? 0), 0) : null,
  );
  return {
    id: 'leakage-by-kind',
    title: 'Leakage by kind',
    kind: 'bar',
    horizontal: true,
    labels: kinds.map(([, name]) => name),
    hints: kinds.map(([kind, name]) => {
      const items = byKey.get(kind)?.items;
      return items === undefined || kind === REWORK_AVOIDED ? name : `${name}: ${fmt.count(items)} items`;
    }),
    series: [
      {
        label: 'Lost or at stake',
        measure: 'money',
        color: COLORS.leak,
        data: lost,
        drills: drills.map((d, i) => (lost[i] === null ? null : d)),
      },
      {
        label: 'Saved',
        measure: 'money',
        color: COLORS.saved,
        data: saved,
        drills: drills.map((d, i) => (saved[i] === null ? null : d)),
      },
    ],
    empty: null,
  };
}

/**
 * Rules against what payers did, per category: recall (denials a rule flagged beforehand) and
 * precision (flagged claims that were denied). Recall drills to the category's denials, precision to
 * the claims flagged in that category.
 */
export function backtestByCategory(
  categories: Readonly<Record<string, BacktestCategory>>,
  f: DashboardFilters,
): ChartSpec {
  const shown = Object.values(categories)
    .filter((c) => c.denials > 0 || c.flagged > 0)
    .sort((a, b) => b.denials - a.denials || b.flagged - a.flagged || (a.category < b.category ? -1 : 1));
  const name = (c: BacktestCategory) => fmt.label(c.category);
  return {
    id: 'backtest-by-category',
    title: 'Did the rules see the denials coming? Recall and precision by category',
    kind: 'bar',
    horizontal: true,
    labels: shown.map(name),
    hints: shown.map(
      (c) =>
        `${name(c)}: ${fmt.count(c.anticipated)} of ${fmt.count(c.denials)} denials flagged beforehand; ` +
        `${fmt.count(c.flaggedDenied)} of ${fmt.count(c.flagged)} flagged claims denied`,
    ),
    series: [
      {
        label: 'Recall (denials flagged beforehand)',
        measure: 'rate',
        color: COLORS.recall,
        data: shown.map((c) => c.recall),
        drills: shown.map((c) =>
          c.denials > 0
            ? claimsDrill(f, { outcome: 'denied-or-partial', category: c.category }, `Denials in ${name(c)}`)
            : null,
        ),
      },
      {
        label: 'Precision (flagged claims denied)',
        measure: 'rate',
        color: COLORS.precision,
        data: shown.map((c) => c.precision),
        drills: shown.map((c) =>
          c.flagged > 0
            ? claimsDrill(
                f,
                { outcome: 'adjudicated', flaggedCategory: c.category },
                `Answered claims flagged in ${name(c)}`,
              )
            : null,
        ),
      },
    ],
    empty: noRows(shown.length, 'No flagged or denied claims in this range.'),
  };
}

/**
 * The risk model's reliability by decile (mean predicted risk against the observed denial rate of the
 * held-out claims) with the diagonal of perfect calibration. Every point drills to the held-out
 * months' answered claims (the API lists claims by month, not by predicted risk).
 */
export function reliabilityChart(c: CalibrationAnswer): ChartSpec {
  const cal = c.calibration;
  const bins = cal?.reliability ?? [];
  const from = cal?.holdout?.fromMonth ?? null;
  const to = cal?.holdout?.toMonth ?? null;
  const heldOut: Drill | null =
    from && to
      ? {
          list: 'claims',
          query: { from, to, outcome: 'adjudicated' },
          title: `Answered claims of the held-out months ${fmt.month(from)}–${fmt.month(to)} (what the calibration was measured on)`,
        }
      : null;
  const top = Math.min(1, Math.max(0.1, ...bins.map((b) => Math.max(b.meanPredicted, b.observedRate))));
  const edge = Math.ceil(top * 10) / 10;
  return {
    id: 'risk-calibration',
    title: 'Risk model calibration: predicted against observed, by decile',
    kind: 'scatter',
    horizontal: false,
    labels: bins.map((b) => `Decile ${b.bin}`),
    hints: bins.map(
      (b) =>
        `Decile ${b.bin}: ${fmt.count(b.n)} claims, predicted ${fmt.percent(b.meanPredicted)} ` +
        `(${fmt.percent(b.minPredicted)}–${fmt.percent(b.maxPredicted)}), denied ${fmt.percent(b.observedRate)}`,
    ),
    series: [
      {
        label: 'Observed denial rate',
        measure: 'rate',
        color: COLORS.model,
        data: bins.map((b) => b.observedRate),
        points: bins.map((b) => ({ x: b.meanPredicted, y: b.observedRate })),
        drills: bins.map(() => heldOut),
        line: true,
      },
      {
        label: 'Perfect calibration',
        measure: 'rate',
        color: COLORS.band,
        data: [0, edge],
        points: [
          { x: 0, y: 0 },
          { x: edge, y: edge },
        ],
        drills: [null, null],
        line: true,
        reference: true,
      },
    ],
    xTitle: 'Predicted risk (mean of the decile)',
    yTitle: 'Observed first-pass denial rate',
    empty:
      cal === null ? (c.note ?? 'No risk model fitted yet.') : noRows(bins.length, 'No held-out claims.'),
  };
}

/** The Brier scores of the model against its references, as a sentence (lower is better). */
export function brierSummary(c: CalibrationAnswer): string {
  const cal = c.calibration;
  if (!cal || cal.brier === null) return c.note ?? 'No risk model fitted yet.';
  const n = (x: number | null) => (x === null ? '—' : x.toFixed(3));
  const held = cal.holdout?.fromMonth
    ? ` on ${fmt.count(cal.n)} claims of ${fmt.month(cal.holdout.fromMonth)}–${fmt.month(cal.holdout.toMonth)} held out of the fit`
    : ` on ${fmt.count(cal.n)} held-out claims`;
  return (
    `Brier score ${n(cal.brier)}${held} (lower is better; priors only ${n(cal.brierPrior)}, ` +
    `each payer's own denial rate ${n(cal.brierBase)}).`
  );
}

// ---------------------------------------------------------------------------------------------------
// Headline tiles
// ---------------------------------------------------------------------------------------------------

export interface Tile {
  id: string;
  label: string;
  value: string;
  detail: string;
  /** A comparison with an industry figure, when there is one. */
  bench?: string;
  drill: Drill;
}

/** The headline numbers, each with the claims (or items) behind it. */
export function headlineTiles(d: DashboardAnswer, f: DashboardFilters): Tile[] {
  const s = d.summary;
  const t = d.backtest.totals;
  return [
    {
      id: 'claims',
      label: 'Claims',
      value: fmt.count(s.claims),
      detail: `${fmt.count(s.adjudicated)} answered · ${fmt.count(s.pending)} waiting · ${fmt.moneyWhole(s.chargeCents)} billed`,
      drill: claimsDrill(f, {}, 'All claims in this view'),
    },
    {
      id: 'denial-rate',
      label: 'First-pass denial rate',
      value: fmt.percent(s.denialRate),
      detail: `${fmt.count(s.denied)} of ${fmt.count(s.adjudicated)} answered claims denied in whole or part`,
      bench: denialRateVersusBenchmark(s.denialRate),
      drill: claimsDrill(
        f,
        { outcome: 'denied-or-partial' },
        'Claims denied (in whole or part) on first pass',
      ),
    },
    {
      id: 'clean-claim-rate',
      label: 'First-pass clean-claim rate',
      value: fmt.percent(s.cleanClaimRate),
      detail: 'Answered claims paid in full the first time',
      bench: CLEAN_CLAIM_TARGET.label,
      drill: claimsDrill(f, { outcome: 'paid' }, 'Claims paid in full on first pass'),
    },
    {
      id: 'denied-money',
      label: 'Denied money',
      value: fmt.money(s.deniedCents),
      detail: `of ${fmt.money(s.chargeCents)} billed; ${fmt.money(s.paidCents)} paid`,
      drill: claimsDrill(
        f,
        { outcome: 'denied-or-partial' },
        'Claims denied (in whole or part) on first pass',
      ),
    },
    {
      id: 'money-at-risk',
      label: 'Money at risk now',
      value: fmt.money(s.moneyAtRiskCents),
      detail: `Expected denials of the ${fmt.count(s.pending)} claims waiting for an answer`,
      drill: claimsDrill(f, { outcome: 'pending' }, 'Claims waiting for an answer'),
    },
    {
      id: 'leakage',
      label: 'Leakage',
      value: fmt.money(s.leakageCents),
      detail: 'Lost or at stake: unworked denials, underpayments, missed charges, write-offs, rework',
      drill: leakageDrill(f, {}, 'Leakage items (every kind)'),
    },
    {
      id: 'rework-avoided',
      label: 'Rework avoided',
      value: fmt.money(s.reworkAvoidedCents),
      detail: 'Rework cost saved by fixing flagged claims before the payer saw them',
      drill: leakageDrill(f, { kind: REWORK_AVOIDED }, 'Rework avoided'),
    },
    {
      id: 'recall',
      label: 'Denials the rules flagged',
      value: fmt.percent(t.recall),
      detail: `${fmt.count(t.anticipated)} of ${fmt.count(t.denied)} denials had a matching finding beforehand`,
      drill: claimsDrill(
        f,
        { outcome: 'denied-or-partial', flagged: 'true' },
        'Denied claims that had a block or warn finding',
      ),
    },
    {
      id: 'precision',
      label: 'Flagged claims denied',
      value: fmt.percent(t.precision),
      detail: `${fmt.count(t.flaggedDenied)} of ${fmt.count(t.flagged)} answered flagged claims were denied`,
      drill: claimsDrill(
        f,
        { outcome: 'adjudicated', flagged: 'true' },
        'Answered claims with a block or warn finding',
      ),
    },
  ];
}

/** What falls due soon: appeal deadlines of unworked denials (7 days) and filing limits (30 days). */
export function aheadNotes(
  ahead: LeakageAhead,
  f: DashboardFilters,
): { id: string; text: string; drill: Drill }[] {
  const a = ahead.appealsDueIn7Days;
  const t = ahead.filingLimitIn30Days;
  return [
    {
      id: 'appeals-due',
      text: `Appeal deadlines in the next 7 days: ${fmt.count(a.items)} unworked denial${a.items === 1 ? '' : 's'}, ${fmt.money(a.amountCents)}`,
      drill: leakageDrill(
        f,
        { kind: 'denial', sort: 'deadline' },
        'Unworked denials, nearest appeal deadline first',
      ),
    },
    {
      id: 'filing-due',
      text: `Timely-filing limits in the next 30 days: ${fmt.count(t.claims)} claim${t.claims === 1 ? '' : 's'}, ${fmt.money(t.chargeCents)} billed`,
      drill: filingDrill(f, 30, 'Claims whose timely-filing limit falls in the next 30 days'),
    },
  ];
}

/** The keys a dimension's rows hold (payers, providers), to offer in the filter's suggestions. */
export function keysOf(rows: readonly { key: string }[]): string[] {
  return [...new Set(rows.map((r) => r.key).filter((k) => k !== ''))].sort();
}
