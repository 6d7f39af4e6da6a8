import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { SqliteRunnerSubscriber } from './event-loop-slice.js';
import { MIGRATIONS } from './migrations/index.js';

/**
 * The one DataSource definition, shared by the Nest app (DatabaseModule) and the TypeORM CLI
 * (`npm run migration:*`). SQLite through better-sqlite3 by default; PostgreSQL when DATABASE_URL is set.
 * `synchronize` is off everywhere: the schema changes only through migrations.
 */
export function dataSourceOptions(db: DatabaseConfig, migrationsRun = false): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
  } as const;
  if (db.kind === 'postgres') {
    // A connection attempt gives up after 5 s (never a hang while PostgreSQL is unreachable); TypeORM
    // attaches the pool 'error' handler that evicts an idle client killed by a server restart.
    return {
      ...common,
      type: 'postgres',
      url: db.url,
      extra: { max: 10, connectionTimeoutMillis: 5000 },
    };
  }
  if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    subscribers: [SqliteRunnerSubscriber],
    // WAL lets readers work while a file is ingested; foreign keys are off by default in SQLite.
    prepareDatabase: (sqlite: { pragma(s: string): unknown }) => {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('foreign_keys = ON');
    },
  };
}
