/**
 * The server's vocabularies the pages offer as choices. The browser cannot import server modules,
 * so they are copied here; src/web/client-vocabulary.spec.ts fails when they drift from the server's.
 */

/** Denial and finding categories (src/reporting/carc-categories.ts DENIAL_CATEGORIES). */
export const CATEGORIES = [
  'authorization',
  'documentation',
  'coding',
  'medical-necessity',
  'bundling',
  'units',
  'eligibility',
  'identity',
  'duplicate',
  'timely-filing',
  'billing-data',
  'balancing',
  'coordination-of-benefits',
  'benefits',
  'other',
] as const;

/** Work statuses (src/worklist/work-status.ts). */
export const WORK_STATUSES = [
  'new',
  'in-progress',
  'fixed',
  'resubmitted',
  'resolved',
  'overridden',
] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];

/** The moves of the status workflow (src/worklist/work-status.ts). */
export const NEXT_STATUS: Readonly<Record<WorkStatus, readonly WorkStatus[]>> = {
  new: ['in-progress', 'overridden'],
  'in-progress': ['fixed', 'overridden'],
  fixed: ['resubmitted', 'overridden'],
  resubmitted: ['resolved', 'overridden'],
  resolved: ['in-progress'],
  overridden: ['in-progress'],
};

/** What the button that makes a move says. */
export function moveLabel(from: WorkStatus, to: WorkStatus): string {
  if (to === 'in-progress') return from === 'new' ? 'Start work' : 'Reopen';
  if (to === 'fixed') return 'Mark fixed';
  if (to === 'resubmitted') return 'Mark resubmitted';
  if (to === 'resolved') return 'Mark resolved';
  if (to === 'overridden') return 'Override (no action needed)…';
  return to;
}

/** Coding gap statuses (src/coding-gaps/coding-gaps.ts). */
export const GAP_STATUSES = ['open', 'resolved', 'sent-back'] as const;
export type GapStatus = (typeof GAP_STATUSES)[number];

/** What a deadline alert is about (src/deadlines/deadline-window.ts DEADLINE_ALERT_KINDS). */
export const DEADLINE_ALERT_KINDS = ['filing', 'appeal'] as const;
export type DeadlineAlertKind = (typeof DEADLINE_ALERT_KINDS)[number];

/** How many days ahead the deadlines job raises alerts (src/deadlines/deadline-alert.ts). */
export const DEADLINE_ALERT_DAYS = 7;

/** The worklist's alert filter values (src/worklist/dto/worklist-query.dto.ts WORKLIST_ALERT_FILTERS). */
export const WORKLIST_ALERT_FILTERS = ['deadline'] as const;
