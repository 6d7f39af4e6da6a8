/**
 * The report tables as the bulk writer sees them (column order = row order below), with the varchar
 * widths of the migration 1764700000000-reports-schema.
 */
import type { TableSpec } from '../ingest/ingest-tables.js';
import { encodeFlags, type ClaimReportRow, type LeakageItem } from '../reporting/claim-report.js';
import type { RollupRow } from '../reporting/rollup.js';

const spec = (name: string, columns: [string, number?][]): TableSpec => ({
  name,
  columns: columns.map(([c, maxLength]) => (maxLength === undefined ? { name: c } : { name: c, maxLength })),
});

export const CLAIM_REPORT = spec('claim_report', [
  ['claim_id', 36],
  ['month', 7],
  ['service_date', 10],
  ['submitted_date', 10],
  ['payer_id', 80],
  ['provider_npi', 10],
  ['claim_type', 16],
  ['patient_control_number', 38],
  ['status', 16],
  ['charge_cents'],
  ['paid_cents'],
  ['first_pass', 8],
  ['current_outcome', 8],
  ['first_remit_date', 10],
  ['denial_carcs', 120],
  ['denial_category', 32],
  ['denial_categories', 200],
  ['denied_cents'],
  ['anticipated'],
  ['flags'],
  ['finding_count'],
  ['risk_milli'],
  ['expected_denial_cents'],
  ['underpaid_cents'],
  ['missed_charge_cents'],
  ['reversed_cents'],
  ['rework_cents'],
  ['fixed'],
  ['rework_avoided_cents'],
  ['worked'],
  ['appeal_deadline', 10],
  ['filing_deadline', 10],
  ['updated_at', 30],
]);

export function claimReportValues(r: ClaimReportRow, anticipated: boolean, at: string): unknown[] {
  return [
    r.claimId,
    r.month,
    r.serviceDate,
    r.submittedDate,
    r.payerId,
    r.providerNpi,
    r.claimType,
    r.patientControlNumber,
    r.status,
    r.chargeCents,
    r.paidCents,
    r.firstPass,
    r.currentOutcome,
    r.firstRemitDate,
    r.denialCarcs.join(';'),
    r.denialCategory,
    r.denialCategories.join(';'),
    r.deniedCents,
    anticipated ? 1 : 0,
    encodeFlags(r.flags),
    r.findingCount,
    r.riskMilli,
    r.expectedDenialCents,
    r.underpaidCents,
    r.missedChargeCents,
    r.reversedCents,
    r.reworkCents,
    r.fixed ? 1 : 0,
    r.reworkAvoidedCents,
    r.worked ? 1 : 0,
    r.appealDeadline,
    r.filingDeadline,
    at,
  ];
}

export const LEAKAGE_ITEM = spec('leakage_item', [
  ['id', 36],
  ['claim_id', 36],
  ['remittance_id', 36],
  ['line_number'],
  ['kind', 16],
  ['category', 32],
  ['month', 7],
  ['payer_id', 80],
  ['provider_npi', 10],
  ['claim_type', 16],
  ['amount_cents'],
  ['deadline', 10],
  ['detail', 400],
]);

/** Where a leakage item belongs: its claim (or remittance, for PLB items) and reporting dimensions. */
export interface LeakageOwner {
  claimId: string | null;
  remittanceId: string | null;
  month: string;
  payerId: string;
  providerNpi: string;
  claimType: string;
}

export function leakageValues(id: string, owner: LeakageOwner, item: LeakageItem): unknown[] {
  return [
    id,
    owner.claimId,
    owner.remittanceId,
    item.lineNumber,
    item.kind,
    item.category,
    owner.month,
    owner.payerId,
    owner.providerNpi,
    owner.claimType,
    item.amountCents,
    item.deadline,
    item.detail,
  ];
}

export const REPORT_ROLLUP = spec('report_rollup', [
  ['month', 7],
  ['payer_id', 80],
  ['provider_npi', 10],
  ['claim_type', 16],
  ['kind', 12],
  ['key', 80],
  ['claims'],
  ['adjudicated'],
  ['flagged'],
  ['flagged_denied'],
  ['flagged_matching'],
  ['denied'],
  ['anticipated'],
  ['clean'],
  ['charge_cents'],
  ['paid_cents'],
  ['denied_cents'],
  ['anticipated_cents'],
  ['amount_cents'],
  ['predicted_milli'],
]);

export function rollupValues(r: RollupRow): unknown[] {
  return [
    r.month,
    r.payerId,
    r.providerNpi,
    r.claimType,
    r.kind,
    r.key,
    r.claims,
    r.adjudicated,
    r.flagged,
    r.flaggedDenied,
    r.flaggedMatching,
    r.denied,
    r.anticipated,
    r.clean,
    r.chargeCents,
    r.paidCents,
    r.deniedCents,
    r.anticipatedCents,
    r.amountCents,
    r.predictedMilli,
  ];
}

/** SQL column of each rollup measure. */
export const MEASURE_COLUMNS: Record<string, string> = {
  claims: 'claims',
  adjudicated: 'adjudicated',
  flagged: 'flagged',
  flaggedDenied: 'flagged_denied',
  flaggedMatching: 'flagged_matching',
  denied: 'denied',
  anticipated: 'anticipated',
  clean: 'clean',
  chargeCents: 'charge_cents',
  paidCents: 'paid_cents',
  deniedCents: 'denied_cents',
  anticipatedCents: 'anticipated_cents',
  amountCents: 'amount_cents',
  predictedMilli: 'predicted_milli',
};
