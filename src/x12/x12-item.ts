import type { Claim, TransactionContext } from './models/claim.js';
import type { ClaimPayment, RemittanceHeader, RemittanceSummary } from './models/remittance.js';
import type { X12Issue, X12Position } from './x12-issue.js';

/** What kind of transaction set a ST..SE was routed to. */
export type TransactionKind = '837P' | '837I' | '837D' | '835' | 'other';

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
 * What the streaming reader yields, one at a time, in input order. Claims and claim payments are
 * complete when yielded; a remittance's header arrives with each payment and its summary (PLB,
 * totals) after the last one.
 */
export type X12Item =
  | { kind: 'claim'; claim: Claim }
  | { kind: 'remittance-header'; header: RemittanceHeader }
  | { kind: 'claim-payment'; payment: ClaimPayment }
  | { kind: 'remittance'; remittance: RemittanceSummary }
  | { kind: 'transaction'; transaction: TransactionSummary }
  | { kind: 'issue'; issue: X12Issue };
