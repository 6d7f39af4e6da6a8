/**
 * One measured ingest of an 837P and then its 835 into a database that bench-ingest.ts created and migrated,
 * in a process of its own so the peak RSS belongs to one method. The result goes to the parent over IPC, or
 * to stdout as JSON when run directly:
 *
 *   node dist-bench/bench/ingest/ingest-worker.js <claimguard|baseline> <sqlite-path|postgres-url> <837> <835>
 *
 * claimguard: the Nest application context (AppModule, with SQLITE_PATH or DATABASE_URL set) and its
 * IngestService.ingestPath. baseline: a plain DataSource and TypeORM save() (baseline.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const METHODS = ['claimguard', 'baseline'] as const;
export type Method = (typeof METHODS)[number];
export type DbKind = 'sqlite' | 'postgres';

export interface WorkerResult {
  method: Method;
  db: DbKind;
  /** Wall time of the 837P ingest and of the 835 ingest (start-up excluded). */
  claimsSeconds: number;
  paymentsSeconds: number;
  /** Nest application context (claimguard) or DataSource (baseline) start-up. */
  bootSeconds: number;
  /** process.resourceUsage().maxRSS, MiB. */
  maxRssMb: number;
  /** What the ingest entry point returned for each file (claimguard: its `file` and `duplicate`). */
  files: unknown[];
  error?: string;
}

/** The slice of IngestService the bench calls (the service is loaded by name at run time). */
interface IngestServiceLike {
  ingestPath(
    path: string,
    originalName: string,
  ): Promise<{ file: { status: string; failure?: string | null }; duplicate: boolean }>;
}

type IngestServiceClass = abstract new (...args: never[]) => IngestServiceLike;

function target(db: DbKind, where: string): string {
  return db === 'postgres' ? where.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : where;
}

async function runClaimguard(
  db: DbKind,
  where: string,
  file837: string,
  file835: string,
  result: WorkerResult,
): Promise<void> {
  // The app reads its configuration from the environment once, at start-up.
  if (db === 'postgres') {
    process.env.DATABASE_URL = where;
    delete process.env.SQLITE_PATH;
  } else {
    delete process.env.DATABASE_URL;
    process.env.SQLITE_PATH = where;
  }
  process.env.MIGRATIONS_RUN = 'false';
  // Storage throughput is what this bench measures (issue 3's target); rule evaluation of the same
  // claims is measured by bench:rules, the report upkeep by bench:reports. The service does both on
  // ingest by default.
  process.env.EVALUATE_ON_INGEST = 'false';
  process.env.REPORT_REFRESH = 'false';
  process.env.EVALUATE_ON_START = 'false';
  // Keep the app's folders (and any inbox scheduler) away from ./data.
  const scratch = join(dirname(resolve(file837)), `ingest-scratch-${process.pid}`);
  process.env.UPLOAD_DIR = join(scratch, 'uploads');
  process.env.INBOX_DIR = join(scratch, 'inbox');
  mkdirSync(process.env.UPLOAD_DIR, { recursive: true });
  mkdirSync(process.env.INBOX_DIR, { recursive: true });

  const booted = performance.now();
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../../src/app.module.js');
  // A variable specifier: the service is written in parallel with this bench.
  const specifier = '../../src/ingest/ingest.service.js';
  const { IngestService } = (await import(specifier)) as { IngestService: IngestServiceClass };
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const service = app.get<IngestServiceLike>(IngestService as never);
    result.bootSeconds = (performance.now() - booted) / 1000;
    let started = performance.now();
    const claims = await service.ingestPath(file837, basename(file837));
    result.claimsSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const payments = await service.ingestPath(file835, basename(file835));
    result.paymentsSeconds = (performance.now() - started) / 1000;
    result.files = [claims, payments];
    for (const r of [claims, payments]) {
      if (r.duplicate) throw new Error('a file was reported as a duplicate');
      if (r.file.status !== 'processed') throw new Error(`a file ended ${r.file.status}: ${r.file.failure}`);
    }
  } finally {
    await app.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function runBaseline(
  db: DbKind,
  where: string,
  file837: string,
  file835: string,
  result: WorkerResult,
): Promise<void> {
  const booted = performance.now();
  const { DataSource } = await import('typeorm');
  const { dataSourceOptions } = await import('../../src/database/data-source.js');
  const { baseline835, baseline837 } = await import('./baseline.js');
  const dataSource = new DataSource(
    dataSourceOptions(db === 'postgres' ? { kind: 'postgres', url: where } : { kind: 'sqlite', path: where }),
  );
  await dataSource.initialize();
  try {
    result.bootSeconds = (performance.now() - booted) / 1000;
    let started = performance.now();
    const claims = await baseline837(dataSource, file837);
    result.claimsSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const payments = await baseline835(dataSource, file835);
    result.paymentsSeconds = (performance.now() - started) / 1000;
    result.files = [claims, payments];
  } finally {
    await dataSource.destroy();
  }
}

export async function runIngest(
  method: Method,
  db: DbKind,
  where: string,
  file837: string,
  file835: string,
): Promise<WorkerResult> {
  const result: WorkerResult = {
    method,
    db,
    claimsSeconds: 0,
    paymentsSeconds: 0,
    bootSeconds: 0,
    maxRssMb: 0,
    files: [],
  };
  try {
    if (method === 'claimguard') await runClaimguard(db, where, file837, file835, result);
    else await runBaseline(db, where, file837, file835, result);
  } catch (err) {
    result.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    console.error(`ingest-worker ${method} ${db} ${target(db, where)}:`, err);
  }
  result.maxRssMb = process.resourceUsage().maxRSS / 1024;
  return result;
}

async function main(): Promise<void> {
  const [method, where, file837, file835] = process.argv.slice(2);
  if (!method || !(METHODS as readonly string[]).includes(method) || !where || !file837 || !file835) {
    throw new Error(`usage: ingest-worker.js <${METHODS.join('|')}> <sqlite-path|postgres-url> <837> <835>`);
  }
  const db: DbKind = /^postgres(ql)?:/.test(where) ? 'postgres' : 'sqlite';
  const result = await runIngest(method as Method, db, where, file837, file835);
  if (process.send) {
    process.send(result, () => process.exit(0));
  } else {
    console.log(JSON.stringify(result, null, 2));
    process.exit(result.error ? 1 : 0);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
