/**
 * Load under ingest (issue 10): 50 concurrent users on the billing worklist, claim pages and the
 * dashboard for 60 seconds, driven by autocannon over loopback, while an ingest of 100,000 claims runs
 * through the same service, on a 1,000,000-claim database, on SQLite and PostgreSQL.
 *
 * npm run reliability:load [-- --claims N] [--base N] [--ingest N] [--users N] [--seconds S]
 *                             [--baseline-seconds S] [--db sqlite,postgres] [--seed S] [--quick]
 *
 * For each database:
 * 1. the million-claim database of bench:reports (bench-database.ts: a simulated practice ingested
 *    through the product, its report and claim rows copied up to --claims, rollups rebuilt);
 * 2. the real HTTP app in a child process (reports-worker.ts serve), an admin API token;
 * 3. a baseline: the same users for --baseline-seconds with nothing else running;
 * 4. the ingest: another simulated practice's 837 files (--ingest claims, at most 5,000 per file, no
 *    835s) uploaded one after the other through POST /api/v1/files — parsed, stored, evaluated and
 *    reported as any upload — and, two seconds after it starts, the users for --seconds;
 * 5. the ingest is left to finish; then every file must be `processed` and the claim table must hold
 *    exactly the claims the files carry more than before.
 * Users: autocannon instances in this process (the server is another process), 2/5 on the worklist
 * (first page by money at risk, by deadline, for one payer), 2/5 on claim pages (GET
 * /api/v1/worklist/claims/:id of claims that went through the product: findings, lines, history —
 * each view audited), 1/5 on the dashboard. Each user sends its next request when the last is
 * answered. An error is a socket error, a timeout (10 s) or any answer that is not 2xx.
 * Prints p50/p90/p99/max per kind of page and overall, requests/s, errors, and the ingest's claims/s
 * (overall and during the load window). Writes bench/out/load-<date>.json. Exits 1 on any error.
 */
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { simulate, type SimulateResult } from '../../src/simulator/simulate.js';
import {
  benchToken,
  freshDatabase,
  machine,
  percentile,
  PG_ADMIN_URL,
  postgresReachable,
  redact,
  runBuild,
  startServer,
  type Target,
} from '../reports/bench-database.js';
import type { Dialect } from '../reports/replicate.js';
import type { BuildJob } from '../reports/reports-worker.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');
const OUT_DIR = join(ROOT, 'bench', 'out');
const DBS: readonly Dialect[] = ['sqlite', 'postgres'];
const PG_DATABASE = `claimguard_bench_load_${process.pid}`;
const BASE_MONTHS = 12;
const INGEST_MONTHS = 10;
/** A request not answered within this many seconds counts as an error. */
const TIMEOUT_SECONDS = 10;

interface Config {
  claims: number;
  base: number;
  ingest: number;
  users: number;
  seconds: number;
  baselineSeconds: number;
  dbs: Dialect[];
  seed: string;
}

function usage(): never {
  console.error(
    'usage: load.js [--quick] [--claims N] [--base N] [--ingest N] [--users N] [--seconds S] ' +
      '[--baseline-seconds S] [--db sqlite,postgres] [--seed S]',
  );
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Config {
  const values = new Map<string, string>();
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (
      [
        '--claims',
        '--base',
        '--ingest',
        '--users',
        '--seconds',
        '--baseline-seconds',
        '--db',
        '--seed',
      ].includes(arg)
    ) {
      const value = argv[++i];
      if (value === undefined) usage();
      values.set(arg.slice(2), value);
    } else usage();
  }
  const whole = (name: string, fallback: number, min = 1): number => {
    const v = values.get(name);
    if (v === undefined) return fallback;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) usage();
    return n;
  };
  const dbs = (values.get('db') ?? DBS.join(',')).split(',').map((s) => s.trim());
  for (const d of dbs) if (!(DBS as readonly string[]).includes(d)) usage();
  return {
    claims: whole('claims', quick ? 50_000 : 1_000_000),
    base: whole('base', quick ? 3_000 : 20_000, BASE_MONTHS),
    ingest: whole('ingest', quick ? 5_000 : 100_000, INGEST_MONTHS),
    users: whole('users', 50, 5),
    seconds: whole('seconds', quick ? 10 : 60),
    baselineSeconds: whole('baseline-seconds', quick ? 5 : 20, 0),
    dbs: DBS.filter((d) => dbs.includes(d)),
    seed: values.get('seed') ?? 'bench-load',
  };
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------
// What the users open

