import { type Segment } from './segment.js';
import { isaHeader, type TextDelimiters, x12 } from './testing/x12-text.js';
import { X12Tokenizer } from './tokenizer.js';
import type { X12Issue } from './x12-issue.js';

function tokenize(input: string | Buffer, chunkSize = Infinity) {
  const segments: Segment[] = [];
  const issues: X12Issue[] = [];
  const sut = new X12Tokenizer({ segment: (s) => segments.push(s), issue: (i) => issues.push(i) });
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const step = Math.min(chunkSize, Math.max(bytes.length, 1));
  for (let i = 0; i < bytes.length; i += step) sut.write(bytes.subarray(i, i + step));
  sut.end();
  return { segments, issues, sut, ids: segments.map((s) => s.id) };
}

const BODY = [
  'ST*837*0001*005010X222A1',
  'BHT*0019*00*B1*20260101*1200*CH',
  'CLM*PCN1*100***11:B:1',
  'SE*4*0001',
];

describe('X12Tokenizer', () => {
  it('reads delimiters from the ISA and gives every segment its index, line and byte offset', () => {
    const text = x12(BODY, { after: '\n' });
    const { segments, issues } = tokenize(text);
    expect(issues).toEqual([]);
    expect(segments.map((s) => s.id)).toEqual(['ISA', 'GS', 'ST', 'BHT', 'CLM', 'SE', 'GE', 'IEA']);
    const clm = segments[4]!;
    expect(clm.segmentIndex).toBe(4);
    expect(clm.line).toBe(5);
    expect(clm.byteOffset).toBe(text.indexOf('CLM*'));
    expect(clm.get(1)).toBe('PCN1');
    expect(clm.element(5).component(3)).toBe('1');
    expect(clm.component(5, 2)).toBe('B');
    expect(segments[0]!.get(16)).toBe(':');
    expect(segments[0]!.delimiters).toEqual({ element: '*', component: ':', repetition: '^', segment: '~' });
  });

  it.each<[string, TextDelimiters]>([
    ['pipe elements, caret components, brace repetition', { element: '|', component: '^', repetition: '{' }],
    ['greater-than components', { component: '>' }],
    ['backtick repetition', { repetition: '`' }],
    ['bang terminator', { segment: '!' }],
    ['newline as terminator', { segment: '\n' }],
    ['CRLF after each terminator', { after: '\r\n' }],
    ['spaces between segments', { after: '   ' }],
    ['4010 U in ISA11', { repetition: 'U' }],
  ])('handles %s', (_name, d) => {
    const { segments, issues } = tokenize(x12(BODY, d));
    expect(issues).toEqual([]);
    expect(segments.map((s) => s.id)).toEqual(['ISA', 'GS', 'ST', 'BHT', 'CLM', 'SE', 'GE', 'IEA']);
    expect(segments[4]!.component(5, 2)).toBe('B');
    expect(segments[0]!.delimiters.repetition).toBe(d.repetition === 'U' ? null : (d.repetition ?? '^'));
  });

  it('counts lines for CR-only line breaks and for newline terminators', () => {
    const cr = tokenize(x12(BODY, { segment: '\r' }));
    expect(cr.segments.map((s) => s.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const lf = tokenize(x12(BODY, { segment: '\n' }));
    expect(lf.segments.map((s) => s.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const crlf = tokenize(x12(BODY, { after: '\r\n' }));
    expect(crlf.segments.map((s) => s.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('gives identical segments whatever the chunk size', () => {
    const text = x12(BODY, { after: '\r\n' }) + x12(BODY, { element: '|', segment: '\n' }, true, '000000002');
    const whole = tokenize(text);
    for (const size of [1, 2, 3, 5, 7, 64, 105, 106, 107]) {
      const chunked = tokenize(text, size);
      expect(chunked.segments.map((s) => [s.id, s.elements, s.line, s.byteOffset])).toEqual(
        whole.segments.map((s) => [s.id, s.elements, s.line, s.byteOffset]),
      );
      expect(chunked.issues).toEqual(whole.issues);
    }
  });

  it('re-reads delimiters at every ISA (interchanges back to back)', () => {
    const text =
      x12(BODY, { after: '\n' }) +
      x12(BODY, { element: '|', component: '>', segment: '!' }, true, '000000002');
    const { segments, issues } = tokenize(text);
    expect(issues).toEqual([]);
    expect(segments).toHaveLength(16);
    expect(segments[12]!.delimiters.element).toBe('|');
    expect(segments[12]!.component(5, 2)).toBe('B');
  });

  it('skips a UTF-8 BOM and leading whitespace, reporting the BOM', () => {
    const text = '\ufeff\n\n  ' + x12(BODY);
    const { segments, issues } = tokenize(text, 1);
    expect(segments[0]!.id).toBe('ISA');
    expect(segments[0]!.byteOffset).toBe(3 + 4);
    expect(segments[0]!.line).toBe(3);
    expect(issues.map((i) => i.code)).toEqual(['X12_BOM_SKIPPED']);
  });

  it('decodes UTF-16LE and UTF-16BE input with a warning', () => {
    const text = x12(BODY);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const input of [le, be, Buffer.from(text, 'utf16le')]) {
      const { segments, issues } = tokenize(input, 5);
      expect(segments.map((s) => s.id)).toEqual(['ISA', 'GS', 'ST', 'BHT', 'CLM', 'SE', 'GE', 'IEA']);
      expect(issues.map((i) => i.code)).toEqual(['X12_UTF16_DECODED']);
    }
  });

  it('rejects UTF-16 that does not decode', () => {
    const bad = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('ISA', 'utf16le'),
      Buffer.from([0x00, 0xd8, 0x41]),
    ]);
    const { sut } = tokenize(bad);
    expect(sut.fatalProblem?.code).toBe('X12_ENCODING_INVALID');
  });

  it('decodes UTF-8 names and keeps byte offsets in bytes', () => {
    const text = x12(['ST*837*0001', 'NM1*IL*1*MÜLLER*JOSÉ', 'REF*EA*X', 'SE*4*0001']);
    const { segments } = tokenize(text, 3);
    const nm1 = segments.find((s) => s.id === 'NM1')!;
    expect(nm1.get(3)).toBe('MÜLLER');
    expect(nm1.get(4)).toBe('JOSÉ');
    const ref = segments.find((s) => s.id === 'REF')!;
    expect(ref.byteOffset).toBe(Buffer.from(text, 'utf8').indexOf('REF*EA'));
  });

  it('infers delimiters for a bare ST..SE with a warning', () => {
    const text = 'ST|835|1234~BPR|I|100|C|CHK~CLP|PCN1|1|100|100~SVC|HC>99213|100|100~SE|5|1234~';
    const { segments, issues } = tokenize(text);
    expect(segments.map((s) => s.id)).toEqual(['ST', 'BPR', 'CLP', 'SVC', 'SE']);
    expect(segments[3]!.component(1, 2)).toBe('99213');
    expect(issues).toMatchObject([
      { code: 'X12_NO_ENVELOPE', severity: 'warning', segmentId: 'ST', byteOffset: 0 },
    ]);
  });

  it('reads an ISA that is one character short by counting separators', () => {
    const isa = isaHeader().replace('*          *', '*         *');
    const text = isa + x12(BODY, {}, false) + 'GE*1*1~IEA*1*000000001~';
    const { segments } = tokenize(text);
    expect(segments.map((s) => s.id)).toEqual(['ISA', 'ST', 'BHT', 'CLM', 'SE', 'GE', 'IEA']);
  });

  it('strips line breaks inside a segment (files wrapped at a fixed width)', () => {
    const text = x12(BODY);
    const wrapped = text.replace(/(.{80})/g, '$1\n');
    const { segments } = tokenize(wrapped);
    expect(segments.map((s) => s.toString())).toEqual(tokenize(text).segments.map((s) => s.toString()));
  });

  it('reports an over-long segment and goes on', () => {
    const long = 'NTE*ADD*' + 'X'.repeat(70_000);
    const { ids, issues } = tokenize(x12(['ST*837*0001', long, 'CLM*P*1', 'SE*4*0001']), 4096);
    expect(ids).toEqual(['ISA', 'GS', 'ST', 'CLM', 'SE', 'GE', 'IEA']);
    expect(issues).toMatchObject([{ code: 'X12_SEGMENT_TOO_LONG', severity: 'error', segmentIndex: 3 }]);
  });

  it('skips garbage before the first ISA and after the last IEA', () => {
    const text = 'hello this is a banner\n' + x12(BODY, { after: '\n' }) + 'end of report\n';
    const { ids, issues } = tokenize(text, 4);
    expect(ids).toEqual(['ISA', 'GS', 'ST', 'BHT', 'CLM', 'SE', 'GE', 'IEA']);
    expect(issues).toMatchObject([
      { code: 'X12_GARBAGE_SKIPPED', byteOffset: 0 },
      { code: 'X12_GARBAGE_SKIPPED', line: 10, byteOffset: text.indexOf('end of report') },
    ]);
  });

  it('warns about a last segment without terminator and still emits it', () => {
    const text = x12(BODY).replace(/~$/, '');
    const { ids, issues } = tokenize(text);
    expect(ids.at(-1)).toBe('IEA');
    expect(issues).toMatchObject([{ code: 'X12_TRUNCATED', severity: 'warning', segmentId: 'IEA' }]);
  });

  it.each([
    ['empty input', '', 'X12_EMPTY_INPUT'],
    ['whitespace only', ' \n\r\n ', 'X12_EMPTY_INPUT'],
    ['another format', '{"resourceType":"Bundle"}', 'X12_NOT_X12'],
    ['binary', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), 'X12_BINARY_CONTENT'],
  ])('reports %s as unreadable', (_name, input, code) => {
    const { sut, segments } = tokenize(input);
    expect(segments).toEqual([]);
    expect(sut.fatalProblem?.code).toBe(code);
  });

  describe('found by the fuzz campaign (bench/fuzz)', () => {
    it('recognises UTF-16 however small the first chunks are', () => {
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(x12(BODY), 'utf16le')]);
      const whole = tokenize(utf16);
      expect(whole.issues.map((i) => i.code)).toEqual(['X12_UTF16_DECODED']);
      expect(tokenize(utf16, 1).ids).toEqual(whole.ids);
    });

    it('points an absent element at the end of its segment, never past the input', () => {
      const text = x12(BODY).replace(/IEA\*1\*[0-9]+~$/, 'IEA');
      const { segments } = tokenize(text);
      const iea = segments[segments.length - 1]!;
      expect(iea.id).toBe('IEA');
      expect(iea.elementOffset(2)).toBe(text.length);
    });

    it('counts the lines of a rejected ISA header once', () => {
      // ISA whose 16th separator is two lines further on, with unusable delimiters: skipped as garbage.
      const text = 'ISA*00*A\n*B\n*' + '*'.repeat(13) + '5' + 'Z\nGARBAGE\n' + x12(BODY);
      const { segments, issues } = tokenize(text);
      expect(issues[0]!.code).toBe('X12_DELIMITERS_INVALID');
      expect(issues[0]!.line).toBe(1);
      expect(segments[0]!.line).toBe(5);
    });

    it('counts the line breaks inside a skipped over-long segment whatever the chunking', () => {
      const long = `NTE*ADD*${'X\n'.repeat(40_000)}`;
      const text = x12([...BODY.slice(0, 3), long, 'SE*5*0001'], { after: '\n' });
      const whole = tokenize(text).segments.map((s) => s.line);
      expect(tokenize(text, 1000).segments.map((s) => s.line)).toEqual(whole);
    });

    it('finds the next ISA after a rejected header when a chunk ends right after "ISA"', () => {
      // ISA16 equal to the terminator: the header is rejected and the text skipped up to the next ISA.
      const text = `${isaHeader({ component: '~' })}GARBAGE AFTER A REJECTED HEADER~${x12(BODY)}`;
      const whole = tokenize(text);
      expect(whole.issues.map((i) => i.code)).toEqual(['X12_DELIMITERS_INVALID']);
      expect(whole.ids[0]).toBe('ISA');
      const split = text.indexOf('ISA', 3) + 3;
      const segments: Segment[] = [];
      const sut = new X12Tokenizer({ segment: (s) => segments.push(s), issue: () => undefined });
      sut.write(text.slice(0, split));
      sut.write(text.slice(split));
      sut.end();
      expect(segments.map((s) => [s.id, s.byteOffset])).toEqual(
        whole.segments.map((s) => [s.id, s.byteOffset]),
      );
    });
  });
});
