import * as sut from './format.js';

describe('format', () => {
  it.each([
    [0, '$0.00'],
    [5, '$0.05'],
    [123456, '$1,234.56'],
    [-500, '-$5.00'],
    [100_000_000_01, '$100,000,000.01'],
    [null, '—'],
    [undefined, '—'],
  ])('money(%p) = %p', (cents, text) => {
    expect(sut.money(cents)).toBe(text);
  });

  it('keeps every cent of large sums (no float drift)', () => {
    expect(sut.money(Number.MAX_SAFE_INTEGER)).toBe('$90,071,992,547,409.91');
  });

  it('rounds whole dollars and formats counts and rates', () => {
    expect(sut.moneyWhole(123456)).toBe('$1,235');
    expect(sut.count(1234567)).toBe('1,234,567');
    expect(sut.percent(0.1234)).toBe('12.3%');
    expect(sut.percent(1, 0)).toBe('100%');
    expect(sut.percent(null)).toBe('—');
    expect(sut.risk(125)).toBe('12.5%');
  });

  it('reads dates as written, with no time zone shift', () => {
    expect(sut.date('2025-03-04')).toBe('Mar 4, 2025');
    expect(sut.date('2025-12-31T23:59:59.000Z')).toBe('Dec 31, 2025');
    expect(sut.date('not a date')).toBe('not a date');
    expect(sut.date(null)).toBe('—');
    expect(sut.month('2025-01')).toBe('Jan 2025');
    expect(sut.month('2025-13')).toBe('2025-13');
  });

  it('shows timestamps in the given time zone', () => {
    expect(sut.dateTime('2025-03-04T14:05:09.000Z', 'UTC')).toBe('Mar 4, 2025 14:05');
    expect(sut.dateTime('2025-03-04T14:05:09.000Z', 'America/New_York')).toBe('Mar 4, 2025 09:05');
    expect(sut.dateTime('garbage')).toBe('garbage');
  });

  it('counts days between dates across months and leap days', () => {
    expect(sut.daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(sut.daysBetween('2025-03-10', '2025-03-01')).toBe(-9);
    expect(sut.daysBetween('2025-03-10', 'x')).toBeNull();
  });

  it('says how far a deadline is', () => {
    expect(sut.deadlineIn('2025-03-04', '2025-03-04')).toBe('today');
    expect(sut.deadlineIn('2025-03-05', '2025-03-04')).toBe('in 1 day');
    expect(sut.deadlineIn('2025-03-14', '2025-03-04')).toBe('in 10 days');
    expect(sut.deadlineIn('2025-03-02', '2025-03-04')).toBe('2 days overdue');
    expect(sut.deadlineIn(null, '2025-03-04')).toBe('—');
  });

  it('labels statuses and lists codes', () => {
    expect(sut.label('in-progress')).toBe('In progress');
    expect(sut.list(['CO-16', 'CO-197'])).toBe('CO-16, CO-197');
    expect(sut.list([])).toBe('—');
    expect(sut.bytes(1536)).toBe('1.5 kB');
    expect(sut.todayUtc(new Date('2025-03-04T23:30:00-05:00'))).toBe('2025-03-05');
  });
});
