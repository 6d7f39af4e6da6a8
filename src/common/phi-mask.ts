/**
 * Masks protected health information in text bound for a log: person names, member and subscriber
 * ids, dates of birth, addresses (street, city, ZIP), patient account numbers (CLM01) and social
 * security numbers, as they appear in X12 segments (NM1, REF, DMG, N3, N4, CLM), in JSON or
 * `key=value` text, and in plain words ("DOB 1980-01-01"). Pure.
 *
 * It errs on the side of masking: a provider's name in an NM1 of type 1 (person) is masked too, and
 * a `name` key is masked whatever it names. The patient account number (CLM01, a
 * `patientControlNumber`) is masked like the audit log and the finance views treat it. Codes,
 * amounts, NPIs, payer ids, claim ids and positions are kept, so a masked log still says what went
 * wrong and where.
 */

export const PHI_MASK = '***';

/**
 * NM108 qualifiers whose NM109 identifies an organisation or a provider, not a patient: NPI (XX),
 * payer id (PI), tax id (FI, 24), ETIN (46), CMS plan id (XV), provider number (SV). Any other
 * qualifier (MI member id, II unique health id, 34 SSN, ZZ …) is masked.
 */
const NON_PHI_NM1_ID = new Set(['XX', 'PI', 'FI', '24', '46', 'XV', 'SV']);

/**
 * REF01 qualifiers whose REF02 identifies a person: member id (1W), subscriber number (0F), SSN
 * (SY), insurance policy (IG), medical record (EA), health insurance claim number (F6), client
 * number (23), group or policy (1L), identity card (HJ), case (3H), agency claim (Y4), family unit
 * (49), group (6P), prior identifier (Q4).
 */
const PHI_REF = new Set(['1W', '0F', 'SY', 'IG', 'EA', 'F6', '23', '1L', 'HJ', '3H', 'Y4', '49', '6P', 'Q4']);

/** An NM1, REF, DMG, N3, N4 or CLM segment: the id, the element separator, the elements up to the terminator. */
const X12_SEGMENT = /\b(NM1|REF|DMG|N3|N4|CLM)([*|])([^~\r\n]*)/g;

function maskElements(id: string, sep: string, rest: string): string {
  const el = rest.split(sep);
  const mask = (i: number) => {
    if (el[i] !== undefined && el[i] !== '') el[i] = PHI_MASK;
  };
  switch (id) {
    case 'NM1':
      // el[0] = NM101 entity, el[1] = NM102 type (1 person), el[2..6] = NM103..NM107 names,
      // el[7] = NM108 id qualifier, el[8] = NM109 id.
      if (el[1] === '1') for (let i = 2; i <= 6; i++) mask(i);
      if (!NON_PHI_NM1_ID.has((el[7] ?? '').toUpperCase())) mask(8);
      break;
    case 'REF':
      if (PHI_REF.has((el[0] ?? '').toUpperCase())) mask(1);
      break;
    case 'DMG':
      // DMG02: the date of birth (DMG01 its format, DMG03 the sex, kept).
      mask(1);
      break;
    case 'N3':
      mask(0);
      mask(1);
      break;
    case 'N4':
      // N401 city and N403 ZIP (N402 the state, kept).
      mask(0);
      mask(2);
      break;
    case 'CLM':
      // CLM01: the patient account number; the charge and the codes after it are kept.
      mask(0);
      break;
  }
  return el.join(sep);
}

/**
 * Keys whose value is PHI, in JSON (`"memberId": "…"`), object dumps (`dob: '…'`) and
 * `key=value` text: member, subscriber and patient ids; dates of birth; person names.
 */
const PHI_KEY = String.raw`(?:[a-z_]*?(?:member_?id|member_?key|subscriber_?id|patient_?id|ssn|dob|birth_?date|date_?of_?birth|first_?name|last_?name|middle_?name|given_?name|family_?name|patient_?name|subscriber_?name|patient_?control_?number)|name|given|family)`;
/**
 * A value: an escaped JSON string (JSON inside a JSON string), a string in double or single quotes,
 * an array of strings, or a bare word. An object or an array of objects is not a value here: the
 * keys inside it are masked one by one instead.
 */
const VALUE = [
  String.raw`\\"(?:[^"\\]|\\[^"])*?\\"`,
  String.raw`"(?:[^"\\]|\\.)*"`,
  String.raw`'(?:[^'\\]|\\.)*'`,
  String.raw`\[\s*(?:"(?:[^"\\]|\\.)*"\s*,?\s*)*\]`,
  String.raw`\[\s*(?:\\"(?:[^"\\]|\\[^"])*?\\"\s*,?\s*)*\]`,
  String.raw`[^\s,;&}\]\[{"'\\]+`,
].join('|');
const KEYED = new RegExp(String.raw`(\\?["']?)\b(${PHI_KEY})\1(\s*[:=]\s*)(${VALUE})`, 'gi');

function maskValue(value: string): string {
  if (value === 'null' || value === '""' || value === "''" || value === '[]') return value;
  switch (value[0]) {
    case '\\':
      return `\\"${PHI_MASK}\\"`;
    case '"':
      return `"${PHI_MASK}"`;
    case "'":
      return `'${PHI_MASK}'`;
    case '[':
      return `["${PHI_MASK}"]`;
    default:
      return PHI_MASK;
  }
}

/** A date written after "DOB", "date of birth", "birth date" or "born" in plain words. */
const WORDED_DOB =
  /\b(dob|date of birth|birth ?date|born)(\W{0,3})(\d{4}-\d{2}-\d{2}|\d{8}|\d{1,2}\/\d{1,2}\/\d{2,4})\b/gi;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;

/** The text with its PHI replaced by `***` (see the module comment for what counts). */
export function maskPhi(text: string): string {
  if (text === '') return text;
  return text
    .replace(
      X12_SEGMENT,
      (_m, id: string, sep: string, rest: string) => `${id}${sep}${maskElements(id, sep, rest)}`,
    )
    .replace(
      KEYED,
      (_m, q: string, key: string, between: string, value: string) =>
        `${q}${key}${q}${between}${maskValue(value)}`,
    )
    .replace(WORDED_DOB, (_m, word: string, between: string) => `${word}${between}${PHI_MASK}`)
    .replace(SSN, '***-**-****');
}
