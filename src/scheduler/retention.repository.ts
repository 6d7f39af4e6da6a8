import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlDialect } from '../ingest/bulk-insert.js';
import { numbered, returnedRows } from '../reports/sql.js';

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
    const result: unknown = await this.dataSource.query(numbered(this.dialect, `${sql} RETURNING 1`), [
      cutoff,
    ]);
    return returnedRows(this.dialect, result).length;
  }
}
