import type { DataSource, QueryRunner } from 'typeorm';
import {
  buildInsertSql,
  buildUpdateSql,
  PARAMETER_LIMIT,
  ROW_CAP,
  rowsPerStatement,
  type SqlDialect,
  toParameters,
  type UpdateSpec,
} from './bulk-insert.js';
import { passTurn } from '../database/event-loop-slice.js';
import type { TableSpec } from './ingest-tables.js';

/** The parts of a better-sqlite3 Database and Statement the writer uses. */
interface SqliteStatement {
  readonly reader: boolean;
  /** An array binds its items as the anonymous parameters (no spread of thousands of arguments). */
  run(params: readonly unknown[]): unknown;
  all(params: readonly unknown[]): unknown[];
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  /** False once SQLite itself has ended the transaction (it rolls back on SQLITE_FULL at COMMIT). */
  readonly inTransaction: boolean;
}

/** The part of a node-postgres client the writer uses. */
interface PgClient {
  query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: unknown[] }>;
}

/** Writes queued on the PostgreSQL connection before the writer waits for the oldest. */
const MAX_WRITES_IN_FLIGHT = 16;

/**
 * One database transaction for one file, on one connection of the app's DataSource. Repositories
 * write through it; nothing is visible to others until `commit()`, and `rollback()` leaves nothing.
 *
 * It talks to the driver under the QueryRunner directly (better-sqlite3 statements, the pg client):
 * TypeORM's per-query bookkeeping costs more than a bulk insert of a few hundred rows. On PostgreSQL
 * writes are queued here without waiting (each starts when the previous one is done), so the
 * database inserts one batch while Node parses the next: two cores at work instead of one. A read
 * (`select`) runs after every write queued before it, so it sees them. The first failed write fails
 * everything after it, and is what `select`/`execute`/`drain`/`commit` throw.
 */
export class TransactionWriter {
  private readonly statements = new Map<string, SqliteStatement>();
  private inFlight: Promise<void>[] = [];
  /** Writes queued on PostgreSQL and not yet done. */
  private pendingWrites = 0;
  /** The last statement queued on the PostgreSQL connection. */
  private tail: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private finished = false;

  private constructor(
    private readonly queryRunner: QueryRunner,
    readonly dialect: SqlDialect,
    private readonly sqlite: SqliteDatabase | null,
    private readonly pg: PgClient | null,
  ) {}

  /** Opens a connection and starts a transaction on it. */
  static async begin(dataSource: DataSource): Promise<TransactionWriter> {
    const queryRunner = dataSource.createQueryRunner();
    try {
      const connection: unknown = await queryRunner.connect();
      await queryRunner.startTransaction();
      const type = dataSource.options.type;
      if (type === 'postgres') {
        return new TransactionWriter(queryRunner, 'postgres', null, connection as PgClient);
      }
      if (type === 'better-sqlite3') {
        return new TransactionWriter(queryRunner, 'sqlite', connection as SqliteDatabase, null);
      }
      throw new Error(`ingest does not support the ${type} driver`);
    } catch (err) {
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction().catch(() => undefined);
      await queryRunner.release();
      throw err;
    }
  }

