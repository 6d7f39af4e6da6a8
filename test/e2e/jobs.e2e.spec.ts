/**
 * Scheduled jobs through the whole app, jobs called directly (never the clock): every run recorded
 * and visible to admins, a job that throws recorded as failed with the next run starting normally,
 * retention removing raw files and old job logs but no claim data, the admin routes, and — on
 * PostgreSQL — two service instances sharing one database, each run happening on exactly one of
 * them, a dead holder's lease taken over once it expires.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { SCHEDULER_ACTOR } from '../../src/scheduler/job-scheduler.js';
import { JobsService } from '../../src/scheduler/jobs.service.js';
import type { JobRunRow } from '../../src/jobs/job-runs.repository.js';
import { type E2eApp, startE2eApp } from '../support/e2e-app.js';
import {
  createTestDatabase,
  databaseKinds,
  postgresUrl,
  type TestDatabase,
} from '../support/test-databases.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'x12');
const X12_FILES = ['valid/837p-basic.x12', 'valid/837i-inpatient.x12', 'valid/837d-dental.x12'];

async function count(app: E2eApp, table: string): Promise<number> {
  const rows = (await app.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ${table}`)) as {
    n: unknown;
  }[];
  return Number(rows[0]?.n);
}

/** Copies the fixtures into `inbox`, written a minute ago (settled). */
function dropFiles(inbox: string, files: readonly string[]): void {
  mkdirSync(inbox, { recursive: true });
  const past = new Date(Date.now() - 60_000);
  for (const f of files) {
    const to = join(inbox, f.split('/').pop()!);
    copyFileSync(join(FIXTURES, f), to);
    utimesSync(to, past, past);
  }
}

