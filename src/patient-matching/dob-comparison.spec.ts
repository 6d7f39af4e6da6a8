import { compareDob, isDobTypo, isValidIsoDate, type DobRelation } from './dob-comparison.js';

describe('compareDob', () => {
  it.each<[string | null, string | null, DobRelation]>([
    ['1980-03-12', '1980-03-12', 'same'],
    [' 1980-03-12', '1980-03-12 ', 'same'],
    ['1980-03-12', '1980-03-21', 'transposed-digits'],
    ['1980-12-03', '1980-21-03', 'transposed-digits'],
    ['1980-03-12', '1908-03-12', 'transposed-digits'],
    ['1980-03-12', '1980-12-03', 'day-month-swapped'],
    ['1980-01-10', '1980-10-01', 'day-month-swapped'],
    ['1980-03-12', '1980-03-13', 'single-digit-typo'],
    ['1980-03-12', '1980-08-12', 'single-digit-typo'],
    ['1979-03-12', '1980-03-12', 'year-off'],
    ['1945-03-12', '2045-03-12', 'year-off'],
    ['1980-03-12', '1981-02-12', 'different'],
    ['1980-03-12', '1982-03-12', 'single-digit-typo'],
    ['1980-03-12', '1978-03-12', 'different'],
    ['1980-03-12', '03/12/1980', 'different'],
    ['1980-03-12', null, 'missing'],
    [null, '', 'missing'],
  ])('%s / %s → %s, both ways', (a, b, relation) => {
    expect(compareDob(a, b).relation).toBe(relation);
    expect(compareDob(b, a).relation).toBe(relation);
  });

  it('does not count a swap across the year/month or month/day boundary as a transposition', () => {
    // 1980-12-03 → digits 19801203; swapping the year's last digit with the month's first gives 1981-02-03.
    expect(compareDob('1980-12-03', '1981-02-03').relation).toBe('different');
    // Swapping the month's last digit with the day's first: 1980-01-23 / 1980-02-13.
    expect(compareDob('1980-01-23', '1980-02-13').relation).toBe('different');
  });

  it('treats an impossible date as text and says so', () => {
    expect(compareDob('1980-12-03', '1980-21-03')).toEqual({
      relation: 'transposed-digits',
      reason:
        'dates of birth 1980-12-03 and 1980-21-03 differ by two swapped digits in the month (1980-21-03 is not a valid date)',
    });
    expect(compareDob('1980-02-30', '1980-02-03')).toEqual({
      relation: 'transposed-digits',
      reason:
        'dates of birth 1980-02-30 and 1980-02-03 differ by two swapped digits in the day (1980-02-30 is not a valid date)',
    });
    // A day/month swap needs two valid dates: swapped into an impossible month, it is just different.
    expect(compareDob('1980-03-13', '1980-13-03').relation).toBe('different');
  });

  it('explains each relation', () => {
    expect(compareDob('1980-03-12', '1980-03-21').reason).toBe(
      'dates of birth 1980-03-12 and 1980-03-21 differ by two swapped digits in the day',
    );
    expect(compareDob('1980-03-12', '1980-12-03').reason).toBe(
      'dates of birth 1980-03-12 and 1980-12-03 have month and day swapped',
    );
    expect(compareDob('1980-03-12', '1980-03-13').reason).toBe(
      'dates of birth 1980-03-12 and 1980-03-13 differ by one digit in the day',
    );
    expect(compareDob('1945-03-12', '2045-03-12').reason).toBe(
      'dates of birth 1945-03-12 and 2045-03-12 differ by a century',
    );
    expect(compareDob('1979-03-12', '1980-03-12').reason).toBe(
      'dates of birth 1979-03-12 and 1980-03-12 differ by one year',
    );
    expect(compareDob('1980-03-12', '03/12/1980').reason).toBe(
      'dates of birth 1980-03-12 and 03/12/1980 differ (not both YYYY-MM-DD)',
    );
    expect(compareDob('1980-03-12', null).reason).toBe('no date of birth on one side');
    expect(compareDob(null, null).reason).toBe('no date of birth on either side');
    expect(compareDob('1980-13-45', '1981-14-45').reason).toBe(
      'dates of birth 1980-13-45 and 1981-14-45 differ (1980-13-45 and 1981-14-45 are not valid dates)',
    );
  });
});

describe('isValidIsoDate and isDobTypo', () => {
  it('checks the calendar', () => {
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
    expect(isValidIsoDate('1980-21-03')).toBe(false);
    expect(isValidIsoDate('1980-03-00')).toBe(false);
    expect(isValidIsoDate('1980-3-12')).toBe(false);
  });

  it('counts the four slips as typos', () => {
    expect(
      (['transposed-digits', 'single-digit-typo', 'day-month-swapped', 'year-off'] as const).every(isDobTypo),
    ).toBe(true);
    expect((['same', 'different', 'missing'] as const).some(isDobTypo)).toBe(false);
  });
});
