/**
 * Timely-filing facts: how many days are left to file the claim with its payer. The limit is the
 * payer profile's `timelyFilingDays`, counted from the claim's last date of service; the claim is
 * judged at `ctx.asOf` (the filing date). A claim without any date of service has null answers.
 */
import type { ClaimContext } from '../claim-context.js';
import { defineFact, type FactDefinition } from '../fact.js';
import { addDays, daysBetween } from './patient-record-support.js';

/** The claim's last date of service (statement "through" date for institutional claims), or null. */
export function lastServiceDate(ctx: ClaimContext): string | null {
  return ctx.claim.serviceDateTo ?? ctx.claim.serviceDateFrom ?? null;
}

export const TIMELY_FILING_FACTS: readonly FactDefinition[] = [
  defineFact<string | null>({
    name: 'claim.filing.lastServiceDate',
    scope: 'claim',
    type: 'date',
    description:
      "The claim's last date of service, from which the filing limit counts; null when it has none.",
    compute: (ctx) => lastServiceDate(ctx),
  }),
  defineFact<number>({
    name: 'claim.filing.limitDays',
    scope: 'claim',
    type: 'number',
    description: "The payer profile's timely-filing limit in days from the last date of service.",
    compute: (ctx) => ctx.payer.timelyFilingDays,
  }),
  defineFact<number | null>({
    name: 'claim.filing.daysSinceService',
    scope: 'claim',
    type: 'number',
    description:
      'Days from the last date of service to the filing date (asOf); null without a date of service.',
    compute: (ctx) => {
      const last = lastServiceDate(ctx);
      return last === null ? null : daysBetween(last, ctx.asOf);
    },
  }),
  defineFact<string | null>({
    name: 'claim.filing.deadline',
    scope: 'claim',
    type: 'date',
    description:
      'The last day the payer accepts the claim: last date of service plus the limit; null without a date of service.',
    compute: (ctx) => {
      const last = lastServiceDate(ctx);
      return last === null ? null : addDays(last, ctx.payer.timelyFilingDays);
    },
  }),
  defineFact<number | null>({
    name: 'claim.filing.daysRemaining',
    scope: 'claim',
    type: 'number',
    description:
      'Days from the filing date (asOf) to the deadline: negative when late, 0 on the last day; null without a date of service.',
    compute: (ctx) => {
      const last = lastServiceDate(ctx);
      return last === null ? null : ctx.payer.timelyFilingDays - daysBetween(last, ctx.asOf);
    },
  }),
  defineFact<string>({
    name: 'claim.filing.delayReasonCode',
    scope: 'claim',
    type: 'string',
    description:
      "CLM20 delay reason code (why the claim is filed late, e.g. 1 proof of eligibility unknown); '' when none.",
    compute: (ctx) => ctx.claim.delayReasonCode.trim(),
  }),
];
