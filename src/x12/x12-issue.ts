/**
 * Problems found while reading X12 are data, not exceptions: each one carries a stable code and
 * the position of the segment (and element) it concerns, so a billing person can find it in the file.
 */

/** Stable issue codes. Tests and API clients match on these, never on messages. */
export const X12_ISSUE_CODES = [
  // input and encoding
  'X12_EMPTY_INPUT',
  'X12_NOT_X12',
  'X12_BINARY_CONTENT',
  'X12_BOM_SKIPPED',
  'X12_UTF16_DECODED',
  'X12_ENCODING_INVALID',
  'X12_GARBAGE_SKIPPED',
  'X12_SEGMENT_TOO_LONG',
  'X12_TRUNCATED',
  'X12_INVALID_SEGMENT_ID',
  // delimiters and the ISA header
  'X12_NO_ENVELOPE',
  'X12_DELIMITERS_INVALID',
  'X12_ISA_LENGTH',
  'X12_ISA_ELEMENT_WIDTH',
  'X12_ISA_ELEMENT_COUNT',
  // envelope structure and control numbers
  'X12_ISA_MISSING',
  'X12_IEA_MISSING',
  'X12_IEA_CONTROL_MISMATCH',
  'X12_IEA_COUNT_MISMATCH',
  'X12_GS_MISSING',
  'X12_GE_MISSING',
  'X12_GE_CONTROL_MISMATCH',
  'X12_GE_COUNT_MISMATCH',
  'X12_ST_MISSING',
  'X12_SE_MISSING',
  'X12_SE_CONTROL_MISMATCH',
  'X12_SE_COUNT_MISMATCH',
  'X12_SEGMENT_OUTSIDE_TRANSACTION',
  'X12_TRANSACTION_FAILED',
  // routing and versions
  'X12_VERSION_4010',
  'X12_VERSION_LABEL_CONFLICT',
  'X12_VERSION_LABEL_MISMATCH',
  'X12_UNSUPPORTED_TRANSACTION',
  // content of 837 / 835 transaction sets
  'X12_REQUIRED_ELEMENT_MISSING',
  'X12_INVALID_AMOUNT',
  'X12_INVALID_NUMBER',
  'X12_INVALID_DATE',
  'X12_UNEXPECTED_SEGMENT',
  'X12_HL_STRUCTURE',
  'X12_CLAIM_WITHOUT_LINES',
  'X12_EMPTY_TRANSACTION',
  // content of 271 / 278 responses
  'X12_INVALID_CODE',
  // balancing
  'X12_CLAIM_CHARGE_MISMATCH',
  'X12_SERVICE_PAYMENT_MISMATCH',
  'X12_CLAIM_PAYMENT_MISMATCH',
  'X12_REMITTANCE_TOTAL_MISMATCH',
] as const;

export type X12IssueCode = (typeof X12_ISSUE_CODES)[number];
export type X12IssueSeverity = 'error' | 'warning';

export interface X12Issue {
  severity: X12IssueSeverity;
  code: X12IssueCode;
  message: string;
  /** 0-based index of the segment in the input (ISA of the first interchange is 0); -1 when not tied to a segment. */
  segmentIndex: number;
  /** Segment id (e.g. `CLM`), or '' when not tied to a segment. */
  segmentId: string;
  /** 1-based element position as in the spec (`CLM05` is 5). */
  elementIndex?: number;
  /** 1-based component position (`CLM05-3` is 3). */
  componentIndex?: number;
  /** 1-based line number of the segment start (LF, CRLF or lone CR line breaks). */
  line: number;
  /** 0-based byte offset in the input of the segment start, or of the element when elementIndex is set. */
  byteOffset: number;
  /** Loop and element path in the implementation guide's terms, e.g. `2300 CLM05-3`, when known. */
  path?: string;
}

/** Where a segment sits in the input; every issue and every model object can point back to it. */
export interface X12Position {
  segmentIndex: number;
  line: number;
  byteOffset: number;
}

/** Thrown only when the input cannot be read as X12 at all (never for a problem inside a readable file). */
export class X12ParseError extends Error {
  override readonly name = 'X12ParseError';
  constructor(
    readonly code: X12IssueCode,
    message: string,
    readonly issues: X12Issue[],
  ) {
    super(message);
  }

  /** The first error issue, for callers that only show one position. */
  get position(): X12Position | undefined {
    const first = this.issues.find((i) => i.severity === 'error') ?? this.issues[0];
    return first && { segmentIndex: first.segmentIndex, line: first.line, byteOffset: first.byteOffset };
  }
}

/** Formats an issue as one line: `error X12_SE_COUNT_MISMATCH at line 12, byte 480 (SE01): ...`. */
export function formatIssue(issue: X12Issue, fileName?: string): string {
  const where = [
    fileName,
    `line ${issue.line}`,
    `byte ${issue.byteOffset}`,
    issue.segmentId &&
      `${issue.segmentId}${issue.elementIndex ? String(issue.elementIndex).padStart(2, '0') : ''}${issue.componentIndex ? `-${issue.componentIndex}` : ''}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `${issue.severity} ${issue.code} at ${where}: ${issue.message}`;
}
