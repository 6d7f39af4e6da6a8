import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { type E2eApp, startE2eApp } from '../support/e2e-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';
import { ACCESS_MATRIX } from './access-matrix.js';

/**
 * Issue 10, API fuzz: every route of the access table, as an admin (so the role check never answers
 * first), with malformed path ids, each query parameter its DTO declares (read from the OpenAPI
 * document) set to SQL metacharacters, invalid dates and numbers, repeated parameters, an oversized
 * query string, and wrongly typed JSON bodies for POST and PATCH. Every answer must be below 500 and
 * an error must carry a message (JSON for the API, HTML for pages). A bounded, seeded sample per
 * route keeps the run short (every malformed id, PER_ROUTE sampled query and body cases, the fixed
 * ones); FUZZ_PER_ROUTE and FUZZ_SEED change the sample for a longer run by hand.
 */

const PER_ROUTE = Number(process.env['FUZZ_PER_ROUTE'] ?? 24);
/** A run by hand with a larger sample gets more time per route. */
const LONG_RUN = PER_ROUTE > 24;
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261127);

/** A UUID nobody has: bodies are fuzzed against it, so a body that happens to be valid changes nothing. */
const NOBODY = '0190b3c4-0000-7000-8000-000000000000';

/** Path ids as sent on the wire (already percent-encoded where a raw character is not allowed). */
const BAD_IDS = [
  "'",
  ';--',
  '%27%20OR%20%271%27%3D%271',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '..',
  'x'.repeat(10_240),
  encodeURIComponent('ünïcødé ✓ 患者'),
  '%E0%A4%A',
  '%',
  '1%20OR%201%3D1',
  '0190b3c4-0000-7000-8000-00000000000G',
  '-1',
  '9007199254740993',
  'NaN',
];

/** Query values (unencoded; each is sent percent-encoded), by family. */
const SQL = [
  "' OR '1'='1",
  '1; DROP TABLE claim;--',
  '" OR 1=1 --',
  "%' UNION SELECT password_hash FROM app_user --",
  '\\',
  '$1',
  '?',
];
const DATES = ['2026-02-30', '99999-01-01', '2026-13-01', '0000-00-00', '2026-02-30T25:61:00Z', '20260101'];
const NUMBERS = ['NaN', '1e309', '-1', '9007199254740993', 'Infinity', '0x10', '1.5', '', ' '];
const ODD = ['\u0000', 'ünïcødé ✓', 'a'.repeat(10_000), '[]', '{}', 'true', 'null', 'undefined', '__proto__'];
const VALUES = [...SQL, ...DATES, ...NUMBERS, ...ODD];
/** Query strings sent raw: broken percent-encoding. */
const RAW_VALUES = ['%', '%E0%A4%A', '%ZZ'];

/** Bodies of the wrong shape or types. */
const BAD_BODIES: unknown[] = [
  [],
  'a string',
  42,
  null,
  { __proto__: { admin: true }, constructor: { prototype: { x: 1 } } },
  { a: { b: { c: [1, 2, { d: null }] } } },
];

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  schema?: { type?: string; format?: string; enum?: unknown[] };
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: {
    content?: Record<string, { schema?: { $ref?: string; properties?: Record<string, unknown> } }>;
  };
}
interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, { properties?: Record<string, { type?: string }> }> };
}

/** One request of the campaign. */
interface Case {
  what: string;
  url: string;
  body?: unknown;
  rawBody?: string;
}

