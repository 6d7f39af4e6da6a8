import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { AppModule } from '../../src/app.module.js';
import type { Role } from '../../src/auth/roles.js';
import { UsersService } from '../../src/auth/users.service.js';
import { configureApp } from '../../src/common/configure-app.js';
import type { TestDatabase } from './test-databases.js';

/** The environment variables an e2e app is started with (saved before, restored after). */
const APP_ENV_KEYS = [
  'DATABASE_URL',
  'SQLITE_PATH',
  'UPLOAD_DIR',
  'UPLOAD_LIMIT_MB',
  'EVALUATE_ON_START',
  'EVALUATE_ON_INGEST',
  'EVALUATE_ON_IMPORT',
  'JOBS_ENABLED',
  'INBOX_DIR',
  'REPORTS_DIR',
  'INSTANCE_NAME',
  'INBOX_SETTLE_SECONDS',
  'JOB_TIMEZONE',
] as const;

/** A started app and how to put the environment back. */
export interface E2eApp {
  app: INestApplication;
  /** Requests as the test admin (an API token: admins may use every route). */
  http(): TestAgent;
  /** Requests with an API token of a user of `role` (created on first use). */
  as(role: Role): Promise<TestAgent>;
  /** An API token of a new user of `role`, and the user's id. */
  tokenFor(role: Role, username?: string): Promise<{ token: string; userId: string }>;
  /** Closes the app and restores the environment variables it changed. */
  close(): Promise<void>;
}

/** Creates users with API tokens in a started app: `tokenFor(role)` makes (once) a user of that role. */
export function tokenMaker(app: INestApplication) {
  const made = new Map<string, { token: string; userId: string }>();
  return async (role: Role, username = `test-${role}`): Promise<{ token: string; userId: string }> => {
    const known = made.get(username);
    if (known) return known;
    const users = app.get(UsersService);
    const system = { kind: 'system' as const, via: 'system' as const, name: 'e2e-setup' };
    const user = await users.create(system, { username, role, password: `${username}-password-1` });
    const { token } = await users.createToken(system, user.id, 'e2e', null);
    made.set(username, { token, userId: user.id });
    return made.get(username)!;
  };
}

/** A supertest agent sending `token` as a Bearer token with every request. */
export function agentWith(app: INestApplication, token: string): TestAgent {
  return request.agent(app.getHttpServer()).auth(token, { type: 'bearer' });
}

/** For apps a test starts itself: requests as a new admin user (admins may use every route). */
export async function adminHttp(app: INestApplication): Promise<() => TestAgent> {
  const { token } = await tokenMaker(app)('admin');
  return () => agentWith(app, token);
}

/**
 * Starts the whole app in-process (through the real ValidationPipe and error filter) on the test
 * database `db`, with uploads in `uploadDir` and any extra environment. The scheduler is off
 * (JOBS_ENABLED=false: tests call the jobs directly, never the clock), and the inbox and reports
 * folders sit beside `uploadDir` (`<uploadDir>-inbox`, `<uploadDir>-reports`) unless `env` names others.
 */
export async function startE2eApp(
  db: TestDatabase,
  uploadDir: string,
  env: Record<string, string> = {},
  /** The test admin's username (a second app on the same database needs its own). */
  adminUsername = 'test-admin',
  /** The app's logger (default none: e2e runs are quiet); the PHI-in-logs test passes a capturing one. */
  logger: LoggerService | false = false,
): Promise<E2eApp> {
  const saved = Object.fromEntries(APP_ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of APP_ENV_KEYS) delete process.env[k];
  if (db.config.kind === 'postgres') process.env['DATABASE_URL'] = db.config.url;
  else process.env['SQLITE_PATH'] = db.config.path;
  process.env['UPLOAD_DIR'] = uploadDir;
  process.env['JOBS_ENABLED'] = 'false';
  process.env['INBOX_DIR'] = `${uploadDir}-inbox`;
  process.env['REPORTS_DIR'] = `${uploadDir}-reports`;
  Object.assign(process.env, env);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = configureApp(moduleRef.createNestApplication({ logger }));
  await app.init();
  const tokenFor = tokenMaker(app);
  const admin = await tokenFor('admin', adminUsername);
  const agent = (token: string): TestAgent => agentWith(app, token);
  return {
    app,
    http: () => agent(admin.token),
    as: async (role) => agent((await tokenFor(role)).token),
    tokenFor,
    close: async () => {
      await app.close();
      for (const k of APP_ENV_KEYS) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    },
  };
}
