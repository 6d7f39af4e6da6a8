/**
 * Ingest benchmark: an 837P of N claims and the 835 that pays them (generateMatchingPair), ingested into
 * (a) a fresh SQLite file and (b) a fresh PostgreSQL database, by claimguard's IngestService.ingestPath and,
 * as the baseline in the same run, by plain TypeORM save() (baseline.ts). Every measured ingest runs in its
 * own forked process (ingest-worker.ts), so peak RSS is per method. Row counts are checked afterwards.
 *
 * npm run bench:ingest [-- --quick | --claims N] [--runs N] [--db sqlite,postgres]
 *                         [--methods claimguard,baseline] [--seed N]
 *
 * PostgreSQL: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to create and
 * drop claimguard_bench_<pid>; when it cannot be reached the PostgreSQL rows are SKIPPED (loudly).
 * Exits 1 when a row count differs from what was generated, or a run fails.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../src/config/app-config.js';
import { dataSourceOptions } from '../../src/database/data-source.js';
import {
  GENERATOR_VERSION,
  generateMatchingPair,
  PAIR_VERSION,
  type PairResult,
} from '../x12/generate-x12.js';
import { METHODS, type DbKind, type Method, type WorkerResult } from './ingest-worker.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** dist-bench/bench/ingest → repository root. */
const ROOT = resolve(HERE, '../../..');
const OUT_DIR = join(ROOT, 'bench', 'out');
const WORKER = join(HERE, 'ingest-worker.js');
const DBS: readonly DbKind[] = ['sqlite', 'postgres'];
const PG_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_DATABASE = `claimguard_bench_${process.pid}`;
/** The target, for each database. */
const TARGET_CLAIMS_PER_SEC = 10_000;

interface Config {
  mode: 'default' | 'quick';
  claims: number;
  seed: number;
  runs: number;
  dbs: DbKind[];
  methods: Method[];
}

interface RowCounts {
  files: number;
  claims: number;
  claimLines: number;
  claimPayments: number;
  /** claim_payment rows linked to a claim. */
  matchedPayments: number;
  servicePayments: number;
  /** service_payment rows linked to a claim line. */
  matchedServices: number;
  remittances: number;
}

interface RunRecord {
  db: DbKind;
  method: Method;
  run: number;
  worker: WorkerResult;
  counts: RowCounts | null;
  problems: string[];
}

interface SummaryRow {
  db: DbKind;
  method: Method;
  claims: number;
  payments: number;
  /** Median run (by total seconds). */
  claimsSeconds: number;
  paymentsSeconds: number;
  seconds: number;
  claimsPerSec: number;
  paymentsPerSec: number;
  bootSeconds: number;
  /** Highest maxRSS over the runs. */
  peakRssMb: number;
  runs: number;
  counts: RowCounts | null;
  problems: string[];
}

interface PairMeta {
  generatorVersion: number;
  pairVersion: number;
  claims: number;
  seed: number;
  result: PairResult;
}

