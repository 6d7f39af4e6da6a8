import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlDialect } from '../ingest/bulk-insert.js';
import { inPlaceholders, num, numbered } from '../reports/sql.js';
import { OPEN_STATUSES } from '../worklist/work-status.js';
import { MONEY_SQL, QUEUE_SQL } from '../worklist/worklist.repository.js';
import type { NewDenialRow, RiskLine } from './digest-content.js';
import type { DigestKind } from './digest-period.js';

/** A digest table row. */
export interface DigestRow {
  id: string;
  kind: DigestKind;
  periodFrom: string;
  periodTo: string;
  createdAt: string;
  /** File names relative to REPORTS_DIR (`digests/digest-daily-2026-03-01.html`). */
  htmlFile: string;
  csvFile: string;
  /** The headline figures, JSON. */
  summary: string;
  runId: string | null;
}

const nullable = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toRow(r: Record<string, unknown>): DigestRow {
  return {
    id: String(r['id']),
    kind: String(r['kind']) === 'weekly' ? 'weekly' : 'daily',
    periodFrom: String(r['period_from']),
    periodTo: String(r['period_to']),
    createdAt: String(r['created_at']),
    htmlFile: String(r['html_file']),
    csvFile: String(r['csv_file']),
    summary: String(r['summary']),
    runId: nullable(r['run_id']),
  };
}

const splitList = (v: unknown): string[] =>
  v === null || v === undefined || v === '' ? [] : String(v).split(';');

const COLUMNS = 'id, kind, period_from, period_to, created_at, html_file, csv_file, summary, run_id';

/**
 * The digest table, and the two reads of the report tables a digest needs that no report makes:
 * denials by the day their answer was received, and the worklist's open flagged claims summed.
 */
@Injectable()
export class DigestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  get dialect(): SqlDialect {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  private query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.dataSource.query(numbered(this.dialect, sql), params as unknown[]);
  }

  /**
   * Claims we learned were denied in [start, end) (ISO-8601 UTC instants: the digest's days in the
   * job time zone): their first answer, a denial in whole or in part, came in an 835 file received
   * then, whatever date the payer put on it (BPR16, `first_remit_date`). A claim answered in a file
   * received before `start` is not new, even when a file in the period answers it again. Starts from
   * the files received in the period (by received_at), then their remittances and claim payments, so
   * it reads only what arrived then. Replaced and voided claims are left out: the rollups count their
   * denials through the claim that replaced them.
   */
  async newDenials(start: string, end: string): Promise<NewDenialRow[]> {
    // The claims answered by a file received in the period drive the query (an IN list on the
    // claim_report key): SQLite plans it so even without statistics, where a DISTINCT over them
    // would make it walk the claim_id index of every claim payment.
    const rows = await this.query(
      `SELECT cr.claim_id, cr.payer_id, c.billing_npi, cr.first_remit_date, cr.first_pass, cr.denied_cents,
              cr.denial_carcs, cr.denial_categories
         FROM claim_report cr JOIN claim c ON c.id = cr.claim_id
        WHERE cr.claim_id IN (
                SELECT cp.claim_id
                  FROM received_file f
                  JOIN remittance r ON r.file_id = f.id
                  JOIN claim_payment cp ON cp.remittance_id = r.id
                 WHERE f.received_at >= ? AND f.received_at < ?)
          AND cr.first_pass IN ('denied', 'partial') AND cr.status NOT IN ('replaced', 'voided')
          AND NOT EXISTS (
                SELECT 1
                  FROM claim_payment earlier
                  JOIN remittance er ON er.id = earlier.remittance_id
                  JOIN received_file ef ON ef.id = er.file_id
                 WHERE earlier.claim_id = cr.claim_id AND ef.received_at < ?)
        ORDER BY cr.claim_id`,
      [start, end, start],
    );
    return rows.map((r) => ({
      claimId: String(r['claim_id']),
      payerId: String(r['payer_id']),
      billingNpi: String(r['billing_npi'] ?? ''),
      firstRemitDate: String(r['first_remit_date']),
      firstPass: String(r['first_pass']) === 'partial' ? 'partial' : 'denied',
      deniedCents: num(r['denied_cents']),
      denialCarcs: splitList(r['denial_carcs']),
      denialCategories: splitList(r['denial_categories']),
    }));
  }

  /**
   * The open flagged claims per payer: the worklist's queue (its own SQL) without an answer from the
   * payer, whose work is not resolved or overridden, with the worklist's money at risk.
   */
  async openFlaggedByPayer(): Promise<RiskLine[]> {
    const rows = await this.query(
      `SELECT cr.payer_id, COUNT(*) AS n, SUM(${MONEY_SQL}) AS money
         FROM claim_report cr LEFT JOIN work_item w ON w.claim_id = cr.claim_id
        WHERE (${QUEUE_SQL}) AND cr.first_pass = 'pending'
          AND (w.status IS NULL OR w.status IN ${inPlaceholders(OPEN_STATUSES.length)})
        GROUP BY cr.payer_id`,
      [...OPEN_STATUSES],
    );
    return rows
      .map((r) => ({ key: String(r['payer_id']), claims: num(r['n']), expectedDeniedCents: num(r['money']) }))
      .sort(
        (a, b) =>
          b.expectedDeniedCents - a.expectedDeniedCents || b.claims - a.claims || (a.key < b.key ? -1 : 1),
      );
  }

  /**
   * Stores a digest, replacing the one of the same kind and period (its id is kept, so links to it
   * stay valid). Returns the stored row.
   */
  async upsert(row: DigestRow): Promise<DigestRow> {
    const rows = await this.query(
      `INSERT INTO digest (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, period_from, period_to) DO UPDATE
         SET created_at = excluded.created_at, html_file = excluded.html_file, csv_file = excluded.csv_file,
             summary = excluded.summary, run_id = excluded.run_id
       RETURNING ${COLUMNS}`,
      [
        row.id,
        row.kind,
        row.periodFrom,
        row.periodTo,
        row.createdAt,
        row.htmlFile,
        row.csvFile,
        row.summary,
        row.runId,
      ],
    );
    return toRow(rows[0]!);
  }

  /** Digests (of one kind, or all) newest first (created_at, then id), after `after`. */
  async list(
    kind: DigestKind | undefined,
    after: { createdAt: string; id: string } | null,
    limit: number,
  ): Promise<DigestRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (kind !== undefined) {
      where.push('kind = ?');
      params.push(kind);
    }
    if (after) {
      where.push('(created_at, id) < (?, ?)');
      params.push(after.createdAt, after.id);
    }
    const rows = await this.query(
      `SELECT ${COLUMNS} FROM digest ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC LIMIT ?`,
      [...params, limit],
    );
    return rows.map(toRow);
  }

  async byId(id: string): Promise<DigestRow | null> {
    const [r] = await this.query(`SELECT ${COLUMNS} FROM digest WHERE id = ?`, [id]);
    return r ? toRow(r) : null;
  }
}
