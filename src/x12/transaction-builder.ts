import type { TransactionContext } from './models/claim.js';
import type { Segment } from './segment.js';
import type { X12Item } from './x12-item.js';
import type { X12IssueCode, X12IssueSeverity } from './x12-issue.js';

export interface IssueDetail {
  elementIndex?: number;
  componentIndex?: number;
  /** Loop and element in implementation-guide terms, e.g. `2300 CLM02`. */
  path?: string;
}

/** What a transaction builder gets from the reader: where it is, how to report, where to send results. */
export interface BuilderContext {
  readonly strict: boolean;
  readonly version: '5010' | '4010';
  readonly transaction: TransactionContext;
  /** Reports a problem at a segment (and element). */
  issue(
    severity: X12IssueSeverity,
    code: X12IssueCode,
    message: string,
    at: Segment,
    detail?: IssueDetail,
  ): void;
  /** Hands a finished claim, payment or summary to the consumer. */
  emit(item: X12Item): void;
}

/**
 * Turns the segments of one ST..SE into typed objects, emitting each claim or claim payment as soon as
 * it is complete so that nothing larger than one claim is held in memory.
 */
export interface TransactionBuilder {
  /** Every segment after ST and before SE. */
  segment(seg: Segment): void;
  /** Called at SE (or when the transaction set ends without one). Flushes what is pending. */
  end(): void;
  /** Counts for the transaction summary. */
  readonly claimCount: number;
  readonly paymentCount: number;
}