describe.each(databaseKinds)('API fuzz on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let work: string;
  let doc: OpenApiDoc;
  let signOutAgent: () => TestAgent;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase(kind);
    work = mkdtempSync(join(tmpdir(), 'claimguard-api-fuzz-'));
    started = await startE2eApp(db, join(work, 'uploads'), {
      EVALUATE_ON_START: 'false',
      EVALUATE_ON_IMPORT: 'false',
      EVALUATE_ON_INGEST: 'false',
    });
    doc = (await started.http().get('/api/docs-json').expect(200)).body as OpenApiDoc;
    // Sign-out is fuzzed with a token of its own: it may end the session of the token it is sent with.
    const { token } = await started.tokenFor('admin', 'fuzz-sign-out');
    signOutAgent = () => started.http().set('Authorization', `Bearer ${token}`);
  }, 60_000);

  /** Requests sent (logged on a long run, for the record). */
  let sent = 0;

  afterAll(async () => {
    if (LONG_RUN)
      console.log(`api fuzz on ${kind}: ${sent} requests, seed ${SEED}, ${PER_ROUTE} sampled per route`);
    await started?.close();
    await db?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  /** The OpenAPI operation of `METHOD /path` (`:id` → `{id}`), if documented. */
  function operation(method: string, path: string): OpenApiOperation | undefined {
    const key = path.replace(/:([A-Za-z]+)/g, '{$1}');
    return doc.paths[key]?.[method.toLowerCase()];
  }

  function bodyProperties(op: OpenApiOperation | undefined): Record<string, { type?: string }> {
    const schema = op?.requestBody?.content?.['application/json']?.schema;
    if (!schema) return {};
    if (schema.$ref) return doc.components?.schemas?.[schema.$ref.split('/').pop()!]?.properties ?? {};
    return (schema.properties ?? {}) as Record<string, { type?: string }>;
  }

  /** The cases of one route: a seeded sample of at most PER_ROUTE, plus the fixed ones. */
  function casesFor(route: string): Case[] {
    const [method, path] = route.split(' ') as [string, string];
    const random = prng(SEED ^ [...route].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7));
    const params = [...path.matchAll(/:([A-Za-z]+)|\*([A-Za-z]+)/g)].map((m) => m[0]);
    const fill = (value: string, only?: string) =>
      params.reduce(
        (p, name) =>
          p.replace(
            name,
            name === only || only === undefined ? value : name.startsWith('*') ? 'app.css' : NOBODY,
          ),
        path,
      );
    const base = params.reduce(
      (p, name) =>
        p.replace(name, name === ':kind' ? 'authorizations' : name.startsWith('*') ? 'app.css' : NOBODY),
      path,
    );
    const op = operation(method, path);
    const query = (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    // Every malformed id in every path parameter; the query and body cases are sampled.
    const ids: Case[] = [];
    const sampled: Case[] = [];
    for (const param of params) {
      for (const id of BAD_IDS) ids.push({ what: `${param}=${id.slice(0, 40)}`, url: fill(id, param) });
    }
    for (const name of query) {
      for (const v of VALUES) {
        sampled.push({
          what: `?${name}=${JSON.stringify(v.slice(0, 40))}`,
          url: `${base}?${name}=${encodeURIComponent(v)}`,
        });
      }
      for (const v of RAW_VALUES) sampled.push({ what: `?${name}=${v} (raw)`, url: `${base}?${name}=${v}` });
      sampled.push({ what: `?${name} twice`, url: `${base}?${name}=1&${name}=2` });
      sampled.push({ what: `?${name}[a]=1`, url: `${base}?${name}%5Ba%5D=1` });
    }
    const props = Object.keys(bodyProperties(op));
    const withBody = method === 'POST' || method === 'PATCH';
    if (withBody) {
      for (const body of BAD_BODIES)
        sampled.push({ what: `body ${JSON.stringify(body)?.slice(0, 40)}`, url: base, body });
      for (const prop of props) {
        // JSON text of each value, so 1e309 and 2^53+1 reach the server as written.
        for (const v of [
          '{}',
          '[]',
          '1e309',
          '-1',
          '9007199254740993',
          '"2026-02-30"',
          '"99999-01-01"',
          '"NaN"',
          JSON.stringify("' OR 1=1 --"),
          JSON.stringify('x'.repeat(10_000)),
          'null',
          'true',
        ]) {
          sampled.push({
            what: `body.${prop}=${v.slice(0, 40)}`,
            url: base,
            rawBody: `{${JSON.stringify(prop)}:${v}}`,
          });
        }
      }
    }
    const fixed: Case[] = [
      // An oversized query string: Node answers 431 itself (its header limit), never the app a 500.
      { what: '100 kB query string', url: `${base}?q=${'a'.repeat(100_000)}` },
      { what: '12 kB query string', url: `${base}?${query[0] ?? 'q'}=${'b'.repeat(12_000)}` },
      // Every documented parameter bad at once.
      ...(query.length > 0
        ? [
            {
              what: 'every parameter NUL',
              url: `${base}?${query.map((q) => `${q}=%00`).join('&')}`,
            },
            {
              what: 'every parameter bad',
              url: `${base}?${query.map((q) => `${q}=${encodeURIComponent("'; --")}`).join('&')}`,
            },
          ]
        : []),
      ...(withBody
        ? [
            { what: 'broken JSON', url: base, rawBody: '{"a":' },
            { what: 'JSON nested 10,000 deep', url: base, rawBody: '['.repeat(10_000) + ']'.repeat(10_000) },
            {
              what: 'every property of the wrong type',
              url: base,
              body: Object.fromEntries(props.map((p) => [p, { $ne: null }])),
            },
            { what: 'every property null', url: base, body: Object.fromEntries(props.map((p) => [p, null])) },
            {
              what: 'every property a NUL string',
              url: base,
              body: Object.fromEntries(props.map((p) => [p, 'a\u0000b'])),
            },
            {
              what: 'JSON nested 65 deep',
              url: base,
              body: JSON.parse('{"a":'.repeat(65) + '1' + '}'.repeat(65)) as unknown,
            },
          ]
        : []),
    ];
    return [...ids, ...shuffle(sampled, random).slice(0, PER_ROUTE), ...fixed];
  }

  function send(route: string, c: Case): Promise<Response> {
    const [method] = route.split(' ') as [string, string];
    const agent = route === 'POST /api/v1/auth/sign-out' ? signOutAgent() : started.http();
    let req = agent[method.toLowerCase() as 'get' | 'post' | 'patch'](c.url);
    if (c.rawBody !== undefined) req = req.set('Content-Type', 'application/json').send(c.rawBody);
    else if (c.body !== undefined)
      req = req.set('Content-Type', 'application/json').send(JSON.stringify(c.body));
    return req;
  }

  /** What is wrong with an answer, or null: a 5xx, or an error without a message. */
  function problem(res: Response): string | null {
    if (res.status >= 500) return `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
    if (res.status < 400) return null;
    // Node's HTTP parser answers an oversized request line or header itself, with no body.
    if (res.status === 431 || res.status === 414) return null;
    const type = String(res.headers['content-type'] ?? '');
    if (type.includes('application/json')) {
      const message = (res.body as { message?: unknown }).message;
      return typeof message === 'string' && message.length > 0
        ? null
        : `${res.status} JSON without a message`;
    }
    if (type.includes('text/html'))
      return res.text.includes('<h1>') ? null : `${res.status} HTML without a message`;
    return `${res.status} answered as ${type || 'nothing'}`;
  }

  it.each(Object.keys(ACCESS_MATRIX))(
    '%s: never a 500, always a message',
    async (route) => {
      const failures: string[] = [];
      const cases = casesFor(route);
      for (const c of cases) {
        const res = await send(route, c);
        sent++;
        const p = problem(res);
        if (p) failures.push(`${c.what} → ${p}`);
      }
      expect(failures).toEqual([]);
      // The service still serves.
      await started.http().get('/api/v1/health').expect(200);
    },
    LONG_RUN ? 600_000 : 30_000,
  );
});
