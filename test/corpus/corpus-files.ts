import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The project root (two levels above test/corpus). */
export const projectRoot = resolve(here, '..', '..');
/** The shared real-file corpus, beside the project as in CI; absent in a plain clone. */
export const corpusDir = resolve(projectRoot, '..', 'shared', 'corpus', 'x12');
export const corpusAvailable = existsSync(join(corpusDir, 'MANIFEST.md'));

/** One row of the corpus MANIFEST.md. */
export interface ManifestEntry {
  file: string;
  /** Declared CLM count, or null when the row says '-'. */
  clm: number | null;
  /** Declared CLP count, or null when the row says '-'. */
  clp: number | null;
  invalid: boolean;
  notes: string;
  transaction: string;
}

/** Reads MANIFEST.md's table: file, ..., transaction/version, delimiters, notes, counts. */
export function readManifest(): ManifestEntry[] {
  const text = readFileSync(join(corpusDir, 'MANIFEST.md'), 'utf8');
  const rows: ManifestEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| file') || line.startsWith('|---')) continue;
    // Cells may contain escaped pipes (`\|`).
    const cells = line
      .replace(/\\\|/g, '\u0001')
      .split('|')
      .slice(1, -1)
      .map((c) => c.replaceAll('\u0001', '|').trim());
    const [file = '', , , , , transaction = '', , notes = '', counts = ''] = cells;
    const clmMatch = /CLM (\d+)/.exec(counts);
    const clpMatch = /CLP (\d+)/.exec(counts);
    rows.push({
      file,
      clm: clmMatch ? Number(clmMatch[1]) : null,
      clp: clpMatch ? Number(clpMatch[1]) : null,
      invalid: /invalid/.test(notes),
      notes,
      transaction,
    });
  }
  return rows;
}

export function readCorpusFile(file: string): Buffer {
  return readFileSync(join(corpusDir, file));
}

/** Prints, once, why a corpus suite is not running (a plain clone has no ../shared). */
export function announceMissingCorpus(suite: string): void {
  if (!corpusAvailable) {
    console.warn(
      `[${suite}] SKIPPED: ${corpusDir} not found (a plain clone has no ../shared); corpus not tested.`,
    );
  }
}
