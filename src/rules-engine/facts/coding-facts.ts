/**
 * Coding facts: are the claim's diagnosis, procedure and modifier codes valid for the date of
 * service, do the line pointers point at diagnoses, is an E/M billed with a procedure the same day
 * without modifier 25, and do diagnoses fit the patient's sex and age.
 *
 * Code-set answers depend on the context's registry, so they are memoized per context; patient sex and
 * age edits depend on the claim only, memoized per claim.
 */
import { formatIcd10 } from '../../code-sets/code-normalization.js';
import type { CodeSetRegistry, HcpcsRelease, Icd10Release } from '../../code-sets/code-set-registry.js';
import type { Claim } from '../../x12/index.js';
import type { ClaimContext, LineRef } from '../claim-context.js';
import { defineFact, type FactDefinition } from '../fact.js';
import { claimData, EMPTY, lineDataOf, lastOf, normalizeDiagnosis } from './basic-facts.js';

// ---------------------------------------------------------------------------------------------------
// Code families

/** Inclusive ranges of 5-digit CPT codes (compared as strings of the same length). */
type CptRanges = readonly (readonly [string, string])[];

function inRanges(code: string, ranges: CptRanges): boolean {
  if (code.length !== 5) return false;
  for (const [from, to] of ranges) if (code >= from && code <= to) return true;
  return false;
}

/**
 * Evaluation and management visit codes: office/outpatient (99202-99215), hospital inpatient and
 * observation care with discharge (99221-99239), consultations (99242-99255), emergency department
 * (99281-99285), nursing facility (99304-99316), home or residence (99341-99350), preventive medicine
 * (99381-99397). Non-existent codes inside a range (99206-99210) are harmless.
 */
export const EM_RANGES: CptRanges = [
  ['99202', '99215'],
  ['99221', '99239'],
  ['99242', '99255'],
  ['99281', '99285'],
  ['99304', '99316'],
  ['99341', '99350'],
  ['99381', '99397'],
];

/**
 * Procedures whose payment includes the same-day E/M unless modifier 25 (or 57, decision for surgery)
 * says the visit was significant and separately identifiable: the CPT surgery section (10004-69990),
 * hydration, therapeutic and diagnostic injections and infusions (96360-96379) and chemotherapy
 * administration (96401-96549) (NCCI policy manual, chapter XI and chapter I "Evaluation & Management").
 */
export const EM_BUNDLING_PROCEDURE_RANGES: CptRanges = [
  ['10004', '69990'],
  ['96360', '96379'],
  ['96401', '96549'],
];

export function isEvaluationAndManagement(code: string): boolean {
  return inRanges(code, EM_RANGES);
}

/**
 * Codes inside those ranges that are not procedures a visit is bundled into: specimen collection
 * (venipuncture 36415, capillary 36416, from an access device 36591-36592). A lab draw on the day of a
 * visit needs no modifier 25 on the E/M.
 */
export const EM_BUNDLING_EXCLUSIONS: ReadonlySet<string> = new Set(['36415', '36416', '36591', '36592']);

export function isEmBundlingProcedure(code: string): boolean {
  return !EM_BUNDLING_EXCLUSIONS.has(code) && inRanges(code, EM_BUNDLING_PROCEDURE_RANGES);
}

/** An edit over ICD-10-CM categories (first three characters, inclusive range). */
interface CategoryEdit {
  from: string;
  to: string;
  label: string;
}

function categoryEdit(code: string, edits: readonly CategoryEdit[]): CategoryEdit | null {
  const category = code.slice(0, 3);
  for (const e of edits) if (category >= e.from && category <= e.to) return e;
  return null;
}

/** Diagnoses for female patients only (Medicare Code Editor sex edit families, well-established ones). */
export const FEMALE_ONLY_DIAGNOSES: readonly CategoryEdit[] = [
  { from: 'O00', to: 'O9A', label: 'pregnancy, childbirth and the puerperium (O00-O9A)' },
  { from: 'Z33', to: 'Z34', label: 'pregnant state, supervision of normal pregnancy (Z33-Z34)' },
  { from: 'Z37', to: 'Z37', label: 'outcome of delivery (Z37)' },
  { from: 'Z39', to: 'Z39', label: 'postpartum care (Z39)' },
  { from: 'Z3A', to: 'Z3A', label: 'weeks of gestation (Z3A)' },
  { from: 'C51', to: 'C58', label: 'malignant neoplasm of female genital organs (C51-C58)' },
  { from: 'D06', to: 'D06', label: 'carcinoma in situ of cervix uteri (D06)' },
  {
    from: 'D25',
    to: 'D28',
    label: 'benign neoplasm of uterus, ovary or other female genital organs (D25-D28)',
  },
  { from: 'N70', to: 'N98', label: 'disorders of female genital organs (N70-N98)' },
];

