import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseX12 } from '../x12/index.js';
import { IdGenerator } from '../database/id-generator.js';
import {
  CLAIM,
  CLAIM_COL,
  CLAIM_DIAGNOSIS,
  CLAIM_LINE,
  CLAIM_PAYMENT,
  CLAIM_PAYMENT_COL,
  CLAIM_PROVIDER,
  PAYMENT_ADJUSTMENT,
  PROVIDER_ADJUSTMENT,
  REMARK_CODE,
  REMITTANCE,
  SERVICE_PAYMENT,
  SERVICE_PAYMENT_COL,
  type TableSpec,
} from './ingest-tables.js';
import { cents, claimRows, paymentRows, providerAdjustmentRows, remittanceRow } from './row-mappers.js';

const fixture = (path: string) => readFileSync(join(process.cwd(), 'fixtures/x12', path));
const named = (table: TableSpec, row: readonly unknown[]) => {
  expect(row).toHaveLength(table.columns.length);
  return Object.fromEntries(table.columns.map((c, i) => [c.name, row[i]]));
};

describe('claimRows', () => {
  const { claims } = parseX12(fixture('valid/837p-basic.x12'));
  const claim = claims[1]!;
  const sut = claimRows(claim, new IdGenerator(), 'file-1', '2026-01-02T03:04:05.000Z');

  it('maps the claim columns, money in cents, and keeps the whole model in detail', () => {
    const row = named(CLAIM, sut.claim);
    expect(row).toMatchObject({
      file_id: 'file-1',
      claim_type: 'professional',
      version: '5010',
      patient_control_number: 'PCN002',
      frequency_code: '1',
      submission: 'original',
      status: 'submitted',
      total_charge_cents: 23075,
      paid_cents: 0,
      payer_id: 'TESTPYR01',
      payer_name: 'TESTPAYER INSURANCE',
      subscriber_member_id: 'TESTMEM001',
      subscriber_birth_date: '1980-01-01',
      patient_last_name: 'TESTPATIENT',
      patient_first_name: 'ALPHA',
      patient_sex: 'F',
      billing_npi: '1234567893',
      billing_tax_id: '999999999',
      billing_name: 'TESTPROVIDER CLINIC',
      facility_code: '11',
      service_date_from: '2024-01-16',
      service_date_to: '2024-01-16',
      interchange_control_number: '000000101',
      transaction_control_number: '0001',
      received_at: '2026-01-02T03:04:05.000Z',
    });
    expect(row['line']).toBe(claim.position.line);
    expect(JSON.parse(row['detail'] as string)).toEqual(claim);
    expect(sut.claim[CLAIM_COL.patientControlNumber]).toBe('PCN002');
  });

  it('maps lines (place of service from CLM05-1 when the line has none), diagnoses and providers', () => {
    const claimId = sut.claim[CLAIM_COL.id];
    expect(sut.lines.map((l) => named(CLAIM_LINE, l))).toEqual([
      expect.objectContaining({
        claim_id: claimId,
        line_number: 1,
        procedure_qualifier: 'HC',
        procedure_code: '99214',
        modifiers: '',
        charge_cents: 20000,
        units: 1,
        unit_basis: 'UN',
        place_of_service: '11',
        service_date: '2024-01-16',
        diagnosis_pointers: '1',
      }),
      expect.objectContaining({ line_number: 2, procedure_code: '85025', charge_cents: 3075 }),
    ]);
    expect(sut.lineKeys[0]).toEqual({
      id: sut.lines[0]![0],
      claimId,
      lineNumber: 1,
      procedureCode: '99214',
      serviceDate: '2024-01-16',
      controlNumber: '',
    });
    expect(sut.diagnoses.map((d) => named(CLAIM_DIAGNOSIS, d))).toEqual([
      expect.objectContaining({ seq: 1, qualifier: 'ABK', code: 'I10', role: 'principal' }),
      expect.objectContaining({ seq: 2, qualifier: 'ABF', code: 'E119', role: 'other' }),
    ]);
    expect(sut.providers.map((p) => named(CLAIM_PROVIDER, p))).toEqual([
      expect.objectContaining({
        role: 'billing',
        npi: '1234567893',
        tax_id: '999999999',
        taxonomy: '207Q00000X',
      }),
    ]);
  });

  it('turns an unreadable amount into 0 cents (the issue is reported by the parser)', () => {
    expect(cents(Number.NaN)).toBe(0);
    expect(cents(null)).toBe(0);
    expect(cents(-125)).toBe(-125);
    const { claims: bad } = parseX12(fixture('invalid/sv102-invalid-amount.x12'));
    const rows = claimRows(bad[1]!, new IdGenerator(), 'f', 'now');
    expect(named(CLAIM_LINE, rows.lines[0]!)['charge_cents']).toBe(0);
  });
});

