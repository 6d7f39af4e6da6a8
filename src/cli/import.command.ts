import { basename } from 'node:path';
import { InvalidInputError } from '../common/domain-errors.js';
import type { ImportResult } from '../inputs/import-result.js';
import type { UploadKind } from '../inputs/input-parsing.js';

/** The part of InputsService the command uses (so tests can hand it a fake). */
export interface InputImporter {
  importPath(kind: UploadKind, path: string, fileName: string): Promise<ImportResult>;
}

/** What an accepted import did, in one line, then one line per warning. */
export function renderImport(path: string, r: ImportResult): string {
  const read = Object.entries(r.records)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const lines = [
    `${path}: imported ${read || 'no records'} (${r.inserted} new, ${r.updated} updated); ` +
      `matched ${r.linking.claims} claims: ${r.linking.links} links (${r.linking.probableLinks} probable), ` +
      `${r.linking.problems} identity problems` +
      (r.evaluation ? `; re-evaluated ${r.evaluation.claims} claims: ${r.evaluation.findings} findings` : ''),
  ];
  for (const w of r.warnings) lines.push(`  warning: ${w.message} [${w.code}]`);
  return lines.join('\n');
}

/**
 * `claimguard import <kind> <file>`: imports one file; on errors prints every problem with its
 * position and returns 1 (nothing is written), else 0.
 */
export async function importCommand(
  kind: UploadKind,
  path: string,
  importer: InputImporter,
  out: NodeJS.WritableStream,
): Promise<number> {
  try {
    const result = await importer.importPath(kind, path, basename(path));
    out.write(`${renderImport(path, result)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof InvalidInputError) {
      out.write(`${path}: ${err.message}\n`);
      for (const p of err.problems) out.write(`  ${p}\n`);
      return 1;
    }
    out.write(`${path}: failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
