/**
 * Kill-and-recover trials (issue 10): the claimguard CLI is run as a child process, killed with SIGKILL
 * after a seeded random delay, and run again; the database is checked after the kill and after the
 * recovery. Used by test/int/kill-recovery.int.spec.ts (a few kills, in CI) and by
 * bench/reliability/kill-campaign.ts (a long campaign by hand).
 *
 * The CLI is the real one (src/cli/main.ts), transpiled file by file (TypeScript's transpileModule,
 * ~2 s, no type check) into test-output/kill-build-<pid>, so that no `npm run build` is needed first.
 *
 * Operations:
 * - ingest: `claimguard ingest <the practice's 837s, then its 835s>`; each file is either fully in (its
 *   received_file row `processed`, every claim and claim payment of the file) or not at all;
 * - import: `claimguard import authorizations <a large CSV>`; all its records or none;
 * - reevaluate: `claimguard jobs run reevaluate` after an import with EVALUATE_ON_IMPORT=false; every
 *   claim has at most one evaluation, its findings all from that evaluation, the counts agree.
 * After the recovery run every file / record is in exactly once, and nothing was lost.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import ts from 'typescript';
import type { DatabaseConfig } from '../../src/config/app-config.js';
import { simulate } from '../../src/simulator/simulate.js';

/** The part of better-sqlite3 the checks use (it ships no types). */
interface SqliteConnection {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
  pragma(sql: string): unknown;
  close(): void;
}
const openSqlite = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => SqliteConnection;

export type DbKind = 'sqlite' | 'postgres';
export type Operation = 'ingest' | 'import' | 'reevaluate';
export const OPERATIONS: readonly Operation[] = ['ingest', 'import', 'reevaluate'];

/** The repository root: the nearest folder above this file with a package.json (source or dist-bench). */
export function repositoryRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('no package.json above the kill-recovery module');
    dir = up;
  }
}

/**
 * Transpiles src/**\/*.ts (not the specs, not the browser client) into `<root>/test-output/<name>/src`
 * and links `rules` next to it (the lexicon is read at `../../rules` from its module). Returns the path
 * of cli/main.js and a function that removes the build.
 */
export function buildCli(name = `kill-build-${process.pid}`): { cli: string; remove: () => void } {
  const root = repositoryRoot();
  const base = join(root, 'test-output', name);
  const out = join(base, 'src');
  rmSync(base, { recursive: true, force: true });
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.ESNext,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
    isolatedModules: true,
  };
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (relative(root, path) !== join('src', 'web', 'client')) walk(path);
      } else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) {
        const js = ts.transpileModule(readFileSync(path, 'utf8'), {
          compilerOptions: options,
          fileName: path,
        });
        const target = join(out, relative(join(root, 'src'), path)).replace(/\.ts$/, '.js');
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, js.outputText);
      }
    }
  };
  walk(join(root, 'src'));
  symlinkSync(join(root, 'rules'), join(base, 'rules'));
  return { cli: join(out, 'cli', 'main.js'), remove: () => rmSync(base, { recursive: true, force: true }) };
}

/** A small seeded generator (mulberry32): the delays of a campaign are reproducible for its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a trial's operations read: a simulated practice, with what each file holds. */
export interface KillFixture {
  dir: string;
  /** The 837s of the first month, then every 835 (the order `claimguard demo` ingests them). */
  x12Files: string[];
  /** Per X12 file (by SHA-256 of its bytes): its path, claims (CLM segments) and claim payments (CLP segments). */
  expected: Map<string, { path: string; claims: number; payments: number }>;
  /** A large authorizations CSV and its number of distinct (auth_number, procedure_code) keys. */
  authorizationsCsv: string;
  authorizations: number;
  /** The first month's documentation CSV (imported before a re-evaluation, so that it has work). */
  documentationCsv: string;
}

const segments = (text: string, id: string): number =>
  (text.match(new RegExp(`(?:^|~)\\s*${id}\\*`, 'g')) ?? []).length;