describe('payment rows', () => {
  const { remittances } = parseX12(fixture('valid/835-full.x12'));
  const remittance = remittances[0]!;
  const ids = new IdGenerator();

  it('maps the remittance header and its PLB', () => {
    expect(named(REMITTANCE, remittanceRow(remittance.header, 'r1', 'f1', 'now'))).toMatchObject({
      id: 'r1',
      payer_id: '',
      payer_name: 'TESTPAYER INSURANCE',
      payee_npi: '1234567893',
      payee_tax_id: '999999999',
      trace_number: 'TESTEFT0001',
      payment_date: '2024-03-15',
      total_payment_cents: 23750,
      payment_method: 'ACH',
    });
    expect(providerAdjustmentRows(remittance, 'r1', ids).map((r) => named(PROVIDER_ADJUSTMENT, r))).toEqual([
      expect.objectContaining({ reason: 'L6', reference: 'TESTINT0001', amount_cents: -250 }),
      expect.objectContaining({ reason: 'WO', reference: 'TESTICN0099', amount_cents: 1000 }),
    ]);
  });

  it('maps a claim payment (unmatched until linked), its SVC lines, CAS and remark codes', () => {
    const sut = paymentRows(remittance.payments[0]!, 'r1', ids);
    expect(named(CLAIM_PAYMENT, sut.payment)).toMatchObject({
      remittance_id: 'r1',
      claim_id: null,
      match_status: 'unmatched',
      patient_control_number: 'PCN001',
      status_code: '1',
      charge_cents: 15000,
      paid_cents: 10000,
      patient_responsibility_cents: 2000,
      payer_claim_control_number: 'TESTICN0001',
      is_reversal: false,
      patient_last_name: 'TESTPATIENT',
      member_id: 'TESTMEM001',
    });
    expect(sut.payment[CLAIM_PAYMENT_COL.matchStatus]).toBe('unmatched');
    const services = sut.services.map((s) => named(SERVICE_PAYMENT, s));
    expect(services).toEqual([
      expect.objectContaining({
        seq: 1,
        procedure_code: '99213',
        charge_cents: 10000,
        paid_cents: 7000,
        allowed_cents: 9000,
      }),
      expect.objectContaining({
        seq: 2,
        procedure_code: '87880',
        paid_cents: 3000,
        service_date: '2024-01-15',
      }),
    ]);
    expect(sut.services[0]![SERVICE_PAYMENT_COL.claimLineId]).toBeNull();
    expect(sut.adjustments.map((a) => named(PAYMENT_ADJUSTMENT, a))).toEqual([
      expect.objectContaining({
        service_payment_id: services[0]!['id'],
        group_code: 'CO',
        reason_code: '45',
        amount_cents: 1000,
      }),
      expect.objectContaining({
        service_payment_id: services[0]!['id'],
        group_code: 'PR',
        reason_code: '2',
        amount_cents: 2000,
      }),
      expect.objectContaining({
        service_payment_id: services[1]!['id'],
        group_code: 'CO',
        amount_cents: 2000,
      }),
    ]);
    expect(sut.remarks.map((r) => named(REMARK_CODE, r))).toEqual([
      expect.objectContaining({ service_payment_id: services[1]!['id'], code: 'N130' }),
    ]);
  });

  it('keeps claim-level CAS without a service, and a reversal as such', () => {
    const withClaimCas = paymentRows(remittance.payments[2]!, 'r1', ids);
    expect(withClaimCas.adjustments.map((a) => named(PAYMENT_ADJUSTMENT, a))[0]).toMatchObject({
      service_payment_id: null,
      reason_code: '253',
      amount_cents: 500,
    });
    const reversal = named(CLAIM_PAYMENT, paymentRows(remittance.payments[3]!, 'r1', ids).payment);
    expect(reversal).toMatchObject({ status_code: '22', is_reversal: true, paid_cents: -10000 });
  });
});
