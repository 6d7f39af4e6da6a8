import type { FileKind } from './file-kind.js';

/** processing (inside its transaction only), processed or failed. */
export type FileStatus = 'processing' | 'processed' | 'failed';

/** A received file as the API, the CLI and the benchmark see it. */
export interface ReceivedFileRecord {
  /** UUIDv7. */
  id: string;
  /** SHA-256 of the bytes, hex: the same bytes are ingested once. */
  sha256: string;
  /** The name the sender gave (never used to decide the kind). */
  name: string;
  sizeBytes: number;
  /** Sniffed from the content: the first ST01 (837, 835, x12-other), unknown when not X12. */
  kind: FileKind;
  status: FileStatus;
  transactionCount: number;
  claimCount: number;
  paymentCount: number;
  errorCount: number;
  warningCount: number;
  /** Why the file failed, in one sentence; null unless failed. */
  failure: string | null;
  /** ISO-8601 UTC. */
  receivedAt: string;
  /** ISO-8601 UTC; null while processing. */
  processedAt: string | null;
}

/** One positioned problem of a file, as stored. */
export interface FileIssueRecord {
  seq: number;
  severity: string;
  code: string;
  message: string;
  segmentIndex: number;
  segmentId: string;
  elementIndex: number | null;
  componentIndex: number | null;
  line: number;
  byteOffset: number;
  path: string | null;
}

/** A file with its issues (the first `FILE_ISSUE_LIMIT`, in file order). */
export interface ReceivedFileDetail extends ReceivedFileRecord {
  issues: FileIssueRecord[];
  /** True when the file has more issues than listed (the counts are always complete). */
  issuesTruncated: boolean;
}

/** Issues listed with a file (the counts cover all of them). */
export const FILE_ISSUE_LIMIT = 1000;

/** What ingesting a file did: the file's record, and whether the same bytes were already on file. */
export interface IngestResult {
  file: ReceivedFileRecord;
  /** True when the bytes were received before: nothing was written, `file` is the earlier record. */
  duplicate: boolean;
}

/** One page of files, newest first. */
export interface ReceivedFilePage {
  items: ReceivedFileRecord[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
