/**
 * SQLite's audit outbox: an event recorded while another writer holds the write lock (an ingest's
 * file transaction) does not wait for it, is on disk in the outbox when record() returns, and enters
 * the audit log once the lock is free — whether the writer committed or rolled back; events a crash
 * left in the outbox enter the log at the next start, never twice. SQLite only: PostgreSQL writes each
 * event directly (its writers do not block each other).
 */
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AuditOutboxRepository } from '../../src/audit/audit-outbox.repository.js';
import { AuditRepository, type NewAuditRow } from '../../src/audit/audit.repository.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { WriteLock } from '../../src/database/write-lock.js';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.js';

const actor = {
  kind: 'user',
  userId: '0190a0b0-0000-7000-8000-000000000001',
  username: 'outbox-tester',
  displayName: 'Outbox Tester',
  role: 'billing',
  via: 'session',
  ip: '127.0.0.1',
  userAgent: 'jest',
} as const;

describe('audit outbox on sqlite', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let outboxPath: string;

  const events = async (): Promise<{ action: string; target_id: string | null }[]> =>
    (await ds.query(
      `SELECT action, target_id FROM audit_event WHERE actor_name = 'outbox-tester' ORDER BY id`,
    )) as { action: string; target_id: string | null }[];

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    ds = new DataSource(dataSourceOptions(db.config));
    await ds.initialize();
    await ds.runMigrations();
    if (db.config.kind !== 'sqlite') throw new Error('expected a SQLite test database');
    outboxPath = `${db.config.path}.audit-outbox`;
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  it('writes directly when nobody holds the lock (no outbox file)', async () => {
    const lock = new WriteLock();
    const outbox = new AuditOutboxRepository(outboxPath);
    const audit = new AuditService(new AuditRepository(ds), lock, outbox);
    await audit.record(actor, { action: 'claim.view', targetType: 'claim', targetId: 'direct-1' });
    expect(await events()).toEqual([{ action: 'claim.view', target_id: 'direct-1' }]);
    expect(existsSync(outboxPath)).toBe(false);
  });

  it.each(['commits', 'rolls back'])(
    'does not wait for a writer holding the lock, and the event survives when the writer %s',
    async (ending) => {
      const before = (await events()).length;
      const lock = new WriteLock();
      const outbox = new AuditOutboxRepository(outboxPath);
      const audit = new AuditService(new AuditRepository(ds), lock, outbox);
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      // The "ingest": a transaction open on SQLite's one connection until released.
      const writer = lock.run(async () => {
        const qr = ds.createQueryRunner();
        await qr.startTransaction();
        try {
          await qr.query(`UPDATE app_user SET display_name = display_name WHERE 1 = 0`);
          await released;
          if (ending === 'commits') await qr.commitTransaction();
          else await qr.rollbackTransaction();
        } finally {
          await qr.release();
        }
      });
      const target = `held-${ending}`;
      // record() answers while the writer still holds the lock.
      const recorded = await Promise.race([
        audit
          .record(actor, { action: 'claim.view', targetType: 'claim', targetId: target })
          .then(() => 'recorded'),
        new Promise((r) => setTimeout(() => r('waited'), 2_000)),
      ]);
      expect(recorded).toBe('recorded');
      // On disk in the outbox, not yet in the log.
      expect(outbox.waiting().map((r) => r.targetId)).toEqual([target]);
      expect((await events()).length).toBe(before);
      release();
      await writer;
      await audit.beforeApplicationShutdown(); // waits for the move, closes the outbox
      const after = await events();
      expect(after.slice(before)).toEqual([{ action: 'claim.view', target_id: target }]);
      expect(new AuditOutboxRepository(outboxPath).waiting()).toEqual([]);
    },
  );

  it('moves what a crash left in the outbox at the next start, never twice, and keeps equal events', async () => {
    const repo = new AuditRepository(ds);
    const row = (targetId: string, at: string): NewAuditRow => ({
      at,
      actorId: actor.userId,
      actorName: actor.username,
      actorRole: actor.role,
      via: actor.via,
      action: 'claim.view',
      targetType: 'claim',
      targetId,
      outcome: 'ok',
      detail: null,
      ip: actor.ip,
      userAgent: actor.userAgent,
    });
    const crashed = new AuditOutboxRepository(outboxPath);
    const moved = row('crash-moved', '2026-11-27T03:00:00.001Z');
    const twice = row('crash-twice', '2026-11-27T03:00:00.002Z');
    // A drainer that then died had taken `moved` and written it to the log, but not removed it.
    crashed.add(moved);
    expect(crashed.take('dead-drainer', crashed.lastSeq(), 10)).toHaveLength(1);
    await repo.append(moved);
    // Two real views equal to the millisecond (two tabs), still waiting.
    crashed.add(twice);
    crashed.add(twice);
    crashed.close();
    const before = await events();
    const audit = new AuditService(repo, new WriteLock(), new AuditOutboxRepository(outboxPath));
    await audit.onApplicationBootstrap();
    await audit.beforeApplicationShutdown();
    const after = await events();
    expect(after.slice(before.length)).toEqual([
      { action: 'claim.view', target_id: 'crash-twice' },
      { action: 'claim.view', target_id: 'crash-twice' },
    ]);
    expect(after.filter((e) => e.target_id === 'crash-moved')).toHaveLength(1);
    expect(new AuditOutboxRepository(outboxPath).waiting()).toEqual([]);
  });
});
