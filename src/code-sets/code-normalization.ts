/**
 * Code normalization: the same code is typed many ways (`e11.9`, `E119`, ` E11.9 `). Every part of
 * claimguard compares codes in one canonical form: upper case, no spaces, ICD-10-CM without the dot.
 *
 * These functions check the *shape* only; whether a code exists in a code set is the registry's job
 * (`code-set-registry.ts`).
 */

/**
 * A category of three characters, then up to four more letters or digits. The category is a letter,
 * a digit, then a letter or digit (`E11`, `C4A`, `U07`), or, since FY2026, a letter, a letter, then a
 * digit (`QA0`, neurodevelopmental disorders related to genetic variants).
 */
const ICD10_CM_SHAPE = /^[A-Z](?:[0-9][0-9A-Z]|[A-Z][0-9])[0-9A-Z]{0,4}$/;

/** Removes every kind of whitespace (including no-break spaces) and upper-cases. */
function compactUpper(raw: string): string {
  return raw.replace(/[\s\u00a0\u200b\ufeff]/g, '').toUpperCase();
}

/**
 * ICD-10-CM in canonical form (`E119`), or null when the text cannot be an ICD-10-CM code.
 * Accepts any case and spacing, with or without the dot; the dot may only follow the three-character
 * category (`E11.9`, `E11.`), since a dot anywhere else (`E1.19`) is a typo we should not guess through.
 */
export function normalizeIcd10(raw: string): string | null {
  const compact = compactUpper(raw);
  const dot = compact.indexOf('.');
  if (dot !== -1 && (dot !== 3 || compact.indexOf('.', dot + 1) !== -1)) return null;
  const code = dot === -1 ? compact : compact.slice(0, 3) + compact.slice(4);
  return ICD10_CM_SHAPE.test(code) ? code : null;
}

/** ICD-10-CM for display: the dot after the category (`E11.9`). */
export function formatIcd10(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

export type ProcedureCodeSystem = 'cpt' | 'cpt-category-ii' | 'cpt-category-iii' | 'hcpcs' | 'cdt';

/**
 * The code system a 5-character procedure code's shape belongs to, or null when it fits none.
 * CPT Category I: 5 digits; Category II: 4 digits + F; Category III: 4 digits + T; CDT (ADA): D + 4
 * digits; HCPCS Level II: a letter (not D, F, I, N, O, W-Z, which HCPCS does not use) + 4 digits.
 * Expects the canonical form (upper case, no spaces): see normalizeProcedureCode.
 */
export function procedureCodeSystem(code: string): ProcedureCodeSystem | null {
  if (/^[0-9]{5}$/.test(code)) return 'cpt';
  if (/^[0-9]{4}F$/.test(code)) return 'cpt-category-ii';
  if (/^[0-9]{4}T$/.test(code)) return 'cpt-category-iii';
  if (/^D[0-9]{4}$/.test(code)) return 'cdt';
  if (/^[A-CEGHJ-MP-V][0-9]{4}$/.test(code)) return 'hcpcs';
  return null;
}

/** CPT/HCPCS/CDT procedure code in canonical form, or null when its shape is none of those. */
export function normalizeProcedureCode(raw: string): string | null {
  const compact = compactUpper(raw);
  return procedureCodeSystem(compact) ? compact : null;
}

/**
 * A two-character CPT/HCPCS modifier in canonical form, or null. A leading hyphen, as modifiers are
 * often written after the code (`-25`), is dropped.
 */
export function normalizeModifier(raw: string): string | null {
  const compact = compactUpper(raw).replace(/^-/, '');
  return /^[0-9A-Z]{2}$/.test(compact) ? compact : null;
}
