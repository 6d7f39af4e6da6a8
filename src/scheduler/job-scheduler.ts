import { type BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { schedule as cronSchedule } from 'node-cron';
import type { SystemActor } from '../auth/roles.js';
import { APP_CONFIG, type AppConfig, JOB_NAMES, type JobName } from '../config/app-config.js';
import { JobsService } from './jobs.service.js';

/** What the scheduler needs of a node-cron task. */
export interface CronTask {
  destroy(): void | Promise<void>;
}

/** node-cron's `schedule`, as the scheduler calls it (a fake in unit tests fires by hand). */
export type CronSchedule = (
  expression: string,
  fire: () => void,
  options: { timezone: string; name: string },
) => CronTask;

/** Injection token for the CronSchedule (node-cron unless a test provides another). */
export const CRON_SCHEDULE = Symbol('CRON_SCHEDULE');

/** Who the audit log and the claim history name for scheduled runs. */
export const SCHEDULER_ACTOR: SystemActor = { kind: 'system', via: 'system', name: 'scheduler' };

const nodeCron =
  (logger: Logger): CronSchedule =>
  (expression, fire, options) =>
    cronSchedule(expression, fire, {
      ...options,
      // node-cron's own messages (a missed run after the machine slept) go to the service log.
      logger: {
        info: (m) => logger.log(m),
        warn: (m) => logger.warn(m),
        error: (m) => logger.error(m instanceof Error ? m.message : m),
        debug: () => undefined,
      },
    });

/**
 * The small adapter between node-cron and the jobs: one cron task per job that is switched on,
 * firing JobsService.run. It decides nothing else: the runner keeps a job from running twice (a
 * firing while the last run is still going is recorded as skipped), records failures, and never
 * throws, so a failed run never stops the schedule. Started by the server's bootstrap only (not by
 * CLI commands or tests); stopped before shutdown, waiting for the runs in flight (JobsService waits
 * for the ones started otherwise: Run now, the command line).
 */
@Injectable()
export class JobScheduler implements BeforeApplicationShutdown {
  private readonly logger = new Logger('JobScheduler');
  private readonly tasks = new Map<JobName, CronTask>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly schedule: CronSchedule;

  constructor(
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(CRON_SCHEDULE) schedule: CronSchedule | null = null,
  ) {
    this.schedule = schedule ?? nodeCron(this.logger);
  }

  /** Schedules every job that has a schedule; answers their names. Calling it again does nothing. */
  start(): JobName[] {
    if (this.tasks.size > 0) return [...this.tasks.keys()];
    const { schedules, timeZone } = this.config.jobs;
    for (const name of JOB_NAMES) {
      const expression = schedules[name];
      if (expression === null) continue;
      this.tasks.set(
        name,
        this.schedule(expression, () => this.fire(name), { timezone: timeZone, name: `claimguard:${name}` }),
      );
    }
    const off = JOB_NAMES.filter((n) => schedules[n] === null);
    this.logger.log(
      `scheduled ${[...this.tasks.keys()].map((n) => `${n} (${schedules[n]})`).join(', ') || 'no jobs'} in ${timeZone}` +
        (off.length ? `; switched off: ${off.join(', ')}` : ''),
    );
    return [...this.tasks.keys()];
  }

  /** The jobs this process has scheduled. */
  scheduled(): JobName[] {
    return [...this.tasks.keys()];
  }

  private fire(name: JobName): void {
    const run = this.jobs
      .run(name, SCHEDULER_ACTOR)
      .then((r) => {
        if (r.status === 'failed')
          this.logger.warn(`job ${name} failed (run ${r.id}); the next run starts as scheduled`);
      })
      .catch((err: unknown) => {
        // JobsService.run does not throw; this guards the schedule against the unexpected.
        this.logger.error(
          `job ${name} could not be started: ${err instanceof Error ? err.message : String(err)}`,
        );
      })
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  /** Stops every task and waits for the runs in flight. */
  async stop(): Promise<void> {
    const tasks = [...this.tasks.values()];
    this.tasks.clear();
    await Promise.all(tasks.map((t) => t.destroy()));
    await Promise.allSettled([...this.inFlight]);
  }

  /** Before the database closes: no new firing, and the runs in flight end and record themselves. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
