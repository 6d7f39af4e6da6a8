import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlDialect } from '../ingest/bulk-insert.js';
import { numbered } from '../reports/sql.js';

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

/**
 * Reads the job_run table (the scheduler, a later issue, writes it). Walks the (started_at) index
 * newest first, id breaking ties.
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
}
