/**
 * The tables ingest writes, as the bulk inserter sees them: column names in the order the row mappers
 * fill them, with the varchar width of the migration (1764158400000-initial-schema) so that an
 * over-long value from a malformed file is cut to fit instead of failing the whole file on PostgreSQL
 * (the complete value stays in `claim.detail`).
 */
export interface ColumnSpec {
  name: string;
  /** varchar width; absent for numbers, booleans and text. */
  maxLength?: number;
}

export interface TableSpec {
  name: string;
  columns: readonly ColumnSpec[];
}

function table(name: string, columns: [string, number?][]): TableSpec {
  return {
    name,
    columns: columns.map(([column, maxLength]) =>
      maxLength === undefined ? { name: column } : { name: column, maxLength },
    ),
  };
}

export const RECEIVED_FILE = table('received_file', [
  ['id', 36],
  ['sha256', 64],
  ['name', 255],
  ['size_bytes'],
  ['kind', 16],
  ['status', 16],
  ['transaction_count'],
  ['claim_count'],
  ['payment_count'],
  ['error_count'],
  ['warning_count'],
  ['failure'],
  ['received_at', 30],
  ['processed_at', 30],
]);

export const FILE_ISSUE = table('file_issue', [
  ['id', 36],
  ['file_id', 36],
  ['seq'],
  ['severity', 8],
  ['code', 48],
  ['message'],
  ['segment_index'],
  ['segment_id', 3],
  ['element_index'],
  ['component_index'],
  ['line'],
  ['byte_offset'],
  ['path', 64],
]);

export const CLAIM = table('claim', [
  ['id', 36],
  ['file_id', 36],
  ['claim_type', 16],
  ['version', 4],
  ['patient_control_number', 38],
  ['frequency_code', 2],
  ['submission', 16],
  ['superseded_by_id', 36],
  ['duplicate_of_id', 36],
  ['status', 16],
  ['total_charge_cents'],
  ['paid_cents'],
  ['patient_responsibility_cents'],
  ['payer_id', 80],
  ['payer_name', 120],
  ['subscriber_member_id', 80],
  ['subscriber_last_name', 80],
  ['subscriber_first_name', 80],
  ['subscriber_birth_date', 10],
  ['patient_last_name', 80],
  ['patient_first_name', 80],
  ['patient_birth_date', 10],
  ['patient_sex', 1],
  ['billing_npi', 10],
  ['billing_tax_id', 20],
  ['billing_name', 120],
  ['rendering_npi', 10],
  ['referring_npi', 10],
  ['facility_code', 4],
  ['service_date_from', 10],
  ['service_date_to', 10],
  ['prior_authorization', 50],
  ['payer_claim_control_number', 50],
  ['interchange_control_number', 9],
  ['transaction_control_number', 9],
  ['segment_index'],
  ['line'],
  ['byte_offset'],
  ['finding_count'],
  ['detail'],
  ['received_at', 30],
]);

/** Column positions in a CLAIM row that ingest changes after building the row. */
export const CLAIM_COL = {
  id: 0,
  patientControlNumber: 4,
  submission: 6,
  supersededById: 7,
  duplicateOfId: 8,
  status: 9,
  paidCents: 11,
  patientResponsibilityCents: 12,
} as const;

export const CLAIM_LINE = table('claim_line', [
  ['id', 36],
  ['claim_id', 36],
  ['line_number'],
  ['procedure_qualifier', 3],
  ['procedure_code', 48],
  ['modifiers', 20],
  ['revenue_code', 4],
  ['charge_cents'],
  ['units'],
  ['unit_basis', 2],
  ['place_of_service', 2],
  ['service_date', 10],
  ['service_date_end', 10],
  ['control_number', 50],
  ['ndc', 48],
  ['diagnosis_pointers', 16],
  ['prior_authorization', 50],
  ['rendering_npi', 10],
]);

export const CLAIM_DIAGNOSIS = table('claim_diagnosis', [
  ['id', 36],
  ['claim_id', 36],
  ['seq'],
  ['qualifier', 3],
  ['code', 30],
  ['role', 20],
  ['present_on_admission', 1],
]);

export const CLAIM_PROVIDER = table('claim_provider', [
  ['id', 36],
  ['claim_id', 36],
  ['role', 24],
  ['npi', 10],
  ['tax_id', 20],
  ['last_or_org_name', 120],
  ['first_name', 80],
  ['taxonomy', 10],
]);

export const CLAIM_EVENT = table('claim_event', [
  ['id', 36],
  ['claim_id', 36],
  ['at', 30],
  ['kind', 24],
  ['file_id', 36],
  ['related_id', 36],
  ['detail'],
]);

export const REMITTANCE = table('remittance', [
  ['id', 36],
  ['file_id', 36],
  ['payer_id', 80],
  ['payer_name', 120],
  ['payee_name', 120],
  ['payee_npi', 10],
  ['payee_tax_id', 20],
  ['trace_number', 50],
  ['payment_date', 10],
  ['total_payment_cents'],
  ['handling_code', 2],
  ['payment_method', 3],
  ['credit_debit', 1],
  ['claim_payment_count'],
  ['provider_adjustment_cents'],
  ['interchange_control_number', 9],
  ['transaction_control_number', 9],
  ['received_at', 30],
]);

export const CLAIM_PAYMENT = table('claim_payment', [
  ['id', 36],
  ['remittance_id', 36],
  ['claim_id', 36],
  ['match_status', 12],
  ['patient_control_number', 38],
  ['status_code', 2],
  ['charge_cents'],
  ['paid_cents'],
  ['patient_responsibility_cents'],
  ['claim_filing_indicator', 2],
  ['payer_claim_control_number', 50],
  ['facility_code', 4],
  ['frequency_code', 2],
  ['is_reversal'],
  ['patient_last_name', 80],
  ['patient_first_name', 80],
  ['member_id', 80],
  ['statement_from', 10],
  ['statement_to', 10],
  ['segment_index'],
  ['line'],
  ['byte_offset'],
]);

/** Column positions in a CLAIM_PAYMENT row that linking fills in. */
export const CLAIM_PAYMENT_COL = { id: 0, claimId: 2, matchStatus: 3 } as const;

export const SERVICE_PAYMENT = table('service_payment', [
  ['id', 36],
  ['claim_payment_id', 36],
  ['claim_line_id', 36],
  ['seq'],
  ['procedure_qualifier', 3],
  ['procedure_code', 48],
  ['modifiers', 20],
  ['revenue_code', 4],
  ['charge_cents'],
  ['paid_cents'],
  ['allowed_cents'],
  ['units'],
  ['service_date', 10],
  ['service_date_end', 10],
  ['control_number', 50],
]);

/** Column positions in a SERVICE_PAYMENT row that linking fills in. */
export const SERVICE_PAYMENT_COL = { claimLineId: 2 } as const;

export const PAYMENT_ADJUSTMENT = table('payment_adjustment', [
  ['id', 36],
  ['claim_payment_id', 36],
  ['service_payment_id', 36],
  ['group_code', 2],
  ['reason_code', 5],
  ['amount_cents'],
  ['quantity'],
]);

export const REMARK_CODE = table('remark_code', [
  ['id', 36],
  ['claim_payment_id', 36],
  ['service_payment_id', 36],
  ['code', 10],
]);

export const PROVIDER_ADJUSTMENT = table('provider_adjustment', [
  ['id', 36],
  ['remittance_id', 36],
  ['provider_id', 50],
  ['fiscal_period_date', 10],
  ['reason', 4],
  ['reference', 50],
  ['amount_cents'],
]);
