import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kindOfTransactionSet, sniffFileKind } from './file-kind.js';

const fixture = (path: string) => readFileSync(join(process.cwd(), 'fixtures/x12', path));

describe('sniffFileKind', () => {
  it.each([
    ['valid/837p-basic.x12', '837'],
    ['valid/837i-inpatient.x12', '837'],
    ['valid/835-full.x12', '835'],
    ['valid/835-bare-no-envelope.x12', '835'],
    ['valid/270-eligibility.x12', 'x12-other'],
    ['valid/999-accepted.x12', 'x12-other'],
    ['valid/271-eligibility-response.x12', '271'],
    ['valid/278-services-review-response.x12', '278'],
    ['valid/utf16le-bom.x12', '837'],
    ['valid/utf8-bom.x12', '837'],
    ['valid/delim-pipe-element.x12', '837'],
    ['valid/term-newline.x12', '837'],
    ['invalid/not-x12-text.x12', 'unknown'],
    ['invalid/binary-nul.x12', 'unknown'],
    ['invalid/empty.x12', 'unknown'],
  ])('%s is %s', (path, kind) => {
    expect(sniffFileKind(fixture(path), true)).toBe(kind);
  });

  it('reads the first ST01, not the name or a later set', () => {
    const text = fixture('valid/835-full.x12').toString('latin1');
    expect(sniffFileKind(Buffer.from(text + fixture('valid/837p-basic.x12').toString('latin1')), true)).toBe(
      '835',
    );
  });

  it('does not take a cut-off ST01 from a partial head', () => {
    const text = fixture('valid/837p-basic.x12').toString('latin1');
    const cut = text.slice(0, text.indexOf('ST*8') + 4);
    expect(sniffFileKind(Buffer.from(cut), false)).toBe('unknown');
  });
});

describe('kindOfTransactionSet', () => {
  it('maps ST01', () => {
    expect(kindOfTransactionSet('837')).toBe('837');
    expect(kindOfTransactionSet('835')).toBe('835');
    expect(kindOfTransactionSet('276')).toBe('x12-other');
    expect(kindOfTransactionSet('271')).toBe('271');
    expect(kindOfTransactionSet('278')).toBe('278');
  });
});
