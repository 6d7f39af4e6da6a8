/** Calendar arithmetic on `YYYY-MM-DD` text (UTC days, no time zone, no clock). */

export function dayNumber(date: string): number {
  return Math.round(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86400000,
  );
}

export function fromDayNumber(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** `YYYY-MM` plus n months. */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}`;
}

export function daysInMonth(month: string): number {
  const next = `${addMonths(month, 1)}-01`;
  return daysBetween(`${month}-01`, next);
}

/** A date as X12 D8 (`CCYYMMDD`). */
export function d8(date: string): string {
  return date.replaceAll('-', '');
}

/** Whether `YYYY-MM-DD` is a real calendar day. */
export function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  return fromDayNumber(dayNumber(date)) === date;
}

/** Age in whole years on a date. */
export function ageOn(dob: string, date: string): number {
  let age = Number(date.slice(0, 4)) - Number(dob.slice(0, 4));
  if (date.slice(5) < dob.slice(5)) age--;
  return age;
}
