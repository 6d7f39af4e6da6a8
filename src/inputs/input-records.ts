/**
 * The records claimguard reads from a practice's other systems (authorizations, clinical
 * documentation, eligibility rosters, contract fee schedules, FHIR bundles, X12 271/278), after
 * validation and normalization. Pure types: the parsers produce them, the inputs module stores them,
 * patient matching and the rules read them.
 *
 * Conventions: dates are `YYYY-MM-DD` strings (dates of service are plain dates, never instants);
 * money is integer cents; ICD-10-CM codes are upper case without the dot (`E119`); procedure codes
 * and modifiers are upper case and trimmed.
 */

/** The upload kinds of `POST /api/v1/inputs/{kind}` and `claimguard import <kind>`. */
export const INPUT_KINDS = ['authorizations', 'documentation', 'eligibility', 'contracts', 'fhir'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** Where a record came from. */
export type RecordSource = 'csv' | 'json' | 'fhir' | 'x12-271' | 'x12-278';

/** Where in its file a record was read: a CSV line, a JSON path, or an X12 segment position. */
export interface RecordOrigin {
  source: RecordSource;
  /** 1-based line of the CSV record (its first line when a quoted cell spans lines), or the X12 segment's line. */
  line?: number;
  /** JSON path of the record, e.g. `$[3]` or `$.entry[2].resource`. */
  path?: string;
}

export const AUTHORIZATION_STATUSES = ['approved', 'pending', 'denied', 'cancelled'] as const;
export type AuthorizationStatus = (typeof AUTHORIZATION_STATUSES)[number];

/** One authorized service (a prior authorization can cover several codes: one record per code). Key: authNumber + procedureCode. */
export interface AuthorizationRecord {
  authNumber: string;
  payerId: string;
  memberId: string;
  patientLastName: string;
  patientFirstName: string;
  patientDob: string | null;
  procedureCode: string;
  /** null when the source gives no unit count. */
  unitsApproved: number | null;
  startDate: string;
  endDate: string;
  status: AuthorizationStatus;
  /** null: any provider. */
  providerNpi: string | null;
  origin: RecordOrigin;
}

/** One clinical document (a note) for a date of service. Key: documentId. */
export interface DocumentationRecord {
  documentId: string;
  memberId: string;
  patientLastName: string;
  patientFirstName: string;
  patientDob: string | null;
  serviceDate: string;
  documentType: string;
  diagnosisCodes: string[];
  procedureCodes: string[];
  authorNpi: string | null;
  signed: boolean;
  text: string;
  origin: RecordOrigin;
}

export const COVERAGE_STATUSES = ['active', 'inactive'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

/** One coverage span of a member on the roster or in a 271. Key: payerId + memberId + coverageStart. */
export interface EligibilityRecord {
  payerId: string;
  memberId: string;
  lastName: string;
  firstName: string;
  dob: string | null;
  /** M, F or U. */
  sex: 'M' | 'F' | 'U';
  coverageStart: string;
  /** null: open-ended. */
  coverageEnd: string | null;
  planName: string;
  /** A roster row is active coverage; a 271 can say inactive. */
  coverageStatus: CoverageStatus;
  origin: RecordOrigin;
}

/** One contracted allowed amount. Key: payerId + procedureCode + modifier + effectiveStart. */
export interface ContractRateRecord {
  payerId: string;
  procedureCode: string;
  /** '' means any modifier. */
  modifier: string;
  allowedCents: number;
  effectiveStart: string;
  /** null: open-ended. */
  effectiveEnd: string | null;
  origin: RecordOrigin;
}

/** A FHIR Patient, kept so claims can be matched to the EHR's patients. Key: patientId. */
export interface FhirPatientRecord {
  /** Patient.id */
  patientId: string;
  /** The identifier used as member id (Coverage.subscriberId when a Coverage points at the patient, else the first identifier). */
  memberId: string;
  lastName: string;
  firstName: string;
  dob: string | null;
  sex: 'M' | 'F' | 'U';
  origin: RecordOrigin;
}

/** Everything read from one upload. Each parser fills the arrays of its kind; FHIR bundles can fill all. */
export interface InputRecords {
  authorizations: AuthorizationRecord[];
  documentation: DocumentationRecord[];
  eligibility: EligibilityRecord[];
  contracts: ContractRateRecord[];
  patients: FhirPatientRecord[];
}

/** Stable codes of input problems; tests and API clients match on these, never on messages. */
export const INPUT_ISSUE_CODES = [
  'INPUT_EMPTY',
  'INPUT_NOT_UTF8',
  'INPUT_MALFORMED_CSV',
  'INPUT_MALFORMED_JSON',
  /** A JSON object naming the same key twice. */
  'INPUT_DUPLICATE_JSON_KEY',
  'INPUT_HEADER_MISMATCH',
  'INPUT_NOT_AN_ARRAY',
  'INPUT_NOT_AN_OBJECT',
  'INPUT_MISSING_VALUE',
  'INPUT_INVALID_DATE',
  'INPUT_INVALID_DATE_RANGE',
  'INPUT_INVALID_NUMBER',
  'INPUT_INVALID_AMOUNT',
  'INPUT_INVALID_BOOLEAN',
  'INPUT_INVALID_ENUM',
  'INPUT_INVALID_CODE',
  'INPUT_INVALID_NPI',
  /** A JSON value of the wrong type (an object where a string is expected, a number for a member id...). */
  'INPUT_INVALID_TYPE',
  /** A text value (an id, a name) longer than MAX_TEXT_CHARS. */
  'INPUT_VALUE_TOO_LONG',
  'INPUT_DUPLICATE_KEY',
  'FHIR_NOT_A_BUNDLE',
  'FHIR_UNSUPPORTED_BUNDLE_TYPE',
  'FHIR_INVALID_RESOURCE',
  'FHIR_UNRESOLVED_REFERENCE',
  'X12_WRONG_TRANSACTION',
  'X12_REQUEST_REJECTED',
  'X12_NO_AUTHORIZATION_REQUIRED',
] as const;
export type InputIssueCode = (typeof INPUT_ISSUE_CODES)[number];

/** A problem in an input file, with every position field that applies. */
export interface InputIssue {
  severity: 'error' | 'warning';
  code: InputIssueCode | string;
  message: string;
  file: string;
  /** 1-based line (CSV, X12). */
  line?: number;
  /** CSV column name. */
  column?: string;
  /** JSON path, e.g. `$[3].patient_dob` or `$.entry[2].resource.birthDate`. */
  path?: string;
  /** 0-based byte offset (X12). */
  byteOffset?: number;
  /** X12 segment id and element, e.g. `DTP03`. */
  segment?: string;
  element?: string;
}

/** A parser's answer: the records, and every problem found (a caller rejects the upload on any error). */
export interface InputParseResult {
  records: InputRecords;
  issues: InputIssue[];
}

export function emptyInputRecords(): InputRecords {
  return { authorizations: [], documentation: [], eligibility: [], contracts: [], patients: [] };
}
