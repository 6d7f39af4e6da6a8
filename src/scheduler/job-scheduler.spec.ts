import { jest } from '@jest/globals';
import { loadConfig } from '../config/app-config.js';
import type { JobRunRow } from '../jobs/job-runs.repository.js';
import { type CronSchedule, JobScheduler, SCHEDULER_ACTOR } from './job-scheduler.js';
import type { JobsService } from './jobs.service.js';

/** A cron that fires only when the test says so. */
function fakeCron() {
  const tasks: {
    expression: string;
    timezone: string;
    name: string;
    fire: () => void;
    destroyed: boolean;
  }[] = [];
  const schedule: CronSchedule = (expression, fire, options) => {
    const task = { expression, ...options, fire, destroyed: false };
    tasks.push(task);
    return { destroy: () => void (task.destroyed = true) };
  };
  return { tasks, schedule };
}

const row = (job: string, status: string): JobRunRow => ({
  id: `${job}-run`,
  job,
  startedAt: '2026-11-26T00:00:00.000Z',
  finishedAt: '2026-11-26T00:00:01.000Z',
  status,
  counts: null,
  error: status === 'failed' ? 'boom' : null,
  instance: 'x',
});

describe('JobScheduler', () => {
  it('schedules every job that is switched on, in the configured zone, and none that is off', () => {
    const cron = fakeCron();
    const config = loadConfig({ JOB_TIMEZONE: 'America/New_York', JOB_RETENTION_CRON: 'off' }, '/tmp');
    const jobs = { run: jest.fn() } as unknown as JobsService;
    const sut = new JobScheduler(jobs, config, cron.schedule);
    expect(sut.start()).toEqual(['inbox', 'reevaluate', 'deadlines', 'digest-daily', 'digest-weekly']);
    expect(cron.tasks.map((t) => [t.name, t.expression, t.timezone])).toEqual([
      ['claimguard:inbox', '*/5 * * * *', 'America/New_York'],
      ['claimguard:reevaluate', '30 1 * * *', 'America/New_York'],
      ['claimguard:deadlines', '0 5 * * *', 'America/New_York'],
      ['claimguard:digest-daily', '0 6 * * *', 'America/New_York'],
      ['claimguard:digest-weekly', '15 6 * * 1', 'America/New_York'],
    ]);
    expect(sut.start()).toHaveLength(5);
    expect(cron.tasks).toHaveLength(5);
    expect(jobs.run).not.toHaveBeenCalled();
  });

  it('keeps firing after a failed run, and stops every task on shutdown after the runs in flight', async () => {
    const cron = fakeCron();
    const statuses = ['failed', 'succeeded'];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const run = jest.fn(async (name: string) => {
      await gate;
      return row(name, statuses.shift() ?? 'succeeded');
    });
    const sut = new JobScheduler({ run } as unknown as JobsService, loadConfig({}, '/tmp'), cron.schedule);
    sut.start();
    const inbox = cron.tasks.find((t) => t.name === 'claimguard:inbox')!;
    inbox.fire();
    inbox.fire();
    expect(run.mock.calls).toEqual([
      ['inbox', SCHEDULER_ACTOR],
      ['inbox', SCHEDULER_ACTOR],
    ]);
    let stopped = false;
    const stopping = sut.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(cron.tasks.every((t) => t.destroyed)).toBe(true);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
    expect(sut.scheduled()).toEqual([]);
  });

  it('fires through real node-cron on its schedule', async () => {
    const config = loadConfig({ JOB_INBOX_CRON: '* * * * * *' }, '/tmp');
    const fired: string[] = [];
    const jobs = {
      run: async (name: string) => {
        fired.push(name);
        return row(name, 'succeeded');
      },
    } as unknown as JobsService;
    const sut = new JobScheduler(jobs, config);
    sut.start();
    try {
      const until = Date.now() + 5000;
      while (!fired.includes('inbox') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await sut.stop();
    }
    expect(fired).toContain('inbox');
  });
});
