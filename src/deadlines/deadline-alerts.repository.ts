import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { newId } from '../database/column-types.js';
import type { SqlDialect } from '../ingest/bulk-insert.js';
import { daysBetween } from '../reporting/deadlines.js';
import { num, numbered } from '../reports/sql.js';
import {
  DEADLINE_KIND_SQL,
  DEADLINE_SQL,
  MONEY_SQL,
  OPEN_WORK_SQL,
  QUEUE_SQL,
} from '../worklist/worklist.repository.js';
import type { OpenDeadlineAlert } from './deadline-alert.js';

/** The days a run looks at: deadlines from `from` to `to`, both inclusive (see alertWindow). */
export interface AlertWindow {
  from: string;
  to: string;
}

/** A statement as text with `?` placeholders and its values (numbered for PostgreSQL when run). */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * The claims that need an alert: in the worklist's queue (not replaced, voided or resubmitted; flagged
 * and unanswered, or denied and still denied), work not resolved or overridden, and the deadline that
 * matters, word for word the worklist's (so the range reads the partial index
 * IX_claim_report_worklist_deadline), within the window. Two `?`: the window's first and last day.
 */
const QUALIFYING_FROM = `FROM claim_report cr LEFT JOIN work_item w ON w.claim_id = cr.claim_id
  WHERE ${QUEUE_SQL} AND ${DEADLINE_SQL} >= ? AND ${DEADLINE_SQL} <= ? AND ${OPEN_WORK_SQL}`;

/**
 * A new alert id in SQL (one `?`: the time prefix `tttttttt-tttt-7` of a fresh UUIDv7 of this run),
 * so the alerts are inserted by one INSERT … SELECT: the rest is random, in the UUID layout.
 */
function idSql(dialect: SqlDialect): string {
  return dialect === 'postgres'
    ? // gen_random_uuid(): xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx; from character 16 on: xxx-Vxxx-xxxxxxxxxxxx.
      `CAST(? AS TEXT) || substr(gen_random_uuid()::text, 16)`
    : `CAST(? AS TEXT) || substr(lower(hex(randomblob(2))), 2) || '-' ||
       substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' ||
       lower(hex(randomblob(6)))`;
}

/**
 * Clears the open alerts a claim no longer needs: no qualifying claim (the same set raiseStatement
 * reads) has that claim id, kind and deadline any more — the deadline passed or moved, the payer
 * answered, the work was resolved or overridden, the claim was replaced or resubmitted. Reads the open
 * alerts (IX_deadline_alert_open) and, for each, the claim's rows by key; the window's range keeps the
 * subquery to a week of deadlines even when the database hashes it rather than probing by key.
 */
export function clearStatement(window: AlertWindow, at: string): Statement {
  return {
    sql: `UPDATE deadline_alert SET cleared_at = ?
           WHERE cleared_at IS NULL
             AND NOT EXISTS (
               SELECT 1 ${QUALIFYING_FROM}
                 AND cr.claim_id = deadline_alert.claim_id
                 AND ${DEADLINE_KIND_SQL} = deadline_alert.kind
                 AND ${DEADLINE_SQL} = deadline_alert.deadline)`,
    params: [at, window.from, window.to],
  };
}

/**
 * Raises an alert for every qualifying claim that has none open for that deadline: a new row, or the
 * row cleared before for the same claim, kind and deadline opened again (raised anew by this run).
 * One INSERT … SELECT over the partial deadline index; an alert already open is left as it is.
 */
export function raiseStatement(
  dialect: SqlDialect,
  window: AlertWindow,
  at: string,
  runId: string,
): Statement {
  return {
    sql: `INSERT INTO deadline_alert (id, claim_id, kind, deadline, raised_at, run_id)
          SELECT ${idSql(dialect)}, cr.claim_id, ${DEADLINE_KIND_SQL}, ${DEADLINE_SQL},
                 CAST(? AS TEXT), CAST(? AS TEXT)
          ${QUALIFYING_FROM}
          ON CONFLICT (claim_id, kind, deadline) DO UPDATE
             SET cleared_at = NULL, raised_at = excluded.raised_at, run_id = excluded.run_id
           WHERE deadline_alert.cleared_at IS NOT NULL`,
    params: [newId().slice(0, 15), at, runId, window.from, window.to],
  };
}

