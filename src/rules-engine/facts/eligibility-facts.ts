/**
 * Eligibility facts: does the roster (or a 271) show active coverage with the claim's payer on every
 * date of service. Coverage spans are the eligibility records patient matching linked to the claim's
 * patient; only spans of the claim's payer count (a span of another payer is named in the
 * explanation: the claim may be going to the wrong payer).
 */
import type { EligibilityRecord } from '../../inputs/input-records.js';
import { normalizePayerId } from '../../patient-matching/identity-normalization.js';
import type { ClaimContext } from '../claim-context.js';
import { defineFact, type FactDefinition } from '../fact.js';
import { claimServiceDates, daysBetween } from './patient-record-support.js';

export const ELIGIBILITY_STATUSES = [
  'active',
  'not-found',
  'not-started',
  'ended',
  'inactive',
  'no-date',
] as const;
export type EligibilityStatus = (typeof ELIGIBILITY_STATUSES)[number];

export interface EligibilityAnalysis {
  status: EligibilityStatus;
  /** The first date of service without active coverage (null when all are covered). */
  date: string | null;
  /** Dates of service without active coverage with the payer, ascending. */
  uncoveredDates: string[];
  /** The span the status is about: the covering one, else the closest; null when not found. */
  span: EligibilityRecord | null;
  /** Payer ids of linked spans under other payers (normalized, sorted). */
  otherPayerIds: string[];
}

function spanCovers(r: EligibilityRecord, date: string): boolean {
  return date >= r.coverageStart && (r.coverageEnd === null || date <= r.coverageEnd);
}

function judgeDate(
  spans: readonly EligibilityRecord[],
  date: string,
): { status: EligibilityStatus; span: EligibilityRecord } {
  let inactive: EligibilityRecord | null = null;
  let ended: EligibilityRecord | null = null;
  let future: EligibilityRecord | null = null;
  for (const r of spans) {
    if (spanCovers(r, date)) {
      if (r.coverageStatus === 'active') return { status: 'active', span: r };
      inactive ??= r;
    } else if (r.coverageEnd !== null && r.coverageEnd < date) {
      if (ended === null || r.coverageEnd > ended.coverageEnd!) ended = r;
    } else if (future === null || r.coverageStart < future.coverageStart) {
      future = r;
    }
  }
  if (inactive) return { status: 'inactive', span: inactive };
  if (ended) return { status: 'ended', span: ended };
  return { status: 'not-started', span: future! };
}

let cacheCtx: ClaimContext | null = null;
let cacheCoverage: ClaimContext['coverage'] | null = null;
let cacheClaim: ClaimContext['claim'] | null = null;
let cacheValue: EligibilityAnalysis | null = null;

export function analyzeEligibility(ctx: ClaimContext): EligibilityAnalysis {
  if (cacheValue !== null && cacheCtx === ctx && cacheCoverage === ctx.coverage && cacheClaim === ctx.claim) {
    return cacheValue;
  }
  const value = analyze(ctx);
  cacheCtx = ctx;
  cacheCoverage = ctx.coverage;
  cacheClaim = ctx.claim;
  cacheValue = value;
  return value;
}

function analyze(ctx: ClaimContext): EligibilityAnalysis {
  const rawPayer = ctx.claim.payer.id;
  const payer = normalizePayerId(rawPayer);
  const spans: EligibilityRecord[] = [];
  const otherPayerIds: string[] = [];
  for (const l of ctx.coverage) {
    // The same text as the claim's normalizes the same (no new string per span).
    const raw = l.record.payerId;
    const p = raw === rawPayer ? payer : normalizePayerId(raw);
    if (p === payer || p === '' || payer === '') spans.push(l.record);
    else if (!otherPayerIds.includes(p)) otherPayerIds.push(p);
  }
  otherPayerIds.sort();
  const dates = claimServiceDates(ctx.claim);
  if (spans.length === 0) {
    return { status: 'not-found', date: dates[0] ?? null, uncoveredDates: dates, span: null, otherPayerIds };
  }
  if (dates.length === 0)
    return { status: 'no-date', date: null, uncoveredDates: [], span: null, otherPayerIds };
  let first: { status: EligibilityStatus; span: EligibilityRecord; date: string } | null = null;
  let firstActive: EligibilityRecord | null = null;
  const uncoveredDates: string[] = [];
  for (const date of dates) {
    const j = judgeDate(spans, date);
    if (j.status === 'active') {
      firstActive ??= j.span;
      continue;
    }
    uncoveredDates.push(date);
    first ??= { ...j, date };
  }
  if (first === null)
    return { status: 'active', date: null, uncoveredDates, span: firstActive, otherPayerIds };
  return { status: first.status, date: first.date, uncoveredDates, span: first.span, otherPayerIds };
}

