import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlDialect } from '../ingest/bulk-insert.js';
import { numbered } from '../reports/sql.js';

/** Rows a DELETE removed: TypeORM's PostgreSQL driver answers [rows, count], better-sqlite3 a run result. */
function deletedCount(dialect: SqlDialect, result: unknown): number {
  if (dialect === 'postgres') return Number((result as [unknown, number])[1] ?? 0);
  const r = result as { changes?: number } | unknown[];
  return Array.isArray(r) ? r.length : Number(r.changes ?? 0);
}

/**
 * What retention deletes from the database: job logs only (finished job runs and cleared deadline
 * alerts older than the cut-off). Claims, remittances, findings, imports, work and the audit log are
 * never touched here.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  get dialect(): SqlDialect {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** Deletes finished (not running) job runs that started before `cutoff` (ISO-8601 UTC). */
  async deleteJobRunsBefore(cutoff: string): Promise<number> {
    return this.delete("DELETE FROM job_run WHERE started_at < ? AND status <> 'running'", cutoff);
  }

  /** Deletes deadline alerts cleared before `cutoff`; open alerts stay whatever their age. */
  async deleteClearedAlertsBefore(cutoff: string): Promise<number> {
    return this.delete('DELETE FROM deadline_alert WHERE cleared_at IS NOT NULL AND cleared_at < ?', cutoff);
  }

  private async delete(sql: string, cutoff: string): Promise<number> {
    if (this.dialect === 'postgres') {
      return deletedCount('postgres', await this.dataSource.query(numbered('postgres', sql), [cutoff]));
    }
    // better-sqlite3 through TypeORM answers nothing useful for DELETE: count with RETURNING.
    const rows = (await this.dataSource.query(`${sql} RETURNING 1`, [cutoff])) as unknown[];
    return deletedCount('sqlite', rows);
  }
}