function usage(): never {
  console.error(
    'usage: bench-ingest.js [--quick | --claims N] [--runs N] [--db sqlite,postgres] ' +
      `[--methods ${METHODS.join(',')}] [--seed N]`,
  );
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Config {
  const values = new Map<string, string>();
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (['--claims', '--runs', '--db', '--methods', '--seed'].includes(arg)) {
      const value = argv[++i];
      if (value === undefined) usage();
      values.set(arg.slice(2), value);
    } else usage();
  }
  const whole = (name: string, fallback: number): number => {
    const v = values.get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) usage();
    return n;
  };
  const list = <T extends string>(name: string, allowed: readonly T[]): T[] => {
    const v = values.get(name);
    if (v === undefined) return [...allowed];
    const items = v.split(',').map((s) => s.trim());
    for (const item of items) if (!(allowed as readonly string[]).includes(item)) usage();
    return allowed.filter((a) => items.includes(a));
  };
  return {
    mode: quick ? 'quick' : 'default',
    claims: whole('claims', quick ? 5_000 : 100_000),
    seed: whole('seed', 1),
    runs: whole('runs', 1),
    dbs: list('db', DBS),
    methods: list('methods', METHODS),
  };
}

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Reuses the pair when its metadata says it was made with the same claims, seed and generator version. */
async function ensurePair(claims: number, seed: number): Promise<PairResult> {
  const base = join(OUT_DIR, `ingest-${claims}-s${seed}`);
  const out837 = `${base}-837p.x12`;
  const out835 = `${base}-835.x12`;
  const metaPath = `${base}.meta.json`;
  if (existsSync(out837) && existsSync(out835) && existsSync(metaPath)) {
    try {
      const meta = JSON.parse(await readFile(metaPath, 'utf8')) as PairMeta;
      const [a, b] = await Promise.all([stat(out837), stat(out835)]);
      if (
        meta.generatorVersion === GENERATOR_VERSION &&
        meta.pairVersion === PAIR_VERSION &&
        meta.claims === claims &&
        meta.seed === seed &&
        meta.result.claims.bytes === a.size &&
        meta.result.remittance.bytes === b.size
      ) {
        console.log(`reusing ${relative(ROOT, out837)} and ${relative(ROOT, out835)}`);
        return {
          ...meta.result,
          claims: { ...meta.result.claims, file: out837 },
          remittance: { ...meta.result.remittance, file: out835 },
        };
      }
    } catch {
      // unreadable metadata: regenerate
    }
  }
  process.stdout.write(`generating ${relative(ROOT, out837)} and ${relative(ROOT, out835)} ... `);
  const result = await generateMatchingPair({ claims, seed, out837, out835 });
  console.log(
    `${result.claims.claims} claims (${(result.claims.bytes / 1024 ** 2).toFixed(1)} MiB), ` +
      `${result.remittance.payments} claim payments (${(result.remittance.bytes / 1024 ** 2).toFixed(1)} MiB) ` +
      `in ${(result.elapsedMs / 1000).toFixed(1)} s`,
  );
  const files = {
    claims: { ...result.claims, file: relative(ROOT, out837) },
    remittance: { ...result.remittance, file: relative(ROOT, out835) },
  };
  const meta: PairMeta = {
    generatorVersion: GENERATOR_VERSION,
    pairVersion: PAIR_VERSION,
    claims,
    seed,
    result: { ...result, ...files },
  };
  await writeFile(metaPath, JSON.stringify(meta, null, 2) + '\n');
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Databases

/** A fresh, migrated database for one measured run; `where` is the SQLite path or the PostgreSQL URL. */
interface Fresh {
  config: DatabaseConfig;
  where: string;
  drop(): Promise<void>;
}

function pgUrl(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = '/' + database;
  return url.toString();
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function postgresReachable(): Promise<string | null> {
  try {
    await adminQuery('SELECT 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message || err.name : String(err);
  }
}

async function removeSqlite(path: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(path + suffix, { force: true });
}

async function freshDatabase(db: DbKind, method: Method): Promise<Fresh> {
  let fresh: Fresh;
  if (db === 'sqlite') {
    const path = join(OUT_DIR, `ingest-${method}.sqlite`);
    await removeSqlite(path);
    fresh = { config: { kind: 'sqlite', path }, where: path, drop: () => removeSqlite(path) };
  } else {
    await adminQuery(`DROP DATABASE IF EXISTS ${PG_DATABASE}`);
    await adminQuery(`CREATE DATABASE ${PG_DATABASE}`);
    const url = pgUrl(PG_DATABASE);
    fresh = {
      config: { kind: 'postgres', url },
      where: url,
      drop: () => adminQuery(`DROP DATABASE IF EXISTS ${PG_DATABASE}`),
    };
  }
  const dataSource = new DataSource(dataSourceOptions(fresh.config, false));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
  return fresh;
}

async function countRows(config: DatabaseConfig): Promise<RowCounts> {
  const dataSource = new DataSource(dataSourceOptions(config, false));
  await dataSource.initialize();
  try {
    const rows = (await dataSource.query(
      `SELECT
         (SELECT COUNT(*) FROM received_file) AS files,
         (SELECT COUNT(*) FROM claim) AS claims,
         (SELECT COUNT(*) FROM claim_line) AS claim_lines,
         (SELECT COUNT(*) FROM claim_payment) AS claim_payments,
         (SELECT COUNT(*) FROM claim_payment WHERE claim_id IS NOT NULL) AS matched_payments,
         (SELECT COUNT(*) FROM service_payment) AS service_payments,
         (SELECT COUNT(*) FROM service_payment WHERE claim_line_id IS NOT NULL) AS matched_services,
         (SELECT COUNT(*) FROM remittance) AS remittances`,
    )) as Record<string, string | number>[];
    const r = rows[0]!;
    return {
      files: Number(r.files),
      claims: Number(r.claims),
      claimLines: Number(r.claim_lines),
      claimPayments: Number(r.claim_payments),
      matchedPayments: Number(r.matched_payments),
      servicePayments: Number(r.service_payments),
      matchedServices: Number(r.matched_services),
      remittances: Number(r.remittances),
    };
  } finally {
    await dataSource.destroy();
  }
}

/** What the database must hold after both files, from the generator's own counts. */
function expectedCounts(pair: PairResult): Omit<RowCounts, 'matchedServices'> {
  return {
    files: 2,
    claims: pair.claims.claims,
    claimLines: pair.claims.serviceLines,
    claimPayments: pair.remittance.payments,
    matchedPayments: pair.counts.matchedPayments,
    servicePayments: pair.remittance.serviceLines,
    remittances: pair.remittance.transactions,
  };
}

function checkCounts(pair: PairResult, counts: RowCounts): string[] {
  const problems: string[] = [];
  const expected = expectedCounts(pair);
  for (const [key, value] of Object.entries(expected) as [keyof typeof expected, number][]) {
    if (counts[key] !== value) problems.push(`MISMATCH ${key}: ${counts[key]} rows, expected ${value}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Runs

function runWorker(method: Method, db: DbKind, where: string, pair: PairResult): Promise<WorkerResult> {
  return new Promise((done) => {
    const child = fork(WORKER, [method, where, pair.claims.file, pair.remittance.file], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: WorkerResult | undefined;
    child.on('message', (message) => {
      result = message as WorkerResult;
    });
    const fail = (why: string): WorkerResult => ({
      method,
      db,
      claimsSeconds: 0,
      paymentsSeconds: 0,
      bootSeconds: 0,
      maxRssMb: 0,
      files: [],
      error: why,
    });
    child.on('error', (err) => done(fail(err.message)));
    child.on('exit', (code, signal) => done(result ?? fail(`worker exited with ${code ?? signal}`)));
  });
}

async function measure(db: DbKind, method: Method, run: number, pair: PairResult): Promise<RunRecord> {
  const fresh = await freshDatabase(db, method);
  try {
    const worker = await runWorker(method, db, fresh.where, pair);
    let counts: RowCounts | null = null;
    const problems: string[] = [];
    if (worker.error) problems.push(`ERROR: ${worker.error}`);
    else {
      counts = await countRows(fresh.config);
      problems.push(...checkCounts(pair, counts));
    }
    return { db, method, run, worker, counts, problems };
  } finally {
    await fresh.drop();
  }
}

function summarize(pair: PairResult, db: DbKind, method: Method, runs: readonly RunRecord[]): SummaryRow {
  const total = (r: RunRecord): number => r.worker.claimsSeconds + r.worker.paymentsSeconds;
  const sorted = [...runs].sort((a, b) => total(a) - total(b));
  const m = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const claims = pair.claims.claims;
  const payments = pair.remittance.payments;
  const ok = !m.worker.error;
  return {
    db,
    method,
    claims,
    payments,
    claimsSeconds: m.worker.claimsSeconds,
    paymentsSeconds: m.worker.paymentsSeconds,
    seconds: total(m),
    claimsPerSec: ok && m.worker.claimsSeconds > 0 ? claims / m.worker.claimsSeconds : 0,
    paymentsPerSec: ok && m.worker.paymentsSeconds > 0 ? payments / m.worker.paymentsSeconds : 0,
    bootSeconds: m.worker.bootSeconds,
    peakRssMb: Math.max(...runs.map((r) => r.worker.maxRssMb)),
    runs: runs.length,
    counts: m.counts,
    problems: [...new Set(runs.flatMap((r) => r.problems))],
  };
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
        'figures will be low and noisy !!!',
    );
  }
  console.log(
    `mode: ${config.mode}, ${int(config.claims)} claims, seed ${config.seed}, ${config.runs} run(s); ` +
      `databases ${config.dbs.join(', ')}; methods ${config.methods.join(', ')}\n`,
  );
  const pair = await ensurePair(config.claims, config.seed);
  const c = pair.counts;
  console.log(
    `  835: ${int(pair.remittance.payments)} claim payments in ${pair.remittance.transactions} remittances — ` +
      `${int(c.matchedPayments)} for claims of the 837P, ${int(c.unmatchedPayments)} unmatched; claims paid ` +
      `${int(c.paidClaims)}, partially ${int(c.partialClaims)}, denied ${int(c.deniedClaims)}, reversed and ` +
      `corrected ${int(c.reversedClaims)}, pending ${int(c.pendingClaims)}\n`,
  );

  const skipped: { db: DbKind; reason: string }[] = [];
  const records: RunRecord[] = [];
  const rows: SummaryRow[] = [];
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
    const byMethod = new Map<Method, RunRecord[]>(config.methods.map((m) => [m, []]));
    for (let run = 1; run <= config.runs; run++) {
      // Interleaved, so a slow stretch of the machine does not land on one method only.
      for (const method of config.methods) {
        const record = await measure(db, method, run, pair);
        byMethod.get(method)!.push(record);
        records.push(record);
        const w = record.worker;
        const status = w.error
          ? `ERROR ${w.error}`
          : `837P ${w.claimsSeconds.toFixed(2)} s (${int(pair.claims.claims / w.claimsSeconds)} claims/s), ` +
            `835 ${w.paymentsSeconds.toFixed(2)} s, peak RSS ${w.maxRssMb.toFixed(0)} MB` +
            (record.problems.length ? ` — ${record.problems.join('; ')}` : '');
        console.log(`  ${db} run ${run}/${config.runs} ${method}: ${status}`);
      }
    }
    for (const method of config.methods) rows.push(summarize(pair, db, method, byMethod.get(method)!));
  }

  console.log(
    '\n' + `machine: ${host.cpu}, ${host.cores} cores, ${host.totalMemoryGiB} GiB, node ${host.node}`,
  );
  console.log(
    table(
      ['database', 'method', 'claims', '837P s', '835 s', 'seconds', 'claims/s', 'payments/s', 'peak RSS MB'],
      rows.map((r) => [
        r.db,
        r.method,
        int(r.claims),
        r.claimsSeconds.toFixed(2),
        r.paymentsSeconds.toFixed(2),
        r.seconds.toFixed(2),
        int(r.claimsPerSec),
        int(r.paymentsPerSec),
        r.peakRssMb.toFixed(0),
      ]),
    ),
  );
  console.log(
    `claims/s = 837P claims / 837P seconds; payments/s = 835 claim payments (${int(pair.remittance.payments)}) ` +
      '/ 835 seconds; seconds = both files, start-up excluded.',
  );
  for (const s of skipped) console.log(`!!! SKIPPED ${s.db}: ${s.reason}`);

  const ratios: { db: DbKind; claimsPerSec: number; paymentsPerSec: number; seconds: number }[] = [];
  for (const db of config.dbs) {
    const mine = rows.find((r) => r.db === db && r.method === 'claimguard');
    const base = rows.find((r) => r.db === db && r.method === 'baseline');
    if (mine && base && mine.claimsPerSec > 0 && base.claimsPerSec > 0) {
      ratios.push({
        db,
        claimsPerSec: mine.claimsPerSec / base.claimsPerSec,
        paymentsPerSec: mine.paymentsPerSec / base.paymentsPerSec,
        seconds: base.seconds / mine.seconds,
      });
    }
  }
  if (ratios.length > 0) {
    console.log('\nclaimguard / baseline:');
    for (const r of ratios) {
      console.log(
        `  ${r.db.padEnd(8)}  claims/s ${r.claimsPerSec.toFixed(1)}x, payments/s ` +
          `${r.paymentsPerSec.toFixed(1)}x (total time ${r.seconds.toFixed(1)}x shorter)`,
      );
    }
  }
  const targets = rows
    .filter((r) => r.method === 'claimguard')
    .map((r) => ({ db: r.db, claimsPerSec: r.claimsPerSec, met: r.claimsPerSec >= TARGET_CLAIMS_PER_SEC }));
  for (const t of targets) {
    console.log(
      `target ${int(TARGET_CLAIMS_PER_SEC)} claims/s into ${t.db}: ${t.met ? 'met' : 'NOT MET'} ` +
        `(${int(t.claimsPerSec)} claims/s)`,
    );
  }

  const failed = rows.some((r) => r.problems.length > 0);
  if (failed) console.log('\nproblems:');
  for (const r of rows) for (const p of r.problems) console.log(`  !!! ${r.db} ${r.method}: ${p}`);
  for (const r of rows) {
    if (r.counts) {
      console.log(
        `rows ${r.db} ${r.method}: ${int(r.counts.claims)} claims, ${int(r.counts.claimLines)} lines, ` +
          `${int(r.counts.claimPayments)} claim payments (${int(r.counts.matchedPayments)} matched), ` +
          `${int(r.counts.servicePayments)} service payments (${int(r.counts.matchedServices)} linked to a line)`,
      );
    }
  }

  const resultsPath = join(
    OUT_DIR,
    config.mode === 'quick' ? 'results-ingest-quick.json' : 'results-ingest.json',
  );
  const rel = (p: string): string => relative(ROOT, p);
  await writeFile(
    resultsPath,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: host,
        loadAverage: { before: loadBefore, after: os.loadavg() },
        config,
        files: {
          claims: { ...pair.claims, file: rel(pair.claims.file) },
          remittance: { ...pair.remittance, file: rel(pair.remittance.file) },
          counts: pair.counts,
        },
        expected: expectedCounts(pair),
        summary: rows,
        ratios,
        targets,
        skipped,
        runs: records,
        failed,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nresults: ${rel(resultsPath)}`);
  if (failed) {
    console.error('\n!!! FAILED: a run failed or the database does not hold what was generated !!!');
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
