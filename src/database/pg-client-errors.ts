import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface ErrorEmitter {
  on(event: 'error', listener: (err: Error) => void): unknown;
  listenerCount(event: 'error'): number;
}

/**
 * PostgreSQL: every pooled client gets an 'error' listener of its own. A connection the server ends
 * (a restart, pg_terminate_backend) emits 'error' on its client; the pool listens only while the
 * client is idle and TypeORM only while a query runner holds it, so one ended in between — being
 * handed out, or just released — had no listener, and an 'error' event without one throws and ends
 * the process (seen once in the outage e2e, which kills connections under load). The pool and TypeORM
 * still evict such a client; this only keeps the process alive and says so in the log.
 */
@Injectable()
export class PgClientErrors implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (this.dataSource.options.type !== 'postgres') return;
    const pool = (
      this.dataSource.driver as unknown as {
        master?: ErrorEmitter & {
          on(e: 'connect', l: (c: ErrorEmitter) => void): unknown;
          _clients?: ErrorEmitter[];
        };
      }
    ).master;
    if (!pool) return;
    const guard = (client: ErrorEmitter): void => {
      client.on('error', (err) => this.logger.warn(`a database connection ended: ${err.message}`));
    };
    // Clients made before this ran (migrations at start-up), then every new one.
    for (const client of pool._clients ?? []) guard(client);
    pool.on('connect', guard);
  }
}
