import { basename } from 'node:path';
import type { IngestResult } from '../ingest/ingest-result.js';

/** The part of IngestService the command uses (so tests can hand it a fake). */
export interface FileIngester {
  ingestPath(path: string, originalName: string): Promise<IngestResult>;
}

/** One line for one file: what happened, the counts, and why it failed. */
export function renderIngestLine(path: string, result: IngestResult): string {
  const f = result.file;
  const counts =
    `${f.kind}, ${f.transactionCount} transaction sets, ${f.claimCount} claims, ${f.paymentCount} claim payments,` +
    ` ${f.errorCount} errors, ${f.warningCount} warnings`;
  if (result.duplicate) return `${path}: duplicate of file ${f.id} (${f.status}; ${counts})`;
  if (f.status === 'failed')
    return `${path}: failed, file ${f.id} (${counts}): ${f.failure ?? 'unknown failure'}`;
  return `${path}: ${f.status}, file ${f.id} (${counts})`;
}

/**
 * `claimguard ingest <files...>`: ingests each file in order (one transaction each), prints one line
 * per file, and returns 1 when any file failed or could not be read, else 0. Duplicates are not failures.
 */
export async function ingestCommand(
  files: readonly string[],
  ingester: FileIngester,
  out: NodeJS.WritableStream,
): Promise<number> {
  let exit = 0;
  for (const path of files) {
    try {
      const result = await ingester.ingestPath(path, basename(path));
      if (result.file.status === 'failed') exit = 1;
      out.write(`${renderIngestLine(path, result)}\n`);
    } catch (err) {
      exit = 1;
      out.write(`${path}: failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  return exit;
}