interface Targets {
  claimIds: string[];
  payers: string[];
}

/** Claims that went through the product (they have lines and findings), and the busiest payers. */
async function pickTargets(target: Target): Promise<Targets> {
  const claimSql = `SELECT claim_id AS id FROM claim_line GROUP BY claim_id ORDER BY claim_id LIMIT 4000`;
  const payerSql = `SELECT payer_id AS p, COUNT(*) AS n FROM claim_report GROUP BY payer_id ORDER BY COUNT(*) DESC LIMIT 8`;
  if (target.db === 'sqlite') {
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (
      path: string,
      o: { readonly: boolean },
    ) => { prepare(sql: string): { all(): Record<string, unknown>[] }; close(): void };
    const db = new Database(target.where, { readonly: true });
    try {
      return {
        claimIds: db
          .prepare(claimSql)
          .all()
          .map((r) => String(r.id)),
        payers: db
          .prepare(payerSql)
          .all()
          .map((r) => String(r.p)),
      };
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.where });
  await client.connect();
  try {
    const ids = await client.query<{ id: string }>(claimSql);
    const payers = await client.query<{ p: string }>(payerSql);
    return { claimIds: ids.rows.map((r) => r.id), payers: payers.rows.map((r) => r.p) };
  } finally {
    await client.end();
  }
}

/** Rows of `claim` now (the ingest's claims are counted by the difference). */
async function claimCount(target: Target): Promise<number> {
  const sql = 'SELECT COUNT(*) AS n FROM claim';
  if (target.db === 'sqlite') {
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (
      path: string,
      o: { readonly: boolean },
    ) => { prepare(sql: string): { get(): { n: number } }; close(): void };
    const db = new Database(target.where, { readonly: true });
    try {
      return Number(db.prepare(sql).get().n);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.where });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
  } finally {
    await client.end();
  }
}

type PageKind = 'worklist' | 'claim page' | 'dashboard';

interface UserGroup {
  kind: PageKind;
  users: number;
  path(i: number): string;
}

function userGroups(config: Config, t: Targets): UserGroup[] {
  const worklistUsers = Math.round((config.users * 2) / 5);
  const claimUsers = Math.round((config.users * 2) / 5);
  const worklist = (i: number): string => {
    const variant = i % 3;
    if (variant === 0) return '/api/v1/worklist';
    if (variant === 1) return '/api/v1/worklist?sort=deadline';
    return `/api/v1/worklist?payerId=${encodeURIComponent(t.payers[i % Math.max(1, t.payers.length)] ?? 'none')}`;
  };
  return [
    { kind: 'worklist', users: worklistUsers, path: worklist },
    {
      kind: 'claim page',
      users: claimUsers,
      path: (i) => `/api/v1/worklist/claims/${t.claimIds[(i * 7919) % t.claimIds.length]!}`,
    },
    {
      kind: 'dashboard',
      users: config.users - worklistUsers - claimUsers,
      path: () => '/api/v1/reports/dashboard',
    },
  ];
}

interface KindResult {
  kind: PageKind | 'all';
  users: number;
  requests: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statuses: Record<string, number>;
}

function summarize(
  kind: PageKind | 'all',
  users: number,
  times: number[],
  seconds: number,
  counts: { errors: number; timeouts: number; non2xx: number; statuses: Record<string, number> },
): KindResult {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    kind,
    users,
    requests: sorted.length,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? 0,
    ...counts,
  };
}

