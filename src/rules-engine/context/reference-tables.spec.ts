import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createReferenceTables,
  defaultOperatorTablesDir,
  DEFAULT_REFERENCE_TABLES_DIR,
  loadReferenceTables,
  ReferenceTableError,
} from './reference-tables.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tables-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function copyShipped(to: string): void {
  mkdirSync(to, { recursive: true });
  for (const f of ['ncci-ptp.csv', 'mue.csv', 'diagnosis-coverage.csv'])
    writeFileSync(join(to, f), readFileSync(join(DEFAULT_REFERENCE_TABLES_DIR, f)));
}

describe('shipped sample tables', () => {
  const tables = loadReferenceTables(undefined, { operatorDir: null });

  it('have their sizes and sources', () => {
    expect(tables.sources.map((s) => [s.table, s.rows])).toEqual([
      ['ncci-ptp', 31],
      ['mue', 48],
      ['diagnosis-coverage', 16],
    ]);
    expect(tables.sources[0]!.source).toMatch(
      /^rules\/tables\/ncci-ptp\.csv \(illustrative sample written for claimguard/,
    );
  });

  it('answer NCCI pairs in force on the date', () => {
    expect(tables.ncciPairs('29881', '2026-01-10').map((p) => [p.column2, p.modifierIndicator])).toEqual([
      ['29877', 1],
      ['29875', 1],
    ]);
    expect(tables.ncciPairs('20610', '2026-01-10')).toEqual([
      {
        column1: '20610',
        column2: '76942',
        modifierIndicator: 0,
        effectiveStart: '2015-01-01',
        effectiveEnd: null,
      },
    ]);
    expect(tables.ncciPairs('20610', '2014-12-31')).toEqual([]);
    expect(tables.ncciPairs('97140', '2019-12-31').map((p) => p.column2)).toEqual(['97124']);
    expect(tables.ncciPairs('97140', '2020-01-01')).toEqual([]);
    expect(tables.ncciPairs('99999', '2026-01-10')).toEqual([]);
  });

  it('answer the MUE in force on the date', () => {
    expect(tables.mue('36415', '2019-06-01')).toEqual({
      code: '36415',
      maxUnits: 1,
      adjudicationIndicator: 2,
      effectiveStart: '2015-01-01',
      effectiveEnd: '2019-12-31',
    });
    expect(tables.mue('36415', '2020-01-01')?.maxUnits).toBe(2);
    expect(tables.mue('36415', '2014-01-01')).toBeNull();
    expect(tables.mue('97110', '2026-01-10')).toMatchObject({ maxUnits: 4, adjudicationIndicator: 3 });
    expect(tables.mue('99213', '2026-01-10')?.maxUnits).toBe(1);
    expect(tables.mue('12345', '2026-01-10')).toBeNull();
  });

  it('answer diagnosis coverage for the payer plus every-payer rows', () => {
    expect(
      tables
        .diagnosisCoverage('testpayer', '73721', '2026-01-10')
        .map((c) => [c.payerId, c.coveredDiagnoses]),
    ).toEqual([
      ['TESTPAYER', ['M17', 'M23', 'S83']],
      ['*', ['M17', 'M22', 'M23', 'M25', 'M66', 'M70', 'S83', 'S89', 'C40']],
    ]);
    expect(tables.diagnosisCoverage('OTHER', '73721', '2026-01-10').map((c) => c.payerId)).toEqual(['*']);
    expect(tables.diagnosisCoverage('TESTPAYER', '70553', '2023-06-01').map((c) => c.payerId)).toEqual([
      'TESTPAYER',
      '*',
    ]);
    expect(tables.diagnosisCoverage('TESTPAYER', '70553', '2024-06-01').map((c) => c.payerId)).toEqual(['*']);
    expect(tables.diagnosisCoverage('TESTPAYER', '99213', '2026-01-10')).toEqual([]);
    expect(tables.diagnosisCoverage('*', '93000', '2026-01-10')[0]!.coveredDiagnoses).toEqual([
      'I',
      'R00',
      'R07',
      'R06',
      'R42',
      'R55',
      'Z0181',
    ]);
  });
});

describe('loadReferenceTables', () => {
  it('lets an operator file replace the shipped table of the same name', () => {
    const shipped = join(dir, 'shipped');
    const operator = join(dir, 'operator');
    copyShipped(shipped);
    mkdirSync(operator);
    writeFileSync(
      join(operator, 'mue.csv'),
      '# source: CMS MUE test import\ncode,max_units,adjudication_indicator,effective_start,effective_end\n97110,6,3,2000-01-01,\n',
    );
    const tables = loadReferenceTables(shipped, { operatorDir: operator });
    expect(tables.mue('97110', '2026-01-10')?.maxUnits).toBe(6);
    expect(tables.mue('99213', '2026-01-10')).toBeNull();
    expect(tables.ncciPairs('20610', '2026-01-10')).toHaveLength(1);
    expect(tables.sources.map((s) => [s.table, s.source, s.rows])).toEqual([
      ['ncci-ptp', expect.stringContaining(join(shipped, 'ncci-ptp.csv')), 31],
      ['mue', `${join(operator, 'mue.csv')} (CMS MUE test import)`, 1],
      ['diagnosis-coverage', expect.stringContaining(join(shipped, 'diagnosis-coverage.csv')), 16],
    ]);
    // A missing operator directory is fine.
    expect(
      loadReferenceTables(shipped, { operatorDir: join(dir, 'none') }).mue('97110', '2026-01-10')?.maxUnits,
    ).toBe(4);
  });

  it('names every bad row with file and line', () => {
    copyShipped(dir);
    writeFileSync(
      join(dir, 'ncci-ptp.csv'),
      [
        '# source: x',
        'column1,column2,modifier_indicator,effective_start,effective_end',
        '29881,29877,2,2000-01-01,',
        '29881,29X,1,2000-01-01,',
        '29881,29877,1,2000-01-01,1999-12-31',
        '29881,29877,1,2000-01-01',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'mue.csv'), 'code,units\n');
    writeFileSync(
      join(dir, 'diagnosis-coverage.csv'),
      'payer_id,procedure_code,covered_diagnoses,effective_start,effective_end\n*,93000,I;1X,2000-01-01,\n',
    );
    try {
      loadReferenceTables(dir, { operatorDir: null });
      throw new Error('loaded');
    } catch (e) {
      expect(e).toBeInstanceOf(ReferenceTableError);
      expect((e as ReferenceTableError).problems.map((p) => p.replace(dir + '/', ''))).toEqual([
        'ncci-ptp.csv:6: 4 cells, expected 5',
        'ncci-ptp.csv:3: modifier_indicator: "2" is not 0, 1 or 9',
        'ncci-ptp.csv:4: column2: "29X" is not a procedure code',
        'ncci-ptp.csv:5: effective_end 1999-12-31 is before effective_start 2000-01-01',
        'mue.csv:1: header is code,units, expected code,max_units,adjudication_indicator,effective_start,effective_end',
        'diagnosis-coverage.csv:2: covered_diagnoses: "1X" is not an ICD-10-CM family',
      ]);
    }
  });

  it('defaults the operator directory to ./data/tables or REFERENCE_TABLES_DIR', () => {
    expect(defaultOperatorTablesDir({}, '/srv/app')).toBe('/srv/app/data/tables');
    expect(defaultOperatorTablesDir({ REFERENCE_TABLES_DIR: 'x/t' }, '/srv/app')).toBe('/srv/app/x/t');
    expect(defaultOperatorTablesDir({ REFERENCE_TABLES_DIR: '/abs' }, '/srv/app')).toBe('/abs');
  });

  it('builds tables in memory', () => {
    const t = createReferenceTables({
      ncci: [
        {
          column1: 'A0001',
          column2: 'A0002',
          modifierIndicator: 9,
          effectiveStart: '2020-01-01',
          effectiveEnd: null,
        },
      ],
      mue: [],
      diagnosisCoverage: [],
    });
    expect(t.ncciPairs('a0001', '2020-01-01')).toHaveLength(1);
    expect(t.sources.map((s) => s.rows)).toEqual([1, 0, 0]);
  });
});
