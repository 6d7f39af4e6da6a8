import { CSV_BOM } from '../common/csv.js';
import * as sut from './digest-csv.js';
import { CLAIM_A, CLAIM_B, CLAIM_C, digestReport } from './testing/digest-report.fixture.js';

/** The CSV's lines split on commas (the fixture has no quoted field with a comma in it). */
function lines(csv: string): string[][] {
  expect(csv.startsWith(CSV_BOM)).toBe(true);
  const body = csv.slice(CSV_BOM.length);
  expect(body.endsWith('\r\n')).toBe(true);
  return body
    .slice(0, -2)
    .split('\r\n')
    .map((l) => l.split(','));
}

describe('renderDigestCsv', () => {
  const csv = sut.renderDigestCsv(digestReport());
  const rows = lines(csv);
  const section = (name: string) => rows.filter((r) => r[0] === name);

  it('writes one header and rows of the same width, each tagged with its section', () => {
    expect(rows[0]).toEqual([...sut.DIGEST_CSV_HEADER]);
    for (const r of rows.slice(1)) expect(r).toHaveLength(sut.DIGEST_CSV_HEADER.length);
    expect([...new Set(rows.slice(1).map((r) => r[0]))]).toEqual([
      'digest',
      'new-denials',
      'new-denials-by-category',
      'new-denials-by-payer',
      'new-denials-by-carc',
      'new-denial',
      'money-at-risk',
      'money-at-risk-by-payer',
      'leakage',
      'deadlines',
      'deadline',
    ]);
  });

  it('states the period and writes money in dollars from integer cents', () => {
    expect(section('digest').map((r) => [r[1], r[2], r[9]])).toEqual([
      ['kind', 'daily', ''],
      ['periodFrom', '', '2026-03-01'],
      ['periodTo', '', '2026-03-01'],
      ['today', 'America/Chicago', '2026-03-02'],
      ['generatedAt', '2026-03-02T12:00:00.000Z', ''],
    ]);
    expect(section('new-denials')[0]!.slice(0, 5)).toEqual([
      'new-denials',
      'total',
      'New denials in the period',
      '2',
      '1234.61',
    ]);
    // A negative amount is a number, not neutralised text.
    expect(
      section('leakage')
        .find((r) => r[1] === 'underpayment')!
        .slice(3, 5),
    ).toEqual(['2', '-12.50']);
    expect(
      section('leakage')
        .find((r) => r[1] === 'total')!
        .slice(3, 5),
    ).toEqual(['6', '3987.50']);
  });

  it('lists every denial and deadline with claim id, payer, billing NPI and date only', () => {
    expect(section('new-denial').map((r) => [r[1], r[4], r[6], r[8], r[9]])).toEqual([
      ['denied', '1234.56', CLAIM_A, '1234567893', '2026-03-01'],
      ['partial', '0.05', CLAIM_B, '1234567893', '2026-03-01'],
    ]);
    expect(section('deadline')).toEqual([
      [
        'deadline',
        'filing',
        'Timely-filing limit',
        '',
        '123.45',
        '500.00',
        CLAIM_C,
        'BCBS <script>',
        '1234567893',
        '2026-03-05',
        '3',
      ],
    ]);
  });

  it('neutralises text cells a spreadsheet would run as a formula', () => {
    // =HYPERLINK("http://evil") → '=HYPERLINK(""http://evil"")' quoted (it holds quotes).
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
