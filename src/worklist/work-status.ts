/**
 * The billing worklist's status workflow: where a claim's work stands and which moves are allowed.
 * Pure: the service asks it before writing, the tests read it as the specification.
 *
 *   new → in-progress → fixed → resubmitted → resolved
 *   any open state (new, in-progress, fixed, resubmitted) → overridden (a reason is required)
 *   resolved or overridden → in-progress (reopened)
 */

export const WORK_STATUSES = [
  'new',
  'in-progress',
  'fixed',
  'resubmitted',
  'resolved',
  'overridden',
] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];

/** Statuses of work not finished: everything but resolved and overridden. */
export const OPEN_STATUSES: readonly WorkStatus[] = ['new', 'in-progress', 'fixed', 'resubmitted'];

/**
 * Someone has started on the claim: it stays in the worklist until resolved or overridden, even when
 * the claim no longer qualifies (its findings were fixed, a corrected claim went out).
 */
export const ACTIVE_STATUSES: readonly WorkStatus[] = ['in-progress', 'fixed', 'resubmitted'];

/** Closed statuses: the work is done (or the tool was wrong); reopening goes back to in-progress. */
export const CLOSED_STATUSES: readonly WorkStatus[] = ['resolved', 'overridden'];

/** The status filter also takes `open` (any open status). */
export const WORK_STATUS_FILTERS = [...WORK_STATUSES, 'open'] as const;
export type WorkStatusFilter = (typeof WORK_STATUS_FILTERS)[number];

const NEXT: Readonly<Record<WorkStatus, readonly WorkStatus[]>> = {
  new: ['in-progress', 'overridden'],
  'in-progress': ['fixed', 'overridden'],
  fixed: ['resubmitted', 'overridden'],
  resubmitted: ['resolved', 'overridden'],
  resolved: ['in-progress'],
  overridden: ['in-progress'],
};

export function isWorkStatus(v: unknown): v is WorkStatus {
  return typeof v === 'string' && (WORK_STATUSES as readonly string[]).includes(v);
}

/** The statuses a claim in `from` may move to. */
export function allowedNext(from: WorkStatus): readonly WorkStatus[] {
  return NEXT[from];
}

/** Whether `from → to` is a move of the workflow. */
export function canMove(from: WorkStatus, to: WorkStatus): boolean {
  return NEXT[from].includes(to);
}

/** Why a move cannot be made: a conflict with the current status (409), or a missing reason (400). */
export type MoveProblem = { kind: 'conflict'; message: string } | { kind: 'invalid'; message: string };

/**
 * Checks a requested move: the move must be in the workflow (else a conflict naming both statuses and
 * what is allowed), and an override needs a reason (not only blanks).
 */
export function moveProblem(
  from: WorkStatus,
  to: WorkStatus,
  reason: string | null | undefined,
): MoveProblem | null {
  if (!canMove(from, to)) {
    const allowed = NEXT[from];
    return {
      kind: 'conflict',
      message:
        from === to
          ? `the claim's work is already ${from}`
          : `cannot move the claim's work from ${from} to ${to}; from ${from} it can move to ${allowed.join(' or ')}`,
    };
  }
  if (to === 'overridden' && (reason ?? '').trim() === '') {
    return {
      kind: 'invalid',
      message: 'reason is required to override a claim (why the tool is wrong about it)',
    };
  }
  return null;
}

/** Whether a claim in this status is still open work (a claim without a work item is `new`). */
export function isOpen(status: WorkStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
