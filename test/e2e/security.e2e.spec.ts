/**
 * The HTTP hardening every answer gets: security headers (a strict Content-Security-Policy, no
 * framing, no sniffing, no x-powered-by), body size limits, error answers that never carry
 * internals (a browser gets a small HTML page with a request id), and the sign-in redirect of pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { type INestApplication, Logger } from '@nestjs/common';
import request from 'supertest';
import { AuditRepository } from '../../src/audit/audit.repository.js';
import { type E2eApp, startE2eApp } from '../support/e2e-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe.each(databaseKinds)('HTTP security on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let app: INestApplication;
  let uploadDir: string;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase(kind);
    uploadDir = mkdtempSync(join(tmpdir(), 'claimguard-security-'));
    started = await startE2eApp(db, uploadDir);
    app = started.app;
  }, 60_000);

  afterAll(async () => {
    await started?.close();
    await db?.drop();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  /** Requests without credentials. */
  const anonymous = () => request(app.getHttpServer());

  it('sends a strict Content-Security-Policy and the other security headers, and no x-powered-by', async () => {
    for (const res of [
      await anonymous().get('/api/v1/health'),
      await anonymous().get('/api/v1/nope'),
      await started.http().get('/api/v1/audit?limit=1'),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      const directives = new Map(
        csp.split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name!, values.join(' ')] as const;
        }),
      );
      expect(Object.fromEntries(directives)).toEqual({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self'",
        'img-src': "'self' data:",
        'connect-src': "'self'",
        'object-src': "'none'",
        'frame-ancestors': "'none'",
        'base-uri': "'none'",
        'form-action': "'self'",
      });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
      // Served over plain HTTP unless COOKIE_SECURE says otherwise: no HSTS.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('lets only the OpenAPI page use inline styles (Swagger UI needs them); scripts stay self-only', async () => {
    const res = await anonymous().get('/api/docs/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self';");
  });

  it('refuses JSON bodies over 512 kB and form bodies over 64 kB with a 413, as JSON without internals', async () => {
    const json = await started
      .http()
      .post('/api/v1/rules/dry-run')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ yaml: 'x'.repeat(600 * 1024) }));
    expect(json.status).toBe(413);
    expect(json.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    expect(JSON.stringify(json.body)).not.toMatch(/\bat .*\.js:\d+|node_modules|stack/);

    const form = await started
      .http()
      .post('/api/v1/auth/sign-in')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(`username=a&password=${'x'.repeat(80 * 1024)}`);
    expect(form.status).toBe(413);
    expect(form.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });

    // Under the limits, the same routes answer as usual (not 413).
    const small = await started
      .http()
      .post('/api/v1/auth/sign-in')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('username=nobody&password=wrong-password-1');
    expect(small.status).not.toBe(413);
  });

  it('answers a browser with an HTML error page: status, message and request id, no stack and no SQL', async () => {
    const repo = app.get(AuditRepository);
    const failure = new Error(
      'SQLITE_ERROR: no such column: secret_column in SELECT secret_column FROM audit_event WHERE actor_name = $1',
    );
    const spy = jest.spyOn(repo, 'list').mockRejectedValue(failure);
    try {
      const page = await started.http().get('/api/v1/audit').set('Accept', BROWSER_ACCEPT);
      expect(page.status).toBe(500);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const requestId = String(page.headers['x-request-id']);
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(page.text).toContain('500 Internal Server Error');
      expect(page.text).toContain(requestId);
      expect(page.text).not.toMatch(
        /secret_column|SELECT|audit_event|SQLITE|\bat .*\.[jt]s:\d+|node_modules/,
      );
      expect(page.text).not.toMatch(/<script|style=/);

      // The same failure as JSON for API clients, with the request id and nothing else.
      const json = await started.http().get('/api/v1/audit');
      expect(json.status).toBe(500);
      expect(json.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'internal error; see the server log',
        requestId: json.headers['x-request-id'],
      });
    } finally {
      spy.mockRestore();
    }

    const notFound = await anonymous().get('/api/v1/nope').set('Accept', BROWSER_ACCEPT);
    expect(notFound.status).toBe(404);
    expect(notFound.headers['content-type']).toMatch(/^text\/html/);
    expect(notFound.text).toContain('404 Not Found');
    // A client that does not prefer HTML still gets JSON.
    const api = await anonymous().get('/api/v1/nope').set('Accept', 'application/json, text/html;q=0.5');
    expect(api.headers['content-type']).toMatch(/^application\/json/);
  });

  it('escapes what it echoes in the HTML page', async () => {
    const res = await anonymous()
      .get('/api/v1/%3Cscript%3Ealert(1)%3C%2Fscript%3E')
      .set('Accept', BROWSER_ACCEPT);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<script>alert(1)</script>');
  });

  it('redirects a page asked for without a session to the sign-in page, with the way back', async () => {
    const res = await anonymous().get('/worklist?queue=denied').set('Accept', BROWSER_ACCEPT);
    expect(res.status).toBe(302);
    expect(res.headers['location']).toBe(`/sign-in?next=${encodeURIComponent('/worklist?queue=denied')}`);
    // An API route answers 401, never a redirect.
    const api = await anonymous().get('/api/v1/worklist');
    expect(api.status).toBe(401);
  });
});
