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

/**
 * Says why a corpus suite is not running (a plain clone has no ../shared): on stderr, which jest does
 * not swallow, and as a skipped test whose name carries the reason, so the skip shows in the summary.
 */
export function announceMissingCorpus(suite: string): void {
  if (corpusAvailable) return;
  const why = `SKIPPED: ${corpusDir} not found (a plain clone has no ../shared); ${suite} suite not run`;
  process.stderr.write(`[${suite}] ${why}\n`);
  describe(`${suite} (shared corpus)`, () => {
    it.skip(why, () => undefined);
  });
}
