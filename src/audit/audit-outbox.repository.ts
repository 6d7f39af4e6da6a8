import { createRequire } from 'node:module';
import type { NewAuditRow } from './audit.repository.js';

/** The part of better-sqlite3 used here. */
interface OutboxDb {
  pragma(s: string): unknown;
  exec(sql: string): unknown;
  prepare(sql: string): {
    run(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  };
  close(): void;
}

export interface OutboxEntry {
  seq: number;
  row: NewAuditRow;
}

/**
 * SQLite only: audit events waiting to enter the audit log, in a small database file of their own
 * beside the main one (`<SQLITE_PATH>.audit-outbox`).
 *
 * Why: SQLite has one connection and one writer. While an ingest holds its file's transaction open
 * (seconds, for thousands of claims), an audit insert on that connection would join the ingest's
 * transaction (and vanish if it rolled back), so a view of a claim had to wait for the whole file
 * before its answer could be sent; under load that is many seconds. A view recorded here instead is
 * on disk (its own WAL file, no lock shared with the main database) before the answer leaves, as
 * before; AuditService moves it into `audit_event` as soon as the write lock is free, and again at
 * start-up for anything a crash left here.
 *
 * The only code that touches the outbox file. Synchronous (better-sqlite3): each call is one short
 * statement on a file nobody else holds for long.
 */
export class AuditOutboxRepository {
  private db: OutboxDb | null = null;

  constructor(readonly path: string) {}

  private open(): OutboxDb {
    if (this.db) return this.db;
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (
      path: string,
      options: { timeout: number },
    ) => OutboxDb;
    // Two processes (the server and a CLI job) may share the file: wait for each other briefly.
    const db = new Database(this.path, { timeout: 5_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, row TEXT NOT NULL)');
    this.db = db;
    return db;
  }

  add(row: NewAuditRow): void {
    this.open().prepare('INSERT INTO outbox (row) VALUES (?)').run(JSON.stringify(row));
  }

  /** The oldest waiting events, in the order they were recorded. */
  next(limit: number): OutboxEntry[] {
    const rows = this.open().prepare('SELECT seq, row FROM outbox ORDER BY seq LIMIT ?').all(limit) as {
      seq: number;
      row: string;
    }[];
    return rows.map((r) => ({ seq: Number(r.seq), row: JSON.parse(r.row) as NewAuditRow }));
  }

  /** Forgets events once they are in the audit log. */
  remove(seqs: readonly number[]): void {
    if (seqs.length === 0) return;
    const db = this.open();
    const del = db.prepare('DELETE FROM outbox WHERE seq = ?');
    db.exec('BEGIN');
    try {
      for (const seq of seqs) del.run(seq);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }
}