function spanText(r: EligibilityRecord): string {
  return `${r.planName || 'plan'} ${r.coverageStart} to ${r.coverageEnd ?? 'open-ended'}`;
}

export function explainEligibility(ctx: ClaimContext, a: EligibilityAnalysis): string {
  const member = ctx.claim.subscriber.memberId || '(no member id)';
  const payer = ctx.claim.payer.id || '(no payer id)';
  const others = a.otherPayerIds.length ? `; coverage on file is with ${a.otherPayerIds.join(', ')}` : '';
  const r = a.span;
  switch (a.status) {
    case 'active':
      return `member ${member} has active coverage with ${payer} on every date of service (${r ? spanText(r) : ''})`;
    case 'no-date':
      return 'the claim has no date of service to check coverage for';
    case 'not-found': {
      const identity = ctx.identityProblems
        .filter((p) => p.source === 'eligibility')
        .map((p) => p.problem.reason)
        .join('; ');
      return `no coverage with ${payer} is on file for member ${member}${identity ? ` (${identity})` : ''}${others}`;
    }
    case 'inactive':
      return `the payer reports the coverage of member ${member} with ${payer} inactive on ${a.date} (${spanText(r!)})${others}`;
    case 'ended':
      return `the coverage of member ${member} with ${payer} ended ${r!.coverageEnd}, ${daysBetween(r!.coverageEnd!, a.date!)} days before the service on ${a.date} (${spanText(r!)})${others}`;
    case 'not-started':
      return `the coverage of member ${member} with ${payer} starts ${r!.coverageStart}, ${daysBetween(a.date!, r!.coverageStart)} days after the service on ${a.date} (${spanText(r!)})${others}`;
  }
}

const S = 'eligibility' as const;

export const ELIGIBILITY_FACTS: readonly FactDefinition[] = [
  defineFact<string>({
    name: 'claim.eligibility.status',
    scope: 'claim',
    type: 'string',
    source: S,
    description:
      "Coverage with the claim's payer on the dates of service: active (every date) | not-found (no span with this payer) | not-started | ended | inactive (for the first date not covered) | no-date.",
    compute: (ctx) => analyzeEligibility(ctx).status,
  }),
  defineFact<string>({
    name: 'claim.eligibility.explanation',
    scope: 'claim',
    type: 'string',
    source: S,
    description:
      'One sentence for billing staff: the coverage span judged, its dates and the date of service it misses.',
    compute: (ctx) => explainEligibility(ctx, analyzeEligibility(ctx)),
  }),
  defineFact<string[]>({
    name: 'claim.eligibility.uncoveredDates',
    scope: 'claim',
    type: 'string[]',
    source: S,
    description: "The claim's dates of service without active coverage with its payer, ascending.",
    compute: (ctx) => analyzeEligibility(ctx).uncoveredDates,
  }),
  defineFact<string | null>({
    name: 'claim.eligibility.coverageStart',
    scope: 'claim',
    type: 'date',
    source: S,
    description: 'Start of the coverage span the status is about (covering, else closest); null when none.',
    compute: (ctx) => analyzeEligibility(ctx).span?.coverageStart ?? null,
  }),
  defineFact<string | null>({
    name: 'claim.eligibility.coverageEnd',
    scope: 'claim',
    type: 'date',
    source: S,
    description: 'End of the coverage span the status is about; null when open-ended or none.',
    compute: (ctx) => analyzeEligibility(ctx).span?.coverageEnd ?? null,
  }),
  defineFact<string>({
    name: 'claim.eligibility.planName',
    scope: 'claim',
    type: 'string',
    source: S,
    description: "Plan name of the coverage span the status is about; '' when none.",
    compute: (ctx) => analyzeEligibility(ctx).span?.planName ?? '',
  }),
  defineFact<string[]>({
    name: 'claim.eligibility.otherPayerIds',
    scope: 'claim',
    type: 'string[]',
    source: S,
    description: "Payer ids of the patient's coverage spans under payers other than the claim's.",
    compute: (ctx) => analyzeEligibility(ctx).otherPayerIds,
  }),
];
