import { DEADLINE_ALERT_DAYS } from './deadline-alert.js';
import { alertBadge, alertWindow, DEADLINE_ALERT_KINDS, isDeadlineAlertKind } from './deadline-window.js';

describe('the deadlines window', () => {
  it('runs from today (the last day still counts) to seven days later, both inclusive', () => {
    expect(DEADLINE_ALERT_DAYS).toBe(7);
    expect(alertWindow('2026-03-10')).toEqual({ from: '2026-03-10', to: '2026-03-17' });
  });

  it('counts calendar days across month, year and leap-day boundaries', () => {
    expect(alertWindow('2026-02-25')).toEqual({ from: '2026-02-25', to: '2026-03-04' });
    expect(alertWindow('2028-02-25')).toEqual({ from: '2028-02-25', to: '2028-03-03' });
    expect(alertWindow('2026-12-28')).toEqual({ from: '2026-12-28', to: '2027-01-04' });
  });

  it('refuses a today that is not a date', () => {
    expect(() => alertWindow('2026-02-30')).toThrow(RangeError);
  });
});

describe('alert badges', () => {
  it('knows the two kinds of deadline', () => {
    expect([...DEADLINE_ALERT_KINDS]).toEqual(['filing', 'appeal']);
    expect(isDeadlineAlertKind('appeal')).toBe(true);
    expect(isDeadlineAlertKind('denial')).toBe(false);
    expect(isDeadlineAlertKind(null)).toBe(false);
  });

  it('counts the days left from today: 0 on the last day, negative once passed', () => {
    expect(alertBadge('filing', '2026-03-13', '2026-03-10')).toEqual({
      kind: 'filing',
      deadline: '2026-03-13',
      daysLeft: 3,
    });
    expect(alertBadge('appeal', '2026-03-10', '2026-03-10')?.daysLeft).toBe(0);
    expect(alertBadge('appeal', '2026-03-09', '2026-03-10')?.daysLeft).toBe(-1);
  });

  it('is null without an alert (no kind, an unknown kind or no deadline)', () => {
    expect(alertBadge(null, null, '2026-03-10')).toBeNull();
    expect(alertBadge('filing', null, '2026-03-10')).toBeNull();
    expect(alertBadge('other', '2026-03-12', '2026-03-10')).toBeNull();
  });
});