describe.each(databaseKinds)('scheduled jobs (%s)', (kind) => {
  let db: TestDatabase;
  let dir: string;
  let started: E2eApp;
  let jobs: JobsService;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    dir = mkdtempSync(join(tmpdir(), 'claimguard-jobs-'));
    mkdirSync(join(dir, 'uploads'));
    started = await startE2eApp(db, join(dir, 'uploads'), {
      INBOX_DIR: join(dir, 'inbox'),
      REPORTS_DIR: join(dir, 'reports'),
      INBOX_SETTLE_SECONDS: '5',
    });
    jobs = started.app.get(JobsService);
  });

  afterAll(async () => {
    await started?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a run and shows it to admins with its counts', async () => {
    dropFiles(join(dir, 'inbox'), X12_FILES.slice(0, 1));
    const run = await jobs.run('inbox', SCHEDULER_ACTOR);
    expect(run.status).toBe('succeeded');
    const res = await started.http().get('/api/v1/jobs').query({ job: 'inbox' }).expect(200);
    const body = res.body as { items: { id: string; status: string; counts: Record<string, number> }[] };
    expect(body.items[0]).toEqual(
      expect.objectContaining({
        id: run.id,
        status: 'succeeded',
        counts: expect.objectContaining({ files: 1 }),
      }),
    );
    expect(await count(started, 'received_file')).toBe(1);
  });

  it('records a job that throws as failed; the next run starts normally', async () => {
    // The inbox path is a regular file: the job cannot read it.
    const inbox = join(dir, 'inbox');
    rmSync(inbox, { recursive: true, force: true });
    writeFileSync(inbox, 'not a folder');
    const failed = await jobs.run('inbox', SCHEDULER_ACTOR);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/\S/);
    rmSync(inbox);
    dropFiles(inbox, X12_FILES.slice(1, 2));
    const next = await jobs.run('inbox', SCHEDULER_ACTOR);
    expect(next.status).toBe('succeeded');
    const res = await started
      .http()
      .get('/api/v1/jobs')
      .query({ job: 'inbox', status: 'failed' })
      .expect(200);
    expect((res.body as { items: { id: string; error: string }[] }).items).toEqual([
      expect.objectContaining({ id: failed.id, error: failed.error }),
    ]);
  });

  it('retention removes archived raw files, upload leftovers and old job logs, never claim data', async () => {
    const inbox = join(dir, 'inbox');
    const today = new Date().toISOString().slice(0, 10);
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    for (const [tree, day, name] of [
      ['processed', old, 'old-837.x12'],
      ['failed', old, 'old-broken.csv'],
      ['processed', today, 'new-837.x12'],
    ] as const) {
      mkdirSync(join(inbox, tree, day), { recursive: true });
      writeFileSync(join(inbox, tree, day, name), 'ISA*…');
      writeFileSync(join(inbox, tree, day, `${name}.report.json`), '{}');
    }
    // Multer's names for streamed uploads: 16 random bytes in hex.
    const leftover = join(dir, 'uploads', '0123456789abcdef0123456789abcdef');
    const notAnUpload = join(dir, 'uploads', 'claimguard.sqlite');
    writeFileSync(notAnUpload, 'someone else’s file');
    utimesSync(notAnUpload, new Date(Date.now() - 9 * 86_400_000), new Date(Date.now() - 9 * 86_400_000));
    writeFileSync(leftover, 'half an upload');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(leftover, twoDaysAgo, twoDaysAgo);
    const fresh = join(dir, 'uploads', 'fedcba9876543210fedcba9876543210');
    writeFileSync(fresh, 'an upload in progress');
    const ds = started.app.get(DataSource);
    const oldRun = new Date(Date.now() - 100 * 86_400_000).toISOString();
    const p = (i: number) => (kind === 'postgres' ? `$${i}` : '?');
    await ds.query(
      `INSERT INTO job_run (id, job, started_at, finished_at, status, counts, error, instance) VALUES (${p(1)}, 'inbox', ${p(2)}, ${p(3)}, 'succeeded', NULL, NULL, 'gone:1')`,
      ['00000000-0000-4000-8000-000000000001', oldRun, oldRun],
    );
    const claimsBefore = await count(started, 'claim');
    const filesBefore = await count(started, 'received_file');
    const runsBefore = await count(started, 'job_run');

    const run = await jobs.run('retention', SCHEDULER_ACTOR);
    expect(run.status).toBe('succeeded');
    expect(JSON.parse(run.counts!)).toEqual(
      expect.objectContaining({ archivedFilesRemoved: 4, uploadLeftoversRemoved: 1, jobRunsRemoved: 1 }),
    );
    expect(existsSync(join(inbox, 'processed', old))).toBe(false);
    expect(existsSync(join(inbox, 'failed', old))).toBe(false);
    expect(readdirSync(join(inbox, 'processed', today))).toEqual(expect.arrayContaining(['new-837.x12']));
    expect([existsSync(leftover), existsSync(fresh), existsSync(notAnUpload)]).toEqual([false, true, true]);
    expect(await count(started, 'claim')).toBe(claimsBefore);
    expect(await count(started, 'received_file')).toBe(filesBefore);
    // The old run went; this run was added.
    expect(await count(started, 'job_run')).toBe(runsBefore);
  });

  it('marks a run left running by an instance that died as failed when the job next runs', async () => {
    const ds = started.app.get(DataSource);
    const p = (i: number) => (kind === 'postgres' ? `$${i}` : '?');
    const id = '00000000-0000-4000-8000-0000000000aa';
    await ds.query(
      `INSERT INTO job_run (id, job, started_at, finished_at, status, counts, error, instance) VALUES (${p(1)}, 'deadlines', ${p(2)}, NULL, 'running', NULL, NULL, 'dead:9')`,
      [id, new Date(Date.now() - 3_600_000).toISOString()],
    );
    const run = await jobs.run('deadlines', SCHEDULER_ACTOR);
    expect(run.status).toBe('succeeded');
    const [row] = (await ds.query(`SELECT status, finished_at, error FROM job_run WHERE id = ${p(1)}`, [
      id,
    ])) as {
      status: string;
      finished_at: string | null;
      error: string;
    }[];
    expect(row).toEqual({
      status: 'failed',
      finished_at: expect.any(String),
      error: expect.stringContaining('abandoned'),
    });
  });

  it('lists schedules and runs a job on request for admins only', async () => {
    const res = await started.http().get('/api/v1/jobs/schedules').expect(200);
    const list = res.body as { name: string; schedule: string | null; nextRunAt: string | null }[];
    expect(list.map((j) => j.name)).toEqual([
      'inbox',
      'reevaluate',
      'deadlines',
      'digest-daily',
      'digest-weekly',
      'retention',
    ]);
    expect(list.every((j) => j.schedule !== null && j.nextRunAt !== null)).toBe(true);
    await started.http().post('/api/v1/jobs/payroll/run').expect(400);
    const deadlineRuns = async () =>
      (
        (await started.http().get('/api/v1/jobs').query({ job: 'deadlines' }).expect(200)).body as {
          items: { id: string; job: string; status: string }[];
        }
      ).items;
    const earlier = new Set((await deadlineRuns()).map((r) => r.id));
    const before = await count(started, 'job_run');
    await started.http().post('/api/v1/jobs/deadlines/run').expect(202);
    // It runs in the background: wait for its run to end.
    const until = Date.now() + 20_000;
    let added: { id: string; job: string; status: string }[] = [];
    while (Date.now() < until) {
      added = (await deadlineRuns()).filter((r) => !earlier.has(r.id));
      if (added.length > 0 && added[0]!.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(added).toEqual([expect.objectContaining({ job: 'deadlines', status: 'succeeded' })]);
    expect(await count(started, 'job_run')).toBe(before + 1);
    const audit = await started.http().get('/api/v1/audit').query({ action: 'job.run' }).expect(200);
    expect((audit.body as { items: { targetId: string }[] }).items[0]).toEqual(
      expect.objectContaining({ targetId: 'deadlines' }),
    );
  });
});

