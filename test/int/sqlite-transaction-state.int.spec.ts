/**
 * SQLite ends a transaction by itself when its COMMIT fails for a full disk; TypeORM's one shared
 * runner must not go on believing it is open (every later transaction would become a savepoint of
 * nothing and, after any rollback, the connection would stay inside a transaction that is never
 * committed). The failure is reproduced by ending the transaction under TypeORM's feet, as SQLite
 * does, then failing the work. SQLite only: PostgreSQL's pool gives each transaction its own client.
 */
import { createRequire } from 'node:module';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as new (
  path: string,
  o: { readonly: boolean },
) => { prepare(sql: string): { all(): { target_id: string }[] }; close(): void };

describe('SQLite transaction state after SQLite ended a transaction itself', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let path: string;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    if (db.config.kind !== 'sqlite') throw new Error('expected a SQLite test database');
    path = db.config.path;
    ds = new DataSource(dataSourceOptions(db.config));
    await ds.initialize();
    await ds.runMigrations();
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  const insert = (target: string) =>
    `INSERT INTO audit_event (at, actor_name, via, action, target_id, outcome)
     VALUES ('2026-11-27T04:00:00.000Z', 'txn-test', 'system', 'test.write', '${target}', 'ok')`;

  /** What another connection sees: only committed rows. */
  const committed = (): string[] => {
    const other = new Database(path, { readonly: true });
    try {
      return other
        .prepare(`SELECT target_id FROM audit_event WHERE actor_name = 'txn-test' ORDER BY id`)
        .all()
        .map((r) => r.target_id);
    } finally {
      other.close();
    }
  };

  it('leaves the runner clean, so that later transactions commit and roll back for real', async () => {
    const sqlite = (ds.driver as unknown as { databaseConnection: { exec(sql: string): unknown } })
      .databaseConnection;
    await expect(
      ds.transaction(async (m) => {
        await m.query(insert('lost-with-the-failed-commit'));
        sqlite.exec('ROLLBACK'); // what SQLite does when a COMMIT fails for a full disk
        throw new Error('the commit failed');
      }),
    ).rejects.toThrow('the commit failed');
    expect(ds.createQueryRunner().isTransactionActive).toBe(false);

    // A transaction that fails, then one that succeeds: each must really end.
    await expect(
      ds.transaction(async (m) => {
        await m.query(insert('rolled-back'));
        throw new Error('conflict');
      }),
    ).rejects.toThrow('conflict');
    await ds.transaction((m) => m.query(insert('committed')));
    expect(committed()).toEqual(['committed']);
  });
});
