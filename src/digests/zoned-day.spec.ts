import { dateIn } from '../jobs/job-types.js';
import { daysInstantsIn, startOfDayIn } from './zoned-day.js';

const hours = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 3_600_000;

describe('startOfDayIn', () => {
  it('is midnight UTC in UTC', () => {
    expect(startOfDayIn('UTC', '2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
    expect(startOfDayIn('Etc/UTC', '2028-02-29')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('is local midnight: standard and summer time, zones east and west, half hours', () => {
    expect(startOfDayIn('America/Chicago', '2026-01-15')).toBe('2026-01-15T06:00:00.000Z');
    expect(startOfDayIn('America/Chicago', '2026-07-01')).toBe('2026-07-01T05:00:00.000Z');
    expect(startOfDayIn('Europe/Paris', '2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfDayIn('Asia/Kolkata', '2026-03-01')).toBe('2026-02-28T18:30:00.000Z');
    expect(startOfDayIn('Asia/Kathmandu', '2026-03-01')).toBe('2026-02-28T18:15:00.000Z');
    expect(startOfDayIn('Pacific/Kiritimati', '2026-03-01')).toBe('2026-02-28T10:00:00.000Z');
    expect(startOfDayIn('Pacific/Pago_Pago', '2026-03-01')).toBe('2026-03-01T11:00:00.000Z');
  });

  it('crosses the year in the zone, not in UTC', () => {
    expect(startOfDayIn('America/Los_Angeles', '2027-01-01')).toBe('2027-01-01T08:00:00.000Z');
    expect(startOfDayIn('Australia/Sydney', '2027-01-01')).toBe('2026-12-31T13:00:00.000Z');
  });

  it('on the days the clocks change (at 02:00), the day still begins at midnight with the old offset', () => {
    // Chicago: summer time from 2026-03-08, back to standard time on 2026-11-01.
    expect(startOfDayIn('America/Chicago', '2026-03-08')).toBe('2026-03-08T06:00:00.000Z');
    expect(startOfDayIn('America/Chicago', '2026-03-09')).toBe('2026-03-09T05:00:00.000Z');
    expect(startOfDayIn('America/Chicago', '2026-11-01')).toBe('2026-11-01T05:00:00.000Z');
    expect(startOfDayIn('America/Chicago', '2026-11-02')).toBe('2026-11-02T06:00:00.000Z');
    // Sydney (southern summer): summer time ends 2026-04-05, starts 2026-10-04.
    expect(startOfDayIn('Australia/Sydney', '2026-04-05')).toBe('2026-04-04T13:00:00.000Z');
    expect(startOfDayIn('Australia/Sydney', '2026-04-06')).toBe('2026-04-05T14:00:00.000Z');
    expect(startOfDayIn('Australia/Sydney', '2026-10-04')).toBe('2026-10-03T14:00:00.000Z');
    expect(startOfDayIn('Australia/Sydney', '2026-10-05')).toBe('2026-10-04T13:00:00.000Z');
  });

  it('where the clocks skip midnight, the day begins when they jump (01:00)', () => {
    // Havana and Santiago move to summer time at 00:00, straight to 01:00.
    expect(startOfDayIn('America/Havana', '2026-03-08')).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDayIn('America/Santiago', '2026-09-06')).toBe('2026-09-06T04:00:00.000Z');
  });

  it('where midnight happens twice, the day begins at the first one', () => {
    // Havana goes back from 01:00 to 00:00 on 2026-11-01: midnight at 04:00Z and again at 05:00Z.
    expect(startOfDayIn('America/Havana', '2026-11-01')).toBe('2026-11-01T04:00:00.000Z');
    // Santiago goes back from Saturday 24:00 to 23:00: Sunday's midnight happens once, an hour later.
    expect(startOfDayIn('America/Santiago', '2026-04-05')).toBe('2026-04-05T04:00:00.000Z');
  });

  it('keeps offsets in seconds (local mean time)', () => {
    expect(startOfDayIn('America/New_York', '1880-01-01')).toBe('1880-01-01T04:56:02.000Z');
  });

  it('refuses a day that is not a date and an unknown zone', () => {
    expect(() => startOfDayIn('UTC', '2026-02-30')).toThrow(RangeError);
    expect(() => startOfDayIn('UTC', '2026-3-1')).toThrow(RangeError);
    expect(() => startOfDayIn('Mars/Olympus_Mons', '2026-03-01')).toThrow(RangeError);
  });
});

describe('daysInstantsIn', () => {
  it('runs from the start of the first day to the start of the day after the last', () => {
    expect(daysInstantsIn('UTC', '2026-03-01', '2026-03-01')).toEqual({
      start: '2026-03-01T00:00:00.000Z',
      end: '2026-03-02T00:00:00.000Z',
    });
    expect(daysInstantsIn('America/Chicago', '2026-02-23', '2026-03-01')).toEqual({
      start: '2026-02-23T06:00:00.000Z',
      end: '2026-03-02T06:00:00.000Z',
    });
  });

  it('spans 23 or 25 hours on the days the clocks change', () => {
    const spring = daysInstantsIn('America/Chicago', '2026-03-08', '2026-03-08');
    expect(hours(spring.start, spring.end)).toBe(23);
    const fall = daysInstantsIn('America/Chicago', '2026-11-01', '2026-11-01');
    expect(hours(fall.start, fall.end)).toBe(25);
    const week = daysInstantsIn('America/Chicago', '2026-03-02', '2026-03-08');
    expect(hours(week.start, week.end)).toBe(7 * 24 - 1);
    const skipped = daysInstantsIn('America/Havana', '2026-03-08', '2026-03-08');
    expect(hours(skipped.start, skipped.end)).toBe(23);
  });

  it('the days of consecutive periods meet without a gap or an overlap', () => {
    for (const zone of ['America/Chicago', 'America/Havana', 'Australia/Lord_Howe', 'Asia/Kolkata']) {
      let day = '2026-01-01';
      let previous = daysInstantsIn(zone, day, day);
      for (let i = 0; i < 400; i++) {
        day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        const next = daysInstantsIn(zone, day, day);
        expect({ zone, day, start: next.start }).toEqual({ zone, day, start: previous.end });
        // The first instant of the day there: the second before it is still the day before.
        const start = Date.parse(next.start);
        expect([dateIn(zone, new Date(start)), dateIn(zone, new Date(start - 1000)) < day]).toEqual([
          day,
          true,
        ]);
        expect(hours(next.start, next.end)).toBeGreaterThanOrEqual(23);
        expect(hours(next.start, next.end)).toBeLessThanOrEqual(25);
        previous = next;
      }
    }
  });

  it('refuses days that end before they begin', () => {
    expect(() => daysInstantsIn('UTC', '2026-03-02', '2026-03-01')).toThrow(RangeError);
  });
});
