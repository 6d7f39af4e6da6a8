import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  type CodeSetFile,
  CodeSetFileError,
  decodeCodeSetFile,
  decodeCodeSetText,
  encodeCodeSetFile,
  encodeCodeSetText,
  readCodeSetFile,
  writeCodeSetFile,
} from './code-set-files.js';

const sample = (): CodeSetFile => ({
  meta: { kind: 'icd10cm', 'fiscal-year': '2026', 'source-file': 'x.zip' },
  columns: ['code', 'billable', 'short_description'],
  rows: [
    ['A00', '0', 'Cholera'],
    ['A000', '1', 'Cholera due to Vibrio cholerae 01, biovar cholerae'],
  ],
});

describe('encodeCodeSetText', () => {
  it('writes the magic line, the metadata in order, the columns and the rows', () => {
    expect(encodeCodeSetText(sample())).toBe(
      [
        '#claimguard-code-set\t1',
        '#kind\ticd10cm',
        '#fiscal-year\t2026',
        '#source-file\tx.zip',
        'code\tbillable\tshort_description',
        'A00\t0\tCholera',
        'A000\t1\tCholera due to Vibrio cholerae 01, biovar cholerae',
        '',
      ].join('\n'),
    );
  });

  it('refuses a tab or line break inside a field', () => {
    const file = sample();
    file.rows[0]![2] = 'two\tparts';
    expect(() => encodeCodeSetText(file)).toThrow(CodeSetFileError);
    file.rows[0]![2] = 'two\nlines';
    expect(() => encodeCodeSetText(file)).toThrow(/tab or line break/);
  });

  it('refuses a row of the wrong width, a bad key and an empty column list', () => {
    expect(() => encodeCodeSetText({ ...sample(), rows: [['A00', '0']] })).toThrow(/2 fields, not 3/);
    expect(() => encodeCodeSetText({ ...sample(), meta: { 'Bad Key': 'x' } })).toThrow(/bad metadata key/);
    expect(() => encodeCodeSetText({ ...sample(), columns: [], rows: [] })).toThrow(/at least one column/);
  });
});

describe('encodeCodeSetFile / decodeCodeSetFile', () => {
  it('round-trips', () => {
    const sut = decodeCodeSetFile(encodeCodeSetFile(sample()));
    expect(sut).toEqual(sample());
  });

  it('is deterministic: the same input gives the same bytes, with no timestamp in the gzip header', () => {
    const a = encodeCodeSetFile(sample());
    const b = encodeCodeSetFile(sample());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect([a[0], a[1]]).toEqual([0x1f, 0x8b]);
    expect(Buffer.from(a.subarray(4, 8)).readUInt32LE(0)).toBe(0);
  });

  it('reads a file gzip-compressed by another tool', () => {
    expect(decodeCodeSetFile(gzipSync(encodeCodeSetText(sample())))).toEqual(sample());
  });

  it('names the problem with a non-gzip input', () => {
    expect(() => decodeCodeSetFile(Buffer.from('hello'), 'f.tsv.gz')).toThrow(/f\.tsv\.gz: not gzip data/);
  });
});

describe('decodeCodeSetText', () => {
  it('refuses a file without the magic line', () => {
    expect(() => decodeCodeSetText('code\tname\n', 'x')).toThrow(/x: not a claimguard code-set file/);
  });
  it('refuses a row of the wrong width, naming the line', () => {
    expect(() =>
      decodeCodeSetText('#claimguard-code-set\t1\n#kind\thcpcs\ncode\tname\nA\tB\tC\n', 'x'),
    ).toThrow('x line 4: 3 fields, expected 2');
  });
  it('refuses a file with no column line', () => {
    expect(() => decodeCodeSetText('#claimguard-code-set\t1\n#kind\thcpcs\n')).toThrow(/no column line/);
  });
  it('reads a file with no rows', () => {
    expect(decodeCodeSetText('#claimguard-code-set\t1\n#kind\thcpcs\ncode\tname\n')).toEqual({
      meta: { kind: 'hcpcs' },
      columns: ['code', 'name'],
      rows: [],
    });
  });
});

describe('writeCodeSetFile / readCodeSetFile', () => {
  it('writes through a temporary file and reads back the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-files-'));
    const path = join(dir, 'x.tsv.gz');
    const bytes = writeCodeSetFile(path, sample());
    expect(readdirSync(dir)).toEqual(['x.tsv.gz']);
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(bytes))).toBe(true);
    expect(readCodeSetFile(path)).toEqual(sample());
  });
});
