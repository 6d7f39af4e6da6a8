/**
 * The web module over HTTP (no browser): page routes by role, the sign-in redirect, the role homes,
 * and the static assets (types, caching, nothing outside the assets folder).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Role } from '../../src/auth/roles.js';
import { startE2eApp, type E2eApp } from '../support/e2e-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.js';

const PAGES: Record<string, readonly Role[]> = {
  '/worklist': ['billing', 'admin'],
  '/coding': ['coding', 'admin'],
  '/dashboard': ['finance', 'admin'],
  '/digests': ['billing', 'finance', 'admin'],
  '/uploads': ['billing', 'coding', 'admin'],
  '/admin': ['admin'],
  '/claims/0190a5a1-0000-7000-8000-000000000001': ['billing', 'coding', 'finance', 'admin'],
};
const HOME: Record<Role, string> = {
  billing: '/worklist',
  coding: '/coding',
  finance: '/dashboard',
  admin: '/admin',
};

describe('web pages and assets (e2e)', () => {
  let db: TestDatabase;
  let e2e: E2eApp;
  let work: string;
  const savedAssets = process.env['WEB_ASSETS_DIR'];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'claimguard-web-e2e-'));
    // A stand-in assets folder: the route serves whatever the build wrote.
    const assets = join(work, 'assets');
    mkdirSync(join(assets, 'pages'), { recursive: true });
    writeFileSync(join(assets, 'app.css'), 'body{}');
    writeFileSync(join(assets, 'pages', 'worklist.js'), 'export {};');
    writeFileSync(join(assets, '.secret.js'), 'HIDDEN-CONTENT');
    writeFileSync(join(work, 'outside.js'), 'OUTSIDE-CONTENT');
    db = await createTestDatabase('sqlite');
    e2e = await startE2eApp(db, join(work, 'uploads'), { WEB_ASSETS_DIR: assets });
  });

  afterAll(async () => {
    await e2e?.close();
    if (savedAssets === undefined) delete process.env['WEB_ASSETS_DIR'];
    else process.env['WEB_ASSETS_DIR'] = savedAssets;
    await db?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  const http = () => request(e2e.app.getHttpServer());

  it('sends a page request without a session to the sign-in page, keeping the address', async () => {
    const res = await http().get('/worklist?queue=denied&payerId=P1').set('Accept', 'text/html');
    expect(res.status).toBe(302);
    expect(res.headers['location']).toBe(
      `/sign-in?next=${encodeURIComponent('/worklist?queue=denied&payerId=P1')}`,
    );
  });

  it('serves the sign-in page to anyone, with the strict CSP and no inline script', async () => {
    const res = await http().get('/sign-in');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.text).toContain('<script type="module" src="/assets/pages/sign-in.js"></script>');
    expect(res.text).not.toMatch(/<script>|<style|\sstyle=/);
  });

  it.each(['billing', 'coding', 'finance', 'admin'] as Role[])(
    '%s: its pages answer 200, the others 403',
    async (role) => {
      const { token } = await e2e.tokenFor(role, `web-${role}`);
      for (const [path, roles] of Object.entries(PAGES)) {
        const res = await http().get(path).set('Accept', 'text/html').auth(token, { type: 'bearer' });
        expect({ path, status: res.status }).toEqual({ path, status: roles.includes(role) ? 200 : 403 });
        expect(res.headers['content-type']).toMatch(/^text\/html/);
      }
      const home = await http().get('/').auth(token, { type: 'bearer' });
      expect(home.status).toBe(302);
      expect(home.headers['location']).toBe(HOME[role]);
    },
  );

  it('answers a claim page address without a claim id with a 404 page', async () => {
    const { token } = await e2e.tokenFor('billing', 'web-billing-404');
    const res = await http().get('/claims/not-an-id').auth(token, { type: 'bearer' });
    expect(res.status).toBe(404);
    expect(res.text).toContain('No such claim');
  });

  it('serves assets with their type, revalidated on each use', async () => {
    const js = await http().get('/assets/pages/worklist.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('no-cache');
    expect(js.headers['etag']).toBeDefined();
    const again = await http().get('/assets/pages/worklist.js').set('If-None-Match', js.headers['etag']!);
    expect(again.status).toBe(304);
    const css = await http().get('/assets/app.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it.each([
    '/assets/missing.js',
    '/assets/.secret.js',
    '/assets/../outside.js',
    '/assets/%2e%2e/outside.js',
    '/assets/pages/..%2f..%2foutside.js',
    '/assets/pages',
    '/assets/app.exe',
  ])('does not serve %s', async (path) => {
    const res = await http().get(path);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('OUTSIDE-CONTENT');
    expect(res.text).not.toContain('HIDDEN-CONTENT');
  });
});
