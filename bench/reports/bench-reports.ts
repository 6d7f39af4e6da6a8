/**
 * Report endpoints benchmark: GET /api/v1/reports/* and the billing worklist (GET /api/v1/worklist) with a
 * million claims in the database, on SQLite and PostgreSQL, against the targets (p95 ≤ 200 ms per report
 * endpoint; ≤ 300 ms for the worklist's first page and the dashboard).
 *
 * npm run bench:reports [-- --quick | --claims N] [--base N] [--db sqlite,postgres] [--requests N]
 *                          [--warmup N] [--seed S] [--years N] [--no-claim-copies] [--keep]
 *
 * For each database, in a child process (reports-worker.ts build):
 * 1. a real base: a simulated practice (12 months, `--base` claims, the project's simulator) imported and
 *    ingested through the product like `claimguard demo` (rule evaluation and report refresh included;
 *    its claims/s is printed), then the risk model fitted on it (POST /reports/risk-model's code);
 * 2. the report rows scaled to `--claims` by SQL copies of the base's claim_report and leakage_item rows
 *    (replicate.ts: new ids, dates moved back by whole years over `--years` years, another set of provider
 *    NPIs per group of copies) and, unless --no-claim-copies, of its claim rows; then every rollup rebuilt
 *    by ReportProjectionService.rebuildRollups(). The copies exist in the report tables (what the report
 *    endpoints read) and, as bare rows, in `claim`: no lines, payments or findings were copied.
 * An admin user with an API token is written into the database (the app answers signed-in callers only);
 * every request sends the token. Then the real HTTP app in another child process (reports-worker.ts serve: NestFactory.create(AppModule)
 * + configureApp, EVALUATE_ON_START=false, 127.0.0.1, ephemeral port) and, from this process, `--warmup`
 * then `--requests` requests per endpoint over keep-alive fetch, one at a time, endpoints interleaved.
 * Server time = client-side time to the full response body on localhost (the app sets no X-Response-Time
 * header; when it does, its figures are reported too).
 *
 * PostgreSQL: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to create and
 * drop claimguard_bench_reports_<pid>; when it cannot be reached the PostgreSQL rows are SKIPPED (loudly).
 * SQLite: a file in a temporary folder. --keep leaves both databases in place (for EXPLAIN) and says where.
 * Writes bench/out/reports-<date>.json. Exits 1 when a request fails (non-2xx) or a database could not be
 * built; a missed target prints MISSED and does not fail the run.
 */
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
} from './bench-database.js';
import type { Dialect } from './replicate.js';
import type { BuildJob, BuildResult, History, JobTiming } from './reports-worker.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** dist-bench/bench/reports → repository root. */
const ROOT = resolve(HERE, '../../..');
const OUT_DIR = join(ROOT, 'bench', 'out');
const DBS: readonly Dialect[] = ['sqlite', 'postgres'];
const PG_DATABASE = `claimguard_bench_reports_${process.pid}`;
/** The targets, p95 of the server time. */
const TARGET_REPORT_MS = 200;
const TARGET_WORKLIST_MS = 300;
/** Months of the simulated base. */
const BASE_MONTHS = 12;
const REQUEST_TIMEOUT_MS = 120_000;

interface Config {
  mode: 'default' | 'quick';
  claims: number;
  base: number;
  seed: string;
  years: number;
  requests: number;
  warmup: number;
  dbs: Dialect[];
  copyClaims: boolean;
  keep: boolean;
}

