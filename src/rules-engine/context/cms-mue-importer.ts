/**
 * Imports the CMS medically unlikely edits (MUE) file an operator downloads (practitioner services,
 * DME supplier or facility outpatient; CSV or tab-delimited text) into claimguard's `mue.csv` in the
 * operator folder (default `./data/tables/`), which then replaces the shipped sample. Streaming. The
 * CMS layout, one code per line, after notice and header lines:
 *
 *   HCPCS/CPT Code | <Practitioner Services> MUE Values | MUE Adjudication Indicator (e.g.
 *   `2 Date of Service Edit: Policy`) | MUE Rationale
 *
 * The CMS file has no per-row dates: every row gets `effectiveStart` (the quarter's first day; an
 * operator re-imports each quarter). The file carries AMA CPT notices: the output stays with the
 * operator (`data/` is not committed).
 */
import { basename, join } from 'node:path';
import { TABLE_COLUMNS, TABLE_FILES, defaultOperatorTablesDir } from './reference-tables.js';
import { PROCEDURE_CODE, runCmsImport, todayIso, type CmsImportResult } from './cms-import-support.js';

export interface CmsMueImportOptions {
  /** Where `mue.csv` is written; default {@link defaultOperatorTablesDir}. */
  outDir?: string;
  /** First date of service the limits apply to (YYYY-MM-DD); default 2000-01-01 (any date). */
  effectiveStart?: string;
  /** Import date for the source line; default today. */
  importedAt?: string;
}

/** One CMS MUE line as a claimguard row, 'skip' for a notice/header line, or why it cannot be read. */
export function convertMueCells(
  cells: readonly string[],
  effectiveStart: string,
): string | 'skip' | { rejected: string } {
  const code = (cells[0] ?? '').toUpperCase();
  if (!PROCEDURE_CODE.test(code)) return 'skip';
  const units = (cells[1] ?? '').trim();
  if (!/^\d{1,6}$/.test(units)) return { rejected: `MUE value "${units}" is not a whole number` };
  const indicator = /^\s*([123])\b/.exec(cells[2] ?? '');
  if (!indicator)
    return { rejected: `adjudication indicator "${cells[2] ?? ''}" does not start with 1, 2 or 3` };
  return [code, String(Number(units)), indicator[1]!, effectiveStart, ''].join(',');
}

export async function importCmsMue(
  files: string | readonly string[],
  options: CmsMueImportOptions = {},
): Promise<CmsImportResult> {
  const list = typeof files === 'string' ? [files] : [...files];
  const effectiveStart = options.effectiveStart ?? '2000-01-01';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveStart))
    throw new Error(`effectiveStart ${effectiveStart} is not YYYY-MM-DD`);
  const outPath = join(options.outDir ?? defaultOperatorTablesDir(), TABLE_FILES.mue);
  const header = [
    `# source: CMS MUE table, imported by claimguard on ${options.importedAt ?? todayIso()} from ${list
      .map((f) => basename(f))
      .join('; ')}; limits in force from ${effectiveStart}`,
    TABLE_COLUMNS.mue.join(','),
  ];
  return runCmsImport(list, outPath, header, (cells) => convertMueCells(cells, effectiveStart));
}
