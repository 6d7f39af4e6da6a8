import { zipSync } from 'fflate';
import { gzipSync } from 'node:zlib';
import { importIcd10cm, parseIcd10cmOrderFile, parseIcd10cmTsv } from './icd10cm-importer.js';
import { CodeSetImportError } from './import-support.js';

/** One order-file line in the CMS fixed-width layout. */
function orderLine(order: number, code: string, billable: 0 | 1, short: string, long = short): string {
  return `${String(order).padStart(5, '0')} ${code.padEnd(7)} ${billable} ${short.padEnd(60)} ${long}`;
}

const ORDER = [
  orderLine(1, 'A00', 0, 'Cholera'),
  orderLine(2, 'A000', 1, 'Cholera due to Vibrio cholerae 01, biovar cholerae'),
  orderLine(3, 'E11', 0, 'Type 2 diabetes mellitus'),
  orderLine(4, 'E119', 1, 'Type 2 diabetes mellitus without complications'),
  orderLine(5, 'QA00', 0, 'Neurodev disord related to patho variants in specific genes'),
].join('\r\n');
const CODES = ['A000    Cholera due to Vibrio cholerae 01, biovar cholerae', 'E119    Type 2 diabetes'].join(
  '\r\n',
);

const enc = (s: string) => new TextEncoder().encode(s);
const cmsZip = (year: number, order = ORDER, codes: string | null = CODES) =>
  zipSync({
    [`icd10cm_order_${year}.txt`]: enc(`${order}\r\n`),
    [`icd10cm_order_addenda_${year}.txt`]: enc('Add:         1 E119    x\r\n'),
    ...(codes === null ? {} : { [`icd10cm_codes_${year}.txt`]: enc(`${codes}\r\n`) }),
  });

describe('parseIcd10cmOrderFile', () => {
  it('reads code, billable flag and short description from the fixed columns', () => {
    const sut = parseIcd10cmOrderFile(ORDER);
    expect(sut).toHaveLength(5);
    expect(sut[0]).toEqual({ code: 'A00', billable: false, shortDescription: 'Cholera' });
    expect(sut[3]).toEqual({
      code: 'E119',
      billable: true,
      shortDescription: 'Type 2 diabetes mellitus without complications',
    });
  });

  it('keeps only the 60-character short description, not the long one', () => {
    const long = 'L'.repeat(100);
    const [row] = parseIcd10cmOrderFile(orderLine(1, 'A000', 1, 'S'.repeat(60), long));
    expect(row!.shortDescription).toBe('S'.repeat(60));
  });

  it('names the line that does not fit the layout', () => {
    const bad = `${orderLine(1, 'A00', 0, 'Cholera')}\n00002 A000    2 Bad flag`;
    expect(() => parseIcd10cmOrderFile(bad, 'f.txt')).toThrow(
      'f.txt line 2: expected the billable flag 0 or 1',
    );
    expect(() => parseIcd10cmOrderFile('0001 A00     0 Cholera')).toThrow(/5-digit order number/);
    expect(() => parseIcd10cmOrderFile('00001 A0-0    0 Cholera')).toThrow(/code in columns 7-13/);
  });
});

describe('parseIcd10cmTsv', () => {
  it('reads the columns by name', () => {
    const text =
      'code\tbillable\tshort_description\tlong_description\nE119\t1\tType 2\tlong\nE11\t0\tT2\tl\n';
    expect(parseIcd10cmTsv(text)).toEqual([
      { code: 'E119', billable: true, shortDescription: 'Type 2' },
      { code: 'E11', billable: false, shortDescription: 'T2' },
    ]);
  });
  it('refuses a file without the columns', () => {
    expect(() => parseIcd10cmTsv('code\tflag\n')).toThrow(/no billable column/);
  });
});

