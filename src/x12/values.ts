/**
 * Conversions of X12 data element values. Money becomes integer cents (exact, never a float sum);
 * dates become plain `YYYY-MM-DD` strings (a date of service is a calendar date, not an instant).
 */

/** Integer cents. An alias, so signatures say what a number means. */
export type Cents = number;

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

const AMOUNT = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * Parses an X12 R-type monetary amount ("125", "-12.5", ".75") into integer cents.
 * Returns null for an empty string and NaN when the value is not a valid amount with at most two decimals
 * (a third decimal that is zero is accepted: "10.500").
 */
export function parseCents(value: string): Cents | null {
  // Fast path for the common shapes ("125", "125.5", "-125.50"): digits read one by one, no regex.
  const n = value.length;
  if (n === 0) return null;
  if (n > 15) return parseCentsSlow(value);
  const negative = value.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  const start = i;
  let whole = 0;
  for (; i < n; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  if (i === start) return parseCentsSlow(value);
  let cents = whole * 100;
  if (i < n) {
    const decimals = n - i - 1;
    if (value.charCodeAt(i) !== 46 || decimals === 0 || decimals > 2) return parseCentsSlow(value);
    const d1 = value.charCodeAt(i + 1) - 48;
    if (d1 < 0 || d1 > 9) return parseCentsSlow(value);
    cents += d1 * 10;
    if (decimals === 2) {
      const d2 = value.charCodeAt(i + 2) - 48;
      if (d2 < 0 || d2 > 9) return parseCentsSlow(value);
      cents += d2;
    }
  }
  return negative ? -cents : cents;
}

function parseCentsSlow(value: string): Cents {
  const m = AMOUNT.exec(value);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return NaN;
  const whole = m[2] === '' ? 0 : Number(m[2]);
  let frac = m[3] ?? '';
  if (frac.length > 2) {
    if (!/^0*$/.test(frac.slice(2))) return NaN;
    frac = frac.slice(0, 2);
  }
  const cents = whole * 100 + (frac === '' ? 0 : frac.length === 1 ? Number(frac) * 10 : Number(frac));
  if (!Number.isSafeInteger(cents)) return NaN;
  return m[1] === '-' ? -cents : cents;
}

/** Formats integer cents as a plain decimal string ("-12.50"). */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  return `${sign}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Parses an X12 R/N-type quantity ("1", "1.5"); null when empty, NaN when invalid. */
export function parseQuantity(value: string): number | null {
  const n = value.length;
  if (n === 0) return null;
  // Fast path: plain unsigned decimals ("1", "1.00") need no regex.
  let dots = 0;
  let plain = n <= 15;
  for (let i = 0; plain && i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 46) dots++;
    else if (c < 48 || c > 57) plain = false;
  }
  if (plain && dots <= 1 && value.charCodeAt(0) !== 46 && value.charCodeAt(n - 1) !== 46)
    return Number(value);
  // 400 digits are a decimal but not a finite number: invalid, like any other garbage.
  const x = DECIMAL.test(value) ? Number(value) : NaN;
  return Number.isFinite(x) ? x : NaN;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** True when y-m-d is a real calendar date. */
export function isValidYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const max = m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1]!;
  return d <= max;
}

const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (2025-02-30 and 2023-02-29 are not; nor is year 0000). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  return y >= 1 && isValidYmd(y, Number(m[2]), Number(m[3]));
}

/**
 * Parses CCYYMMDD (D8) into `YYYY-MM-DD`; also accepts YYMMDD (4010 DT, pivot at 50). Null when empty,
 * undefined when invalid.
 */
export function parseDate(value: string): IsoDate | null | undefined {
  if (value === '') return null;
  if (value.length === 8) {
    // CCYYMMDD without a regex: this runs for every date of every claim.
    let ymd = 0;
    for (let i = 0; i < 8; i++) {
      const c = value.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      ymd = ymd * 10 + c;
    }
    const y0 = Math.floor(ymd / 10000);
    const m0 = Math.floor(ymd / 100) % 100;
    if (!isValidYmd(y0, m0, ymd % 100)) return undefined;
    return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  }
  let y: number, m: number, d: number;
  if (value.length === 8 && /^\d{8}$/.test(value)) {
    y = Number(value.slice(0, 4));
    m = Number(value.slice(4, 6));
    d = Number(value.slice(6, 8));
  } else if (value.length === 6 && /^\d{6}$/.test(value)) {
    const yy = Number(value.slice(0, 2));
    y = yy < 50 ? 2000 + yy : 1900 + yy;
    m = Number(value.slice(2, 4));
    d = Number(value.slice(4, 6));
  } else return undefined;
  if (!isValidYmd(y, m, d)) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A date or a date range, as X12 DTP/DTM carry them (D8 single date, RD8 `CCYYMMDD-CCYYMMDD`). */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

/** Parses a DTP03 value by its format qualifier (D8, RD8, DT); undefined when invalid, null when empty. */
export function parseDateValue(format: string, value: string): DateRange | null | undefined {
  if (value === '') return null;
  if (format === 'RD8' || (format === '' && value.length === 17 && value[8] === '-')) {
    const [a = '', b = ''] = value.split('-');
    const from = parseDate(a);
    const to = parseDate(b);
    if (!from || !to) return undefined;
    return { from, to };
  }
  // DT (CCYYMMDDHHMM) and TM-bearing formats: keep the date part only.
  const datePart = format === 'DT' && value.length >= 8 ? value.slice(0, 8) : value;
  const single = parseDate(datePart);
  if (!single) return undefined;
  return { from: single, to: single };
}
