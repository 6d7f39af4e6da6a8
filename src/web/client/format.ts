/**
 * How the pages show money, rates, dates and deadlines. Pure (no DOM), so jest tests it and the
 * server could share it. Money arrives as integer cents, dates of service as YYYY-MM-DD strings.
 */

const DOLLARS = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const WHOLE_DOLLARS = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});
const COUNT = new Intl.NumberFormat('en-US');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

/** `123456` → `$1,234.56`; `-500` → `-$5.00`; null → `—`. Exact for any safe integer of cents. */
export function money(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return '—';
  const negative = cents < 0;
  const abs = Math.abs(Math.round(cents));
  // Split into dollars and cents in integers: no float rounding of the cents.
  const dollars = Math.floor(abs / 100);
  const rest = abs % 100;
  const text = `${DOLLARS.format(dollars).replace(/\.00$/, '')}.${String(rest).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Whole dollars for chart axes and tiles: `123456` → `$1,235`. */
export function moneyWhole(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return '—';
  return WHOLE_DOLLARS.format(Math.round(cents / 100));
}

/** `1234` → `1,234`. */
export function count(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : COUNT.format(n);
}

/** A ratio as a percentage: `0.1234` → `12.3%`; null → `—`. */
export function percent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** A risk in thousandths (`riskMilli`) as a percentage: `125` → `12.5%`. */
export function risk(milli: number | null | undefined): string {
  return milli === null || milli === undefined ? '—' : percent(milli / 1000);
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function parseYmd(s: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return { y, m: mo, d };
}

/** A date (YYYY-MM-DD, or an ISO timestamp's date part) as `Mar 4, 2025`; read as written, no time zone shift. */
export function date(s: string | null | undefined): string {
  if (!s) return '—';
  const p = parseYmd(s.slice(0, 10));
  return p ? `${MONTHS[p.m - 1]} ${p.d}, ${p.y}` : s;
}

/** A service month `2025-03` as `Mar 2025`. */
export function month(s: string | null | undefined): string {
  if (!s) return '—';
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m) return s;
  const i = Number(m[2]) - 1;
  return i >= 0 && i < 12 ? `${MONTHS[i]} ${m[1]}` : s;
}

/** A timestamp in the viewer's time zone: `Mar 4, 2025 14:05`. */
export function dateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(t);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')} ${get('day')}, ${get('year')} ${get('hour')}:${get('minute')}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number | null {
  const a = parseYmd(from);
  const b = parseYmd(to);
  if (!a || !b) return null;
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / DAY_MS);
}

/** Today as YYYY-MM-DD in UTC (the server's reports count days in UTC too). */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** How far a deadline is: `today`, `in 3 days`, `2 days overdue`. */
export function deadlineIn(deadline: string | null | undefined, today: string): string {
  if (!deadline) return '—';
  const days = daysBetween(today, deadline);
  if (days === null) return deadline;
  if (days === 0) return 'today';
  if (days > 0) return `in ${days} day${days === 1 ? '' : 's'}`;
  return `${-days} day${days === -1 ? '' : 's'} overdue`;
}

/** A code list for a table cell: `['CO-16', 'CO-197']` → `CO-16, CO-197`; empty → `—`. */
export function list(items: readonly string[] | null | undefined): string {
  return items && items.length > 0 ? items.join(', ') : '—';
}

/** A byte size: `1536` → `1.5 kB`. */
export function bytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}

/** `in-progress` → `In progress`. */
export function label(s: string | null | undefined): string {
  if (!s) return '—';
  const t = s.replace(/[-_]/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}
