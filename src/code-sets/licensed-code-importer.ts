/**
 * Importer for a customer's licensed code list (CPT, NUBC revenue codes, CARC, RARC, NUCC taxonomy).
 * claimguard ships none of these lists; a customer holding a licence imports their own file, which is
 * written OUTSIDE the repository (default `./data/code-sets/`, see `code-set-paths.ts`) as
 * `licensed-<kind>.tsv.gz`, and picked up by `loadCodeSets` at start-up.
 *
 * Input: CSV or TSV (detected from the first line), optionally gzip, with the code in the first
 * column (or the column whose header contains "code") and an optional description (the column whose
 * header contains "desc", "name", "title" or "definition", else the second column). A header line is
 * recognised when its code cell is not a well-formed code. Codes are normalised (`450` → `0450`);
 * rows whose code does not have the kind's format are rejected and reported, duplicates keep the
 * first description.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type CodeSetFile, writeCodeSetFile } from './code-set-files.js';
import { LICENSED_FORMAT, type LicensedKind, normalizeLicensedCode } from './code-formats.js';
import { defaultLicensedDir } from './code-set-paths.js';
import {
  cleanDescription,
  CodeSetImportError,
  decodeText,
  maybeGunzip,
  readSourceFile,
  sha256Hex,
  type SourceFile,
  splitLines,
} from './import-support.js';

export interface RejectedRow {
  /** 1-based line (record) number in the source. */
  line: number;
  value: string;
  reason: string;
}

export interface LicensedListBuild {
  file: CodeSetFile;
  fileName: string;
  count: number;
  withDescription: number;
  duplicates: number;
  rejected: RejectedRow[];
}

export interface LicensedImportResult extends LicensedListBuild {
  /** Where the list was written. */
  outFile: string;
}

export const LICENSED_COLUMNS = ['code', 'description'];

/** The file name a licensed list of a kind is stored under. */
export function licensedFileName(kind: LicensedKind): string {
  return `licensed-${kind}.tsv.gz`;
}

function parseTable(text: string, name: string): string[][] {
  const firstLine = splitLines(text.slice(0, 65_536))[0] ?? '';
  const tab = firstLine.includes('\t');
  try {
    return parse(text, {
      delimiter: tab ? '\t' : firstLine.includes(',') || !firstLine.includes(';') ? ',' : ';',
      // TSV exports seldom quote, and a lone quote in a description must not swallow the rest.
      quote: tab ? false : '"',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (err) {
    throw new CodeSetImportError(`${name}: cannot read as CSV/TSV: ${(err as Error).message}`);
  }
}

/** Builds the licensed list from a CSV/TSV source without writing it. */
export function buildLicensedCodeList(kind: LicensedKind, source: SourceFile): LicensedListBuild {
  const records = parseTable(decodeText(maybeGunzip(source.bytes)), source.name);
  if (records.length === 0) throw new CodeSetImportError(`${source.name}: the file is empty`);

  let codeAt = 0;
  let descriptionAt = 1;
  let start = 0;
  const first = records[0]!.map((c) => c.trim());
  const looksLikeHeader =
    normalizeLicensedCode(kind, first[0] ?? '') === null && first.some((c) => /[a-z]{3}/i.test(c));
  if (looksLikeHeader) {
    start = 1;
    const named = first.findIndex((c) => /code/i.test(c));
    codeAt = named === -1 ? 0 : named;
    const described = first.findIndex(
      (c, i) => i !== codeAt && /desc|name|title|definition|display/i.test(c),
    );
    descriptionAt = described !== -1 ? described : codeAt === 0 ? 1 : -1;
  }

  const byCode = new Map<string, string>();
  const rejected: RejectedRow[] = [];
  let duplicates = 0;
  for (let i = start; i < records.length; i++) {
    const cells = records[i]!;
    const raw = (cells[codeAt] ?? '').trim();
    if (raw === '') continue;
    const code = normalizeLicensedCode(kind, raw);
    if (code === null) {
      rejected.push({ line: i + 1, value: raw, reason: `not a ${kind} code (${LICENSED_FORMAT[kind]})` });
      continue;
    }
    if (byCode.has(code)) {
      duplicates++;
      continue;
    }
    byCode.set(code, descriptionAt === -1 ? '' : cleanDescription(cells[descriptionAt] ?? ''));
  }
  if (byCode.size === 0)
    throw new CodeSetImportError(
      `${source.name}: no ${kind} codes found (${rejected.length} rows rejected; expected ${LICENSED_FORMAT[kind]})`,
    );

  const codes = [...byCode.keys()].sort();
  const withDescription = codes.filter((c) => byCode.get(c) !== '').length;
  return {
    file: {
      meta: {
        kind: 'licensed',
        'licensed-kind': kind,
        title: `customer-licensed ${kind} list: do not commit or redistribute`,
        'source-file': source.name,
        'source-sha256': sha256Hex(source.bytes),
        'count-rows': String(codes.length),
        'count-with-description': String(withDescription),
        'count-rejected': String(rejected.length),
      },
      columns: LICENSED_COLUMNS,
      rows: codes.map((c) => [c, byCode.get(c)!]),
    },
    fileName: licensedFileName(kind),
    count: codes.length,
    withDescription,
    duplicates,
    rejected,
  };
}

/**
 * Imports a customer's licensed list into `outDir` (default `./data/code-sets`, or CODE_SETS_DIR),
 * replacing an earlier import of the same kind. Returns what was written and what was rejected.
 */
export function importLicensedCodeList(
  kind: LicensedKind,
  file: string,
  options: { outDir?: string } = {},
): LicensedImportResult {
  const built = buildLicensedCodeList(kind, readSourceFile(file));
  const outDir = resolve(options.outDir ?? defaultLicensedDir());
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, built.fileName);
  writeCodeSetFile(outFile, built.file);
  return { ...built, outFile };
}
