/**
 * Format checks for code sets whose lists and descriptions are licensed (CPT by the AMA, revenue codes
 * by NUBC, CARC/RARC by X12/WPC, the provider taxonomy by NUCC): claimguard ships no list of them, only
 * the shape every code of the set must have. A customer's licensed list can be imported
 * (`licensed-code-importer.ts`) and then answers whether a well-formed code exists.
 *
 * Each `normalize*` returns the canonical form (upper case, no spaces) or null when the text cannot be
 * a code of that set.
 */
import { normalizeProcedureCode, procedureCodeSystem } from './code-normalization.js';

/** The code sets a customer may import a licensed list for. */
export const LICENSED_KINDS = ['cpt', 'revenue', 'carc', 'rarc', 'taxonomy'] as const;
export type LicensedKind = (typeof LICENSED_KINDS)[number];

export function isLicensedKind(text: string): text is LicensedKind {
  return (LICENSED_KINDS as readonly string[]).includes(text);
}

function compactUpper(raw: string): string {
  return raw.replace(/[\s\u00a0\u200b\ufeff]/g, '').toUpperCase();
}

/** CPT (Category I 5 digits, Category II 4 digits + F, Category III 4 digits + T), or null. */
export function normalizeCpt(raw: string): string | null {
  const code = normalizeProcedureCode(raw);
  if (code === null) return null;
  const system = procedureCodeSystem(code);
  return system === 'cpt' || system === 'cpt-category-ii' || system === 'cpt-category-iii' ? code : null;
}

/**
 * NUBC revenue code: four digits with the leading 0 (`0450`); three digits are left-padded (`450` →
 * `0450`), since many systems drop the zero. The accepted range is 0100-0999 (`0001`, the UB-04 total
 * line, is not a service-line code), plus the NUBC four-digit series above 0999: 100X (behavioral
 * health accommodations), 210X (alternative therapy services) and 310X (adult care).
 */
export function normalizeRevenueCode(raw: string): string | null {
  const compact = compactUpper(raw);
  if (!/^[0-9]{3,4}$/.test(compact)) return null;
  const code = compact.padStart(4, '0');
  const n = Number(code);
  if (n >= 100 && n <= 999) return code;
  if ((n >= 1000 && n <= 1009) || (n >= 2100 && n <= 2109) || (n >= 3100 && n <= 3109)) return code;
  return null;
}

/**
 * Claim Adjustment Reason Code (CAS02, CAS05, ...): 1-3 digits without leading zeros (`1`, `45`,
 * `253`), or a letter and one or two digits (`A1`, `B7`, `P1`, `W1`). Leading zeros typed before a
 * numeric code (`045`) are dropped.
 */
export function normalizeCarc(raw: string): string | null {
  const compact = compactUpper(raw);
  if (/^[0-9]{1,3}$/.test(compact)) {
    const n = Number(compact);
    return n >= 1 ? String(n) : null;
  }
  return /^[A-Z][0-9]{1,2}$/.test(compact) ? compact : null;
}

/** Claim adjustment group code (CAS01): CO, CR, OA, PI or PR. */
export function normalizeAdjustmentGroup(raw: string): string | null {
  const compact = compactUpper(raw);
  return /^(CO|CR|OA|PI|PR)$/.test(compact) ? compact : null;
}

/** Remittance Advice Remark Code: M + 1-3 digits (`M15`), N + 1-3 digits (`N130`), MA + 2-3 digits (`MA01`). */
export function normalizeRarc(raw: string): string | null {
  const compact = compactUpper(raw);
  return /^(M[0-9]{1,3}|N[0-9]{1,3}|MA[0-9]{2,3})$/.test(compact) ? compact : null;
}

/** NUCC health care provider taxonomy code: 3 digits, 6 digits or letters, then X (`207Q00000X`). */
export function normalizeTaxonomy(raw: string): string | null {
  const compact = compactUpper(raw);
  return /^[0-9]{3}[0-9A-Z]{6}X$/.test(compact) ? compact : null;
}

/** The NPI's shape: 10 digits starting with 1 or 2 (check digit not tested: see npiCheckDigitValid). */
export function normalizeNpi(raw: string): string | null {
  const compact = compactUpper(raw);
  return /^[12][0-9]{9}$/.test(compact) ? compact : null;
}

/**
 * The NPI check digit: the Luhn algorithm over the 9 leading digits prefixed with 80840 (the NPI's
 * ISO card-issuer prefix), as CMS specifies. Expects 10 digits.
 */
export function npiCheckDigitValid(npi: string): boolean {
  if (!/^[0-9]{10}$/.test(npi)) return false;
  const digits = `80840${npi.slice(0, 9)}`;
  let sum = 0;
  // Doubling starts from the rightmost digit of the payload (the check digit is appended after it).
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  const check = (10 - (sum % 10)) % 10;
  return check === npi.charCodeAt(9) - 48;
}

/** CMS place-of-service code: two digits; one digit is left-padded (`1` → `01`). */
export function normalizePlaceOfService(raw: string): string | null {
  const compact = compactUpper(raw);
  return /^[0-9]{1,2}$/.test(compact) ? compact.padStart(2, '0') : null;
}

/** The canonical form of a code of a licensed kind, or null when it does not have that kind's shape. */
export function normalizeLicensedCode(kind: LicensedKind, raw: string): string | null {
  switch (kind) {
    case 'cpt':
      return normalizeCpt(raw);
    case 'revenue':
      return normalizeRevenueCode(raw);
    case 'carc':
      return normalizeCarc(raw);
    case 'rarc':
      return normalizeRarc(raw);
    case 'taxonomy':
      return normalizeTaxonomy(raw);
  }
}

/** A one-line description of a licensed kind's accepted shape, for messages. */
export const LICENSED_FORMAT: Record<LicensedKind, string> = {
  cpt: '5 digits, or 4 digits + F (Category II) or T (Category III)',
  revenue: '4 digits 0100-0999 (3 digits are left-padded with 0), or 100X, 210X, 310X',
  carc: '1-3 digits, or a letter and 1-2 digits',
  rarc: 'M or N + 1-3 digits, or MA + 2-3 digits',
  taxonomy: '3 digits, 6 digits or letters, then X',
};
