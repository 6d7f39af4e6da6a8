/**
 * The pure parts of the nightly re-evaluation: why an open claim must be evaluated again (which of
 * its facts changed since its last evaluation), what changed in its findings, and the sentence the
 * claim's history shows. No Nest, no database.
 */
import type { DataSource } from '../rules-engine/claim-context.js';
import { normalizePayerId } from '../patient-matching/identity-normalization.js';

/** Why a claim is evaluated again, in the order the history sentence names them. */
export const REEVALUATION_REASONS = [
  'unevaluated',
  'rules',
  'authorization',
  'documentation',
  'eligibility',
  'patient',
  'contract',
  'claims',
] as const;
export type ReevaluationReason = (typeof REEVALUATION_REASONS)[number];

/** How the history sentence names each reason. */
export const REASON_TEXT: Readonly<Record<ReevaluationReason, string>> = {
  unevaluated: 'never evaluated',
  rules: 'rules changed',
  authorization: 'authorization updated',
  documentation: 'documentation updated',
  eligibility: 'eligibility updated',
  patient: 'patient record updated',
  contract: 'contract rates updated',
  claims: 'another claim of the patient received',
};

/** A claim as its last evaluation left it (what the candidate query reads of an open claim). */
export interface EvaluatedClaim {
  payerId: string;
  /** Null: never evaluated. */
  evaluatedAt: string | null;
  ruleSetVersion: string | null;
  /** Rule categories not checked for a data source not loaded (claim_evaluation.not_checked). */
  notChecked: readonly string[];
}

/**
 * When the records and claims that concern one claim last changed, by kind (absent: none): records
 * under the claim's member key, under its patient's last name and birth date, or linked to it by
 * patient matching (FHIR patients are `patient`); authorizations with the number the claim quotes;
 * `claims`: the latest claim received for the same member id.
 */
export type ClaimChangeTimes = Partial<
  Record<'authorization' | 'documentation' | 'eligibility' | 'patient' | 'claims', string>
>;

/**
 * The latest change of the records a claim reads by payer, not by patient: contract rates (looked up
 * by payer and code), and whether authorizations or eligibility are loaded for the payer at all (the
 * first record of a payer turns its claims' not-checked rules on); documentation is loaded for every
 * claim as soon as one note exists. Keys are normalized payer ids.
 */
export interface PayerWideChanges {
  authorizations: ReadonlyMap<string, string>;
  eligibility: ReadonlyMap<string, string>;
  contracts: ReadonlyMap<string, string>;
  documentation: string | null;
}

/** What the reasons are judged against: the loaded rule set and what changed payer-wide. */
export interface ReasonContext {
  ruleSetVersion: string;
  /** For each rule category, the data sources its rules read (a not-checked category waits for them). */
  sourcesByCategory: ReadonlyMap<string, readonly DataSource[]>;
  payers: PayerWideChanges;
}

/** The data sources each rule category's rules read. */
export function sourcesByCategory(
  rules: readonly { category: string; sources: readonly DataSource[] }[],
): Map<string, DataSource[]> {
  const out = new Map<string, Set<DataSource>>();
  for (const r of rules) {
    const set = out.get(r.category) ?? new Set<DataSource>();
    for (const s of r.sources) set.add(s);
    out.set(r.category, set);
  }
  return new Map([...out].map(([category, set]) => [category, [...set].sort()]));
}

/**
 * Why the claim must be evaluated again: empty when nothing it depends on changed since it was
 * evaluated. A change stamped at the very millisecond of the evaluation counts (which came first is
 * unknown): re-evaluating once too often is harmless, missing a change is not.
 */
export function reevaluationReasons(
  claim: EvaluatedClaim,
  times: ClaimChangeTimes,
  ctx: ReasonContext,
): ReevaluationReason[] {
  const at = claim.evaluatedAt;
  if (at === null) return ['unevaluated'];
  const since = (t: string | null | undefined): boolean => t !== null && t !== undefined && t >= at;
  const waiting = new Set<DataSource>();
  for (const category of claim.notChecked)
    for (const s of ctx.sourcesByCategory.get(category) ?? []) waiting.add(s);
  const payer = normalizePayerId(claim.payerId);
  const { payers } = ctx;
  const reasons: ReevaluationReason[] = [];
  if (claim.ruleSetVersion !== ctx.ruleSetVersion) reasons.push('rules');
  if (
    since(times.authorization) ||
    (waiting.has('authorizations') && since(payers.authorizations.get(payer)))
  )
    reasons.push('authorization');
  if (since(times.documentation) || (waiting.has('documentation') && since(payers.documentation)))
    reasons.push('documentation');
  if (since(times.eligibility) || (waiting.has('eligibility') && since(payers.eligibility.get(payer))))
    reasons.push('eligibility');
  if (since(times.patient)) reasons.push('patient');
  if (since(payers.contracts.get(payer))) reasons.push('contract');
  if (since(times.claims)) reasons.push('claims');
  return reasons;
}

