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
  /**
   * True when another drainer (a process that died, or another process on the same file) had taken
   * the event: it may already be in the log, so it is written only if an equal row is not.
   */
  mayBeInLog: boolean;
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
    // taken_by: the drainer moving the event (null while it waits).
    db.exec(
      'CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, row TEXT NOT NULL, taken_by TEXT)',
    );
    this.db = db;
    return db;
  }

  add(row: NewAuditRow): void {
    this.open().prepare('INSERT INTO outbox (row) VALUES (?)').run(JSON.stringify(row));
  }

  /** Every event still in the outbox, oldest first (for inspection). */
  waiting(): NewAuditRow[] {
    const rows = this.open().prepare('SELECT row FROM outbox ORDER BY seq').all() as { row: string }[];
    return rows.map((r) => JSON.parse(r.row) as NewAuditRow);
  }

  /** The last event recorded so far (0 when none): a drain moves up to it and no further. */
  lastSeq(): number {
    const [r] = this.open().prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM outbox').all() as { n: number }[];
    return Number(r?.n ?? 0);
  }

  /**
   * Takes the oldest events up to `upTo` for `drainer`, in the order they were recorded, in one
   * transaction of the outbox (two processes never take the same waiting event). Events another
   * drainer had taken and not removed come back flagged `mayBeInLog`.
   */
  take(drainer: string, upTo: number, limit: number): OutboxEntry[] {
    const db = this.open();
    db.exec('BEGIN IMMEDIATE');
    try {
      const rows = db
        .prepare('SELECT seq, row, taken_by AS takenBy FROM outbox WHERE seq <= ? ORDER BY seq LIMIT ?')
        .all(upTo, limit) as { seq: number; row: string; takenBy: string | null }[];
      const mark = db.prepare('UPDATE outbox SET taken_by = ? WHERE seq = ?');
      for (const r of rows) mark.run(drainer, r.seq);
      db.exec('COMMIT');
      return rows.map((r) => ({
        seq: Number(r.seq),
        row: JSON.parse(r.row) as NewAuditRow,
        mayBeInLog: r.takenBy !== null && r.takenBy !== drainer,
      }));
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
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
