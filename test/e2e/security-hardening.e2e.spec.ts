/**
 * Issue 10, security: what the other suites leave unproven (access.e2e has the role matrix; auth.e2e
 * sign-in, one CSRF route, sign-out, idle sessions, a disabled user's session, per-username throttling;
 * audit.e2e the append-only triggers and two exports). Here, on every test database, in one app whose
 * log is captured from start to end:
 * - session fixation: a cg_session planted before sign-in (random, or another user's live session) is
 *   never the session after it;
 * - CSRF on every cookie-authenticated state-changing route of the access table;
 * - sessions past their absolute lifetime, sessions ended by a password change or a disable (and not
 *   back after re-enabling), expired, revoked and disabled owners' API tokens;
 * - sign-in throttling per client address and per username across addresses;
 * - every route that answers CSV records an export event (actor, action, rows);
 * - no route changes the audit log: every non-GET method on every path, as admin, with junk bodies;
 * - no PHI in the log: after uploads (good and bad), imports, pages, reports, failed sign-ins, the
 *   inbox and every scheduled job, the captured log names no simulated patient.
 * The tests share the app and run in order (the last one greps the log of all the others).
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { jest } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Role } from '../../src/auth/roles.js';
import { tokenDigest } from '../../src/auth/secrets.js';
import { MaskingLogger } from '../../src/common/masking-logger.js';
import { JobsService } from '../../src/scheduler/jobs.service.js';
import { InboxService } from '../../src/inbox/inbox.service.js';
import { ReceivedFilesRepository } from '../../src/ingest/received-files.repository.js';
import { JOB_NAMES } from '../../src/config/app-config.js';
import { parseCsv } from '../support/csv.js';
import { type E2eApp, startE2eApp } from '../support/e2e-app.js';
import {
  loadSimulatedPractice,
  type SimulatedPractice,
  simulatePractice,
} from '../support/simulated-practice.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';
import { ACCESS_MATRIX } from './access-matrix.js';

const PASSWORD = 'correct horse battery';
const SIMULATION = { seed: 'security-e2e', months: 1, claimsPerMonth: 30, start: '2026-01' } as const;
const NO_SUCH_ID = '0190b3c4-0000-7000-8000-000000000000';
const SYSTEM = { kind: 'system' as const, via: 'system' as const, name: 'security-e2e' };

/** The session cookie (`cg_session=…`) a sign-in answer sets, or '' when it sets none. */
function sessionCookieOf(res: request.Response): string {
  const lines = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return (lines.find((l) => l.startsWith('cg_session=')) ?? '').split(';')[0]!;
}
const secretOf = (cookie: string) => decodeURIComponent(cookie.slice('cg_session='.length));

/** A simulated patient's identifiers as they could appear in a log. */
interface Patient {
  lastName: string;
  firstName: string;
  memberIds: Set<string>;
  dob: string;
}

/** Every patient of the simulated practice: the input files' rows and the 837s' NM1/DMG segments. */
function patientsOf(sim: SimulatedPractice): Patient[] {
  const byKey = new Map<string, Patient>();
  const add = (last: string, first: string, memberId: string, dob: string) => {
    if (!last || !first || !/^\d{4}-\d{2}-\d{2}$/.test(dob)) return;
    const key = `${last}|${first}|${dob}`;
    const p = byKey.get(key) ?? { lastName: last, firstName: first, memberIds: new Set<string>(), dob };
    if (memberId) p.memberIds.add(memberId);
    byKey.set(key, p);
  };
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    );
  for (const file of walk(sim.dir)) {
    if (file.endsWith('.csv')) {
      const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
      const col = (...names: string[]) => names.map((n) => header!.indexOf(n)).find((i) => i >= 0) ?? -1;
      const [last, first, member, dob] = [
        col('last_name', 'patient_last_name'),
        col('first_name', 'patient_first_name'),
        col('member_id'),
        col('dob', 'patient_dob'),
      ];
      if (last < 0 || first < 0 || dob < 0) continue;
      for (const r of rows)
        add(r[last] ?? '', r[first] ?? '', member >= 0 ? (r[member] ?? '') : '', r[dob] ?? '');
    } else if (file.endsWith('.x12') && /837/.test(file)) {
      const segments = readFileSync(file, 'utf8').split(/~\s*/);
      segments.forEach((s, i) => {
        const el = s.split('*');
        if (el[0] !== 'NM1' || !['IL', 'QC'].includes(el[1] ?? '') || el[2] !== '1') return;
        const dmg = segments.slice(i + 1, i + 4).find((x) => x.startsWith('DMG*'));
        const d = dmg?.split('*')[2] ?? '';
        const dob = /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : '';
        add(el[3] ?? '', el[4] ?? '', el[8] === 'MI' ? (el[9] ?? '') : '', dob);
      });
    }
  }
  return [...byKey.values()];
}

