import { describeInputIssue } from './input-issue-format.js';

describe('describeInputIssue', () => {
  it('does not repeat a position the message already opens with', () => {
    expect(
      describeInputIssue({
        severity: 'error',
        code: 'INPUT_INVALID_AMOUNT',
        message: 'c.csv line 2, column allowed_amount: "-5" is not a dollar amount',
        file: 'c.csv',
        line: 2,
        column: 'allowed_amount',
      }),
    ).toBe('c.csv line 2, column allowed_amount: "-5" is not a dollar amount [INPUT_INVALID_AMOUNT]');
  });

  it('names the file and every position it has', () => {
    expect(
      describeInputIssue({
        severity: 'error',
        code: 'INPUT_INVALID_DATE',
        message: '"2025-02-30" is not a calendar date',
        file: 'auth.csv',
        line: 4,
        column: 'start_date',
      }),
    ).toBe('auth.csv, line 4, column start_date: "2025-02-30" is not a calendar date [INPUT_INVALID_DATE]');
    expect(
      describeInputIssue({
        severity: 'error',
        code: 'X12_INVALID_DATE',
        message: 'bad date',
        file: 'r.x12',
        line: 12,
        byteOffset: 340,
        segment: 'DTP',
        element: 'DTP03',
      }),
    ).toBe('r.x12, line 12, byte 340, segment DTP DTP03: bad date [X12_INVALID_DATE]');
    expect(
      describeInputIssue({
        severity: 'error',
        code: 'FHIR_INVALID_RESOURCE',
        message: 'no family name',
        file: 'b.json',
        path: '$.entry[0].resource.name[0].family',
      }),
    ).toBe('b.json, $.entry[0].resource.name[0].family: no family name [FHIR_INVALID_RESOURCE]');
  });
});
