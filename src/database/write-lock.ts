import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { runAsWriter } from './event-loop-slice.js';

/**
 * One writer at a time in this process. SQLite has a single connection (a second BEGIN while a
 * transaction is open fails), and claims, imports and findings refer to each other (a claim's
 * findings depend on the imports before it), so ingest, imports and evaluation run in a defined
 * order. Re-entrant: work started while the lock is held (an ingest evaluating its claims) runs inline.
 */
@Injectable()
export class WriteLock {
  private readonly held = new AsyncLocalStorage<true>();
  private tail: Promise<unknown> = Promise.resolve();
  /** Work holding the lock or waiting for it. */
  private pending = 0;

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.held.getStore()) return work();
    this.pending++;
    const result = this.tail.then(() => this.held.run(true, () => runAsWriter(work)));
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.tail = settled;
    void settled.then(() => this.pending--);
    return result;
  }

  /** Whether work holds the lock or waits for it: what starts now would wait. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /** Whether the caller runs inside work that holds the lock. */
  get heldHere(): boolean {
    return this.held.getStore() === true;
  }
}