/** Diagnoses for male patients only. */
export const MALE_ONLY_DIAGNOSES: readonly CategoryEdit[] = [
  { from: 'C60', to: 'C63', label: 'malignant neoplasm of male genital organs (C60-C63)' },
  { from: 'D29', to: 'D29', label: 'benign neoplasm of male genital organs (D29)' },
  { from: 'N40', to: 'N53', label: 'diseases of male genital organs (N40-N53)' },
];

/** An age edit: the diagnosis families only plausible between two ages (whole years, inclusive). */
interface AgeEdit extends CategoryEdit {
  minAge: number;
  maxAge: number;
}

/**
 * Age edits (Medicare Code Editor age categories, kept to the unambiguous families): newborn-only
 * codes at age 0 (liveborn infant Z38, newborn affected by maternal factors or complications of
 * pregnancy, labor or delivery P00-P04), maternity codes at ages 9-64.
 */
export const AGE_EDITS: readonly AgeEdit[] = [
  { from: 'Z38', to: 'Z38', label: 'liveborn infant (Z38), newborn only', minAge: 0, maxAge: 0 },
  {
    from: 'P00',
    to: 'P04',
    label: 'newborn affected by maternal factors or delivery (P00-P04), newborn only',
    minAge: 0,
    maxAge: 0,
  },
  {
    from: 'O00',
    to: 'O9A',
    label: 'pregnancy, childbirth and the puerperium (O00-O9A), ages 9-64',
    minAge: 9,
    maxAge: 64,
  },
  { from: 'Z33', to: 'Z34', label: 'pregnancy supervision (Z33-Z34), ages 9-64', minAge: 9, maxAge: 64 },
  { from: 'Z3A', to: 'Z3A', label: 'weeks of gestation (Z3A), ages 9-64', minAge: 9, maxAge: 64 },
];

/** Modifiers bypassing the E/M-with-procedure edit: 25 (significant, separately identifiable E/M), 57 (decision for surgery). */
const EM_SEPARATE_MODIFIERS = ['25', '57'];

// ---------------------------------------------------------------------------------------------------
// Fast code-set answers. The registry's answers carry sentences (built per call); most codes on most
// claims are fine, so the common "valid" case is answered from the release's map directly, with the
// release looked up once per registry and date. The registry is asked (for its sentence) only when
// the fast path cannot say "valid".

const releaseCaches = new WeakMap<
  CodeSetRegistry,
  { icd: Map<string, Icd10Release | null>; hcpcs: Map<string, HcpcsRelease | null> }
>();

function releasesOf(registry: CodeSetRegistry) {
  let c = releaseCaches.get(registry);
  if (c === undefined) {
    c = { icd: new Map(), hcpcs: new Map() };
    releaseCaches.set(registry, c);
  }
  return c;
}

function icdReleaseOn(registry: CodeSetRegistry, date: string): Icd10Release | null {
  const cache = releasesOf(registry).icd;
  let r = cache.get(date);
  if (r === undefined) {
    r = registry.icd10Release(date);
    if (cache.size > 10_000) cache.clear();
    cache.set(date, r);
  }
  return r;
}

