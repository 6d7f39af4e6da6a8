/**
 * Deadlines on plain `YYYY-MM-DD` dates: calendar-day arithmetic with no clock and no time zone. The
 * arithmetic is the rules engine's (the timely-filing facts use it), so a report's filing deadline is
 * the day the TF rules name. Every input is checked: a bad date or day count throws a RangeError
 * naming the value.
 */
import {
  addDays as addCalendarDays,
  daysBetween as calendarDaysBetween,
} from '../rules-engine/facts/patient-record-support.js';
import { isIsoDate } from '../x12/values.js';

function checkDate(date: string, name: string): void {
  if (typeof date !== 'string' || !isIsoDate(date))
    throw new RangeError(`${name} must be a real date YYYY-MM-DD, got ${JSON.stringify(date)}`);
}

function checkDays(days: number, name: string, min: number): void {
  if (!Number.isSafeInteger(days) || days < min)
    throw new RangeError(
      `${name} must be a whole number${min === 0 ? ', 0 or more' : ''}, got ${String(days)}`,
    );
}

/** `date` plus `days`, checked to land on a date that can be written YYYY-MM-DD (years 1–9999). */
function plus(date: string, days: number): string {
  const out = addCalendarDays(date, days);
  if (!isIsoDate(out)) throw new RangeError(`${date} plus ${days} days is out of range`);
  return out;
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  checkDate(date, 'date');
  checkDays(days, 'days', Number.MIN_SAFE_INTEGER);
  return plus(date, days);
}

/** Days from `from` to `to`: positive when `to` is later, 0 on the same day. */
export function daysBetween(from: string, to: string): number {
  checkDate(from, 'from');
  checkDate(to, 'to');
  return calendarDaysBetween(from, to);
}

/** The last day to appeal: the denial's date (the remittance date) plus the payer's appeal window. */
export function appealDeadline(denialDate: string, appealDays: number): string {
  checkDate(denialDate, 'denialDate');
  checkDays(appealDays, 'appealDays', 0);
  return plus(denialDate, appealDays);
}

/**
 * The last day the payer accepts the claim: the date of service plus the payer's timely-filing limit
 * (the TF rules' `claim.filing.deadline`). The rules count from the claim's last date of service; pass
 * that for a multi-day claim to get the same day.
 */
export function filingDeadline(serviceDate: string, timelyFilingDays: number): string {
  checkDate(serviceDate, 'serviceDate');
  checkDays(timelyFilingDays, 'timelyFilingDays', 0);
  return plus(serviceDate, timelyFilingDays);
}
