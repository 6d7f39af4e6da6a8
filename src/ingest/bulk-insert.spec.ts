import {
  buildInsertSql,
  buildUpdateSql,
  inList,
  PARAMETER_LIMIT,
  placeholders,
  rowsPerStatement,
  toParameters,
} from './bulk-insert.js';
import * as tables from './ingest-tables.js';
import type { TableSpec } from './ingest-tables.js';

const T: TableSpec = { name: 't', columns: [{ name: 'id', maxLength: 3 }, { name: 'n' }, { name: 'flag' }] };

describe('buildInsertSql', () => {
  it('uses ? placeholders on SQLite', () => {
    expect(buildInsertSql('sqlite', T, 2)).toBe(
      'INSERT INTO "t" ("id", "n", "flag") VALUES (?, ?, ?), (?, ?, ?)',
    );
  });

  it('numbers $n placeholders across rows on PostgreSQL', () => {
    expect(buildInsertSql('postgres', T, 2)).toBe(
      'INSERT INTO "t" ("id", "n", "flag") VALUES ($1, $2, $3), ($4, $5, $6)',
    );
  });

  it('returns the same text for the same table and row count', () => {
    expect(buildInsertSql('postgres', T, 3)).toBe(buildInsertSql('postgres', T, 3));
  });
});

describe('rowsPerStatement', () => {
  const all = Object.values(tables).filter((v): v is TableSpec => typeof v === 'object' && 'columns' in v);

  it('keeps every table of every statement under the parameter limit', () => {
    expect(all.length).toBeGreaterThanOrEqual(13);
    for (const dialect of ['sqlite', 'postgres'] as const) {
      for (const table of all) {
        const rows = rowsPerStatement(dialect, table);
        expect(rows).toBeGreaterThan(0);
        expect(rows * table.columns.length).toBeLessThanOrEqual(PARAMETER_LIMIT[dialect]);
      }
    }
  });
});

describe('toParameters', () => {
  it('flattens rows, cuts over-long strings, maps booleans for SQLite and bad numbers to NULL', () => {
    const rows = [
      ['abcdef', 1, true],
      ['x', Number.NaN, false],
      ['y', undefined, null],
    ];
    expect(toParameters('sqlite', T, rows, 0, 3)).toEqual(['abc', 1, 1, 'x', null, 0, 'y', null, null]);
    expect(toParameters('postgres', T, rows, 1, 2)).toEqual(['x', null, false]);
  });
});

describe('placeholders and inList', () => {
  it('builds placeholder lists', () => {
    expect(placeholders('sqlite', 3)).toBe('?, ?, ?');
    expect(placeholders('postgres', 3, 4)).toBe('$4, $5, $6');
  });

  it('binds one parameter per value on SQLite and one array on PostgreSQL', () => {
    expect(inList('sqlite', 'c', ['a', 'b'])).toEqual({ sql: 'c IN (?, ?)', params: ['a', 'b'] });
    expect(inList('postgres', 'c', ['a', 'b'], 2)).toEqual({ sql: 'c = ANY($2)', params: [['a', 'b']] });
  });
});

describe('buildUpdateSql', () => {
  const spec = {
    table: 'claim',
    key: 'id',
    columns: [
      { name: 'paid_cents', type: 'bigint' as const },
      { name: 'status', type: 'varchar' as const },
    ],
  };

  it('updates one row per statement on SQLite, key last', () => {
    expect(buildUpdateSql('sqlite', spec, 1)).toBe(
      'UPDATE "claim" SET "paid_cents" = ?, "status" = ? WHERE "id" = ?',
    );
  });

  it('updates many rows from typed VALUES on PostgreSQL', () => {
    expect(buildUpdateSql('postgres', spec, 2)).toBe(
      'UPDATE "claim" AS t SET "paid_cents" = v."paid_cents", "status" = v."status" FROM (VALUES ' +
        '($1::varchar, $2::bigint, $3::varchar), ($4::varchar, $5::bigint, $6::varchar)) AS v("id", "paid_cents", "status")' +
        ' WHERE t."id" = v."id"',
    );
  });
});
