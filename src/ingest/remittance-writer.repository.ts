import { Injectable } from '@nestjs/common';
import { inList } from './bulk-insert.js';
import type { AdjustmentFact } from './claim-status.js';
import {
  CLAIM_PAYMENT,
  PAYMENT_ADJUSTMENT,
  PROVIDER_ADJUSTMENT,
  REMARK_CODE,
  REMITTANCE,
  SERVICE_PAYMENT,
} from './ingest-tables.js';
import type { PaymentRowSet } from './row-mappers.js';
import type { TransactionWriter } from './transaction-writer.js';

/** A claim payment on file, with what linking and the status rule read. */
export interface StoredPayment {
  id: string;
  remittanceId: string;
  claimId: string | null;
  patientControlNumber: string;
  statusCode: string;
  chargeCents: number;
  paidCents: number;
  patientResponsibilityCents: number;
  isReversal: boolean;
  statementFrom: string | null;
  statementTo: string | null;
  /** The remittance's payer id. */
  payerId: string;
}

/** An SVC of a stored payment, with its CAS. */
export interface StoredService {
  id: string;
  claimPaymentId: string;
  seq: number;
  procedureCode: string;
  serviceDate: string | null;
  controlNumber: string;
  chargeCents: number;
  paidCents: number;
  adjustments: AdjustmentFact[];
}

/** A stored payment's claim-level CAS and its services. */
export interface StoredPaymentDetail {
  adjustments: AdjustmentFact[];
  services: StoredService[];
}

const LOOKUP_CHUNK = 1000;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += LOOKUP_CHUNK) out.push(values.slice(i, i + LOOKUP_CHUNK));
  return out;
}

interface PaymentRow {
  id: string;
  remittance_id: string;
  claim_id: string | null;
  patient_control_number: string;
  status_code: string;
  charge_cents: number | string;
  paid_cents: number | string;
  patient_responsibility_cents: number | string | null;
  is_reversal: boolean | number;
  statement_from: string | null;
  statement_to: string | null;
  payer_id: string;
}

const PAYMENT_COLUMNS =
  `cp.id, cp.remittance_id, cp.claim_id, cp.patient_control_number, cp.status_code, cp.charge_cents,` +
  ` cp.paid_cents, cp.patient_responsibility_cents, cp.is_reversal, cp.statement_from, cp.statement_to,` +
  ` r.payer_id`;

function toPayment(r: PaymentRow): StoredPayment {
  return {
    id: r.id,
    remittanceId: r.remittance_id,
    claimId: r.claim_id,
    patientControlNumber: r.patient_control_number,
    statusCode: r.status_code,
    chargeCents: Number(r.charge_cents),
    paidCents: Number(r.paid_cents),
    patientResponsibilityCents: Number(r.patient_responsibility_cents ?? 0),
    isReversal: r.is_reversal === true || r.is_reversal === 1,
    statementFrom: r.statement_from,
    statementTo: r.statement_to,
    payerId: r.payer_id,
  };
}

/** The write side of remittances for ingest: every statement runs in the file's transaction. */
@Injectable()
export class RemittanceWriterRepository {
  async insertRemittance(w: TransactionWriter, row: unknown[]): Promise<void> {
    await w.insert(REMITTANCE, [row]);
  }

  /** Completes a remittance once its summary is read: claim payment count, PLB total and PLB rows. */
  async completeRemittance(
    w: TransactionWriter,
    id: string,
    claimPaymentCount: number,
    providerAdjustmentCents: number,
    providerAdjustments: readonly unknown[][],
  ): Promise<void> {
    await w.update(
      {
        table: 'remittance',
        key: 'id',
        columns: [
          { name: 'claim_payment_count', type: 'integer' },
          { name: 'provider_adjustment_cents', type: 'bigint' },
        ],
      },
      [[id, claimPaymentCount, providerAdjustmentCents]],
    );
    await w.insert(PROVIDER_ADJUSTMENT, providerAdjustments);
  }

  /** Inserts claim payments with their service payments, adjustments and remark codes. */
  async insertPayments(w: TransactionWriter, sets: readonly PaymentRowSet[]): Promise<void> {
    const payments: unknown[][] = [];
    const services: unknown[][] = [];
    const adjustments: unknown[][] = [];
    const remarks: unknown[][] = [];
    for (const s of sets) {
      payments.push(s.payment);
      for (const r of s.services) services.push(r);
      for (const r of s.adjustments) adjustments.push(r);
      for (const r of s.remarks) remarks.push(r);
    }
    await w.insert(CLAIM_PAYMENT, payments);
    await w.insert(SERVICE_PAYMENT, services);
    await w.insert(PAYMENT_ADJUSTMENT, adjustments);
    await w.insert(REMARK_CODE, remarks);
  }

