/**
 * The server side of bench:reports, in a process of its own (forked by bench-reports.ts):
 *
 *   node dist-bench/bench/reports/reports-worker.js build <sqlite|postgres> <path-or-url> <job.json>
 *   node dist-bench/bench/reports/reports-worker.js serve <sqlite|postgres> <path-or-url> <scratch-dir>
 *
 * build: the Nest application context on a fresh database (migrations at start-up) imports and ingests a
 * simulated practice the way `claimguard demo` does (inputs, 837s and 835s with rule evaluation and report
 * refresh on ingest, then evaluateStale), fits the risk model, copies the report rows up to the target
 * (replicate.ts), rebuilds every rollup with ReportProjectionService.rebuildRollups() and reports what it
 * did and what the database holds. serve: the real HTTP app (NestFactory.create + configureApp) on
 * 127.0.0.1 and an ephemeral port, until the parent sends `close`. Results go to the parent over IPC.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import type { INestApplication } from '@nestjs/common';
import type { SimulateResult } from '../../src/simulator/simulate.js';
import { replicate, type Dialect, type ReplicationResult } from './replicate.js';

export interface BuildJob {
  simDir: string;
  simulation: SimulateResult;
  target: number;
  years: number;
  copyClaims: boolean;
  scratch: string;
}

export interface History {
  firstMonth: string;
  lastMonth: string;
  /** Payers by claim count, most first. */
  payers: string[];
  providers: number;
  appealDeadlines: { first: string | null; last: string | null };
}

export interface BuildResult {
  bootSeconds: number;
  inputFiles: number;
  x12Files: number;
  duplicates: number;
  /** Inputs import + X12 ingest (evaluation and report refresh included) + evaluateStale. */
  baseSeconds: number;
  /** baseSeconds by phase: inputs, 837 files, 835 files, evaluateStale. */
  phases: {
    inputsSeconds: number;
    claimFilesSeconds: number;
    remitFilesSeconds: number;
    staleSeconds: number;
  };
  baseClaims: number;
  baseFindings: number;
  fitSeconds: number;
  fitError: string | null;
  replication: ReplicationResult;
  rollupMonths: number;
  rollupSeconds: number;
  analyzeSeconds: number | null;
  counts: Record<string, number>;
  history: History;
  databaseVersion: string;
  databaseBytes: number;
  maxRssMb: number;
}

/** One scheduled job run by the server worker before the endpoints are timed. */
export interface JobTiming {
  job: string;
  /** The day the job ran as (its `today`). */
  today: string;
  seconds: number;
  status: string;
  counts: Record<string, number> | null;
  error: string | null;
}

export type WorkerMessage =
  | { type: 'progress'; line: string }
  | { type: 'built'; result: BuildResult }
  | { type: 'listening'; port: number; bootSeconds: number; jobs: JobTiming[] }
  | { type: 'error'; error: string };

function send(message: WorkerMessage): Promise<void> {
  return new Promise((done) => {
    if (process.send) process.send(message, () => done());
    else {
      console.log(JSON.stringify(message));
      done();
    }
  });
}

/** The app reads its configuration from the environment when its module is built. */
function configure(db: Dialect, where: string, scratch: string, migrate: boolean): void {
  if (db === 'postgres') {
    process.env.DATABASE_URL = where;
    delete process.env.SQLITE_PATH;
  } else {
    delete process.env.DATABASE_URL;
    process.env.SQLITE_PATH = where;
  }
  process.env.MIGRATIONS_RUN = migrate ? 'true' : 'false';
  process.env.EVALUATE_ON_START = 'false';
  // Keep the app's folders (and any inbox scheduler) away from ./data.
  process.env.UPLOAD_DIR = join(scratch, 'uploads');
  process.env.INBOX_DIR = join(scratch, 'inbox');
  process.env.REPORTS_DIR = join(scratch, 'reports');
  process.env.JOBS_ENABLED = 'false';
  process.env.JOB_TIMEZONE = 'UTC';
  mkdirSync(process.env.UPLOAD_DIR, { recursive: true });
  mkdirSync(process.env.INBOX_DIR, { recursive: true });
}

const seconds = (since: number): number => (performance.now() - since) / 1000;

async function scalar(ds: DataSource, sql: string): Promise<number> {
  const rows = (await ds.query(sql)) as Record<string, unknown>[];
  const v = rows[0] ? Object.values(rows[0])[0] : 0;
  return Number(v ?? 0);
}

