/**
 * The compact code-set file: gzip of a UTF-8 TSV that carries its own provenance.
 *
 *     #claimguard-code-set<TAB>1
 *     #kind<TAB>icd10cm
 *     #source-file<TAB>2026-code-descriptions-tabular-order.zip
 *     #source-sha256<TAB>55a9…
 *     …                                  (one `#key<TAB>value` line per metadata entry, in order)
 *     code<TAB>billable<TAB>short_description      (the column names)
 *     A00<TAB>0<TAB>Cholera                          (the rows)
 *
 * Files are written with fflate's pure-JavaScript deflate (level 9, mtime 0, no file name): the same
 * input gives the same bytes on every machine and Node version, which a native zlib (whose output
 * may depend on the CPU's instruction set) does not promise. Reading uses Node's zlib, which is faster.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { gunzipSync as zlibGunzip } from 'node:zlib';
import { gzipSync } from 'fflate';

export const CODE_SET_FILE_MAGIC = '#claimguard-code-set';
export const CODE_SET_FILE_VERSION = '1';

/** What a code-set file holds; `kind` is always the first metadata entry. */
export type CodeSetKind = 'icd10cm' | 'hcpcs' | 'licensed';

export interface CodeSetFile {
  /** Metadata in the order it is written (`kind` first). Keys: lower-case letters, digits and hyphens. */
  meta: Record<string, string>;
  columns: string[];
  rows: string[][];
}

/** Thrown when a code-set file is malformed; the message names the file and line when known. */
export class CodeSetFileError extends Error {
  override readonly name = 'CodeSetFileError';
}

const FORBIDDEN = /[\t\r\n]/;

function checkField(value: string, what: string): void {
  if (FORBIDDEN.test(value))
    throw new CodeSetFileError(`${what} contains a tab or line break: ${JSON.stringify(value)}`);
}

/** The uncompressed text of a code-set file. Throws when a key or field cannot be written as TSV. */
export function encodeCodeSetText(file: CodeSetFile): string {
  const lines = [`${CODE_SET_FILE_MAGIC}\t${CODE_SET_FILE_VERSION}`];
  for (const [key, value] of Object.entries(file.meta)) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(key))
      throw new CodeSetFileError(`bad metadata key ${JSON.stringify(key)}`);
    checkField(value, `metadata ${key}`);
    lines.push(`#${key}\t${value}`);
  }
  if (file.columns.length === 0) throw new CodeSetFileError('a code-set file needs at least one column');
  for (const c of file.columns) checkField(c, 'column name');
  if (file.columns.some((c) => c === '' || c.startsWith('#')))
    throw new CodeSetFileError('column names must be non-empty and not start with #');
  lines.push(file.columns.join('\t'));
  for (const row of file.rows) {
    if (row.length !== file.columns.length)
      throw new CodeSetFileError(
        `row ${JSON.stringify(row)} has ${row.length} fields, not ${file.columns.length}`,
      );
    for (const f of row) checkField(f, 'field');
    lines.push(row.join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

/** The gzip-compressed bytes of a code-set file (deterministic: see the module comment). */
export function encodeCodeSetFile(file: CodeSetFile): Uint8Array {
  return gzipSync(new TextEncoder().encode(encodeCodeSetText(file)), { level: 9, mtime: 0 });
}

/** Reads the uncompressed text of a code-set file. `where` names it in error messages. */
export function decodeCodeSetText(text: string, where = 'code-set file'): CodeSetFile {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const first = lines[0] ?? '';
  if (first !== `${CODE_SET_FILE_MAGIC}\t${CODE_SET_FILE_VERSION}`)
    throw new CodeSetFileError(
      `${where}: not a claimguard code-set file (version ${CODE_SET_FILE_VERSION}); first line ${JSON.stringify(first.slice(0, 40))}`,
    );
  const meta: Record<string, string> = {};
  let i = 1;
  for (; i < lines.length && lines[i]!.startsWith('#'); i++) {
    const line = lines[i]!;
    const tab = line.indexOf('\t');
    if (tab === -1) throw new CodeSetFileError(`${where} line ${i + 1}: metadata line without a tab`);
    meta[line.slice(1, tab)] = line.slice(tab + 1);
  }
  if (i >= lines.length) throw new CodeSetFileError(`${where}: no column line`);
  const columns = lines[i]!.split('\t');
  const rows: string[][] = new Array(lines.length - i - 1);
  for (let j = i + 1; j < lines.length; j++) {
    const row = lines[j]!.split('\t');
    if (row.length !== columns.length)
      throw new CodeSetFileError(`${where} line ${j + 1}: ${row.length} fields, expected ${columns.length}`);
    rows[j - i - 1] = row;
  }
  return { meta, columns, rows };
}

/** Reads gzip-compressed code-set bytes. */
export function decodeCodeSetFile(bytes: Uint8Array, where = 'code-set file'): CodeSetFile {
  let text: string;
  try {
    text = zlibGunzip(bytes).toString('utf8');
  } catch (err) {
    throw new CodeSetFileError(`${where}: not gzip data (${(err as Error).message})`);
  }
  return decodeCodeSetText(text, where);
}

export function readCodeSetFile(path: string): CodeSetFile {
  return decodeCodeSetFile(readFileSync(path), path);
}

/** Writes a code-set file, through a temporary file and a rename so a reader never sees half of it. */
export function writeCodeSetFile(path: string, file: CodeSetFile): Uint8Array {
  const bytes = encodeCodeSetFile(file);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
  return bytes;
}
