import {
  ACTIVE_STATUSES,
  allowedNext,
  canMove,
  isOpen,
  isWorkStatus,
  moveProblem,
  OPEN_STATUSES,
  WORK_STATUSES,
  type WorkStatus,
} from './work-status.js';

/** The workflow as the contract states it: every pair not listed here is refused. */
const ALLOWED: [WorkStatus, WorkStatus][] = [
  ['new', 'in-progress'],
  ['in-progress', 'fixed'],
  ['fixed', 'resubmitted'],
  ['resubmitted', 'resolved'],
  ['new', 'overridden'],
  ['in-progress', 'overridden'],
  ['fixed', 'overridden'],
  ['resubmitted', 'overridden'],
  ['resolved', 'in-progress'],
  ['overridden', 'in-progress'],
];

describe('work status workflow', () => {
  const key = (from: string, to: string) => `${from}→${to}`;
  const allowed = new Set(ALLOWED.map(([f, t]) => key(f, t)));

  it.each(WORK_STATUSES.flatMap((from) => WORK_STATUSES.map((to) => [from, to] as const)))(
    '%s → %s is allowed exactly when the workflow lists it',
    (from, to) => {
      expect(canMove(from, to)).toBe(allowed.has(key(from, to)));
    },
  );

  it('lists the next statuses of each status', () => {
    expect(allowedNext('new')).toEqual(['in-progress', 'overridden']);
    expect(allowedNext('resolved')).toEqual(['in-progress']);
    expect(allowedNext('overridden')).toEqual(['in-progress']);
  });

  it('refuses a move outside the workflow as a conflict naming from, to and what is allowed', () => {
    expect(moveProblem('new', 'resolved', null)).toEqual({
      kind: 'conflict',
      message:
        "cannot move the claim's work from new to resolved; from new it can move to in-progress or overridden",
    });
    expect(moveProblem('fixed', 'fixed', null)).toEqual({
      kind: 'conflict',
      message: "the claim's work is already fixed",
    });
  });

  it('requires a reason to override, and only to override', () => {
    for (const reason of [undefined, null, '', '   ']) {
      expect(moveProblem('in-progress', 'overridden', reason)).toEqual({
        kind: 'invalid',
        message: expect.stringContaining('reason is required'),
      });
    }
    expect(moveProblem('in-progress', 'overridden', 'payer confirmed coverage by phone')).toBeNull();
    expect(moveProblem('new', 'in-progress', undefined)).toBeNull();
  });

  it('checks the move before the reason (a refused override without reason is a conflict)', () => {
    expect(moveProblem('resolved', 'overridden', undefined)?.kind).toBe('conflict');
  });

  it('tells open from closed statuses; active work is open', () => {
    expect(OPEN_STATUSES.filter(isOpen)).toEqual(OPEN_STATUSES);
    expect(isOpen('resolved')).toBe(false);
    expect(isOpen('overridden')).toBe(false);
    for (const s of ACTIVE_STATUSES) expect(isOpen(s)).toBe(true);
    expect(ACTIVE_STATUSES).not.toContain('new');
  });

  it('recognises statuses', () => {
    expect(isWorkStatus('in-progress')).toBe(true);
    expect(isWorkStatus('open')).toBe(false);
    expect(isWorkStatus(3)).toBe(false);
  });
});
