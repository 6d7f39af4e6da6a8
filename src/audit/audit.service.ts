import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/roles.js';
import { nowIso } from '../database/column-types.js';
import { WriteLock } from '../database/write-lock.js';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor.js';
import { AuditOutboxRepository } from './audit-outbox.repository.js';
import { type AuditFilter, AuditRepository, type AuditRow } from './audit.repository.js';

/** What happened, to what. `action` is dotted: `claim.view`, `finding.override`, `user.create`… */
export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  outcome?: 'ok' | 'refused' | 'failed';
  /** Small JSON details (the new status, the reason, the filter of an export); never PHI values. */
  detail?: Record<string, unknown>;
}

/** Who did it when there is no signed-in user (a failed sign-in names the username tried). */
export interface AnonymousActor {
  kind: 'anonymous';
  name: string;
  ip: string | null;
  userAgent: string | null;
}

/** One event as the audit API answers it. `detail` is the stored JSON, parsed (text in CSV answers). */
export interface AuditEventView {
  id: number;
  at: string;
  actorName: string;
  actorRole: string | null;
  via: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  detail: unknown;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditPage {
  items: AuditEventView[];
  nextCursor: string | null;
}

/** A query of the log (validated by the DTO): the filter, page size and cursor. */
export interface AuditListQuery extends AuditFilter {
  limit: number;
  cursor?: string;
  /** Detail as JSON text (one CSV cell) instead of an object. */
  detailAsText?: boolean;
}

function parseDetail(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toView(r: AuditRow, detailAsText: boolean): AuditEventView {
  return {
    id: r.id,
    at: r.at,
    actorName: r.actorName,
    actorRole: r.actorRole,
    via: r.via,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    outcome: r.outcome,
    detail: detailAsText ? r.detail : parseDetail(r.detail),
    ip: r.ip,
    userAgent: r.userAgent,
  };
}

/** The SQLite audit outbox (AuditOutboxRepository), or null: PostgreSQL, or SQLite in memory. */
export const AUDIT_OUTBOX = Symbol('AUDIT_OUTBOX');

/** Events moved from the outbox to the log per transaction. */
const DRAIN_BATCH = 500;
/** A failed move is tried again after this long (the events wait safely in the outbox meanwhile). */
const DRAIN_RETRY_MS = 60_000;

/** Writes the append-only audit log: who, when, what, from where; and reads it back for admins. */
@Injectable()
export class AuditService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Audit');
  /** A move from the outbox is waiting for the write lock (one at a time is enough). */
  private drainQueued = false;
  private drainDone: Promise<void> = Promise.resolve();
  /** Who this process is when it takes events from the outbox (another process may share the file). */
  private readonly drainer = `${process.pid}-${randomUUID()}`;
  /** Set at shutdown: later events are written directly (or fail with the request). */
  private closed = false;

  constructor(
    private readonly repo: AuditRepository,
    @Optional() private readonly writeLock?: WriteLock,
    @Optional() @Inject(AUDIT_OUTBOX) private readonly outbox?: AuditOutboxRepository | null,
  ) {}

  /** Events a crash (or a command-line process) left in the outbox go into the log at start-up. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.outbox && existsSync(this.outbox.path)) {
      this.scheduleDrain();
      await this.drainDone;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.outbox) return;
    this.closed = true;
    await this.drainDone;
    this.outbox.close();
  }

  /**
   * Appends one event. Throws when the database refuses it: a change whose audit record cannot be
   * written must fail with it. Pass the change's transaction as `manager` to write both or neither.
   */
  async record(actor: Actor | AnonymousActor, entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const user = actor.kind === 'user' ? actor : null;
    const row = {
      at: nowIso(),
      actorId: user?.userId ?? null,
      actorName: actor.kind === 'user' ? actor.username : actor.name,
      actorRole: user?.role ?? null,
      via: actor.kind === 'user' ? actor.via : actor.kind === 'anonymous' ? 'anonymous' : actor.via,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      outcome: entry.outcome ?? 'ok',
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
      ip: actor.kind === 'system' ? null : actor.ip,
      userAgent: actor.kind === 'system' ? null : (actor.userAgent?.slice(0, 300) ?? null),
    };
    if (manager) return this.repo.append(row, manager);
    // SQLite has one connection: an insert made while another request's transaction is open would
    // join that transaction (and vanish if it rolls back), so it waits its turn for the write lock.
    if (this.writeLock && this.repo.dialect === 'sqlite') {
      // When another writer holds the lock (an ingest's file transaction can last seconds), the event
      // goes to the outbox file instead: on disk before the answer is sent, in the log once the lock
      // is free. The reader does not wait for the writer.
      if (this.outbox && !this.closed && this.writeLock.busy && !this.writeLock.heldHere) {
        this.outbox.add(row);
        this.scheduleDrain();
        return;
      }
      return this.writeLock.run(() => this.repo.append(row));
    }
    return this.repo.append(row);
  }

  /** Moves the outbox into the log when the write lock is next free. */
  private scheduleDrain(): void {
    if (this.drainQueued || !this.outbox || !this.writeLock) return;
    this.drainQueued = true;
    const outbox = this.outbox;
    this.drainDone = this.writeLock
      .run(async () => {
        this.drainQueued = false;
        // Only what was recorded before this drain began: events recorded while it runs wait for the
        // next one, so that a steady stream of views cannot keep the lock from an ingest.
        const upTo = outbox.lastSeq();
        for (;;) {
          const batch = outbox.take(this.drainer, upTo, DRAIN_BATCH);
          if (batch.length === 0) return;
          await this.repo.appendFromOutbox(batch.map((b) => ({ row: b.row, check: b.mayBeInLog })));
          outbox.remove(batch.map((b) => b.seq));
        }
      })
      .catch((err: unknown) => {
        // The events stay in the outbox: the next event, a retry in a minute or the next start moves them.
        this.logger.error(`audit outbox not moved into the log: ${(err as Error).message}`);
        if (!this.closed) setTimeout(() => this.scheduleDrain(), DRAIN_RETRY_MS).unref();
      });
  }

  /** As record, but a failure is logged instead of thrown (for reads: the view already happened). */
  async recordQuietly(actor: Actor | AnonymousActor, entry: AuditEntry): Promise<void> {
    try {
      await this.record(actor, entry);
    } catch (err) {
      this.logger.error(`audit event ${entry.action} not written: ${(err as Error).message}`);
    }
  }

  /** A page of the log, newest first. The cursor was checked by the query's validation. */
  async list(q: AuditListQuery): Promise<AuditPage> {
    const after = q.cursor === undefined ? null : decodeAuditCursor(q.cursor);
    const rows = await this.repo.list(q, after, q.limit + 1);
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => toView(r, q.detailAsText === true)),
      nextCursor: rows.length > q.limit && last ? encodeAuditCursor({ at: last.at, id: last.id }) : null,
    };
  }
}
