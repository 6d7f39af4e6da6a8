import { hostname } from 'node:os';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { maskPhi } from '../common/phi-mask.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { newId } from '../database/column-types.js';
import { WriteLock } from '../database/write-lock.js';
import { JobLockRepository } from './job-lock.repository.js';
import { type JobRunEnd, type JobRunRow, JobRunsRepository } from './job-runs.repository.js';
import { type JobCounts, JobIncompleteError } from './job-types.js';

export type { JobCounts } from './job-types.js';

/** The run a body is started as (its job_run row). */
export interface JobRunStart {
  runId: string;
  startedAt: string;
}

/** How long a lease lasts without renewal: a holder that died frees the job after this. */
export const JOB_LEASE_MS = 10 * 60_000;
/** How often a running job renews its lease. */
export const JOB_RENEW_MS = 60_000;

/** The longest error text kept on a run (a stack or a quoted record can be long). */
const ERROR_MAX = 2000;

const errorText = (err: unknown): string =>
  maskPhi(err instanceof Error ? err.message : String(err)).slice(0, ERROR_MAX);

/**
 * True when `holder` names a process of this host (`<hostname>:<pid>`, the default instance name)
 * that no longer exists: its lease need not be waited out (a killed `claimguard jobs run`, a
 * crashed server restarted on the same machine). Any other holder (another host, a configured
 * INSTANCE_NAME) is waited for until its lease expires.
 */
export function deadLocalProcess(holder: string, host = hostname()): boolean {
  const m = /^(.*):(\d+)$/.exec(holder);
  if (!m || m[1] !== host) return false;
  const pid = Number(m[2]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // ESRCH: no such process. EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Runs a job body at most once at a time across every instance sharing the database, and records
 * every run in job_run. In this process a job still running is not started again; across
 * processes a lease in job_lock decides (renewed while the body runs, released after, taken over
 * once expired when its holder died). Either way the refused attempt is recorded as `skipped`.
 * A body that throws is recorded as `failed`: `run` never throws, so a scheduler calling it
 * carries on.
 *
 * On SQLite the bookkeeping statements (job_run, job_lock) wait for the write lock: the database
 * has one connection, and a statement sent while an ingest's transaction is open would join that
 * transaction (and vanish with its rollback). On PostgreSQL they go to their own pooled connection
 * at once, so a lease is renewed even while the body holds the write lock for a long ingest.
 */
@Injectable()
export class JobRunner {
  /** This process, as named in job_run.instance and job_lock.holder (INSTANCE_NAME, default host:pid). */
  readonly instance: string;
  private readonly active = new Set<string>();
  private readonly logger = new Logger(JobRunner.name);

  constructor(
    private readonly runs: JobRunsRepository,
    private readonly locks: JobLockRepository,
    private readonly writeLock: WriteLock,
    @Optional() @Inject(APP_CONFIG) config: AppConfig | null = null,
  ) {
    this.instance = config?.jobs.instanceName ?? `${hostname()}:${process.pid}`;
  }

  /** Runs `job` now unless it is running somewhere; answers the run as recorded. */
  async run(job: string, body: (run: JobRunStart) => Promise<JobCounts>): Promise<JobRunRow> {
    // Checked and marked before any await: two calls in one tick cannot both pass.
    if (this.active.has(job)) {
      return this.skip(job, 'already running in this process').catch((err: unknown) => {
        const at = new Date().toISOString();
        this.logger.error(`job ${job}: skipped run not recorded: ${errorText(err)}`);
        return this.row(job, at, at, 'skipped', 'already running in this process');
      });
    }
    this.active.add(job);
    try {
      return await this.runLocked(job, body);
    } catch (err) {
      // The database itself failed (lock or job_run): nothing more can be recorded.
      const error = errorText(err);
      this.logger.error(`job ${job} could not be run: ${error}`);
      const at = new Date().toISOString();
      return this.row(job, at, at, 'failed', error);
    } finally {
      this.active.delete(job);
    }
  }

  /** A bookkeeping statement: behind the write lock on SQLite (see the class comment), at once on PostgreSQL. */
  private book<T>(work: () => Promise<T>): Promise<T> {
    return this.runs.dialect === 'sqlite' ? this.writeLock.run(work) : work();
  }

  private async runLocked(job: string, body: (run: JobRunStart) => Promise<JobCounts>): Promise<JobRunRow> {
    if (!(await this.book(() => this.locks.tryAcquire(job, this.instance, new Date(), JOB_LEASE_MS)))) {
      const holder = (await this.book(() => this.locks.holder(job))) ?? 'unknown';
      const dead = holder !== 'unknown' && deadLocalProcess(holder);
      if (
        !dead ||
        !(await this.book(() => this.locks.takeOver(job, holder, this.instance, new Date(), JOB_LEASE_MS)))
      )
        return this.skip(job, `running on another instance (holder ${holder})`);
      this.logger.warn(`job ${job}: took the lease over from ${holder}, a process of this host that is gone`);
    }
    const renewal = setInterval(() => void this.renew(job), JOB_RENEW_MS);
    try {
      // Holding the lease, no other run of the job is going: one left `running` was cut off.
      const abandoned = await this.book(() => this.runs.abandonRunning(job, new Date().toISOString()));
      if (abandoned > 0)
        this.logger.warn(`job ${job}: ${abandoned} earlier run(s) never ended; marked failed`);
      const run = this.row(job, new Date().toISOString(), null, 'running', null);
      await this.book(() => this.runs.insert(run));
      let end: Omit<JobRunEnd, 'finishedAt'>;
      try {
        const counts = await body({ runId: run.id, startedAt: run.startedAt });
        end = { status: 'succeeded', counts: JSON.stringify(counts), error: null };
      } catch (err) {
        const counts = err instanceof JobIncompleteError ? JSON.stringify(err.counts) : null;
        end = { status: 'failed', counts, error: errorText(err) };
        this.logger.warn(`job ${job} failed: ${end.error}`);
      }
      const ended: JobRunEnd = { ...end, finishedAt: new Date().toISOString() };
      await this.book(() => this.runs.finish(run.id, ended));
      return { ...run, ...ended };
    } finally {
      clearInterval(renewal);
      await this.book(() => this.locks.release(job, this.instance)).catch((err: unknown) => {
        // The lease runs out by itself; the next run waits for it at worst.
        this.logger.warn(`job ${job}: lock not released: ${errorText(err)}`);
      });
    }
  }

  private async renew(job: string): Promise<void> {
    try {
      if (!(await this.book(() => this.locks.renew(job, this.instance, new Date(), JOB_LEASE_MS)))) {
        this.logger.warn(`job ${job}: lease lost (another instance may take the job over)`);
      }
    } catch (err) {
      this.logger.warn(`job ${job}: lease not renewed: ${errorText(err)}`);
    }
  }

  private async skip(job: string, reason: string): Promise<JobRunRow> {
    const at = new Date().toISOString();
    const run = this.row(job, at, at, 'skipped', reason);
    await this.book(() => this.runs.insert(run));
    return run;
  }

  private row(
    job: string,
    startedAt: string,
    finishedAt: string | null,
    status: JobRunRow['status'],
    error: string | null,
  ): JobRunRow {
    return { id: newId(), job, startedAt, finishedAt, status, counts: null, error, instance: this.instance };
  }
}
