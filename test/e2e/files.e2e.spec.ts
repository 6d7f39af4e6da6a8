import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/common/configure-app.js';
import { projectRoot } from '../corpus/corpus-files.js';
import { adminHttp } from '../support/e2e-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const valid = (name: string) => join(projectRoot, 'fixtures/x12/valid', name);
const invalid = (name: string) => join(projectRoot, 'fixtures/x12/invalid', name);
const ingestFixture = (name: string) => join(projectRoot, 'fixtures/x12/ingest', name);

const ENV_KEYS = ['DATABASE_URL', 'SQLITE_PATH', 'UPLOAD_DIR', 'UPLOAD_LIMIT_MB'] as const;
const DATA_TABLES = [
  'claim',
  'claim_line',
  'claim_diagnosis',
  'claim_provider',
  'claim_event',
  'remittance',
  'claim_payment',
  'service_payment',
  'payment_adjustment',
  'remark_code',
  'provider_adjustment',
];

/** Starts the whole app on a fresh database of `kind`, with uploads in a temp folder. */
async function startApp(
  db: TestDatabase,
  uploadDir: string,
  env: Record<string, string> = {},
): Promise<INestApplication> {
  for (const k of ENV_KEYS) delete process.env[k];
  if (db.config.kind === 'postgres') process.env['DATABASE_URL'] = db.config.url;
  else process.env['SQLITE_PATH'] = db.config.path;
  process.env['UPLOAD_DIR'] = uploadDir;
  Object.assign(process.env, env);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: false }));
  await app.init();
  return app;
}

type Http = Awaited<ReturnType<typeof adminHttp>>;

function noStack(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
  expect(text).not.toMatch(/\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b/);
}