/** The users for `seconds`: one autocannon instance per kind of page, all at once. */
async function runUsers(port: number, token: string, groups: readonly UserGroup[], seconds: number) {
  const runs = groups.map(async (g) => {
    let i = 0;
    const times: number[] = [];
    const statuses: Record<string, number> = {};
    const result = await new Promise<autocannon.Result>((done, fail) => {
      const instance = autocannon(
        {
          url: `http://127.0.0.1:${port}`,
          connections: g.users,
          duration: seconds,
          timeout: TIMEOUT_SECONDS,
          headers: { authorization: `Bearer ${token}` },
          requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: g.path(i++) }) }],
        },
        (err: unknown, r) => (err ? fail(err instanceof Error ? err : new Error(String(err))) : done(r)),
      );
      instance.on('response', (_client, status, _bytes, ms) => {
        times.push(ms);
        statuses[status] = (statuses[status] ?? 0) + 1;
      });
    });
    return {
      group: g,
      times,
      result: summarize(g.kind, g.users, times, seconds, {
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        statuses,
      }),
    };
  });
  const done = await Promise.all(runs);
  const all = summarize(
    'all',
    groups.reduce((a, g) => a + g.users, 0),
    done.flatMap((d) => d.times),
    seconds,
    {
      errors: done.reduce((a, d) => a + d.result.errors, 0),
      timeouts: done.reduce((a, d) => a + d.result.timeouts, 0),
      non2xx: done.reduce((a, d) => a + d.result.non2xx, 0),
      statuses: done.reduce<Record<string, number>>((acc, d) => {
        for (const [k, v] of Object.entries(d.result.statuses)) acc[k] = (acc[k] ?? 0) + v;
        return acc;
      }, {}),
    },
  );
  return [...done.map((d) => d.result), all];
}

// ---------------------------------------------------------------------------------------------------------
// The ingest

interface Upload {
  file: string;
  status: number;
  claims: number;
  startedMs: number;
  endedMs: number;
  error: string | null;
}

/** Uploads the files one after the other, as a clearinghouse drop would arrive; never throws. */
async function ingestAll(port: number, token: string, dir: string, files: readonly string[], t0: number) {
  const uploads: Upload[] = [];
  for (const file of files) {
    const started = performance.now();
    const upload: Upload = { file, status: 0, claims: 0, startedMs: started - t0, endedMs: 0, error: null };
    try {
      const form = new FormData();
      form.append('file', await openAsBlob(join(dir, file)), file.split('/').join('_'));
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
        signal: AbortSignal.timeout(30 * 60_000),
      });
      upload.status = res.status;
      const body = (await res.json()) as {
        file?: { claimCount?: number; status?: string };
        message?: unknown;
      };
      upload.claims = body.file?.claimCount ?? 0;
      if (res.status !== 201 || body.file?.status !== 'processed')
        upload.error = `${res.status} ${JSON.stringify(body).slice(0, 300)}`;
    } catch (err) {
      upload.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    upload.endedMs = performance.now() - t0;
    uploads.push(upload);
  }
  return uploads;
}

// ---------------------------------------------------------------------------------------------------------

interface DbRecord {
  db: Dialect;
  where: string;
  claimsBefore: number;
  claimsAfter: number;
  baseline: KindResult[];
  underIngest: KindResult[];
  uploads: Upload[];
  ingestSeconds: number;
  /** Claims committed while the users ran (counted in the database at the start and end of the window). */
  claimsInWindow: number;
  /** Whether the ingest was still running when the users stopped (otherwise part of the window had no ingest). */
  ingestOverlapped: boolean;
  windowSeconds: number;
  error: string | null;
}

