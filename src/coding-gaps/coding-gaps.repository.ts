import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { formatIcd10 } from '../code-sets/code-normalization.js';
import type { SqlDialect } from '../ingest/bulk-insert.js';
import { bool, chunks, inPlaceholders, num, numbered } from '../reports/sql.js';
import {
  type BilledCodes,
  CODING_GAP_CATEGORIES,
  type GapFinding,
  type GapNote,
  type GapPosition,
  type GapState,
  type GapStatus,
  type MissedChargeItem,
} from './coding-gaps.js';

/** Which encounters to list. Months are service months, YYYY-MM, inclusive. */
export interface GapFilter {
  providerNpi?: string;
  payerId?: string;
  fromMonth?: string;
  toMonth?: string;
  /** Only encounters with at least one stored state of this status (for resolved and sent-back). */
  storedStatus?: Exclude<GapStatus, 'open'>;
}

/** A claim that may have gaps, in page order. */
export interface EncounterHeader {
  claimId: string;
  patientControlNumber: string;
  payerId: string;
  providerNpi: string;
  serviceDateFrom: string | null;
  serviceDateTo: string | null;
}

/** What the gaps of a set of claims are made of, by claim id. */
export interface EncounterDetails {
  findings: Map<string, GapFinding[]>;
  missedCharges: Map<string, MissedChargeItem[]>;
  notes: Map<string, GapNote[]>;
  billed: Map<string, BilledCodes>;
  providerNames: Map<string, string>;
  states: Map<string, Map<string, GapState>>;
}

/** A coder's change of a gap's status. */
export interface GapStateWrite {
  claimId: string;
  gapKey: string;
  status: GapStatus;
  comment: string | null;
  updatedById: string | null;
  updatedByName: string;
  updatedAt: string;
}

/** The provider of an encounter: the rendering NPI, else the billing NPI (as the reports count it). */
const PROVIDER = `CASE WHEN c.rendering_npi <> '' THEN c.rendering_npi ELSE c.billing_npi END`;
const SERVICE_DATE = `COALESCE(c.service_date_from, '')`;
/** Claims that stand: not replaced or voided by a later submission. */
const CURRENT = `c.superseded_by_id IS NULL AND c.status NOT IN ('replaced', 'voided')`;

