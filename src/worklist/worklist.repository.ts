import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SqlDialect } from '../ingest/bulk-insert.js';
import { decodeFlags } from '../reporting/claim-report.js';
import { toClaimReportRow, type ReportClaimRow } from '../reports/reports.repository.js';
import { bool, chunks, inPlaceholders, num, numbered } from '../reports/sql.js';
import {
  ACTIVE_STATUSES,
  CLOSED_STATUSES,
  isWorkStatus,
  OPEN_STATUSES,
  type WorkStatus,
  type WorkStatusFilter,
} from './work-status.js';
import type { FindingSummary, WorklistRow } from './worklist-item.js';

/**
 * The worklist's queue, money-at-risk and deadline expressions over claim_report (alias `cr`). They
 * must stay, word for word without the `cr.`, those of the partial indexes of the migration
 * 1764800200000-worklist-indexes (SQLite uses a partial index only when the query repeats its
 * condition; both databases match expression indexes by their text). worklist.repository.spec.ts
 * checks it.
 *
 * In the queue: claims not yet worked (no later submission of the same claim, not replaced or voided)
 * that either have block/warn findings and no answer from the payer yet, or were denied (wholly or
 * partly) at first pass and still are.
 */
export const QUEUE_SQL =
  "cr.worked = 0 AND ((cr.first_pass = 'pending' AND cr.finding_count > 0) OR " +
  "(cr.first_pass IN ('denied', 'partial') AND cr.current_outcome IN ('denied', 'partial')))";
/** Money at risk: the expected denied amount while unanswered, the denied amount once denied. */
export const MONEY_SQL =
  "CASE WHEN cr.first_pass = 'pending' THEN cr.expected_denial_cents ELSE cr.denied_cents END";
/** The deadline that matters (filing limit while unanswered, appeal deadline once denied); none sorts last. */
export const DEADLINE_SQL =
  "COALESCE(CASE WHEN cr.first_pass = 'pending' THEN cr.filing_deadline ELSE cr.appeal_deadline END, '9999-12-31')";
/** Which deadline DEADLINE_SQL is, for a claim in the queue: the filing limit while unanswered, else the appeal's. */
export const DEADLINE_KIND_SQL = "CASE WHEN cr.first_pass = 'pending' THEN 'filing' ELSE 'appeal' END";
/** The claim's work is not finished (`w`: its work_item, NULL columns when nobody touched it: new). */
export const OPEN_WORK_SQL = `(w.status IS NULL OR w.status NOT IN (${CLOSED_STATUSES.map((s) => `'${s}'`).join(', ')}))`;

export type WorklistSort = 'risk' | 'deadline';

/** Who the claims are assigned to: nobody, or one user. */
export type AssigneeFilter = { kind: 'none' } | { kind: 'user'; id: string };

export interface WorklistFilter {
  queue: 'all' | 'flagged' | 'denied';
  payerId?: string | undefined;
  providerNpi?: string | undefined;
  /** A category of the denial or of a block/warn finding (validated against the category list). */
  category?: string | undefined;
  /** The claim's most severe finding. */
  severity?: 'block' | 'warn' | undefined;
  status?: WorkStatusFilter | undefined;
  assignee?: AssigneeFilter | undefined;
  /** Only claims whose deadline is on or before this day (overdue ones included). */
  deadlineUntil?: string | undefined;
  /** deadline: only claims with an open deadline alert (deadline_alert, raised by the deadlines job). */
  alert?: 'deadline' | undefined;
}

/** Where the next page starts: after the row with this sort value (money or deadline key) and claim id. */
export interface WorklistPosition {
  value: number | string;
  claimId: string;
}

/** A claim's work item, with the names of the users it refers to. */
export interface WorkItemRow {
  claimId: string;
  status: WorkStatus;
  assigneeId: string | null;
  assigneeUsername: string | null;
  assigneeDisplayName: string | null;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  updatedById: string | null;
  updatedByUsername: string | null;
}

