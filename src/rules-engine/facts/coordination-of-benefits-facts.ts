/**
 * Coordination-of-benefits facts: on a claim billed to a secondary (or later) payer, the payers ahead
 * of it (2320/2330B other payers whose SBR01 ranks earlier) and whether each has adjudicated the claim:
 * a paid amount (2320 AMT D), claim adjustments (2320 CAS), an adjudication date (2330B DTP 573) or
 * line adjudications from it (2430 SVD).
 */
import type { Claim, OtherPayer } from '../../x12/index.js';
import { defineFact, type FactDefinition } from '../fact.js';
import { EMPTY, lastOf } from './basic-facts.js';

/** SBR01 payer responsibility sequence codes in order: primary, secondary, tertiary, then A-H (4th to 11th). */
const SEQUENCE = 'PSTABCDEFGH';

/** The rank of an SBR01 code (0 primary), or -1 when unknown (U, empty, anything else). */
export function payerRank(code: string): number {
  const c = code.trim().toUpperCase();
  return c.length === 1 ? SEQUENCE.indexOf(c) : -1;
}

function payerLabel(o: OtherPayer): string {
  const id = o.payer?.id ?? '';
  const name = o.payer?.lastOrOrgName ?? '';
  const who = name !== '' && id !== '' ? `${name} (${id})` : name || id || 'unnamed payer';
  return `${who}, SBR01 ${o.payerResponsibility || '(none)'}`;
}

function adjudicated(claim: Claim, o: OtherPayer): boolean {
  if (o.paidAmount !== null || o.adjudicationDate !== null || o.adjustments.length > 0) return true;
  const id = o.payer?.id ?? '';
  if (id === '') return false;
  for (const l of claim.lines) for (const a of l.adjudications) if (a.payerId === id) return true;
  return false;
}

interface Cob {
  rank: number;
  priorPayers: number;
  unadjudicated: readonly string[];
}

const cob = lastOf((claim: Claim): Cob => {
  const rank = payerRank(claim.subscriber.payerResponsibility);
  if (rank <= 0) return { rank, priorPayers: 0, unadjudicated: EMPTY };
  let priorPayers = 0;
  let unadjudicated: string[] | null = null;
  for (const o of claim.otherPayers) {
    const r = payerRank(o.payerResponsibility);
    // An other payer of unknown rank is taken to be ahead of this one.
    if (r >= rank) continue;
    priorPayers++;
    if (!adjudicated(claim, o)) (unadjudicated ??= []).push(payerLabel(o));
  }
  return { rank, priorPayers, unadjudicated: unadjudicated ?? EMPTY };
});

export const COB_FACTS: readonly FactDefinition[] = [
  defineFact<boolean>({
    name: 'claim.isSecondaryOrLater',
    scope: 'claim',
    type: 'boolean',
    description:
      'Whether the claim is billed to a payer that is not primary (SBR01 S, T or A-H: secondary, tertiary or later).',
    compute: (ctx) => cob(ctx.claim).rank > 0,
  }),
  defineFact<number>({
    name: 'claim.priorPayerCount',
    scope: 'claim',
    type: 'number',
    description:
      'On a secondary or later claim, the number of other payers (2320) ahead of this one (their SBR01 ranks earlier, or is unknown); 0 on a primary claim.',
    compute: (ctx) => cob(ctx.claim).priorPayers,
  }),
  defineFact<readonly string[]>({
    name: 'claim.unadjudicatedPriorPayers',
    scope: 'claim',
    type: 'string[]',
    description:
      'The payers ahead of this one whose adjudication is not on the claim (no paid amount AMT D, no CAS adjustments, no DTP 573 date, no line SVD from them), by name, id and SBR01.',
    compute: (ctx) => cob(ctx.claim).unadjudicated,
  }),
];