/**
 * Simulates a practice (one month of `claims` claims, paid over the next months) into `dir`, and an
 * authorizations CSV of about `authorizationRows` rows (the practice's own, copied with new numbers).
 * `max835`: at most that many 835s are ingested (the CI version keeps the ingest short).
 */
export function makeFixture(
  dir: string,
  claims: number,
  authorizationRows: number,
  seed = 10,
  max835 = Number.POSITIVE_INFINITY,
): KillFixture {
  rmSync(dir, { recursive: true, force: true });
  simulate({ out: dir, seed, months: 1, claimsPerMonth: claims });
  const months = readdirSync(join(dir, 'months')).sort();
  const first = join(dir, 'months', months[0]!);
  const x12 = (m: string, prefix: string): string[] =>
    readdirSync(join(dir, 'months', m))
      .filter((f) => f.startsWith(prefix) && f.endsWith('.x12'))
      .sort()
      .map((f) => join(dir, 'months', m, f));
  const x12Files = [...x12(months[0]!, '837'), ...months.flatMap((m) => x12(m, '835')).slice(0, max835)];
  const expected = new Map<string, { path: string; claims: number; payments: number }>();
  for (const f of x12Files) {
    const bytes = readFileSync(f);
    const text = bytes.toString('latin1');
    const sha = createHash('sha256').update(bytes).digest('hex');
    expected.set(sha, { path: f, claims: segments(text, 'CLM'), payments: segments(text, 'CLP') });
  }
  const [header, ...rows] = readFileSync(join(first, 'authorizations.csv'), 'utf8').trim().split(/\r?\n/);
  const out: string[] = [header!];
  const keys = new Set<string>();
  for (let copy = 0; out.length <= authorizationRows; copy++) {
    for (const row of rows) {
      const cells = row.split(',');
      cells[0] = `${cells[0]}K${copy}`;
      keys.add(`${cells[0]}|${cells[6]}`);
      out.push(cells.join(','));
    }
  }
  const authorizationsCsv = join(dir, 'authorizations-large.csv');
  writeFileSync(authorizationsCsv, `${out.join('\n')}\n`);
  return {
    dir,
    x12Files,
    expected,
    authorizationsCsv,
    authorizations: keys.size,
    documentationCsv: join(first, 'documentation.csv'),
  };
}

/** How one run of the CLI ended. */
export interface CliRun {
  /** True when our SIGKILL ended it (false: it had finished before the delay). */
  killed: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Environment for a CLI child on `db` (nothing inherited that points at another database). */
export function cliEnv(db: DatabaseConfig, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, JOBS_ENABLED: 'false', ...extra };
  delete env['DATABASE_URL'];
  delete env['SQLITE_PATH'];
  if (db.kind === 'sqlite') env['SQLITE_PATH'] = db.path;
  else env['DATABASE_URL'] = db.url;
  return env;
}

/**
 * When to kill: `delayMs` after the start; or `delayMs` after the `afterLines`-th line of output (a
 * file done); or `delayMs` after the database shows the work under way (`underWay`: the re-evaluation's
 * job run recorded `running`; on PostgreSQL, a transaction of the child that has written).
 */
export interface KillAt {
  delayMs: number;
  afterLines?: number;
  underWay?: boolean;
}

/** Runs the CLI with `args`; with `kill`, sends SIGKILL at that point. */
export function runCli(
  cli: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  kill: KillAt | null = null,
  underWay?: () => Promise<boolean>,
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    let timer: NodeJS.Timeout | null = null;
    const arm = (): void => {
      timer ??= setTimeout(() => (killed = child.kill('SIGKILL')), kill!.delayMs);
    };
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (kill?.afterLines !== undefined && stdout.split('\n').length > kill.afterLines) arm();
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let polling = false;
    if (kill && underWay) {
      polling = true;
      const poll = (): void => {
        if (!polling) return;
        underWay().then(
          (yes) => (yes ? arm() : setTimeout(poll, 20)),
          () => setTimeout(poll, 20),
        );
      };
      poll();
    } else if (kill && kill.afterLines === undefined) arm();
    child.on('error', fail);
    child.on('close', (code, signal) => {
      polling = false;
      if (timer) clearTimeout(timer);
      done({
        killed: killed && signal === 'SIGKILL',
        code,
        stdout,
        stderr,
        ms: Math.round(performance.now() - started),
      });
    });
  });
}

