import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { demoCommand } from '../../src/simulator/demo.command.js';
import { type E2eApp, startE2eApp } from '../support/e2e-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

/** The session cookie's value from a sign-in answer, and the whole Set-Cookie line. */
function sessionFrom(res: request.Response): { cookie: string; line: string } {
  const lines = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const line = lines.find((l) => l.startsWith('cg_session=')) ?? '';
  return { cookie: line.split(';')[0]!, line };
}

describe.each(databaseKinds)('sign-in, sessions, CSRF and API tokens on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let work: string;
  const http = () => request(started.app.getHttpServer());
  const password = 'correct horse battery';

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    work = mkdtempSync(join(tmpdir(), 'claimguard-auth-'));
    started = await startE2eApp(db, join(work, 'uploads'), {
      EVALUATE_ON_START: 'false',
      SESSION_IDLE_MINUTES: '5',
    });
    for (const [username, role] of [
      ['bella', 'billing'],
      ['fin', 'finance'],
      ['locked', 'coding'],
      ['throttled', 'coding'],
    ] as const) {
      await started
        .http()
        .post('/api/v1/users')
        .send({ username, role, password, displayName: username })
        .expect(201);
    }
  }, 60_000);

  afterAll(async () => {
    await started?.close();
    await db?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('signs in with an HttpOnly SameSite=Strict cookie; the session then works and me names the user', async () => {
    const res = await http().post('/api/v1/auth/sign-in').send({ username: 'Bella', password }).expect(200);
    expect(res.body.user).toMatchObject({ username: 'bella', role: 'billing' });
    expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const { cookie, line } = sessionFrom(res);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).toMatch(/; Path=\//);
    const me = await http().get('/api/v1/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ user: { username: 'bella' }, csrfToken: res.body.csrfToken });
    // the database keeps a digest, never the cookie's secret
    const rows = await started.app.get(DataSource).query('SELECT id FROM user_session');
    expect(rows.map((r: { id: string }) => r.id)).not.toContain(decodeURIComponent(cookie.split('=')[1]!));
  });

  it('takes sign-in as JSON only: a cross-site form post (urlencoded) is refused with 415', async () => {
    const form = await http().post('/api/v1/auth/sign-in').type('form').send({ username: 'bella', password });
    expect(form.status).toBe(415);
    expect(form.headers['set-cookie']).toBeUndefined();
  });

  it('answers a wrong password and an unknown user alike, and audits both', async () => {
    const a = await http()
      .post('/api/v1/auth/sign-in')
      .send({ username: 'bella', password: 'wrong password!!' });
    const b = await http()
      .post('/api/v1/auth/sign-in')
      .send({ username: 'nobody', password: 'wrong password!!' });
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(a.body.message).toBe(b.body.message);
    expect(a.headers['set-cookie']).toBeUndefined();
    const audit = await started.app
      .get(DataSource)
      .query("SELECT actor_name, outcome FROM audit_event WHERE action = 'auth.sign-in-failed' ORDER BY id");
    expect(audit).toEqual(
      expect.arrayContaining([
        { actor_name: 'bella', outcome: 'refused' },
        { actor_name: '(unknown username)', outcome: 'refused' },
      ]),
    );
  });

  it('refuses a cookie-authenticated change without the CSRF token, and takes it with the token', async () => {
    const res = await http().post('/api/v1/auth/sign-in').send({ username: 'bella', password }).expect(200);
    const { cookie } = sessionFrom(res);
    const without = await http().post('/api/v1/tokens').set('Cookie', cookie).send({ name: 'script' });
    expect(without.status).toBe(403);
    expect(without.body.message).toMatch(/X-CSRF-Token/);
    const wrong = await http()
      .post('/api/v1/tokens')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', 'x'.repeat(43))
      .send({ name: 'script' });
    expect(wrong.status).toBe(403);
    const ok = await http()
      .post('/api/v1/tokens')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', res.body.csrfToken)
      .send({ name: 'script' })
      .expect(201);
    expect(ok.body.token).toMatch(/^cg_/);
    // the new token works without a cookie or CSRF token, cannot mint another, and stops working when revoked
    await http().get('/api/v1/worklist').set('Authorization', `Bearer ${ok.body.token}`).expect(200);
    const minted = await http()
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${ok.body.token}`)
      .send({ name: 'copy' });
    expect(minted.status).toBe(403);
    await http()
      .post(`/api/v1/tokens/${ok.body.id}/revoke`)
      .set('Authorization', `Bearer ${ok.body.token}`)
      .expect(200);
    await http().get('/api/v1/worklist').set('Authorization', `Bearer ${ok.body.token}`).expect(401);
  });

  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const res = await http().post('/api/v1/auth/sign-in').send({ username: 'fin', password }).expect(200);
    const { cookie } = sessionFrom(res);
    const out = await http()
      .post('/api/v1/auth/sign-out')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', res.body.csrfToken)
      .expect(204);
    expect(sessionFrom(out).line).toMatch(/Max-Age=0/);
    await http().get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
  });

  it('ends a session idle longer than SESSION_IDLE_MINUTES, and any session of a disabled user', async () => {
    const ds = started.app.get(DataSource);
    const res = await http().post('/api/v1/auth/sign-in').send({ username: 'fin', password }).expect(200);
    const { cookie } = sessionFrom(res);
    await http().get('/api/v1/reports/summary').set('Cookie', cookie).expect(200);
    const idle = new Date(Date.now() - 6 * 60_000).toISOString();
    await ds.query(
      kind === 'postgres'
        ? 'UPDATE user_session SET last_seen_at = $1'
        : 'UPDATE user_session SET last_seen_at = ?',
      [idle],
    );
    await http().get('/api/v1/reports/summary').set('Cookie', cookie).expect(401);

    const locked = await http()
      .post('/api/v1/auth/sign-in')
      .send({ username: 'locked', password })
      .expect(200);
    const users = await started.http().get('/api/v1/users').expect(200);
    const id = users.body.find((u: { username: string }) => u.username === 'locked').id;
    await started.http().patch(`/api/v1/users/${id}`).send({ disabled: true }).expect(200);
    await http().get('/api/v1/auth/me').set('Cookie', sessionFrom(locked).cookie).expect(401);
    await http().post('/api/v1/auth/sign-in').send({ username: 'locked', password }).expect(401);
  });

  it('throttles repeated failures for one username with 429 and Retry-After, even with the right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (
          await http()
            .post('/api/v1/auth/sign-in')
            .send({ username: 'throttled', password: 'nope nope nope' })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const blocked = await http().post('/api/v1/auth/sign-in').send({ username: 'throttled', password });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses weak passwords and duplicate users with a 400/409 that says why; keeps the last admin', async () => {
    const weak = await started
      .http()
      .post('/api/v1/users')
      .send({ username: 'w', role: 'billing', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/password must be 12 to 256 characters/);
    const dup = await started
      .http()
      .post('/api/v1/users')
      .send({ username: 'BELLA', role: 'billing', password });
    expect(dup.status).toBe(409);
    const users = await started.http().get('/api/v1/users').expect(200);
    expect(JSON.stringify(users.body)).not.toMatch(/scrypt|passwordHash/);
    const admin = users.body.find((u: { role: string }) => u.role === 'admin');
    const demote = await started.http().patch(`/api/v1/users/${admin.id}`).send({ role: 'billing' });
    expect(demote.status).toBe(409);
    expect(demote.body.message).toMatch(/last enabled admin/);
  });
});

describe('npm run demo: demo users (e2e)', () => {
  it('creates one user per role and prints credentials that sign in', async () => {
    const db = await createTestDatabase('sqlite');
    const dir = mkdtempSync(join(tmpdir(), 'claimguard-demo-'));
    const saved = { SQLITE_PATH: process.env['SQLITE_PATH'], DATABASE_URL: process.env['DATABASE_URL'] };
    let started: E2eApp | undefined;
    try {
      delete process.env['DATABASE_URL'];
      process.env['SQLITE_PATH'] = db.config.kind === 'sqlite' ? db.config.path : '';
      const out = new PassThrough();
      let text = '';
      out.on('data', (c) => (text += String(c)));
      const code = await demoCommand(
        ['--out', join(dir, 'demo'), '--months', '1', '--claims-per-month', '20', '--seed', '7'],
        out,
        new PassThrough(),
      );
      expect(code).toBe(0);
      const creds = [...text.matchAll(/^ {2}(billing|coding|finance|admin)\s+(demo-\w+)\s+(\S+)$/gm)];
      expect(creds.map((m) => m[1])).toEqual(['billing', 'coding', 'finance', 'admin']);
      started = await startE2eApp(db, join(dir, 'uploads'), { EVALUATE_ON_START: 'false' });
      for (const m of creds) {
        const res = await request(started.app.getHttpServer())
          .post('/api/v1/auth/sign-in')
          .send({ username: m[2], password: m[3] });
        expect(res.status).toBe(200);
        expect(res.body.user.role).toBe(m[1]);
      }
    } finally {
      await started?.close();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
