import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/common/configure-app.js';
import { newId } from '../../src/database/column-types.js';
import { type Scenario, seedScenario } from '../support/claims-seed.js';
import { adminHttp } from '../support/e2e-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

/** Nothing a client sees may carry a stack trace or SQL. */
function expectNoLeak(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/at .*\.[jt]s:\d+/);
  expect(text).not.toMatch(/\b(SELECT|FROM|WHERE)\b .*"(claim|remittance)"/);
  expect(text).not.toMatch(/QueryFailedError|SQLITE_|syntax error/i);
}

describe.each(databaseKinds)('claims and remittances API on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let app: INestApplication;
  let seed: Scenario;
  const saved = { SQLITE_PATH: process.env['SQLITE_PATH'], DATABASE_URL: process.env['DATABASE_URL'] };

  let http: Awaited<ReturnType<typeof adminHttp>>;
  const get = (path: string) => http().get(path);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    if (db.config.kind === 'postgres') {
      process.env['DATABASE_URL'] = db.config.url;
    } else {
      delete process.env['DATABASE_URL'];
      process.env['SQLITE_PATH'] = db.config.path;
    }
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = configureApp(moduleRef.createNestApplication({ logger: false }));
    await app.init();
    seed = await seedScenario(app.get(DataSource));
    http = await adminHttp(app);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  describe('GET /api/v1/claims', () => {
    it('answers a page of summaries with money in cents and dates as YYYY-MM-DD', async () => {
      const res = await get('/api/v1/claims?limit=3').expect(200);
      expect(res.body.items).toHaveLength(3);
      expect(typeof res.body.nextCursor).toBe('string');
      for (const item of res.body.items) {
        expect(item).toEqual(
          expect.objectContaining({
            id: expect.any(String),
            patientControlNumber: expect.any(String),
            status: expect.any(String),
            payerId: expect.any(String),
            totalChargeCents: expect.any(Number),
            paidCents: expect.any(Number),
            receivedAt: expect.any(String),
          }),
        );
        expect(Number.isInteger(item.totalChargeCents)).toBe(true);
        if (item.serviceDateFrom !== null) expect(item.serviceDateFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(item).not.toHaveProperty('detail');
      }
    });

    it('walks every page through nextCursor', async () => {
      const seen: string[] = [];
      let url: string | null = '/api/v1/claims?sort=-serviceDateFrom&limit=5';
      while (url) {
        const res: Response = await get(url).expect(200);
        seen.push(...res.body.items.map((c: { id: string }) => c.id));
        url = res.body.nextCursor
          ? `/api/v1/claims?sort=-serviceDateFrom&limit=5&cursor=${encodeURIComponent(res.body.nextCursor)}`
          : null;
      }
      expect(seen).toHaveLength(seed.claims.length);
      expect(new Set(seen).size).toBe(seed.claims.length);
    });

    it('filters by repeated status, patient and findings', async () => {
      const res = await get('/api/v1/claims?status=paid&status=denied&patient=smi&hasFindings=false').expect(
        200,
      );
      const expected = seed.claims.filter(
        (c) =>
          ['paid', 'denied'].includes(c.status) &&
          c.patientLastName.startsWith('SMI') &&
          c.findingCount === 0,
      );
      expect(res.body.items.map((c: { id: string }) => c.id).sort()).toEqual(
        expected.map((c) => c.id).sort(),
      );
    });

    it('treats SQL metacharacters in filters as plain values', async () => {
      for (const q of [
        `patient=${encodeURIComponent("' OR 1=1 --")}`,
        `payerId=${encodeURIComponent("P1' OR '1'='1")}`,
        `patient=${encodeURIComponent('%')}`,
        `payerId=${encodeURIComponent('"; DROP TABLE claim; --')}`,
      ]) {
        const res = await get(`/api/v1/claims?${q}`).expect(200);
        expect(res.body).toEqual({ items: [], nextCursor: null });
      }
      // the table is still there
      const all = await get('/api/v1/claims?limit=500').expect(200);
      expect(all.body.items).toHaveLength(seed.claims.length);
    });

    it('answers 400 listing every problem in the query', async () => {
      const res = await get(
        '/api/v1/claims?serviceDateFrom=2026-02-30&serviceDateTo=2026-13-01&billingNpi=123&renderingNpi=abcdefghij' +
          '&limit=0&status=lost&sort=id&hasFindings=maybe&color=red&cursor=%25%25',
      ).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.problems).toEqual(
        expect.arrayContaining([
          'serviceDateFrom must be a real date written YYYY-MM-DD',
          'serviceDateTo must be a real date written YYYY-MM-DD',
          'billingNpi must be 10 digits',
          'renderingNpi must be 10 digits',
          'limit must be a whole number from 1 to 500',
          expect.stringMatching(/^each value in status must be one of/),
          expect.stringMatching(/^sort must be one of/),
          'hasFindings must be a boolean value',
          'property color should not exist',
          expect.stringMatching(/^cursor is not valid/),
        ]),
      );
      expect(res.body.problems).toHaveLength(10);
      expectNoLeak(res.body);
    });

    it('answers 400 for a date range that ends before it starts', async () => {
      const res = await get('/api/v1/claims?serviceDateFrom=2026-02-01&serviceDateTo=2026-01-01').expect(400);
      expect(res.body.problems).toEqual(['serviceDateTo must not be before serviceDateFrom']);
    });

    it('answers 400 for a tampered cursor, and for a cursor of another sort', async () => {
      const first = await get('/api/v1/claims?limit=2&sort=totalCharge').expect(200);
      const cursor: string = first.body.nextCursor;
      const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      const tampered = [
        cursor.slice(0, -2),
        `${cursor}x`,
        Buffer.from(JSON.stringify([payload[0], '1 OR 1=1', payload[2]])).toString('base64url'),
        Buffer.from(JSON.stringify([payload[0], payload[1], "' OR ''='"])).toString('base64url'),
      ];
      for (const t of tampered) {
        const res = await get(
          `/api/v1/claims?limit=2&sort=totalCharge&cursor=${encodeURIComponent(t)}`,
        ).expect(400);
        expect(res.body.problems).toEqual([expect.stringMatching(/^cursor is not valid/)]);
        expectNoLeak(res.body);
      }
      const other = await get(`/api/v1/claims?limit=2&sort=-totalCharge&cursor=${cursor}`).expect(400);
      expect(other.body.problems).toEqual([expect.stringMatching(/issued for another sort/)]);
    });
  });

  describe('GET /api/v1/claims/:id', () => {
    it('answers the claim with lines, diagnoses, providers, history and remittances', async () => {
      const res = await get(`/api/v1/claims/${seed.full.id}`).expect(200);
      expect(res.body).toMatchObject({
        id: seed.full.id,
        totalChargeCents: 15000,
        supersededById: null,
        duplicateOfId: null,
        lines: [
          { lineNumber: 1, procedureCode: '99213' },
          { lineNumber: 2, procedureCode: '85025' },
        ],
        diagnoses: [
          { seq: 1, code: 'E119' },
          { seq: 2, code: 'I10' },
        ],
        history: [{ kind: 'received' }, { kind: 'remittance-linked' }, { kind: 'remittance-linked' }],
        remittances: [
          {
            remittance: { traceNumber: 'TRN001', payerId: 'P1', paymentDate: '2026-02-10' },
            adjustments: [{ groupCode: 'CO', reasonCode: '45', amountCents: 2000 }],
            remarkCodes: ['MA01'],
            services: [{ seq: 1, remarkCodes: ['N130'] }, { seq: 2 }],
          },
          { isReversal: true, remittance: { traceNumber: 'TRN002' } },
        ],
      });
      expect(res.body.providers).toHaveLength(2);
      expect(res.body).not.toHaveProperty('detail');
    });

    it('adds the parsed model with include=detail', async () => {
      const res = await get(`/api/v1/claims/${seed.full.id}?include=detail`).expect(200);
      expect(res.body.detail).toEqual(seed.full.detail);
    });

    it('answers 400 for a bad include or an id that is not a UUID', async () => {
      const bad = await get(`/api/v1/claims/${seed.full.id}?include=everything`).expect(400);
      expect(bad.body.problems).toEqual(['include must be one of the following values: detail']);
      for (const id of ['123', 'not-a-uuid', encodeURIComponent("' OR 1=1 --")]) {
        const res = await get(`/api/v1/claims/${id}`).expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(res.body.message).toMatch(/uuid/i);
        expectNoLeak(res.body);
      }
    });

    it('answers 404 for an unknown id', async () => {
      const id = newId();
      const res = await get(`/api/v1/claims/${id}`).expect(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: `claim ${id} not found` });
    });
  });

  describe('remittances', () => {
    it('GET /api/v1/remittances answers summaries, filtered and paginated', async () => {
      const all = await get('/api/v1/remittances').expect(200);
      expect(all.body.items).toHaveLength(seed.remittances.length);
      expect(all.body.items[0]).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          traceNumber: expect.any(String),
          totalPaymentCents: 0,
        }),
      );
      const trace = await get(`/api/v1/remittances?traceNumber=${encodeURIComponent("TRN'004")}`).expect(200);
      expect(trace.body.items.map((r: { traceNumber: string }) => r.traceNumber)).toEqual(["TRN'004"]);
      const page = await get('/api/v1/remittances?sort=paymentDate&limit=2').expect(200);
      expect(page.body.items).toHaveLength(2);
      const next = await get(
        `/api/v1/remittances?sort=paymentDate&limit=2&cursor=${page.body.nextCursor}`,
      ).expect(200);
      expect(next.body.items).toHaveLength(2);
      expect(next.body.items[0].id).not.toBe(page.body.items[1].id);
    });

    it('GET /api/v1/remittances answers 400 with every problem', async () => {
      const res = await get(
        '/api/v1/remittances?paymentDateFrom=2026-02-31&limit=501&sort=totalCharge',
      ).expect(400);
      expect(res.body.problems).toEqual([
        'paymentDateFrom must be a real date written YYYY-MM-DD',
        expect.stringMatching(/^sort must be one of/),
        'limit must be a whole number from 1 to 500',
      ]);
    });

    it('GET /api/v1/remittances/:id answers the header, claim payments and PLB', async () => {
      const r1 = seed.remittances[0]!;
      const res = await get(`/api/v1/remittances/${r1.id}`).expect(200);
      expect(res.body).toMatchObject({ id: r1.id, traceNumber: 'TRN001', providerAdjustmentCents: 1500 });
      expect(res.body.claimPayments[0]).toMatchObject({
        claimId: seed.full.id,
        services: [{ seq: 1 }, { seq: 2 }],
      });
      expect(res.body.providerAdjustments).toHaveLength(2);
    });

    it('GET /api/v1/remittances/:id answers 400 for a non-UUID and 404 for an unknown id', async () => {
      await get('/api/v1/remittances/12345').expect(400);
      const res = await get(`/api/v1/remittances/${newId()}`).expect(404);
      expect(res.body.error).toBe('Not Found');
    });

    it('GET /api/v1/remittances/unmatched answers unmatched payments, newest first, with their remittance', async () => {
      const res = await get('/api/v1/remittances/unmatched?limit=500').expect(200);
      expect(res.body.items.map((p: { id: string }) => p.id)).toEqual(
        seed.unmatched.map((p) => p.id).sort((a, b) => (a < b ? 1 : -1)),
      );
      expect(res.body.items[0]).toMatchObject({
        matchStatus: 'unmatched',
        claimId: null,
        remittance: { traceNumber: expect.any(String), payerId: expect.any(String) },
      });
      const bad = await get('/api/v1/remittances/unmatched?limit=0&cursor=zzz').expect(400);
      expect(bad.body.problems).toHaveLength(2);
    });
  });

  it('lists the routes and their parameters in the OpenAPI document', async () => {
    const res = await get('/api/docs-json').expect(200);
    const paths = res.body.paths as Record<string, { get?: { parameters?: { name: string }[] } }>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/claims',
        '/api/v1/claims/{id}',
        '/api/v1/remittances',
        '/api/v1/remittances/unmatched',
        '/api/v1/remittances/{id}',
      ]),
    );
    const claimParams = paths['/api/v1/claims']!.get!.parameters!.map((p) => p.name);
    expect(claimParams).toEqual(
      expect.arrayContaining([
        'payerId',
        'status',
        'serviceDateFrom',
        'serviceDateTo',
        'billingNpi',
        'renderingNpi',
        'patient',
        'hasFindings',
        'sort',
        'limit',
        'cursor',
      ]),
    );
    expect(paths['/api/v1/remittances']!.get!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'payerId',
        'paymentDateFrom',
        'paymentDateTo',
        'traceNumber',
        'sort',
        'limit',
        'cursor',
      ]),
    );
    expect(Object.keys(res.body.components.schemas)).toEqual(
      expect.arrayContaining(['ClaimPageDto', 'ClaimDetailDto', 'RemittanceDetailDto', 'ErrorResponseDto']),
    );
  });
});
