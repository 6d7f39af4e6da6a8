/**
 * The report the inbox writes beside every archived file (`<name>.report.json`): what the file was,
 * what happened to it, and its problems with their positions. Pure: built from what the ingest and
 * import services answered.
 */
import type { FileIssueRecord } from '../ingest/ingest-result.js';
import type { InputIssue } from '../inputs/input-records.js';
import type { X12Issue } from '../x12/index.js';

/** Issues listed in a report (the count covers all of them). */
export const REPORT_ISSUE_LIMIT = 200;

/** ingested: X12 stored; imported: an input stored; duplicate: the same bytes were stored before; failed: rejected or unreadable. */
export type InboxOutcome = 'ingested' | 'imported' | 'duplicate' | 'failed';

/**
 * One problem, with every position its source gives: X12 issues have line, byte offset, segment
 * (id and 0-based index) and element/component; CSV issues line and column; JSON issues path.
 */
export interface ReportIssue {
  severity: string;
  code: string;
  message: string;
  line?: number;
  byteOffset?: number;
  segment?: string;
  segmentIndex?: number;
  element?: string | number;
  component?: number;
  column?: string;
  path?: string;
}

export interface InboxReport {
  /** The file's name in the inbox. */
  file: string;
  /** The kind folder it was found in (`authorizations` …), null at the top of the inbox. */
  folder: string | null;
  /** Its name in the archive folder (differs from `file` after a name collision: `x-2.csv`). */
  archivedAs: string;
  sha256: string;
  sizeBytes: number;
  /** 837, 835, 271, 278, x12-other, unknown, or the input kind (authorizations, fhir …). */
  kind: string;
  outcome: InboxOutcome;
  /** The received_file record (X12), also for a duplicate or a failed X12 file. */
  receivedFileId: string | null;
  /** The input_import record (inputs; for a duplicate, the earlier import). */
  importId: string | null;
  /** What was read and stored: claims, payments … for X12; records, inserted, updated for inputs. */
  counts: Record<string, number>;
  /** How many issues the file has (errors and warnings); `issues` lists the first REPORT_ISSUE_LIMIT. */
  issueCount: number;
  issues: ReportIssue[];
  /** One sentence for the operator. */
  message: string;
  /** The job run that handled the file. */
  runId: string;
  /** When the report was written, ISO-8601 UTC. */
  at: string;
}

/** A stored X12 issue (IngestService.getFile) for a report. */
export function reportIssueOfX12Record(r: FileIssueRecord): ReportIssue {
  return {
    severity: r.severity,
    code: r.code,
    message: r.message,
    line: r.line,
    byteOffset: r.byteOffset,
    // segmentIndex -1: not tied to a segment (the whole input is not X12).
    ...(r.segmentIndex >= 0 ? { segment: r.segmentId, segmentIndex: r.segmentIndex } : {}),
    ...(r.elementIndex !== null ? { element: r.elementIndex } : {}),
    ...(r.componentIndex !== null ? { component: r.componentIndex } : {}),
    ...(r.path !== null ? { path: r.path } : {}),
  };
}

/** An input issue (CSV, JSON, FHIR, X12 271/278) or an X12 parse issue for a report. */
export function reportIssueOf(issue: InputIssue | X12Issue): ReportIssue {
  if ('segmentIndex' in issue) {
    return reportIssueOfX12Record({
      seq: 0,
      severity: issue.severity,
      code: issue.code,
      message: issue.message,
      segmentIndex: issue.segmentIndex,
      segmentId: issue.segmentId,
      elementIndex: issue.elementIndex ?? null,
      componentIndex: issue.componentIndex ?? null,
      line: issue.line,
      byteOffset: issue.byteOffset,
      path: issue.path ?? null,
    });
  }
  const out: ReportIssue = { severity: issue.severity, code: issue.code, message: issue.message };
  if (issue.line !== undefined) out.line = issue.line;
  if (issue.byteOffset !== undefined) out.byteOffset = issue.byteOffset;
  if (issue.segment !== undefined) out.segment = issue.segment;
  if (issue.element !== undefined) out.element = issue.element;
  if (issue.column !== undefined) out.column = issue.column;
  if (issue.path !== undefined) out.path = issue.path;
  return out;
}

/** The report's issue list: at most REPORT_ISSUE_LIMIT, in the order given. */
export function limitIssues<T>(issues: readonly T[]): T[] {
  return issues.slice(0, REPORT_ISSUE_LIMIT);
}

/** `1 claim`, `3 claims`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
