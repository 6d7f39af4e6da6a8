/**
 * The fuzz oracle: what the X12 parser must do with ANY input. It reads the whole input through the
 * streaming API (parseX12Stream) and must end either with items, every issue carrying a severity, a known
 * code and a position inside the input, or with an X12ParseError whose issues are positioned the same way.
 * Anything else is a failure: another exception type (TypeError, RangeError...), an issue without a
 * position or beyond the input, a non-finite number in a model, or (when `chunks` is given) different
 * items when the same bytes arrive in other chunk sizes.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  parseX12Stream,
  X12_ISSUE_CODES,
  type X12Issue,
  type X12Item,
  X12ParseError,
} from '../../src/x12/index.js';

export type FuzzOutcome = 'parsed' | 'parsed-with-issues' | 'parse-error';

export interface OracleResult {
  outcome: FuzzOutcome;
  /** Empty when the parser behaved; otherwise what was wrong. */
  failures: string[];
  items: number;
  issues: number;
  /** Wall time of the whole-input parse (ms). */
  ms: number;
  /** Wall time of the chunked parse (ms), when one ran. */
  chunkedMs: number;
}

const CODES = new Set<string>(X12_ISSUE_CODES);

async function* chunksOf(input: Buffer, sizes: readonly number[]): AsyncGenerator<Buffer> {
  if (sizes.length === 0) {
    yield input;
    return;
  }
  let at = 0;
  let k = 0;
  while (at < input.length) {
    const n = sizes[k++ % sizes.length]!;
    yield input.subarray(at, at + n);
    at += n;
  }
}

interface Run {
  items: X12Item[];
  error: X12ParseError | null;
  thrown: unknown;
}

async function runStream(input: Buffer, sizes: readonly number[]): Promise<Run> {
  const items: X12Item[] = [];
  try {
    for await (const item of parseX12Stream(chunksOf(input, sizes))) items.push(item);
    return { items, error: null, thrown: null };
  } catch (err) {
    if (err instanceof X12ParseError) return { items, error: err, thrown: null };
    return { items, error: null, thrown: err };
  }
}

/** Largest byte offset an issue may carry: the input length, or its UTF-8 size when it was decoded from UTF-16. */
function offsetLimit(input: Buffer, issues: readonly X12Issue[]): number {
  return issues.some((i) => i.code === 'X12_UTF16_DECODED') ? Math.ceil(input.length / 2) * 3 : input.length;
}

/** Most lines the input can have (every LF and every CR a break). */
function lineLimit(input: Buffer, utf16: boolean): number {
  if (utf16) return input.length + 1;
  let n = 1;
  for (let i = input.indexOf(10); i !== -1; i = input.indexOf(10, i + 1)) n++;
  for (let i = input.indexOf(13); i !== -1; i = input.indexOf(13, i + 1)) n++;
  return n;
}

function checkIssue(issue: X12Issue, maxOffset: number, maxLine: number, failures: string[]): void {
  const where = `${issue.code} ${JSON.stringify({ segmentIndex: issue.segmentIndex, line: issue.line, byteOffset: issue.byteOffset })}`;
  if (issue.severity !== 'error' && issue.severity !== 'warning')
    failures.push(`issue severity ${String(issue.severity)}: ${where}`);
  if (!CODES.has(issue.code)) failures.push(`unknown issue code: ${where}`);
  if (typeof issue.message !== 'string' || issue.message === '')
    failures.push(`issue without message: ${where}`);
  if (!Number.isSafeInteger(issue.segmentIndex) || issue.segmentIndex < -1)
    failures.push(`bad segmentIndex: ${where}`);
  if (!Number.isSafeInteger(issue.line) || issue.line < 1 || issue.line > maxLine)
    failures.push(`line outside 1..${maxLine}: ${where}`);
  if (!Number.isSafeInteger(issue.byteOffset) || issue.byteOffset < 0 || issue.byteOffset > maxOffset)
    failures.push(`byteOffset outside 0..${maxOffset}: ${where}`);
}

/** Finds NaN or infinite numbers anywhere in a model (amounts, counts, quantities). */
function nonFinite(value: unknown, path: string, seen: Set<object>, out: string[]): void {
  if (out.length >= 3) return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
    return;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) out.push(`${path} = Invalid Date`);
    return;
  }
  for (const [k, v] of Object.entries(value)) nonFinite(v, `${path}.${k}`, seen, out);
}

/**
 * What must not depend on chunking. When the input turns out unreadable (X12ParseError), a stream may
 * already have yielded items from the chunks before: only the error itself is compared then.
 */
function summarize(run: Run): unknown {
  const error = run.error && { code: run.error.code, issues: run.error.issues };
  return error ? { error } : { items: run.items };
}

/**
 * Runs the oracle on one input. `chunkSizes`, when not empty, also feeds the input in those chunk sizes
 * (cycled) and requires the same items and the same outcome.
 */
export async function checkInput(input: Buffer, chunkSizes: readonly number[] = []): Promise<OracleResult> {
  const failures: string[] = [];
  const t0 = performance.now();
  const whole = await runStream(input, []);
  const ms = performance.now() - t0;
  let chunkedMs = 0;
  if (whole.thrown !== null) {
    const e = whole.thrown;
    failures.push(`threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e)}`);
    return { outcome: 'parse-error', failures, items: whole.items.length, issues: 0, ms, chunkedMs };
  }
  const issues: X12Issue[] = [];
  for (const item of whole.items) if (item.kind === 'issue') issues.push(item.issue);
  if (whole.error) issues.push(...whole.error.issues);
  const maxOffset = offsetLimit(input, issues);
  const maxLine = lineLimit(input, maxOffset !== input.length);
  for (const issue of issues) checkIssue(issue, maxOffset, maxLine, failures);
  if (whole.error) {
    if (!CODES.has(whole.error.code)) failures.push(`X12ParseError with unknown code ${whole.error.code}`);
    if (whole.error.issues.length === 0 || whole.error.position === undefined)
      failures.push('X12ParseError without a positioned issue');
  }
  for (const item of whole.items) {
    if (item.kind === 'transaction') {
      const p = item.transaction.position;
      if (!(p.byteOffset >= 0 && p.byteOffset <= maxOffset && p.line >= 1 && p.segmentIndex >= 0))
        failures.push(`transaction position out of range: ${JSON.stringify(p)}`);
    }
    if (item.kind !== 'issue') {
      const bad: string[] = [];
      nonFinite(item, item.kind, new Set(), bad);
      for (const b of bad) failures.push(`non-finite value in ${b}`);
    }
  }
  if (chunkSizes.length) {
    const t1 = performance.now();
    const chunked = await runStream(input, chunkSizes);
    chunkedMs = performance.now() - t1;
    if (chunked.thrown !== null) {
      const e = chunked.thrown;
      failures.push(`chunked run threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    } else if (!isDeepStrictEqual(summarize(whole), summarize(chunked))) {
      failures.push(
        `chunked run (sizes ${chunkSizes.slice(0, 8).join(',')}...) differs from the whole-input run`,
      );
    }
  }
  const outcome: FuzzOutcome = whole.error ? 'parse-error' : issues.length ? 'parsed-with-issues' : 'parsed';
  return { outcome, failures, items: whole.items.length, issues: issues.length, ms, chunkedMs };
}
