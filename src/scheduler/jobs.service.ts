import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { SystemActor } from '../auth/roles.js';
import { NotFoundError } from '../common/domain-errors.js';
import { APP_CONFIG, type AppConfig, JOB_NAMES, type JobName } from '../config/app-config.js';
import { JobRunner } from '../jobs/job-runner.service.js';
import type { JobRunRow } from '../jobs/job-runs.repository.js';
import { JobRunsService, type JobRunView } from '../jobs/job-runs.service.js';
import { dateIn, type ScheduledJob } from '../jobs/job-types.js';
import { nextRunOf } from './next-run.js';

/** Injection token: every scheduled job (the scheduler module lists them). */
export const SCHEDULED_JOBS = Symbol('SCHEDULED_JOBS');

/** A job as `claimguard jobs list` and the admin page show it. */
export interface JobScheduleView {
  name: JobName;
  description: string;
  /** The cron expression (JOB_<NAME>_CRON), null when the job is switched off. */
  schedule: string | null;
  timeZone: string;
  /** The next time the schedule fires (ISO-8601 UTC); null when off. */
  nextRunAt: string | null;
  /** The latest recorded run on any instance, null before the first. */
  lastRun: JobRunView | null;
}

/**
 * The jobs by name, and running one: each run goes through the JobRunner (one at a time across
 * instances, recorded in job_run, never throwing), with "today" read in the configured time zone.
 * The scheduler, the CLI and the admin route all run jobs here.
 */
@Injectable()
export class JobsService implements BeforeApplicationShutdown {
  private readonly byName = new Map<JobName, ScheduledJob>();
  /** Runs started here and not yet ended (scheduled, Run now, the command line). */
  private readonly inFlight = new Set<Promise<JobRunRow>>();

  constructor(
    @Inject(SCHEDULED_JOBS) jobs: readonly ScheduledJob[],
    private readonly runner: JobRunner,
    private readonly runs: JobRunsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    for (const job of jobs) {
      if (this.byName.has(job.name)) throw new Error(`two scheduled jobs are named ${job.name}`);
      this.byName.set(job.name, job);
    }
    const missing = JOB_NAMES.filter((n) => !this.byName.has(n));
    if (missing.length) throw new Error(`scheduled jobs without an implementation: ${missing.join(', ')}`);
  }

  /** The job names, in configuration order. */
  names(): JobName[] {
    return [...JOB_NAMES];
  }

  /** The job called `name`; NotFoundError naming the known jobs otherwise. */
  job(name: string): ScheduledJob {
    const job = this.byName.get(name as JobName);
    if (!job)
      throw new NotFoundError('job', `${JSON.stringify(name)} (the jobs are ${JOB_NAMES.join(', ')})`);
    return job;
  }

  /** Runs `name` now (as `actor`) unless it is running somewhere; answers the run as recorded. */
  run(name: string, actor: SystemActor, now: () => Date = () => new Date()): Promise<JobRunRow> {
    const job = this.job(name);
    const timeZone = this.config.jobs.timeZone;
    const run = this.runner.run(job.name, (start) =>
      job.run({ ...start, today: dateIn(timeZone, now()), timeZone, actor }),
    );
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  /** Resolves once every run started here has ended (the runner never rejects). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** On shutdown, before the database closes: the runs in flight end and record themselves. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.idle();
  }

  /** Every job with its schedule, next firing and latest run. */
  async schedules(): Promise<JobScheduleView[]> {
    const { timeZone, schedules } = this.config.jobs;
    return Promise.all(
      JOB_NAMES.map(async (name) => {
        const schedule = schedules[name];
        const latest = await this.runs.list({ job: name }, 1);
        return {
          name,
          description: this.job(name).description,
          schedule,
          timeZone,
          nextRunAt: schedule === null ? null : nextRunOf(schedule, timeZone).toISOString(),
          lastRun: latest.items[0] ?? null,
        };
      }),
    );
  }
}
