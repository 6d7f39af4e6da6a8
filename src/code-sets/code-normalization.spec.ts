import {
  formatIcd10,
  normalizeIcd10,
  normalizeModifier,
  normalizeProcedureCode,
  procedureCodeSystem,
} from './code-normalization.js';

describe('normalizeIcd10', () => {
  it.each([
    ['E11.9', 'E119'],
    ['e119', 'E119'],
    [' e11.9 ', 'E119'],
    ['E 11 . 9', 'E119'],
    ['E11.', 'E11'],
    ['s30.1xxa', 'S301XXA'],
    ['C4A.0', 'C4A0'],
    ['U07.1', 'U071'],
    ['QA0.0', 'QA00'],
    ['\u00a0I21.4\t', 'I214'],
  ])('reads %j as %s', (raw, expected) => {
    expect(normalizeIcd10(raw)).toBe(expected);
  });

  it.each(['', 'E1', 'E11.91234', 'E1.19', 'E11..9', '11.9', 'ABC', 'DOG', '99213', 'E11-9', 'E11.9;'])(
    'refuses %j',
    (raw) => {
      expect(normalizeIcd10(raw)).toBeNull();
    },
  );
});

describe('formatIcd10', () => {
  it('puts the dot after the category', () => {
    expect(formatIcd10('E119')).toBe('E11.9');
    expect(formatIcd10('S301XXA')).toBe('S30.1XXA');
  });
  it('leaves a category alone', () => {
    expect(formatIcd10('I21')).toBe('I21');
  });
});

describe('procedureCodeSystem', () => {
  it.each([
    ['99213', 'cpt'],
    ['0001F', 'cpt-category-ii'],
    ['0042T', 'cpt-category-iii'],
    ['D0120', 'cdt'],
    ['A4100', 'hcpcs'],
    ['J0129', 'hcpcs'],
    ['G0008', 'hcpcs'],
  ] as const)('%s is %s', (code, system) => {
    expect(procedureCodeSystem(code)).toBe(system);
  });

  it.each(['9921', '992134', 'F1234', 'I1234', 'N1234', 'W1234', 'a4100', '0042X'])(
    '%s fits no system',
    (code) => {
      expect(procedureCodeSystem(code)).toBeNull();
    },
  );
});

describe('normalizeProcedureCode', () => {
  it('upper-cases and removes spaces', () => {
    expect(normalizeProcedureCode(' a 4100 ')).toBe('A4100');
    expect(normalizeProcedureCode('0042t')).toBe('0042T');
    expect(normalizeProcedureCode('99213')).toBe('99213');
  });
  it('refuses what is no procedure code', () => {
    expect(normalizeProcedureCode('99213-25')).toBeNull();
    expect(normalizeProcedureCode('E11.9')).toBeNull();
    expect(normalizeProcedureCode('')).toBeNull();
  });
});

describe('normalizeModifier', () => {
  it.each([
    ['25', '25'],
    ['-25', '25'],
    [' gt ', 'GT'],
    ['1p', '1P'],
  ])('reads %j as %s', (raw, expected) => {
    expect(normalizeModifier(raw)).toBe(expected);
  });
  it.each(['', '2', '255', 'G-', '--25'])('refuses %j', (raw) => {
    expect(normalizeModifier(raw)).toBeNull();
  });
});