export interface NewWorkItem {
  claimId: string;
  status: WorkStatus;
  assigneeId: string | null;
  reason: string | null;
  at: string;
  by: string | null;
}

/** A work_item_event row. */
export interface WorkEventRow {
  id: string;
  claimId: string;
  at: string;
  actorId: string | null;
  actorName: string;
  kind: 'status' | 'assign' | 'note';
  fromStatus: string | null;
  toStatus: string | null;
  assigneeId: string | null;
  text: string | null;
}

export interface WorkEventView extends WorkEventRow {
  assigneeUsername: string | null;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
  disabled: boolean;
}

export interface OverrideEventRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  ruleId: string;
  lineNumber: number;
  reason: string;
}

/** A record matched to the claim's patient (patient_link), with how it was matched. */
interface LinkInfo {
  method: string;
  score: number;
  confidence: string;
}

export interface LinkedDocument {
  id: string;
  documentId: string;
  serviceDate: string;
  documentType: string;
  diagnosisCodes: string[];
  procedureCodes: string[];
  authorNpi: string | null;
  signed: boolean;
  text: string;
  source: string;
  link: LinkInfo;
}

export interface LinkedAuthorization {
  id: string;
  authNumber: string;
  payerId: string;
  procedureCode: string;
  unitsApproved: number | null;
  startDate: string;
  endDate: string;
  status: string;
  providerNpi: string | null;
  source: string;
  link: LinkInfo;
}

export interface LinkedEligibility {
  id: string;
  payerId: string;
  memberId: string;
  coverageStart: string;
  coverageEnd: string | null;
  planName: string;
  coverageStatus: string;
  source: string;
  link: LinkInfo;
}

/** Rows per multi-row INSERT (× 10 columns: well under both databases' parameter limits). */
const INSERT_ROWS = 200;

const SELECT_COLUMNS = `cr.claim_id, cr.patient_control_number, cr.payer_id, cr.provider_npi, cr.claim_type,
  cr.service_date, cr.month, cr.charge_cents, cr.risk_milli, cr.first_pass, cr.flags, cr.denial_carcs,
  cr.denial_categories, cr.anticipated, cr.filing_deadline, cr.appeal_deadline,
  ${MONEY_SQL} AS money_at_risk, ${DEADLINE_SQL} AS deadline_key, w.status AS work_status, w.assignee_id,
  da.kind AS alert_kind, da.deadline AS alert_deadline`;

/**
 * A claim's open deadline alert (`da`), read by the unique index (claim_id, kind, deadline), and only
 * while it is still the claim's deadline that matters: once an 835 answers the claim (the filing
 * alert no longer applies) or its deadline moves, the alert stops showing at once rather than at the
 * deadlines job's next run, which clears it. A claim has at most one such alert.
 */
const ALERT_STILL_DUE = `da.kind = ${DEADLINE_KIND_SQL} AND da.deadline = ${DEADLINE_SQL}`;
const OPEN_ALERT_JOIN = `LEFT JOIN deadline_alert da ON da.claim_id = cr.claim_id AND da.cleared_at IS NULL AND ${ALERT_STILL_DUE}`;

/** The worklist tables (work_item, work_item_event) and the reads of the worklist and the claim page. */
@Injectable()
export class WorklistRepository {
  constructor(private readonly dataSource: DataSource) {}

  get dialect(): SqlDialect {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  private query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.dataSource.query(numbered(this.dialect, sql), params as unknown[]);
  }

