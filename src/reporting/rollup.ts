/**
 * Rollups: the sums dashboards and the backtest read, per month × payer × provider × claim type and
 * per measure kind, so that no report scans claims. Every row also exists summed over all providers
 * (provider `*`): a practice has hundreds of providers, and most reports do not split by provider,
 * so they read a few thousand rows instead of hundreds of thousands. Rebuilt for a whole month at a time from that
 * month's claim_report rows (the projection marks the months a change touches). Pure.
 *
 * Kinds and what their measures hold:
 * - `claim` (key ''): claims; adjudicated (an answer came); clean (first answer paid with no denial);
 *   denied (first answer denied wholly or partly); flagged / flaggedDenied (adjudicated claims with
 *   block or warn findings, and those of them denied); anticipated (denials a finding anticipated);
 *   charge, paid, denied and anticipated cents; amount = expected denied cents of claims still
 *   waiting for an answer (money at risk); predictedMilli = Σ risk of adjudicated claims.
 * - `category` (key = rule category): flagged, flaggedDenied, flaggedMatching (denied with a CARC of
 *   this category); denied = denials attributed to this category (see `attributedCategories`),
 *   anticipated = of those, the ones with a finding of this category; deniedCents; amount = charges
 *   of waiting claims flagged in it.
 * - `rule` (key = rule id; provider and claim type ''): flagged = adjudicated claims it fired on,
 *   flaggedDenied, flaggedMatching.
 * - `carc` (key = CARC): denied = denials with it, anticipated, deniedCents.
 * - `leakage` (key = `kind:category`): claims = items, amount = their money (built by SQL from
 *   leakage_item, not here).
 */
import { classifyClaim, type CarcCategoryLookup } from './backtest.js';
import type { ClaimReportRow } from './claim-report.js';

export type RollupKind = 'claim' | 'category' | 'rule' | 'carc' | 'leakage';

/** The provider value of rows summed over every provider. */
export const ALL_PROVIDERS = '*';

/**
 * Adds to `rows` their sums over providers (provider `*`, same month, payer, claim type, kind and
 * key). Rule rows (no provider dimension) are left as they are.
 */
export function withAllProviders(rows: readonly RollupRow[]): RollupRow[] {
  const all = new Map<string, RollupRow>();
  for (const r of rows) {
    // Rule rows have no provider dimension (provider ''); a provider '' elsewhere is real (an NPI-less
    // payee or billing provider) and is summed like any other.
    if (r.kind === 'rule' || r.providerNpi === ALL_PROVIDERS) continue;
    const k = `${r.month}\u0000${r.payerId}\u0000${r.claimType}\u0000${r.kind}\u0000${r.key}`;
    let sum = all.get(k);
    if (!sum) {
      sum = emptyRollup(r.month, r.payerId, ALL_PROVIDERS, r.claimType, r.kind, r.key);
      all.set(k, sum);
    }
    addRollup(sum, r);
  }
  return [...rows, ...all.values()];
}

export interface RollupRow {
  month: string;
  payerId: string;
  providerNpi: string;
  claimType: string;
  kind: RollupKind;
  key: string;
  claims: number;
  adjudicated: number;
  flagged: number;
  flaggedDenied: number;
  flaggedMatching: number;
  denied: number;
  anticipated: number;
  clean: number;
  chargeCents: number;
  paidCents: number;
  deniedCents: number;
  anticipatedCents: number;
  amountCents: number;
  predictedMilli: number;
}

export const ROLLUP_MEASURES = [
  'claims',
  'adjudicated',
  'flagged',
  'flaggedDenied',
  'flaggedMatching',
  'denied',
  'anticipated',
  'clean',
  'chargeCents',
  'paidCents',
  'deniedCents',
  'anticipatedCents',
  'amountCents',
  'predictedMilli',
] as const;
export type RollupMeasure = (typeof ROLLUP_MEASURES)[number];

export function emptyRollup(
  month: string,
  payerId: string,
  providerNpi: string,
  claimType: string,
  kind: RollupKind,
  key: string,
): RollupRow {
  return {
    month,
    payerId,
    providerNpi,
    claimType,
    kind,
    key,
    claims: 0,
    adjudicated: 0,
    flagged: 0,
    flaggedDenied: 0,
    flaggedMatching: 0,
    denied: 0,
    anticipated: 0,
    clean: 0,
    chargeCents: 0,
    paidCents: 0,
    deniedCents: 0,
    anticipatedCents: 0,
    amountCents: 0,
    predictedMilli: 0,
  };
}

