import { Injectable } from '@nestjs/common';
import { inList } from './bulk-insert.js';
import { CLAIM, CLAIM_DIAGNOSIS, CLAIM_EVENT, CLAIM_LINE, CLAIM_PROVIDER } from './ingest-tables.js';
import type { LineCandidate } from './payment-matching.js';
import type { ClaimRowSet } from './row-mappers.js';
import type { TransactionWriter } from './transaction-writer.js';

/** A claim on file as ingest needs it: submission history, payment state and what linking compares. */
export interface StoredClaim {
  id: string;
  patientControlNumber: string;
  billingNpi: string;
  payerId: string;
  submission: string;
  supersededById: string | null;
  status: string;
  totalChargeCents: number;
  paidCents: number;
  patientResponsibilityCents: number;
  serviceDateFrom: string | null;
  serviceDateTo: string | null;
  receivedAt: string;
  byteOffset: number;
}

/** A claim line with its claim, for linking service payments. */
export interface StoredLine extends LineCandidate {
  claimId: string;
}

/** A claim's payment state after linking. */
export interface ClaimPaymentState {
  id: string;
  paidCents: number;
  patientResponsibilityCents: number;
  status: string;
}

/** Rows per lookup: keeps SQLite's IN lists far under its parameter limit. */
const LOOKUP_CHUNK = 1000;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += LOOKUP_CHUNK) out.push(values.slice(i, i + LOOKUP_CHUNK));
  return out;
}

interface ClaimRow {
  id: string;
  patient_control_number: string;
  billing_npi: string;
  payer_id: string;
  submission: string;
  superseded_by_id: string | null;
  status: string;
  total_charge_cents: number | string;
  paid_cents: number | string;
  patient_responsibility_cents: number | string;
  service_date_from: string | null;
  service_date_to: string | null;
  received_at: string;
  byte_offset: number | string;
}

interface LineRow {
  id: string;
  claim_id: string;
  line_number: number;
  procedure_code: string;
  service_date: string | null;
  control_number: string;
}

/** The write side of claims for ingest: every statement runs in the file's transaction. */
@Injectable()
export class ClaimWriterRepository {
  /** Claims with any of these CLM01s, oldest first (file received time, then place in the file). */
  async findByPatientControlNumbers(w: TransactionWriter, pcns: readonly string[]): Promise<StoredClaim[]> {
    const out: StoredClaim[] = [];
    for (const chunk of chunks(pcns)) {
      const cond = inList(w.dialect, 'patient_control_number', chunk);
      const rows = await w.select<ClaimRow>(
        `SELECT id, patient_control_number, billing_npi, payer_id, submission, superseded_by_id, status,` +
          ` total_charge_cents, paid_cents, patient_responsibility_cents, service_date_from, service_date_to,` +
          ` received_at, byte_offset FROM claim WHERE ${cond.sql}`,
        cond.params,
      );
      for (const r of rows) {
        out.push({
          id: r.id,
          patientControlNumber: r.patient_control_number,
          billingNpi: r.billing_npi,
          payerId: r.payer_id,
          submission: r.submission,
          supersededById: r.superseded_by_id,
          status: r.status,
          totalChargeCents: Number(r.total_charge_cents),
          paidCents: Number(r.paid_cents),
          patientResponsibilityCents: Number(r.patient_responsibility_cents),
          serviceDateFrom: r.service_date_from,
          serviceDateTo: r.service_date_to,
          receivedAt: r.received_at,
          byteOffset: Number(r.byte_offset),
        });
      }
    }
    return out.sort((a, b) =>
      a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : a.byteOffset - b.byteOffset,
    );
  }

  /** The lines of these claims. */
  async findLinesOfClaims(w: TransactionWriter, claimIds: readonly string[]): Promise<StoredLine[]> {
    const out: StoredLine[] = [];
    for (const chunk of chunks(claimIds)) {
      const cond = inList(w.dialect, 'claim_id', chunk);
      const rows = await w.select<LineRow>(
        `SELECT id, claim_id, line_number, procedure_code, service_date, control_number FROM claim_line WHERE ${cond.sql}`,
        cond.params,
      );
      for (const r of rows) {
        out.push({
          id: r.id,
          claimId: r.claim_id,
          lineNumber: Number(r.line_number),
          procedureCode: r.procedure_code,
          serviceDate: r.service_date,
          controlNumber: r.control_number,
        });
      }
    }
    return out;
  }

  /** Inserts claims with their lines, diagnoses and providers (claims first: the others refer to them). */
  async insertClaims(w: TransactionWriter, sets: readonly ClaimRowSet[]): Promise<void> {
    const claims: unknown[][] = [];
    const lines: unknown[][] = [];
    const diagnoses: unknown[][] = [];
    const providers: unknown[][] = [];
    for (const s of sets) {
      claims.push(s.claim);
      for (const r of s.lines) lines.push(r);
      for (const r of s.diagnoses) diagnoses.push(r);
      for (const r of s.providers) providers.push(r);
    }
    await w.insert(CLAIM, claims);
    await w.insert(CLAIM_LINE, lines);
    await w.insert(CLAIM_DIAGNOSIS, diagnoses);
    await w.insert(CLAIM_PROVIDER, providers);
  }

  async insertEvents(w: TransactionWriter, events: readonly unknown[][]): Promise<void> {
    await w.insert(CLAIM_EVENT, events);
  }

  /** Marks claims replaced or voided by a later submission. */
  async markSuperseded(
    w: TransactionWriter,
    changes: readonly { id: string; supersededById: string; status: string }[],
  ): Promise<void> {
    await w.update(
      {
        table: 'claim',
        key: 'id',
        columns: [
          { name: 'superseded_by_id', type: 'varchar' },
          { name: 'status', type: 'varchar' },
        ],
      },
      changes.map((c) => [c.id, c.supersededById, c.status]),
    );
  }

  /** Writes paid and patient responsibility totals and the derived status of claims. */
  async savePaymentStates(w: TransactionWriter, states: readonly ClaimPaymentState[]): Promise<void> {
    await w.update(
      {
        table: 'claim',
        key: 'id',
        columns: [
          { name: 'paid_cents', type: 'bigint' },
          { name: 'patient_responsibility_cents', type: 'bigint' },
          { name: 'status', type: 'varchar' },
        ],
      },
      states.map((s) => [s.id, s.paidCents, s.patientResponsibilityCents, s.status]),
    );
  }
}
