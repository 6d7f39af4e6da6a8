/**
 * National Provider Identifier check: 10 digits whose last digit is the Luhn check digit computed
 * over the card-issuer prefix `80840` followed by the first nine digits (CMS NPI check-digit rule).
 */
export function isValidNpi(raw: string): boolean {
  if (!/^[0-9]{10}$/.test(raw)) return false;
  return npiCheckDigit(raw.slice(0, 9)) === Number(raw[9]);
}

/** The check digit for the first nine digits of an NPI. */
export function npiCheckDigit(firstNine: string): number {
  const digits = `80840${firstNine}`;
  let sum = 0;
  // Luhn: double every second digit starting from the rightmost one (the check digit goes after it).
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
