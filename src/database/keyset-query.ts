import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Cursor, SortDirection } from '../common/pagination.js';

/** How one list is walked: the sort column, its tie-breaker and where the page starts. */
export interface KeysetOptions {
  /** Property path of the sort column (`c.receivedAt`); its index must be (column, id). */
  column: string;
  /** Property path of the unique tie-breaker (`c.id`). */
  id: string;
  nullable: boolean;
  direction: SortDirection;
  /** Start after this row; null for the first page. */
  after: Cursor | null;
  /** Rows to fetch (page size + 1, so the caller knows whether another page exists). */
  limit: number;
}

/**
 * Fetches one page in keyset order: `(column, id) > (lastValue, lastId)` (or `<` descending), which
 * both SQLite and PostgreSQL answer from a (column, id) index without counting skipped rows.
 *
 * NULLs come last in both directions. SQLite sorts NULL first and PostgreSQL last, and a row-value
 * comparison with NULL is never true, so rather than NULLS FIRST/LAST or COALESCE (which defeat the
 * index), a nullable column is walked in two index-friendly phases: the rows with a value, then the
 * rows without one in id order. A cursor whose value is null is in the second phase.
 *
 * `build` returns a fresh query with the filters applied (called once per phase).
 */
export async function fetchKeysetPage<T extends ObjectLiteral>(
  build: () => SelectQueryBuilder<T>,
  o: KeysetOptions,
): Promise<T[]> {
  const op = o.direction === 'asc' ? '>' : '<';
  const order = o.direction === 'asc' ? 'ASC' : 'DESC';
  const rows: T[] = [];
  const nullPhaseAfter = o.after !== null && o.after.value === null ? o.after : null;
  if (!nullPhaseAfter) {
    const q = build();
    if (o.nullable) q.andWhere(`${o.column} IS NOT NULL`);
    if (o.after) {
      q.andWhere(`(${o.column}, ${o.id}) ${op} (:keysetValue, :keysetId)`, {
        keysetValue: o.after.value,
        keysetId: o.after.id,
      });
    }
    rows.push(...(await q.orderBy(o.column, order).addOrderBy(o.id, order).limit(o.limit).getMany()));
    if (!o.nullable || rows.length >= o.limit) return rows;
  }
  const q = build().andWhere(`${o.column} IS NULL`);
  if (nullPhaseAfter) q.andWhere(`${o.id} ${op} :keysetId`, { keysetId: nullPhaseAfter.id });
  rows.push(
    ...(await q
      .orderBy(o.id, order)
      .limit(o.limit - rows.length)
      .getMany()),
  );
  return rows;
}
