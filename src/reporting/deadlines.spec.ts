import { addDays, appealDeadline, daysBetween, filingDeadline } from './deadlines.js';

describe('deadlines', () => {
  it('adds calendar days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-08', 0)).toBe('2026-03-08');
    // Across the US daylight-saving changes: whole days, no hour lost or gained.
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(addDays('2026-10-31', 2)).toBe('2026-11-02');
    expect(addDays('2000-02-28', 366)).toBe('2001-02-28');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-03-09', '2026-03-07')).toBe(-2);
    expect(daysBetween('2026-03-07', '2026-03-07')).toBe(0);
    expect(daysBetween('1999-12-31', '2000-03-01')).toBe(61);
  });

  it('gives the appeal deadline: the denial date plus the window', () => {
    expect(appealDeadline('2026-02-06', 180)).toBe('2026-08-05');
    expect(appealDeadline('2026-02-06', 60)).toBe('2026-04-07');
    expect(appealDeadline('2024-01-15', 45)).toBe('2024-02-29');
    expect(appealDeadline('2026-02-06', 0)).toBe('2026-02-06');
  });

  it('gives the filing deadline the TF rules name (service 2026-01-10, 90 days → 2026-04-10)', () => {
    // rules/timely-filing/past-limit.yaml: TESTPAYER allows 90 days; filed 2026-04-10 passes, -11 fires.
    expect(filingDeadline('2026-01-10', 90)).toBe('2026-04-10');
    expect(filingDeadline('2025-03-15', 365)).toBe('2026-03-15');
    expect(filingDeadline('2023-03-15', 365)).toBe('2024-03-14');
  });

  it('rejects bad dates and day counts with a RangeError naming the value', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(
      new RangeError('date must be a real date YYYY-MM-DD, got "2026-02-30"'),
    );
    expect(() => addDays('2026-2-3', 1)).toThrow(RangeError);
    expect(() => addDays('20260203', 1)).toThrow(/got "20260203"/);
    expect(() => addDays('2026-02-03T00:00:00Z', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-03', 1.5)).toThrow(new RangeError('days must be a whole number, got 1.5'));
    expect(() => addDays('2026-02-03', NaN)).toThrow(/got NaN/);
    expect(() => daysBetween('2026-01-01', '')).toThrow(
      new RangeError('to must be a real date YYYY-MM-DD, got ""'),
    );
    expect(() => daysBetween('0000-01-01', '2026-01-01')).toThrow(/from must be .*"0000-01-01"/);
    expect(() => appealDeadline('2026-02-06', -1)).toThrow(
      new RangeError('appealDays must be a whole number, 0 or more, got -1'),
    );
    expect(() => appealDeadline('2026-13-01', 30)).toThrow(/denialDate .*"2026-13-01"/);
    expect(() => filingDeadline('2026-01-10', 90.5)).toThrow(/timelyFilingDays .*90\.5/);
    expect(() => filingDeadline('yesterday', 90)).toThrow(/serviceDate .*"yesterday"/);
    expect(() => addDays(null as unknown as string, 1)).toThrow(/got null/);
    expect(() => addDays('9999-12-31', 1)).toThrow(new RangeError('9999-12-31 plus 1 days is out of range'));
  });

  it('does not depend on the local time zone', () => {
    const tz = process.env['TZ'];
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC']) {
        process.env['TZ'] = zone;
        expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
        expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
      }
    } finally {
      if (tz === undefined) delete process.env['TZ'];
      else process.env['TZ'] = tz;
    }
  });
});
