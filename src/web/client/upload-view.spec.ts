import * as sut from './upload-view.js';

describe('upload view', () => {
  it.each([
    [
      {
        severity: 'error',
        message: 'x',
        line: 12,
        byteOffset: 345,
        segmentId: 'CLM',
        elementIndex: 5,
        componentIndex: 3,
        path: '2300 CLM05-3',
      },
      'line 12, 2300 CLM05-3 (byte 345)',
    ],
    [
      {
        severity: 'error',
        message: 'x',
        line: 3,
        byteOffset: 40,
        segmentId: 'CLM',
        elementIndex: 5,
        componentIndex: null,
        path: null,
      },
      'line 3, CLM05 (byte 40)',
    ],
    [{ severity: 'error', message: 'x', line: 1, byteOffset: 0, segmentId: 'ISA' }, 'line 1, ISA (byte 0)'],
    [{ severity: 'error', message: 'x', line: 4, column: 'patient_dob' }, 'line 4, column patient_dob'],
    [{ severity: 'warning', message: 'x', path: '$[3].patient_dob' }, '$[3].patient_dob'],
    [{ severity: 'error', message: 'x', line: 9, segment: 'DTP', element: 'DTP03' }, 'line 9, DTP DTP03'],
    [{ severity: 'error', message: 'x', segmentIndex: -1, byteOffset: -1 }, '—'],
    [{ severity: 'error', message: 'x' }, '—'],
  ])('places %j at %p', (issue, where) => {
    expect(sut.issuePosition(issue)).toBe(where);
  });

  it('sums up an X12 upload', () => {
    const file = {
      id: 'f',
      kind: '837p',
      status: 'processed',
      transactionCount: 1,
      claimCount: 40,
      paymentCount: 0,
      errorCount: 0,
      warningCount: 2,
    };
    expect(sut.fileSummary({ file, duplicate: false })).toBe(
      '837P processed: 1 transaction, 40 claims; 0 errors, 2 warnings.',
    );
    expect(
      sut.fileSummary({
        file: { ...file, kind: '835', claimCount: 0, paymentCount: 1, warningCount: 0, transactionCount: 2 },
        duplicate: false,
      }),
    ).toBe('835 processed: 2 transactions, 1 payment.');
    expect(sut.fileSummary({ file, duplicate: true })).toMatch(/^Already received/);
  });

  it('sums up an input import', () => {
    expect(
      sut.importSummary({
        kind: 'authorizations',
        records: { authorizations: 12, documentation: 0, eligibility: 0, contracts: 0, patients: 3 },
        inserted: 10,
        updated: 2,
        warnings: [{ severity: 'warning', message: 'w' }],
        linking: { claims: 40, links: 38 },
        evaluation: { claims: 40, findings: 7 },
      }),
    ).toBe(
      'Read 12 authorizations, 3 patients; 10 new, 2 updated; 1 warning; 38 claim–patient links; 40 claims re-checked, 7 findings.',
    );
  });
});
