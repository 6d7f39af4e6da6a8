/** Balancing facts: does the claim total (CLM02) equal the sum of its lines' charges. */
import { defineFact, type FactDefinition } from '../fact.js';
import { claimData } from './basic-facts.js';

export const BALANCING_FACTS: readonly FactDefinition[] = [
  defineFact<number>({
    name: 'claim.chargeDifferenceCents',
    scope: 'claim',
    type: 'number',
    description:
      "The total claim charge (CLM02) minus the sum of the lines' charges, in cents: positive when the total is higher, 0 when the claim balances.",
    compute: (ctx) => ctx.claim.totalCharge - claimData(ctx.claim).lineChargeSum,
  }),
];