/** Two instances of the service on one PostgreSQL database (CI always has one). */
const describePg = postgresUrl ? describe : describe.skip;
if (!postgresUrl) console.warn('[jobs e2e] two-instance lock test SKIPPED: TEST_DATABASE_URL is not set');

describePg('two service instances sharing one PostgreSQL database', () => {
  let db: TestDatabase;
  let dir: string;
  let a: E2eApp;
  let b: E2eApp;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    dir = mkdtempSync(join(tmpdir(), 'claimguard-jobs2-'));
    const shared = {
      INBOX_DIR: join(dir, 'inbox'),
      REPORTS_DIR: join(dir, 'reports'),
      INBOX_SETTLE_SECONDS: '5',
    };
    mkdirSync(join(dir, 'up-a'));
    mkdirSync(join(dir, 'up-b'));
    a = await startE2eApp(db, join(dir, 'up-a'), { ...shared, INSTANCE_NAME: 'instance-a' });
    b = await startE2eApp(db, join(dir, 'up-b'), { ...shared, INSTANCE_NAME: 'instance-b' }, 'test-admin-b');
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function holder(job: string): Promise<string | null> {
    const rows = (await a.app.get(DataSource).query('SELECT holder FROM job_lock WHERE job = $1', [job])) as {
      holder: string;
    }[];
    return rows[0]?.holder ?? null;
  }

  it('runs the inbox on exactly one instance while both try; the files are ingested once', async () => {
    dropFiles(join(dir, 'inbox'), X12_FILES);
    const inboxA = a.app.get(JobsService).job('inbox');
    const original = inboxA.run.bind(inboxA);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const spy = jest.spyOn(inboxA, 'run').mockImplementation(async (ctx) => {
      await gate;
      return original(ctx);
    });
    try {
      const runA = a.app.get(JobsService).run('inbox', SCHEDULER_ACTOR);
      const until = Date.now() + 10_000;
      while ((await holder('inbox')) !== 'instance-a' && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      expect(await holder('inbox')).toBe('instance-a');

      const runB = await b.app.get(JobsService).run('inbox', SCHEDULER_ACTOR);
      expect(runB.status).toBe('skipped');
      expect(runB.instance).toBe('instance-b');
      expect(runB.error).toContain('instance-a');

      release();
      const doneA: JobRunRow = await runA;
      expect([doneA.status, doneA.instance]).toEqual(['succeeded', 'instance-a']);
      expect(JSON.parse(doneA.counts!)).toEqual(expect.objectContaining({ files: 3 }));
    } finally {
      release();
      spy.mockRestore();
    }
    expect(await holder('inbox')).toBeNull();
    expect(await count(a, 'received_file')).toBe(3);

    // The lease is free again: B's next run happens, and finds nothing left to ingest.
    const again = await b.app.get(JobsService).run('inbox', SCHEDULER_ACTOR);
    expect([again.status, again.instance]).toEqual(['succeeded', 'instance-b']);
    expect(JSON.parse(again.counts!)).toEqual(expect.objectContaining({ files: 0 }));
    expect(await count(b, 'received_file')).toBe(3);
  });

  it('leaves a live holder alone and takes the lease over once a dead holder stops renewing', async () => {
    const ds = a.app.get(DataSource);
    const soon = new Date(Date.now() + 5 * 60_000).toISOString();
    await ds.query(
      `INSERT INTO job_lock (job, holder, acquired_at, expires_at) VALUES ('deadlines', 'instance-dead', $1, $2)`,
      [new Date().toISOString(), soon],
    );
    const refused = await b.app.get(JobsService).run('deadlines', SCHEDULER_ACTOR);
    expect([refused.status, refused.error]).toEqual([
      'skipped',
      'running on another instance (holder instance-dead)',
    ]);
    // Its lease runs out without a renewal (the holder died): the next attempt takes it over.
    await ds.query(`UPDATE job_lock SET expires_at = $1 WHERE job = 'deadlines'`, [
      new Date(Date.now() - 1000).toISOString(),
    ]);
    const taken = await b.app.get(JobsService).run('deadlines', SCHEDULER_ACTOR);
    expect([taken.status, taken.instance]).toEqual(['succeeded', 'instance-b']);
    expect(await holder('deadlines')).toBeNull();
  });
});
