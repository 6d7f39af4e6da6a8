import { parseArgs } from 'node:util';
import { importCmsMue } from '../rules-engine/context/cms-mue-importer.js';
import { importCmsNcci } from '../rules-engine/context/cms-ncci-importer.js';
import type { CmsImportResult } from '../rules-engine/context/cms-import-support.js';

export const IMPORT_TABLES_USAGE = `claimguard import-tables --ncci <files...> | --mue <files...> [options]
  Convert the CMS files an operator downloads (they carry AMA notices, so claimguard ships only
  small illustrative samples) into the tables the rules read, in REFERENCE_TABLES_DIR
  (default ./data/tables), where they replace the shipped samples table by table.
  --ncci          NCCI procedure-to-procedure edit files (practitioner or hospital, .txt/.csv, unzipped)
  --mue           MUE files (practitioner, outpatient hospital or DME, .csv/.txt, unzipped)
  --ended-before D   NCCI: leave out edits deleted before D (YYYY-MM-DD), to keep the table small
  --effective D      MUE: the first date of service the limits apply to (default 2000-01-01)
  --out DIR          write there instead of REFERENCE_TABLES_DIR
`;

/** `claimguard import-tables`: exit 0 when written, 1 when the import failed, 2 for bad arguments. */
export async function importTablesCommand(
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ncci: { type: 'boolean', default: false },
        mue: { type: 'boolean', default: false },
        'ended-before': { type: 'string' },
        effective: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (e) {
    err.write(`import-tables: ${e instanceof Error ? e.message : String(e)}\n${IMPORT_TABLES_USAGE}`);
    return 2;
  }
  const v = parsed.values;
  const files = parsed.positionals;
  if (v.ncci === v.mue || files.length === 0) {
    err.write(`import-tables: give --ncci or --mue, and at least one file\n${IMPORT_TABLES_USAGE}`);
    return 2;
  }
  const outDir = v.out ?? process.env['REFERENCE_TABLES_DIR'];
  let result: CmsImportResult;
  try {
    result = v.ncci
      ? await importCmsNcci(files, {
          ...(outDir ? { outDir } : {}),
          ...(v['ended-before'] ? { endedBefore: v['ended-before'] } : {}),
        })
      : await importCmsMue(files, {
          ...(outDir ? { outDir } : {}),
          ...(v.effective ? { effectiveStart: v.effective } : {}),
        });
  } catch (e) {
    err.write(`import-tables: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  out.write(
    `${result.outPath}: ${result.rows} rows from ${result.files.length} file(s); ` +
      `${result.skippedLines} notice/header lines skipped, ${result.rejectedCount} lines rejected\n`,
  );
  for (const r of result.rejected) out.write(`  rejected: ${r}\n`);
  return 0;
}
