import { jest } from '@jest/globals';
import { WriteLock } from '../database/write-lock.js';
import type { JobLockRepository } from './job-lock.repository.js';
import { deadLocalProcess, JOB_LEASE_MS, JOB_RENEW_MS, JobRunner } from './job-runner.service.js';
import { JobIncompleteError } from './job-types.js';
import type { JobRunEnd, JobRunRow, JobRunsRepository } from './job-runs.repository.js';

/** A mock that answers only what the test gave it and fails on any other member. */
function strictMock<T extends object>(impl: Partial<T>): T {
  return new Proxy(impl, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (prop === 'then') return undefined;
      throw new Error(`unexpected call: ${String(prop)}`);
    },
  }) as T;
}

interface Setup {
  runner: JobRunner;
  inserted: JobRunRow[];
  finished: [string, JobRunEnd][];
  locks: {
    tryAcquire: jest.Mock<JobLockRepository['tryAcquire']>;
    renew: jest.Mock<JobLockRepository['renew']>;
    release: jest.Mock<JobLockRepository['release']>;
    holder: jest.Mock<JobLockRepository['holder']>;
  };
}

function setup(acquired = true): Setup {
  const inserted: JobRunRow[] = [];
  const finished: [string, JobRunEnd][] = [];
  const runs = strictMock<JobRunsRepository>({
    dialect: 'sqlite',
    abandonRunning: async () => 0,
    insert: async (run) => {
      inserted.push({ ...run });
    },
    finish: async (id, end) => {
      finished.push([id, end]);
    },
  });
  const locks = {
    tryAcquire: jest.fn<JobLockRepository['tryAcquire']>().mockResolvedValue(acquired),
    renew: jest.fn<JobLockRepository['renew']>().mockResolvedValue(true),
    release: jest.fn<JobLockRepository['release']>().mockResolvedValue(undefined),
    holder: jest.fn<JobLockRepository['holder']>().mockResolvedValue('other-host:42'),
  };
  const runner = new JobRunner(runs, strictMock<JobLockRepository>(locks), new WriteLock());
  return { runner, inserted, finished, locks };
}

