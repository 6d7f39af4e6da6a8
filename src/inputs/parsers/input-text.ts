/**
 * Shared plumbing of the input parsers: decoding an upload to text, and turning JSON parse failures
 * and byte offsets into positions a person can find in their file.
 */
import { type InputIssue } from '../input-records.js';

export type DecodeResult = { ok: true; text: string } | { ok: false; issue: InputIssue };

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes an upload as strict UTF-8 and drops a leading byte order mark. Strings are taken as-is. */
export function decodeInput(content: Buffer | string, file: string): DecodeResult {
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    try {
      text = UTF8.decode(content);
    } catch {
      const offset = firstInvalidUtf8Offset(content);
      const line = lineOfByteOffset(content, offset);
      return {
        ok: false,
        issue: {
          severity: 'error',
          code: 'INPUT_NOT_UTF8',
          message: `${file}: the file is not valid UTF-8 (first bad byte at offset ${offset}, line ${line}); save it as UTF-8`,
          file,
          line,
          byteOffset: offset,
        },
      };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/** Offset of the first byte that breaks UTF-8 (decoding ever-longer prefixes is too slow; scan). */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    if (i + need >= bytes.length) return i;
    try {
      UTF8.decode(bytes.subarray(i, i + need + 1));
    } catch {
      return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

function lineOfByteOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) line++;
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}

/** 1-based line of a character offset in a text (CRLF, LF and lone CR each end a line). */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) line++;
  }
  return line;
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; issue: InputIssue };

/**
 * JSON.parse with a positioned INPUT_MALFORMED_JSON issue on failure, and an INPUT_DUPLICATE_JSON_KEY
 * issue when an object names a key twice (JSON.parse would silently keep the last one).
 */
export function parseJsonText(text: string, file: string): JsonParseResult {
  try {
    const value = JSON.parse(text) as unknown;
    const duplicate = firstDuplicateKey(text);
    if (duplicate) {
      const line = lineOfOffset(text, duplicate.offset);
      return {
        ok: false,
        issue: {
          severity: 'error',
          code: 'INPUT_DUPLICATE_JSON_KEY',
          message: `${file} line ${line}: duplicate key ${JSON.stringify(duplicate.key)} in one object (only one value can count; remove the other)`,
          file,
          line,
        },
      };
    }
    return { ok: true, value };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/.exec(detail);
    const line = position ? lineOfOffset(text, Number(position[1])) : undefined;
    return {
      ok: false,
      issue: {
        severity: 'error',
        code: 'INPUT_MALFORMED_JSON',
        message: `${file}${line ? ` line ${line}` : ''}: not valid JSON (${detail})`,
        file,
        ...(line ? { line } : {}),
      },
    };
  }
}

/** A JSON object (not null, not an array); keeps the declared type of a typed value. */
export function isPlainObject<T>(value: T): value is T & Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The first key an object of `text` (valid JSON) names twice, and its offset. A single pass with an
 * explicit stack, so any nesting depth is fine.
 */
function firstDuplicateKey(text: string): { key: string; offset: number } | null {
  const stack: ({ keys: Set<string>; expectKey: boolean } | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) stack.push({ keys: new Set(), expectKey: true });
    else if (c === 0x5b /* [ */) stack.push(null);
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top) top.expectKey = true;
    } else if (c === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c /* \ */) i++;
      }
      const top = stack[stack.length - 1];
      if (top?.expectKey) {
        top.expectKey = false;
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (top.keys.has(key)) return { key, offset: start };
        top.keys.add(key);
      }
    }
  }
  return null;
}