function hcpcsReleaseOn(registry: CodeSetRegistry, date: string): HcpcsRelease | null {
  const cache = releasesOf(registry).hcpcs;
  let r = cache.get(date);
  if (r === undefined) {
    r = registry.hcpcsRelease(date);
    if (cache.size > 10_000) cache.clear();
    cache.set(date, r);
  }
  return r;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** 'valid' or 'format-only' when that is certain from a cheap look, else null (ask the registry). */
function fastProcedureStatus(registry: CodeSetRegistry, code: string, date: string): string | null {
  if (code.length !== 5) return null;
  for (let i = 1; i < 5; i++) if (!isDigit(code.charCodeAt(i))) return null;
  const c0 = code.charCodeAt(0);
  if (isDigit(c0)) return registry.hasLicensedList('cpt') ? null : 'format-only';
  if (c0 === 68 /* D: CDT, format only */) return 'format-only';
  const release = hcpcsReleaseOn(registry, date);
  return release !== null && release.codes.has(code) ? 'valid' : null;
}

/** True when a modifier (upper case, trimmed) is certainly fine: a CPT (digit-led) or a HCPCS modifier in the release. */
function fastModifierValid(registry: CodeSetRegistry, modifier: string, date: string): boolean {
  if (modifier.length !== 2) return false;
  const c0 = modifier.charCodeAt(0);
  const c1 = modifier.charCodeAt(1);
  const alnum1 = isDigit(c1) || (c1 >= 65 && c1 <= 90);
  if (!alnum1) return false;
  if (isDigit(c0)) return true;
  if (c0 < 65 || c0 > 90) return false;
  const release = hcpcsReleaseOn(registry, date);
  return release !== null && release.codes.has(modifier);
}

// ---------------------------------------------------------------------------------------------------
// Diagnoses valid for the date of service

interface DiagnosisCheck {
  invalid: readonly string[];
  problems: readonly string[];
}

/** The first date ICD-10-CM was required (dates of service from 2015-10-01). */
const ICD10_START = '2015-10-01';

const diagnosisCheck = lastOf((ctx: ClaimContext): DiagnosisCheck => {
  const claim = ctx.claim;
  const data = claimData(claim);
  if (claim.diagnoses.length === 0) return { invalid: EMPTY, problems: EMPTY };
  // The dates each diagnosis (by order) is used on: the dates of the lines pointing at it.
  const datesByOrder = new Map<number, string[]>();
  claim.lines.forEach((l, i) => {
    const date = data.lines[i]!.serviceDate;
    if (date === null) return;
    for (const p of l.diagnosisPointers) {
      const dates = datesByOrder.get(p);
      if (dates === undefined) datesByOrder.set(p, [date]);
      else if (!dates.includes(date)) dates.push(date);
    }
  });
  const invalid: string[] = [];
  const problems: string[] = [];
  for (const d of claim.diagnoses) {
    const dates = datesByOrder.get(d.order) ?? (data.firstDate === null ? [] : [data.firstDate]);
    const code = normalizeDiagnosis(d.code);
    for (const date of dates) {
      if (d.codeSystem === 'ICD-9-CM') {
        if (date >= ICD10_START) {
          invalid.push(code);
          problems.push(
            `${d.code} is sent as ICD-9-CM (qualifier ${d.qualifier}); ICD-10-CM is required for dates of service from ${ICD10_START}`,
          );
          break;
        }
        continue;
      }
      const release = icdReleaseOn(ctx.codeSets, date);
      if (release !== null && release.codes.get(code)?.charCodeAt(0) === 49 /* '1' billable */) continue;
      const answer = ctx.codeSets.icd10(d.code, date);
      if (answer.status === 'billable' || answer.status === 'no-code-set') continue;
      invalid.push(code);
      problems.push(`${answer.message} (date of service ${date})`);
      break;
    }
  }
  return invalid.length === 0 ? { invalid: EMPTY, problems: EMPTY } : { invalid, problems };
});

// ---------------------------------------------------------------------------------------------------
// Procedure codes and modifiers

interface LineCodeCheck {
  procedureStatus: string;
  /** null: not computed yet (the fast path gave the status; the sentence is asked of the registry on demand). */
  procedureMessage: string | null;
  invalidModifiers: readonly string[];
  modifierProblems: readonly string[];
}

/** Procedure code qualifiers whose codes are CPT/HCPCS (HC) or CDT (AD) and so can be checked. */
const CHECKED_QUALIFIERS = new Set(['HC', 'AD', '']);

const lineCodeChecks = lastOf((ctx: ClaimContext): LineCodeCheck[] => {
  const data = claimData(ctx.claim);
  const registry = ctx.codeSets;
  return ctx.claim.lines.map((line, i): LineCodeCheck => {
    const ld = data.lines[i]!;
    const date = ld.serviceDate ?? '';
    let procedureStatus = 'none';
    let procedureMessage: string | null = '';
    const proc = line.procedure;
    if (proc !== null && ld.procedureCode !== '') {
      if (!CHECKED_QUALIFIERS.has(proc.qualifier)) {
        procedureStatus = 'not-checked';
        procedureMessage = `${proc.code} has product/service qualifier ${proc.qualifier}, which claimguard does not check`;
      } else {
        const fast = fastProcedureStatus(registry, ld.procedureCode, date);
        if (fast !== null) {
          procedureStatus = fast;
          procedureMessage = null;
        } else {
          const answer = registry.procedureCode(proc.code, date);
          procedureStatus = answer.status;
          procedureMessage = answer.message;
        }
      }
    }
    let invalidModifiers = EMPTY;
    let modifierProblems = EMPTY;
    if (proc !== null && proc.modifiers.length > 0) {
      let bad: string[] | null = null;
      let why: string[] | null = null;
      for (const raw of proc.modifiers) {
        if (raw.trim() === '') continue;
        if (fastModifierValid(registry, raw.trim().toUpperCase(), date)) continue;
        const answer = registry.modifier(raw, date);
        // The shipped HCPCS table lacks the D-led modifiers (DA): those are accepted by format.
        const known =
          answer.status === 'valid' ||
          answer.status === 'format-only' ||
          answer.status === 'no-code-set' ||
          (answer.status === 'unknown' && answer.code !== null && answer.code.startsWith('D'));
        if (!known) {
          (bad ??= []).push(answer.code ?? raw.trim().toUpperCase());
          (why ??= []).push(answer.message);
        }
      }
      if (bad !== null && why !== null) {
        invalidModifiers = bad;
        modifierProblems = why;
      }
    }
    return { procedureStatus, procedureMessage, invalidModifiers, modifierProblems };
  });
});

function lineCodeCheck(ctx: ClaimContext, line: LineRef | null): LineCodeCheck {
  return lineCodeChecks(ctx)[(line as LineRef).index]!;
}

// ---------------------------------------------------------------------------------------------------
// E/M with a same-day procedure

/** Per line: the E/M-bundling procedure codes billed on other lines of the claim on the same date. */
const sameDayProcedures = lastOf((claim: Claim): readonly (readonly string[])[] => {
  const data = claimData(claim);
  return data.lines.map((ld, i) => {
    if (!isEvaluationAndManagement(ld.procedureCode) || ld.serviceDate === null) return EMPTY;
    let found: string[] | null = null;
    data.lines.forEach((other, j) => {
      if (j === i || other.serviceDate !== ld.serviceDate || !isEmBundlingProcedure(other.procedureCode))
        return;
      found ??= [];
      if (!found.includes(other.procedureCode)) found.push(other.procedureCode);
    });
    return found ?? EMPTY;
  });
});

// ---------------------------------------------------------------------------------------------------
// Patient sex and age

interface PatientEdits {
  sex: string;
  birthDate: string | null;
  age: number | null;
  sexConflicts: readonly string[];
  sexDetails: readonly string[];
  ageConflicts: readonly string[];
  ageDetails: readonly string[];
}

/** Whole years from a birth date to a date (both YYYY-MM-DD), or null when either is missing or the birth is later. */
export function ageInYears(birthDate: string | null, on: string | null): number | null {
  if (birthDate === null || on === null || birthDate.length < 10 || on.length < 10 || birthDate > on)
    return null;
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5, 10) >= birthDate.slice(5, 10) ? years : years - 1;
}