/** A direct connection to the trial's database, for the checks. */
export class Probe {
  private constructor(
    private readonly sqlite: SqliteConnection | null,
    private readonly client: pg.Client | null,
  ) {}

  static async open(db: DatabaseConfig): Promise<Probe> {
    if (db.kind === 'sqlite') return new Probe(new openSqlite(db.path), null);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    return new Probe(null, client);
  }

  get kind(): DbKind {
    return this.sqlite ? 'sqlite' : 'postgres';
  }

  /** Runs `sql` with `?` placeholders. */
  async rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.sqlite) return this.sqlite.prepare(sql).all(...params) as T[];
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    return (await this.client!.query(text, params)).rows as T[];
  }

  /** Runs a statement that returns nothing. */
  async exec(sql: string, params: unknown[] = []): Promise<void> {
    if (this.sqlite)
      (this.sqlite.prepare(sql) as unknown as { run(...p: unknown[]): unknown }).run(...params);
    else await this.rows(sql, params);
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.rows<{ n: number | string }>(sql, params);
    return Number(row?.n ?? 0);
  }

  /** SQLite's integrity_check and foreign_key_check, as problems (none on PostgreSQL, which enforces both). */
  async engineProblems(): Promise<string[]> {
    if (!this.sqlite) return [];
    const problems: string[] = [];
    const integrity = this.sqlite.pragma('integrity_check') as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok')
      problems.push(`integrity_check: ${JSON.stringify(integrity.slice(0, 5))}`);
    const fk = this.sqlite.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0)
      problems.push(`foreign_key_check: ${fk.length} rows, e.g. ${JSON.stringify(fk.slice(0, 3))}`);
    return problems;
  }

  async close(): Promise<void> {
    this.sqlite?.close();
    await this.client?.end();
  }
}

/** What the database holds of the fixture, and every broken invariant. */
export interface DbState {
  /** Files whose received_file row is `processed`. */
  filesIn: number;
  /** Claims of files that are in whose evaluation is missing. */
  unevaluated: number;
  claims: number;
  payments: number;
  authorizations: number;
  /** Broken invariants (each one a sentence); empty when consistent. */
  problems: string[];
  /** Rows found twice (claims, payments, files, records). */
  duplicates: number;
}

/**
 * Checks the invariants: engine integrity; no file left `processing`; every file that is in holds all
 * its claims and claim payments and nothing else is there (no partial file); nothing twice; at most one
 * evaluation per claim and its findings all from it (one found_at), counts agreeing; authorizations
 * all or none (`authorizationsBefore`: what was there before the import).
 */
