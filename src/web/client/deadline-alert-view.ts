/**
 * What a deadline alert says on the worklist and the claim page. Pure (no DOM), tested with jest. An
 * alert comes from the server (the daily deadlines job): its kind, its deadline and the days left,
 * counted by the server from today in the job's time zone.
 */
import type { DeadlineAlertKind } from './domain.js';

export interface DeadlineAlertView {
  kind: DeadlineAlertKind;
  deadline: string;
  /** 0: today is the last day; negative: passed (until the next run of the job clears the alert). */
  daysLeft: number;
}

const inDays = (n: number): string => `in ${n} day${n === 1 ? '' : 's'}`;
const daysAgo = (n: number): string => `${n} day${n === 1 ? '' : 's'} ago`;

/** `Filing deadline in 3 days`, `Filing deadline today`, `Appeal due in 1 day`, `Appeal due today`. */
export function deadlineAlertText(alert: Pick<DeadlineAlertView, 'kind' | 'daysLeft'>): string {
  const d = alert.daysLeft;
  if (alert.kind === 'appeal') {
    return d > 0 ? `Appeal due ${inDays(d)}` : d === 0 ? 'Appeal due today' : `Appeal was due ${daysAgo(-d)}`;
  }
  return d > 0
    ? `Filing deadline ${inDays(d)}`
    : d === 0
      ? 'Filing deadline today'
      : `Filing deadline passed ${daysAgo(-d)}`;
}

/** The badge's classes: red on (or after) the last day, amber before. */
export function deadlineAlertClass(alert: Pick<DeadlineAlertView, 'daysLeft'>): string {
  return alert.daysLeft <= 0 ? 'deadline-alert overdue' : 'deadline-alert warn';
}