  /** Runs `work` in one transaction; everything it writes is kept or nothing is. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  // ----------------------------------------------------------------------------------- the list

  /**
   * A page of the worklist: the claims in the queue, plus claims someone is working on (in-progress,
   * fixed, resubmitted) that left the queue meanwhile, in `sort` order after `after`. Each part is
   * read in index order with its own LIMIT and the two are merged, so the first page costs one short
   * index walk whatever the queue's size.
   */
  async page(
    filter: WorklistFilter,
    sort: WorklistSort,
    after: WorklistPosition | null,
    limit: number,
  ): Promise<WorklistRow[]> {
    const { where, params } = filterSql(filter);
    const keyExpr = sort === 'risk' ? MONEY_SQL : DEADLINE_SQL;
    if (after) {
      // A range on the indexed expression, then the tie-break on the id (both databases use the index).
      where.push(
        sort === 'risk'
          ? `${keyExpr} <= ? AND (${keyExpr} < ? OR cr.claim_id < ?)`
          : `${keyExpr} >= ? AND (${keyExpr} > ? OR cr.claim_id > ?)`,
      );
      params.push(after.value, after.value, after.claimId);
    }
    const innerOrder =
      sort === 'risk' ? `${MONEY_SQL} DESC, cr.claim_id DESC` : `${DEADLINE_SQL}, cr.claim_id`;
    const outerOrder =
      sort === 'risk' ? 'p.money_at_risk DESC, p.claim_id DESC' : 'p.deadline_key, p.claim_id';
    // A filter on the work item (an assignee, a status other than new/open) matches few claims: read
    // them from work_item first (CROSS JOIN keeps that order on SQLite; PostgreSQL plans it itself).
    const byWork =
      filter.assignee?.kind === 'user' ||
      (filter.status !== undefined && filter.status !== 'new' && filter.status !== 'open');
    // Only claims with an open alert: few (a week of deadlines), read from the open alerts first.
    const from =
      filter.alert === 'deadline'
        ? `FROM deadline_alert da CROSS JOIN claim_report cr LEFT JOIN work_item w ON w.claim_id = cr.claim_id
            WHERE da.cleared_at IS NULL AND cr.claim_id = da.claim_id AND ${ALERT_STILL_DUE} AND`
        : byWork
          ? `FROM work_item w CROSS JOIN claim_report cr ${OPEN_ALERT_JOIN} WHERE cr.claim_id = w.claim_id AND`
          : `FROM claim_report cr LEFT JOIN work_item w ON w.claim_id = cr.claim_id ${OPEN_ALERT_JOIN} WHERE`;
    const rest = where.length ? ` AND ${where.join(' AND ')}` : '';
    const parts: string[] = [
      `SELECT ${SELECT_COLUMNS} ${from} (${QUEUE_SQL})${rest} ORDER BY ${innerOrder} LIMIT ?`,
    ];
    const partParams: unknown[][] = [[...params, limit]];
    const active = activeStatusesFor(filter.status);
    if (active.length) {
      parts.push(
        `SELECT ${SELECT_COLUMNS} FROM work_item w CROSS JOIN claim_report cr ${OPEN_ALERT_JOIN}
          WHERE cr.claim_id = w.claim_id AND w.status IN ${inPlaceholders(active.length)}
            AND NOT (${QUEUE_SQL})${rest} ORDER BY ${innerOrder} LIMIT ?`,
      );
      partParams.push([...active, ...params, limit]);
    }
    const union = parts.map((sql, i) => `SELECT * FROM (${sql}) part${i}`).join(' UNION ALL ');
    const rows = await this.query<Record<string, unknown>>(
      `SELECT p.*, u.username AS assignee_username FROM (${union}) p
         LEFT JOIN app_user u ON u.id = p.assignee_id ORDER BY ${outerOrder} LIMIT ?`,
      [...partParams.flat(), limit],
    );
    return rows.map(toWorklistRow);
  }