const patientEdits = lastOf((claim: Claim): PatientEdits => {
  const patient = claim.patient ?? claim.subscriber;
  const sex = patient.sex.trim().toUpperCase();
  const birthDate = patient.birthDate;
  const data = claimData(claim);
  const age = ageInYears(birthDate, data.firstDate);
  const sexConflicts: string[] = [];
  const sexDetails: string[] = [];
  const ageConflicts: string[] = [];
  const ageDetails: string[] = [];
  const opposite = sex === 'M' ? FEMALE_ONLY_DIAGNOSES : sex === 'F' ? MALE_ONLY_DIAGNOSES : null;
  for (const code of data.diagnosisCodes) {
    if (opposite !== null) {
      const edit = categoryEdit(code, opposite);
      if (edit !== null) {
        sexConflicts.push(code);
        sexDetails.push(`${formatIcd10(code)}: ${edit.label}`);
      }
    }
    if (age !== null) {
      for (const edit of AGE_EDITS) {
        const category = code.slice(0, 3);
        if (category < edit.from || category > edit.to) continue;
        if (age < edit.minAge || age > edit.maxAge) {
          ageConflicts.push(code);
          ageDetails.push(`${formatIcd10(code)}: ${edit.label}`);
        }
        break;
      }
    }
  }
  return {
    sex,
    birthDate,
    age,
    sexConflicts: sexConflicts.length ? sexConflicts : EMPTY,
    sexDetails: sexDetails.length ? sexDetails : EMPTY,
    ageConflicts: ageConflicts.length ? ageConflicts : EMPTY,
    ageDetails: ageDetails.length ? ageDetails : EMPTY,
  };
});

