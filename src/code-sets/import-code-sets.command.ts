/**
 * `claimguard import-code-sets`: builds the compact code-set files.
 *
 *   import-code-sets --icd10cm <zip|order.txt|tsv[.gz]> [--fiscal-year 2026] [--effective-from D --effective-to D] [--out DIR]
 *   import-code-sets --hcpcs <tsv[.gz]> --release 2026-01 [--out DIR]
 *   import-code-sets --licensed <cpt|revenue|carc|rarc|taxonomy> <csv|tsv> [--out DIR]
 *
 * Public sets go to `rules/tables/code-sets` by default (committed); licensed lists go to CODE_SETS_DIR
 * or `./data/code-sets` (never committed). Exit code: 0 done, 1 import failed, 2 usage error.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CodeSetFileError, writeCodeSetFile } from './code-set-files.js';
import { isLicensedKind, LICENSED_KINDS } from './code-formats.js';
import { defaultLicensedDir, defaultPublicCodeSetsDir } from './code-set-paths.js';
import { importHcpcs } from './hcpcs-importer.js';
import { importIcd10cm } from './icd10cm-importer.js';
import { CodeSetImportError, readSourceFile } from './import-support.js';
import { importLicensedCodeList } from './licensed-code-importer.js';

export const IMPORT_CODE_SETS_USAGE = `import-code-sets: build the compact code-set files claimguard loads at start-up
  --icd10cm <file>        CMS "Code Descriptions in Tabular Order" zip (or its icd10cm_order_YYYY.txt,
                          or a code/billable/short_description TSV, optionally gzip)
      --fiscal-year N     FY N (in force N-1-10-01..N-09-30); read from the zip when omitted
      --effective-from D, --effective-to D   other dates (YYYY-MM-DD), e.g. for an April update
  --hcpcs <file>          HCPCS Level II TSV (code, short_description, ...)
      --release YYYY-MM   the release (in force from its first day until a later release)
  --licensed <kind> <file>  a customer's licensed list (${LICENSED_KINDS.join('|')}) as CSV/TSV
  --out <dir>             output directory (default rules/tables/code-sets for public sets,
                          CODE_SETS_DIR or ./data/code-sets for licensed lists)
`;

/** Runs the importer; `argv` is what follows the command name. Returns the exit code. */
export async function runCodeSetsImport(argv: string[], out: (line: string) => void): Promise<number> {
  const args = argv[0] === 'import-code-sets' ? argv.slice(1) : argv;
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        icd10cm: { type: 'string' },
        'fiscal-year': { type: 'string' },
        'effective-from': { type: 'string' },
        'effective-to': { type: 'string' },
        hcpcs: { type: 'string' },
        release: { type: 'string' },
        licensed: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    out(`error: ${(err as Error).message}`);
    out(IMPORT_CODE_SETS_USAGE);
    return 2;
  }
  const str = (k: string): string | undefined =>
    typeof values[k] === 'string' ? (values[k] as string) : undefined;
  if (values['help']) {
    out(IMPORT_CODE_SETS_USAGE);
    return 0;
  }
  const chosen = ['icd10cm', 'hcpcs', 'licensed'].filter((k) => str(k) !== undefined);
  if (chosen.length !== 1) {
    out('error: give exactly one of --icd10cm, --hcpcs, --licensed');
    out(IMPORT_CODE_SETS_USAGE);
    return 2;
  }
  const usage = (message: string): number => {
    out(`error: ${message}`);
    return 2;
  };

  try {
    if (chosen[0] === 'licensed') {
      const kind = str('licensed')!;
      if (!isLicensedKind(kind))
        return usage(`--licensed takes one of ${LICENSED_KINDS.join(', ')}, got ${kind}`);
      if (positionals.length !== 1) return usage('--licensed <kind> takes one file');
      const r = importLicensedCodeList(kind, positionals[0]!, { outDir: str('out') ?? defaultLicensedDir() });
      out(
        `${r.outFile}: ${r.count} ${kind} codes (${r.withDescription} with a description), ${r.duplicates} duplicates skipped, ${r.rejected.length} rows rejected`,
      );
      for (const rej of r.rejected.slice(0, 20))
        out(`  line ${rej.line}: ${JSON.stringify(rej.value)}: ${rej.reason}`);
      if (r.rejected.length > 20) out(`  … and ${r.rejected.length - 20} more`);
      return 0;
    }
    if (positionals.length) return usage(`unexpected arguments: ${positionals.join(' ')}`);
    const outDir = resolve(str('out') ?? defaultPublicCodeSetsDir());
    mkdirSync(outDir, { recursive: true });
    if (chosen[0] === 'icd10cm') {
      const fy = str('fiscal-year');
      if (fy !== undefined && !/^\d{4}$/.test(fy)) return usage(`--fiscal-year must be a year, got ${fy}`);
      const r = importIcd10cm(readSourceFile(str('icd10cm')!), {
        ...(fy !== undefined ? { fiscalYear: Number(fy) } : {}),
        ...(str('effective-from') !== undefined ? { effectiveFrom: str('effective-from')! } : {}),
        ...(str('effective-to') !== undefined ? { effectiveTo: str('effective-to')! } : {}),
      });
      const path = join(outDir, r.fileName);
      const bytes = writeCodeSetFile(path, r.file);
      out(
        `${path}: ICD-10-CM FY${r.fiscalYear} (${r.file.meta['effective-from']}..${r.file.meta['effective-to']}), ${r.billable} billable, ${r.headers} headers, ${bytes.length} bytes`,
      );
      return 0;
    }
    const release = str('release');
    if (release === undefined) return usage('--hcpcs needs --release YYYY-MM');
    const r = importHcpcs(readSourceFile(str('hcpcs')!), { release });
    const path = join(outDir, r.fileName);
    const bytes = writeCodeSetFile(path, r.file);
    out(
      `${path}: HCPCS Level II ${release} (from ${release}-01), ${r.procedureCodes} codes, ${r.modifiers} modifiers, ${bytes.length} bytes`,
    );
    return 0;
  } catch (err) {
    if (
      err instanceof CodeSetImportError ||
      err instanceof CodeSetFileError ||
      (err as NodeJS.ErrnoException).code === 'ENOENT'
    ) {
      out(`error: ${(err as Error).message}`);
      return 1;
    }
    throw err;
  }
}
