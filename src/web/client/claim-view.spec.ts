import * as sut from './claim-view.js';

describe('claim view', () => {
  it.each([
    [
      ['X12 005010X222A1 837 Professional, 2300 and 2400 REF G1 (prior authorization)'],
      '2300 and 2400 REF G1 (prior authorization)',
    ],
    [
      [
        'Payer profile list (rules/payers/)',
        'X12 005010X222A1 837 Professional, 2400 SV105 place of service code',
      ],
      '2400 SV105 place of service code',
    ],
    [
      ['ASC X12 005010X222A1, loop 2000A PRV and 2310B PRV (provider taxonomy)'],
      'loop 2000A PRV and 2310B PRV (provider taxonomy)',
    ],
    [
      ['X12 005010X222A1 837 Professional, CLM05-3 claim frequency type code'],
      'CLM05-3 claim frequency type code',
    ],
    [['X12 Claim Adjustment Reason Codes (CARC 197), x12.org/codes/claim-adjustment-reason-codes'], null],
    [[], null],
    [undefined, null],
  ])('x12ElementOf(%j) = %p', (refs, element) => {
    expect(sut.x12ElementOf(refs)).toBe(element);
  });

  it('turns evidence into readable lines, one level of nesting deep', () => {
    expect(
      sut.evidenceLines({
        procedureCode: '73721',
        authorization: { status: 'expired', endDate: '2026-01-31' },
        diagnosisCodes: ['M17.11', 'M25.561'],
        units: 2,
        missing: null,
        deep: [{ a: 1 }],
        empty: {},
      }),
    ).toEqual([
      ['Procedure code', '73721'],
      ['Authorization status', 'expired'],
      ['Authorization end date', '2026-01-31'],
      ['Diagnosis codes', 'M17.11, M25.561'],
      ['Units', '2'],
      ['Missing', '—'],
      ['Deep', '[{"a":1}]'],
    ]);
    expect(sut.evidenceLines(null)).toEqual([]);
  });

  it('labels keys for people', () => {
    expect(sut.humanKey('authNumber')).toBe('Auth number');
    expect(sut.humanKey('line.procedureCode')).toBe('Line procedure code');
    expect(sut.humanKey('npi')).toBe('Npi');
  });

  it('takes the first sentence of a message as its summary', () => {
    expect(sut.firstSentence('Line 1: payer requires auth. Check the file.')).toBe(
      'Line 1: payer requires auth.',
    );
    expect(sut.firstSentence('No full stop')).toBe('No full stop');
    expect(sut.firstSentence('  Spaces\n  collapse.  ')).toBe('Spaces collapse.');
  });
});
