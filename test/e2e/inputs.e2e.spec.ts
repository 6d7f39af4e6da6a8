import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { projectRoot } from '../corpus/corpus-files.js';
import { type E2eApp, startE2eApp } from '../support/e2e-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const inputs = (name: string) => join(projectRoot, 'fixtures/inputs', name);
const x12 = (name: string) => join(projectRoot, 'fixtures/x12', name);

const INPUT_TABLES = [
  'input_import',
  'prior_authorization',
  'clinical_document',
  'eligibility_coverage',
  'contract_rate',
  'fhir_patient',
  'patient_link',
  'patient_problem',
] as const;

interface BadFile {
  file: string;
  kind: string;
  issues: { code: string; line?: number; column?: string; path?: string }[];
}
const BAD_FILES = (JSON.parse(readFileSync(inputs('invalid/expected.json'), 'utf8')) as { files: BadFile[] })
  .files;

describe.each(databaseKinds)('/api/v1/inputs on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let app: INestApplication;
  let ds: DataSource;
  let uploadDir: string;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase(kind);
    uploadDir = mkdtempSync(join(tmpdir(), 'claimguard-inputs-'));
    started = await startE2eApp(db, uploadDir);
    app = started.app;
    ds = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await started?.close();
    await db?.drop();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of INPUT_TABLES) {
      const [row] = (await ds.query(`SELECT COUNT(*) AS n FROM "${t}"`)) as { n: string | number }[];
      out[t] = Number(row!.n);
    }
    return out;
  }

  const upload = (kind: string, path: string) =>
    started.http().post(`/api/v1/inputs/${kind}`).attach('file', path);

  async function claimByPcn(pcn: string): Promise<{ id: string }> {
    const [row] = (await ds.query(`SELECT id FROM claim WHERE patient_control_number = '${pcn}'`)) as {
      id: string;
    }[];
    return row!;
  }

  it('ingests the claims the fixtures describe', async () => {
    const res = await started.http().post('/api/v1/files').attach('file', x12('valid/837p-basic.x12'));
    expect(res.status).toBe(201);
    expect(res.body.file.claimCount).toBeGreaterThanOrEqual(2);
  });

  it('imports a roster, links the claims to it, and reports the duplicate record', async () => {
    const res = await upload('eligibility', inputs('eligibility.csv'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'eligibility',
      inserted: 3,
      updated: 0,
      records: { eligibility: 3 },
    });
    expect(res.body.linking.links).toBeGreaterThan(0);

    const claim = await claimByPcn('PCN001');
    const detail = await started.http().get(`/api/v1/claims/${claim.id}`);
    expect(detail.status).toBe(200);
    const roster = detail.body.patientLinks.filter(
      (l: { targetKind: string }) => l.targetKind === 'eligibility',
    );
    // TESTMEM001 + DOB is the match; ZZT000123 (same name and DOB, another member id) is a probable one.
    expect(roster).toEqual(
      expect.arrayContaining([expect.objectContaining({ confidence: 'match', score: 1 })]),
    );

    const dupes = await started.http().get('/api/v1/inputs/patient-problems?kind=duplicate-record');
    expect(dupes.status).toBe(200);
    expect(dupes.body.length).toBe(2);
    expect(dupes.body[0].detail.memberIds).toEqual(expect.stringContaining('ZZT000123'));
  });

  it('updates on re-import instead of duplicating', async () => {
    const before = await counts();
    const res = await upload('eligibility', inputs('eligibility.csv'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ inserted: 0, updated: 3 });
    const after = await counts();
    expect(after.eligibility_coverage).toBe(before.eligibility_coverage);
    expect(after.input_import).toBe(before.input_import + 1);
  });

  it.each([
    ['authorizations', 'authorizations.csv'],
    ['authorizations', 'authorizations.json'],
    ['documentation', 'documentation.csv'],
    ['contracts', 'contracts.csv'],
    ['fhir', 'fhir-bundle.json'],
  ])('imports %s from %s', async (kind, file) => {
    const res = await upload(kind, inputs(file));
    expect(res.status).toBe(201);
    expect(res.body.inserted + res.body.updated).toBeGreaterThan(0);
    expect(res.body.fileName).toBe(file);
  });

  it('imports X12 271 and 278 responses, by upload and from the files endpoint', async () => {
    const r271 = await upload('x12', x12('valid/271-eligibility-response.x12'));
    expect(r271.status).toBe(201);
    expect(r271.body.records.eligibility).toBeGreaterThan(0);
    const r278 = await started
      .http()
      .post('/api/v1/files')
      .attach('file', x12('valid/278-services-review-response.x12'));
    expect(r278.status).toBe(201);
    expect(r278.body.file).toMatchObject({ kind: '278', status: 'processed' });
    const [auth] = (await ds.query(
      `SELECT status FROM prior_authorization WHERE procedure_code = '27447'`,
    )) as { status: string }[];
    expect(auth).toEqual({ status: 'approved' });
  });

  it('links the claim to its note, its authorizations and the FHIR patient', async () => {
    const claim = await claimByPcn('PCN001');
    const detail = await started.http().get(`/api/v1/claims/${claim.id}`);
    const kinds = new Set(detail.body.patientLinks.map((l: { targetKind: string }) => l.targetKind));
    expect([...kinds].sort()).toEqual(['authorization', 'documentation', 'eligibility', 'fhir-patient']);
    const docIds = detail.body.patientLinks
      .filter((l: { targetKind: string }) => l.targetKind === 'documentation')
      .map((l: { targetId: string }) => l.targetId);
    const notes = (await ds.query(`SELECT id, document_id, service_date FROM clinical_document`)) as {
      id: string;
      document_id: string;
      service_date: string;
    }[];
    // Only notes of the claim's date of service (2024-01-15) are linked.
    for (const id of docIds) expect(notes.find((n) => n.id === id)?.service_date).toBe('2024-01-15');
    expect(docIds.length).toBeGreaterThan(0);
  });

  it.each(BAD_FILES.map((f) => [f.file, f] as const))(
    'rejects %s with every issue positioned and writes nothing',
    async (_name, bad) => {
      const before = await counts();
      const res = await upload(bad.kind, inputs(`invalid/${bad.file}`));
      expect(res.status).toBe(400);
      const shape = (i: { code: string; line?: number; column?: string; path?: string }) =>
        JSON.stringify({ code: i.code, line: i.line, column: i.column, path: i.path });
      const errors = (res.body.issues as { severity: string; code: string }[]).filter(
        (i) => i.severity === 'error',
      );
      // The parsers report in the order they find problems; the positions are what must match.
      expect(errors.map(shape).sort()).toEqual(bad.issues.map(shape).sort());
      expect(res.body.problems.length).toBe(bad.issues.length);
      expect(await counts()).toEqual(before);
    },
  );

  it('rejects a broken 278 with nothing written', async () => {
    const before = await counts();
    const res = await upload('x12', x12('invalid/278-response-bad-content.x12'));
    expect(res.status).toBe(400);
    expect(res.body.issues.length).toBeGreaterThan(0);
    expect(res.body.issues[0]).toEqual(expect.objectContaining({ file: '278-response-bad-content.x12' }));
    expect(await counts()).toEqual(before);
  });

  it('answers 400 for an unknown kind and for a missing file', async () => {
    const unknown = await upload('payments', inputs('contracts.csv'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('kind must be one of');
    const none = await started.http().post('/api/v1/inputs/contracts');
    expect(none.status).toBe(400);
  });

  it('lists the accepted imports, newest first', async () => {
    const res = await started.http().get('/api/v1/inputs/imports?limit=3');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(3);
    expect(res.body[0].importedAt >= res.body[1].importedAt).toBe(true);
  });

  it('answers code lookups from the code set in force on the date of service', async () => {
    const get = (q: string) => started.http().get(`/api/v1/code-sets/lookup?${q}`);
    // S30.1XXA was deleted from ICD-10-CM on 2025-10-01 (FY2026).
    expect((await get('system=icd10&code=s30.1xxa&date=2025-09-30')).body).toMatchObject({
      status: 'billable',
      fiscalYear: 2025,
    });
    expect((await get('system=icd10&code=S301XXA&date=2025-10-01')).body).toMatchObject({
      status: 'unknown',
      fiscalYear: 2026,
    });
    expect((await get('system=icd10&code=I21&date=2026-01-05')).body).toMatchObject({ status: 'header' });
    expect((await get('system=pos&code=11')).body).toMatchObject({ status: 'valid' });
    expect((await get('system=cpt&code=99213')).status).toBe(400);
    const undated = await get('system=icd10&code=E119');
    expect(undated.status).toBe(400);
    expect(undated.body.message).toContain('needs date');
    const loaded = await started.http().get('/api/v1/code-sets');
    expect(loaded.status).toBe(200);
    expect(loaded.body.length).toBeGreaterThanOrEqual(3);
  });
});