/** The claim-based rollup rows of one month's claims (leakage rows come from SQL). */
export function rollupClaims(rows: Iterable<ClaimReportRow>, carcs: CarcCategoryLookup): RollupRow[] {
  const out = new Map<string, RollupRow>();
  const get = (r: ClaimReportRow, kind: RollupKind, key: string, byProvider = true): RollupRow => {
    const provider = byProvider ? r.providerNpi : '';
    const type = byProvider ? r.claimType : '';
    const id = `${r.month}\u0000${r.payerId}\u0000${provider}\u0000${type}\u0000${kind}\u0000${key}`;
    let row = out.get(id);
    if (!row) {
      row = emptyRollup(r.month, r.payerId, provider, type, kind, key);
      out.set(id, row);
    }
    return row;
  };
  for (const r of rows) {
    // Replaced and voided claims are not claims the payer answers: they are counted by their successor.
    if (r.status === 'replaced' || r.status === 'voided') continue;
    const c = classifyClaim(
      {
        claimId: r.claimId,
        month: r.month,
        payerId: r.payerId,
        providerNpi: r.providerNpi,
        claimType: r.claimType,
        chargeCents: r.chargeCents,
        outcome: { firstPass: r.firstPass, denialCarcs: r.denialCarcs, deniedCents: r.deniedCents },
        findings: r.flags,
      },
      carcs,
    );
    const pending = r.firstPass === 'pending';
    const flagged = c.flaggedRules.length > 0;
    const claim = get(r, 'claim', '');
    claim.claims++;
    claim.chargeCents += r.chargeCents;
    claim.paidCents += r.paidCents;
    if (pending) claim.amountCents += r.expectedDenialCents;
    if (c.adjudicated) {
      claim.adjudicated++;
      claim.predictedMilli += r.riskMilli;
      if (r.firstPass === 'paid') claim.clean++;
      if (flagged) {
        claim.flagged++;
        if (c.denied) claim.flaggedDenied++;
      }
    }
    if (c.denied) {
      claim.denied++;
      claim.deniedCents += r.deniedCents;
      if (c.anticipated) {
        claim.anticipated++;
        claim.anticipatedCents += r.deniedCents;
      }
    }
    const anyDenialCategories = new Set(c.denied ? r.denialCarcs.flatMap((k) => carcs.categoriesOf(k)) : []);
    for (const category of c.flaggedCategories) {
      const row = get(r, 'category', category);
      if (pending) row.amountCents += r.chargeCents;
      if (!c.adjudicated) continue;
      row.flagged++;
      if (c.denied) row.flaggedDenied++;
      if (anyDenialCategories.has(category)) row.flaggedMatching++;
    }
    if (c.denied) {
      const flaggedCategories = new Set(c.flaggedCategories);
      for (const category of attributedCategories(r.denialCarcs, flaggedCategories, carcs)) {
        const row = get(r, 'category', category);
        row.denied++;
        row.deniedCents += r.deniedCents;
        if (flaggedCategories.has(category)) {
          row.anticipated++;
          row.anticipatedCents += r.deniedCents;
        }
      }
      const unanticipated = new Set(c.unanticipatedCarcs);
      for (const carc of new Set(r.denialCarcs)) {
        const row = get(r, 'carc', carc);
        row.denied++;
        row.deniedCents += r.deniedCents;
        if (!unanticipated.has(carc)) {
          row.anticipated++;
          row.anticipatedCents += r.deniedCents;
        }
      }
    }
    if (c.adjudicated) {
      for (const f of r.flags) {
        const row = get(r, 'rule', f.ruleId, false);
        row.flagged++;
        if (c.denied) row.flaggedDenied++;
        if (anyDenialCategories.has(f.category) || f.carc.some((k) => r.denialCarcs.includes(k)))
          row.flaggedMatching++;
      }
    }
  }
  return withAllProviders([...out.values()]);
}

/**
 * The categories a denial is attributed to, one per CARC: a CARC that means several things (16:
 * missing information, of the claim data, the documentation or the coding) is attributed to the one
 * of its categories a finding on the claim pointed at, else to its primary category.
 */
export function attributedCategories(
  denialCarcs: readonly string[],
  flaggedCategories: ReadonlySet<string>,
  carcs: CarcCategoryLookup,
): string[] {
  const out = new Set<string>();
  for (const carc of denialCarcs) {
    const categories = carcs.categoriesOf(carc);
    out.add(categories.find((c) => flaggedCategories.has(c)) ?? categories[0]!);
  }
  return [...out];
}

/** A leakage item as the rollups see it. */
export interface LeakageFact {
  month: string;
  payerId: string;
  providerNpi: string;
  claimType: string;
  kind: string;
  category: string;
  amountCents: number;
}

/** The `leakage` rollup rows of some items (the same sums SQL makes when a month is rebuilt). */
export function rollupLeakage(items: Iterable<LeakageFact>): RollupRow[] {
  const out = new Map<string, RollupRow>();
  for (const i of items) {
    const key = `${i.kind}:${i.category}`;
    const id = `${i.month}\u0000${i.payerId}\u0000${i.providerNpi}\u0000${i.claimType}\u0000${key}`;
    let row = out.get(id);
    if (!row) {
      row = emptyRollup(i.month, i.payerId, i.providerNpi, i.claimType, 'leakage', key);
      out.set(id, row);
    }
    row.claims++;
    row.amountCents += i.amountCents;
  }
  return withAllProviders([...out.values()]);
}

const rollupKey = (r: RollupRow): string =>
  `${r.month}\u0000${r.payerId}\u0000${r.providerNpi}\u0000${r.claimType}\u0000${r.kind}\u0000${r.key}`;

/**
 * What to add to the stored rollups when rows `before` become rows `after`: after − before per
 * rollup key, keys whose every measure is unchanged left out. Lets a change of a few claims update
 * the rollups in place instead of rebuilding whole months.
 */
export function rollupDelta(before: readonly RollupRow[], after: readonly RollupRow[]): RollupRow[] {
  const out = new Map<string, RollupRow>();
  for (const r of after) out.set(rollupKey(r), { ...r });
  for (const r of before) {
    const k = rollupKey(r);
    let d = out.get(k);
    if (!d) {
      d = emptyRollup(r.month, r.payerId, r.providerNpi, r.claimType, r.kind, r.key);
      out.set(k, d);
    }
    for (const m of ROLLUP_MEASURES) d[m] -= r[m];
  }
  return [...out.values()].filter((d) => ROLLUP_MEASURES.some((m) => d[m] !== 0));
}

/** Sums rows into one (the dimensions of the first, or of `into`). */
export function addRollup(into: RollupRow, row: RollupRow): RollupRow {
  for (const m of ROLLUP_MEASURES) into[m] += row[m];
  return into;
}