describe.each(databaseKinds)('/api/v1/files on %s (e2e)', (kind) => {
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  let db: TestDatabase;
  let app: INestApplication;
  let ds: DataSource;
  let uploadDir: string;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase(kind);
    uploadDir = mkdtempSync(join(tmpdir(), 'claimguard-uploads-'));
    app = await startApp(db, uploadDir);
    ds = app.get(DataSource);
    http = await adminHttp(app);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(uploadDir, { recursive: true, force: true });
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of DATA_TABLES) {
      const [row] = await ds.query(`SELECT COUNT(*) AS n FROM ${t}`);
      out[t] = Number(row.n);
    }
    return out;
  }

  async function claimStatus(pcn: string): Promise<string> {
    const p = kind === 'postgres' ? '$1' : '?';
    const rows = await ds.query(
      `SELECT status FROM claim WHERE patient_control_number = ${p} AND submission IN ('original', 'replacement') AND superseded_by_id IS NULL`,
      [pcn],
    );
    return rows[0].status;
  }

  let http: Http;
  let claimsFileId: string;

  it('ingests an uploaded 837 (201) and deletes the temporary upload', async () => {
    const res = await http().post('/api/v1/files').attach('file', valid('837p-basic.x12')).expect(201);
    expect(res.body.duplicate).toBe(false);
    expect(res.body.file).toMatchObject({
      name: '837p-basic.x12',
      kind: '837',
      status: 'processed',
      claimCount: 2,
      paymentCount: 0,
      errorCount: 0,
    });
    claimsFileId = res.body.file.id;
    expect(readdirSync(uploadDir)).toEqual([]);
    expect((await counts())['claim']).toBe(2);
  });

  it('sniffs the kind from the content, not the name, and links the remittance to the claims', async () => {
    const res = await http()
      .post('/api/v1/files')
      .attach('file', valid('835-full.x12'), 'claims-837.txt')
      .expect(201);
    expect(res.body.file).toMatchObject({ name: 'claims-837.txt', kind: '835', paymentCount: 4 });
    expect(await claimStatus('PCN001')).toBe('paid');
    expect(await claimStatus('PCN002')).toBe('denied');
    const [row] = await ds.query(`SELECT COUNT(*) AS n FROM claim_payment WHERE match_status = 'unmatched'`);
    expect(Number(row.n)).toBe(2);
  });

  it('answers 200 with the earlier record for the same bytes, writing nothing', async () => {
    const before = await counts();
    const res = await http()
      .post('/api/v1/files')
      .attach('file', valid('837p-basic.x12'), 'renamed.x12')
      .expect(200);
    expect(res.body).toMatchObject({ duplicate: true, file: { id: claimsFileId, name: '837p-basic.x12' } });
    expect(await counts()).toEqual(before);
    expect(readdirSync(uploadDir)).toEqual([]);
  });

  it('refuses a file that is not X12 with 400 and its positioned issues; nothing partial is written', async () => {
    const before = await counts();
    const res = await http().post('/api/v1/files').attach('file', invalid('binary-nul.x12')).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toMatch(/^file [0-9a-f-]{36} \(binary-nul\.x12\) is not readable as X12/);
    expect(res.body.issues.length).toBeGreaterThan(0);
    expect(res.body.issues[0]).toMatchObject({ severity: 'error', code: expect.stringMatching(/^X12_/) });
    expect(typeof res.body.issues[0].byteOffset).toBe('number');
    noStack(res.body);
    expect(await counts()).toEqual(before);
    expect(readdirSync(uploadDir)).toEqual([]);

    // The failed file is on record, with its issues.
    const id = /^file ([0-9a-f-]{36})/.exec(res.body.message)![1]!;
    const detail = await http().get(`/api/v1/files/${id}`).expect(200);
    expect(detail.body).toMatchObject({ status: 'failed', kind: 'unknown', claimCount: 0 });
    expect(detail.body.issues.length).toBe(res.body.issues.length);
  });

  it('answers 400 when there is no file field', async () => {
    const res = await http().post('/api/v1/files').field('other', 'x').expect(400);
    expect(res.body.message).toMatch(/'file' is required/);
    await http().post('/api/v1/files').send({ file: 'ISA*00' }).expect(400);
  });

  it('records replacements and voids across uploads', async () => {
    for (const name of ['837p-original.x12', '837p-replacement.x12', '837p-void.x12', '835-payments.x12']) {
      await http().post('/api/v1/files').attach('file', ingestFixture(name)).expect(201);
    }
    const rows: { submission: string; status: string; superseded: string | null }[] = await ds.query(
      `SELECT submission, status, superseded_by_id AS superseded FROM claim WHERE patient_control_number IN ('ING002', 'ING003') ORDER BY patient_control_number, received_at`,
    );
    expect(rows.map((r) => [r.submission, r.status, r.superseded === null])).toEqual([
      ['original', 'replaced', false],
      ['replacement', 'partially-paid', true],
      ['original', 'voided', false],
      ['void', 'voided', true],
    ]);
  });

  it('lists files newest first with a cursor, and shows one with its issues', async () => {
    const all = await http().get('/api/v1/files').expect(200);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items.map((f: { name: string }) => f.name)).toEqual([
      '835-payments.x12',
      '837p-void.x12',
      '837p-replacement.x12',
      '837p-original.x12',
      'binary-nul.x12',
      'claims-837.txt',
      '837p-basic.x12',
    ]);
    const first = await http().get('/api/v1/files?limit=3').expect(200);
    expect(first.body.items).toHaveLength(3);
    const second = await http().get(`/api/v1/files?limit=3&cursor=${first.body.nextCursor}`).expect(200);
    const third = await http().get(`/api/v1/files?limit=3&cursor=${second.body.nextCursor}`).expect(200);
    expect(third.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items, ...third.body.items]).toEqual(all.body.items);

    const detail = await http().get(`/api/v1/files/${claimsFileId}`).expect(200);
    expect(detail.body).toMatchObject({
      id: claimsFileId,
      status: 'processed',
      claimCount: 2,
      issues: [],
      issuesTruncated: false,
    });
  });

  it('documents the routes in the OpenAPI document', async () => {
    const res = await http().get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/files', '/api/v1/files/{id}']),
    );
    expect(Object.keys(res.body.paths['/api/v1/files'])).toEqual(expect.arrayContaining(['get', 'post']));
  });

  it('answers 400 for bad list parameters and ids, 404 for an unknown id', async () => {
    const bad = await http().get('/api/v1/files?limit=0&cursor=nope&extra=1').expect(400);
    expect(bad.body.problems).toEqual(
      expect.arrayContaining([
        'property extra should not exist',
        expect.stringMatching(/^limit must be/),
        expect.stringMatching(/^cursor is not valid/),
      ]),
    );
    const malformed = await http().get('/api/v1/files/not-a-uuid').expect(400);
    expect(malformed.body.problems).toEqual(['id must be a UUID']);
    const missing = await http().get('/api/v1/files/01234567-89ab-7def-8123-456789abcdef').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    noStack(missing.body);
  });
});

describe('/api/v1/files upload limit (e2e)', () => {
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  let db: TestDatabase;
  let app: INestApplication;
  let uploadDir: string;
  let http: Http;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    uploadDir = mkdtempSync(join(tmpdir(), 'claimguard-uploads-'));
    app = await startApp(db, uploadDir, { UPLOAD_LIMIT_MB: '1' });
    http = await adminHttp(app);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(uploadDir, { recursive: true, force: true });
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('answers 413 for a file over UPLOAD_LIMIT_MB and keeps nothing of it', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 'A');
    const res = await http().post('/api/v1/files').attach('file', big, 'big.x12');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    expect(readdirSync(uploadDir)).toEqual([]);
    const list = await http().get('/api/v1/files').expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('still takes a file under the limit', async () => {
    await http().post('/api/v1/files').attach('file', valid('837p-basic.x12')).expect(201);
  });
});
