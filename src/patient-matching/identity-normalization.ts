/**
 * Normalization of the identity fields patient matching compares: member ids and person names.
 * Pure functions, no I/O. Everything that is normalized away here is never reported as a
 * difference (upper/lower case, accents, spacing, punctuation, generational suffixes).
 */

/** Characters that separate parts of a member id as typed in portals: spaces, dashes, dots, slashes. */
const MEMBER_ID_SEPARATORS = /[\s\-\u2010-\u2015\u2212./\\]+/gu;

/**
 * Normalizes a member id: Unicode compatibility form (full-width digits become ASCII), upper case,
 * spaces, dashes (any Unicode dash), dots and slashes removed. `zzt-000 123` → `ZZT000123`.
 * Other characters are kept: an id with an underscore or a star is a different id.
 */
export function normalizeMemberId(raw: string | null | undefined): string {
  if (!raw) return '';
  return raw.normalize('NFKC').toUpperCase().replace(MEMBER_ID_SEPARATORS, '');
}

/** Letters that NFD does not decompose into a base letter plus marks. */
const UNDECOMPOSABLE: Readonly<Record<string, string>> = {
  Ø: 'O',
  Æ: 'AE',
  Œ: 'OE',
  Ł: 'L',
  Đ: 'D',
  Þ: 'TH',
  Ð: 'D',
  ẞ: 'SS',
};
const UNDECOMPOSABLE_PATTERN = /[ØÆŒŁĐÞÐẞ]/gu;

/** Apostrophes join the parts they separate: O'BRIEN → OBRIEN, D’ANGELO → DANGELO. */
const APOSTROPHES = /['\u2018\u2019\u201B\u02BC\u02B9`\u00B4]/gu;

/** Generational suffixes dropped from a name (never when the suffix is the only token). */
export const NAME_SUFFIXES: ReadonlySet<string> = new Set([
  'JR',
  'SR',
  'II',
  'III',
  'IV',
  '2ND',
  '3RD',
  '4TH',
]);

/**
 * Splits a name field into normalized tokens: accents stripped (NFD, marks removed), upper case,
 * apostrophes removed (joining their parts), any other non-letter, non-digit character (hyphen,
 * space, period, comma) a separator, and generational suffixes (JR, SR, II, III, IV, 2ND, 3RD,
 * 4TH) dropped unless they are the first token. `José` → `['JOSE']`, `García-López` →
 * `['GARCIA', 'LOPEZ']`, `Smith Jr.` → `['SMITH']`, `O'Brien` → `['OBRIEN']`.
 */
export function nameTokens(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const folded = raw
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .replace(UNDECOMPOSABLE_PATTERN, (ch) => UNDECOMPOSABLE[ch] ?? ch)
    .replace(APOSTROPHES, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (folded === '') return [];
  return folded.split(' ').filter((token, index) => index === 0 || !NAME_SUFFIXES.has(token));
}

/** A name's normalized tokens joined by one space: `  garcía-lópez ` → `GARCIA LOPEZ`. */
export function normalizeName(raw: string | null | undefined): string {
  return nameTokens(raw).join(' ');
}

/**
 * A name's normalized tokens joined without separator, so spacing and hyphenation variants of the
 * same compound compare equal: `De La Cruz`, `DELACRUZ` → `DELACRUZ`; `Mary-Ann`, `Maryann` → `MARYANN`.
 */
export function compactName(raw: string | null | undefined): string {
  return nameTokens(raw).join('');
}

/** The first normalized token of a name (`''` when there is none): the given name proper of `Mary Ann`. */
export function firstNameToken(raw: string | null | undefined): string {
  return nameTokens(raw)[0] ?? '';
}

/** Normalizes a payer id for comparison: trimmed, upper case, `''` when absent. */
export function normalizePayerId(raw: string | null | undefined): string {
  return raw ? raw.trim().toUpperCase() : '';
}

/** Normalizes a date of birth for comparison: trimmed, `''` when absent (dates stay `YYYY-MM-DD`). */
export function normalizeDob(raw: string | null | undefined): string {
  return raw ? raw.trim() : '';
}