function usage(): never {
  console.error(
    'usage: bench-reports.js [--quick | --claims N] [--base N] [--db sqlite,postgres] [--requests N] ' +
      '[--warmup N] [--seed S] [--years N] [--no-claim-copies] [--keep]',
  );
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Config {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (['--quick', '--no-claim-copies', '--keep'].includes(arg)) flags.add(arg.slice(2));
    else if (['--claims', '--base', '--db', '--requests', '--warmup', '--seed', '--years'].includes(arg)) {
      const value = argv[++i];
      if (value === undefined) usage();
      values.set(arg.slice(2), value);
    } else usage();
  }
  const quick = flags.has('quick');
  const whole = (name: string, fallback: number, min = 1): number => {
    const v = values.get(name);
    if (v === undefined) return fallback;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) usage();
    return n;
  };
  const dbs = (values.get('db') ?? DBS.join(',')).split(',').map((s) => s.trim());
  for (const d of dbs) if (!(DBS as readonly string[]).includes(d)) usage();
  const config: Config = {
    mode: quick ? 'quick' : 'default',
    claims: whole('claims', quick ? 100_000 : 1_000_000),
    base: whole('base', quick ? 5_000 : 20_000, BASE_MONTHS),
    seed: values.get('seed') ?? 'bench-reports',
    years: whole('years', 5),
    requests: whole('requests', quick ? 10 : 30),
    warmup: whole('warmup', 3, 0),
    dbs: DBS.filter((d) => dbs.includes(d)),
    copyClaims: !flags.has('no-claim-copies'),
    keep: flags.has('keep'),
  };
  return config;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], left = 2): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i < left || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const rel = (p: string): string => relative(ROOT, p);

/** YYYY-MM, `n` months after `month` (n may be negative). */
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) out.push(m);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Endpoints

interface Case {
  name: string;
  target: number;
  /** The path of the i-th request (parameters vary with i where the case says so), from the server root. */
  path(i: number): string;
}

function cases(h: History): Case[] {
  const worklist = (params: Record<string, string> = {}) => {
    const q = new URLSearchParams(params).toString();
    return `/api/v1/worklist${q ? `?${q}` : ''}`;
  };
  const months = monthsBetween(h.firstMonth, h.lastMonth);
  const payers = h.payers.length ? h.payers : ['none'];
  const payer = (i: number) => payers[i % payers.length]!;
  // 3-month windows spread over the history.
  const range = (i: number) => {
    const from = months[(i * 7) % Math.max(1, months.length - 2)]!;
    return { from, to: addMonths(from, 2) };
  };
  // A day inside the history (mid-month), different for each request.
  const day = (i: number) => `${months[(i * 5 + 3) % months.length]}-15`;
  const r = (path: string, params: Record<string, string> = {}) => {
    const q = new URLSearchParams(params).toString();
    return `/api/v1/reports/${path}${q ? `?${q}` : ''}`;
  };
  const fixed = (name: string, target = TARGET_REPORT_MS): Case => ({ name, target, path: () => r(name) });
  const grouped = (path: string, groupBy: string): Case => ({
    name: `${path}?groupBy=${groupBy}`,
    target: TARGET_REPORT_MS,
    path: () => r(path, { groupBy }),
  });
  return [
    fixed('summary'),
    { name: 'summary?payerId=…', target: TARGET_REPORT_MS, path: (i) => r('summary', { payerId: payer(i) }) },
    { name: 'summary?from=…&to=… (3 months)', target: TARGET_REPORT_MS, path: (i) => r('summary', range(i)) },
    fixed('dashboard', TARGET_WORKLIST_MS),
    ...['month', 'payer', 'provider', 'claimType', 'category', 'carc'].map((g) => grouped('denials', g)),
    fixed('clean-claims'),
    ...['payer', 'category'].map((g) => grouped('money-at-risk', g)),
    ...['kind', 'payer', 'month', 'category'].map((g) => grouped('leakage', g)),
    {
      name: 'leakage/items?sort=amount',
      target: TARGET_REPORT_MS,
      path: () => r('leakage/items', { sort: 'amount' }),
    },
    {
      name: 'leakage/items?sort=deadline',
      target: TARGET_REPORT_MS,
      path: () => r('leakage/items', { sort: 'deadline' }),
    },
    { name: 'deadlines?today=…', target: TARGET_REPORT_MS, path: (i) => r('deadlines', { today: day(i) }) },
    {
      name: 'claims?outcome=denied-or-partial (worklist)',
      target: TARGET_WORKLIST_MS,
      path: () => r('claims', { outcome: 'denied-or-partial' }),
    },
    {
      name: 'claims?outcome=…&payerId&from&to (worklist)',
      target: TARGET_WORKLIST_MS,
      path: (i) => r('claims', { outcome: 'denied-or-partial', payerId: payer(i), ...range(i + 3) }),
    },
    fixed('backtest'),
    fixed('calibration'),
    // The billing worklist's first page: flagged and denied claims by money at risk, by deadline, for a payer.
    { name: 'worklist (first page, sort=risk)', target: TARGET_WORKLIST_MS, path: () => worklist() },
    {
      name: 'worklist?sort=deadline',
      target: TARGET_WORKLIST_MS,
      path: () => worklist({ sort: 'deadline' }),
    },
    {
      name: 'worklist?payerId=…',
      target: TARGET_WORKLIST_MS,
      path: (i) => worklist({ payerId: payer(i) }),
    },
    {
      name: 'worklist?alert=deadline (after the deadlines job)',
      target: TARGET_WORKLIST_MS,
      path: () => worklist({ alert: 'deadline', sort: 'deadline' }),
    },
    {
      name: 'worklist?payerId=…&sort=deadline',
      target: TARGET_WORKLIST_MS,
      path: (i) => worklist({ payerId: payer(i), sort: 'deadline' }),
    },
  ];
}

