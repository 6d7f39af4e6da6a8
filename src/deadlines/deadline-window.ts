/**
 * The deadlines job's window and what an alert says about the days left. Pure: the repository and
 * the worklist ask it, the specs read it as the definition.
 */
import { addDays, daysBetween } from '../reporting/deadlines.js';
import { DEADLINE_ALERT_DAYS, type DeadlineAlert } from './deadline-alert.js';

/** What a deadline alert is about: the timely-filing limit (unanswered) or the appeal deadline (denied). */
export const DEADLINE_ALERT_KINDS = ['filing', 'appeal'] as const satisfies readonly DeadlineAlert['kind'][];
export type DeadlineAlertKind = (typeof DEADLINE_ALERT_KINDS)[number];

/**
 * The days whose deadlines raise an alert on `today`: today itself (the last day) to
 * DEADLINE_ALERT_DAYS days after it, both inclusive.
 */
export function alertWindow(today: string): { from: string; to: string } {
  return { from: today, to: addDays(today, DEADLINE_ALERT_DAYS) };
}

/** An open alert as the worklist and the claim page show it. */
export interface AlertBadge {
  kind: DeadlineAlertKind;
  deadline: string;
  /** Days from today to the deadline: 0 on the last day, negative once it has passed (until the job clears it). */
  daysLeft: number;
}

export function isDeadlineAlertKind(v: unknown): v is DeadlineAlertKind {
  return typeof v === 'string' && (DEADLINE_ALERT_KINDS as readonly string[]).includes(v);
}

/** The badge of an open alert (kind and deadline as stored) on `today`; null without an alert. */
export function alertBadge(
  kind: string | null | undefined,
  deadline: string | null | undefined,
  today: string,
): AlertBadge | null {
  if (!isDeadlineAlertKind(kind) || !deadline) return null;
  return { kind, deadline, daysLeft: daysBetween(today, deadline) };
}
