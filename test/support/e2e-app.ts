import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module.js';
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
] as const;

/** A started app and how to put the environment back. */
export interface E2eApp {
  app: INestApplication;
  /** Closes the app and restores the environment variables it changed. */
  close(): Promise<void>;
}

/**
 * Starts the whole app in-process (through the real ValidationPipe and error filter) on the test
 * database `db`, with uploads in `uploadDir` and any extra environment.
 */
export async function startE2eApp(
  db: TestDatabase,
  uploadDir: string,
  env: Record<string, string> = {},
): Promise<E2eApp> {
  const saved = Object.fromEntries(APP_ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of APP_ENV_KEYS) delete process.env[k];
  if (db.config.kind === 'postgres') process.env['DATABASE_URL'] = db.config.url;
  else process.env['SQLITE_PATH'] = db.config.path;
  process.env['UPLOAD_DIR'] = uploadDir;
  Object.assign(process.env, env);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: false }));
  await app.init();
  return {
    app,
    close: async () => {
      await app.close();
      for (const k of APP_ENV_KEYS) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    },
  };
}