  /** Runs a query and returns its rows (after every write queued before it). */
  async select<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    if (this.sqlite) {
      await passTurn();
      return this.statement(sql).all(params) as T[];
    }
    await this.tail;
    if (this.failure !== null) throw this.failure;
    const query = this.pg!.query({ text: sql, values: params as unknown[] });
    this.tail = query.then(
      () => undefined,
      () => undefined,
    );
    return (await query).rows as T[];
  }

  /**
   * Runs a write. On SQLite it has run when the promise settles; on PostgreSQL it is queued (in order)
   * and the promise settles at once unless too many writes are in flight.
   */
  async execute(sql: string, params: readonly unknown[] = [], name?: string): Promise<void> {
    if (this.failure !== null) throw this.failure;
    if (this.sqlite) {
      await passTurn();
      this.statement(sql).run(params);
      return;
    }
    const config = { text: sql, values: params as unknown[], ...(name ? { name } : {}) };
    // Each write starts when the one before it is done (pg runs one query at a time per connection);
    // after a failure the rest are skipped: the transaction is lost anyway.
    this.pendingWrites++;
    const write = this.tail
      .then(() => (this.failure !== null ? undefined : this.pg!.query(config)))
      .then(
        () => undefined,
        (err: unknown) => {
          this.failure ??= err;
        },
      )
      .then(() => {
        this.pendingWrites--;
      });
    this.tail = write;
    this.inFlight.push(write);
    if (this.inFlight.length >= MAX_WRITES_IN_FLIGHT) await this.inFlight.shift();
  }

  /** Inserts rows with as few multi-row INSERT statements as the parameter limit allows. */
  async insert(table: TableSpec, rows: readonly (readonly unknown[])[]): Promise<void> {
    const per = rowsPerStatement(this.dialect, table);
    for (let from = 0; from < rows.length; from += per) {
      const to = Math.min(rows.length, from + per);
      const sql = buildInsertSql(this.dialect, table, to - from);
      // Full batches share one prepared statement per connection on PostgreSQL.
      const name = to - from === per ? `claimguard_insert_${table.name}_${per}` : undefined;
      await this.execute(sql, toParameters(this.dialect, table, rows, from, to), name);
    }
  }

  /**
   * Updates rows found by key: `rows` are `[key, ...values in spec.columns order]`, keys distinct.
   * One prepared statement per row on SQLite, one statement per few hundred rows on PostgreSQL.
   */
  async update(spec: UpdateSpec, rows: readonly (readonly unknown[])[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.dialect === 'sqlite') {
      const stmt = this.statement(buildUpdateSql('sqlite', spec, 1));
      for (const [key, ...values] of rows) stmt.run([...values, key]);
      return;
    }
    const width = spec.columns.length + 1;
    const per = Math.min(ROW_CAP.postgres, Math.floor(PARAMETER_LIMIT.postgres / width));
    for (let from = 0; from < rows.length; from += per) {
      const to = Math.min(rows.length, from + per);
      const params: unknown[] = [];
      for (let r = from; r < to; r++) for (const v of rows[r]!) params.push(v);
      await this.execute(buildUpdateSql('postgres', spec, to - from), params);
    }
  }

  /** Waits for every queued write; throws the first failure. */
  async drain(): Promise<void> {
    this.inFlight = [];
    await this.tail;
    if (this.failure !== null) throw this.failure;
  }

  /** Lets the connection's events run (PostgreSQL only): queued writes go out while Node parses. */
  yieldToDatabase(): Promise<void> | null {
    if (this.pg === null || this.pendingWrites === 0) return null;
    return new Promise<void>((resolve) => setImmediate(resolve));
  }

  async commit(): Promise<void> {
    try {
      await this.drain();
      await this.queryRunner.commitTransaction();
    } finally {
      await this.finish();
    }
  }

  /** Undoes everything written; never throws for a connection that already failed. */
  async rollback(): Promise<void> {
    try {
      await this.tail;
      this.inFlight = [];
      // A COMMIT that failed for a full disk was rolled back by SQLite itself, but TypeORM still counts
      // the transaction as open (and reuses its one runner for every later transaction): an empty
      // transaction is opened so that its ROLLBACK succeeds and clears that count.
      if (this.sqlite && this.queryRunner.isTransactionActive && !this.sqlite.inTransaction)
        this.sqlite.exec('BEGIN');
      if (this.queryRunner.isTransactionActive) await this.queryRunner.rollbackTransaction();
    } finally {
      await this.finish();
    }
  }

  private async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.queryRunner.release();
  }

  private statement(sql: string): SqliteStatement {
    let stmt = this.statements.get(sql);
    if (stmt === undefined) {
      stmt = this.sqlite!.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}
