import { PassThrough } from 'node:stream';
import type { SystemActor } from '../auth/roles.js';
import type { JobRunRow } from '../jobs/job-runs.repository.js';
import type { JobScheduleView } from '../scheduler/jobs.service.js';
import { type JobsPort, jobsCommand } from './jobs.command.js';

function io() {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (c) => (o += String(c)));
  err.on('data', (c) => (e += String(c)));
  return { out, err, text: () => ({ out: o, err: e }) };
}

const run = (status: string, extra: Partial<JobRunRow> = {}): JobRunRow => ({
  id: 'run-1',
  job: 'inbox',
  startedAt: '2026-11-26T10:00:00.000Z',
  finishedAt: '2026-11-26T10:00:02.500Z',
  status,
  counts: status === 'succeeded' ? '{"files":3,"failed":1}' : null,
  error: status === 'succeeded' ? null : 'inbox folder is not readable',
  instance: 'host:1',
  ...extra,
});

function port(result: JobRunRow, calls: [string, SystemActor][] = []): JobsPort {
  const schedule: JobScheduleView = {
    name: 'inbox',
    description: 'Ingest the files in the inbox folder',
    schedule: '*/5 * * * *',
    timeZone: 'America/Chicago',
    nextRunAt: '2026-11-26T10:05:00.000Z',
    lastRun: {
      id: 'r0',
      job: 'inbox',
      startedAt: '2026-11-26T10:00:00.000Z',
      finishedAt: '2026-11-26T10:00:01.000Z',
      status: 'succeeded',
      counts: { files: 2 },
      error: null,
      instance: 'host:1',
    },
  };
  return {
    names: () => ['inbox', 'retention'],
    schedules: async () => [
      schedule,
      { ...schedule, name: 'retention', schedule: null, nextRunAt: null, lastRun: null },
    ],
    run: async (name, actor) => {
      calls.push([name, actor]);
      return result;
    },
  };
}

const withJobs = (p: JobsPort) => (work: (jobs: JobsPort) => Promise<number>) => work(p);

describe('claimguard jobs', () => {
  it('list shows schedule, zone, next run, latest run, and "off" for a job switched off', async () => {
    const x = io();
    expect(await jobsCommand(['list'], withJobs(port(run('succeeded'))), x)).toBe(0);
    const { out } = x.text();
    expect(out).toContain('time zone America/Chicago');
    expect(out).toMatch(
      /inbox\s+\*\/5 \* \* \* \*\s+next 2026-11-26T10:05:00.000Z\s+last succeeded .*\(files 2\)/,
    );
    expect(out).toMatch(/retention\s+off\s+next -\s+never run/);
  });

  it('run reports the counts and exits 0, as the command line', async () => {
    const x = io();
    const calls: [string, SystemActor][] = [];
    expect(await jobsCommand(['run', 'inbox'], withJobs(port(run('succeeded'), calls)), x)).toBe(0);
    expect(x.text().out).toBe('inbox: succeeded in 2.5 s (run run-1): files 3, failed 1\n');
    expect(calls).toEqual([['inbox', expect.objectContaining({ kind: 'system', via: 'cli' })]]);
  });

  it('run exits 1 on a failed or skipped run, 2 on an unknown job or bad usage', async () => {
    let x = io();
    expect(await jobsCommand(['run', 'inbox'], withJobs(port(run('failed'))), x)).toBe(1);
    expect(x.text().err).toBe('inbox: failed (run run-1): inbox folder is not readable\n');
    x = io();
    expect(
      await jobsCommand(
        ['run', 'inbox'],
        withJobs(port(run('skipped', { error: 'running on another instance (holder b)' }))),
        x,
      ),
    ).toBe(1);
    expect(x.text().err).toContain('skipped');
    x = io();
    expect(await jobsCommand(['run', 'payroll'], withJobs(port(run('succeeded'))), x)).toBe(2);
    expect(x.text().err).toContain('the jobs are inbox, retention');
    x = io();
    expect(await jobsCommand(['start'], withJobs(port(run('succeeded'))), x)).toBe(2);
    expect(x.text().err).toContain('claimguard jobs run <name>');
  });
});
