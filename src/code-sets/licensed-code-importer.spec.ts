import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readCodeSetFile } from './code-set-files.js';
import { buildLicensedCodeList, importLicensedCodeList, licensedFileName } from './licensed-code-importer.js';

const src = (name: string, text: string | Buffer) => ({
  name,
  bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text,
});

describe('buildLicensedCodeList', () => {
  it('reads a CSV with a header, normalises codes, sorts, and keeps the first of duplicates', () => {
    const sut = buildLicensedCodeList(
      'revenue',
      src('rev.csv', 'Revenue Code,Description\n450,"Emergency room, general"\n0360,OR services\n0450,dup\n'),
    );
    expect(sut.file.rows).toEqual([
      ['0360', 'OR services'],
      ['0450', 'Emergency room, general'],
    ]);
    expect([sut.count, sut.withDescription, sut.duplicates, sut.rejected]).toEqual([2, 2, 1, []]);
    expect(sut.fileName).toBe('licensed-revenue.tsv.gz');
    expect(sut.file.meta).toMatchObject({
      kind: 'licensed',
      'licensed-kind': 'revenue',
      'source-file': 'rev.csv',
      'count-rows': '2',
    });
  });

  it('reads a TSV without a header, code only, with a stray quote', () => {
    const sut = buildLicensedCodeList(
      'carc',
      src('carc.tsv', '45\tCharge exceeds "fee schedule\nA1\tClaim denied\n'),
    );
    expect(sut.file.rows).toEqual([
      ['45', 'Charge exceeds "fee schedule'],
      ['A1', 'Claim denied'],
    ]);
  });

  it('finds the code and description columns by their header names', () => {
    const sut = buildLicensedCodeList(
      'taxonomy',
      src('t.csv', 'Grouping,Code,Display Name\nAllopathic,207Q00000X,Family Medicine\n'),
    );
    expect(sut.file.rows).toEqual([['207Q00000X', 'Family Medicine']]);
  });

  it('reports rows whose code has the wrong format, with their line', () => {
    const sut = buildLicensedCodeList('cpt', src('cpt.csv', 'code\n99213\nA4100\n\n0042T\n'));
    expect(sut.file.rows.map((r) => r[0])).toEqual(['0042T', '99213']);
    expect(sut.rejected).toEqual([
      { line: 3, value: 'A4100', reason: expect.stringMatching(/^not a cpt code/) },
    ]);
    expect(sut.withDescription).toBe(0);
  });

  it('reads gzip input and refuses a file with no valid code', () => {
    expect(buildLicensedCodeList('rarc', src('r.csv.gz', gzipSync('N130,x\n'))).count).toBe(1);
    expect(() => buildLicensedCodeList('rarc', src('r.csv', 'code\nfoo\n'))).toThrow(
      /no rarc codes found \(1 rows rejected/,
    );
    expect(() => buildLicensedCodeList('rarc', src('r.csv', ''))).toThrow(/empty/);
  });
});

describe('importLicensedCodeList', () => {
  it('writes licensed-<kind>.tsv.gz into the given directory, creating it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-lic-'));
    const file = join(dir, 'cpt.csv');
    writeFileSync(file, 'CPT Code\tShort Descriptor\n99213\tOffice visit\n');
    const outDir = join(dir, 'out', 'code-sets');
    const sut = importLicensedCodeList('cpt', file, { outDir });
    expect(sut.outFile).toBe(join(outDir, licensedFileName('cpt')));
    expect(existsSync(sut.outFile)).toBe(true);
    expect(readCodeSetFile(sut.outFile).rows).toEqual([['99213', 'Office visit']]);
  });
});