/** Open alerts with their claim's payer, billing NPI, charge and money at risk (the worklist's), by deadline. */
export function openAlertsStatement(where: string, params: unknown[], limit?: number): Statement {
  return {
    sql: `SELECT a.id, a.claim_id, a.kind, a.deadline, a.raised_at, a.run_id,
                 c.payer_id, c.billing_npi, c.total_charge_cents, COALESCE(${MONEY_SQL}, 0) AS at_risk_cents
            FROM deadline_alert a
            JOIN claim c ON c.id = a.claim_id
            LEFT JOIN claim_report cr ON cr.claim_id = a.claim_id
           WHERE a.cleared_at IS NULL
             AND a.kind = ${DEADLINE_KIND_SQL} AND a.deadline = ${DEADLINE_SQL}${where}
           ORDER BY a.deadline, a.claim_id, a.kind${limit === undefined ? '' : ' LIMIT ?'}`,
    params: limit === undefined ? params : [...params, limit],
  };
}

/**
 * The deadline_alert table: what the deadlines job raises and clears (set-based statements: a run
 * costs the same few statements whatever the number of claims), and the open alerts the digest and
 * the claim page show. The worklist reads the open alerts in its own query (a LEFT JOIN by claim id).
 */
@Injectable()
export class DeadlineAlertsRepository {
  constructor(private readonly dataSource: DataSource) {}

  get dialect(): SqlDialect {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** Runs `work` in one transaction; everything it writes is kept or nothing is. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Clears the open alerts no longer needed (see clearStatement); answers how many. */
  clearStale(tx: EntityManager, window: AlertWindow, at: string): Promise<number> {
    return this.write(tx, clearStatement(window, at));
  }

  /** Raises (or re-opens) the alerts of the qualifying claims (see raiseStatement); answers how many. */
  raise(tx: EntityManager, window: AlertWindow, at: string, runId: string): Promise<number> {
    return this.write(tx, raiseStatement(this.dialect, window, at, runId));
  }

  /**
   * PostgreSQL: refreshes the planner's statistics of deadline_alert after a run changed it (a run
   * inserts and clears thousands of rows at once). With stale ones (say, gathered while the table was
   * empty) the worklist's LEFT JOIN by claim id may rescan every open alert for each row instead of
   * reading the unique index: measured at a million claims, 30 ms instead of 7 for a first page. The
   * table is small (open alerts and the cleared ones retention keeps). SQLite plans the index without
   * statistics.
   */
  async refreshStatistics(): Promise<void> {
    if (this.dialect === 'postgres') await this.dataSource.query('ANALYZE deadline_alert');
  }

  /** How many alerts are open. */
  async countOpen(tx?: EntityManager): Promise<number> {
    const sql = 'SELECT COUNT(*) AS n FROM deadline_alert WHERE cleared_at IS NULL';
    const rows = (await (tx ?? this.dataSource).query(sql)) as { n: unknown }[];
    return num(rows[0]?.n);
  }

  /**
   * The open alerts, earliest deadline first (then claim id), at most `limit`; `daysLeft` counts from
   * `today` (negative for a deadline that passed since the last run: the next run clears it).
   */
  async openAlerts(today: string, limit?: number): Promise<OpenDeadlineAlert[]> {
    return this.read(openAlertsStatement('', [], limit), today);
  }

  /** A claim's open alert (at most one: a run clears the others before it raises), or null. */
  async openAlertOf(claimId: string, today: string): Promise<OpenDeadlineAlert | null> {
    const [alert] = await this.read(openAlertsStatement(' AND a.claim_id = ?', [claimId]), today);
    return alert ?? null;
  }

  private async read(s: Statement, today: string): Promise<OpenDeadlineAlert[]> {
    const rows = (await this.dataSource.query(numbered(this.dialect, s.sql), s.params)) as Record<
      string,
      unknown
    >[];
    return rows.map((r) => {
      const deadline = String(r['deadline']);
      return {
        id: String(r['id']),
        claimId: String(r['claim_id']),
        kind: r['kind'] === 'appeal' ? 'appeal' : 'filing',
        deadline,
        raisedAt: String(r['raised_at']),
        runId: (r['run_id'] as string | null) ?? null,
        payerId: String(r['payer_id']),
        billingNpi: String(r['billing_npi']),
        chargeCents: num(r['total_charge_cents']),
        atRiskCents: num(r['at_risk_cents']),
        daysLeft: daysBetween(today, deadline),
      };
    });
  }

  /** An INSERT/UPDATE on the transaction's connection; answers the rows it changed. */
  private async write(tx: EntityManager, s: Statement): Promise<number> {
    const result = (await tx.queryRunner!.query(numbered(this.dialect, s.sql), s.params, true)) as {
      affected?: number;
    };
    return result.affected ?? 0;
  }
}
