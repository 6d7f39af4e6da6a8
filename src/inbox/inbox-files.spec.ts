import { archiveName, isIgnoredName, isSettled } from './inbox-files.js';
import { REPORT_ISSUE_LIMIT, limitIssues, reportIssueOf, reportIssueOfX12Record } from './inbox-report.js';

describe('isIgnoredName', () => {
  it.each([
    '.DS_Store',
    '.~lock.x.csv#',
    'x.csv.part',
    'X.CSV.TMP',
    'x.partial',
    'x.crdownload',
    'x.csv.report.json',
  ])('leaves %s alone', (name) => expect(isIgnoredName(name)).toBe(true));

  it.each(['claims.x12', 'authorizations-2026-11.csv', 'bundle.json', 'report.json', 'partial.csv'])(
    'picks %s up',
    (name) => expect(isIgnoredName(name)).toBe(false),
  );
});

describe('isSettled', () => {
  const now = 1_000_000;
  it('waits for a file modified within the settle time', () => {
    expect(isSettled({ size: 5, mtimeMs: now - 9_999 }, { size: 5, mtimeMs: now - 9_999 }, now, 10)).toBe(
      false,
    );
    expect(isSettled({ size: 5, mtimeMs: now - 10_000 }, { size: 5, mtimeMs: now - 10_000 }, now, 10)).toBe(
      true,
    );
  });

  it('waits for a file that changed since it was listed', () => {
    expect(isSettled({ size: 5, mtimeMs: 1 }, { size: 6, mtimeMs: 1 }, now, 0)).toBe(false);
    expect(isSettled({ size: 5, mtimeMs: 1 }, { size: 5, mtimeMs: 2 }, now, 0)).toBe(false);
  });

  it('takes an unchanged file at once when the settle time is 0', () => {
    expect(isSettled({ size: 5, mtimeMs: now }, { size: 5, mtimeMs: now }, now, 0)).toBe(true);
  });
});

describe('archiveName', () => {
  it('keeps a free name', () => {
    expect(archiveName('x.csv', new Set(['y.csv']))).toBe('x.csv');
  });

  it('adds -2, -3 … before the extension, never overwriting a file or a report', () => {
    expect(archiveName('x.csv', new Set(['x.csv']))).toBe('x-2.csv');
    expect(archiveName('x.csv', new Set(['x.csv', 'x-2.csv', 'x-2.csv.report.json']))).toBe('x-3.csv');
    // A report left without its file (a move that failed) still holds its name.
    expect(archiveName('x.csv', new Set(['x.csv.report.json']))).toBe('x-2.csv');
    expect(archiveName('README', new Set(['README']))).toBe('README-2');
    expect(archiveName('claims.2026.x12', new Set(['claims.2026.x12']))).toBe('claims.2026-2.x12');
  });
});

describe('report issues', () => {
  it('keeps every position an X12 issue has', () => {
    expect(
      reportIssueOfX12Record({
        seq: 3,
        severity: 'error',
        code: 'X12_INVALID_DATE',
        message: 'bad date',
        segmentIndex: 12,
        segmentId: 'DTP',
        elementIndex: 3,
        componentIndex: null,
        line: 13,
        byteOffset: 402,
        path: '2400 DTP03',
      }),
    ).toEqual({
      severity: 'error',
      code: 'X12_INVALID_DATE',
      message: 'bad date',
      line: 13,
      byteOffset: 402,
      segment: 'DTP',
      segmentIndex: 12,
      element: 3,
      path: '2400 DTP03',
    });
  });

  it('leaves the segment out of an issue not tied to one', () => {
    expect(
      reportIssueOfX12Record({
        seq: 0,
        severity: 'error',
        code: 'X12_NOT_X12',
        message: 'not X12',
        segmentIndex: -1,
        segmentId: '',
        elementIndex: null,
        componentIndex: null,
        line: 1,
        byteOffset: 0,
        path: null,
      }),
    ).toEqual({ severity: 'error', code: 'X12_NOT_X12', message: 'not X12', line: 1, byteOffset: 0 });
  });

  it('keeps the line and column of a CSV issue and the path of a JSON one', () => {
    expect(
      reportIssueOf({
        severity: 'error',
        code: 'INPUT_INVALID_DATE',
        message: 'a.csv line 2, column patient_dob: bad',
        file: 'a.csv',
        line: 2,
        column: 'patient_dob',
      }),
    ).toEqual({
      severity: 'error',
      code: 'INPUT_INVALID_DATE',
      message: 'a.csv line 2, column patient_dob: bad',
      line: 2,
      column: 'patient_dob',
    });
    expect(
      reportIssueOf({
        severity: 'error',
        code: 'INPUT_NOT_AN_OBJECT',
        message: 'm',
        file: 'a.json',
        path: '$[2]',
      }),
    ).toEqual({ severity: 'error', code: 'INPUT_NOT_AN_OBJECT', message: 'm', path: '$[2]' });
  });

  it(`lists at most ${REPORT_ISSUE_LIMIT} issues`, () => {
    expect(limitIssues(Array.from({ length: 500 }, (_, i) => i))).toHaveLength(REPORT_ISSUE_LIMIT);
  });
});
