import {
  fhirDatePart,
  isCalendarDate,
  parseBooleanText,
  parseCents,
  parseDate,
  parseEnum,
  parseIcd10,
  parseModifier,
  parseNpi,
  parseProcedureCode,
  parseSex,
  parseUnits,
  splitCodeList,
} from './field-values.js';

describe('dates', () => {
  it.each(['2024-02-29', '2000-02-29', '2025-12-31', '1980-01-01'])('%s is a calendar date', (d) => {
    expect(parseDate(d)).toEqual({ ok: true, value: d });
  });

  it.each(['2025-02-30', '2023-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00'])(
    '%s is not a real date',
    (d) => {
      expect(isCalendarDate(d)).toBe(false);
      expect(parseDate(d)).toMatchObject({ ok: false, code: 'INPUT_INVALID_DATE' });
    },
  );

  it.each(['2025/01/01', '01/15/2024', '2025-1-1', '20250101', '2025-01-01T00:00:00'])(
    '%s has the wrong form',
    (d) => {
      expect(parseDate(d)).toEqual({
        ok: false,
        code: 'INPUT_INVALID_DATE',
        message: `"${d}" is not a date in the form YYYY-MM-DD`,
      });
    },
  );
});

describe('fhirDatePart: the date as written, never shifted through UTC', () => {
  it.each([
    ['2025-03-04T23:30:00-05:00', '2025-03-04'],
    ['2025-03-04T00:30:00+09:00', '2025-03-04'],
    ['2025-03-04T23:59:59.999Z', '2025-03-04'],
    ['2025-03-04T12:00', '2025-03-04'],
    ['2025-03-04', '2025-03-04'],
  ])('%s → %s', (text, date) => {
    expect(fhirDatePart(text)).toEqual({ ok: true, value: date });
  });

  it.each(['2025', '2025-03', '2025-02-30T10:00:00Z', 'March 4, 2025', '2025-03-04 10:00'])(
    'rejects %s',
    (text) => {
      expect(fhirDatePart(text)).toMatchObject({ ok: false, code: 'INPUT_INVALID_DATE' });
    },
  );
});

describe('parseCents: dollars to integer cents without floats', () => {
  it.each([
    ['125.00', 12500],
    ['125', 12500],
    ['125.5', 12550],
    ['0.29', 29],
    ['0.07', 7],
    ['1234567.89', 123456789],
    ['0', 0],
    ['00.10', 10],
    ['19.99', 1999],
  ])('%s → %d', (text, cents) => {
    expect(parseCents(text)).toEqual({ ok: true, value: cents });
  });

  it.each([
    '12.345',
    '-5',
    '1e3',
    '$125.00',
    '1,250.00',
    '125.',
    '.50',
    '',
    ' 12',
    '+5',
    '99999999999999999999',
  ])('rejects %s', (text) => {
    expect(parseCents(text)).toMatchObject({ ok: false, code: 'INPUT_INVALID_AMOUNT' });
  });
});

describe('parseUnits', () => {
  it.each([
    ['0', 0],
    ['12', 12],
    ['007', 7],
  ])('%s → %d', (text, n) => expect(parseUnits(text)).toEqual({ ok: true, value: n }));
  it.each(['-1', '1.5', '1e2', 'two', '99999999999999999999'])('rejects %s', (text) => {
    expect(parseUnits(text)).toMatchObject({ ok: false, code: 'INPUT_INVALID_NUMBER' });
  });
});

describe('booleans, enums, sex', () => {
  it('reads true/false in any case only', () => {
    expect(parseBooleanText('TRUE')).toEqual({ ok: true, value: true });
    expect(parseBooleanText('false')).toEqual({ ok: true, value: false });
    expect(parseBooleanText('yes')).toMatchObject({ ok: false, code: 'INPUT_INVALID_BOOLEAN' });
    expect(parseBooleanText('1')).toMatchObject({ ok: false, code: 'INPUT_INVALID_BOOLEAN' });
  });

  it('reads enums case-insensitively, with aliases', () => {
    const values = ['approved', 'cancelled'] as const;
    expect(parseEnum('Approved', values)).toEqual({ ok: true, value: 'approved' });
    expect(parseEnum('canceled', values, { canceled: 'cancelled' })).toEqual({
      ok: true,
      value: 'cancelled',
    });
    expect(parseEnum('ok', values)).toEqual({
      ok: false,
      code: 'INPUT_INVALID_ENUM',
      message: '"ok" is not one of approved, cancelled',
    });
  });

  it.each([
    ['M', 'M'],
    ['f', 'F'],
    ['u', 'U'],
    ['Male', 'M'],
    ['FEMALE', 'F'],
    ['unknown', 'U'],
  ])('sex %s → %s', (text, sex) => expect(parseSex(text)).toEqual({ ok: true, value: sex }));
  it.each(['X', 'O', 'other', 'man'])('rejects sex %s', (text) => {
    expect(parseSex(text)).toMatchObject({ ok: false, code: 'INPUT_INVALID_ENUM' });
  });
});

describe('codes and NPIs', () => {
  it('normalizes ICD-10-CM and names a bad code', () => {
    expect(parseIcd10('j06.9')).toEqual({ ok: true, value: 'J069' });
    expect(parseIcd10('E11.65')).toEqual({ ok: true, value: 'E1165' });
    expect(parseIcd10('12345')).toEqual({
      ok: false,
      code: 'INPUT_INVALID_CODE',
      message: '"12345" is not an ICD-10-CM code',
    });
  });

  it('normalizes CPT, HCPCS, CDT, Category II/III and rejects other shapes', () => {
    expect(parseProcedureCode('99213')).toEqual({ ok: true, value: '99213' });
    expect(parseProcedureCode('e0114')).toEqual({ ok: true, value: 'E0114' });
    expect(parseProcedureCode('D1110')).toEqual({ ok: true, value: 'D1110' });
    expect(parseProcedureCode('3074F')).toEqual({ ok: true, value: '3074F' });
    expect(parseProcedureCode('0042T')).toEqual({ ok: true, value: '0042T' });
    for (const bad of ['9921', '992130', 'ABCDE', 'N0001', '99213-25']) {
      expect(parseProcedureCode(bad)).toMatchObject({ ok: false, code: 'INPUT_INVALID_CODE' });
    }
  });

  it('normalizes modifiers', () => {
    expect(parseModifier('lt')).toEqual({ ok: true, value: 'LT' });
    expect(parseModifier('25')).toEqual({ ok: true, value: '25' });
    expect(parseModifier('X')).toMatchObject({ ok: false, code: 'INPUT_INVALID_CODE' });
    expect(parseModifier('ABC')).toMatchObject({ ok: false, code: 'INPUT_INVALID_CODE' });
  });

  it('checks NPIs', () => {
    expect(parseNpi('1234567893')).toEqual({ ok: true, value: '1234567893' });
    expect(parseNpi('1234567890')).toEqual({
      ok: false,
      code: 'INPUT_INVALID_NPI',
      message: 'NPI "1234567890" fails the check digit',
    });
    expect(parseNpi('12345')).toMatchObject({ ok: false, code: 'INPUT_INVALID_NPI' });
  });

  it('splits ;-lists and drops blank pieces', () => {
    expect(splitCodeList(' J06.9 ; R50.9;;')).toEqual(['J06.9', 'R50.9']);
    expect(splitCodeList('')).toEqual([]);
  });
});
