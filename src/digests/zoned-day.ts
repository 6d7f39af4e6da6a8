/**
 * Local days of a time zone as UTC instants. Pure (Intl only): a digest covers whole days in the job
 * time zone, and the times it compares them with (when a file was received) are ISO-8601 UTC.
 */
import { addDays } from '../reporting/deadlines.js';

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at `t` (ms since the epoch), as milliseconds of a UTC calendar. */
function wallClock(timeZone: string, t: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(t))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(
    parts['year']!,
    parts['month']! - 1,
    parts['day']!,
    parts['hour']!,
    parts['minute']!,
    parts['second']!,
  );
}

/** The zone's offset from UTC at `t`, in milliseconds (east positive); whole seconds. */
function offsetAt(timeZone: string, t: number): number {
  return wallClock(timeZone, t) - Math.floor(t / 1000) * 1000;
}

/**
 * The first instant of the local day `day` (YYYY-MM-DD) in `timeZone` (IANA name), ISO-8601 UTC.
 * Usually local midnight; where the clocks skip midnight (a DST change at 00:00) the day begins when
 * they jump; where midnight happens twice (clocks set back to 23:00), the first one.
 */
export function startOfDayIn(timeZone: string, day: string): string {
  addDays(day, 0); // refuses anything that is not a calendar date
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const midnight = Date.UTC(y, m - 1, d);
  // The offsets in force around that midnight: a zone changes its offset at most once within a day
  // either side, and local midnight lies within 14 hours of UTC midnight.
  const offsets = new Set([-DAY_MS, 0, DAY_MS].map((delta) => offsetAt(timeZone, midnight + delta)));
  const candidates = [...offsets].map((o) => midnight - o).sort((a, b) => a - b);
  const exact = candidates.find((t) => wallClock(timeZone, t) === midnight);
  if (exact !== undefined) return new Date(exact).toISOString();
  // Midnight never happened on the wall clock: the day begins at the jump, between the last candidate
  // still showing the day before and the first showing `day`.
  const lastBefore = candidates.filter((t) => wallClock(timeZone, t) < midnight).at(-1);
  const firstAfter = candidates.find((t) => wallClock(timeZone, t) > midnight);
  if (lastBefore === undefined || firstAfter === undefined || lastBefore > firstAfter)
    throw new RangeError(`cannot find the start of ${day} in ${timeZone}`);
  // Offsets change on whole seconds: search the second the clocks jump.
  let before: number = Math.floor(lastBefore / 1000) * 1000;
  let after: number = firstAfter;
  while (after - before > 1000) {
    const mid: number = before + Math.floor((after - before) / 2000) * 1000;
    if (wallClock(timeZone, mid) < midnight) before = mid;
    else after = mid;
  }
  return new Date(after).toISOString();
}

/**
 * The UTC instants of the local days [from, to] (both inclusive) in `timeZone`: from the start of
 * `from` (inclusive) to the start of the day after `to` (exclusive), ISO-8601 UTC, so they compare as
 * text with the stored ISO times (`2026-03-01T12:00:00.000Z`).
 */
export function daysInstantsIn(timeZone: string, from: string, to: string): { start: string; end: string } {
  if (addDays(to, 0) < addDays(from, 0))
    throw new RangeError(`the days end (${to}) before they begin (${from})`);
  return { start: startOfDayIn(timeZone, from), end: startOfDayIn(timeZone, addDays(to, 1)) };
}
