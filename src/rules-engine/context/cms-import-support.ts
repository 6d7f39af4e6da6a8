/** Shared helpers of the streaming CMS table importers (NCCI PTP, MUE). */
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createInterface } from 'node:readline';

/** Splits a tab-delimited line on tabs, anything else as CSV (double quotes, `""` inside quotes). Cells trimmed. */
export function splitCmsLine(line: string): string[] {
  if (line.includes('\t'))
    return line.split('\t').map((c) =>
      c
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim(),
    );
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

const CMS_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** `20240101` → `2024-01-01`; null when not a valid YYYYMMDD date. */
export function cmsDate(raw: string): string | null {
  const m = CMS_DATE.exec(raw.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** The day before an ISO date. */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export const PROCEDURE_CODE = /^[A-Z0-9]{4}[A-Z0-9]$/;

/** What an importer did. */
export interface CmsImportResult {
  /** The claimguard table written. */
  outPath: string;
  /** Input files read, in order. */
  files: string[];
  /** Rows written. */
  rows: number;
  /** Lines that are not data (notices, headers, blank lines). */
  skippedLines: number;
  /** Data-looking lines that could not be read (first 20, `file:line: why`); `rejectedCount` counts all. */
  rejected: string[];
  rejectedCount: number;
}

/** A line sink that writes to `<path>.partial` and renames on success (never a half-written table). */
export class TableWriter {
  private readonly partial: string;
  private readonly out;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.partial = `${path}.partial`;
    this.out = createWriteStream(this.partial, { encoding: 'utf8' });
  }

  async write(line: string): Promise<void> {
    if (!this.out.write(line + '\n')) await once(this.out, 'drain');
  }

  async commit(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
    renameSync(this.partial, this.path);
  }

  async abort(): Promise<void> {
    this.out.destroy();
    rmSync(this.partial, { force: true });
  }
}

/** Streams the lines of a file (UTF-8, BOM dropped), with 1-based line numbers. */
export async function* fileLines(path: string): AsyncGenerator<{ line: string; number: number }> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const raw of rl) {
    number++;
    yield { line: number === 1 ? raw.replace(/^\uFEFF/, '') : raw, number };
  }
}

/** Runs an import: every file's lines through `convert`, output rows written as they come. */
export async function runCmsImport(
  files: readonly string[],
  outPath: string,
  headerLines: readonly string[],
  convert: (cells: string[], where: string) => string | 'skip' | { rejected: string },
): Promise<CmsImportResult> {
  if (files.length === 0) throw new Error('no input files');
  const writer = new TableWriter(outPath);
  const result: CmsImportResult = {
    outPath,
    files: [...files],
    rows: 0,
    skippedLines: 0,
    rejected: [],
    rejectedCount: 0,
  };
  try {
    for (const h of headerLines) await writer.write(h);
    for (const file of files) {
      for await (const { line, number } of fileLines(file)) {
        if (line.trim() === '') {
          result.skippedLines++;
          continue;
        }
        const where = `${basename(file)}:${number}`;
        const out = convert(splitCmsLine(line), where);
        if (out === 'skip') result.skippedLines++;
        else if (typeof out === 'string') {
          await writer.write(out);
          result.rows++;
        } else {
          result.rejectedCount++;
          if (result.rejected.length < 20) result.rejected.push(`${where}: ${out.rejected}`);
        }
      }
    }
    await writer.commit();
  } catch (e) {
    await writer.abort();
    throw e;
  }
  return result;
}

/** Today as YYYY-MM-DD (UTC). */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
