import type { TableSpec } from './ingest-tables.js';

/** The SQL flavours ingest writes: placeholders and limits differ, the statements do not. */
export type SqlDialect = 'sqlite' | 'postgres';

/** Bound parameters one statement may carry (SQLite's SQLITE_MAX_VARIABLE_NUMBER, PostgreSQL's Int16 count). */
export const PARAMETER_LIMIT: Record<SqlDialect, number> = { sqlite: 32766, postgres: 65535 };

/**
 * Rows per multi-row INSERT, whatever the column count allows. Measured on the 2-core machine: past a
 * few hundred rows SQLite gains nothing (it does the same work per row), while PostgreSQL saves a round
 * trip per statement, so its cap is higher.
 */
export const ROW_CAP: Record<SqlDialect, number> = { sqlite: 400, postgres: 1000 };

/** Rows one INSERT into `table` carries: under the parameter limit and the cap. */
export function rowsPerStatement(dialect: SqlDialect, table: TableSpec): number {
  return Math.max(1, Math.min(ROW_CAP[dialect], Math.floor(PARAMETER_LIMIT[dialect] / table.columns.length)));
}

const insertCache = new Map<string, string>();

/**
 * `INSERT INTO "t" ("a", "b") VALUES (?, ?), (?, ?)` for SQLite, `($1, $2), ($3, $4)` for PostgreSQL.
 * Statements are cached by table and row count: a file's full batches all reuse one text (and on
 * PostgreSQL one prepared statement).
 */
export function buildInsertSql(dialect: SqlDialect, table: TableSpec, rowCount: number): string {
  const key = `${dialect}:${table.name}:${rowCount}`;
  let sql = insertCache.get(key);
  if (sql !== undefined) return sql;
  const width = table.columns.length;
  const head = `INSERT INTO "${table.name}" (${table.columns.map((c) => `"${c.name}"`).join(', ')}) VALUES `;
  const tuples: string[] = new Array<string>(rowCount);
  for (let r = 0; r < rowCount; r++) {
    tuples[r] = `(${placeholders(dialect, width, r * width + 1)})`;
  }
  sql = head + tuples.join(', ');
  insertCache.set(key, sql);
  return sql;
}

/** `?, ?, ?` or `$first, $first+1, …`: `count` placeholders. */
export function placeholders(dialect: SqlDialect, count: number, first = 1): string {
  if (dialect === 'sqlite') return count === 0 ? '' : '?' + ', ?'.repeat(count - 1);
  const out: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = `$${first + i}`;
  return out.join(', ');
}

/**
 * A `column IN (…)` condition for a list of values with its parameters: one placeholder per value on
 * SQLite, one array parameter on PostgreSQL (`= ANY($n)`, so the statement text stays the same).
 */
export function inList(
  dialect: SqlDialect,
  column: string,
  values: readonly unknown[],
  first = 1,
): { sql: string; params: unknown[] } {
  if (dialect === 'postgres') return { sql: `${column} = ANY($${first})`, params: [values] };
  return { sql: `${column} IN (${placeholders(dialect, values.length)})`, params: [...values] };
}

/**
 * The bound parameters for rows[from..to) of `table`, in statement order. Strings longer than their
 * varchar width are cut to it, booleans become 0/1 for SQLite, `undefined` and non-finite numbers
 * become NULL (a row mapper turns bad money into 0 before this; this is the last line of defence).
 */
export function toParameters(
  dialect: SqlDialect,
  table: TableSpec,
  rows: readonly (readonly unknown[])[],
  from: number,
  to: number,
): unknown[] {
  const columns = table.columns;
  const width = columns.length;
  const out: unknown[] = new Array<unknown>((to - from) * width);
  let k = 0;
  for (let r = from; r < to; r++) {
    const row = rows[r]!;
    for (let c = 0; c < width; c++) {
      let v = row[c];
      if (typeof v === 'string') {
        const max = columns[c]!.maxLength;
        if (max !== undefined && v.length > max) v = v.slice(0, max);
      } else if (typeof v === 'number') {
        if (!Number.isFinite(v)) v = null;
      } else if (typeof v === 'boolean') {
        if (dialect === 'sqlite') v = v ? 1 : 0;
      } else if (v === undefined) {
        v = null;
      }
      out[k++] = v;
    }
  }
  return out;
}

/** An UPDATE of some columns of many rows, each found by its key. */
export interface UpdateSpec {
  table: string;
  /** The key column (matched with `=`); the first value of each row. */
  key: string;
  /** Set columns with their SQL type (PostgreSQL needs it to read VALUES), in row order after the key. */
  columns: readonly { name: string; type: 'varchar' | 'bigint' | 'integer' }[];
}

const updateCache = new Map<string, string>();

/**
 * The UPDATE for `rowCount` rows of `spec`. SQLite: one row per statement (`UPDATE t SET a = ? WHERE
 * key = ?`, key last; run once per row, in process, which costs microseconds). PostgreSQL: one
 * statement for all rows (`UPDATE t SET a = v.a FROM (VALUES ($1::varchar, $2::bigint), …) AS v(key, a)
 * WHERE t.key = v.key`), so a batch is one round trip. Parameters are each row's key then its values.
 */
export function buildUpdateSql(dialect: SqlDialect, spec: UpdateSpec, rowCount: number): string {
  const cacheKey = `${dialect}:${spec.table}:${spec.key}:${spec.columns.map((c) => c.name).join(',')}:${rowCount}`;
  let sql = updateCache.get(cacheKey);
  if (sql !== undefined) return sql;
  if (dialect === 'sqlite') {
    const sets = spec.columns.map((c) => `"${c.name}" = ?`).join(', ');
    sql = `UPDATE "${spec.table}" SET ${sets} WHERE "${spec.key}" = ?`;
  } else {
    const width = spec.columns.length + 1;
    const types = ['varchar', ...spec.columns.map((c) => c.type)];
    const tuples: string[] = [];
    for (let r = 0; r < rowCount; r++) {
      tuples.push(`(${types.map((t, i) => `$${r * width + i + 1}::${t}`).join(', ')})`);
    }
    const names = [spec.key, ...spec.columns.map((c) => c.name)].map((n) => `"${n}"`).join(', ');
    const sets = spec.columns.map((c) => `"${c.name}" = v."${c.name}"`).join(', ');
    sql =
      `UPDATE "${spec.table}" AS t SET ${sets} FROM (VALUES ${tuples.join(', ')}) AS v(${names})` +
      ` WHERE t."${spec.key}" = v."${spec.key}"`;
  }
  updateCache.set(cacheKey, sql);
  return sql;
}
