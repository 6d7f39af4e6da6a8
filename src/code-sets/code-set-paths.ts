/** Where claimguard finds its code sets. */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root: the nearest folder above this file with a package.json — from the sources
 * (src/code-sets), the build (dist/code-sets) and the benchmarks' build (dist-bench/src/code-sets)
 * alike — so the committed tables are found whatever the working directory is.
 */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = from; ;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    // No package.json anywhere above: two levels up, where it is in every layout we ship.
    if (up === dir) return resolve(from, '..', '..');
    dir = up;
  }
}

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
