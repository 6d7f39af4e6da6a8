/**
 * CSV writing for exports: RFC 4180 (comma separated, CRLF line ends, a field quoted when it holds a
 * comma, a double quote, CR or LF, quotes inside doubled), text kept as it is (UTF-8 is the caller's
 * encoding; prepend `CSV_BOM` for spreadsheets that need it to detect UTF-8).
 *
 * Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a CR as
 * a formula, so a string cell starting with one of them is written with a single quote `'` before
 * it (`=HYPERLINK(…)` → `'=HYPERLINK(…)`). That applies to strings only:
 * - numbers are written as they are (`-12.5` stays `-12.5`);
 * - money goes through `csvMoney(cents)` (or `{ raw: centsToDecimal(cents) }`): a `CsvRaw` cell is
 *   trusted text the code produced itself and is not neutralized, so `-1250` cents is written `-12.50`.
 *   A money amount passed as a plain string (`'-12.50'`) would come out as `'-12.50`.
 * Never wrap text that came from a file, a user or a payer in `{ raw }`.
 */

/** Trusted text, written without formula neutralization (still quoted when RFC 4180 requires it). */
export interface CsvRaw {
  raw: string;
}

export type CsvValue = string | number | boolean | null | undefined | CsvRaw;

/** UTF-8 byte order mark: some spreadsheets need it to read a CSV as UTF-8. */
export const CSV_BOM = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV line, CRLF included. null and undefined are empty fields. */
export function csvRow(values: readonly CsvValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += field(values[i]);
  }
  return `${line}\r\n`;
}

/** A whole CSV document: the header line, then one line per row (every row as wide as the header). */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = csvRow(header);
  let n = 0;
  for (const row of rows) out += checkedRow(header, row, n++);
  return out;
}

/** The same lines one at a time, for streaming a large export (rows may come from an async source). */
export async function* csvLines(
  header: readonly string[],
  rows: AsyncIterable<readonly CsvValue[]> | Iterable<readonly CsvValue[]>,
): AsyncGenerator<string> {
  yield csvRow(header);
  let n = 0;
  for await (const row of rows) yield checkedRow(header, row, n++);
}

/**
 * Integer cents as a decimal amount with two decimals, built from integer arithmetic (no floating
 * point): -1250 → '-12.50', 5 → '0.05', 0 → '0.00'. Throws a RangeError unless cents is a safe integer.
 */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a safe integer, got ${cents}`);
  const abs = Math.abs(cents);
  const rest = abs % 100;
  const whole = (abs - rest) / 100;
  return `${cents < 0 ? '-' : ''}${whole}.${rest < 10 ? '0' : ''}${rest}`;
}

/** A money cell: `centsToDecimal(cents)` as trusted text (a negative amount is not neutralized). */
export function csvMoney(cents: number): CsvRaw {
  return { raw: centsToDecimal(cents) };
}

function checkedRow(header: readonly string[], row: readonly CsvValue[], index: number): string {
  if (row.length !== header.length) {
    throw new RangeError(`CSV row ${index + 1} has ${row.length} fields, the header ${header.length}`);
  }
  return csvRow(row);
}

function field(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (typeof v === 'string') s = FORMULA_START.test(v) ? `'${v}` : v;
  else if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`CSV number must be finite, got ${v}`);
    s = String(v);
  } else if (typeof v === 'boolean') s = v ? 'true' : 'false';
  else s = v.raw;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
