/** Helpers the code-set importers share: source files, hashes, text decoding. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** A source file as an importer sees it: its name (recorded in the output) and its bytes. */
export interface SourceFile {
  name: string;
  bytes: Uint8Array;
}

export function readSourceFile(path: string): SourceFile {
  return { name: basename(path), bytes: readFileSync(path) };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The bytes, gunzipped when they are gzip. */
export function maybeGunzip(bytes: Uint8Array): Uint8Array {
  return isGzip(bytes) ? gunzipSync(bytes) : bytes;
}

/** UTF-8 text (without a BOM); bytes that are not UTF-8 are read as Windows-1252/Latin-1. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('latin1').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Lines without their CR/LF; a final empty line (after the last newline) is dropped. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Collapses tabs, line breaks and repeated spaces, so a description fits in one TSV field. */
export function cleanDescription(text: string): string {
  return text.replace(/[\t\r\n\s]+/g, ' ').trim();
}

/** Thrown when a source file cannot be imported; the message says which file and line. */
export class CodeSetImportError extends Error {
  override readonly name = 'CodeSetImportError';
}
