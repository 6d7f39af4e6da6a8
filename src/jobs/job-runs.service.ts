import { Injectable } from '@nestjs/common';
import { decodeCursor, type Page, parseSort, toPage } from '../common/pagination.js';
import { maskPhi } from '../common/phi-mask.js';
import { JOB_RUN_SORT, JOB_RUN_SORT_FIELDS } from './job-runs.dto.js';
import { type JobRunFilter, type JobRunRow, JobRunsRepository } from './job-runs.repository.js';

/** One job run as the API answers it. */
export interface JobRunView {
  id: string;
  job: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  /** What the run did (files ingested, claims evaluated …), as the job reported it. */
  counts: Record<string, unknown> | null;
  /** Why it failed, PHI masked (a job's error may quote a record). */
  error: string | null;
  instance: string | null;
}

function parseCounts(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : { value: v };
  } catch {
    return { text };
  }
}

const toView = (r: JobRunRow): JobRunView => ({
  id: r.id,
  job: r.job,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  status: r.status,
  counts: parseCounts(r.counts),
  error: r.error === null ? null : maskPhi(r.error),
  instance: r.instance,
});

/** Scheduled job runs for administrators (read only: the scheduler writes them). */
@Injectable()
export class JobRunsService {
  constructor(private readonly repo: JobRunsRepository) {}

  async list(filter: JobRunFilter, limit: number, cursor?: string): Promise<Page<JobRunView>> {
    const sort = parseSort(JOB_RUN_SORT, JOB_RUN_SORT_FIELDS);
    const after = cursor === undefined ? null : decodeCursor(cursor, sort, JOB_RUN_SORT_FIELDS);
    const rows = await this.repo.list(
      filter,
      after && { startedAt: String(after.value), id: after.id },
      limit + 1,
    );
    return toPage(rows, limit, sort, (r) => ({ value: r.startedAt, id: r.id }), toView);
  }
}
