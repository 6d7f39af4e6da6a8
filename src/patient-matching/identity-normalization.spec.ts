import {
  compactName,
  firstNameToken,
  nameTokens,
  normalizeDob,
  normalizeMemberId,
  normalizeName,
  normalizePayerId,
} from './identity-normalization.js';

describe('normalizeMemberId', () => {
  it('upper-cases and drops spaces, dashes, dots and slashes', () => {
    expect(normalizeMemberId('zzt-000 123')).toBe('ZZT000123');
    expect(normalizeMemberId(' ZZT.000/123 ')).toBe('ZZT000123');
    expect(normalizeMemberId('zzt\\000\t123')).toBe('ZZT000123');
    expect(normalizeMemberId('W123456789-01')).toBe('W12345678901');
  });

  it('folds Unicode dashes and full-width characters', () => {
    expect(normalizeMemberId('ZZT\u2013000\u2014123')).toBe('ZZT000123');
    expect(normalizeMemberId('ＺＺＴ０００１２３')).toBe('ZZT000123');
  });

  it('keeps other characters and answers empty for nothing', () => {
    expect(normalizeMemberId('AB_12*3')).toBe('AB_12*3');
    expect(normalizeMemberId('')).toBe('');
    expect(normalizeMemberId(null)).toBe('');
    expect(normalizeMemberId(undefined)).toBe('');
    expect(normalizeMemberId(' - ')).toBe('');
  });
});

describe('nameTokens', () => {
  it('strips accents and upper-cases', () => {
    expect(nameTokens('José')).toEqual(['JOSE']);
    expect(nameTokens('Zoë Müller')).toEqual(['ZOE', 'MULLER']);
    expect(nameTokens('Łukasz Øster')).toEqual(['LUKASZ', 'OSTER']);
    expect(nameTokens('Straße')).toEqual(['STRASSE']);
  });

  it('joins across apostrophes and splits on hyphens, spaces and other punctuation', () => {
    expect(nameTokens("O'Brien")).toEqual(['OBRIEN']);
    expect(nameTokens('D’Angelo')).toEqual(['DANGELO']);
    expect(nameTokens('García-López')).toEqual(['GARCIA', 'LOPEZ']);
    expect(nameTokens('  de  la   Cruz ')).toEqual(['DE', 'LA', 'CRUZ']);
    expect(nameTokens('St. John')).toEqual(['ST', 'JOHN']);
  });

  it('drops generational suffixes after the first token only', () => {
    expect(nameTokens('Smith Jr.')).toEqual(['SMITH']);
    expect(nameTokens('Smith, Sr')).toEqual(['SMITH']);
    expect(nameTokens('Henry VIII')).toEqual(['HENRY', 'VIII']);
    expect(nameTokens('King III')).toEqual(['KING']);
    expect(nameTokens('Jones IV')).toEqual(['JONES']);
    expect(nameTokens('Ford 2nd')).toEqual(['FORD']);
    expect(nameTokens('Jr')).toEqual(['JR']);
  });

  it('keeps letters of other scripts and answers no tokens for nothing', () => {
    expect(nameTokens('Иван')).toEqual(['ИВАН']);
    expect(nameTokens('')).toEqual([]);
    expect(nameTokens(null)).toEqual([]);
    expect(nameTokens(' -., ')).toEqual([]);
  });
});

describe('normalizeName, compactName, firstNameToken', () => {
  it('joins the tokens with a space, with nothing, or takes the first', () => {
    expect(normalizeName('  garcía-lópez ')).toBe('GARCIA LOPEZ');
    expect(compactName('De La Cruz')).toBe('DELACRUZ');
    expect(compactName('DELACRUZ')).toBe('DELACRUZ');
    expect(compactName('Mary-Ann')).toBe(compactName('Maryann'));
    expect(firstNameToken('Mary Ann')).toBe('MARY');
    expect(firstNameToken('')).toBe('');
  });
});

describe('normalizePayerId and normalizeDob', () => {
  it('trim, and answer empty for nothing', () => {
    expect(normalizePayerId(' bcbs01 ')).toBe('BCBS01');
    expect(normalizePayerId(null)).toBe('');
    expect(normalizeDob(' 1980-03-12 ')).toBe('1980-03-12');
    expect(normalizeDob(null)).toBe('');
  });
});
