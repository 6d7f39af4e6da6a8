import { X12Tokenizer } from '../x12/index.js';

/** What a received file holds, read from its content (never from its name). */
export type FileKind = '837' | '835' | '271' | '278' | 'x12-other' | 'unknown';

/**
 * How much of a file's start the sniffer reads: envelopes put the first ST well inside it, and a bare
 * ST..SE needs up to 64 KiB before the tokenizer settles its delimiters.
 */
export const SNIFF_BYTES = 128 * 1024;

/** The kind of transaction set an ST01 names. */
export function kindOfTransactionSet(st01: string): FileKind {
  if (st01 === '837') return '837';
  if (st01 === '835') return '835';
  // Eligibility and services-review responses are inputs (coverage, authorizations), not claims.
  if (st01 === '271') return '271';
  if (st01 === '278') return '278';
  return 'x12-other';
}

/**
 * Sniffs a file's kind from its first bytes: the first ST01 found by the X12 tokenizer (which reads
 * the delimiters from ISA, skips a BOM and decodes UTF-16) decides; `unknown` when the start is not
 * X12 or holds no ST (the parse can still settle the kind later, see IngestService).
 */
export function sniffFileKind(head: Buffer, wholeFile: boolean): FileKind {
  let kind: FileKind = 'unknown';
  const tokenizer = new X12Tokenizer({
    segment: (seg) => {
      if (kind === 'unknown' && seg.id === 'ST') kind = kindOfTransactionSet(seg.get(1));
    },
    issue: () => undefined,
  });
  tokenizer.write(head);
  // A partial head may end inside a segment: only the whole file may be ended (last segment flushed).
  if (wholeFile) tokenizer.end();
  return kind;
}
