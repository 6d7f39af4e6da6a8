/**
 * Imports the CMS NCCI procedure-to-procedure (PTP) edit files an operator downloads (practitioner or
 * hospital outpatient; the quarterly text files, tab- or comma-delimited) into claimguard's
 * `ncci-ptp.csv` in the operator folder (default `./data/tables/`), which then replaces the shipped
 * sample. Streaming: constant memory whatever the file size. The CMS layout, one edit per line:
 *
 *   Column 1 | Column 2 | * = in existence prior to 1996 | Effective Date (YYYYMMDD) |
 *   Deletion Date (YYYYMMDD, `*` = none) | Modifier 0/1/9 | PTP Edit Rationale
 *
 * Notice and header lines (anything whose first two cells are not procedure codes) are skipped. A
 * deletion date D means the edit applies through D - 1; edits deleted on or before their effective date
 * never applied and are left out. The CMS files carry AMA CPT notices: the output stays with the
 * operator (`data/` is not committed).
 */
import { basename, join } from 'node:path';
import { TABLE_COLUMNS, TABLE_FILES, defaultOperatorTablesDir } from './reference-tables.js';
import {
  cmsDate,
  dayBefore,
  PROCEDURE_CODE,
  runCmsImport,
  todayIso,
  type CmsImportResult,
} from './cms-import-support.js';

export interface CmsNcciImportOptions {
  /** Where `ncci-ptp.csv` is written; default {@link defaultOperatorTablesDir}. */
  outDir?: string;
  /** Leave out edits that ended before this date (YYYY-MM-DD), to keep the table small. */
  endedBefore?: string;
  /** Import date for the source line; default today. */
  importedAt?: string;
}

/** One CMS PTP line as a claimguard row, 'skip' for a notice/header line, or why it cannot be read. */
export function convertNcciCells(
  cells: readonly string[],
  endedBefore?: string,
): string | 'skip' | { rejected: string } {
  const c1 = (cells[0] ?? '').toUpperCase();
  const c2 = (cells[1] ?? '').toUpperCase();
  if (!PROCEDURE_CODE.test(c1) || !PROCEDURE_CODE.test(c2)) return 'skip';
  if (cells.length < 6) return { rejected: `${cells.length} cells, expected at least 6` };
  const start = cmsDate(cells[3] ?? '');
  if (start === null) return { rejected: `effective date "${cells[3]}" is not YYYYMMDD` };
  const deletion = (cells[4] ?? '').trim();
  let end: string | null = null;
  if (deletion !== '*' && deletion !== '') {
    const d = cmsDate(deletion);
    if (d === null) return { rejected: `deletion date "${deletion}" is not YYYYMMDD or *` };
    end = dayBefore(d);
    if (end < start) return 'skip';
    if (endedBefore !== undefined && end < endedBefore) return 'skip';
  }
  const modifier = (cells[5] ?? '').trim();
  if (modifier !== '0' && modifier !== '1' && modifier !== '9')
    return { rejected: `modifier indicator "${modifier}" is not 0, 1 or 9` };
  return [c1, c2, modifier, start, end ?? ''].join(',');
}

/** Imports one or more CMS PTP files (the CMS set is split in several parts) into one table. */
export async function importCmsNcci(
  files: string | readonly string[],
  options: CmsNcciImportOptions = {},
): Promise<CmsImportResult> {
  const list = typeof files === 'string' ? [files] : [...files];
  const outPath = join(options.outDir ?? defaultOperatorTablesDir(), TABLE_FILES.ncci);
  const header = [
    `# source: CMS NCCI PTP edits, imported by claimguard on ${options.importedAt ?? todayIso()} from ${list
      .map((f) => basename(f))
      .join('; ')}`,
    TABLE_COLUMNS.ncci.join(','),
  ];
  return runCmsImport(list, outPath, header, (cells) => convertNcciCells(cells, options.endedBefore));
}