/** The colour codes of Nest's console logger. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The captured log lines that name a patient, with what they name. Words are bounded by anything
 * but letters (so `SMITH_JOHN.x12` counts), ids by anything but letters and digits, dates by
 * anything but digits; colour codes are removed first.
 */
function phiHits(log: string[], patients: Patient[]): string[] {
  const word = (w: string) => `(?<![A-Za-z])${escapeRe(w)}(?![A-Za-z])`;
  const needles: { what: string; re: RegExp }[] = [];
  for (const last of new Set(patients.map((p) => p.lastName.toUpperCase())))
    needles.push({ what: `last name ${last}`, re: new RegExp(word(last), 'i') });
  for (const p of patients) {
    const [first, last] = [escapeRe(p.firstName), escapeRe(p.lastName)];
    needles.push({
      what: `name ${p.firstName} ${p.lastName}`,
      re: new RegExp(
        `(?<![A-Za-z])(?:${first}[^A-Za-z]{1,3}${last}|${last}[^A-Za-z]{1,3}${first})(?![A-Za-z])`,
        'i',
      ),
    });
    for (const id of p.memberIds)
      needles.push({
        what: `member id ${id}`,
        re: new RegExp(`(?<![A-Za-z0-9])${escapeRe(id)}(?![A-Za-z0-9])`, 'i'),
      });
    for (const dob of [p.dob, p.dob.replace(/-/g, '')])
      needles.push({ what: `dob ${dob}`, re: new RegExp(`(?<!\\d)${dob}(?!\\d)`) });
  }
  const hits: string[] = [];
  for (const raw of log) {
    const line = raw.replace(ANSI_COLOUR, '');
    for (const n of needles) if (n.re.test(line)) hits.push(`${n.what}: ${line.slice(0, 300)}`);
  }
  return hits;
}

/** A concrete path for a route pattern, with `ids` for its parameters (by the route's prefix). */
function concrete(path: string, ids: Record<string, string>): string {
  return path
    .replace(/\*[A-Za-z]*/g, 'app.css')
    .replace(
      /(\w+)\/:([A-Za-z]+)/g,
      (_m, prefix: string, param: string) => `${prefix}/${ids[prefix] ?? ids[param] ?? NO_SUCH_ID}`,
    );
}

