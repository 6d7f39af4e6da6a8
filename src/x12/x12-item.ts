import type { Claim, TransactionContext } from './models/claim.js';
import type { EligibilityResponse } from './models/eligibility.js';
import type { ServicesReview } from './models/services-review.js';
import type { ClaimPayment, RemittanceHeader, RemittanceSummary } from './models/remittance.js';
import type { X12Issue, X12Position } from './x12-issue.js';

/**
 * What kind of transaction set a ST..SE was routed to. '271' is an eligibility response, '278' a
 * services review RESPONSE (BHT02 = 11); 278 requests, 270 inquiries and every other known set are 'other'.
 */
export type TransactionKind = '837P' | '837I' | '837D' | '835' | '271' | '278' | 'other';

/** Reported when a transaction set ends (SE read, or the input/envelope ended without one). */
export interface TransactionSummary {
  context: TransactionContext;
  kind: TransactionKind;
  /** Segments from ST to SE inclusive, as counted by the reader (compare SE01). */
  segmentCount: number;
  claimCount: number;
  paymentCount: number;
  errorCount: number;
  warningCount: number;
  /** Position of the ST segment. */
  position: X12Position;
}

/**
 * What the streaming reader yields, one at a time, in input order. Claims, claim payments, 271 members
 * and 278 events are complete when yielded; a remittance's header arrives with each payment and its summary (PLB,
 * totals) after the last one.
 */
export type X12Item =
  | { kind: 'claim'; claim: Claim }
  | { kind: 'remittance-header'; header: RemittanceHeader }
  | { kind: 'claim-payment'; payment: ClaimPayment }
  | { kind: 'remittance'; remittance: RemittanceSummary }
  /** One 271 subscriber or dependent, with its payer and benefits. */
  | { kind: 'eligibility'; eligibility: EligibilityResponse }
  /** One 278 response patient event (with its services), or a rejected member without an event. */
  | { kind: 'services-review'; review: ServicesReview }
  | { kind: 'transaction'; transaction: TransactionSummary }
  | { kind: 'issue'; issue: X12Issue };