const diagnosisPointerTexts = lastOf((claim: Claim): readonly (readonly string[])[] =>
  claim.lines.map((l) => (l.diagnosisPointers.length === 0 ? EMPTY : l.diagnosisPointers.map(String))),
);

// ---------------------------------------------------------------------------------------------------

export const CODING_FACTS: readonly FactDefinition[] = [
  defineFact<readonly string[]>({
    name: 'claim.invalidDiagnosisCodes',
    scope: 'claim',
    type: 'string[]',
    description:
      'The diagnosis codes (upper case, no dot) that are not billable ICD-10-CM codes on a date of service they are used for (a header, not in the code set, not a code, or sent as ICD-9-CM); dates without a loaded code set are not judged.',
    compute: (ctx) => diagnosisCheck(ctx).invalid,
  }),
  defineFact<readonly string[]>({
    name: 'claim.diagnosisCodeProblems',
    scope: 'claim',
    type: 'string[]',
    description:
      "For each code of claim.invalidDiagnosisCodes, the code set's explanation with the date of service it was checked for.",
    compute: (ctx) => diagnosisCheck(ctx).problems,
  }),
  defineFact<string>({
    name: 'line.procedureCodeStatus',
    scope: 'line',
    type: 'string',
    description:
      "How the line's procedure code stands on its date of service: valid, unknown (not in the HCPCS release or licensed CPT list), format-only (CPT/CDT well-formed, no list loaded), malformed, no-code-set, not-checked (a qualifier other than HC/AD) or none (no procedure code).",
    compute: (ctx, line) => lineCodeCheck(ctx, line).procedureStatus,
  }),
  defineFact<string>({
    name: 'line.procedureCodeMessage',
    scope: 'line',
    type: 'string',
    description:
      "The code set's one-sentence explanation of line.procedureCodeStatus ('' when the line has no procedure code).",
    compute: (ctx, line) => {
      const check = lineCodeCheck(ctx, line);
      if (check.procedureMessage === null) {
        const l = (line as LineRef).line;
        check.procedureMessage = ctx.codeSets.procedureCode(
          l.procedure?.code ?? '',
          lineDataOf(ctx, line).serviceDate ?? '',
        ).message;
      }
      return check.procedureMessage;
    },
  }),
  defineFact<readonly string[]>({
    name: 'line.invalidModifiers',
    scope: 'line',
    type: 'string[]',
    description:
      "The line's modifiers that are not modifiers: not two letters or digits, or a letter-led HCPCS modifier missing from the HCPCS release in force on the date (CPT digit-led modifiers are checked by format only).",
    compute: (ctx, line) => lineCodeCheck(ctx, line).invalidModifiers,
  }),
  defineFact<readonly string[]>({
    name: 'line.modifierProblems',
    scope: 'line',
    type: 'string[]',
    description: "For each of line.invalidModifiers, the code set's explanation.",
    compute: (ctx, line) => lineCodeCheck(ctx, line).modifierProblems,
  }),
  defineFact<boolean>({
    name: 'line.isEvaluationAndManagement',
    scope: 'line',
    type: 'boolean',
    description:
      "Whether the line's procedure is an E/M visit code (office 99202-99215, hospital 99221-99239, consults 99242-99255, ED 99281-99285, nursing facility 99304-99316, home 99341-99350, preventive 99381-99397).",
    compute: (ctx, line) => isEvaluationAndManagement(lineDataOf(ctx, line).procedureCode),
  }),
  defineFact<readonly string[]>({
    name: 'line.sameDayProcedureCodes',
    scope: 'line',
    type: 'string[]',
    description:
      'For an E/M line: the procedures billed on other lines of the claim on the same date whose payment includes a same-day E/M (CPT surgery 10004-69990 except specimen collection 36415, 36416, 36591, 36592; injections and infusions 96360-96379; chemotherapy administration 96401-96549); empty for other lines.',
    compute: (ctx, line) => sameDayProcedures(ctx.claim)[(line as LineRef).index]!,
  }),
  defineFact<boolean>({
    name: 'line.hasSeparateEmModifier',
    scope: 'line',
    type: 'boolean',
    description:
      'Whether the line carries modifier 25 (significant, separately identifiable E/M) or 57 (decision for surgery).',
    compute: (ctx, line) => {
      const mods = lineDataOf(ctx, line).modifiers;
      return mods.includes(EM_SEPARATE_MODIFIERS[0]!) || mods.includes(EM_SEPARATE_MODIFIERS[1]!);
    },
  }),
  defineFact<readonly string[]>({
    name: 'line.diagnosisPointers',
    scope: 'line',
    type: 'string[]',
    description: "The line's diagnosis code pointers (SV107, SV311) as sent, as text ('1', '2').",
    compute: (ctx, line) => diagnosisPointerTexts(ctx.claim)[(line as LineRef).index]!,
  }),
  defineFact<readonly string[]>({
    name: 'line.danglingDiagnosisPointers',
    scope: 'line',
    type: 'string[]',
    description:
      "The line's diagnosis pointers that point at no diagnosis on the claim (beyond the HI codes sent), as text.",
    compute: (ctx, line) => lineDataOf(ctx, line).danglingPointers,
  }),
  defineFact<string>({
    name: 'claim.patientSex',
    scope: 'claim',
    type: 'string',
    description:
      "The patient's sex (DMG03 of the 2010CA patient when sent, else of the subscriber): F, M or U ('' when not sent).",
    compute: (ctx) => patientEdits(ctx.claim).sex,
  }),
  defineFact<string | null>({
    name: 'claim.patientBirthDate',
    scope: 'claim',
    type: 'date',
    description:
      "The patient's date of birth (DMG02 of the 2010CA patient when sent, else of the subscriber), or null.",
    compute: (ctx) => patientEdits(ctx.claim).birthDate,
  }),
  defineFact<number | null>({
    name: 'claim.patientAgeYears',
    scope: 'claim',
    type: 'number',
    description:
      "The patient's age in whole years on the claim's first date of service, or null when the birth date or the date of service is unknown.",
    compute: (ctx) => patientEdits(ctx.claim).age,
  }),
  defineFact<readonly string[]>({
    name: 'claim.sexConflictDiagnoses',
    scope: 'claim',
    type: 'string[]',
    description:
      "The principal and other diagnoses (no dot) that are for the other sex than the patient's (F or M; none when the sex is U or not sent), e.g. pregnancy codes for a male patient, prostate codes for a female patient.",
    compute: (ctx) => patientEdits(ctx.claim).sexConflicts,
  }),
  defineFact<readonly string[]>({
    name: 'claim.sexConflictDetails',
    scope: 'claim',
    type: 'string[]',
    description:
      'For each of claim.sexConflictDiagnoses, the code with the dot and the family that makes it sex-specific.',
    compute: (ctx) => patientEdits(ctx.claim).sexDetails,
  }),
  defineFact<readonly string[]>({
    name: 'claim.ageConflictDiagnoses',
    scope: 'claim',
    type: 'string[]',
    description:
      "The principal and other diagnoses (no dot) implausible at the patient's age on the first date of service: newborn-only codes (Z38, P00-P04) after age 0, maternity codes (O00-O9A, Z33-Z34, Z3A) outside ages 9-64; none when the age is unknown.",
    compute: (ctx) => patientEdits(ctx.claim).ageConflicts,
  }),
  defineFact<readonly string[]>({
    name: 'claim.ageConflictDetails',
    scope: 'claim',
    type: 'string[]',
    description:
      'For each of claim.ageConflictDiagnoses, the code with the dot and the age range its family allows.',
    compute: (ctx) => patientEdits(ctx.claim).ageDetails,
  }),
];