  /** The block/warn findings of these claims (for the "look at this first" line). */
  async findingSummaries(claimIds: readonly string[]): Promise<Map<string, FindingSummary[]>> {
    const out = new Map<string, FindingSummary[]>();
    for (const part of chunks([...new Set(claimIds)])) {
      const rows = await this.query<Record<string, unknown>>(
        `SELECT claim_id, rule_id, severity, message, amount_cents FROM finding
          WHERE claim_id IN ${inPlaceholders(part.length)} AND severity IN ('block', 'warn')`,
        part,
      );
      for (const r of rows) {
        const id = String(r['claim_id']);
        const list = out.get(id) ?? [];
        list.push({
          ruleId: String(r['rule_id']),
          severity: String(r['severity']),
          message: String(r['message']),
          amountCents: num(r['amount_cents']),
        });
        out.set(id, list);
      }
    }
    return out;
  }

  // ----------------------------------------------------------------------------------- lookups

  /** Which of these claim ids exist. */
  async existingClaimIds(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.query<{ id: string }>(
        `SELECT id FROM claim WHERE id IN ${inPlaceholders(part.length)}`,
        part,
      );
      for (const r of rows) out.add(r.id);
    }
    return out;
  }

  async claimExists(id: string): Promise<boolean> {
    return (await this.existingClaimIds([id])).has(id);
  }

  async user(id: string): Promise<UserRow | null> {
    const [r] = await this.query<Record<string, unknown>>(
      `SELECT id, username, display_name, role, disabled_at FROM app_user WHERE id = ?`,
      [id],
    );
    return r
      ? {
          id: String(r['id']),
          username: String(r['username']),
          displayName: String(r['display_name']),
          role: String(r['role']),
          disabled: r['disabled_at'] !== null && r['disabled_at'] !== undefined,
        }
      : null;
  }

  /** A claim's work item, or null when nobody has touched it (it is `new`). */
  async workItem(claimId: string, tx?: EntityManager): Promise<WorkItemRow | null> {
    const [r] = await this.run<Record<string, unknown>>(
      tx,
      `SELECT w.claim_id, w.status, w.assignee_id, w.reason, w.created_at, w.updated_at, w.updated_by,
              a.username AS assignee_username, a.display_name AS assignee_display_name,
              b.username AS updated_by_username
         FROM work_item w
         LEFT JOIN app_user a ON a.id = w.assignee_id
         LEFT JOIN app_user b ON b.id = w.updated_by
        WHERE w.claim_id = ?`,
      [claimId],
    );
    return r ? toWorkItemRow(r) : null;
  }

  /** The assignee of each of these claims that has a work item. */
  async assigneesOf(tx: EntityManager, claimIds: readonly string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (const part of chunks([...new Set(claimIds)])) {
      const rows = await this.run<{ claim_id: string; assignee_id: string | null }>(
        tx,
        `SELECT claim_id, assignee_id FROM work_item WHERE claim_id IN ${inPlaceholders(part.length)}`,
        part,
      );
      for (const r of rows) out.set(r.claim_id, r.assignee_id ?? null);
    }
    return out;
  }

  // ----------------------------------------------------------------------------------- writes

  async insertWorkItems(tx: EntityManager, items: readonly NewWorkItem[]): Promise<void> {
    for (const part of chunks(items, INSERT_ROWS)) {
      await this.run(
        tx,
        `INSERT INTO work_item (claim_id, status, assignee_id, reason, created_at, updated_at, updated_by)
         VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        part.flatMap((i) => [i.claimId, i.status, i.assigneeId, i.reason, i.at, i.at, i.by]),
      );
    }
  }

  /**
   * Moves a work item from `from` to `to` if it is still in `from`; answers whether it was (another
   * request may have moved it since it was read).
   */
  async moveStatus(
    tx: EntityManager,
    claimId: string,
    from: WorkStatus,
    to: WorkStatus,
    reason: string | null,
    at: string,
    by: string | null,
  ): Promise<boolean> {
    const result = await tx.queryRunner!.query(
      numbered(
        this.dialect,
        `UPDATE work_item SET status = ?, reason = ?, updated_at = ?, updated_by = ? WHERE claim_id = ? AND status = ?`,
      ),
      [to, reason, at, by, claimId, from],
      true,
    );
    return (result.affected ?? 0) === 1;
  }

  async setAssignee(
    tx: EntityManager,
    claimIds: readonly string[],
    assigneeId: string | null,
    at: string,
    by: string | null,
  ): Promise<void> {
    for (const part of chunks(claimIds)) {
      await this.run(
        tx,
        `UPDATE work_item SET assignee_id = ?, updated_at = ?, updated_by = ? WHERE claim_id IN ${inPlaceholders(part.length)}`,
        [assigneeId, at, by, ...part],
      );
    }
  }

  async insertEvents(tx: EntityManager, events: readonly WorkEventRow[]): Promise<void> {
    for (const part of chunks(events, INSERT_ROWS)) {
      await this.run(
        tx,
        `INSERT INTO work_item_event (id, claim_id, at, actor_id, actor_name, kind, from_status, to_status, assignee_id, text)
         VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        part.flatMap((e) => [
          e.id,
          e.claimId,
          e.at,
          e.actorId,
          e.actorName,
          e.kind,
          e.fromStatus,
          e.toStatus,
          e.assigneeId,
          e.text,
        ]),
      );
    }
  }

  // ----------------------------------------------------------------------------------- claim page

  /** A claim's work events (status changes, assignments, notes), oldest first. */
  async events(claimId: string): Promise<WorkEventView[]> {
    const rows = await this.query<Record<string, unknown>>(
      `SELECT e.*, u.username AS assignee_username FROM work_item_event e
         LEFT JOIN app_user u ON u.id = e.assignee_id
        WHERE e.claim_id = ? ORDER BY e.at, e.id`,
      [claimId],
    );
    return rows.map((r) => ({
      id: String(r['id']),
      claimId: String(r['claim_id']),
      at: String(r['at']),
      actorId: (r['actor_id'] as string | null) ?? null,
      actorName: String(r['actor_name']),
      kind: String(r['kind']) as WorkEventRow['kind'],
      fromStatus: (r['from_status'] as string | null) ?? null,
      toStatus: (r['to_status'] as string | null) ?? null,
      assigneeId: (r['assignee_id'] as string | null) ?? null,
      text: (r['text'] as string | null) ?? null,
      assigneeUsername: (r['assignee_username'] as string | null) ?? null,
    }));
  }

  /** Overrides and revocations of the claim's findings, oldest first. */
  async overrideEvents(claimId: string): Promise<OverrideEventRow[]> {
    const rows = await this.query<Record<string, unknown>>(
      `SELECT id, at, actor, action, rule_id, line_number, reason FROM finding_override
        WHERE claim_id = ? ORDER BY at, id`,
      [claimId],
    );
    return rows.map((r) => ({
      id: String(r['id']),
      at: String(r['at']),
      actor: String(r['actor']),
      action: String(r['action']),
      ruleId: String(r['rule_id']),
      lineNumber: num(r['line_number']),
      reason: String(r['reason']),
    }));
  }

  async reportRow(claimId: string): Promise<ReportClaimRow | null> {
    const [r] = await this.query<Record<string, unknown>>(`SELECT * FROM claim_report WHERE claim_id = ?`, [
      claimId,
    ]);
    return r ? { ...toClaimReportRow(r), anticipated: bool(r['anticipated']) } : null;
  }

  /**
   * The documentation, authorizations and eligibility records matched to the claim's patient (the
   * links patient matching stored; documentation only within the claim's dates of service), best
   * match first.
   */
  async linkedRecords(claimId: string): Promise<{
    documentation: LinkedDocument[];
    authorizations: LinkedAuthorization[];
    eligibility: LinkedEligibility[];
  }> {
    const link = (r: Record<string, unknown>): LinkInfo => ({
      method: String(r['link_method']),
      score: num(r['link_score']) / 1000,
      confidence: String(r['link_confidence']),
    });
    const linkCols = 'l.method AS link_method, l.score_milli AS link_score, l.confidence AS link_confidence';
    const [docs, auths, coverage] = await Promise.all([
      this.query<Record<string, unknown>>(
        `SELECT d.id, d.document_id, d.service_date, d.document_type, d.diagnosis_codes, d.procedure_codes,
                d.author_npi, d.signed, d.text, d.source, ${linkCols}
           FROM patient_link l JOIN clinical_document d ON d.id = l.target_id
          WHERE l.claim_id = ? AND l.target_kind = 'documentation'
          ORDER BY l.score_milli DESC, d.service_date DESC, d.id`,
        [claimId],
      ),
      this.query<Record<string, unknown>>(
        `SELECT a.id, a.auth_number, a.payer_id, a.procedure_code, a.units_approved, a.start_date, a.end_date,
                a.status, a.provider_npi, a.source, ${linkCols}
           FROM patient_link l JOIN prior_authorization a ON a.id = l.target_id
          WHERE l.claim_id = ? AND l.target_kind = 'authorization'
          ORDER BY l.score_milli DESC, a.start_date DESC, a.id`,
        [claimId],
      ),
      this.query<Record<string, unknown>>(
        `SELECT e.id, e.payer_id, e.member_id, e.coverage_start, e.coverage_end, e.plan_name, e.coverage_status,
                e.source, ${linkCols}
           FROM patient_link l JOIN eligibility_coverage e ON e.id = l.target_id
          WHERE l.claim_id = ? AND l.target_kind = 'eligibility'
          ORDER BY l.score_milli DESC, e.coverage_start DESC, e.id`,
        [claimId],
      ),
    ]);
    const codes = (v: unknown) => (String(v ?? '') === '' ? [] : String(v).split(';'));
    return {
      documentation: docs.map((r) => ({
        id: String(r['id']),
        documentId: String(r['document_id']),
        serviceDate: String(r['service_date']),
        documentType: String(r['document_type']),
        diagnosisCodes: codes(r['diagnosis_codes']),
        procedureCodes: codes(r['procedure_codes']),
        authorNpi: (r['author_npi'] as string | null) ?? null,
        signed: bool(r['signed']),
        text: String(r['text']),
        source: String(r['source']),
        link: link(r),
      })),
      authorizations: auths.map((r) => ({
        id: String(r['id']),
        authNumber: String(r['auth_number']),
        payerId: String(r['payer_id']),
        procedureCode: String(r['procedure_code']),
        unitsApproved:
          r['units_approved'] === null || r['units_approved'] === undefined ? null : num(r['units_approved']),
        startDate: String(r['start_date']),
        endDate: String(r['end_date']),
        status: String(r['status']),
        providerNpi: (r['provider_npi'] as string | null) ?? null,
        source: String(r['source']),
        link: link(r),
      })),
      eligibility: coverage.map((r) => ({
        id: String(r['id']),
        payerId: String(r['payer_id']),
        memberId: String(r['member_id']),
        coverageStart: String(r['coverage_start']),
        coverageEnd: (r['coverage_end'] as string | null) ?? null,
        planName: String(r['plan_name']),
        coverageStatus: String(r['coverage_status']),
        source: String(r['source']),
        link: link(r),
      })),
    };
  }

  /** A statement on the transaction's connection when given, else on the pool. */
  private run<T = Record<string, unknown>>(
    tx: EntityManager | undefined,
    sql: string,
    params: readonly unknown[],
  ): Promise<T[]> {
    const text = numbered(this.dialect, sql);
    return tx ? tx.query(text, params as unknown[]) : this.dataSource.query(text, params as unknown[]);
  }
}