const GAP_CATEGORY_LIST = `(${CODING_GAP_CATEGORIES.map((c) => `'${c}'`).join(', ')})`;

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const split = (s: unknown, sep: RegExp = /;/): string[] =>
  text(s)
    .split(sep)
    .map((x) => x.trim())
    .filter((x) => x !== '');

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function parseEvidence(v: unknown): Record<string, unknown> {
  if (v !== null && typeof v === 'object') return v as Record<string, unknown>;
  try {
    const parsed = JSON.parse(text(v)) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Reads what coding gaps are made of (claims, their lines and diagnoses, current findings and
 * overrides, missed-charge leakage items, the linked clinical notes) and writes coders' statuses
 * (coding_gap). The only code of the coding-gap area that touches SQL.
 */
@Injectable()
export class CodingGapsRepository {
  constructor(private readonly dataSource: DataSource) {}

  get dialect(): SqlDialect {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  private async query(sql: string, params: unknown[], m?: EntityManager): Promise<Record<string, unknown>[]> {
    return (await (m ?? this.dataSource.manager).query(numbered(this.dialect, sql), params)) as Record<
      string,
      unknown
    >[];
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Current claims with a finding in a gap category or a missed charge, matching the filter, in
   * page order (provider, date of service, claim id) after `after`, at most `limit`.
   */
  async candidates(filter: GapFilter, after: GapPosition | null, limit: number): Promise<EncounterHeader[]> {
    const where = [
      CURRENT,
      `(EXISTS (SELECT 1 FROM finding f WHERE f.claim_id = c.id AND f.category IN ${GAP_CATEGORY_LIST})
        OR EXISTS (SELECT 1 FROM leakage_item l WHERE l.claim_id = c.id AND l.kind = 'missed-charge'))`,
    ];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (filter.providerNpi !== undefined) add(`${PROVIDER} = ?`, filter.providerNpi);
    if (filter.payerId !== undefined) add('c.payer_id = ?', filter.payerId);
    if (filter.fromMonth !== undefined) add('c.service_date_from >= ?', `${filter.fromMonth}-01`);
    if (filter.toMonth !== undefined) add('c.service_date_from < ?', `${nextMonth(filter.toMonth)}-01`);
    if (filter.storedStatus !== undefined) {
      add(
        'EXISTS (SELECT 1 FROM coding_gap g WHERE g.claim_id = c.id AND g.status = ?)',
        filter.storedStatus,
      );
    }
    if (after)
      add(
        `(${PROVIDER}, ${SERVICE_DATE}, c.id) > (?, ?, ?)`,
        after.providerNpi,
        after.serviceDate,
        after.claimId,
      );
    const rows = await this.query(
      `SELECT c.id, c.patient_control_number, c.payer_id, ${PROVIDER} AS provider_npi, c.service_date_from,
         c.service_date_to
       FROM claim c WHERE ${where.join(' AND ')}
       ORDER BY ${PROVIDER}, ${SERVICE_DATE}, c.id LIMIT ?`,
      [...params, limit],
    );
    return rows.map(toHeader);
  }

  /** One current claim's header, or null when there is no such current claim. */
  async encounter(claimId: string, m?: EntityManager): Promise<EncounterHeader | null> {
    const rows = await this.query(
      `SELECT c.id, c.patient_control_number, c.payer_id, ${PROVIDER} AS provider_npi, c.service_date_from,
         c.service_date_to
       FROM claim c WHERE c.id = ? AND ${CURRENT}`,
      [claimId],
      m,
    );
    return rows[0] ? toHeader(rows[0]) : null;
  }

  /** Everything the gaps of these claims are made of. */
  async details(headers: readonly EncounterHeader[], m?: EntityManager): Promise<EncounterDetails> {
    const out: EncounterDetails = {
      findings: new Map(),
      missedCharges: new Map(),
      notes: new Map(),
      billed: new Map(),
      providerNames: new Map(),
      states: new Map(),
    };
    const providerOf = new Map(headers.map((h) => [h.claimId, h.providerNpi]));
    for (const part of chunks(headers.map((h) => h.claimId))) {
      const ids = inPlaceholders(part.length);
      const overridden = new Map<string, boolean>();
      for (const r of await this.query(
        `SELECT claim_id, rule_id, line_number, action FROM finding_override WHERE claim_id IN ${ids}
         ORDER BY at, id`,
        part,
        m,
      )) {
        overridden.set(
          `${text(r['claim_id'])}\u0000${text(r['rule_id'])}\u0000${num(r['line_number'])}`,
          r['action'] === 'override',
        );
      }
      for (const r of await this.query(
        `SELECT claim_id, rule_id, category, severity, line_number, message, fix, evidence, amount_cents
         FROM finding WHERE claim_id IN ${ids} AND category IN ${GAP_CATEGORY_LIST} ORDER BY id`,
        part,
        m,
      )) {
        const claimId = text(r['claim_id']);
        const ruleId = text(r['rule_id']);
        const lineNumber = num(r['line_number']);
        push(out.findings, claimId, {
          ruleId,
          category: text(r['category']),
          severity: text(r['severity']),
          lineNumber,
          message: text(r['message']),
          fix: text(r['fix']),
          evidence: parseEvidence(r['evidence']),
          amountCents: num(r['amount_cents']),
          overridden: overridden.get(`${claimId}\u0000${ruleId}\u0000${lineNumber}`) === true,
        });
      }
      for (const r of await this.query(
        `SELECT claim_id, amount_cents, detail FROM leakage_item
         WHERE kind = 'missed-charge' AND claim_id IN ${ids} ORDER BY id`,
        part,
        m,
      )) {
        push(out.missedCharges, text(r['claim_id']), {
          amountCents: num(r['amount_cents']),
          detail: text(r['detail']),
        });
      }
      const seenNotes = new Set<string>();
      for (const r of await this.query(
        `SELECT pl.claim_id, d.document_id, d.service_date, d.signed, d.diagnosis_codes, d.procedure_codes, d.text
         FROM patient_link pl
         JOIN clinical_document d ON d.id = pl.target_id
         JOIN claim c ON c.id = pl.claim_id
         WHERE pl.target_kind = 'documentation' AND pl.claim_id IN ${ids}
           AND d.service_date >= c.service_date_from
           AND d.service_date <= COALESCE(c.service_date_to, c.service_date_from)
         ORDER BY pl.claim_id, d.service_date, d.document_id`,
        part,
        m,
      )) {
        const claimId = text(r['claim_id']);
        const documentId = text(r['document_id']);
        if (seenNotes.has(`${claimId}\u0000${documentId}`)) continue;
        seenNotes.add(`${claimId}\u0000${documentId}`);
        push(out.notes, claimId, {
          documentId,
          serviceDate: text(r['service_date']),
          signed: bool(r['signed']),
          diagnosisCodes: split(r['diagnosis_codes']).map(formatIcd10),
          procedureCodes: split(r['procedure_codes']),
          text: text(r['text']),
        });
      }
      for (const id of part) out.billed.set(id, { diagnoses: [], lines: [] });
      for (const r of await this.query(
        `SELECT claim_id, code FROM claim_diagnosis WHERE claim_id IN ${ids} ORDER BY claim_id, seq`,
        part,
        m,
      )) {
        out.billed.get(text(r['claim_id']))?.diagnoses.push(formatIcd10(text(r['code'])));
      }
      for (const r of await this.query(
        `SELECT claim_id, line_number, procedure_code, modifiers, units, charge_cents FROM claim_line
         WHERE claim_id IN ${ids} ORDER BY claim_id, line_number`,
        part,
        m,
      )) {
        out.billed.get(text(r['claim_id']))?.lines.push({
          lineNumber: num(r['line_number']),
          code: text(r['procedure_code']),
          modifiers: split(r['modifiers'], /[;:,]/),
          units: r['units'] === null || r['units'] === undefined ? null : Number(r['units']),
          chargeCents: num(r['charge_cents']),
        });
      }
      for (const r of await this.query(
        `SELECT claim_id, role, npi, last_or_org_name, first_name FROM claim_provider
         WHERE claim_id IN ${ids} AND role IN ('rendering', 'billing') ORDER BY claim_id, role DESC`,
        part,
        m,
      )) {
        const claimId = text(r['claim_id']);
        if (out.providerNames.has(claimId) || text(r['npi']) !== providerOf.get(claimId)) continue;
        const last = text(r['last_or_org_name']).trim();
        const first = text(r['first_name']).trim();
        if (last !== '') out.providerNames.set(claimId, first === '' ? last : `${last}, ${first}`);
      }
      for (const r of await this.query(
        `SELECT claim_id, gap_key, status, comment, updated_by_name, updated_at FROM coding_gap
         WHERE claim_id IN ${ids}`,
        part,
        m,
      )) {
        const claimId = text(r['claim_id']);
        let states = out.states.get(claimId);
        if (!states) out.states.set(claimId, (states = new Map()));
        states.set(text(r['gap_key']), {
          status: text(r['status']) as GapStatus,
          comment: r['comment'] === null || r['comment'] === undefined ? null : text(r['comment']),
          updatedBy: text(r['updated_by_name']),
          updatedAt: text(r['updated_at']),
        });
      }
    }
    return out;
  }

  /** Sets a gap's status (inserting its row on the first change). */
  async upsertState(w: GapStateWrite, m: EntityManager): Promise<void> {
    await this.query(
      `INSERT INTO coding_gap (claim_id, gap_key, status, comment, updated_by_id, updated_by_name, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (claim_id, gap_key) DO UPDATE SET status = excluded.status, comment = excluded.comment,
         updated_by_id = excluded.updated_by_id, updated_by_name = excluded.updated_by_name,
         updated_at = excluded.updated_at`,
      [w.claimId, w.gapKey, w.status, w.comment, w.updatedById, w.updatedByName, w.updatedAt],
      m,
    );
  }
}

function toHeader(r: Record<string, unknown>): EncounterHeader {
  const date = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
  return {
    claimId: text(r['id']),
    patientControlNumber: text(r['patient_control_number']),
    payerId: text(r['payer_id']),
    providerNpi: text(r['provider_npi']),
    serviceDateFrom: date(r['service_date_from']),
    serviceDateTo: date(r['service_date_to']),
  };
}
