/**
 * The committed code-set files (rules/tables/code-sets, rules/tables/place-of-service.tsv) are exactly
 * what the importer makes from the shared public-domain reference data (../shared/refdata), and hold
 * the counts its README states. A plain clone has no ../shared: the suite then skips, visibly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeCodeSetFile, encodeCodeSetFile } from '../../src/code-sets/code-set-files.js';
import { importHcpcs } from '../../src/code-sets/hcpcs-importer.js';
import { importIcd10cm } from '../../src/code-sets/icd10cm-importer.js';
import { readSourceFile } from '../../src/code-sets/import-support.js';
import { projectRoot } from './corpus-files.js';

const refdataDir = resolve(projectRoot, '..', 'shared', 'refdata');
const refdataAvailable = existsSync(join(refdataDir, 'README.md'));
const committed = join(projectRoot, 'rules', 'tables', 'code-sets');

if (!refdataAvailable) {
  const why = `SKIPPED: ${refdataDir} not found (a plain clone has no ../shared); code-sets refdata suite not run`;
  process.stderr.write(`[code-sets-refdata] ${why}\n`);
  describe('code-sets refdata (shared reference data)', () => {
    it.skip(why, () => undefined);
  });
}
const describeRefdata = refdataAvailable ? describe : describe.skip;

function expectSameAsCommitted(fileName: string, bytes: Uint8Array): void {
  const onDisk = readFileSync(join(committed, fileName));
  // The content first (a clearer failure), then the bytes: the writer is deterministic.
  expect(decodeCodeSetFile(bytes)).toEqual(decodeCodeSetFile(onDisk));
  expect(Buffer.from(bytes).equals(onDisk)).toBe(true);
}

describeRefdata('code sets rebuilt from ../shared/refdata', () => {
  it.each([
    [2026, 74_719, 23_467],
    [2025, 74_260, 23_324],
  ])('ICD-10-CM FY%i: %i billable, %i headers, equal to the committed file', (fy, billable, headers) => {
    const sut = importIcd10cm(
      readSourceFile(join(refdataDir, 'icd10cm', `${fy}-code-descriptions-tabular-order.zip`)),
      { fiscalYear: fy },
    );
    expect([sut.billable, sut.headers]).toEqual([billable, headers]);
    expect(sut.fileName).toBe(`icd10cm-fy${fy}.tsv.gz`);
    expectSameAsCommitted(sut.fileName, encodeCodeSetFile(sut.file));
  });

  it('records the zip sha256 the refdata README gives', () => {
    const meta = (fy: number) =>
      decodeCodeSetFile(readFileSync(join(committed, `icd10cm-fy${fy}.tsv.gz`))).meta;
    expect(meta(2026)['source-sha256']).toBe(
      '55a9124a27ca78a4a5c41e1101eda064ec2e08d105ff9e78d1fbd1a83298ef11',
    );
    expect(meta(2025)['source-sha256']).toBe(
      '4f6c65f0034736d2b02fa9eb1128aab564fa673dd4d99363f8b2167af3994816',
    );
  });

  it('ICD-10-CM FY2026 from the TSV in refdata gives the same rows as from the CMS zip', () => {
    const fromTsv = importIcd10cm(readSourceFile(join(refdataDir, 'icd10cm', 'icd10cm_2026.tsv.gz')), {
      fiscalYear: 2026,
    });
    const fromZip = decodeCodeSetFile(readFileSync(join(committed, 'icd10cm-fy2026.tsv.gz')));
    expect(fromTsv.file.rows).toEqual(fromZip.rows);
  });

  it('HCPCS January 2026: 9,005 rows (8,623 codes, 382 modifiers), equal to the committed file', () => {
    const sut = importHcpcs(readSourceFile(join(refdataDir, 'hcpcs', 'hcpcs_2026_jan.tsv')), {
      release: '2026-01',
    });
    expect([sut.file.rows.length, sut.procedureCodes, sut.modifiers]).toEqual([9_005, 8_623, 382]);
    expectSameAsCommitted(sut.fileName, encodeCodeSetFile(sut.file));
  });

  it('the place-of-service table is the refdata POS file (52 codes)', () => {
    const pos = readFileSync(join(refdataDir, 'pos', 'pos.tsv'));
    expect(readFileSync(join(projectRoot, 'rules', 'tables', 'place-of-service.tsv')).equals(pos)).toBe(true);
    expect(pos.toString('utf8').trim().split('\n')).toHaveLength(53);
  });

  it('commits nothing but the three public code sets', () => {
    expect(readdirSync(committed).sort()).toEqual([
      'README.md',
      'hcpcs-2026-01.tsv.gz',
      'icd10cm-fy2025.tsv.gz',
      'icd10cm-fy2026.tsv.gz',
    ]);
  });
});
