import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';

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

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.held.getStore()) return work();
    const result = this.tail.then(() => this.held.run(true, work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