/** Work statuses of claims outside the queue that the list must still show for this status filter. */
function activeStatusesFor(status: WorkStatusFilter | undefined): WorkStatus[] {
  if (status === undefined || status === 'open') return [...ACTIVE_STATUSES];
  return (ACTIVE_STATUSES as readonly string[]).includes(status) ? [status as WorkStatus] : [];
}

/** The filter as SQL conditions on `cr` (claim_report) and `w` (work_item, NULL columns when none). */
export function filterSql(filter: WorklistFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (filter.queue === 'flagged') where.push(`cr.first_pass = 'pending'`);
  if (filter.queue === 'denied') where.push(`cr.first_pass IN ('denied', 'partial')`);
  if (filter.payerId !== undefined) add('cr.payer_id = ?', filter.payerId);
  if (filter.providerNpi !== undefined) add('cr.provider_npi = ?', filter.providerNpi);
  // Category values come from the category list (no LIKE wildcards can come in).
  if (filter.category !== undefined) {
    add(
      `(cr.flags LIKE ? OR (';' || cr.denial_categories || ';') LIKE ?)`,
      `%|${filter.category}|%`,
      `%;${filter.category};%`,
    );
  }
  if (filter.severity === 'block') where.push(`cr.flags LIKE '%|block|%'`);
  if (filter.severity === 'warn') where.push(`(cr.flags LIKE '%|warn|%' AND cr.flags NOT LIKE '%|block|%')`);
  switch (filter.status) {
    case undefined:
      break;
    case 'new':
      where.push(`(w.status IS NULL OR w.status = 'new')`);
      break;
    case 'open':
      add(`(w.status IS NULL OR w.status IN ${inPlaceholders(OPEN_STATUSES.length)})`, ...OPEN_STATUSES);
      break;
    default:
      add('w.status = ?', filter.status);
  }
  if (filter.assignee?.kind === 'none') where.push('w.assignee_id IS NULL');
  if (filter.assignee?.kind === 'user') add('w.assignee_id = ?', filter.assignee.id);
  if (filter.deadlineUntil !== undefined) add(`${DEADLINE_SQL} <= ?`, filter.deadlineUntil);
  if (filter.alert === 'deadline') where.push('da.id IS NOT NULL');
  return { where, params };
}

