import { loadConfig } from '../config/app-config.js';
import { NotFoundError } from '../common/domain-errors.js';
import { WriteLock } from '../database/write-lock.js';
import type { JobLockRepository } from '../jobs/job-lock.repository.js';
import { JobRunner } from '../jobs/job-runner.service.js';
import type { JobRunRow, JobRunsRepository } from '../jobs/job-runs.repository.js';
import { JobRunsService } from '../jobs/job-runs.service.js';
import type { JobContext, ScheduledJob } from '../jobs/job-types.js';
import { JOB_NAMES, type JobName } from '../config/app-config.js';
import { JobsService } from './jobs.service.js';

/** An in-memory job_run and a lock that is always free: enough to run jobs through the real runner. */
function memoryRuns() {
  const rows: JobRunRow[] = [];
  const repo = {
    dialect: 'sqlite',
    abandonRunning: async (job: string, at: string) => {
      const cut = rows.filter((r) => r.job === job && r.status === 'running');
      for (const r of cut) Object.assign(r, { status: 'failed', finishedAt: at, error: 'abandoned' });
      return cut.length;
    },
    insert: async (r: JobRunRow) => void rows.push({ ...r }),
    finish: async (id: string, end: Partial<JobRunRow>) => {
      const row = rows.find((r) => r.id === id)!;
      Object.assign(row, end);
    },
    list: async (filter: { job?: string }, _after: unknown, limit: number) =>
      rows
        .filter((r) => filter.job === undefined || r.job === filter.job)
        .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))
        .slice(0, limit),
  } as unknown as JobRunsRepository;
  const locks = {
    tryAcquire: async () => true,
    release: async () => undefined,
    renew: async () => true,
    holder: async () => null,
  } as unknown as JobLockRepository;
  return { rows, repo, locks };
}

function setup(env: Record<string, string> = {}, bodies: Partial<Record<JobName, ScheduledJob['run']>> = {}) {
  const config = loadConfig({ JOB_TIMEZONE: 'America/Chicago', INSTANCE_NAME: 'unit-1', ...env }, '/tmp');
  const seen: { job: JobName; ctx: JobContext }[] = [];
  const jobs: ScheduledJob[] = JOB_NAMES.map((name) => ({
    name,
    description: `the ${name} job`,
    run: async (ctx) => {
      seen.push({ job: name, ctx });
      return bodies[name] ? bodies[name](ctx) : { done: 1 };
    },
  }));
  const { rows, repo, locks } = memoryRuns();
  const runner = new JobRunner(repo, locks, new WriteLock(), config);
  return { sut: new JobsService(jobs, runner, new JobRunsService(repo), config), rows, seen };
}

const system = { kind: 'system', via: 'system', name: 'scheduler' } as const;

describe('JobsService', () => {
  it('runs a job with its run id, today in the configured zone and the actor, and records it', async () => {
    const { sut, rows, seen } = setup();
    // 03:30 UTC on the 27th is still the 26th in Chicago.
    const run = await sut.run('deadlines', system, () => new Date('2026-11-27T03:30:00Z'));
    expect(run.status).toBe('succeeded');
    expect(run.instance).toBe('unit-1');
    expect(seen).toEqual([
      {
        job: 'deadlines',
        ctx: {
          runId: run.id,
          startedAt: run.startedAt,
          today: '2026-11-26',
          timeZone: 'America/Chicago',
          actor: system,
        },
      },
    ]);
    expect(rows).toEqual([
      expect.objectContaining({ id: run.id, job: 'deadlines', status: 'succeeded', counts: '{"done":1}' }),
    ]);
  });

  it('records a job that throws as failed, and the next run of it starts normally', async () => {
    let calls = 0;
    const { sut, rows } = setup(
      {},
      {
        inbox: async () => {
          calls++;
          if (calls === 1) throw new Error('inbox folder is not readable');
          return { files: 2 };
        },
      },
    );
    const first = await sut.run('inbox', system);
    const second = await sut.run('inbox', system);
    expect([first.status, first.error]).toEqual(['failed', 'inbox folder is not readable']);
    expect([second.status, second.counts]).toEqual(['succeeded', '{"files":2}']);
    expect(rows.map((r) => r.status)).toEqual(['failed', 'succeeded']);
  });

  it('refuses an unknown job, naming the known ones', () => {
    const { sut } = setup();
    expect(() => sut.run('payroll', system)).toThrow(NotFoundError);
    expect(() => sut.run('payroll', system)).toThrow(
      /inbox, reevaluate, deadlines, digest-daily, digest-weekly, retention/,
    );
  });

  it('lists every job with its schedule, next run and latest run; a job switched off has no next run', async () => {
    const { sut } = setup({ JOB_DIGEST_WEEKLY_CRON: 'off', JOB_INBOX_CRON: '*/10 * * * *' });
    await sut.run('inbox', system);
    const list = await sut.schedules();
    expect(list.map((j) => j.name)).toEqual([...JOB_NAMES]);
    const inbox = list.find((j) => j.name === 'inbox')!;
    expect(inbox.schedule).toBe('*/10 * * * *');
    expect(inbox.timeZone).toBe('America/Chicago');
    const next = new Date(inbox.nextRunAt!);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    expect(next.getUTCMinutes() % 10).toBe(0);
    expect(inbox.lastRun).toEqual(
      expect.objectContaining({ job: 'inbox', status: 'succeeded', counts: { done: 1 } }),
    );
    const weekly = list.find((j) => j.name === 'digest-weekly')!;
    expect([weekly.schedule, weekly.nextRunAt, weekly.lastRun]).toEqual([null, null, null]);
    // The daily digest at 06:00 Chicago time is 12:00 UTC (CST) or 11:00 UTC (CDT).
    const daily = new Date(list.find((j) => j.name === 'digest-daily')!.nextRunAt!);
    expect([11, 12]).toContain(daily.getUTCHours());
  });

  it('refuses to start with a job missing or named twice', () => {
    const config = loadConfig({}, '/tmp');
    const { repo, locks } = memoryRuns();
    const runner = new JobRunner(repo, locks, new WriteLock(), config);
    const one = (name: JobName): ScheduledJob => ({ name, description: name, run: async () => ({}) });
    expect(() => new JobsService([one('inbox')], runner, new JobRunsService(repo), config)).toThrow(
      /without an implementation: reevaluate, deadlines/,
    );
    expect(
      () => new JobsService([...JOB_NAMES.map(one), one('inbox')], runner, new JobRunsService(repo), config),
    ).toThrow(/two scheduled jobs are named inbox/);
  });
});
