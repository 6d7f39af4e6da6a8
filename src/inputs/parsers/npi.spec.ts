import { isValidNpi, npiCheckDigit } from './npi.js';

describe('isValidNpi', () => {
  it.each(['1234567893', '1999999992', '1111111112', '9876543213', '1000000004'])('accepts %s', (npi) => {
    expect(isValidNpi(npi)).toBe(true);
  });

  it.each([
    ['1234567890', 'wrong check digit'],
    ['1234567894', 'wrong check digit'],
    ['123456789', 'nine digits'],
    ['12345678930', 'eleven digits'],
    ['123456789A', 'a letter'],
    [' 1234567893', 'a space'],
    ['', 'empty'],
  ])('rejects %s (%s)', (npi) => {
    expect(isValidNpi(npi)).toBe(false);
  });

  it('computes the check digit over the 80840 prefix', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(npiCheckDigit('199999999')).toBe(2);
  });
});
