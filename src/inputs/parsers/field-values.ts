/**
 * Validation and normalization of single input values (dates, money, codes, NPIs...). Each function
 * answers either the normalized value or an issue code with a message that names the bad value; the
 * caller adds the position (file, line or JSON path, column).
 */
import {
  normalizeIcd10,
  normalizeModifier,
  normalizeProcedureCode,
} from '../../code-sets/code-normalization.js';
import { type InputIssueCode } from '../input-records.js';
import { isIsoDate } from '../../x12/values.js';
import { isValidNpi } from './npi.js';

export type ValueResult<T> = { ok: true; value: T } | { ok: false; code: InputIssueCode; message: string };

const ok = <T>(value: T): ValueResult<T> => ({ ok: true, value });
const fail = <T>(code: InputIssueCode, message: string): ValueResult<T> => ({ ok: false, code, message });

/** True for a real calendar date written `YYYY-MM-DD` (2025-02-30 and 2023-02-29 are not). */
export function isCalendarDate(text: string): boolean {
  return isIsoDate(text);
}

export function parseDate(text: string): ValueResult<string> {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) {
    return fail('INPUT_INVALID_DATE', `"${text}" is not a date in the form YYYY-MM-DD`);
  }
  if (!isCalendarDate(text)) return fail('INPUT_INVALID_DATE', `"${text}" is not a real calendar date`);
  return ok(text);
}

/**
 * The date part of a FHIR date or dateTime, as written (never shifted through UTC):
 * `2025-03-04T23:30:00-05:00` gives `2025-03-04`. Partial dates (`2025`, `2025-03`) are rejected.
 */
export function fhirDatePart(text: string): ValueResult<string> {
  const m =
    /^([0-9]{4}-[0-9]{2}-[0-9]{2})(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/.exec(
      text,
    );
  if (!m) {
    return fail(
      'INPUT_INVALID_DATE',
      `"${text}" is not a full FHIR date or dateTime (YYYY-MM-DD[Thh:mm:ss+zz:zz])`,
    );
  }
  if (!isCalendarDate(m[1])) return fail('INPUT_INVALID_DATE', `"${m[1]}" is not a real calendar date`);
  return ok(m[1]);
}

/**
 * Dollars to integer cents by string arithmetic (no float ever): `125`, `125.5`, `125.00`, `0.29`.
 * Rejects signs, exponents, thousands separators, currency symbols and more than two decimals.
 */
export function parseCents(text: string): ValueResult<number> {
  const m = /^([0-9]+)(?:\.([0-9]{1,2}))?$/.exec(text);
  if (!m) {
    return fail(
      'INPUT_INVALID_AMOUNT',
      `"${text}" is not a dollar amount (digits with at most two decimals, like 125.00; no sign, symbol or exponent)`,
    );
  }
  const dollars = m[1].replace(/^0+(?=[0-9])/, '');
  const fraction = (m[2] ?? '').padEnd(2, '0');
  const cents = Number(`${dollars}${fraction}`);
  if (!Number.isSafeInteger(cents)) return fail('INPUT_INVALID_AMOUNT', `"${text}" is too large`);
  return ok(cents);
}

/** A non-negative whole number written in plain digits. */
export function parseUnits(text: string): ValueResult<number> {
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    return fail('INPUT_INVALID_NUMBER', `"${text}" is not a non-negative whole number`);
  }
  return ok(Number(text));
}

export function parseBooleanText(text: string): ValueResult<boolean> {
  const lower = text.toLowerCase();
  if (lower === 'true') return ok(true);
  if (lower === 'false') return ok(false);
  return fail('INPUT_INVALID_BOOLEAN', `"${text}" is not true or false`);
}

/** One of `allowed` (case-insensitive), or an alias of one. */
export function parseEnum<T extends string>(
  text: string,
  allowed: readonly T[],
  aliases: Readonly<Record<string, T>> = {},
): ValueResult<T> {
  const lower = text.toLowerCase();
  const hit = allowed.find((a) => a.toLowerCase() === lower) ?? aliases[lower];
  if (hit) return ok(hit);
  return fail('INPUT_INVALID_ENUM', `"${text}" is not one of ${allowed.join(', ')}`);
}

export const SEX_VALUES = ['M', 'F', 'U'] as const;
export type Sex = (typeof SEX_VALUES)[number];
const SEX_ALIASES: Record<string, Sex> = { male: 'M', female: 'F', unknown: 'U' };

export function parseSex(text: string): ValueResult<Sex> {
  const r = parseEnum(text, SEX_VALUES, SEX_ALIASES);
  return r.ok
    ? r
    : fail('INPUT_INVALID_ENUM', `"${text}" is not a sex: use M, F or U (or male, female, unknown)`);
}

export function parseNpi(text: string): ValueResult<string> {
  if (!/^[0-9]{10}$/.test(text)) return fail('INPUT_INVALID_NPI', `"${text}" is not an NPI (10 digits)`);
  if (!isValidNpi(text)) return fail('INPUT_INVALID_NPI', `NPI "${text}" fails the check digit`);
  return ok(text);
}

export function parseIcd10(text: string): ValueResult<string> {
  const code = normalizeIcd10(text);
  return code ? ok(code) : fail('INPUT_INVALID_CODE', `"${text}" is not an ICD-10-CM code`);
}

export function parseProcedureCode(text: string): ValueResult<string> {
  const code = normalizeProcedureCode(text);
  return code ? ok(code) : fail('INPUT_INVALID_CODE', `"${text}" is not a CPT, HCPCS or CDT procedure code`);
}

export function parseModifier(text: string): ValueResult<string> {
  const code = normalizeModifier(text);
  return code
    ? ok(code)
    : fail('INPUT_INVALID_CODE', `"${text}" is not a procedure modifier (two letters/digits)`);
}

/** Splits a `;`-separated code list; blank pieces are dropped. */
export function splitCodeList(text: string): string[] {
  return text
    .split(';')
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 0);
}