  /** Whether any claim payment waits for its claim (checked once per file: most files need no lookup then). */
  async anyUnmatched(w: TransactionWriter): Promise<boolean> {
    const rows = await w.select<{ one: number }>(
      `SELECT 1 AS one FROM claim_payment WHERE match_status = 'unmatched' LIMIT 1`,
    );
    return rows.length > 0;
  }

  /** Claim payments not linked to any claim whose CLP01 is one of these. */
  async findUnmatchedByPatientControlNumbers(
    w: TransactionWriter,
    pcns: readonly string[],
  ): Promise<StoredPayment[]> {
    const out: StoredPayment[] = [];
    for (const chunk of chunks(pcns)) {
      const cond = inList(w.dialect, 'cp.patient_control_number', chunk);
      const rows = await w.select<PaymentRow>(
        `SELECT ${PAYMENT_COLUMNS} FROM claim_payment cp JOIN remittance r ON r.id = cp.remittance_id` +
          ` WHERE ${cond.sql} AND cp.match_status = 'unmatched'` +
          ` ORDER BY r.received_at, cp.byte_offset`,
        cond.params,
      );
      for (const r of rows) out.push(toPayment(r));
    }
    return out;
  }

  /** The payments linked to these claims, oldest first (remittance received, then place in its file). */
  async findLinkedToClaims(w: TransactionWriter, claimIds: readonly string[]): Promise<StoredPayment[]> {
    const out: StoredPayment[] = [];
    for (const chunk of chunks(claimIds)) {
      const cond = inList(w.dialect, 'cp.claim_id', chunk);
      const rows = await w.select<PaymentRow>(
        `SELECT ${PAYMENT_COLUMNS} FROM claim_payment cp JOIN remittance r ON r.id = cp.remittance_id` +
          ` WHERE ${cond.sql} ORDER BY r.received_at, cp.byte_offset`,
        cond.params,
      );
      for (const r of rows) out.push(toPayment(r));
    }
    return out;
  }

  /** Claim-level CAS and SVC lines (with their CAS) of stored payments, by payment id. */
  async findDetailOfPayments(
    w: TransactionWriter,
    paymentIds: readonly string[],
  ): Promise<Map<string, StoredPaymentDetail>> {
    const out = new Map<string, StoredPaymentDetail>();
    for (const id of paymentIds) out.set(id, { adjustments: [], services: [] });
    const serviceById = new Map<string, StoredService>();
    for (const chunk of chunks(paymentIds)) {
      const cond = inList(w.dialect, 'claim_payment_id', chunk);
      const services = await w.select<{
        id: string;
        claim_payment_id: string;
        seq: number;
        procedure_code: string;
        service_date: string | null;
        control_number: string;
        charge_cents: number | string;
        paid_cents: number | string;
      }>(
        `SELECT id, claim_payment_id, seq, procedure_code, service_date, control_number, charge_cents, paid_cents` +
          ` FROM service_payment WHERE ${cond.sql} ORDER BY seq`,
        cond.params,
      );
      for (const s of services) {
        const service: StoredService = {
          id: s.id,
          claimPaymentId: s.claim_payment_id,
          seq: Number(s.seq),
          procedureCode: s.procedure_code,
          serviceDate: s.service_date,
          controlNumber: s.control_number,
          chargeCents: Number(s.charge_cents),
          paidCents: Number(s.paid_cents),
          adjustments: [],
        };
        serviceById.set(s.id, service);
        out.get(s.claim_payment_id)?.services.push(service);
      }
      const adjustments = await w.select<{
        claim_payment_id: string;
        service_payment_id: string | null;
        group_code: string;
        reason_code: string;
      }>(
        `SELECT claim_payment_id, service_payment_id, group_code, reason_code FROM payment_adjustment WHERE ${cond.sql}`,
        cond.params,
      );
      for (const a of adjustments) {
        const fact = { group: a.group_code, reason: a.reason_code };
        if (a.service_payment_id === null) out.get(a.claim_payment_id)?.adjustments.push(fact);
        else serviceById.get(a.service_payment_id)?.adjustments.push(fact);
      }
    }
    return out;
  }

  /** Links stored claim payments to claims (match_status 'matched'). */
  async linkPayments(
    w: TransactionWriter,
    links: readonly { paymentId: string; claimId: string }[],
  ): Promise<void> {
    await w.update(
      {
        table: 'claim_payment',
        key: 'id',
        columns: [
          { name: 'claim_id', type: 'varchar' },
          { name: 'match_status', type: 'varchar' },
        ],
      },
      links.map((l) => [l.paymentId, l.claimId, 'matched']),
    );
  }

  /** Links stored service payments to claim lines. */
  async linkServices(
    w: TransactionWriter,
    links: readonly { servicePaymentId: string; claimLineId: string }[],
  ): Promise<void> {
    await w.update(
      { table: 'service_payment', key: 'id', columns: [{ name: 'claim_line_id', type: 'varchar' }] },
      links.map((l) => [l.servicePaymentId, l.claimLineId]),
    );
  }
}
