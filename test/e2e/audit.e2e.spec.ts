/**
 * The audit log over HTTP on every test database: what views, exports and changes record (actor,
 * role, via, address, agent), that the log is append-only in the database itself, that an event
 * which cannot be written fails the request before any data leaves, the admins' read API (filters,
 * newest-first keyset paging, CSV export, each read itself audited, validation, roles), and the
 * admins' list of scheduled job runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { type INestApplication, Logger } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../../src/audit/audit.repository.js';
import { projectRoot } from '../corpus/corpus-files.js';
import { type E2eApp, startE2eApp } from '../support/e2e-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';
import { parseCsv } from '../support/csv.js';

interface AuditItem {
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

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

describe.each(databaseKinds)('audit log on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let app: INestApplication;
  let ds: DataSource;
  let uploadDir: string;
  /** `?` placeholders numbered for PostgreSQL. */
  const q = (text: string, params: unknown[] = []) => {
    let n = 0;
    return ds.query(kind === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text, params);
  };

  const admin = () => started.http();
  /** The newest events (after the request that reads them, which is itself an audit.view). */
  async function latest(query = ''): Promise<AuditItem[]> {
    const res = await admin().get(`/api/v1/audit?${query.includes('limit=') ? '' : 'limit=50'}${query}`);
    expect(res.status).toBe(200);
    return (res.body as Page<AuditItem>).items;
  }
  const count = async () =>
    Number(((await q('SELECT COUNT(*) AS n FROM audit_event')) as { n: unknown }[])[0]!.n);

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase(kind);
    uploadDir = mkdtempSync(join(tmpdir(), 'claimguard-audit-'));
    started = await startE2eApp(db, uploadDir);
    app = started.app;
    ds = app.get(DataSource);
    const res = await admin()
      .post('/api/v1/files')
      .attach('file', join(projectRoot, 'fixtures/x12/valid/837p-basic.x12'));
    expect(res.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await started?.close();
    await db?.drop();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  it('records a CSV export with who, role, via, address, agent and the path and query, patient ids masked', async () => {
    const billing = await started.as('billing');
    const res = await billing
      .get('/api/v1/claims?format=csv&patient=ZEBULON')
      .set('User-Agent', 'audit-e2e-agent/1.0');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [event] = await latest('&action=claim.export');
    expect(event).toMatchObject({
      actorName: 'test-billing',
      actorRole: 'billing',
      via: 'token',
      action: 'claim.export',
      outcome: 'ok',
      userAgent: 'audit-e2e-agent/1.0',
      detail: { path: '/api/v1/claims', query: { format: 'csv', patient: '***' } },
    });
    expect(event!.ip).toMatch(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/);
    expect(JSON.stringify(event)).not.toContain('ZEBULON');

    const finance = await started.as('finance');
    expect((await finance.get('/api/v1/reports/summary?format=csv')).status).toBe(200);
    const [report] = await latest('&action=report.export');
    expect(report).toMatchObject({ actorName: 'test-finance', detail: { path: '/api/v1/reports/summary' } });
  });

  it('records an unauthenticated CSV request as anonymous without failing it', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/health?format=csv');
    expect(res.status).toBe(200);
    const [event] = await latest('&action=report.export&actor=anonymous');
    expect(event).toMatchObject({
      actorName: 'anonymous',
      actorRole: null,
      via: 'anonymous',
      action: 'report.export',
    });
  });

  it('fails the request with a 500 and sends no data when the audit event cannot be written', async () => {
    const repo = app.get(AuditRepository);
    const before = await count();
    const spy = jest.spyOn(repo, 'append').mockRejectedValue(new Error('disk full'));
    try {
      const csv = await admin().get('/api/v1/claims?format=csv');
      expect(csv.status).toBe(500);
      expect(csv.headers['content-type']).toMatch(/^application\/json/);
      expect(csv.text).not.toContain('PCN001');
      expect(csv.text).not.toContain('disk full');

      const log = await admin().get('/api/v1/audit');
      expect(log.status).toBe(500);
      expect(log.body.items).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
    expect(await count()).toBe(before);
    // The same requests succeed once the log can be written again.
    expect((await admin().get('/api/v1/claims?format=csv')).status).toBe(200);
  });

  it('is append-only in the database: UPDATE and DELETE fail whoever runs them', async () => {
    const before = (await q('SELECT id, action FROM audit_event ORDER BY id')) as {
      id: unknown;
      action: string;
    }[];
    expect(before.length).toBeGreaterThan(0);
    await expect(q("UPDATE audit_event SET action = 'tampered'")).rejects.toThrow(/append-only/);
    await expect(q('DELETE FROM audit_event WHERE id = ?', [before[0]!.id])).rejects.toThrow(/append-only/);
    await expect(q('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    if (kind === 'postgres') await expect(q('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    const after = (await q('SELECT id, action FROM audit_event ORDER BY id')) as {
      id: unknown;
      action: string;
    }[];
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((r) => r.action)).not.toContain('tampered');
  });

  describe('the read API', () => {
    /** Events with chosen times (inserting is what the log allows), to test days and order. */
    const seeded = [
      ['2019-12-31T23:59:59.999Z', 'alice', 'claim.view', 'claim', 'c-1'],
      ['2020-01-01T00:00:00.000Z', 'alice', 'claim.view', 'claim', 'c-2'],
      ['2020-01-01T12:00:00.000Z', 'bob', 'work.status', 'claim', 'c-1'],
      ['2020-01-01T12:00:00.000Z', 'bob', 'work.note', 'claim', 'c-1'],
      ['2020-01-02T08:00:00.000Z', 'carol', 'user.create', 'user', 'u-1'],
      ['2020-01-03T00:00:00.000Z', 'alice', 'claim.export', null, null],
    ] as const;

    beforeAll(async () => {
      for (const [at, actor, action, targetType, targetId] of seeded) {
        await q(
          `INSERT INTO audit_event (at, actor_id, actor_name, actor_role, via, action, target_type, target_id, outcome,
             detail, ip, user_agent) VALUES (?, NULL, ?, 'billing', 'session', ?, ?, ?, 'ok', ?, '10.0.0.1', 'seed')`,
          [at, actor, action, targetType, targetId, JSON.stringify({ note: `seed, "${action}"` })],
        );
      }
    });

    it('filters by day (UTC, both ends included), actor, action, target', async () => {
      const between = await latest('&from=2020-01-01&to=2020-01-02');
      expect(between.map((e) => [e.at, e.action])).toEqual([
        ['2020-01-02T08:00:00.000Z', 'user.create'],
        ['2020-01-01T12:00:00.000Z', 'work.note'],
        ['2020-01-01T12:00:00.000Z', 'work.status'],
        ['2020-01-01T00:00:00.000Z', 'claim.view'],
      ]);
      expect((await latest('&actor=alice&to=2020-01-31')).map((e) => e.targetId)).toEqual([
        null,
        'c-2',
        'c-1',
      ]);
      expect((await latest('&action=work.status,work.note')).map((e) => e.action)).toEqual([
        'work.note',
        'work.status',
      ]);
      expect((await latest('&targetType=claim&targetId=c-1&to=2020-01-31')).map((e) => e.action)).toEqual([
        'work.note',
        'work.status',
        'claim.view',
      ]);
      const [one] = await latest('&actor=carol');
      expect(one).toEqual({
        id: expect.any(Number),
        at: '2020-01-02T08:00:00.000Z',
        actorName: 'carol',
        actorRole: 'billing',
        via: 'session',
        action: 'user.create',
        targetType: 'user',
        targetId: 'u-1',
        outcome: 'ok',
        detail: { note: 'seed, "user.create"' },
        ip: '10.0.0.1',
        userAgent: 'seed',
      });
    });

    it('pages newest first with a cursor, every event once, ties broken by id', async () => {
      const everything = await latest('&limit=1000');
      const walked: AuditItem[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 100; i++) {
        const res = await admin().get(
          `/api/v1/audit?limit=3&to=2020-01-31${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        walked.push(...(res.body as Page<AuditItem>).items);
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(walked.map((e) => e.id)).toEqual(everything.filter((e) => e.at < '2020-02-01').map((e) => e.id));
      expect(walked).toHaveLength(seeded.length);
      const ats = walked.map((e) => e.at);
      expect(ats).toEqual([...ats].sort().reverse());
    });

    it('records each read as audit.view with its filters, and each CSV export as audit.export', async () => {
      await admin().get('/api/v1/audit?actor=alice&limit=2');
      const [view] = await latest('&action=audit.view&limit=2');
      expect(view).toMatchObject({
        actorName: 'test-admin',
        actorRole: 'admin',
        action: 'audit.view',
        detail: { query: { actor: 'alice', limit: '2' } },
      });

      const res = await admin().get('/api/v1/audit?format=csv&to=2020-01-31');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="claimguard-audit\.csv"/);
      const [header, ...rows] = parseCsv(res.text);
      expect(header).toEqual([
        'id',
        'at',
        'actorName',
        'actorRole',
        'via',
        'action',
        'targetType',
        'targetId',
        'outcome',
        'detail',
        'ip',
        'userAgent',
      ]);
      expect(rows).toHaveLength(seeded.length);
      expect(rows[0]![header!.indexOf('detail')]).toBe('{"note":"seed, \\"claim.export\\""}');
      const [exported] = await latest('&action=audit.export');
      expect(exported).toMatchObject({ action: 'audit.export', detail: { path: '/api/v1/audit' } });
      // The export is not also recorded as a view.
      const views = await latest('&action=audit.view&limit=1000');
      expect(views.some((e) => (e.detail as { query?: { format?: string } }).query?.format === 'csv')).toBe(
        false,
      );
    });

    it('refuses bad filters with a 400 naming the parameter', async () => {
      for (const [query, names] of [
        ['from=2026-02-30', 'from'],
        ['to=yesterday', 'to'],
        ['from=2026-02-02&to=2026-02-01', 'to'],
        ['limit=0', 'limit'],
        ['limit=1001', 'limit'],
        ['limit=abc', 'limit'],
        ['action=DROP TABLE', 'action'],
        ['cursor=abc', 'cursor'],
        ['format=xml', 'format'],
        ['sort=at', 'sort'],
      ]) {
        const res = await admin().get(`/api/v1/audit?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(String(res.body.message)).toContain(names);
      }
      expect((await admin().get('/api/v1/audit?format=csv&limit=5000')).status).toBe(200);
    });

    it('is for administrators only', async () => {
      for (const role of ['billing', 'coding', 'finance'] as const) {
        const res = await (await started.as(role)).get('/api/v1/audit');
        expect({ role, status: res.status }).toEqual({ role, status: 403 });
      }
      expect((await request(app.getHttpServer()).get('/api/v1/audit')).status).toBe(401);
    });
  });

  describe('scheduled job runs', () => {
    it('lists nothing before the scheduler has run', async () => {
      const res = await admin().get('/api/v1/jobs');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [], nextCursor: null });
    });

    it('lists runs newest first with a cursor, counts parsed, errors PHI-masked; admins only', async () => {
      const runs = [
        [
          '0190a0b4-7c3e-7000-8000-000000000001',
          'ingest-inbox',
          '2026-03-01T02:00:00.000Z',
          'succeeded',
          '{"files":3}',
          null,
        ],
        [
          '0190a0b4-7c3e-7000-8000-000000000002',
          'ingest-inbox',
          '2026-03-01T03:00:00.000Z',
          'failed',
          null,
          'bad file: NM1*IL*1*DOE*JOHN****MI*W123~',
        ],
        [
          '0190a0b4-7c3e-7000-8000-000000000003',
          'evaluate',
          '2026-03-01T03:00:00.000Z',
          'succeeded',
          '{"claims":10}',
          null,
        ],
        [
          '0190a0b4-7c3e-7000-8000-000000000004',
          'evaluate',
          '2026-03-01T04:00:00.000Z',
          'running',
          null,
          null,
        ],
      ] as const;
      for (const [id, job, startedAt, status, counts, error] of runs) {
        await q(
          `INSERT INTO job_run (id, job, started_at, finished_at, status, counts, error, instance)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'host-1')`,
          [id, job, startedAt, status === 'running' ? null : startedAt, status, counts, error],
        );
      }
      const walked: { id: string; job: string; status: string; counts: unknown; error: string | null }[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const res = await admin().get(`/api/v1/jobs?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        walked.push(...res.body.items);
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(walked.map((r) => r.id.slice(-1))).toEqual(['4', '3', '2', '1']);
      expect(walked.find((r) => r.id.endsWith('1'))!.counts).toEqual({ files: 3 });
      const failed = walked.find((r) => r.status === 'failed')!;
      expect(failed.error).toContain('bad file');
      expect(failed.error).not.toMatch(/DOE|JOHN|W123/);
      const onlyFailed = await admin().get('/api/v1/jobs?status=failed&job=ingest-inbox');
      expect(onlyFailed.body.items.map((r: { id: string }) => r.id.slice(-1))).toEqual(['2']);
      for (const [query, names] of [
        ['limit=0', 'limit'],
        ['status=done', 'status'],
        ['cursor=abc', 'cursor'],
        ['job=Bad Job', 'job'],
      ]) {
        const res = await admin().get(`/api/v1/jobs?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(String(res.body.message)).toContain(names);
      }
      for (const role of ['billing', 'coding', 'finance'] as const) {
        const res = await (await started.as(role)).get('/api/v1/jobs');
        expect({ role, status: res.status }).toEqual({ role, status: 403 });
      }
    });
  });
});
