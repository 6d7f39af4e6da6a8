import type { SystemActor } from '../auth/roles.js';
import type { JobName } from '../config/app-config.js';

/** What a job body reports it did (files ingested, claims evaluated …): whole numbers only. */
export type JobCounts = Record<string, number>;

/** What a job is told when it runs. */
export interface JobContext {
  /** The job_run row of this run (alerts, digests and claim events name it). */
  runId: string;
  /** When the run started, ISO-8601 UTC. */
  startedAt: string;
  /** Today in the configured time zone (JOB_TIMEZONE), YYYY-MM-DD: deadlines and digests count from it. */
  today: string;
  /** The configured time zone (IANA name). */
  timeZone: string;
  /** Who the audit log and the claim history record the work as (`scheduler` or `cli:<user>`). */
  actor: SystemActor;
}

/**
 * One scheduled job: an ordinary service method. It never decides when it runs (the scheduler or
 * `claimguard jobs run` does) and may throw: the runner records the run as failed.
 */
export interface ScheduledJob {
  readonly name: JobName;
  /** One line for `claimguard jobs list` and the admin page. */
  readonly description: string;
  run(ctx: JobContext): Promise<JobCounts>;
}

/** The calendar date of `at` in `timeZone`, YYYY-MM-DD (not the UTC date: 23:00 in Chicago is still today there). */
export function dateIn(timeZone: string, at: Date): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * A run that did part of its work and then failed: thrown by a job body, it is recorded as failed
 * with the counts of what was done (a plain Error is recorded without counts).
 */
export class JobIncompleteError extends Error {
  override readonly name = 'JobIncompleteError';
  constructor(
    message: string,
    readonly counts: JobCounts,
  ) {
    super(message);
  }
}