/** A finding by its key: the rule, and the claim line (0: the claim as a whole). */
export interface FindingRef {
  ruleId: string;
  lineNumber: number;
}

/** What one evaluation changed in a claim's findings, each list by rule id then line. */
export interface FindingsChange {
  cleared: FindingRef[];
  added: FindingRef[];
}

const refKey = (f: FindingRef): string => `${f.ruleId}\u0000${f.lineNumber}`;
const byRuleThenLine = (a: FindingRef, b: FindingRef): number =>
  a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.lineNumber - b.lineNumber;

/** The findings cleared (before, not after) and added (after, not before), by (rule id, line). */
export function diffFindings(before: readonly FindingRef[], after: readonly FindingRef[]): FindingsChange {
  const unique = (list: readonly FindingRef[]) =>
    new Map(list.map((f) => [refKey(f), { ruleId: f.ruleId, lineNumber: f.lineNumber }]));
  const b = unique(before);
  const a = unique(after);
  return {
    cleared: [...b]
      .filter(([k]) => !a.has(k))
      .map(([, f]) => f)
      .sort(byRuleThenLine),
    added: [...a]
      .filter(([k]) => !b.has(k))
      .map(([, f]) => f)
      .sort(byRuleThenLine),
  };
}

export function hasChanges(change: FindingsChange): boolean {
  return change.cleared.length > 0 || change.added.length > 0;
}

/** Rules named in one list of the sentence before the rest are counted. */
const LISTED_RULES = 6;

/** `AUTH-REQUIRED line 1`, `AUTH-REQUIRED lines 1, 3`, `NPI-INVALID` (claim level), at most a few rules. */
export function describeRefs(refs: readonly FindingRef[]): string {
  if (refs.length === 0) return 'none';
  const byRule = new Map<string, number[]>();
  for (const r of [...refs].sort(byRuleThenLine)) {
    const lines = byRule.get(r.ruleId) ?? [];
    lines.push(r.lineNumber);
    byRule.set(r.ruleId, lines);
  }
  const parts = [...byRule].map(([ruleId, numbers]) => {
    const lines = numbers.filter((n) => n !== 0);
    const claimLevel = lines.length < numbers.length;
    const where = [
      claimLevel && lines.length > 0 ? 'claim' : null,
      lines.length === 0 ? null : `${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')}`,
    ].filter((p) => p !== null);
    return where.length === 0 ? ruleId : `${ruleId} ${where.join(' and ')}`;
  });
  if (parts.length <= LISTED_RULES) return parts.join(', ');
  const rest = parts.length - LISTED_RULES;
  return `${parts.slice(0, LISTED_RULES).join(', ')} and ${rest} more rule${rest === 1 ? '' : 's'}`;
}

/** A risk in thousandths as a whole percentage. */
const percent = (milli: number): string => `${Math.round(milli / 10)}%`;

/**
 * The claim history's sentence for one re-evaluation:
 * `re-evaluated (authorization updated): cleared AUTH-REQUIRED line 1; added none; risk 62% → 8%`.
 * `riskBefore` is null when the claim had never been evaluated.
 */
export function describeReevaluation(input: {
  reasons: readonly ReevaluationReason[];
  change: FindingsChange;
  riskBefore: number | null;
  riskAfter: number;
}): string {
  const ordered = REEVALUATION_REASONS.filter((r) => input.reasons.includes(r));
  const why = ordered.length === 0 ? '' : ` (${ordered.map((r) => REASON_TEXT[r]).join(', ')})`;
  const { riskBefore, riskAfter } = input;
  const risk =
    riskBefore === null
      ? `risk ${percent(riskAfter)}`
      : percent(riskBefore) === percent(riskAfter)
        ? `risk unchanged at ${percent(riskAfter)}`
        : `risk ${percent(riskBefore)} → ${percent(riskAfter)}`;
  return `re-evaluated${why}: cleared ${describeRefs(input.change.cleared)}; added ${describeRefs(
    input.change.added,
  )}; ${risk}`;
}
