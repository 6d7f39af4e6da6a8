/**
 * A claim's derived status from the remittances linked to it: a pure rule, so it can be tested,
 * explained and reused by whoever recomputes statuses (ingest today, manual matching later).
 */

/** Where a claim stands. `replaced` and `voided` come from later submissions, not from payments. */
export type ClaimStatus =
  'submitted' | 'paid' | 'partially-paid' | 'denied' | 'reversed' | 'pending' | 'replaced' | 'voided';

/** A CAS adjustment as the rule reads it. */
export interface AdjustmentFact {
  /** CAS01: CO, PR, OA, PI, CR. */
  group: string;
  /** CARC. */
  reason: string;
}

/** One SVC line of a claim payment. */
export interface ServiceOutcome {
  chargeCents: number;
  paidCents: number;
  adjustments: AdjustmentFact[];
}

/** One linked CLP, as the rule reads it. */
export interface PaymentOutcome {
  /** The remittance (835 transaction set) it came in: a correction and its reversal share one. */
  remittanceId: string;
  /** CLP02. */
  statusCode: string;
  /** CLP04. */
  paidCents: number;
  /** CLP02 = 22. */
  isReversal: boolean;
  /** Claim-level CAS. */
  adjustments: AdjustmentFact[];
  services: ServiceOutcome[];
}

/**
 * CARCs that are ordinary adjudication, not a denial: cost sharing (1 deductible, 2 coinsurance,
 * 3 copay, 66 blood deductible, 122, 142), fee schedule and contract reductions (45, 42, 59, 94, 131,
 * 144, 24 capitation), prior payer adjudication (23), and mandated reductions (118, 223, 237, 253
 * sequestration). Any other reason under CO, PR, OA or PI is treated as a denial of what it covers.
 */
export const ADJUDICATION_REASONS: ReadonlySet<string> = new Set([
  '1',
  '2',
  '3',
  '23',
  '24',
  '42',
  '45',
  '59',
  '66',
  '94',
  '118',
  '122',
  '131',
  '142',
  '144',
  '223',
  '237',
  '253',
]);

const DENIAL_GROUPS: ReadonlySet<string> = new Set(['CO', 'PR', 'OA', 'PI']);

/** CLP02 codes of a claim the payer has not settled: forwarded to another payer (19, 20, 21, 23) or priced only (25). */
export const PENDING_STATUS_CODES: ReadonlySet<string> = new Set(['19', '20', '21', '23', '25']);

/** True when the adjustment takes money away for a reason other than ordinary adjudication. */
export function isDenialAdjustment(a: AdjustmentFact): boolean {
  return DENIAL_GROUPS.has(a.group) && !ADJUDICATION_REASONS.has(a.reason);
}

/** A charged line paid nothing, and not merely because of cost sharing or a contractual reduction. */
export function isServiceDenied(s: ServiceOutcome): boolean {
  if (s.chargeCents <= 0 || s.paidCents > 0) return false;
  return s.adjustments.length === 0 || s.adjustments.some(isDenialAdjustment);
}

/**
 * What one claim payment says about its claim:
 * - CLP02 22 (or a negative payment): reversed;
 * - CLP02 4: denied;
 * - CLP02 19, 20, 21, 23, 25 and any code not listed here: pending;
 * - CLP02 1, 2, 3 with payment > 0: paid, or partially-paid when a line was denied or a claim/line
 *   adjustment is a denial;
 * - CLP02 1, 2, 3 paying 0: denied when a claim or line adjustment is a denial (or a charged line
 *   has no adjustment to explain it), else paid (settled: all of it went to deductible, coinsurance
 *   or copay, which is the patient's to pay, not a denial).
 */
export function paymentStatus(p: PaymentOutcome): ClaimStatus {
  if (p.isReversal || p.statusCode === '22' || p.paidCents < 0) return 'reversed';
  if (p.statusCode === '4') return 'denied';
  if (p.statusCode !== '1' && p.statusCode !== '2' && p.statusCode !== '3') return 'pending';
  const denial = p.adjustments.some(isDenialAdjustment) || p.services.some(isServiceDenied);
  if (p.paidCents > 0) return denial ? 'partially-paid' : 'paid';
  return denial ? 'denied' : 'paid';
}

/**
 * The derived status of a claim from its linked payments, oldest first: `submitted` with none; else
 * what the latest says. A reversal (CLP02 22) is the latest unless a correction follows it: a later
 * payment, or a non-reversal payment in the same remittance (payers send the reversal and the
 * corrected claim together, in either order).
 */
export function deriveClaimStatus(payments: readonly PaymentOutcome[]): ClaimStatus {
  if (payments.length === 0) return 'submitted';
  const last = payments[payments.length - 1]!;
  if (last.isReversal || last.statusCode === '22') {
    for (let i = payments.length - 2; i >= 0; i--) {
      const p = payments[i]!;
      if (p.remittanceId !== last.remittanceId) break;
      if (!p.isReversal && p.statusCode !== '22') return paymentStatus(p);
    }
  }
  return paymentStatus(last);
}
