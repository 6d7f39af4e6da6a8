/**
 * Code normalization: the same code is typed many ways (`e11.9`, `E119`, ` E11.9 `). Every part of
 * claimguard compares codes in one canonical form: upper case, no spaces, ICD-10-CM without the dot.
 */

const ICD10_CM_SHAPE = /^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$/;

/** ICD-10-CM in canonical form (`E119`), or null when the text cannot be an ICD-10-CM code. */
export function normalizeIcd10(raw: string): string | null {
  const compact = raw.replace(/[\s.]/g, '').toUpperCase();
  return ICD10_CM_SHAPE.test(compact) ? compact : null;
}

/** ICD-10-CM for display: the dot after the category (`E11.9`). */
export function formatIcd10(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

export type ProcedureCodeSystem = 'cpt' | 'cpt-category-ii' | 'cpt-category-iii' | 'hcpcs' | 'cdt';

/** The code system a 5-character procedure code's shape belongs to, or null when it fits none. */
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
  const compact = raw.replace(/\s/g, '').toUpperCase();
  return procedureCodeSystem(compact) ? compact : null;
}

/** A two-character CPT/HCPCS modifier in canonical form, or null. */
export function normalizeModifier(raw: string): string | null {
  const compact = raw.replace(/\s/g, '').toUpperCase();
  return /^[0-9A-Z]{2}$/.test(compact) ? compact : null;
}
