import {
  isLicensedKind,
  normalizeAdjustmentGroup,
  normalizeCarc,
  normalizeCpt,
  normalizeLicensedCode,
  normalizeNpi,
  normalizePlaceOfService,
  normalizeRarc,
  normalizeRevenueCode,
  normalizeTaxonomy,
  npiCheckDigitValid,
} from './code-formats.js';

describe('normalizeCpt', () => {
  it('accepts Category I, II and III shapes', () => {
    expect(normalizeCpt('99213')).toBe('99213');
    expect(normalizeCpt('3074f')).toBe('3074F');
    expect(normalizeCpt(' 0042T')).toBe('0042T');
  });
  it('refuses HCPCS, CDT and other shapes', () => {
    for (const raw of ['A4100', 'D0120', '9921', '992130', '0042X']) expect(normalizeCpt(raw)).toBeNull();
  });
});

describe('normalizeRevenueCode', () => {
  it.each([
    ['0450', '0450'],
    ['450', '0450'],
    ['0100', '0100'],
    ['999', '0999'],
    [' 0360 ', '0360'],
    ['1001', '1001'],
    ['2101', '2101'],
    ['3109', '3109'],
  ])('reads %j as %s', (raw, expected) => {
    expect(normalizeRevenueCode(raw)).toBe(expected);
  });
  it.each(['0001', '0099', '99', '1010', '2000', '9999', '04500', '045A', ''])('refuses %j', (raw) => {
    expect(normalizeRevenueCode(raw)).toBeNull();
  });
});

describe('normalizeCarc', () => {
  it.each([
    ['1', '1'],
    ['45', '45'],
    ['253', '253'],
    ['045', '45'],
    ['a1', 'A1'],
    ['B7', 'B7'],
    ['P1', 'P1'],
    ['B15', 'B15'],
  ])('reads %j as %s', (raw, expected) => {
    expect(normalizeCarc(raw)).toBe(expected);
  });
  it.each(['0', '000', '1000', 'AB', 'A123', 'CO45', ''])('refuses %j', (raw) => {
    expect(normalizeCarc(raw)).toBeNull();
  });
});

describe('normalizeAdjustmentGroup', () => {
  it('accepts the five group codes', () => {
    expect(['co', 'CR', 'OA', 'PI', 'pr'].map(normalizeAdjustmentGroup)).toEqual([
      'CO',
      'CR',
      'OA',
      'PI',
      'PR',
    ]);
  });
  it('refuses others', () => {
    expect(normalizeAdjustmentGroup('XX')).toBeNull();
  });
});

describe('normalizeRarc', () => {
  it.each([
    ['M15', 'M15'],
    ['n130', 'N130'],
    ['MA01', 'MA01'],
    ['MA130', 'MA130'],
    ['N1', 'N1'],
  ])('reads %j as %s', (raw, expected) => {
    expect(normalizeRarc(raw)).toBe(expected);
  });
  it.each(['M', 'MA1', 'N1234', 'X12', '45', 'MB01'])('refuses %j', (raw) => {
    expect(normalizeRarc(raw)).toBeNull();
  });
});

describe('normalizeTaxonomy', () => {
  it('accepts 3 digits, 6 characters and X', () => {
    expect(normalizeTaxonomy('207q00000x')).toBe('207Q00000X');
    expect(normalizeTaxonomy('363LF0000X')).toBe('363LF0000X');
  });
  it('refuses other shapes', () => {
    for (const raw of ['207Q00000', '207Q00000Y', 'A07Q00000X', '207Q0000X', '207Q-0000X'])
      expect(normalizeTaxonomy(raw)).toBeNull();
  });
});

describe('NPI', () => {
  it('normalizeNpi wants 10 digits starting with 1 or 2', () => {
    expect(normalizeNpi(' 1234567893 ')).toBe('1234567893');
    expect(normalizeNpi('3234567893')).toBeNull();
    expect(normalizeNpi('123456789')).toBeNull();
    expect(normalizeNpi('12345678931')).toBeNull();
  });
  it('npiCheckDigitValid accepts the CMS example and a second valid NPI', () => {
    expect(npiCheckDigitValid('1234567893')).toBe(true);
    expect(npiCheckDigitValid('1245319599')).toBe(true);
  });
  it('npiCheckDigitValid refuses every other check digit and non-digits', () => {
    for (let d = 0; d <= 9; d++) if (d !== 3) expect(npiCheckDigitValid(`123456789${d}`)).toBe(false);
    expect(npiCheckDigitValid('12345678X3')).toBe(false);
    expect(npiCheckDigitValid('123456789')).toBe(false);
  });
  it('npiCheckDigitValid catches a transposition', () => {
    expect(npiCheckDigitValid('1243567893')).toBe(false);
  });
});

describe('normalizePlaceOfService', () => {
  it('pads one digit and keeps two', () => {
    expect(normalizePlaceOfService('1')).toBe('01');
    expect(normalizePlaceOfService(' 11 ')).toBe('11');
  });
  it('refuses other shapes', () => {
    expect(normalizePlaceOfService('111')).toBeNull();
    expect(normalizePlaceOfService('1A')).toBeNull();
  });
});

describe('normalizeLicensedCode / isLicensedKind', () => {
  it('dispatches on the kind', () => {
    expect(normalizeLicensedCode('cpt', '99213')).toBe('99213');
    expect(normalizeLicensedCode('revenue', '450')).toBe('0450');
    expect(normalizeLicensedCode('carc', '045')).toBe('45');
    expect(normalizeLicensedCode('rarc', 'ma01')).toBe('MA01');
    expect(normalizeLicensedCode('taxonomy', '207q00000x')).toBe('207Q00000X');
    expect(normalizeLicensedCode('cpt', '450')).toBeNull();
  });
  it('knows the five kinds', () => {
    expect(['cpt', 'revenue', 'carc', 'rarc', 'taxonomy'].every(isLicensedKind)).toBe(true);
    expect(isLicensedKind('hcpcs')).toBe(false);
  });
});
