/**
 * The reporting library's shared shapes: what it reads about a claim's remittances, findings and
 * contract, and what it derives (outcome, risk, leakage). Pure data: no Nest, no TypeORM. Money is
 * integer cents; dates are plain YYYY-MM-DD.
 */

/** A CAS adjustment as the 835 gave it. */
export interface AdjustmentFact {
  /** CO, PR, OA, PI (CR in 4010 files). */
  group: string;
  carc: string;
  amountCents: number;
}

/** A 2110 service payment, with the claim line it was matched to (null when unmatched). */
export interface ServicePaymentFact {
  lineNumber: number | null;
  procedureCode: string;
  modifiers: string[];
  units: number | null;
  chargeCents: number;
  paidCents: number;
  /** AMT B6; null when the payer did not report it. */
  allowedCents: number | null;
  serviceDate: string | null;
  adjustments: AdjustmentFact[];
}

/** One 2100 claim payment linked to the claim, in the order the remittances were issued. */
export interface PaymentFact {
  /** The remittance's payment / issue date (BPR16), else the day it was received. */
  date: string;
  /** CLP02: 1, 2, 3 processed, 4 denied, 19–23 (22 reversal of previous payment). */
  statusCode: string;
  isReversal: boolean;
  chargeCents: number;
  paidCents: number;
  patientResponsibilityCents: number;
  /** Claim-level CAS. */
  adjustments: AdjustmentFact[];
  services: ServicePaymentFact[];
}

/** What the payer did with a claim, from its remittances (see outcome.ts). */
export interface ClaimOutcome {
  /** pending: no remittance yet. */
  firstPass: 'pending' | 'paid' | 'partial' | 'denied';
  /** The latest standing answer (after reversals and corrections). */
  current: 'pending' | 'paid' | 'partial' | 'denied' | 'reversed';
  firstRemitDate: string | null;
  lastRemitDate: string | null;
  /** Denial CARCs of the first answer, largest amount first, without duplicates. */
  denialCarcs: string[];
  /** Charges the first answer denied (whole claim, or the denied lines). */
  deniedCents: number;
  /** Net paid across all payments (reversals subtract). */
  paidCents: number;
  /** Σ of what reversals took back (positive cents). */
  reversedCents: number;
}

/** A line of the claim as billed. */
export interface BilledLineFact {
  lineNumber: number;
  procedureCode: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  serviceDate: string | null;
}

/** A finding as the risk model and the backtest see it. */
export interface FindingFact {
  ruleId: string;
  category: string;
  severity: 'block' | 'warn' | 'info';
  /** LX line number, or null for a claim-level finding. */
  line: number | null;
  carc: string[];
}
