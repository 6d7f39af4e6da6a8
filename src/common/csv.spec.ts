import { centsToDecimal, CSV_BOM, csvLines, csvMoney, csvRow, type CsvValue, toCsv } from './csv.js';

async function collect(gen: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of gen) out.push(line);
  return out;
}

describe('csvRow', () => {
  it('joins plain fields with commas and ends the line with CRLF', () => {
    expect(csvRow(['a', 'b c', 1, 2.5, true, false])).toBe('a,b c,1,2.5,true,false\r\n');
  });

  it('writes null and undefined as empty fields', () => {
    expect(csvRow([null, 'x', undefined])).toBe(',x,\r\n');
    expect(csvRow([])).toBe('\r\n');
    expect(csvRow([''])).toBe('\r\n');
  });

  it('quotes fields with a comma, a double quote, CR or LF, doubling the quotes', () => {
    expect(csvRow(['a,b'])).toBe('"a,b"\r\n');
    expect(csvRow(['say "hi"'])).toBe('"say ""hi"""\r\n');
    expect(csvRow(['line1\nline2'])).toBe('"line1\nline2"\r\n');
    expect(csvRow(['line1\r\nline2'])).toBe('"line1\r\nline2"\r\n');
    expect(csvRow(['"'])).toBe('""""\r\n');
    expect(csvRow(['no quotes needed; here'])).toBe('no quotes needed; here\r\n');
  });

  it('keeps unicode as it is', () => {
    expect(csvRow(['José Müller', '東京', '😀, ok', 'Ærøskøbing'])).toBe(
      'José Müller,東京,"😀, ok",Ærøskøbing\r\n',
    );
  });

  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1-555-0100', "'+1-555-0100"],
    ['-12.50', "'-12.50"],
    ['@import', "'@import"],
    ['\tcmd', "'\tcmd"],
  ])('neutralizes a string starting with a formula character: %j', (input, written) => {
    expect(csvRow([input])).toBe(`${written}\r\n`);
  });

  it('neutralizes a leading CR and still quotes the field', () => {
    expect(csvRow(['\r=1+1'])).toBe(`"'\r=1+1"\r\n`);
  });

  it('neutralizes before quoting when both apply', () => {
    expect(csvRow(['=HYPERLINK("http://x","click")'])).toBe(`"'=HYPERLINK(""http://x"",""click"")"\r\n`);
  });

  it('leaves strings with a formula character later on alone', () => {
    expect(csvRow(['a=b', 'x-1', ' =1', "'=1"])).toBe("a=b,x-1, =1,'=1\r\n");
  });

  it('writes numbers as they are, negative ones too', () => {
    expect(csvRow([-12.5, 0, -0, 1234567890123])).toBe('-12.5,0,0,1234567890123\r\n');
    expect(() => csvRow([Number.NaN])).toThrow(RangeError);
    expect(() => csvRow([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });

  it('does not neutralize raw (trusted) text but still quotes it', () => {
    expect(csvRow([{ raw: '-12.50' }, csvMoney(-1250), { raw: '1,000.00' }])).toBe(
      '-12.50,-12.50,"1,000.00"\r\n',
    );
  });
});

describe('centsToDecimal', () => {
  it.each([
    [0, '0.00'],
    [-0, '0.00'],
    [1, '0.01'],
    [5, '0.05'],
    [-5, '-0.05'],
    [10, '0.10'],
    [99, '0.99'],
    [100, '1.00'],
    [-1250, '-12.50'],
    [123456, '1234.56'],
    [-100000000, '-1000000.00'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
    [-Number.MAX_SAFE_INTEGER, '-90071992547409.91'],
    [9007199254740899, '90071992547408.99'],
  ])('%d cents → %s', (cents, text) => {
    expect(centsToDecimal(cents)).toBe(text);
  });

  it('refuses fractions and unsafe integers', () => {
    expect(() => centsToDecimal(1.5)).toThrow(RangeError);
    expect(() => centsToDecimal(Number.NaN)).toThrow(RangeError);
    expect(() => centsToDecimal(2 ** 53)).toThrow(RangeError);
  });
});

describe('toCsv', () => {
  it('writes the header and the rows', () => {
    const rows: CsvValue[][] = [
      ['S1', csvMoney(-1250), 'denied, CO-16'],
      ['S2', csvMoney(0), null],
    ];
    expect(toCsv(['claim', 'amount', 'note'], rows)).toBe(
      'claim,amount,note\r\nS1,-12.50,"denied, CO-16"\r\nS2,0.00,\r\n',
    );
  });

  it('takes any iterable, and the BOM is the caller’s to add', () => {
    function* gen() {
      yield ['é'];
    }
    expect(CSV_BOM + toCsv(['name'], gen())).toBe('\uFEFFname\r\né\r\n');
  });

  it('refuses a row narrower or wider than the header', () => {
    expect(() => toCsv(['a', 'b'], [['1', '2'], ['1']])).toThrow('CSV row 2 has 1 fields, the header 2');
  });
});

describe('csvLines', () => {
  const header = ['claim', 'amount'];

  it('streams the same lines as toCsv from a sync iterable', async () => {
    const rows: CsvValue[][] = [
      ['S1', csvMoney(500)],
      ['=cmd', 3],
    ];
    const lines = await collect(csvLines(header, rows));
    expect(lines).toEqual(['claim,amount\r\n', 'S1,5.00\r\n', "'=cmd,3\r\n"]);
    expect(lines.join('')).toBe(toCsv(header, rows));
  });

  it('streams from an async iterable', async () => {
    async function* rows(): AsyncGenerator<CsvValue[]> {
      for (let i = 1; i <= 3; i++) {
        await Promise.resolve();
        yield [`S${i}`, csvMoney(-i * 100)];
      }
    }
    expect(await collect(csvLines(header, rows()))).toEqual([
      'claim,amount\r\n',
      'S1,-1.00\r\n',
      'S2,-2.00\r\n',
      'S3,-3.00\r\n',
    ]);
  });

  it('yields the header before reading any row, and fails on a bad row', async () => {
    const gen = csvLines(header, [['only-one']]);
    expect((await gen.next()).value).toBe('claim,amount\r\n');
    await expect(gen.next()).rejects.toThrow('CSV row 1 has 1 fields');
  });
});