interface Sample {
  path: string;
  ms: number;
  status: number;
  bytes: number;
  /** X-Response-Time in ms, when the app sends it. */
  serverMs: number | null;
  error?: string;
}

async function request(base: string, path: string, token: string): Promise<Sample> {
  const started = performance.now();
  try {
    const res = await fetch(base + path, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = await res.arrayBuffer();
    const ms = performance.now() - started;
    const header = res.headers.get('x-response-time');
    const serverMs = header === null ? null : Number.parseFloat(header);
    const sample: Sample = {
      path,
      ms,
      status: res.status,
      bytes: body.byteLength,
      serverMs: serverMs !== null && Number.isFinite(serverMs) ? serverMs : null,
    };
    if (res.status < 200 || res.status > 299) {
      sample.error = Buffer.from(body).toString('utf8').slice(0, 300);
    }
    return sample;
  } catch (err) {
    return {
      path,
      ms: performance.now() - started,
      status: 0,
      bytes: 0,
      serverMs: null,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    };
  }
}

interface EndpointResult {
  db: Dialect;
  endpoint: string;
  target: number;
  requests: number;
  p50: number;
  p95: number;
  max: number;
  meanKiB: number;
  headerP95: number | null;
  failures: number;
  verdict: 'met' | 'MISSED' | 'FAILED';
  errors: string[];
  samples: Sample[];
}

async function measureEndpoints(
  db: Dialect,
  port: number,
  token: string,
  list: readonly Case[],
  config: Config,
) {
  const base = `http://127.0.0.1:${port}`;
  const warm = new Map<string, Sample[]>(list.map((c) => [c.name, []]));
  for (let i = 0; i < config.warmup; i++) {
    for (const c of list) warm.get(c.name)!.push(await request(base, c.path(1000 + i), token));
  }
  const samples = new Map<string, Sample[]>(list.map((c) => [c.name, []]));
  // Interleaved rounds: a slow stretch of the machine lands on every endpoint, not on one.
  for (let i = 0; i < config.requests; i++) {
    for (const c of list) samples.get(c.name)!.push(await request(base, c.path(i), token));
  }
  return list.map((c): EndpointResult => {
    const all = samples.get(c.name)!;
    const failed = [...warm.get(c.name)!, ...all].filter((s) => s.error !== undefined);
    const times = all.map((s) => s.ms).sort((a, b) => a - b);
    const header = all.map((s) => s.serverMs).filter((v): v is number => v !== null);
    const p95 = percentile(times, 0.95);
    return {
      db,
      endpoint: c.name,
      target: c.target,
      requests: all.length,
      p50: percentile(times, 0.5),
      p95,
      max: times[times.length - 1] ?? 0,
      meanKiB: all.reduce((a, s) => a + s.bytes, 0) / Math.max(1, all.length) / 1024,
      headerP95:
        header.length === all.length
          ? percentile(
              [...header].sort((a, b) => a - b),
              0.95,
            )
          : null,
      failures: failed.length,
      verdict: failed.length > 0 ? 'FAILED' : p95 <= c.target ? 'met' : 'MISSED',
      errors: [...new Set(failed.map((s) => `${s.status} ${s.path}: ${s.error}`))].slice(0, 5),
      samples: all,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------

interface DbRecord {
  db: Dialect;
  where: string;
  build: BuildResult | null;
  serverBootSeconds: number | null;
  jobs: JobTiming[];
  endpoints: EndpointResult[];
  error: string | null;
}

function describeBuild(db: Dialect, b: BuildResult, config: Config): string[] {
  const r = b.replication;
  const c = b.counts;
  const copies = r.copies;
  return [
    `${db} (${b.databaseVersion}):`,
    `  base ingest: ${int(b.baseClaims)} claims (${b.inputFiles} input files, ${b.x12Files} X12 files) in ` +
      `${b.baseSeconds.toFixed(1)} s = ${int(b.baseClaims / b.baseSeconds)} claims/s ` +
      '(import, parse, store, rule evaluation, report refresh)',
    `    inputs ${b.phases.inputsSeconds.toFixed(1)} s, 837 files ${b.phases.claimFilesSeconds.toFixed(1)} s, ` +
      `835 files ${b.phases.remitFilesSeconds.toFixed(1)} s, evaluateStale ${b.phases.staleSeconds.toFixed(1)} s`,
    `  risk model fitted on the base and base rescored: ${b.fitSeconds.toFixed(1)} s` +
      (b.fitError ? ` — NOT FITTED: ${b.fitError}` : ''),
    `  report rows copied: ${copies} copies of the base's claim_report and leakage_item rows in ` +
      `${r.reportSeconds.toFixed(1)} s → claim_report ${int(r.claimReportRows)} rows, leakage_item ` +
      `${int(r.leakageItemRows)} rows`,
    r.claimSeconds === null
      ? `  claim rows: not copied (--no-claim-copies): claim holds the ${int(c['claim'] ?? 0)} base claims only`
      : `  claim rows copied (id, superseded/duplicate ids mapped; other columns as is): ` +
        `${r.claimSeconds.toFixed(1)} s → claim ${int(r.claimRows ?? 0)} rows`,
    `  rollups rebuilt (ReportProjectionService.rebuildRollups, ${b.rollupMonths} months): ` +
      `${b.rollupSeconds.toFixed(1)} s → report_rollup ${int(c['report_rollup'] ?? 0)} rows` +
      (b.analyzeSeconds !== null ? `; ANALYZE ${b.analyzeSeconds.toFixed(1)} s` : ''),
    `  history ${b.history.firstMonth} … ${b.history.lastMonth} (${config.years} years), ` +
      `${b.history.payers.length} payers, ${int(b.history.providers)} provider NPIs; ` +
      `database ${(b.databaseBytes / 1024 ** 3).toFixed(2)} GiB; build peak RSS ${b.maxRssMb.toFixed(0)} MB`,
    `  NOTE: ${int(b.baseClaims)} claims went through the product; the other ` +
      `${int(Math.max(0, r.claimReportRows - b.baseClaims))} exist in the report tables (claim_report, ` +
      `leakage_item, and the rollups built from them) — what the report endpoints read — ` +
      (r.claimSeconds === null
        ? 'and not in the claim tables.'
        : 'and as bare claim rows (no lines, payments, findings or evaluations).'),
  ];
}

async function main(): Promise<void> {
  const config = parseArgs(process.argv.slice(2));
  const host = machine();
  console.log(
    `machine: ${host.cpu}, ${host.cores} cores, ${host.totalMemoryGiB} GiB RAM, node ${host.node} ` +
      `(${host.platform})`,
  );
  const loadBefore = os.loadavg();
  if (loadBefore[0]! > 1) {
    console.log(
      `!!! the machine is busy (load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}): ` +
        'figures will be high and noisy !!!',
    );
  }
  console.log(
    `mode: ${config.mode}, ${int(config.claims)} claims (base ${int(config.base)} over ${BASE_MONTHS} months, ` +
      `history ${config.years} years), ${config.warmup} warm-up + ${config.requests} requests per endpoint; ` +
      `databases ${config.dbs.join(', ')}${config.copyClaims ? '' : '; claim rows not copied'}\n`,
  );

  mkdirSync(OUT_DIR, { recursive: true });
  const scratch = await mkdtemp(join(os.tmpdir(), 'claimguard-bench-reports-'));
  const records: DbRecord[] = [];
  const skipped: { db: Dialect; reason: string }[] = [];
  let simulation: SimulateResult;
  let simulateSeconds: number;
  try {
    // The base's months end with the current month, so `today` falls at the end of the history.
    const now = new Date().toISOString().slice(0, 7);
    const start = addMonths(now, -(BASE_MONTHS - 1));
    const claimsPerMonth = Math.ceil(config.base / BASE_MONTHS);
    const simDir = join(scratch, 'simulation');
    process.stdout.write(
      `simulating ${BASE_MONTHS} months × ${int(claimsPerMonth)} claims from ${start} (seed ${config.seed}) ... `,
    );
    const t0 = performance.now();
    simulation = simulate({ out: simDir, seed: config.seed, months: BASE_MONTHS, claimsPerMonth, start });
    simulateSeconds = (performance.now() - t0) / 1000;
    const rm0 = simulation.remittances;
    console.log(
      `${int(simulation.claims)} claims, ${simulation.files.length} files` +
        (rm0 ? `, ${rm0.files} remittances, denial rate ${(100 * rm0.denialRate).toFixed(1)}%` : '') +
        ` in ${simulateSeconds.toFixed(1)} s\n`,
    );
    const job: BuildJob = {
      simDir,
      simulation,
      target: config.claims,
      years: config.years,
      copyClaims: config.copyClaims,
      scratch,
    };
    const jobPath = join(scratch, 'job.json');
    await writeFile(jobPath, JSON.stringify(job));

    for (const db of config.dbs) {
      if (db === 'postgres') {
        const why = await postgresReachable();
        if (why !== null) {
          const reason = `cannot connect to ${redact(PG_ADMIN_URL)}: ${why}`;
          skipped.push({ db, reason });
          console.log(`\n!!! SKIPPED postgres: ${reason} !!!\n`);
          continue;
        }
      }
      const target = await freshDatabase(
        db,
        config.keep ? join(OUT_DIR, 'reports-db') : scratch,
        PG_DATABASE,
      );
      const record: DbRecord = {
        db,
        where: db === 'postgres' ? redact(target.where) : target.where,
        build: null,
        serverBootSeconds: null,
        endpoints: [],
        jobs: [],
        error: null,
      };
      records.push(record);
      try {
        console.log(`${db}: building ${int(config.claims)} claims at ${record.where}`);
        const t1 = performance.now();
        record.build = await runBuild(target, jobPath);
        console.log(describeBuild(db, record.build, config).join('\n'));
        console.log(`  (build total ${((performance.now() - t1) / 1000).toFixed(0)} s)`);
        const token = await benchToken(target);
        const server = await startServer(target, scratch);
        record.serverBootSeconds = server.bootSeconds;
        record.jobs = server.jobs;
        for (const j of server.jobs) {
          console.log(
            `  job ${j.job} (today ${j.today}): ${j.status} in ${j.seconds.toFixed(2)} s` +
              (j.counts
                ? ` — ${Object.entries(j.counts)
                    .map(([k, v]) => `${k} ${v}`)
                    .join(', ')}`
                : '') +
              (j.error ? ` — ${j.error}` : ''),
          );
        }
        try {
          const list = cases(record.build.history);
          console.log(
            `  HTTP app up on 127.0.0.1:${server.port} in ${server.bootSeconds.toFixed(1)} s; ` +
              `${list.length} endpoints × (${config.warmup} + ${config.requests}) requests ...`,
          );
          record.endpoints = await measureEndpoints(db, server.port, token, list, config);
        } finally {
          await server.close();
        }
        const missed = record.endpoints.filter((e) => e.verdict !== 'met').map((e) => e.endpoint);
        console.log(`  done${missed.length ? `; not met: ${missed.join(', ')}` : '; every target met'}\n`);
      } catch (err) {
        record.error = err instanceof Error ? err.message : String(err);
        console.log(`\n!!! ${db} FAILED: ${record.error} !!!\n`);
      } finally {
        if (config.keep) console.log(`  kept the ${db} database: ${record.where}`);
        else await target.drop();
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  // ----------------------------------------------------------------------------------------- results
  console.log(
    `\nmachine: ${host.cpu}, ${host.cores} cores, ${host.totalMemoryGiB} GiB RAM, node ${host.node} (${host.platform})`,
  );
  for (const r of records) if (r.build) console.log(describeBuild(r.db, r.build, config).join('\n'));
  const rows = records.flatMap((r) => r.endpoints);
  console.log(
    `\nGET /api/v1/reports/… and /api/v1/worklist, ${config.requests} requests each after ${config.warmup} warm-up, one at a time; ` +
      'ms = client-side time to the full response body over keep-alive HTTP on 127.0.0.1:',
  );
  console.log(
    table(
      ['database', 'endpoint', 'target', 'p50 ms', 'p95 ms', 'max ms', 'KiB', 'result'],
      rows.map((e) => [
        e.db,
        e.endpoint,
        `${e.target}`,
        e.p50.toFixed(1),
        e.p95.toFixed(1),
        e.max.toFixed(1),
        e.meanKiB.toFixed(1),
        e.verdict === 'FAILED' ? `FAILED (${e.failures} non-2xx)` : e.verdict,
      ]),
    ),
  );
  const withHeader = rows.filter((e) => e.headerP95 !== null);
  if (withHeader.length === 0)
    console.log('X-Response-Time: not set by the app; the times above are client-side.');
  else {
    for (const e of withHeader) {
      console.log(`  X-Response-Time p95 ${e.db} ${e.endpoint}: ${e.headerP95!.toFixed(1)} ms`);
    }
  }
  for (const s of skipped) console.log(`!!! SKIPPED ${s.db}: ${s.reason}`);
  const missed = rows.filter((e) => e.verdict === 'MISSED');
  const failedRows = rows.filter((e) => e.verdict === 'FAILED');
  for (const e of missed) {
    console.log(`MISSED ${e.db} ${e.endpoint}: p95 ${e.p95.toFixed(1)} ms > ${e.target} ms`);
  }
  for (const e of failedRows) for (const why of e.errors) console.log(`!!! FAILED ${e.db}: ${why}`);
  for (const r of records) if (r.error) console.log(`!!! FAILED ${r.db}: ${r.error}`);
  for (const r of records)
    for (const j of r.jobs)
      if (j.status !== 'succeeded') console.log(`!!! JOB ${r.db} ${j.job}: ${j.status} ${j.error ?? ''}`);
  if (rows.length > 0 && missed.length === 0 && failedRows.length === 0) console.log('every target met');

  const date = new Date().toISOString().slice(0, 10);
  const resultsPath = join(
    OUT_DIR,
    config.mode === 'quick' ? `reports-${date}-quick.json` : `reports-${date}.json`,
  );
  await writeFile(
    resultsPath,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: host,
        loadAverage: { before: loadBefore, after: os.loadavg() },
        config,
        targets: { reportP95Ms: TARGET_REPORT_MS, worklistAndDashboardP95Ms: TARGET_WORKLIST_MS },
        timing: 'client-side time to the full response body, keep-alive, 127.0.0.1, one request at a time',
        simulation: {
          seconds: simulateSeconds,
          claims: simulation.claims,
          files: simulation.files.length,
          remittances: simulation.remittances ?? null,
        },
        databases: records.map((r) => ({
          db: r.db,
          where: r.where,
          build: r.build,
          serverBootSeconds: r.serverBootSeconds,
          jobs: r.jobs,
          error: r.error,
          endpoints: r.endpoints.map(({ samples, ...e }) => ({
            ...e,
            samplesMs: samples.map((s) => Math.round(s.ms * 10) / 10),
          })),
        })),
        skipped,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nresults: ${rel(resultsPath)}`);
  if (failedRows.length > 0 || records.some((r) => r.error || r.jobs.some((j) => j.status !== 'succeeded'))) {
    console.error('\n!!! FAILED: a request failed or a database could not be built !!!');
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