export async function checkState(
  probe: Probe,
  fixture: KillFixture,
  authorizationsBefore: number,
): Promise<DbState> {
  const problems = await probe.engineProblems();
  let duplicates = 0;
  const files = await probe.rows<{
    id: string;
    sha256: string;
    name: string;
    status: string;
    claim_count: number | string;
    payment_count: number | string;
  }>('SELECT id, sha256, name, status, claim_count, payment_count FROM received_file');
  const stuck = files.filter((f) => f.status !== 'processed');
  if (stuck.length > 0)
    problems.push(`received_file not processed: ${stuck.map((f) => `${f.name} ${f.status}`).join(', ')}`);
  const seenNames = new Map<string, number>();
  for (const f of files) seenNames.set(f.sha256, (seenNames.get(f.sha256) ?? 0) + 1);
  for (const [name, n] of seenNames)
    if (n > 1) {
      problems.push(`file ${name} recorded ${n} times`);
      duplicates += n - 1;
    }
  let claimsExpected = 0;
  let paymentsExpected = 0;
  for (const f of files) {
    const e = fixture.expected.get(f.sha256);
    if (!e) {
      problems.push(`unexpected file ${f.name}`);
      continue;
    }
    claimsExpected += e.claims;
    paymentsExpected += e.payments;
    const claims = await probe.count('SELECT COUNT(*) AS n FROM claim WHERE file_id = ?', [f.id]);
    const payments = await probe.count(
      'SELECT COUNT(*) AS n FROM claim_payment p JOIN remittance r ON r.id = p.remittance_id WHERE r.file_id = ?',
      [f.id],
    );
    if (claims !== e.claims || Number(f.claim_count) !== e.claims)
      problems.push(
        `file ${f.name}: ${claims} claims stored, record says ${f.claim_count}, the file has ${e.claims}`,
      );
    if (payments !== e.payments || Number(f.payment_count) !== e.payments)
      problems.push(
        `file ${f.name}: ${payments} payments stored, record says ${f.payment_count}, the file has ${e.payments}`,
      );
  }
  const claims = await probe.count('SELECT COUNT(*) AS n FROM claim');
  const payments = await probe.count('SELECT COUNT(*) AS n FROM claim_payment');
  if (claims !== claimsExpected)
    problems.push(`${claims} claims in the database, the files that are in hold ${claimsExpected}`);
  if (payments !== paymentsExpected)
    problems.push(
      `${payments} claim payments in the database, the files that are in hold ${paymentsExpected}`,
    );
  const dupClaims = await probe.count(
    `SELECT COALESCE(SUM(n - 1), 0) AS n FROM (SELECT COUNT(*) AS n FROM claim
       GROUP BY file_id, transaction_control_number, segment_index HAVING COUNT(*) > 1) d`,
  );
  const dupPayments = await probe.count(
    `SELECT COALESCE(SUM(n - 1), 0) AS n FROM (SELECT COUNT(*) AS n FROM claim_payment p JOIN remittance r ON r.id = p.remittance_id
       GROUP BY r.file_id, p.remittance_id, p.segment_index HAVING COUNT(*) > 1) d`,
  );
  if (dupClaims > 0) problems.push(`${dupClaims} claims stored twice`);
  if (dupPayments > 0) problems.push(`${dupPayments} claim payments stored twice`);
  duplicates += dupClaims + dupPayments;

  // Evaluations: claim_evaluation's key is the claim, so "at most one" is the schema's; the rest is checked.
  const orphanFindings = await probe.count(
    'SELECT COUNT(*) AS n FROM finding f WHERE NOT EXISTS (SELECT 1 FROM claim_evaluation e WHERE e.claim_id = f.claim_id)',
  );
  if (orphanFindings > 0) problems.push(`${orphanFindings} findings of claims without an evaluation`);
  const mixed = await probe.count(
    'SELECT COUNT(*) AS n FROM (SELECT claim_id FROM finding GROUP BY claim_id HAVING COUNT(DISTINCT found_at) > 1) m',
  );
  if (mixed > 0) problems.push(`${mixed} claims with findings from more than one evaluation`);
  const badCounts = await probe.count(
    `SELECT COUNT(*) AS n FROM claim_evaluation e JOIN claim c ON c.id = e.claim_id
      WHERE e.finding_count <> (SELECT COUNT(*) FROM finding f WHERE f.claim_id = e.claim_id AND f.severity <> 'info')
         OR c.finding_count <> e.finding_count`,
  );
  if (badCounts > 0)
    problems.push(`${badCounts} evaluations whose finding counts disagree with their findings`);
  const evalOrphans = await probe.count(
    'SELECT COUNT(*) AS n FROM claim_evaluation e WHERE NOT EXISTS (SELECT 1 FROM claim c WHERE c.id = e.claim_id)',
  );
  if (evalOrphans > 0) problems.push(`${evalOrphans} evaluations of claims that do not exist`);
  const unevaluated = await probe.count(
    'SELECT COUNT(*) AS n FROM claim c WHERE NOT EXISTS (SELECT 1 FROM claim_evaluation e WHERE e.claim_id = c.id)',
  );

  const authorizations = await probe.count('SELECT COUNT(*) AS n FROM prior_authorization');
  const added = authorizations - authorizationsBefore;
  if (added !== 0 && authorizations !== fixture.authorizations)
    problems.push(
      `${authorizations} authorizations: neither the ${authorizationsBefore} before nor all ${fixture.authorizations}`,
    );
  const dupAuth = await probe.count(
    `SELECT COALESCE(SUM(n - 1), 0) AS n FROM (SELECT COUNT(*) AS n FROM prior_authorization
       GROUP BY auth_number, procedure_code HAVING COUNT(*) > 1) d`,
  );
  if (dupAuth > 0) problems.push(`${dupAuth} authorizations stored twice`);
  duplicates += dupAuth;
  return {
    filesIn: files.filter((f) => f.status === 'processed').length,
    unevaluated,
    claims,
    payments,
    authorizations,
    problems,
    duplicates,
  };
}

