/**
 * The four tabular input kinds as data: their columns (the public contract of the CSV headers and
 * JSON keys), how each value is validated, which columns form date ranges and the re-import key, and
 * how a validated row becomes a record. `parseInputFile` runs one generic loop over these tables.
 */
import {
  AUTHORIZATION_STATUSES,
  type AuthorizationRecord,
  type AuthorizationStatus,
  type ContractRateRecord,
  type DocumentationRecord,
  type EligibilityRecord,
  type InputRecords,
  type RecordOrigin,
} from '../input-records.js';
import { type Sex } from './field-values.js';

export const TABULAR_KINDS = ['authorizations', 'documentation', 'eligibility', 'contracts'] as const;
export type TabularKind = (typeof TABULAR_KINDS)[number];

/** How one column's value is read. Optional columns give null ('' for text/modifier, [] for lists) when empty. */
export type FieldType =
  | { type: 'text' }
  /** Free text: inner line breaks kept (CRLF normalized to LF), ends trimmed. */
  | { type: 'note' }
  | { type: 'date' }
  | { type: 'units' }
  | { type: 'money' }
  | { type: 'boolean' }
  | { type: 'sex' }
  | { type: 'npi' }
  | { type: 'procedureCode' }
  | { type: 'modifier' }
  | { type: 'icd10List' }
  | { type: 'procedureCodeList' }
  | { type: 'enum'; values: readonly string[]; aliases?: Readonly<Record<string, string>> };

export interface FieldSpec {
  column: string;
  field: FieldType;
  required: boolean;
}

export type FieldValue = string | number | boolean | string[] | null;
export type RowValues = Readonly<Record<string, FieldValue>>;

export interface KindSpec {
  kind: TabularKind;
  /** The InputRecords array the records go to. */
  target: Exclude<keyof InputRecords, 'patients'>;
  fields: readonly FieldSpec[];
  /** [start column, end column]: start <= end when both are given. */
  ranges: readonly (readonly [string, string])[];
  /** Columns of the re-import key (see input-records.ts); no two rows of one file may share it. */
  key: readonly string[];
  build(values: RowValues, origin: RecordOrigin): InputRecords[KindSpec['target']][number];
}

const text = { type: 'text' } as const;
const date = { type: 'date' } as const;
const req = (column: string, field: FieldType): FieldSpec => ({ column, field, required: true });
const opt = (column: string, field: FieldType): FieldSpec => ({ column, field, required: false });

const s = (v: RowValues, c: string): string => v[c] as string;
const sOrNull = (v: RowValues, c: string): string | null => (v[c] as string | null) ?? null;

const authorizations: KindSpec = {
  kind: 'authorizations',
  target: 'authorizations',
  fields: [
    req('auth_number', text),
    req('payer_id', text),
    req('member_id', text),
    req('patient_last_name', text),
    req('patient_first_name', text),
    req('patient_dob', date),
    req('procedure_code', { type: 'procedureCode' }),
    req('units_approved', { type: 'units' }),
    req('start_date', date),
    req('end_date', date),
    req('status', { type: 'enum', values: AUTHORIZATION_STATUSES, aliases: { canceled: 'cancelled' } }),
    opt('provider_npi', { type: 'npi' }),
  ],
  ranges: [['start_date', 'end_date']],
  key: ['auth_number', 'procedure_code'],
  build: (v, origin): AuthorizationRecord => ({
    authNumber: s(v, 'auth_number'),
    payerId: s(v, 'payer_id'),
    memberId: s(v, 'member_id'),
    patientLastName: s(v, 'patient_last_name'),
    patientFirstName: s(v, 'patient_first_name'),
    patientDob: sOrNull(v, 'patient_dob'),
    procedureCode: s(v, 'procedure_code'),
    unitsApproved: (v.units_approved as number | null) ?? null,
    startDate: s(v, 'start_date'),
    endDate: s(v, 'end_date'),
    status: v.status as AuthorizationStatus,
    providerNpi: sOrNull(v, 'provider_npi'),
    origin,
  }),
};

const documentation: KindSpec = {
  kind: 'documentation',
  target: 'documentation',
  fields: [
    req('document_id', text),
    req('member_id', text),
    req('patient_last_name', text),
    req('patient_first_name', text),
    req('patient_dob', date),
    req('service_date', date),
    req('document_type', text),
    opt('diagnosis_codes', { type: 'icd10List' }),
    opt('procedure_codes', { type: 'procedureCodeList' }),
    opt('author_npi', { type: 'npi' }),
    req('signed', { type: 'boolean' }),
    opt('text', { type: 'note' }),
  ],
  ranges: [],
  key: ['document_id'],
  build: (v, origin): DocumentationRecord => ({
    documentId: s(v, 'document_id'),
    memberId: s(v, 'member_id'),
    patientLastName: s(v, 'patient_last_name'),
    patientFirstName: s(v, 'patient_first_name'),
    patientDob: sOrNull(v, 'patient_dob'),
    serviceDate: s(v, 'service_date'),
    documentType: s(v, 'document_type'),
    diagnosisCodes: v.diagnosis_codes as string[],
    procedureCodes: v.procedure_codes as string[],
    authorNpi: sOrNull(v, 'author_npi'),
    signed: v.signed as boolean,
    text: s(v, 'text'),
    origin,
  }),
};

const eligibility: KindSpec = {
  kind: 'eligibility',
  target: 'eligibility',
  fields: [
    req('payer_id', text),
    req('member_id', text),
    req('last_name', text),
    req('first_name', text),
    req('dob', date),
    req('sex', { type: 'sex' }),
    req('coverage_start', date),
    opt('coverage_end', date),
    req('plan_name', text),
  ],
  ranges: [['coverage_start', 'coverage_end']],
  key: ['payer_id', 'member_id', 'coverage_start'],
  build: (v, origin): EligibilityRecord => ({
    payerId: s(v, 'payer_id'),
    memberId: s(v, 'member_id'),
    lastName: s(v, 'last_name'),
    firstName: s(v, 'first_name'),
    dob: sOrNull(v, 'dob'),
    sex: v.sex as Sex,
    coverageStart: s(v, 'coverage_start'),
    coverageEnd: sOrNull(v, 'coverage_end'),
    planName: s(v, 'plan_name'),
    coverageStatus: 'active',
    origin,
  }),
};

const contracts: KindSpec = {
  kind: 'contracts',
  target: 'contracts',
  fields: [
    req('payer_id', text),
    req('procedure_code', { type: 'procedureCode' }),
    opt('modifier', { type: 'modifier' }),
    req('allowed_amount', { type: 'money' }),
    req('effective_start', date),
    opt('effective_end', date),
  ],
  ranges: [['effective_start', 'effective_end']],
  key: ['payer_id', 'procedure_code', 'modifier', 'effective_start'],
  build: (v, origin): ContractRateRecord => ({
    payerId: s(v, 'payer_id'),
    procedureCode: s(v, 'procedure_code'),
    modifier: s(v, 'modifier'),
    allowedCents: v.allowed_amount as number,
    effectiveStart: s(v, 'effective_start'),
    effectiveEnd: sOrNull(v, 'effective_end'),
    origin,
  }),
};

export const KIND_SPECS: Readonly<Record<TabularKind, KindSpec>> = {
  authorizations,
  documentation,
  eligibility,
  contracts,
};

/** The expected columns of a kind, in documentation order. */
export function expectedColumns(kind: TabularKind): string[] {
  return KIND_SPECS[kind].fields.map((f) => f.column);
}
