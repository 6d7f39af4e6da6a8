import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SqlDialect } from '../ingest/bulk-insert.js';
import { inPlaceholders, numbered } from '../reports/sql.js';

/** One audit event as stored. `detail` is JSON text. */
export interface AuditRow {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string;
  actorRole: string | null;
  via: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  detail: string | null;
  ip: string | null;
  userAgent: string | null;
}

export type NewAuditRow = Omit<AuditRow, 'id'>;

/** Which events to list: every field optional; dates are whole UTC days, `to` included. */
export interface AuditFilter {
  from?: string;
  to?: string;
  actorName?: string;
  actions?: string[];
  targetType?: string;
  targetId?: string;
}

/** Where a page starts: after the event with this time and id (newest first). */
export interface AuditPosition {
  at: string;
  id: number;
}

const COLUMNS = `id, at, actor_id, actor_name, actor_role, via, action, target_type, target_id, outcome, detail,
  ip, user_agent`;

/** A row's values in column order: at, actor_id, actor_name, actor_role, via, action, target_type, target_id, outcome, detail, ip, user_agent. */
function rowValues(row: NewAuditRow): unknown[] {
  return [
    row.at,
    row.actorId,
    row.actorName,
    row.actorRole,
    row.via,
    row.action,
    row.targetType,
    row.targetId,
    row.outcome,
    row.detail,
    row.ip,
    row.userAgent,
  ];
}

/** The day after a YYYY-MM-DD date. */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function toRow(r: Record<string, unknown>): AuditRow {
  const text = (k: string): string | null => (r[k] === null || r[k] === undefined ? null : String(r[k]));
  return {
    id: Number(r['id']),
    at: String(r['at']),
    actorId: text('actor_id'),
    actorName: String(r['actor_name']),
    actorRole: text('actor_role'),
    via: String(r['via']),
    action: String(r['action']),
    targetType: text('target_type'),
    targetId: text('target_id'),
    outcome: String(r['outcome']),
    detail: text('detail'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  };
}

/**
 * The audit log's only door to the database. Append-only: this class inserts and reads, nothing
 * else, and the table's triggers refuse UPDATE and DELETE from anyone.
 */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  get dialect(): SqlDialect {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /**
   * SQLite only (the audit outbox): appends the events in one transaction. Those flagged `check` may
   * be in the log already (a drainer died between the log's commit and the outbox's delete) and are
   * written only when no row equal in every field is there (found through the `at` index; `IS`
   * matches NULLs). Two real events equal to the millisecond would be taken for one, which is why only
   * that rare crash case is checked. Returns how many were written.
   */
  async appendFromOutbox(rows: readonly { row: NewAuditRow; check: boolean }[]): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      let written = 0;
      for (const { row, check } of rows) {
        if (!check) {
          await this.append(row, m);
          written++;
          continue;
        }
        const found = (await m.query(
          `SELECT 1 AS hit FROM audit_event WHERE at = ? AND actor_id IS ? AND actor_name = ? AND actor_role IS ?
             AND via = ? AND action = ? AND target_type IS ? AND target_id IS ? AND outcome = ? AND detail IS ?
             AND ip IS ? AND user_agent IS ? LIMIT 1`,
          rowValues(row),
        )) as unknown[];
        if (found.length) continue;
        await this.append(row, m);
        written++;
      }
      return written;
    });
  }

  /** Appends one event; inside the caller's transaction when `manager` is given. */
  async append(row: NewAuditRow, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      numbered(
        this.dialect,
        `INSERT INTO audit_event (at, actor_id, actor_name, actor_role, via, action, target_type, target_id,
           outcome, detail, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      rowValues(row),
    );
  }

  /**
   * Events matching the filter, newest first (time, then id), after `after`, at most `limit`.
   * Walks the (at, id) index from the top; the other filters narrow it.
   */
  async list(filter: AuditFilter, after: AuditPosition | null, limit: number): Promise<AuditRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    // `at` is ISO-8601 UTC text: a bare date sorts before every time of that day.
    if (filter.from !== undefined) add('at >= ?', filter.from);
    if (filter.to !== undefined) add('at < ?', nextDay(filter.to));
    if (filter.actorName !== undefined) add('actor_name = ?', filter.actorName);
    if (filter.actions !== undefined && filter.actions.length > 0) {
      add(`action IN ${inPlaceholders(filter.actions.length)}`, ...filter.actions);
    }
    if (filter.targetType !== undefined) add('target_type = ?', filter.targetType);
    if (filter.targetId !== undefined) add('target_id = ?', filter.targetId);
    if (after) add('(at, id) < (?, ?)', after.at, after.id);
    const sql = `SELECT ${COLUMNS} FROM audit_event${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY at DESC, id DESC LIMIT ?`;
    const rows = (await this.dataSource.query(numbered(this.dialect, sql), [...params, limit])) as Record<
      string,
      unknown
    >[];
    return rows.map(toRow);
  }
}
