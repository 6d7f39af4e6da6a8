/**
 * The inbox's file rules as pure functions: which names are picked up, when a file has settled, and
 * what an archived file and its report are called.
 */
import { extname } from 'node:path';

/** The archive trees inside the inbox (never picked up). */
export const PROCESSED_FOLDER = 'processed';
export const FAILED_FOLDER = 'failed';

/** The suffix of a report beside an archived file (`x.csv` → `x.csv.report.json`). */
export const REPORT_SUFFIX = '.report.json';

/** Endings of files still being copied or downloaded by another program. */
const IN_PROGRESS_ENDINGS = ['.part', '.tmp', '.partial', '.crdownload'];

/**
 * True when the inbox leaves a file name alone: dotfiles (editors' and sync tools' temporaries, and
 * `.DS_Store`), files still being written by a program that renames them when done, and reports.
 */
export function isIgnoredName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    name.startsWith('.') ||
    IN_PROGRESS_ENDINGS.some((ending) => lower.endsWith(ending)) ||
    lower.endsWith(REPORT_SUFFIX)
  );
}

/** What the inbox knows of a file between listing it and taking it. */
export interface FileState {
  size: number;
  mtimeMs: number;
}

/**
 * True when a file may be taken: last modified at least `settleSeconds` before `nowMs`, and not
 * changed since it was listed. A file still being written (a copy over the network, an export in
 * progress) waits for a later run.
 */
export function isSettled(
  listed: FileState,
  current: FileState,
  nowMs: number,
  settleSeconds: number,
): boolean {
  return (
    listed.size === current.size &&
    listed.mtimeMs === current.mtimeMs &&
    nowMs - current.mtimeMs >= settleSeconds * 1000
  );
}

/**
 * The name an archived file gets in a folder that already holds `taken` (file names): `name` itself,
 * else `name` with `-2`, `-3` … before its extension (`x.csv` → `x-2.csv`, `README` → `README-2`),
 * the first one for which neither the file nor its report exists. Nothing is ever overwritten.
 */
export function archiveName(name: string, taken: ReadonlySet<string>): string {
  const free = (candidate: string): boolean => !taken.has(candidate) && !taken.has(candidate + REPORT_SUFFIX);
  if (free(name)) return name;
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}${ext}`;
    if (free(candidate)) return candidate;
  }
}
