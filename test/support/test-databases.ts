import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '../../src/config/app-config.js';

/** A throwaway database for one test suite. */
export interface TestDatabase {
  label: 'sqlite' | 'postgres';
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/** PostgreSQL server for tests (`.ci/run` sets it); suites create and drop their own database on it. */
export const postgresUrl = process.env['TEST_DATABASE_URL'];

/** The database kinds a suite runs against: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const databaseKinds: ('sqlite' | 'postgres')[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

if (!postgresUrl) {
  console.warn('[database tests] PostgreSQL SKIPPED: TEST_DATABASE_URL is not set; running on SQLite only.');
}

let counter = 0;

/** Creates an empty database of the given kind (a temp SQLite file, or a new PostgreSQL database). */
export async function createTestDatabase(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'claimguard-db-'));
    return {
      label: 'sqlite',
      config: { kind: 'sqlite', path: join(dir, 'test.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `claimguard_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    label: 'postgres',
    config: { kind: 'postgres', url: url.toString() },
    drop: async () => {
      const c = new Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
