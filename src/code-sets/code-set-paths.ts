/** Where claimguard finds its code sets. */
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root: two levels above this file, both in the sources (src/code-sets) and in the build
 * (dist/code-sets), so the committed tables are found whatever the working directory is.
 */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The committed reference tables: `rules/tables` (public code sets in `code-sets/`, POS codes). */
export function defaultTablesDir(): string {
  return resolve(packageRoot, 'rules', 'tables');
}

/** Where the public code-set importer writes by default: `rules/tables/code-sets`. */
export function defaultPublicCodeSetsDir(): string {
  return resolve(defaultTablesDir(), 'code-sets');
}

/**
 * The directory for customer-licensed code lists (CPT, revenue codes, CARC/RARC, taxonomy): the
 * CODE_SETS_DIR variable, else `./data/code-sets`, relative to `cwd`. It is outside the repository's
 * committed files (`data/` is git-ignored): licensed content must never be committed.
 */
export function defaultLicensedDir(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): string {
  const v = env['CODE_SETS_DIR']?.trim();
  const dir = v ? v : './data/code-sets';
  return isAbsolute(dir) ? dir : resolve(cwd, dir);
}