describe.each(databaseKinds)('security hardening on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let ds: DataSource;
  let work: string;
  let sim: SimulatedPractice;
  /** Everything the app wrote: process.stdout/stderr and console.*. */
  const log: string[] = [];
  const restore: (() => void)[] = [];
  const http = () => request(started.app.getHttpServer());
  const q = (text: string, params: unknown[] = []) => {
    let n = 0;
    return ds.query(kind === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text, params) as Promise<
      Record<string, unknown>[]
    >;
  };
  const auditCount = async () => Number((await q('SELECT COUNT(*) AS n FROM audit_event'))[0]!['n']);
  const maxAuditId = async () => Number((await q('SELECT MAX(id) AS m FROM audit_event'))[0]!['m']);
  /** Signs in from `ip` (TRUST_PROXY is on: X-Forwarded-For is the client's address). */
  const signIn = (username: string, password = PASSWORD, ip = '10.0.0.1', cookie?: string) => {
    const r = http().post('/api/v1/auth/sign-in').set('X-Forwarded-For', ip);
    return (cookie ? r.set('Cookie', cookie) : r).send({ username, password });
  };
  const session = async (username: string, password = PASSWORD) => {
    const res = await signIn(username, password);
    expect(res.status).toBe(200);
    return { cookie: sessionCookieOf(res), csrf: res.body.csrfToken as string };
  };
  const userId = async (username: string): Promise<string> => {
    const users = await started.http().get('/api/v1/users').expect(200);
    return (users.body as { id: string; username: string }[]).find((u) => u.username === username)!.id;
  };

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown) => {
        log.push(String(chunk));
        return true;
      }) as typeof stream.write;
      restore.push(() => (stream.write = original));
    }
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = jest.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        log.push(args.map(String).join(' '));
      });
      restore.push(() => spy.mockRestore());
    }
    db = await createTestDatabase(kind);
    work = mkdtempSync(join(tmpdir(), 'claimguard-sec-'));
    sim = simulatePractice(join(work, 'sim'), SIMULATION);
    mkdirSync(join(work, 'uploads-inbox'), { recursive: true });
    started = await startE2eApp(
      db,
      join(work, 'uploads'),
      {
        EVALUATE_ON_START: 'false',
        SESSION_IDLE_MINUTES: '5',
        TRUST_PROXY: 'true',
        INBOX_SETTLE_SECONDS: '0',
      },
      'test-admin',
      new MaskingLogger({ logLevels: ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'] }),
    );
    ds = started.app.get(DataSource);
    for (const [username, role] of [
      ['alice', 'billing'],
      ['bob', 'coding'],
      ['carol', 'finance'],
      ['dave', 'billing'],
      ['erin', 'finance'],
      ['frank', 'coding'],
      ['gina', 'billing'],
    ] as const) {
      await started.http().post('/api/v1/users').send({ username, role, password: PASSWORD }).expect(201);
    }
    expect(await loadSimulatedPractice(() => started.http(), sim)).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await started?.close();
    for (const r of restore.reverse()) r();
    await db?.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('session fixation: a cg_session planted before sign-in (random or a live one) is never the session after', async () => {
    // a made-up value the attacker planted
    const planted = `cg_session=${'A'.repeat(43)}`;
    const a = await signIn('alice', PASSWORD, '10.0.0.1', planted);
    expect(a.status).toBe(200);
    const aliceCookie = sessionCookieOf(a);
    expect(aliceCookie).toMatch(/^cg_session=[A-Za-z0-9_-]{43}$/);
    expect(aliceCookie).not.toBe(planted);
    await http().get('/api/v1/auth/me').set('Cookie', planted).expect(401);
    expect(await q('SELECT id FROM user_session WHERE id = ?', [tokenDigest('A'.repeat(43))])).toEqual([]);

    // the attacker's own live session, planted in the victim's browser
    const bob = await session('bob');
    const victim = await signIn('alice', PASSWORD, '10.0.0.1', bob.cookie);
    expect(victim.status).toBe(200);
    const victimCookie = sessionCookieOf(victim);
    expect(victimCookie).not.toBe(bob.cookie);
    expect(victim.body.csrfToken).not.toBe(bob.csrf);
    // bob's session is still bob's, and alice's is a new one
    const asBob = await http().get('/api/v1/auth/me').set('Cookie', bob.cookie).expect(200);
    expect(asBob.body.user.username).toBe('bob');
    const asAlice = await http().get('/api/v1/auth/me').set('Cookie', victimCookie).expect(200);
    expect(asAlice.body.user.username).toBe('alice');
    const rows = await q('SELECT user_id FROM user_session WHERE id = ?', [
      tokenDigest(secretOf(bob.cookie)),
    ]);
    expect(rows.map((r) => r['user_id'])).toEqual([await userId('bob')]);
    // and every sign-in is a new session, even for the same user
    expect(new Set([aliceCookie, victimCookie]).size).toBe(2);
    expect(a.body.csrfToken).not.toBe(victim.body.csrfToken);
  }, 30_000);

  it('CSRF: every cookie-authenticated state-changing route refuses without the token or with another session’s', async () => {
    const changing = Object.keys(ACCESS_MATRIX).filter((r) => !r.startsWith('GET '));
    // sign-in acts on no session (it takes JSON only: auth.e2e proves a cross-site form is refused)
    const routes = changing.filter((r) => r !== 'POST /api/v1/auth/sign-in');
    expect(routes.length).toBeGreaterThan(15);
    const admin = await session('test-admin', 'test-admin-password-1');
    const other = await session('gina');
    const before = await auditCount();
    const wrong: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const url = concrete(path, {});
      for (const [label, token] of [
        ['no token', undefined],
        ['empty token', ''],
        ["another session's token", other.csrf],
        ['the token in a different case', admin.csrf.toUpperCase()],
      ] as const) {
        let req = http()[method.toLowerCase() as 'post' | 'patch'](url).set('Cookie', admin.cookie);
        if (token !== undefined) req = req.set('X-CSRF-Token', token);
        const res = await req.send({});
        if (res.status !== 403 || !/X-CSRF-Token/.test(String(res.body.message)))
          wrong.push(`${route} with ${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
    // nothing was done: every change records an audit event, and none was recorded
    expect(await auditCount()).toBe(before);
    // the same requests with the session's own token pass the guard (sign-out last: it ends the session)
    const passed: string[] = [];
    for (const route of [...routes.filter((r) => !r.includes('sign-out')), 'POST /api/v1/auth/sign-out']) {
      const [method, path] = route.split(' ') as [string, string];
      const res = await http()
        [method.toLowerCase() as 'post' | 'patch'](concrete(path, {}))
        .set('Cookie', admin.cookie)
        .set('X-CSRF-Token', admin.csrf)
        .send({});
      if (!(res.status === 403 && /X-CSRF-Token/.test(String(res.body.message)))) passed.push(route);
    }
    expect(passed.sort()).toEqual([...routes].sort());
    await started.app.get(JobsService).idle();
  }, 30_000);

  it('ends sessions past their absolute lifetime, after a password change or a disable (not back on re-enable)', async () => {
    // idle under the limit: still valid; past the absolute end: gone, and the row removed
    const s = await session('carol');
    const digest = tokenDigest(secretOf(s.cookie));
    await q('UPDATE user_session SET last_seen_at = ? WHERE id = ?', [
      new Date(Date.now() - 4 * 60_000).toISOString(),
      digest,
    ]);
    await http().get('/api/v1/auth/me').set('Cookie', s.cookie).expect(200);
    await q('UPDATE user_session SET expires_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000).toISOString(),
      digest,
    ]);
    await http().get('/api/v1/auth/me').set('Cookie', s.cookie).expect(401);
    expect(await q('SELECT id FROM user_session WHERE id = ?', [digest])).toEqual([]);

    // signed out: the cookie and its CSRF token no longer change anything
    const out = await session('carol');
    await http()
      .post('/api/v1/auth/sign-out')
      .set('Cookie', out.cookie)
      .set('X-CSRF-Token', out.csrf)
      .expect(204);
    const after = await http()
      .post('/api/v1/tokens')
      .set('Cookie', out.cookie)
      .set('X-CSRF-Token', out.csrf)
      .send({ name: 'late' });
    expect(after.status).toBe(401);

    // a password change ends the user's sessions
    const erin = await session('erin');
    const erinId = await userId('erin');
    await started
      .http()
      .patch(`/api/v1/users/${erinId}`)
      .send({ password: 'another good passphrase' })
      .expect(200);
    await http().get('/api/v1/auth/me').set('Cookie', erin.cookie).expect(401);

    // disabled: the session ends, and re-enabling the user does not bring it back
    const frank = await session('frank');
    const frankId = await userId('frank');
    await started.http().patch(`/api/v1/users/${frankId}`).send({ disabled: true }).expect(200);
    await started.http().patch(`/api/v1/users/${frankId}`).send({ disabled: false }).expect(200);
    await http().get('/api/v1/auth/me').set('Cookie', frank.cookie).expect(401);
    expect(await q('SELECT id FROM user_session WHERE user_id = ?', [frankId])).toEqual([]);
  }, 30_000);

  it('refuses expired and revoked API tokens, and the tokens of a disabled user', async () => {
    const dave = await session('dave');
    const mint = async (name: string, body: Record<string, unknown> = {}) =>
      (
        await http()
          .post('/api/v1/tokens')
          .set('Cookie', dave.cookie)
          .set('X-CSRF-Token', dave.csrf)
          .send({ name, ...body })
          .expect(201)
      ).body as { id: string; token: string };
    const use = (token: string) => http().get('/api/v1/worklist').set('Authorization', `Bearer ${token}`);

    const expiring = await mint('expiring', { expiresInDays: 1 });
    expect((await use(expiring.token)).status).toBe(200);
    await q('UPDATE api_token SET expires_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000).toISOString(),
      expiring.id,
    ]);
    expect((await use(expiring.token)).status).toBe(401);

    const revoked = await mint('revoked-by-admin');
    expect((await use(revoked.token)).status).toBe(200);
    await started.http().post(`/api/v1/tokens/${revoked.id}/revoke`).send({}).expect(200);
    expect((await use(revoked.token)).status).toBe(401);

    const kept = await mint('owner-disabled');
    expect((await use(kept.token)).status).toBe(200);
    const daveId = await userId('dave');
    await started.http().patch(`/api/v1/users/${daveId}`).send({ disabled: true }).expect(200);
    expect((await use(kept.token)).status).toBe(401);
    await http().get('/api/v1/auth/me').set('Cookie', dave.cookie).expect(401);
    expect((await signIn('dave')).status).toBe(401);
    await started.http().patch(`/api/v1/users/${daveId}`).send({ disabled: false }).expect(200);
    // a token sent as a cookie, or a cookie sent as a token, opens nothing
    await http().get('/api/v1/auth/me').set('Cookie', `cg_session=${kept.token}`).expect(401);
    await http()
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${secretOf(dave.cookie)}`)
      .expect(401);
  }, 30_000);

  it('throttles sign-in per address (any usernames) and per username (any addresses): 429, Retry-After, even with the right password', async () => {
    // 20 failures from one address, each for another (unknown) username (at once: scrypt is slow)
    const failures = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn(`nobody-${i}`, 'wrong password!!', '10.9.9.9')),
    );
    expect(failures.map((r) => r.status)).toEqual(Array(20).fill(401));
    const blocked = await signIn('alice', PASSWORD, '10.9.9.9');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(sessionCookieOf(blocked)).toBe('');
    // the same user from another address is not held back by that address
    expect((await signIn('alice', PASSWORD, '10.9.9.10')).status).toBe(200);

    // 5 failures for one username, each from another address
    const wrong = await Promise.all(
      Array.from({ length: 5 }, (_, i) => signIn('bob', 'wrong password!!', `10.8.0.${i + 1}`)),
    );
    expect(wrong.map((r) => r.status)).toEqual(Array(5).fill(401));
    const held = await signIn('bob', PASSWORD, '10.8.0.99');
    expect(held.status).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    expect(sessionCookieOf(held)).toBe('');
    // another user from that address signs in
    expect((await signIn('carol', PASSWORD, '10.8.0.99')).status).toBe(200);
    const refused = await q(
      "SELECT actor_name, detail FROM audit_event WHERE action = 'auth.sign-in-failed' AND actor_name = 'bob' ORDER BY id",
    );
    expect(String(refused.at(-1)!['detail'])).toMatch(/throttled/);
  }, 30_000);

  it('records an export event for every route that answers CSV, with the actor and the rows', async () => {
    const jobs = started.app.get(JobsService);
    for (const job of ['reevaluate', 'digest-daily', 'digest-weekly'])
      expect((await jobs.run(job, SYSTEM)).status).not.toBe('failed');
    const first = <T>(res: request.Response): T => (res.body.items as T[])[0]!;
    const ids: Record<string, string> = {
      claims: first<{ id: string }>(await started.http().get('/api/v1/claims?limit=1').expect(200)).id,
      files: first<{ id: string }>(await started.http().get('/api/v1/files?limit=1').expect(200)).id,
      remittances: first<{ id: string }>(await started.http().get('/api/v1/remittances?limit=1').expect(200))
        .id,
      digests: first<{ id: string }>(await started.http().get('/api/v1/digests?limit=1').expect(200)).id,
    };
    ids['worklist/claims'] = ids['claims']!;
    ids['claimId'] = ids['claims']!;
    const answeredCsv: string[] = [];
    const problems: string[] = [];
    for (const [route, access] of Object.entries(ACCESS_MATRIX)) {
      const [method, path] = route.split(' ') as [string, string];
      if (method !== 'GET' || !path.startsWith('/api/v1/')) continue;
      // as a role the table allows (admin only when no other may); public routes anonymously
      const who: Role | null = access === 'public' ? null : access.length > 0 ? access[0]! : 'admin';
      const url = concrete(path, ids) + (path.endsWith('/csv') ? '' : '?format=csv');
      const before = await maxAuditId();
      const res =
        who === null
          ? await http().get(url)
          : who === 'admin'
            ? await started.http().get(url)
            : await (await started.as(who)).get(url);
      if (!/^text\/csv/.test(String(res.headers['content-type']))) continue;
      answeredCsv.push(route);
      const events = await q(
        'SELECT actor_name, action, target_id, detail FROM audit_event WHERE id > ? ORDER BY id',
        [before],
      );
      const exports = events.filter((e) => /\.export$/.test(String(e['action'])));
      const actor = who === null ? 'anonymous' : `test-${who}`;
      const rows = parseCsv(res.text).length - 1;
      const raw = exports[0]?.['detail'] ?? '{}';
      const detail = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { shown?: number };
      const ok =
        exports.length === 1 &&
        exports[0]!['actor_name'] === actor &&
        (detail.shown === rows || (exports[0]!['target_id'] !== null && path.includes(':id')));
      if (!ok) problems.push(`${route}: ${rows} rows; events ${JSON.stringify(events).slice(0, 300)}`);
    }
    expect(problems).toEqual([]);
    // the sweep is not vacuous: the lists, reports and files known to export CSV all did
    expect(answeredCsv).toEqual(
      expect.arrayContaining([
        'GET /api/v1/audit',
        'GET /api/v1/claims',
        'GET /api/v1/worklist',
        'GET /api/v1/remittances',
        'GET /api/v1/reports/summary',
        'GET /api/v1/reports/denials',
        'GET /api/v1/reports/claims',
        'GET /api/v1/reports/deadlines',
        'GET /api/v1/reports/leakage/items',
        'GET /api/v1/digests/:id/csv',
      ]),
    );
  }, 60_000);

  it('exercises the error paths whose log could carry PHI: bad uploads and imports, the inbox, pages, searches', async () => {
    const patients = patientsOf(sim);
    const p = patients[0]!;
    const x12 = readdirSync(join(sim.dir, 'months', '2026-01')).find((f) => f.startsWith('837'))!;
    const text = readFileSync(join(sim.dir, 'months', '2026-01', x12), 'utf8');
    const bad = join(work, 'bad');
    mkdirSync(bad);
    const badFiles: [string, string | Buffer][] = [
      ['truncated.x12', text.slice(0, Math.floor(text.length / 2))],
      [
        'garbled.x12',
        text.replace(/DMG\*D8\*\d{8}/g, 'DMG*D8*NOTADATE').replace(/CLM\*([^*]*)\*[\d.]+/g, 'CLM*$1*ABC'),
      ],
      ['no-envelope.x12', text.replace(/^ISA[^~]*~/, '')],
      ['binary.x12', Buffer.from([0, 1, 2, 255, 254, 10, 13])],
    ];
    for (const [name, content] of badFiles) {
      writeFileSync(join(bad, name), content);
      const res = await started.http().post('/api/v1/files').attach('file', join(bad, name));
      expect(res.status).toBeLessThan(500);
    }
    // a duplicate of a good file
    expect(
      (
        await started
          .http()
          .post('/api/v1/files')
          .attach('file', join(sim.dir, 'months', '2026-01', x12))
      ).status,
    ).toBeLessThan(500);
    const eligibility = readFileSync(join(sim.dir, 'eligibility.csv'), 'utf8').split('\n');
    writeFileSync(
      join(bad, 'eligibility.csv'),
      [
        eligibility[0],
        eligibility[1]!.replace(/\d{4}-\d{2}-\d{2}/, '1950-13-45'),
        `${eligibility[2]},extra,cells`,
        'x,y',
      ].join('\n'),
    );
    expect(
      (await started.http().post('/api/v1/inputs/eligibility').attach('file', join(bad, 'eligibility.csv')))
        .status,
    ).toBeLessThan(500);
    writeFileSync(
      join(bad, 'notes.json'),
      `{"resourceType":"Bundle","entry":[{"resource":{"name":[{"family":"${p.lastName}"}]}}`,
    );
    expect(
      (await started.http().post('/api/v1/inputs/documentation').attach('file', join(bad, 'notes.json')))
        .status,
    ).toBeLessThan(500);

    // the inbox: a good file again and a bad one
    copyFileSync(join(sim.dir, 'months', '2026-01', x12), join(work, 'uploads-inbox', 'again.x12'));
    copyFileSync(join(bad, 'garbled.x12'), join(work, 'uploads-inbox', 'garbled.x12'));
    expect((await started.app.get(JobsService).run('inbox', SYSTEM)).status).toBeDefined();

    // storage failing under a file named after a patient (a clinic may name files so), by upload
    // and through the inbox: the failures are logged, the names must not be
    const named = join(bad, `${p.lastName}_${p.firstName}_${p.dob}.x12`);
    copyFileSync(join(sim.dir, 'months', '2026-01', x12), named);
    const appendToFile = (f: string) => writeFileSync(f, `${readFileSync(f, 'utf8')}\n`);
    appendToFile(named);
    const files = started.app.get(ReceivedFilesRepository);
    const storage = jest.spyOn(files, 'saveOutcome').mockRejectedValue(new Error('disk I/O error'));
    try {
      expect((await started.http().post('/api/v1/files').attach('file', named)).status).toBeLessThan(600);
      appendToFile(named);
      // Named after the patient too: the inbox's failure summary and log lines leave file names out.
      copyFileSync(named, join(work, 'uploads-inbox', basename(named)));
      const inbox = started.app.get(InboxService) as unknown as Record<string, () => Promise<unknown>>;
      const take = jest.spyOn(inbox, 'take').mockRejectedValue(new Error('EACCES: permission denied'));
      try {
        await started.app.get(JobsService).run('inbox', SYSTEM);
      } finally {
        take.mockRestore();
      }
    } finally {
      storage.mockRestore();
    }

    // pages, searches and lookups by patient, missing records, failed sign-ins with a name as username
    const claimId = (await started.http().get('/api/v1/claims?limit=1').expect(200)).body.items[0]
      .id as string;
    for (const url of [
      `/claims/${claimId}`,
      `/api/v1/claims/${claimId}`,
      `/api/v1/claims/${claimId}/findings`,
      `/api/v1/worklist/claims/${claimId}`,
      `/api/v1/claims?patient=${encodeURIComponent(p.lastName)}`,
      `/api/v1/claims?patient=${encodeURIComponent(`${p.firstName} ${p.lastName}`)}`,
      `/api/v1/inputs/patient-problems`,
      `/api/v1/worklist?queue=denied`,
      `/worklist`,
      `/dashboard`,
      `/api/v1/claims/${NO_SUCH_ID}`,
      `/api/v1/claims?memberId=${[...p.memberIds][0] ?? 'X'}`,
      `/api/v1/reports/claims?dob=${p.dob}`,
    ]) {
      expect((await started.http().get(url)).status).toBeLessThan(500);
    }
    expect((await signIn(`${p.firstName} ${p.lastName}`, p.dob, '10.7.0.1')).status).toBe(401);
    expect((await signIn(p.lastName, [...p.memberIds][0] ?? p.dob, '10.7.0.1')).status).toBe(401);
  }, 60_000);

  it('no route changes the audit log: every non-GET method on every path, as admin, with junk bodies', async () => {
    const hashOf = async (upTo: number) =>
      createHash('sha256')
        .update(
          JSON.stringify(
            await q(
              `SELECT id, at, actor_id, actor_name, actor_role, via, action, target_type, target_id, outcome, detail, ip, user_agent
                 FROM audit_event WHERE id <= ? ORDER BY id`,
              [upTo],
            ),
          ),
        )
        .digest('hex');
    const lastId = await maxAuditId();
    const countBefore = await auditCount();
    const before = await hashOf(lastId);
    const junk = {
      id: lastId,
      action: 'tampered',
      outcome: 'ok',
      actorName: 'nobody',
      at: '2000-01-01T00:00:00Z',
      detail: 'x',
    };
    const paths = new Set(Object.keys(ACCESS_MATRIX).map((r) => r.split(' ')[1]!));
    for (const extra of [
      '/api/v1/audit',
      `/api/v1/audit/${lastId}`,
      '/api/v1/audit/1',
      '/api/v1/audit/events',
    ])
      paths.add(extra);
    const declared = new Set(Object.keys(ACCESS_MATRIX));
    const serverErrors: string[] = [];
    let requests = 0;
    for (const path of paths) {
      for (const method of ['post', 'put', 'patch', 'delete'] as const) {
        const isRoute = declared.has(`${method.toUpperCase()} ${path}`);
        for (const id of [String(lastId)]) {
          for (const body of isRoute ? [{}, junk] : [junk]) {
            const url = concrete(path, { id, name: JOB_NAMES.includes(id as never) ? id : 'retention' });
            const res = await started.http()[method](url).send(body);
            requests++;
            if (res.status >= 500) serverErrors.push(`${method} ${url}: ${res.status}`);
          }
        }
        if (!isRoute && path.includes('audit'))
          expect((await started.http()[method](path).send(junk)).status).toBe(404);
      }
    }
    // every job, retention included, run now
    for (const job of JOB_NAMES) await started.app.get(JobsService).run(job, SYSTEM);
    await started.app.get(JobsService).idle();
    expect(requests).toBeGreaterThanOrEqual(paths.size * 4);
    expect(serverErrors).toEqual([]);
    expect(await hashOf(lastId)).toBe(before);
    expect(await auditCount()).toBeGreaterThanOrEqual(countBefore);
  }, 90_000);

  it('writes no PHI to the log: no simulated patient’s name, member id or date of birth in all the above', () => {
    const patients = patientsOf(sim);
    expect(patients.length).toBeGreaterThan(10);
    const lines = log
      .join('')
      .split('\n')
      .filter((l) => l.trim() !== '');
    // the log is not empty: the app did log (start-up, jobs, errors)
    expect(lines.length).toBeGreaterThan(5);
    expect(phiHits(lines, patients)).toEqual([]);
  }, 30_000);
});