/** A fresh database for one trial, copied from a template (a file copy, or CREATE DATABASE … TEMPLATE). */
export interface TrialDatabases {
  /** How long a CLI run that only starts the app took (`jobs list`, while preparing), in ms. */
  startupMs: number;
  /** A new database holding what `template` holds. */
  fresh(template: 'empty' | 'evaluable'): Promise<DatabaseConfig>;
  dropAll(): Promise<void>;
}

/**
 * Prepares the templates on `kind` with the CLI: `empty` (the schema, migrated) and `evaluable` (the
 * fixture's 837s ingested and evaluated, then its documentation imported with EVALUATE_ON_IMPORT=false,
 * so that a re-evaluation has every claim to do). `pgAdminUrl`: a PostgreSQL server to create them on.
 */
export async function prepareDatabases(
  kind: DbKind,
  cli: string,
  fixture: KillFixture,
  workDir: string,
  pgAdminUrl?: string,
): Promise<TrialDatabases> {
  mkdirSync(workDir, { recursive: true });
  const tag = `kill_${process.pid}_${Date.now()}`;
  const made: DatabaseConfig[] = [];
  let n = 0;
  const admin = async <T>(work: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: pgAdminUrl });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };
  const configFor = (name: string): DatabaseConfig => {
    if (kind === 'sqlite') return { kind: 'sqlite', path: join(workDir, `${name}.sqlite`) };
    const url = new URL(pgAdminUrl!);
    url.pathname = `/${name}`;
    return { kind: 'postgres', url: url.toString() };
  };
  const create = async (name: string, template?: string): Promise<DatabaseConfig> => {
    const db = configFor(name);
    if (kind === 'sqlite') {
      const from = (configFor(template ?? name) as { path: string }).path;
      const to = (db as { path: string }).path;
      // The template was closed by its process (WAL checkpointed); a -wal left over is copied too.
      if (template) for (const s of ['', '-wal']) if (existsSync(from + s)) copyFileSync(from + s, to + s);
    } else {
      await admin((c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
    }
    made.push(db);
    return db;
  };
  const must = async (
    args: string[],
    db: DatabaseConfig,
    env: Record<string, string> = {},
  ): Promise<number> => {
    const run = await runCli(cli, args, cliEnv(db, env));
    if (run.code !== 0)
      throw new Error(`claimguard ${args.join(' ')}: exit ${run.code}\n${run.stdout}\n${run.stderr}`);
    return run.ms;
  };
  if (kind === 'postgres' && !pgAdminUrl) throw new Error('a PostgreSQL URL is needed');
  const empty = `${tag}_empty`;
  const evaluable = `${tag}_evaluable`;
  const emptyDb = await create(empty);
  const startupMs = await must(['jobs', 'list'], emptyDb); // runs the migrations too
  const evaluableDb = await create(evaluable, empty);
  await must(['ingest', ...fixture.x12Files.filter((f) => /[/\\]837/.test(f))], evaluableDb);
  await must(['import', 'documentation', fixture.documentationCsv], evaluableDb, {
    EVALUATE_ON_IMPORT: 'false',
  });
  return {
    startupMs,
    fresh: (template) => create(`${tag}_${n++}`, template === 'empty' ? empty : evaluable),
    dropAll: async () => {
      for (const db of made) {
        if (db.kind === 'sqlite')
          for (const s of ['', '-wal', '-shm', '-journal']) rmSync(db.path + s, { force: true });
        else
          await admin((c) =>
            c.query(`DROP DATABASE IF EXISTS ${new URL(db.url).pathname.slice(1)} WITH (FORCE)`),
          );
      }
      made.length = 0;
    },
  };
}

/** The command of an operation, and its environment. */
export function operationCommand(
  op: Operation,
  fixture: KillFixture,
): { args: string[]; env: Record<string, string> } {
  if (op === 'ingest') return { args: ['ingest', ...fixture.x12Files], env: {} };
  if (op === 'import') return { args: ['import', 'authorizations', fixture.authorizationsCsv], env: {} };
  return { args: ['jobs', 'run', 'reevaluate'], env: { EVALUATE_ON_IMPORT: 'false' } };
}

/** One kill and its recovery. */
export interface TrialOutcome {
  op: Operation;
  db: DbKind;
  at: KillAt;
  /** False when the command ended before the kill (counted, but not as a kill). */
  killed: boolean;
  /** Where the kill landed, read from the database afterwards. */
  phase: string;
  /** Broken invariants right after the kill, and after the recovery run. */
  afterKill: string[];
  afterRecovery: string[];
  /** Expected rows missing after the recovery (files, claims, payments, authorizations, evaluations). */
  lost: number;
  duplicates: number;
  /** Notes on how the recovery went (e.g. a job lease that had to run out). */
  notes: string[];
  /** How long the killed run ran, in ms. */
  ranMs: number;
}

/** Runs `op` on a fresh database, kills it after `delayMs`, checks, runs it again, checks. */
export async function killTrial(
  op: Operation,
  cli: string,
  fixture: KillFixture,
  dbs: TrialDatabases,
  at: KillAt,
): Promise<TrialOutcome> {
  const db = await dbs.fresh(op === 'reevaluate' ? 'evaluable' : 'empty');
  const { args, env } = operationCommand(op, fixture);
  const notes: string[] = [];
  const probe0 = await Probe.open(db);
  const authBefore = await probe0.count('SELECT COUNT(*) AS n FROM prior_authorization');
  const evaluatedBefore = await probe0.count('SELECT COUNT(*) AS n FROM claim_evaluation');
  const marker =
    (await probe0.rows<{ m: string | null }>('SELECT MAX(evaluated_at) AS m FROM claim_evaluation'))[0]?.m ??
    '';
  await probe0.close();

  const watcher = at.underWay ? await Probe.open(db) : null;
  const underWay =
    watcher === null
      ? undefined
      : op === 'reevaluate'
        ? async () =>
            (await watcher.count(
              "SELECT COUNT(*) AS n FROM job_run WHERE job = 'reevaluate' AND status = 'running'",
            )) > 0
        : watcher.kind === 'postgres'
          ? async () =>
              (await watcher.count(
                'SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL',
              )) > 0
          : undefined;
  const first = await runCli(cli, args, cliEnv(db, env), at, underWay).finally(() => watcher?.close());
  if (!first.killed && first.code !== 0)
    notes.push(
      `the run ended before the kill with exit ${first.code}: ${first.stdout.slice(-300)} ${first.stderr.slice(-300)}`,
    );

  const probe = await Probe.open(db);
  let phase: string;
  let afterKill: string[];
  let recovered: DbState;
  try {
    const state = await checkState(probe, fixture, authBefore);
    afterKill = state.problems;
    if (!first.killed) phase = 'finished before the kill';
    else if (op === 'ingest') {
      const inFlight = fixture.x12Files[state.filesIn];
      phase =
        state.filesIn === 0 && state.claims === 0
          ? 'before the first file was committed'
          : `${state.filesIn}/${fixture.x12Files.length} files in` +
            (inFlight ? `, killed during ${inFlight.split('/').pop()}` : ', all in') +
            (state.unevaluated > 0 ? `, ${state.unevaluated} claims not yet evaluated` : '');
    } else if (op === 'import') {
      phase =
        state.authorizations === authBefore
          ? 'before the import committed'
          : 'after the import committed (linking/evaluation)';
    } else {
      const redone = await probe.count('SELECT COUNT(*) AS n FROM claim_evaluation WHERE evaluated_at > ?', [
        marker,
      ]);
      const runs = await probe.count("SELECT COUNT(*) AS n FROM job_run WHERE job = 'reevaluate'");
      phase =
        runs === 0
          ? 'before the job run was recorded'
          : `${redone}/${evaluatedBefore} claims re-evaluated when killed`;
    }

    // Recovery: the same command again.
    if (op === 'reevaluate') {
      // The killed run's lease (job_lock) holds the job for JOB_LEASE_MS (10 minutes): until then a
      // re-run is skipped ("running on another instance"). That much time is simulated by moving the
      // lease's end into the past.
      const live = await probe.rows<{ holder: string; expires_at: string }>(
        "SELECT holder, expires_at FROM job_lock WHERE job = 'reevaluate' AND expires_at > ?",
        [new Date().toISOString()],
      );
      if (live[0]) {
        notes.push(
          `lease of the killed run (${live[0].holder}) held until ${live[0].expires_at}: expired by hand`,
        );
        await probe.exec(
          "UPDATE job_lock SET expires_at = '2000-01-01T00:00:00.000Z' WHERE job = 'reevaluate'",
        );
      }
    }
    // Recovery: the same command again.
    const second = await runCli(cli, args, cliEnv(db, env));
    if (second.code !== 0)
      notes.push(
        `recovery run: exit ${second.code}: ${second.stdout.slice(-400)} ${second.stderr.slice(-400)}`,
      );
    recovered = await checkState(probe, fixture, authBefore);
    if (recovered.unevaluated > 0) {
      // Claims committed but not evaluated (killed between the two): the start-up pass of a later
      // process, or the re-evaluation job, evaluates them; the job is run to show that they are.
      notes.push(`${recovered.unevaluated} claims unevaluated after the re-run; re-evaluation job run`);
      const job = await runCli(cli, ['jobs', 'run', 'reevaluate'], cliEnv(db));
      if (job.code !== 0) notes.push(`reevaluate: exit ${job.code}: ${job.stderr.slice(-300)}`);
      recovered = await checkState(probe, fixture, authBefore);
    }
    if (op === 'reevaluate') {
      const ok = await probe.count(
        "SELECT COUNT(*) AS n FROM job_run WHERE job = 'reevaluate' AND status = 'succeeded'",
      );
      if (ok === 0) recovered.problems.push('no succeeded re-evaluation run after the recovery');
      const stale = await probe.count('SELECT COUNT(*) AS n FROM claim_evaluation WHERE evaluated_at <= ?', [
        marker,
      ]);
      if (stale > 0) recovered.problems.push(`${stale} claims not re-evaluated after the recovery`);
      const running = await probe.count("SELECT COUNT(*) AS n FROM job_run WHERE status = 'running'");
      if (running > 0) recovered.problems.push(`${running} job runs still marked running after the recovery`);
    }
  } finally {
    await probe.close();
  }
  const claimsTotal = [...fixture.expected.values()].reduce((s, e) => s + e.claims, 0);
  const paymentsTotal = [...fixture.expected.values()].reduce((s, e) => s + e.payments, 0);
  let lost = recovered.unevaluated;
  if (op === 'ingest') {
    lost += Math.max(0, fixture.x12Files.length - recovered.filesIn);
    lost += Math.max(0, claimsTotal - recovered.claims) + Math.max(0, paymentsTotal - recovered.payments);
  }
  if (op === 'import') lost += Math.max(0, fixture.authorizations - recovered.authorizations);
  return {
    op,
    db: db.kind,
    at,
    killed: first.killed,
    phase,
    afterKill,
    afterRecovery: recovered.problems,
    lost,
    duplicates: recovered.duplicates,
    notes,
    ranMs: first.ms,
  };
}
