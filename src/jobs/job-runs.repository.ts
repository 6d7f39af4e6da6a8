import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlDialect } from '../ingest/bulk-insert.js';
import { numbered, returnedRows } from '../reports/sql.js';

/** One run of a scheduled job, as stored (`counts` is JSON text). */
export interface JobRunRow {
  id: string;
  job: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  counts: string | null;
  error: string | null;
  instance: string | null;
}

export interface JobRunFilter {
  job?: string;
  status?: string;
}

const nullable = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** How a run ended, written over its `running` row. */
export interface JobRunEnd {
  finishedAt: string;
  status: 'succeeded' | 'failed';
  counts: string | null;
  error: string | null;
}

/**
 * The job_run table: the job runner writes a row per run (inserted `running`, or `skipped` at
 * once, and finished when the body ends); the list walks the (started_at) index newest first, id
 * breaking ties.
 */
@Injectable()
export class JobRunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  get dialect(): SqlDialect {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** Runs newest first after `after` (started at, id), at most `limit`. */
  async list(
    filter: JobRunFilter,
    after: { startedAt: string; id: string } | null,
    limit: number,
  ): Promise<JobRunRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.job !== undefined) {
      where.push('job = ?');
      params.push(filter.job);
    }
    if (filter.status !== undefined) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (after) {
      where.push('(started_at, id) < (?, ?)');
      params.push(after.startedAt, after.id);
    }
    const rows = (await this.dataSource.query(
      numbered(
        this.dialect,
        `SELECT id, job, started_at, finished_at, status, counts, error, instance FROM job_run
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, id DESC LIMIT ?`,
      ),
      [...params, limit],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: String(r['id']),
      job: String(r['job']),
      startedAt: String(r['started_at']),
      finishedAt: nullable(r['finished_at']),
      status: String(r['status']),
      counts: nullable(r['counts']),
      error: nullable(r['error']),
      instance: nullable(r['instance']),
    }));
  }

  /** Records a run as it starts (`running`), or one that was `skipped` (then already finished). */
  async insert(run: JobRunRow): Promise<void> {
    await this.dataSource.query(
      numbered(
        this.dialect,
        `INSERT INTO job_run (id, job, started_at, finished_at, status, counts, error, instance)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      [run.id, run.job, run.startedAt, run.finishedAt, run.status, run.counts, run.error, run.instance],
    );
  }

  /**
   * Marks the runs of `job` still `running` as failed: called by the holder of the job's lease
   * before it starts a run, when no other run of the job can be going (their process died, or
   * stopped before it could record the end). Answers how many.
   */
  async abandonRunning(job: string, at: string): Promise<number> {
    const result: unknown = await this.dataSource.query(
      numbered(
        this.dialect,
        `UPDATE job_run SET status = 'failed', finished_at = ?, error = ?
          WHERE job = ? AND status = 'running' RETURNING id`,
      ),
      [at, 'abandoned: the instance running it stopped before the run ended', job],
    );
    return returnedRows(this.dialect, result).length;
  }

  /** Writes how the run `id` ended. */
  async finish(id: string, end: JobRunEnd): Promise<void> {
    await this.dataSource.query(
      numbered(
        this.dialect,
        'UPDATE job_run SET finished_at = ?, status = ?, counts = ?, error = ? WHERE id = ?',
      ),
      [end.finishedAt, end.status, end.counts, end.error, id],
    );
  }
}
