import { InvalidInputError } from './domain-errors.js';

/**
 * Sorting and keyset (cursor) pagination shared by every list endpoint. Pure: no Nest, no TypeORM.
 *
 * A cursor is the base64url of `[sort, value, id]`: the sort it was issued for (so a cursor cannot be
 * replayed under another sort), the last row's sort value (null when that row had none) and its id
 * (the tie-breaker). Cursors carry no secret: editing one only moves the page start, so the decoder
 * checks shape and types strictly and refuses anything else with a 400.
 */

/** How a sortable field's values look, so a cursor's value can be checked against it. */
export type SortValueKind = 'text' | 'date' | 'timestamp' | 'integer';

/** A field clients may sort by. */
export interface SortField {
  kind: SortValueKind;
  /** Whether rows may have no value (they always come last, in both directions). */
  nullable: boolean;
}

/** The sortable fields of one list, by the name clients use in `sort`. */
export type SortFields<K extends string> = Readonly<Record<K, SortField>>;

export type SortDirection = 'asc' | 'desc';

/** A parsed `sort` parameter: `-receivedAt` is receivedAt descending. */
export interface Sort<K extends string> {
  key: K;
  direction: SortDirection;
  /** As the client wrote it (and as cursors record it). */
  text: string;
}

export type CursorValue = string | number | null;

/** Where the next page starts: after the row with this sort value and id. */
export interface Cursor {
  value: CursorValue;
  id: string;
}

/** One page of a list. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** Every value `sort` accepts: each field ascending, and descending with a `-` prefix. */
export function sortValues<K extends string>(fields: SortFields<K>): string[] {
  return Object.keys(fields).flatMap((k) => [k, `-${k}`]);
}

/** Parses `field` or `-field` against the sortable fields; throws InvalidInputError otherwise. */
export function parseSort<K extends string>(text: string, fields: SortFields<K>): Sort<K> {
  const descending = text.startsWith('-');
  const key = descending ? text.slice(1) : text;
  if (!Object.hasOwn(fields, key)) {
    const problem = `sort must be one of ${sortValues(fields).join(', ')}`;
    throw new InvalidInputError(problem);
  }
  return { key: key as K, direction: descending ? 'desc' : 'asc', text };
}

/** Encodes where the next page starts, for the given sort. */
export function encodeCursor(sort: Sort<string>, cursor: Cursor): string {
  return Buffer.from(JSON.stringify([sort.text, cursor.value, cursor.id]), 'utf8').toString('base64url');
}

const MAX_CURSOR_LENGTH = 512;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

function valueFits(value: unknown, field: SortField): boolean {
  if (value === null) return field.nullable;
  switch (field.kind) {
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'date':
      return typeof value === 'string' && DATE.test(value);
    case 'timestamp':
      return typeof value === 'string' && value.length <= 35 && TIMESTAMP.test(value);
    case 'text':
      return typeof value === 'string' && value.length <= 200;
  }
}

/** Why a cursor cannot be used with this sort, or null when it can. */
export function cursorProblem<K extends string>(
  text: string,
  sort: Sort<K>,
  fields: SortFields<K>,
): string | null {
  try {
    decodeCursor(text, sort, fields);
    return null;
  } catch (e) {
    if (e instanceof InvalidInputError) return e.message;
    throw e;
  }
}

/**
 * Decodes a cursor issued by encodeCursor for the same sort; throws InvalidInputError for anything
 * else (not base64url, not canonical, not the expected JSON, another sort, a value of the wrong type).
 */
export function decodeCursor<K extends string>(text: string, sort: Sort<K>, fields: SortFields<K>): Cursor {
  const invalid = (why: string) =>
    new InvalidInputError(`cursor is not valid (${why}); use the nextCursor of a previous page`);
  if (text.length > MAX_CURSOR_LENGTH || !BASE64URL.test(text)) throw invalid('not a cursor');
  const bytes = Buffer.from(text, 'base64url');
  // Node ignores stray trailing bits; re-encoding catches edits that would otherwise decode alike.
  if (bytes.toString('base64url') !== text) throw invalid('not a cursor');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalid('not a cursor');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid('not a cursor');
  const [sortText, value, id] = parsed as unknown[];
  if (sortText !== sort.text) throw invalid(`issued for another sort`);
  if (typeof id !== 'string' || !ID.test(id)) throw invalid('bad id');
  if (!valueFits(value, fields[sort.key])) throw invalid(`bad ${sort.key} value`);
  return { value: value as CursorValue, id };
}

/**
 * Turns rows fetched with `limit + 1` into a page: the extra row only says that another page exists;
 * the cursor points after the last row returned.
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  sort: Sort<string>,
  positionOf: (row: R) => Cursor,
  present: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(sort, positionOf(last)) : null;
  return { items: items.map(present), nextCursor };
}
