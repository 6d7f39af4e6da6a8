import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { BeforeQueryEvent, EntitySubscriberInterface } from 'typeorm';

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
 * statements of the ingest, which takes a little longer under load. Only writers yield: a request's
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
 * SQLite only: TypeORM awaits a subscriber's beforeQuery promise before each query, which is where
 * the turn is given for every query made through TypeORM (TransactionWriter, which goes to
 * better-sqlite3 directly, calls passTurn itself).
 */
export class SqliteTurnSubscriber implements EntitySubscriberInterface {
  beforeQuery(_event: BeforeQueryEvent): Promise<void> | void {
    return passTurn();
  }
}
