/**
 * Small helpers for the hand-written SQL of the report tables: the same text runs on SQLite and
 * PostgreSQL (placeholders are written `?` and numbered for PostgreSQL), and BIGINT comes back as a
 * number on both.
 */
import type { SqlDialect } from '../ingest/bulk-insert.js';

/**
 * The rows an UPDATE or DELETE … RETURNING answered: TypeORM's PostgreSQL driver gives
 * `[rows, rowCount]` for those statements, better-sqlite3 the rows alone.
 */
export function returnedRows(dialect: SqlDialect, result: unknown): unknown[] {
  return dialect === 'postgres' ? (result as [unknown[], number])[0] : (result as unknown[]);
}

/** `?` placeholders numbered `$1, $2, …` for PostgreSQL (the SQL here never has `?` in a literal). */
export function numbered(dialect: SqlDialect, sql: string): string {
  if (dialect === 'sqlite') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** `(?, ?, ?)` for an IN list of `count` values (never empty: callers skip empty lists). */
export function inPlaceholders(count: number): string {
  return `(${new Array<string>(count).fill('?').join(', ')})`;
}

/** A BIGINT/COUNT/SUM read back (pg gives strings, SQLite numbers; NULL sums are 0). */
export function num(v: unknown): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : Number(v);
}

/** A boolean stored as 0/1 (SQLite) or a real boolean (PostgreSQL). */
export function bool(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 't';
}

/** Ids per IN list: under SQLite's and PostgreSQL's parameter limits with room for other parameters. */
export const IN_CHUNK = 500;

export function chunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