describe('importIcd10cm', () => {
  it('reads the order file from the CMS zip and records the provenance and the fiscal-year dates', () => {
    const sut = importIcd10cm({ name: '2026-code-descriptions-tabular-order.zip', bytes: cmsZip(2026) });
    expect(sut.fileName).toBe('icd10cm-fy2026.tsv.gz');
    expect([sut.fiscalYear, sut.billable, sut.headers]).toEqual([2026, 2, 3]);
    expect(sut.file.meta).toMatchObject({
      kind: 'icd10cm',
      'fiscal-year': '2026',
      'effective-from': '2025-10-01',
      'effective-to': '2026-09-30',
      'source-file': '2026-code-descriptions-tabular-order.zip',
      'source-entry': 'icd10cm_order_2026.txt',
      'count-billable': '2',
      'count-header': '3',
      'count-rows': '5',
    });
    expect(sut.file.meta['source-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(sut.file.columns).toEqual(['code', 'billable', 'short_description']);
    expect(sut.file.rows[1]).toEqual(['A000', '1', 'Cholera due to Vibrio cholerae 01, biovar cholerae']);
  });

  it('refuses a fiscal year that contradicts the zip', () => {
    expect(() => importIcd10cm({ name: 'z.zip', bytes: cmsZip(2025) }, { fiscalYear: 2026 })).toThrow(
      'z.zip: the file is the FY2025 release, but fiscal year 2026 was given',
    );
  });

  it('cross-checks the billable count against the codes file in the zip', () => {
    const codes = CODES.split('\r\n')[0]!;
    expect(() => importIcd10cm({ name: 'z.zip', bytes: cmsZip(2026, ORDER, codes) })).toThrow(
      /2 billable codes in the order file but 1 lines in the codes file/,
    );
  });

  it('refuses a zip without an order file', () => {
    const bytes = zipSync({ 'readme.txt': enc('hi') });
    expect(() => importIcd10cm({ name: 'z.zip', bytes }, { fiscalYear: 2026 })).toThrow(CodeSetImportError);
  });

  it('reads a gzip TSV, which needs the fiscal year, to the same rows as the zip', () => {
    const tsv =
      'code\tbillable\tshort_description\n' +
      parseIcd10cmOrderFile(ORDER)
        .map((r) => `${r.code}\t${r.billable ? 1 : 0}\t${r.shortDescription}`)
        .join('\n');
    const source = { name: 'icd10cm_2026.tsv.gz', bytes: gzipSync(tsv) };
    expect(() => importIcd10cm(source)).toThrow(/give the fiscal year/);
    const sut = importIcd10cm(source, { fiscalYear: 2026 });
    expect(sut.file.rows).toEqual(importIcd10cm({ name: 'z.zip', bytes: cmsZip(2026) }).file.rows);
    expect(sut.file.meta['source-entry']).toBeUndefined();
  });

  it('reads a bare order file and takes the year from its name', () => {
    const sut = importIcd10cm({ name: 'icd10cm_order_2025.txt', bytes: enc(ORDER) });
    expect(sut.fiscalYear).toBe(2025);
    expect(sut.file.meta['effective-from']).toBe('2024-10-01');
  });

  it('names a mid-year release by its start date', () => {
    const sut = importIcd10cm(
      { name: 'z.zip', bytes: cmsZip(2024) },
      { effectiveFrom: '2024-04-01', effectiveTo: '2024-09-30' },
    );
    expect(sut.fileName).toBe('icd10cm-fy2024-from-2024-04-01.tsv.gz');
    expect(() =>
      importIcd10cm({ name: 'z.zip', bytes: cmsZip(2024) }, { effectiveFrom: '2024-02-30' }),
    ).toThrow(/effective-from must be a date/);
    expect(() =>
      importIcd10cm({ name: 'z.zip', bytes: cmsZip(2024) }, { effectiveTo: '2023-01-01' }),
    ).toThrow(/before effective-from/);
  });

  it('refuses a code listed twice', () => {
    const twice = `${ORDER}\r\n${orderLine(6, 'E119', 1, 'again')}`;
    expect(() => importIcd10cm({ name: 'z.zip', bytes: cmsZip(2026, twice, null) })).toThrow(
      /E119 appears twice/,
    );
  });
});
