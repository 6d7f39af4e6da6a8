import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlDialect } from '../ingest/bulk-insert.js';
import { numbered, returnedRows } from '../reports/sql.js';

const plus = (now: Date, ms: number): string => new Date(now.getTime() + ms).toISOString();

/**
 * The job_lock table: a lease per job, so that when several instances share one database each run
 * happens on one of them. Every method is a single statement, atomic on SQLite and PostgreSQL alike
 * (times are ISO-8601 UTC text, which sorts as time).
 */
@Injectable()
export class JobLockRepository {
  constructor(private readonly dataSource: DataSource) {}

  get dialect(): SqlDialect {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /**
   * Takes the lease on `job` for `leaseMs` from `now` when nobody holds it or its holder's lease
   * has expired (a holder that died stops renewing). True when `holder` now holds it. A holder
   * whose own lease is still running does not get it again: two runners with one name are refused.
   */
  async tryAcquire(job: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
    const rows = (await this.dataSource.query(
      numbered(
        this.dialect,
        `INSERT INTO job_lock (job, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (job) DO UPDATE
           SET holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
           WHERE job_lock.expires_at <= ?
         RETURNING holder`,
      ),
      [job, holder, now.toISOString(), plus(now, leaseMs), now.toISOString()],
    )) as { holder: string }[];
    return rows.length === 1 && rows[0]?.holder === holder;
  }

  /** Extends `holder`'s lease to `leaseMs` from `now`; false when it no longer holds it. */
  async renew(job: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      numbered(this.dialect, 'UPDATE job_lock SET expires_at = ? WHERE job = ? AND holder = ? RETURNING job'),
      [plus(now, leaseMs), job, holder],
    );
    return returnedRows(this.dialect, result).length === 1;
  }

  /** Gives the lease up (only `holder`'s own: a lease taken over by another is left alone). */
  async release(job: string, holder: string): Promise<void> {
    await this.dataSource.query(numbered(this.dialect, 'DELETE FROM job_lock WHERE job = ? AND holder = ?'), [
      job,
      holder,
    ]);
  }

  /**
   * Takes the lease on `job` over from `deadHolder` (a holder known to be dead), for `leaseMs`
   * from `now`; false when someone else holds it by then.
   */
  async takeOver(
    job: string,
    deadHolder: string,
    holder: string,
    now: Date,
    leaseMs: number,
  ): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      numbered(
        this.dialect,
        'UPDATE job_lock SET holder = ?, acquired_at = ?, expires_at = ? WHERE job = ? AND holder = ? RETURNING job',
      ),
      [holder, now.toISOString(), plus(now, leaseMs), job, deadHolder],
    );
    return returnedRows(this.dialect, result).length === 1;
  }

  /** Who holds the lease on `job` now (null when free), for the message of a skipped run. */
  async holder(job: string): Promise<string | null> {
    const rows = (await this.dataSource.query(
      numbered(this.dialect, 'SELECT holder FROM job_lock WHERE job = ?'),
      [job],
    )) as { holder: string }[];
    return rows[0]?.holder ?? null;
  }
}
