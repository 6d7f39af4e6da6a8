import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { projectRoot } from '../corpus/corpus-files.js';
import { agentWith, type E2eApp, startE2eApp } from '../support/e2e-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

interface FindingBody {
  id: string;
  ruleId: string;
  line: number | null;
  category: string;
  carc: string[];
  message: string;
  fix: string;
  evidence: Record<string, unknown>;
  override: { reason: string; by: string; at: string } | null;
}

describe.each(databaseKinds)('findings on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let app: INestApplication;
  let ds: DataSource;
  let uploadDir: string;
  let claimId: string;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase(kind);
    uploadDir = mkdtempSync(join(tmpdir(), 'claimguard-findings-'));
    started = await startE2eApp(db, uploadDir);
    app = started.app;
    ds = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await started?.close();
    await db?.drop();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  const http = () => started.http();
  const findingsOf = async (id: string) => (await http().get(`/api/v1/claims/${id}/findings`)).body;

  it('evaluates claims on ingest, and reports the sources not loaded as not checked', async () => {
    const res = await http()
      .post('/api/v1/files')
      .attach('file', join(projectRoot, 'fixtures/x12/valid/837p-basic.x12'));
    expect(res.status).toBe(201);
    const [row] = (await ds.query(`SELECT id FROM claim WHERE patient_control_number = 'PCN001'`)) as {
      id: string;
    }[];
    claimId = row!.id;
    const body = await findingsOf(claimId);
    expect(body.evaluated).toBe(true);
    expect(body.ruleSetVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(body.notChecked).toEqual(expect.arrayContaining(['documentation', 'eligibility']));
    expect(body.findings.length).toBeGreaterThan(0);
    for (const f of body.findings as FindingBody[]) {
      expect(f.message.length).toBeGreaterThan(0);
      expect(f.fix.length).toBeGreaterThan(0);
      expect(Object.keys(f.evidence).length).toBeGreaterThan(0);
    }
  });

  it('re-evaluates every claim after an import: a loaded source is checked', async () => {
    const res = await http()
      .post('/api/v1/inputs/documentation')
      .attach('file', join(projectRoot, 'fixtures/inputs/documentation.csv'));
    expect(res.status).toBe(201);
    expect(res.body.evaluation.claims).toBe(2);
    const body = await findingsOf(claimId);
    expect(body.notChecked).not.toContain('documentation');
  });

  it('overrides a finding with a reason, keeps it across re-evaluation, and revokes it', async () => {
    // Who decided is the signed-in user (a biller, then a coder), never a name the caller sends.
    const biller = agentWith(app, (await started.tokenFor('billing', 'biller1')).token);
    const lead = agentWith(app, (await started.tokenFor('coding', 'lead1')).token);
    const before = (await findingsOf(claimId)).findings as FindingBody[];
    const target = before[0]!;

    const missing = await biller.post(`/api/v1/findings/${target.id}/override`).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.problems.join(' ')).toContain('reason');
    const named = await biller
      .post(`/api/v1/findings/${target.id}/override`)
      .send({ by: 'someone-else', reason: 'payer confirmed by phone, ref 123' });
    expect(named.status).toBe(400);
    expect(named.body.problems.join(' ')).toContain('by');

    const ok = await biller
      .post(`/api/v1/findings/${target.id}/override`)
      .send({ reason: 'payer confirmed by phone, ref 123' });
    expect(ok.status).toBe(200);
    expect(ok.body.override).toMatchObject({ by: 'biller1', reason: 'payer confirmed by phone, ref 123' });
    const again = await lead.post(`/api/v1/findings/${target.id}/override`).send({ reason: 'again' });
    expect(again.status).toBe(409);

    const rules = (await http().get('/api/v1/rules')).body;
    const rule = rules.rules.find((r: { id: string }) => r.id === target.ruleId);
    expect(rule.fired).toBeGreaterThanOrEqual(1);
    expect(rule.overridden).toBe(1);

    // An import re-evaluates: new finding rows, the same override.
    await http()
      .post('/api/v1/inputs/eligibility')
      .attach('file', join(projectRoot, 'fixtures/inputs/eligibility.csv'));
    const after = (await findingsOf(claimId)).findings as FindingBody[];
    const same = after.find((f) => f.ruleId === target.ruleId && f.line === target.line)!;
    expect(same.id).not.toBe(target.id);
    expect(same.override).toMatchObject({ by: 'biller1' });

    const revoked = await lead
      .post(`/api/v1/findings/${same.id}/override/revoke`)
      .send({ reason: 'phone confirmation not on file' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.override).toBeNull();
    expect(
      (await lead.post(`/api/v1/findings/${same.id}/override/revoke`).send({ reason: 'again' })).status,
    ).toBe(409);
    const history = (await ds.query(`SELECT action, actor FROM finding_override ORDER BY at, id`)) as {
      action: string;
      actor: string;
    }[];
    expect(history).toEqual([
      { action: 'override', actor: 'biller1' },
      { action: 'revoke', actor: 'lead1' },
    ]);
    // Each decision is in the audit log under the claim, with who made it and why.
    const audit = (await ds.query(
      `SELECT actor_name, action, target_type, target_id, detail FROM audit_event
        WHERE action LIKE 'finding.%' ORDER BY id`,
    )) as { actor_name: string; action: string; target_type: string; target_id: string; detail: string }[];
    expect(audit.map((a) => [a.actor_name, a.action, a.target_type, a.target_id])).toEqual([
      ['biller1', 'finding.override', 'claim', claimId],
      ['lead1', 'finding.revoke', 'claim', claimId],
    ]);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({
      findingId: target.id,
      ruleId: target.ruleId,
      reasonLength: 'payer confirmed by phone, ref 123'.length,
    });
    // the reason itself stays with the override, not in the audit log
    expect(audit[0]!.detail).not.toContain('phone');
  });

  it('clears the findings of a claim that a later file replaced', async () => {
    const ingest = (name: string) =>
      http()
        .post('/api/v1/files')
        .attach('file', join(projectRoot, 'fixtures/x12/ingest', name));
    expect((await ingest('837p-original.x12')).status).toBe(201);
    const rows = (await ds.query(
      `SELECT id, frequency_code AS f FROM claim WHERE patient_control_number = 'ING002' ORDER BY id`,
    )) as { id: string; f: string }[];
    const original = rows[0]!.id;
    expect((await findingsOf(original)).findings.length).toBeGreaterThan(0);
    expect((await ingest('837p-replacement.x12')).status).toBe(201);
    const after = await findingsOf(original);
    expect(after.evaluated).toBe(true);
    expect(after.findings).toEqual([]);
    const [replacement] = (await ds.query(
      `SELECT id FROM claim WHERE patient_control_number = 'ING002' AND frequency_code = '7'`,
    )) as { id: string }[];
    expect((await findingsOf(replacement!.id)).evaluated).toBe(true);
  });

  it('answers 404 for unknown claims and findings, 400 for bad ids', async () => {
    const unknown = '019a0000-0000-7000-8000-000000000000';
    expect((await http().get(`/api/v1/claims/${unknown}/findings`)).status).toBe(404);
    expect((await http().post(`/api/v1/findings/${unknown}/override`).send({ reason: 'abc' })).status).toBe(
      404,
    );
    expect((await http().get('/api/v1/claims/not-a-uuid/findings')).status).toBe(400);
  });

  it('lists the rules with the rule set version', async () => {
    const body = (await http().get('/api/v1/rules')).body;
    expect(body.ruleSetVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(body.rules.length).toBeGreaterThanOrEqual(30);
    expect(body.rules[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        category: expect.any(String),
        carc: expect.any(Array),
      }),
    );
    // Rule files are named relative to the rules folder: no server paths in answers.
    for (const r of body.rules as { file: string }[]) expect(r.file).toMatch(/^[a-z-]+\/[a-z0-9-]+\.ya?ml$/);
  });
});
