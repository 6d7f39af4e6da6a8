/**
 * PostgreSQL restarted under load (issue 10), for real: the app started in this process on a fresh
 * PostgreSQL database, a few concurrent loops of requests (worklist, claim list, a claim page (404:
 * an unknown id, still a database read), health), then `pg_ctlcluster <version> main restart` (root; the cluster in /etc/postgresql). Prints
 * the requests before, during and after the outage by status, 5xx other than 503 (must be 0), hangs
 * (no answer within 20 s, must be 0), and the time from the restart command to the first success after
 * it. Exit 1 when a check failed. Not for CI: the restart disturbs every other user of the cluster.
 *
 * npm run reliability:pg-restart [-- --loops N] [--before S] [--after S]
 * PostgreSQL: PG_RESTART_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { AppModule } from '../../src/app.module.js';
import { UsersService } from '../../src/auth/users.service.js';
import { configureApp } from '../../src/common/configure-app.js';

const { values } = parseArgs({
  options: {
    loops: { type: 'string', default: '4' },
    before: { type: 'string', default: '3' },
    after: { type: 'string', default: '5' },
  },
});
const loops = Number(values.loops);
const beforeMs = Number(values.before) * 1000;
const afterMs = Number(values.after) * 1000;
const pgUrl =
  process.env['PG_RESTART_URL'] ??
  process.env['TEST_DATABASE_URL'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const HANG_MS = 20_000;

type Phase = 'before' | 'during' | 'after';
interface Outcome {
  phase: Phase;
  path: string;
  status: number | 'hang' | 'network';
  retryAfter: boolean;
  at: number;
}

async function main(): Promise<void> {
  const version = readdirSync('/etc/postgresql').sort().at(-1);
  if (!version) throw new Error('no cluster in /etc/postgresql');
  const name = `claimguard_pgrestart_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'claimguard-pgrestart-'));
  Object.assign(process.env, {
    DATABASE_URL: url.toString(),
    UPLOAD_DIR: join(dir, 'uploads'),
    INBOX_DIR: join(dir, 'inbox'),
    REPORTS_DIR: join(dir, 'reports'),
    JOBS_ENABLED: 'false',
  });
  const app = configureApp(await NestFactory.create(AppModule, { logger: ['error'] }));
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  const system = { kind: 'system' as const, via: 'system' as const, name: 'pg-restart' };
  const users = app.get(UsersService);
  const user = await users.create(system, {
    username: 'bench-billing',
    role: 'billing',
    password: 'bench-billing-password-1',
  });
  const { token } = await users.createToken(system, user.id, 'bench', null);
  const routes = [
    '/api/v1/worklist',
    '/api/v1/claims',
    '/api/v1/claims/00000000-0000-4000-8000-000000000000',
    '/api/v1/health',
  ];

  let crashed = false;
  process.on('uncaughtException', (e) => {
    crashed = true;
    console.error('uncaught exception:', e.message);
  });
  const outcomes: Outcome[] = [];
  let phase: Phase = 'before';
  let stop = false;
  const t0 = Date.now();
  const runLoop = async (i: number): Promise<void> => {
    for (let n = 0; !stop; n++) {
      const path = routes[(i + n) % routes.length]!;
      const started: Phase = phase;
      let status: Outcome['status'];
      let retryAfter = false;
      try {
        const res = await fetch(base + path, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(HANG_MS),
        });
        await res.arrayBuffer();
        status = res.status;
        retryAfter = res.headers.has('retry-after');
      } catch (e) {
        status = (e as Error).name === 'TimeoutError' ? 'hang' : 'network';
      }
      outcomes.push({ phase: started, path, status, retryAfter, at: Date.now() - t0 });
      if (status !== 200 && status !== 404) await new Promise((r) => setTimeout(r, 50));
    }
  };
  const running = Array.from({ length: loops }, (_, i) => runLoop(i));
  await new Promise((r) => setTimeout(r, beforeMs));

  phase = 'during';
  const restartAt = Date.now() - t0;
  // Asynchronous: the event loop keeps serving requests while the cluster stops and starts.
  await promisify(execFile)('pg_ctlcluster', [version, 'main', 'restart']);
  const restartedAt = Date.now() - t0;
  phase = 'after';
  await new Promise((r) => setTimeout(r, afterMs));
  stop = true;
  await Promise.all(running);
  await app.close();

  const c = new Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
  rmSync(dir, { recursive: true, force: true });

  // The outage as clients saw it: from the first failed request after the restart command to the
  // last one; recovery is the first success after that.
  const ok = (o: Outcome): boolean => o.status === 200 || o.status === 404;
  const fails = outcomes.filter((o) => o.at >= restartAt && !ok(o));
  const firstFail = fails[0];
  const lastFail = fails.at(-1);
  const recovery = lastFail ? outcomes.find((o) => o.at > lastFail.at && ok(o)) : undefined;
  const during = firstFail ? outcomes.filter((o) => o.at >= firstFail.at && o.at <= lastFail!.at) : [];
  const after = outcomes.filter((o) => o.at > (lastFail ?? { at: restartedAt }).at);
  const tallyOf = (xs: Outcome[]): string => {
    const t: Record<string, number> = {};
    for (const o of xs) t[o.status] = (t[o.status] ?? 0) + 1;
    return JSON.stringify(t);
  };
  const bad = outcomes.filter(
    (o) => (typeof o.status === 'number' && o.status >= 500 && o.status !== 503) || o.status === 'hang',
  );
  const no503RetryAfter = outcomes.filter((o) => o.status === 503 && !o.retryAfter);
  console.log(`PostgreSQL ${version} restarted under ${loops} request loops (${routes.join(', ')})`);
  console.log(`restart command: ${restartedAt - restartAt} ms`);
  console.log(
    'requests before the restart command, by status:',
    tallyOf(outcomes.filter((o) => o.at < restartAt)),
  );
  console.log(
    `outage seen by clients (first to last failed request): ${firstFail ? `${lastFail!.at - firstFail.at} ms` : 'none'}`,
  );
  console.log('requests during the outage, by status:', tallyOf(during));
  console.log(
    `time to recovery: ${recovery && firstFail ? `${recovery.at - firstFail.at} ms from the first failed request to the next success` : 'no failure seen'}`,
  );
  console.log('requests after recovery, by status:', tallyOf(after));
  console.log(`5xx other than 503, and hangs (${HANG_MS / 1000} s): ${bad.length} (must be 0)`);
  console.log(`503 without Retry-After: ${no503RetryAfter.length} (must be 0)`);
  console.log(`process crashed (uncaught exception): ${crashed ? 'yes' : 'no'}`);
  const afterOk = after.length > 0 && after.every(ok);
  console.log(`every request after recovery succeeded: ${afterOk ? 'yes' : 'no'}`);
  if (bad.length || no503RetryAfter.length || !afterOk || crashed) process.exit(1);
}

await main();
