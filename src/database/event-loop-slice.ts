import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type EntitySubscriberInterface, EventSubscriber, type TransactionRollbackEvent } from 'typeorm';

/** Longest stretch of database work on SQLite before the event loop gets a turn. */
export const SLICE_MS = 25;

/** Set inside work that holds the write lock (WriteLock.run): when its current slice began. */
const writer = new AsyncLocalStorage<{ sliceStarted: number }>();

/** Runs `work` as writer work: its queries give the event loop a turn now and then. */
export function runAsWriter<T>(work: () => Promise<T>): Promise<T> {
  return writer.run({ sliceStarted: performance.now() }, work);
}

/**
 * Inside writer work, gives the event loop a turn when the writer has run SLICE_MS since it began or
 * last gave one; otherwise (or outside writer work) returns at once (no promise, no cost).
 *
 * Why: better-sqlite3 answers synchronously, so an `await` on a query resolves as a microtask and
 * never lets Node read a socket. A 5,000-claim ingest — parse, store, evaluate, refresh the reports —
 * ran as one 10-second chain of microtasks, and every request that arrived meanwhile (a claim page, the
 * worklist) waited for all of it. With a turn every 25 ms the requests are answered between two
 * statements of the ingest, which takes a little longer under load. Called by TransactionWriter (the
 * ingest's and imports' statements), the rule evaluation loop and patient linking. Only writers yield: a request's
 * own reads run to the end, as before — a request that yielded at each of its queries (the dashboard
 * makes twenty) would wait behind every other request twenty times.
 */
export function passTurn(): Promise<void> | undefined {
  const slice = writer.getStore();
  // Each writer counts its own time: a short one (an audit insert, a status change) never yields,
  // which would put it behind every waiting request while others queue on the lock behind it.
  if (slice === undefined || performance.now() - slice.sliceStarted < SLICE_MS) return undefined;
  return nextTurn().then(() => {
    slice.sliceStarted = performance.now();
  });
}

/**
 * SQLite only: the shared runner's state after SQLite ended a transaction by itself. (Writers give
 * their turns in TransactionWriter, the rule evaluation loop and patient linking; a turn before every
 * TypeORM query, from beforeQuery here, would interleave readers with writers far more often and is
 * left out until it is measured.)
 */
@EventSubscriber()
export class SqliteRunnerSubscriber implements EntitySubscriberInterface {
  /**
   * SQLite rolls a transaction back by itself when its COMMIT fails for a full disk (SQLITE_FULL,
   * SQLITE_IOERR…), but TypeORM's one shared runner still counts it open: its ROLLBACK then fails
   * ("no transaction is active", swallowed by EntityManager.transaction), every later transaction
   * becomes a savepoint of a transaction that no longer exists, and a later ROLLBACK TO SAVEPOINT
   * leaves the connection inside a transaction that is never committed. An empty transaction is
   * opened here so that the ROLLBACK succeeds and the runner's count is right again.
   */
  beforeTransactionRollback(event: TransactionRollbackEvent): void {
    const runner = event.queryRunner as unknown as {
      isTransactionActive: boolean;
      transactionDepth?: number;
      driver?: { databaseConnection?: { inTransaction?: boolean; exec?(sql: string): unknown } };
    };
    const db = runner.driver?.databaseConnection;
    if (
      runner.isTransactionActive &&
      (runner.transactionDepth ?? 1) === 1 &&
      db?.inTransaction === false &&
      typeof db.exec === 'function'
    )
      db.exec('BEGIN');
  }
}