function toWorklistRow(r: Record<string, unknown>): WorklistRow {
  const s = (k: string) => String(r[k] ?? '');
  const n = (k: string) => (r[k] === null || r[k] === undefined ? null : String(r[k]));
  const status = r['work_status'];
  return {
    claimId: s('claim_id'),
    patientControlNumber: s('patient_control_number'),
    payerId: s('payer_id'),
    providerNpi: s('provider_npi'),
    claimType: s('claim_type'),
    serviceDate: n('service_date'),
    month: s('month'),
    chargeCents: num(r['charge_cents']),
    riskMilli: num(r['risk_milli']),
    firstPass: s('first_pass'),
    flags: decodeFlags(s('flags')),
    denialCarcs: s('denial_carcs') === '' ? [] : s('denial_carcs').split(';'),
    denialCategories: s('denial_categories') === '' ? [] : s('denial_categories').split(';'),
    anticipated: bool(r['anticipated']),
    filingDeadline: n('filing_deadline'),
    appealDeadline: n('appeal_deadline'),
    moneyAtRiskCents: num(r['money_at_risk']),
    deadlineKey: s('deadline_key'),
    workStatus: isWorkStatus(status) ? status : null,
    assigneeId: n('assignee_id'),
    assigneeUsername: n('assignee_username'),
    alertKind: n('alert_kind'),
    alertDeadline: n('alert_deadline'),
  };
}

function toWorkItemRow(r: Record<string, unknown>): WorkItemRow {
  const n = (k: string) => (r[k] === null || r[k] === undefined ? null : String(r[k]));
  const status = r['status'];
  return {
    claimId: String(r['claim_id']),
    status: isWorkStatus(status) ? status : 'new',
    assigneeId: n('assignee_id'),
    assigneeUsername: n('assignee_username'),
    assigneeDisplayName: n('assignee_display_name'),
    reason: n('reason'),
    createdAt: String(r['created_at']),
    updatedAt: String(r['updated_at']),
    updatedById: n('updated_by'),
    updatedByUsername: n('updated_by_username'),
  };
}
