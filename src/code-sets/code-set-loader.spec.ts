import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCodeSetFile } from './code-set-files.js';
import {
  hcpcsReleaseFromFile,
  icd10ReleaseFromFile,
  licensedListFromFile,
  loadCodeSets,
  readPlaceOfServiceTable,
} from './code-set-loader.js';

const icdFile = (fy: number, rows: string[][]) => ({
  meta: {
    kind: 'icd10cm',
    'fiscal-year': String(fy),
    'effective-from': `${fy - 1}-10-01`,
    'effective-to': `${fy}-09-30`,
  },
  columns: ['code', 'billable', 'short_description'],
  rows,
});
const hcpcsFile = {
  meta: { kind: 'hcpcs', release: '2026-01', 'effective-from': '2026-01-01' },
  columns: ['code', 'short_description'],
  rows: [['A4100', 'Skin sub']],
};
const licensedFile = (kind: string) => ({
  meta: { kind: 'licensed', 'licensed-kind': kind },
  columns: ['code', 'description'],
  rows: [['99213', 'Visit']],
});

function tables(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-load-'));
  mkdirSync(join(dir, 'code-sets'));
  writeCodeSetFile(join(dir, 'code-sets', 'icd10cm-fy2026.tsv.gz'), icdFile(2026, [['E119', '1', 'T2DM']]));
  writeCodeSetFile(join(dir, 'code-sets', 'hcpcs-2026-01.tsv.gz'), hcpcsFile);
  writeFileSync(join(dir, 'place-of-service.tsv'), 'code\tname\n11\tOffice\n');
  return dir;
}

describe('loadCodeSets', () => {
  it('loads the ICD-10-CM and HCPCS files by kind and the POS table', () => {
    const sut = loadCodeSets(tables());
    expect(sut.icd10('E11.9', '2026-01-01')).toMatchObject({ status: 'billable', description: 'T2DM' });
    expect(sut.hcpcs('A4100', '2026-01-01').status).toBe('valid');
    expect(sut.placeOfService('11').status).toBe('valid');
    expect(sut.cpt('99213').status).toBe('format-only');
  });

  it('picks up licensed lists from the licensed directory, and skips a missing one', () => {
    const dir = tables();
    const licensed = join(dir, 'licensed');
    mkdirSync(licensed);
    writeCodeSetFile(join(licensed, 'licensed-cpt.tsv.gz'), licensedFile('cpt'));
    const sut = loadCodeSets(dir, { licensedDir: licensed });
    expect(sut.hasLicensedList('cpt')).toBe(true);
    expect(sut.cpt('99213')).toMatchObject({ status: 'valid', description: 'Visit' });
    expect(sut.cpt('99214').status).toBe('unknown');
    expect(loadCodeSets(dir, { licensedDir: join(dir, 'absent') }).hasLicensedList('cpt')).toBe(false);
  });

  it('refuses a licensed file holding another kind than its name says', () => {
    const dir = tables();
    writeCodeSetFile(join(dir, 'licensed-carc.tsv.gz'), licensedFile('cpt'));
    expect(() => loadCodeSets(dir, { licensedDir: dir })).toThrow(/holds a cpt list/);
  });

  it('fails loudly on a missing directory, a foreign kind or a corrupt file', () => {
    expect(() => loadCodeSets(join(tmpdir(), 'no-such-tables-dir'))).toThrow(/not found/);
    const dir = tables();
    writeCodeSetFile(join(dir, 'code-sets', 'x.tsv.gz'), licensedFile('cpt'));
    expect(() => loadCodeSets(dir)).toThrow(/kind "licensed" does not belong/);
    const dir2 = tables();
    writeFileSync(join(dir2, 'code-sets', 'bad.tsv.gz'), 'nope');
    expect(() => loadCodeSets(dir2)).toThrow(/not gzip data/);
  });

  it('loads the committed tables (rules/tables)', () => {
    const sut = loadCodeSets(join(process.cwd(), 'rules', 'tables'));
    expect(sut.icd10FiscalYears()).toEqual([2025, 2026]);
  });

  it('loads a copy of the committed files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-copy-'));
    mkdirSync(join(dir, 'code-sets'));
    copyFileSync(
      join(process.cwd(), 'rules/tables/code-sets/hcpcs-2026-01.tsv.gz'),
      join(dir, 'code-sets', 'hcpcs-2026-01.tsv.gz'),
    );
    expect(loadCodeSets(dir).modifier('GT', '2026-05-05').status).toBe('valid');
  });
});

describe('file → release conversions', () => {
  it('icd10ReleaseFromFile keeps the flag and description', () => {
    const sut = icd10ReleaseFromFile(
      icdFile(2025, [
        ['E11', '0', 'T2DM'],
        ['E119', '1', 'T2DM w/o'],
      ]),
    );
    expect([sut.fiscalYear, sut.effectiveFrom, sut.effectiveTo]).toEqual([2025, '2024-10-01', '2025-09-30']);
    expect(sut.codes.get('E11')).toBe('0T2DM');
    expect(sut.codes.get('E119')).toBe('1T2DM w/o');
  });
  it('icd10ReleaseFromFile refuses missing metadata or wrong columns', () => {
    const f = icdFile(2025, []);
    expect(() =>
      icd10ReleaseFromFile({ ...f, meta: { kind: 'icd10cm', 'fiscal-year': '2025' } }, 'f'),
    ).toThrow('f: metadata effective-from missing');
    expect(() => icd10ReleaseFromFile({ ...f, columns: ['code', 'x', 'y'] }, 'f')).toThrow(
      /columns code,x,y/,
    );
  });
  it('hcpcsReleaseFromFile and licensedListFromFile', () => {
    expect(hcpcsReleaseFromFile(hcpcsFile).release).toBe('2026-01');
    expect(licensedListFromFile(licensedFile('rarc')).kind).toBe('rarc');
    expect(() => licensedListFromFile(licensedFile('ncci'))).toThrow(/unknown licensed-kind ncci/);
  });
});

describe('readPlaceOfServiceTable', () => {
  it('reads code and name after the header, and refuses bad rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-pos-'));
    writeFileSync(join(dir, 'a.tsv'), 'code\tname\r\n01\tPharmacy\r\n11\tOffice\r\n');
    expect([...readPlaceOfServiceTable(join(dir, 'a.tsv'))]).toEqual([
      ['01', 'Pharmacy'],
      ['11', 'Office'],
    ]);
    writeFileSync(join(dir, 'b.tsv'), 'code\tname\n1\tPharmacy\n');
    expect(() => readPlaceOfServiceTable(join(dir, 'b.tsv'))).toThrow(/bad row/);
  });
});