/** A promise and the function that settles it. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('JobRunner', () => {
  afterEach(() => jest.useRealTimers());

  it('records a run as running, then succeeded with its counts, under the lease, and releases it', async () => {
    const { runner, inserted, finished, locks } = setup();
    const run = await runner.run('ingest-inbox', async () => ({ files: 3, failed: 1 }));

    expect(runner.instance).toBe(`${(await import('node:os')).hostname()}:${process.pid}`);
    expect(locks.tryAcquire).toHaveBeenCalledWith(
      'ingest-inbox',
      runner.instance,
      expect.any(Date),
      JOB_LEASE_MS,
    );
    expect(inserted).toEqual([
      expect.objectContaining({
        job: 'ingest-inbox',
        status: 'running',
        finishedAt: null,
        instance: runner.instance,
      }),
    ]);
    expect(finished).toEqual([
      [
        inserted[0]!.id,
        {
          status: 'succeeded',
          counts: '{"files":3,"failed":1}',
          error: null,
          finishedAt: expect.any(String),
        },
      ],
    ]);
    expect(run).toMatchObject({ id: inserted[0]!.id, status: 'succeeded', counts: '{"files":3,"failed":1}' });
    expect(locks.release).toHaveBeenCalledWith('ingest-inbox', runner.instance);
    expect(locks.holder).not.toHaveBeenCalled();
  });

  it('records a body that throws as failed, PHI masked, without throwing, and releases the lease', async () => {
    const { runner, finished, locks } = setup();
    const run = await runner.run('digest', async () => {
      throw new Error('no coverage for member SSN 123-45-6789');
    });

    expect(run.status).toBe('failed');
    expect(run.error).toContain('no coverage for member');
    expect(run.error).not.toContain('123-45-6789');
    expect(finished).toEqual([
      [run.id, expect.objectContaining({ status: 'failed', counts: null, error: run.error })],
    ]);
    expect(locks.release).toHaveBeenCalledTimes(1);
    // The next run starts normally.
    expect((await runner.run('digest', async () => ({ n: 1 }))).status).toBe('succeeded');
  });

  it('keeps the counts of a run that did part of its work before failing', async () => {
    const { runner, finished } = setup();
    const run = await runner.run('inbox', async () => {
      throw new JobIncompleteError('1 inbox file could not be processed', {
        files: 3,
        ingested: 2,
        errors: 1,
      });
    });
    expect(run).toMatchObject({ status: 'failed', counts: '{"files":3,"ingested":2,"errors":1}' });
    expect(finished[0]?.[1]).toEqual(
      expect.objectContaining({ counts: '{"files":3,"ingested":2,"errors":1}' }),
    );
  });

  it('does not start a job twice in one process: the second call is recorded as skipped', async () => {
    const { runner, inserted, locks } = setup();
    const gate = deferred<void>();
    let calls = 0;
    const body = async () => {
      calls++;
      await gate.promise;
      return { n: 1 };
    };
    const first = runner.run('deadlines', body);
    const second = await runner.run('deadlines', body);

    expect(second).toMatchObject({ status: 'skipped', error: 'already running in this process' });
    expect(second.finishedAt).toBe(second.startedAt);
    gate.resolve();
    expect((await first).status).toBe('succeeded');
    expect(calls).toBe(1);
    expect(locks.tryAcquire).toHaveBeenCalledTimes(1);
    expect(inserted.map((r) => r.status).sort()).toEqual(['running', 'skipped']);
    // Once finished it runs again.
    expect((await runner.run('deadlines', body)).status).toBe('succeeded');
  });

  it('skips, naming the holder, when another instance holds the lease', async () => {
    const { runner, inserted, finished, locks } = setup(false);
    const body = jest.fn(async () => ({ n: 1 }));
    const run = await runner.run('reevaluate', body);

    expect(body).not.toHaveBeenCalled();
    expect(run).toMatchObject({
      status: 'skipped',
      error: 'running on another instance (holder other-host:42)',
    });
    expect(inserted).toEqual([run]);
    expect(finished).toEqual([]);
    expect(locks.release).not.toHaveBeenCalled();
  });

  it('renews the lease every minute while the body runs, and stops after', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
    const { runner, locks } = setup();
    const gate = deferred<void>();
    const running = runner.run('retention', async () => {
      await gate.promise;
      return {};
    });
    await jest.advanceTimersByTimeAsync(JOB_RENEW_MS * 3 + 10);
    expect(locks.renew).toHaveBeenCalledTimes(3);
    expect(locks.renew).toHaveBeenCalledWith('retention', runner.instance, expect.any(Date), JOB_LEASE_MS);
    gate.resolve();
    await running;
    await jest.advanceTimersByTimeAsync(JOB_RENEW_MS * 3);
    expect(locks.renew).toHaveBeenCalledTimes(3);
  });

  it('answers a failed run, without throwing, when the database refuses the lock', async () => {
    const { runner, locks } = setup();
    locks.tryAcquire.mockRejectedValue(new Error('connection refused'));
    const run = await runner.run('ingest-inbox', async () => ({}));
    expect(run).toMatchObject({ status: 'failed', error: 'connection refused' });
  });

  it('knows a holder of this host whose process is gone, and nothing else, as dead', async () => {
    const { spawnSync } = await import('node:child_process');
    const { hostname } = await import('node:os');
    // A process that ran and exited: its pid is free (reuse within the test is vanishingly unlikely).
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    expect(deadLocalProcess(`${hostname()}:${gone}`)).toBe(true);
    expect(deadLocalProcess(`${hostname()}:${process.pid}`)).toBe(false);
    expect(deadLocalProcess(`${hostname()}:${process.ppid}`)).toBe(false);
    expect(deadLocalProcess(`another-host:${gone}`)).toBe(false);
    expect(deadLocalProcess('instance-b')).toBe(false);
  });
});
