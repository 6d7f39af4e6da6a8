/**
 * HCPCS Level II importer: turns a HCPCS release as TSV (`code<TAB>short_description[<TAB>long…]`,
 * one header line, optionally gzip) into the compact code-set file claimguard loads.
 *
 * Effective dating is per release: the source (the CMS Alpha-Numeric HCPCS file reduced to codes and
 * descriptions) has no per-code add or termination dates, so a release `2026-01` is taken to be in
 * force from 2026-01-01 until a later release is loaded. The file may still list some terminated
 * codes (CMS keeps terminated records in the file); claimguard cannot tell them apart.
 *
 * Rows: five-character procedure/supply codes (a letter HCPCS uses + 4 digits) and two-character
 * Level II modifiers. D-codes (CDT, owned by the ADA) are refused: they are not HCPCS Level II content.
 */
import { type CodeSetFile } from './code-set-files.js';
import { normalizeModifier, procedureCodeSystem } from './code-normalization.js';
import {
  CodeSetImportError,
  decodeText,
  maybeGunzip,
  sha256Hex,
  type SourceFile,
  splitLines,
} from './import-support.js';

export interface HcpcsImportOptions {
  /** The release, `YYYY-MM` (the quarter's first month: `2026-01` for the January 2026 file). */
  release: string;
}

export interface HcpcsImportResult {
  file: CodeSetFile;
  /** The conventional file name: `hcpcs-2026-01.tsv.gz`. */
  fileName: string;
  procedureCodes: number;
  modifiers: number;
}

export const HCPCS_COLUMNS = ['code', 'short_description'];

export function importHcpcs(source: SourceFile, options: HcpcsImportOptions): HcpcsImportResult {
  const { release } = options;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(release))
    throw new CodeSetImportError(
      `the release must be YYYY-MM (e.g. 2026-01), got ${JSON.stringify(release)}`,
    );
  const lines = splitLines(decodeText(maybeGunzip(source.bytes)));
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  const codeAt = header.indexOf('code');
  const shortAt = header.findIndex((h) => h === 'short_description' || h === 'short description');
  if (codeAt === -1 || shortAt === -1)
    throw new CodeSetImportError(
      `${source.name}: the first line must name the columns code and short_description, got ${JSON.stringify(lines[0] ?? '')}`,
    );

  const rows: string[][] = [];
  const seen = new Set<string>();
  let procedureCodes = 0;
  let modifiers = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const cells = lines[i]!.split('\t');
    const raw = (cells[codeAt] ?? '').trim().toUpperCase();
    const description = (cells[shortAt] ?? '').replace(/\s+/g, ' ').trim();
    const where = `${source.name} line ${i + 1}`;
    if (raw.length === 5) {
      if (procedureCodeSystem(raw) !== 'hcpcs')
        throw new CodeSetImportError(`${where}: ${JSON.stringify(raw)} is not a HCPCS Level II code`);
      procedureCodes++;
    } else if (raw.length === 2 && normalizeModifier(raw) === raw) {
      modifiers++;
    } else {
      throw new CodeSetImportError(`${where}: ${JSON.stringify(raw)} is neither a HCPCS code nor a modifier`);
    }
    if (seen.has(raw)) throw new CodeSetImportError(`${where}: ${raw} appears twice`);
    seen.add(raw);
    rows.push([raw, description]);
  }
  if (rows.length === 0) throw new CodeSetImportError(`${source.name}: no codes`);

  return {
    file: {
      meta: {
        kind: 'hcpcs',
        title: 'HCPCS Level II codes and modifiers (CMS), code and short description',
        license: 'public domain (US government work)',
        release,
        'effective-from': `${release}-01`,
        'effective-dating':
          'per release: in force from the release month until a later release is loaded; the source has no per-code dates',
        'source-file': source.name,
        'source-sha256': sha256Hex(source.bytes),
        'count-procedure': String(procedureCodes),
        'count-modifier': String(modifiers),
        'count-rows': String(rows.length),
      },
      columns: HCPCS_COLUMNS,
      rows,
    },
    fileName: `hcpcs-${release}.tsv.gz`,
    procedureCodes,
    modifiers,
  };
}