async function build(db: Dialect, where: string, jobPath: string): Promise<BuildResult> {
  const job = JSON.parse(readFileSync(jobPath, 'utf8')) as BuildJob;
  configure(db, where, job.scratch, true);
  const progress = (line: string) => send({ type: 'progress', line });

  let started = performance.now();
  const [
    { NestFactory },
    { AppModule },
    typeorm,
    demo,
    ingestMod,
    inputsMod,
    findingsMod,
    reportsMod,
    projMod,
  ] = await Promise.all([
    import('@nestjs/core'),
    import('../../src/app.module.js'),
    import('typeorm'),
    import('../../src/simulator/demo.command.js'),
    import('../../src/ingest/ingest.service.js'),
    import('../../src/inputs/inputs.service.js'),
    import('../../src/findings/findings.service.js'),
    import('../../src/reports/reports.service.js'),
    import('../../src/reports/report-projection.service.js'),
  ]);
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const bootSeconds = seconds(started);
    const ds = app.get(typeorm.DataSource);

    // 1. The base, through the product: the demo's code path.
    const inputs = app.get(inputsMod.InputsService);
    const ingest = app.get(ingestMod.IngestService);
    const { inputs: inputFiles, x12 } = demo.demoFiles(job.simulation);
    started = performance.now();
    for (const { kind, file } of inputFiles) {
      await inputs.importPath(kind, join(job.simDir, file), file.split('/').join('_'));
    }
    const phases = {
      inputsSeconds: seconds(started),
      claimFilesSeconds: 0,
      remitFilesSeconds: 0,
      staleSeconds: 0,
    };
    let duplicates = 0;
    let last = performance.now();
    for (const [i, file] of x12.entries()) {
      const t = performance.now();
      const res = await ingest.ingestPath(join(job.simDir, file), file.split('/').join('_'));
      if (/\/837[pi]-\d+\.x12$/.test(file)) phases.claimFilesSeconds += seconds(t);
      else phases.remitFilesSeconds += seconds(t);
      if (res.duplicate) duplicates++;
      if (res.file.status !== 'processed') {
        throw new Error(`${file} ended ${res.file.status}: ${res.file.failure ?? ''}`);
      }
      if (performance.now() - last > 15_000) {
        last = performance.now();
        await progress(`base ingest: ${i + 1}/${x12.length} X12 files (${seconds(started).toFixed(0)} s)`);
      }
    }
    const t = performance.now();
    await app.get(findingsMod.FindingsService).evaluateStale();
    phases.staleSeconds = seconds(t);
    const baseSeconds = seconds(started);
    const baseClaims = await scalar(ds, 'SELECT COUNT(*) AS n FROM claim');
    const baseFindings = await scalar(ds, 'SELECT COUNT(*) AS n FROM finding');
    await progress(
      `base ingest: ${baseClaims.toLocaleString('en-US')} claims in ${baseSeconds.toFixed(1)} s ` +
        `(${Math.round(baseClaims / baseSeconds).toLocaleString('en-US')} claims/s)`,
    );

    // 2. The risk model fitted on the base (POST /api/v1/reports/risk-model): real risks and calibration.
    started = performance.now();
    let fitError: string | null = null;
    try {
      await app.get(reportsMod.ReportsService).fitRiskModel();
    } catch (err) {
      fitError = err instanceof Error ? err.message : String(err);
    }
    const fitSeconds = seconds(started);
    await progress(
      `risk model fitted and base rescored in ${fitSeconds.toFixed(1)} s${fitError ? ` (${fitError})` : ''}`,
    );

    // 3. Copies of the report rows up to the target, then every rollup rebuilt by the product.
    const replication = await replicate(ds, db, job.target, job.years, job.copyClaims, (line) => {
      void progress(line);
    });
    started = performance.now();
    const rollupMonths = await app.get(projMod.ReportProjectionService).rebuildRollups();
    const rollupSeconds = seconds(started);
    await progress(`rollups of ${rollupMonths} months rebuilt in ${rollupSeconds.toFixed(1)} s`);

    // PostgreSQL's autovacuum analyzes a table this changed within a minute; do it now, not mid-measure.
    let analyzeSeconds: number | null = null;
    if (db === 'postgres') {
      started = performance.now();
      await ds.query('ANALYZE');
      analyzeSeconds = seconds(started);
    }

    const counts: Record<string, number> = {};
    for (const t of ['claim', 'claim_report', 'leakage_item', 'report_rollup', 'finding', 'claim_payment']) {
      counts[t] = await scalar(ds, `SELECT COUNT(*) AS n FROM ${t}`);
    }
    const span = (await ds.query('SELECT MIN(month) AS a, MAX(month) AS b FROM claim_report')) as {
      a: string;
      b: string;
    }[];
    const payers = (await ds.query(
      'SELECT payer_id, COUNT(*) AS n FROM claim_report GROUP BY payer_id ORDER BY n DESC, payer_id',
    )) as { payer_id: string }[];
    const providers = await scalar(ds, 'SELECT COUNT(DISTINCT provider_npi) AS n FROM claim_report');
    const deadlines = (await ds.query(
      `SELECT MIN(deadline) AS a, MAX(deadline) AS b FROM leakage_item WHERE kind = 'denial'`,
    )) as { a: string | null; b: string | null }[];
    const version = (await ds.query(
      db === 'postgres' ? 'SELECT version() AS v' : 'SELECT sqlite_version() AS v',
    )) as { v: string }[];
    const databaseBytes =
      db === 'postgres'
        ? await scalar(ds, 'SELECT pg_database_size(current_database()) AS n')
        : ['', '-wal'].reduce((a, s) => a + (fileSize(where + s) ?? 0), 0);
    return {
      bootSeconds,
      inputFiles: inputFiles.length,
      x12Files: x12.length,
      duplicates,
      baseSeconds,
      phases,
      baseClaims,
      baseFindings,
      fitSeconds,
      fitError,
      replication,
      rollupMonths,
      rollupSeconds,
      analyzeSeconds,
      counts,
      history: {
        firstMonth: span[0]!.a,
        lastMonth: span[0]!.b,
        payers: payers.map((p) => p.payer_id),
        providers,
        appealDeadlines: { first: deadlines[0]?.a ?? null, last: deadlines[0]?.b ?? null },
      },
      databaseVersion: (version[0]?.v ?? '').split(' on ')[0]!,
      databaseBytes,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await app.close();
  }
}

function fileSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

async function serve(db: Dialect, where: string, scratch: string): Promise<void> {
  configure(db, where, scratch, false);
  const started = performance.now();
  const [{ NestFactory }, { AppModule }, { configureApp }] = await Promise.all([
    import('@nestjs/core'),
    import('../../src/app.module.js'),
    import('../../src/common/configure-app.js'),
  ]);
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const jobs = await runJobs(app);
  process.on('message', (message) => {
    if (message === 'close') {
      void app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }
  });
  await send({ type: 'listening', port, bootSeconds: seconds(started), jobs });
}

/**
 * The scheduled jobs that read the whole report tables, once each on the built database, timed:
 * the deadlines job on the busiest week of deadlines in the history (today three days before the
 * day with the most deadlines in the worklist's queue), and the digests for yesterday as of
 * tomorrow (so that the files the build just received are their new denials). The worklist's
 * alert filter is timed afterwards with the alerts this leaves.
 */
async function runJobs(app: INestApplication): Promise<JobTiming[]> {
  const [{ JobsService }, worklist, typeorm] = await Promise.all([
    import('../../src/scheduler/jobs.service.js'),
    import('../../src/worklist/worklist.repository.js'),
    import('typeorm'),
  ]);
  const ds = app.get(typeorm.DataSource);
  const [busiest] = (await ds.query(
    `SELECT d, COUNT(*) AS n FROM (SELECT ${worklist.DEADLINE_SQL} AS d FROM claim_report cr WHERE ${worklist.QUEUE_SQL}) q
      WHERE d < '9999-12-31' GROUP BY d ORDER BY COUNT(*) DESC, d LIMIT 1`,
  )) as { d: string }[];
  const at = (day: string) => () => new Date(`${day}T12:00:00Z`);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const busyToday = busiest
    ? new Date(Date.parse(`${busiest.d}T12:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10)
    : tomorrow;
  const actor = { kind: 'system', via: 'system', name: 'bench' } as const;
  const out: JobTiming[] = [];
  for (const [job, today] of [
    ['deadlines', busyToday],
    ['digest-daily', tomorrow],
    ['digest-weekly', tomorrow],
  ] as const) {
    const t = performance.now();
    const run = await app.get(JobsService).run(job, actor, at(today));
    out.push({
      job,
      today,
      seconds: seconds(t),
      status: run.status,
      counts: run.counts === null ? null : (JSON.parse(run.counts) as Record<string, number>),
      error: run.error,
    });
  }
  return out;
}

async function main(): Promise<void> {
  const [mode, db, where, extra] = process.argv.slice(2);
  if ((mode !== 'build' && mode !== 'serve') || (db !== 'sqlite' && db !== 'postgres') || !where || !extra) {
    throw new Error(
      'usage: reports-worker.js build <sqlite|postgres> <path-or-url> <job.json> | serve <sqlite|postgres> <path-or-url> <scratch>',
    );
  }
  if (mode === 'build') {
    const result = await build(db, where, extra);
    await send({ type: 'built', result });
    process.exit(0);
  } else {
    await serve(db, where, extra);
  }
}

main().catch(async (err: unknown) => {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error(text);
  await send({ type: 'error', error: err instanceof Error ? `${err.name}: ${err.message}` : text });
  process.exit(1);
});
