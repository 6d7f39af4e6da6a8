import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ROLES, type Role } from '../../src/auth/roles.js';
import { type E2eApp, startE2eApp } from '../support/e2e-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.js';
import { ACCESS_MATRIX, type Access, SESSION_ONLY } from './access-matrix.js';

/** Every `METHOD /path` the app serves, read from its Express router. */
function appRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  const out = new Set<string>();
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') out.add(`${method.toUpperCase()} ${layer.route.path}`);
    }
  }
  return [...out].sort();
}

/** A concrete path for a route pattern: ids become a UUID nobody has, kinds a valid kind. */
function concrete(path: string): string {
  return path
    .replace(':kind', 'authorizations')
    .replace(/:[A-Za-z]+/g, '0190b3c4-0000-7000-8000-000000000000')
    .replace(/\*[A-Za-z]*/g, 'app.css');
}

const WHO = ['anonymous', ...ROLES] as const;
type Who = (typeof WHO)[number];

function expected(access: Access, who: Who): 'allowed' | 'unauthenticated' | 'forbidden' {
  if (access === 'public' || who === 'admin')
    return who === 'anonymous' && access !== 'public' ? 'unauthenticated' : 'allowed';
  if (who === 'anonymous') return 'unauthenticated';
  return access.includes(who as Exclude<Role, 'admin'>) ? 'allowed' : 'forbidden';
}

describe('every route against every role (e2e)', () => {
  let db: TestDatabase;
  let started: E2eApp;
  let work: string;
  const tokens = new Map<Who, string>();

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    work = mkdtempSync(join(tmpdir(), 'claimguard-access-'));
    started = await startE2eApp(db, join(work, 'uploads'), { EVALUATE_ON_START: 'false' });
    for (const role of ROLES) tokens.set(role, (await started.tokenFor(role)).token);
  }, 60_000);

  afterAll(async () => {
    await started?.close();
    await db?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('serves exactly the routes the access table names (a new route must be added there with its roles)', () => {
    // OpenAPI's own document routes (/api/docs…) are Swagger's static pages, not the app's.
    const routes = appRoutes(started.app).filter((r) => !/ \/api\/docs/.test(r));
    expect(routes.filter((r) => !(r in ACCESS_MATRIX))).toEqual([]);
    expect(Object.keys(ACCESS_MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it.each(Object.entries(ACCESS_MATRIX))(
    '%s: allowed or refused for each role as the table says',
    async (route, access) => {
      const [method, path] = route.split(' ') as [string, string];
      const url = concrete(path);
      const seen: Record<string, number> = {};
      const wrong: string[] = [];
      for (const who of WHO) {
        let req = request(started.app.getHttpServer())[method.toLowerCase() as 'get' | 'post' | 'patch'](url);
        const token = tokens.get(who);
        if (token) req = req.set('Authorization', `Bearer ${token}`);
        const res = await req.send({});
        seen[who] = res.status;
        // Every caller here but anonymous uses an API token.
        const want = SESSION_ONLY.has(route) && who !== 'anonymous' ? 'forbidden' : expected(access, who);
        const toSignIn = res.status === 302 && String(res.headers['location']).startsWith('/sign-in');
        const got =
          res.status === 401 || toSignIn ? 'unauthenticated' : res.status === 403 ? 'forbidden' : 'allowed';
        if (got !== want)
          wrong.push(`${who}: wanted ${want}, got ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
      expect(wrong).toEqual([]);
      // a refusal never reaches the handler: its answer is the guard's, not a 400/404 from the route
      expect(Object.values(seen).every((s) => s < 500)).toBe(true);
    },
  );

  it('pages: without a session they send the browser to sign in; with the wrong role they answer 403', async () => {
    const http = () => request(started.app.getHttpServer());
    const home = await http().get('/worklist');
    expect(home.status).toBe(302);
    expect(home.headers['location']).toBe('/sign-in?next=%2Fworklist');
    const finance = await http()
      .get('/worklist')
      .set('Authorization', `Bearer ${tokens.get('finance')}`);
    expect(finance.status).toBe(403);
    expect(finance.text).not.toMatch(/at .*\.[jt]s:\d+/);
    const billing = await http()
      .get('/worklist')
      .set('Authorization', `Bearer ${tokens.get('billing')}`);
    expect(billing.status).toBe(200);
    expect((await http().get('/sign-in')).status).toBe(200);
  });
});
