import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { JobLockRepository } from '../../src/jobs/job-lock.repository.js';
import { JobRunsRepository } from '../../src/jobs/job-runs.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const LEASE = 10 * 60_000;
const T0 = new Date('2026-03-01T02:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(databaseKinds)('job lock on %s', (kind) => {
  let db: TestDatabase;
  // Two connections to one database, as two instances of the service would have.
  let ds1: DataSource;
  let ds2: DataSource;
  let a: JobLockRepository;
  let b: JobLockRepository;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds1 = new DataSource(dataSourceOptions(db.config));
    await ds1.initialize();
    await ds1.runMigrations();
    ds2 = new DataSource(dataSourceOptions(db.config));
    await ds2.initialize();
    a = new JobLockRepository(ds1);
    b = new JobLockRepository(ds2);
  });

  afterAll(async () => {
    if (ds2?.isInitialized) await ds2.destroy();
    if (ds1?.isInitialized) await ds1.destroy();
    await db?.drop();
  });

  beforeEach(async () => {
    await ds1.query('DELETE FROM job_lock');
  });

  it('lets only one of two holders acquire, even when they try at once', async () => {
    const results = await Promise.all([
      a.tryAcquire('ingest-inbox', 'host-a:1', T0, LEASE),
      b.tryAcquire('ingest-inbox', 'host-b:2', T0, LEASE),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? 'host-a:1' : 'host-b:2';
    expect(await a.holder('ingest-inbox')).toBe(winner);
    // A held lease is refused to anyone, its holder included, until it expires.
    expect(await a.tryAcquire('ingest-inbox', 'host-a:1', at(1000), LEASE)).toBe(false);
    expect(await b.tryAcquire('ingest-inbox', 'host-b:2', at(1000), LEASE)).toBe(false);
    // Other jobs are independent.
    expect(await b.tryAcquire('digest', 'host-b:2', T0, LEASE)).toBe(true);
  });

  it('lets the other holder take an expired lease over, and the old holder can no longer renew it', async () => {
    expect(await a.tryAcquire('deadlines', 'host-a:1', T0, LEASE)).toBe(true);
    expect(await b.tryAcquire('deadlines', 'host-b:2', at(LEASE - 1), LEASE)).toBe(false);
    expect(await b.tryAcquire('deadlines', 'host-b:2', at(LEASE), LEASE)).toBe(true);
    expect(await a.holder('deadlines')).toBe('host-b:2');
    expect(await a.renew('deadlines', 'host-a:1', at(LEASE + 1), LEASE)).toBe(false);
    // The dead holder's release leaves the new holder's lease alone.
    await a.release('deadlines', 'host-a:1');
    expect(await a.holder('deadlines')).toBe('host-b:2');
    const [row] = (await ds1.query(
      `SELECT acquired_at, expires_at FROM job_lock WHERE job = 'deadlines'`,
    )) as {
      acquired_at: string;
      expires_at: string;
    }[];
    expect(row).toEqual({ acquired_at: at(LEASE).toISOString(), expires_at: at(2 * LEASE).toISOString() });
  });

  it('keeps a renewed lease from being taken over', async () => {
    expect(await a.tryAcquire('reevaluate', 'host-a:1', T0, LEASE)).toBe(true);
    expect(await a.renew('reevaluate', 'host-a:1', at(60_000), LEASE)).toBe(true);
    expect(await b.tryAcquire('reevaluate', 'host-b:2', at(LEASE), LEASE)).toBe(false);
    expect(await b.tryAcquire('reevaluate', 'host-b:2', at(LEASE + 60_000), LEASE)).toBe(true);
  });

  it('lets the other holder acquire once the lease is released', async () => {
    expect(await a.tryAcquire('retention', 'host-a:1', T0, LEASE)).toBe(true);
    expect(await b.tryAcquire('retention', 'host-b:2', at(1000), LEASE)).toBe(false);
    await a.release('retention', 'host-a:1');
    expect(await a.holder('retention')).toBeNull();
    expect(await b.tryAcquire('retention', 'host-b:2', at(2000), LEASE)).toBe(true);
    expect(await a.holder('retention')).toBe('host-b:2');
  });

  it("writes a job run as it starts and as it ends (the runner's job_run writes)", async () => {
    const runs = new JobRunsRepository(ds1);
    const id = '019a1b2c-3d4e-7f00-8a00-000000000001';
    await runs.insert({
      id,
      job: 'ingest-inbox',
      startedAt: T0.toISOString(),
      finishedAt: null,
      status: 'running',
      counts: null,
      error: null,
      instance: 'host-a:1',
    });
    await runs.finish(id, {
      finishedAt: at(5000).toISOString(),
      status: 'succeeded',
      counts: '{"files":2}',
      error: null,
    });
    expect(await runs.list({ job: 'ingest-inbox' }, null, 10)).toEqual([
      {
        id,
        job: 'ingest-inbox',
        startedAt: T0.toISOString(),
        finishedAt: at(5000).toISOString(),
        status: 'succeeded',
        counts: '{"files":2}',
        error: null,
        instance: 'host-a:1',
      },
    ]);
  });
});
