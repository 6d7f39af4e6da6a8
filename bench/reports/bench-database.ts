/**
 * What the benchmarks that need a built million-claim database share (bench:reports and
 * reliability:load): a fresh SQLite file or PostgreSQL database, the build and serve workers of
 * reports-worker.ts in child processes, an admin API token written straight into the database, and
 * the machine's description.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { newApiToken } from '../../src/auth/secrets.js';
import type { Dialect } from './replicate.js';
import type { BuildResult, JobTiming, WorkerMessage } from './reports-worker.js';

const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'reports-worker.js');
/** Where the PostgreSQL benchmark databases are created and dropped. */
export const PG_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The machine a figure was measured on. */
export function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

/** Nearest-rank percentile. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export interface Target {
  db: Dialect;
  where: string;
  drop(): Promise<void>;
}

export function pgUrl(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = '/' + database;
  return url.toString();
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function postgresReachable(): Promise<string | null> {
  try {
    await adminQuery('SELECT 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message || err.name : String(err);
  }
}

export async function freshDatabase(db: Dialect, scratch: string, pgDatabase: string): Promise<Target> {
  if (db === 'sqlite') {
    const dir = join(scratch, 'sqlite');
    await rm(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return {
      db,
      where: join(dir, 'claimguard.sqlite'),
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${pgDatabase}`);
  await adminQuery(`CREATE DATABASE ${pgDatabase}`);
  return { db, where: pgUrl(pgDatabase), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${pgDatabase}`) };
}

/**
 * An admin user with an API token, written straight into the built database (the app answers signed-in
 * callers only; admins may call every route). The password hash is no scrypt hash: nobody can sign in
 * as this user, only the token works. Returns the token.
 */
export async function benchToken(target: Target): Promise<string> {
  const { token, digest } = newApiToken();
  const at = new Date().toISOString();
  const userId = randomUUID();
  const user = [userId, 'bench-admin', 'Benchmark', 'admin', '!', at, at, at];
  const tokenRow = [randomUUID(), userId, 'bench', digest, token.slice(0, 8), at];
  const userSql = `INSERT INTO app_user (id, username, display_name, role, password_hash, created_at, updated_at,
    password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
  const tokenSql =
    'INSERT INTO api_token (id, user_id, name, digest, prefix, created_at) VALUES (?, ?, ?, ?, ?, ?)';
  if (target.db === 'sqlite') {
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => {
      prepare(sql: string): { run(...params: unknown[]): unknown };
      close(): void;
    };
    const sqlite = new Database(target.where);
    try {
      sqlite.prepare(userSql).run(...user);
      sqlite.prepare(tokenSql).run(...tokenRow);
    } finally {
      sqlite.close();
    }
  } else {
    const client = new pg.Client({ connectionString: target.where });
    await client.connect();
    let n = 0;
    const numbered = (sql: string) => sql.replace(/\?/g, () => `$${++n}`);
    try {
      await client.query(numbered(userSql), user);
      n = 0;
      await client.query(numbered(tokenSql), tokenRow);
    } finally {
      await client.end();
    }
  }
  return token;
}

export function forkWorker(args: string[]): ChildProcess {
  return fork(WORKER, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

export function runBuild(target: Target, jobPath: string): Promise<BuildResult> {
  return new Promise((done, fail) => {
    const child = forkWorker(['build', target.db, target.where, jobPath]);
    let result: BuildResult | undefined;
    let error: string | undefined;
    child.on('message', (raw) => {
      const m = raw as WorkerMessage;
      if (m.type === 'progress') console.log(`  ${target.db}: ${m.line}`);
      else if (m.type === 'built') result = m.result;
      else if (m.type === 'error') error = m.error;
    });
    child.on('error', (err) => fail(err));
    child.on('exit', (code, signal) => {
      if (result) done(result);
      else fail(new Error(error ?? `build worker exited with ${code ?? signal}`));
    });
  });
}

export interface Server {
  port: number;
  bootSeconds: number;
  jobs: JobTiming[];
  close(): Promise<void>;
}

export function startServer(target: Target, scratch: string): Promise<Server> {
  return new Promise((done, fail) => {
    const child = forkWorker(['serve', target.db, target.where, scratch]);
    const exited = new Promise<void>((ok) => child.on('exit', () => ok()));
    let settled = false;
    child.on('message', (raw) => {
      const m = raw as WorkerMessage;
      if (m.type === 'listening' && !settled) {
        settled = true;
        done({
          port: m.port,
          bootSeconds: m.bootSeconds,
          jobs: m.jobs,
          close: async () => {
            child.send('close');
            const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
            await exited;
            clearTimeout(timer);
          },
        });
      } else if (m.type === 'error' && !settled) {
        settled = true;
        fail(new Error(m.error));
      }
    });
    child.on('error', (err) => {
      if (!settled) {
        settled = true;
        fail(err);
      }
    });
    child.on('exit', (code, signal) => {
      if (!settled) {
        settled = true;
        fail(new Error(`server worker exited with ${code ?? signal}`));
      }
    });
  });
}
