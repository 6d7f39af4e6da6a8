import * as sut from './digest-period.js';

describe('digestPeriod', () => {
  it('daily: yesterday only', () => {
    expect(sut.digestPeriod('daily', '2026-03-02')).toEqual({
      kind: 'daily',
      from: '2026-03-01',
      to: '2026-03-01',
    });
  });

  it('weekly: the seven days ending yesterday', () => {
    expect(sut.digestPeriod('weekly', '2026-03-09')).toEqual({
      kind: 'weekly',
      from: '2026-03-02',
      to: '2026-03-08',
    });
  });

  it('crosses month, year and leap-day boundaries on the calendar', () => {
    expect(sut.digestPeriod('daily', '2026-01-01')).toEqual({
      kind: 'daily',
      from: '2025-12-31',
      to: '2025-12-31',
    });
    expect(sut.digestPeriod('daily', '2028-03-01').to).toBe('2028-02-29');
    expect(sut.digestPeriod('weekly', '2028-03-03')).toEqual({
      kind: 'weekly',
      from: '2028-02-25',
      to: '2028-03-02',
    });
    expect(sut.digestPeriod('weekly', '2027-01-03')).toEqual({
      kind: 'weekly',
      from: '2026-12-27',
      to: '2027-01-02',
    });
  });

  it('refuses a today that is not a date', () => {
    expect(() => sut.digestPeriod('daily', '2026-02-30')).toThrow(RangeError);
    expect(() => sut.digestPeriod('weekly', 'yesterday')).toThrow(RangeError);
  });
});

describe('digestFileNames', () => {
  it('names one pair of files per kind and last day, inside the digests folder', () => {
    const names = sut.digestFileNames({ kind: 'weekly', from: '2026-03-02', to: '2026-03-08' });
    expect(names).toEqual({
      html: 'digests/digest-weekly-2026-03-08.html',
      csv: 'digests/digest-weekly-2026-03-08.csv',
    });
    expect(sut.DIGEST_FILE_NAME.test(names.html)).toBe(true);
    expect(sut.DIGEST_FILE_NAME.test(names.csv)).toBe(true);
  });

  it('accepts no other stored name (paths out of the folder, other files)', () => {
    for (const name of [
      '../digests/digest-daily-2026-03-01.html',
      'digests/../../etc/passwd',
      '/etc/passwd',
      'digests/digest-daily-2026-03-01.html/../x.html',
      'digests/digest-monthly-2026-03-01.html',
      'digests/digest-daily-2026-03-01.exe',
      'digest-daily-2026-03-01.html',
    ]) {
      expect({ name, ok: sut.DIGEST_FILE_NAME.test(name) }).toEqual({ name, ok: false });
    }
  });
});