function latencyTable(db: Dialect, phase: string, rows: readonly KindResult[]): string {
  const head = [
    'database',
    'phase',
    'page',
    'users',
    'requests',
    'req/s',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'max ms',
    'errors',
  ];
  const body = rows.map((r) => [
    db,
    phase,
    r.kind,
    `${r.users}`,
    int(r.requests),
    r.perSecond.toFixed(1),
    r.p50.toFixed(0),
    r.p90.toFixed(0),
    r.p99.toFixed(0),
    r.max.toFixed(0),
    `${r.errors + r.non2xx}${r.timeouts ? ` (${r.timeouts} timeouts)` : ''}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const config = parseArgs(process.argv.slice(2));
  const host = machine();
  console.log(
    `machine: ${host.cpu}, ${host.cores} cores, ${host.totalMemoryGiB} GiB RAM, node ${host.node} (${host.platform})`,
  );
  const loadBefore = os.loadavg();
  if (loadBefore[0]! > 1)
    console.log(`!!! the machine is busy (load average ${loadBefore[0]!.toFixed(2)}) !!!`);
  console.log(
    `${int(config.claims)} claims in the database, ${int(config.ingest)} claims ingested, ${config.users} users ` +
      `for ${config.seconds} s (baseline ${config.baselineSeconds} s); databases ${config.dbs.join(', ')}\n`,
  );
  mkdirSync(OUT_DIR, { recursive: true });
  const scratch = await mkdtemp(join(os.tmpdir(), 'claimguard-load-'));
  const records: DbRecord[] = [];
  const skipped: { db: Dialect; reason: string }[] = [];
  try {
    const now = new Date().toISOString().slice(0, 7);
    const simDir = join(scratch, 'base');
    const simulation: SimulateResult = simulate({
      out: simDir,
      seed: config.seed,
      months: BASE_MONTHS,
      claimsPerMonth: Math.ceil(config.base / BASE_MONTHS),
      start: addMonths(now, -(BASE_MONTHS - 1)),
    });
    const job: BuildJob = { simDir, simulation, target: config.claims, years: 5, copyClaims: true, scratch };
    const jobPath = join(scratch, 'job.json');
    await writeFile(jobPath, JSON.stringify(job));
    // Another practice's claims: new ids, so none is a duplicate of the base.
    const ingestDir = join(scratch, 'ingest');
    const ingestSim = simulate({
      out: ingestDir,
      seed: `${config.seed}-ingest`,
      months: INGEST_MONTHS,
      claimsPerMonth: Math.ceil(config.ingest / INGEST_MONTHS),
      start: addMonths(now, -(INGEST_MONTHS - 1)),
      adjudication: false,
    });
    const ingestFiles = ingestSim.files.filter((f) => /(^|\/)837[pi]-\d+\.x12$/.test(f));
    console.log(
      `base: ${int(simulation.claims)} simulated claims; ingest: ${int(ingestSim.claims)} claims in ` +
        `${ingestFiles.length} 837 files\n`,
    );

    for (const db of config.dbs) {
      if (db === 'postgres') {
        const why = await postgresReachable();
        if (why !== null) {
          skipped.push({ db, reason: `cannot connect to ${redact(PG_ADMIN_URL)}: ${why}` });
          console.log(`\n!!! SKIPPED postgres: ${why} !!!\n`);
          continue;
        }
      }
      const target = await freshDatabase(db, scratch, PG_DATABASE);
      const record: DbRecord = {
        db,
        where: db === 'postgres' ? redact(target.where) : target.where,
        claimsBefore: 0,
        claimsAfter: 0,
        baseline: [],
        underIngest: [],
        uploads: [],
        ingestSeconds: 0,
        claimsInWindow: 0,
        ingestOverlapped: false,
        windowSeconds: 0,
        error: null,
      };
      records.push(record);
      try {
        console.log(`${db}: building ${int(config.claims)} claims`);
        const t1 = performance.now();
        await runBuild(target, jobPath);
        console.log(`  built in ${((performance.now() - t1) / 1000).toFixed(0)} s`);
        const token = await benchToken(target);
        const targets = await pickTargets(target);
        record.claimsBefore = await claimCount(target);
        const server = await startServer(target, scratch);
        try {
          const groups = userGroups(config, targets);
          // Warm-up: each kind of page a few times, one at a time.
          for (let i = 0; i < 5; i++)
            for (const g of groups) {
              const res = await fetch(`http://127.0.0.1:${server.port}${g.path(i)}`, {
                headers: { authorization: `Bearer ${token}` },
              });
              await res.arrayBuffer();
              if (res.status !== 200) throw new Error(`warm-up ${g.path(i)} answered ${res.status}`);
            }
          if (config.baselineSeconds > 0) {
            console.log(
              `  baseline: ${config.users} users for ${config.baselineSeconds} s, nothing else running`,
            );
            record.baseline = await runUsers(server.port, token, groups, config.baselineSeconds);
            console.log(latencyTable(db, 'baseline', record.baseline));
          }
          const t0 = performance.now();
          let ingestDone = false;
          const ingesting = ingestAll(server.port, token, ingestDir, ingestFiles, t0).finally(() => {
            ingestDone = true;
          });
          await new Promise((ok) => setTimeout(ok, 2_000));
          const atStart = await claimCount(target);
          const w0 = performance.now();
          console.log(`  under ingest: ${config.users} users for ${config.seconds} s`);
          record.underIngest = await runUsers(server.port, token, groups, config.seconds);
          record.windowSeconds = (performance.now() - w0) / 1000;
          record.ingestOverlapped = !ingestDone;
          if (ingestDone)
            console.log('  !!! the ingest ended before the users did: part of the window had no ingest');
          record.claimsInWindow = (await claimCount(target)) - atStart;
          console.log(latencyTable(db, 'ingest', record.underIngest));
          record.uploads = await ingesting;
          record.ingestSeconds = (performance.now() - t0) / 1000;
        } finally {
          await server.close();
        }
        record.claimsAfter = await claimCount(target);
        const expected = record.uploads.reduce((a, u) => a + u.claims, 0);
        const failed = record.uploads.filter((u) => u.error !== null);
        console.log(
          `  ingest: ${record.uploads.length} files, ${int(expected)} claims in ${record.ingestSeconds.toFixed(1)} s = ` +
            `${int(expected / record.ingestSeconds)} claims/s overall; ${int(record.claimsInWindow)} claims committed ` +
            `during the ${record.windowSeconds.toFixed(0)} s under load = ${int(record.claimsInWindow / record.windowSeconds)} claims/s`,
        );
        if (failed.length) throw new Error(`${failed.length} uploads failed: ${failed[0]!.error}`);
        if (expected !== ingestSim.claims)
          throw new Error(`the files reported ${expected} claims, the simulation wrote ${ingestSim.claims}`);
        if (record.claimsAfter - record.claimsBefore !== expected)
          throw new Error(
            `claim table grew by ${record.claimsAfter - record.claimsBefore}, the files hold ${expected}`,
          );
      } catch (err) {
        record.error = err instanceof Error ? err.message : String(err);
        console.log(`\n!!! ${db} FAILED: ${record.error} !!!\n`);
      } finally {
        await target.drop();
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  console.log(
    `\nmachine: ${host.cpu}, ${host.cores} cores, ${host.totalMemoryGiB} GiB RAM, node ${host.node} (${host.platform})`,
  );
  for (const r of records) {
    if (r.baseline.length) console.log(latencyTable(r.db, 'baseline', r.baseline));
    if (r.underIngest.length) console.log(latencyTable(r.db, 'ingest', r.underIngest));
  }
  const errors = records.flatMap((r) =>
    [...r.baseline, ...r.underIngest]
      .filter((k) => k.kind === 'all' && k.errors + k.non2xx + k.timeouts > 0)
      .map(
        (k) =>
          `${r.db}: ${k.errors} errors, ${k.timeouts} timeouts, ${k.non2xx} non-2xx ${JSON.stringify(k.statuses)}`,
      ),
  );
  for (const s of skipped) console.log(`!!! SKIPPED ${s.db}: ${s.reason}`);
  for (const e of errors) console.log(`!!! ${e}`);
  for (const r of records) if (r.error) console.log(`!!! FAILED ${r.db}: ${r.error}`);
  const date = new Date().toISOString().slice(0, 10);
  const out = join(OUT_DIR, `load-${date}.json`);
  await writeFile(
    out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: host,
        loadAverage: { before: loadBefore, after: os.loadavg() },
        config,
        databases: records,
        skipped,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`results: ${relative(ROOT, out)}`);
  if (errors.length || records.some((r) => r.error)) process.exit(1);
  console.log('no errors; every ingested claim stored once');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
