/**
 * The nightly re-evaluation job, called directly (the scheduler is off in tests), on every test
 * database, with EVALUATE_ON_IMPORT=false so that an import changes records but no findings: a claim
 * that needs a prior authorization is flagged on ingest, the authorization arrives in an import, and
 * only the job clears the finding, recording what changed in the claim's history. Claims whose facts
 * did not change, and closed claims (paid, work resolved), are left alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newId, nowIso } from '../../src/database/column-types.js';
import { ReevaluationService } from '../../src/findings/reevaluation.service.js';
import type { JobContext } from '../../src/jobs/job-types.js';
import { projectRoot } from '../corpus/corpus-files.js';
import { type E2eApp, startE2eApp } from '../support/e2e-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const PAYER = 'TESTPYR01';
/** MRI of the knee: under prior authorization in the default payer profile. */
const MRI_KNEE = '73721';

interface Patient {
  pcn: string;
  memberId: string;
  lastName: string;
  firstName: string;
  dob: string;
  code: string;
  chargeCents: number;
}

/** A: gets its authorization; B: needs none and nothing changes; C: paid; D: its work resolved. */
const PATIENTS: Record<'A' | 'B' | 'C' | 'D', Patient> = {
  A: {
    pcn: 'REEV-A',
    memberId: 'REEVMEM001',
    lastName: 'REEVALPATIENT',
    firstName: 'ALPHA',
    dob: '1970-01-01',
    code: MRI_KNEE,
    chargeCents: 90000,
  },
  B: {
    pcn: 'REEV-B',
    memberId: 'REEVMEM002',
    lastName: 'STEADYPATIENT',
    firstName: 'BETA',
    dob: '1965-02-02',
    code: '99213',
    chargeCents: 12000,
  },
  C: {
    pcn: 'REEV-C',
    memberId: 'REEVMEM003',
    lastName: 'PAIDPATIENT',
    firstName: 'GAMMA',
    dob: '1955-03-03',
    code: MRI_KNEE,
    chargeCents: 90000,
  },
  D: {
    pcn: 'REEV-D',
    memberId: 'REEVMEM004',
    lastName: 'RESOLVEDPATIENT',
    firstName: 'DELTA',
    dob: '1960-04-04',
    code: MRI_KNEE,
    chargeCents: 90000,
  },
};

const SERVICE_DATE = '20240305';
const dollars = (cents: number) => (cents / 100).toFixed(2);
const compact = (date: string) => date.replaceAll('-', '');

/** An interchange around the transaction's segments, with SE, GE and IEA counts right. */
function interchange(functional: string, version: string, body: string[]): string {
  const st = [`ST*${functional === 'HC' ? '837' : '835'}*0001*${version}`, ...body];
  return [
    'ISA*00*          *00*          *ZZ*TESTSUBMITTER  *ZZ*TESTRECEIVER   *240310*1200*^*00501*000000901*0*T*:',
    `GS*${functional}*TESTSENDER*TESTRECVR*20240310*1200*901*X*${version}`,
    ...st,
    `SE*${st.length + 1}*0001`,
    'GE*1*901',
    'IEA*1*000000901',
  ]
    .map((s) => `${s}~`)
    .join('\n');
}

/** An 837P with one subscriber (the patient) and one single-line claim per patient. */
function claimsFile(patients: Patient[]): string {
  const body = [
    'BHT*0019*00*REEVAL01*20240310*1200*CH',
    'NM1*41*2*TEST BILLING SERVICE*****46*TESTSUB01',
    'PER*IC*TEST CONTACT*TE*5555550100',
    'NM1*40*2*TEST CLEARINGHOUSE*****46*TESTRCV01',
    'HL*1**20*1',
    'PRV*BI*PXC*207Q00000X',
    'NM1*85*2*TESTPROVIDER CLINIC*****XX*1234567893',
    'N3*100 TEST STREET',
    'N4*TESTVILLE*PA*999990001',
    'REF*EI*999999999',
  ];
  patients.forEach((p, i) => {
    body.push(
      `HL*${i + 2}*1*22*0`,
      'SBR*P*18*TESTGRP01******CI',
      `NM1*IL*1*${p.lastName}*${p.firstName}****MI*${p.memberId}`,
      'N3*1 FAKE LANE',
      'N4*TESTVILLE*PA*999990001',
      `DMG*D8*${compact(p.dob)}*F`,
      `NM1*PR*2*TESTPAYER INSURANCE*****PI*${PAYER}`,
      `CLM*${p.pcn}*${dollars(p.chargeCents)}***11:B:1*Y*A*Y*Y`,
      'HI*ABK:M1711',
      'LX*1',
      `SV1*HC:${p.code}*${dollars(p.chargeCents)}*UN*1***1`,
      `DTP*472*D8*${SERVICE_DATE}`,
    );
  });
  return interchange('HC', '005010X222A1', body);
}

/** An 835 paying the patient's claim in full. */
function paymentFile(p: Patient): string {
  const amount = dollars(p.chargeCents);
  return interchange('HP', '005010X221A1', [
    `BPR*I*${amount}*C*ACH*CCP*01*999999999*DA*1234567*1999999999**01*999999992*DA*7654321*20240320`,
    'TRN*1*REEVEFT0001*1999999999',
    'DTM*405*20240320',
    `N1*PR*TESTPAYER INSURANCE*XV*${PAYER}`,
    'N3*200 TEST PAYER WAY',
    'N4*TESTVILLE*PA*999990002',
    'PER*BL*TEST PAYER SUPPORT*TE*5555550199',
    'N1*PE*TESTPROVIDER CLINIC*XX*1234567893',
    'REF*TJ*999999999',
    'LX*1',
    `CLP*${p.pcn}*1*${amount}*${amount}*0*12*ICNREEVC*11*1`,
    `NM1*QC*1*${p.lastName}*${p.firstName}****MI*${p.memberId}`,
    `SVC*HC:${p.code}*${amount}*${amount}**1`,
    `DTM*472*${SERVICE_DATE}`,
  ]);
}

/** An authorization file approving one unit of each patient's service around the date of service. */
function authorizationsFile(patients: Patient[]): string {
  const header =
    'auth_number,payer_id,member_id,patient_last_name,patient_first_name,patient_dob,procedure_code,units_approved,start_date,end_date,status,provider_npi';
  const rows = patients.map(
    (p, i) =>
      `AUTH-REEV-${i + 1},${PAYER},${p.memberId},${p.lastName},${p.firstName},${p.dob},${p.code},1,2024-03-01,2024-04-30,approved,`,
  );
  return `${[header, ...rows].join('\n')}\n`;
}

interface FindingBody {
  ruleId: string;
  line: number | null;
}

describe.each(databaseKinds)('re-evaluation job on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let app: INestApplication;
  let ds: DataSource;
  let dir: string;
  const ids: Partial<Record<keyof typeof PATIENTS, string>> = {};

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase(kind);
    dir = mkdtempSync(join(tmpdir(), 'claimguard-reevaluate-'));
    started = await startE2eApp(db, join(dir, 'uploads'), { EVALUATE_ON_IMPORT: 'false' });
    app = started.app;
    ds = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await started?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const http = () => started.http();
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const id = (key: keyof typeof PATIENTS): string => ids[key]!;
  const ruleIds = async (claimId: string): Promise<string[]> => {
    const res = await http().get(`/api/v1/claims/${claimId}/findings`);
    expect(res.status).toBe(200);
    return (res.body.findings as FindingBody[]).map((f) => `${f.ruleId}@${f.line ?? 0}`);
  };
  const evaluatedAt = async (): Promise<Record<string, string>> => {
    const rows = (await ds.query(`SELECT claim_id, evaluated_at FROM claim_evaluation`)) as {
      claim_id: string;
      evaluated_at: string;
    }[];
    return Object.fromEntries(rows.map((r) => [r.claim_id, r.evaluated_at]));
  };
  const events = async () =>
    (await ds.query(
      `SELECT claim_id, kind, related_id, detail FROM claim_event WHERE kind = 'reevaluated' ORDER BY at, id`,
    )) as { claim_id: string; kind: string; related_id: string; detail: string }[];
  const jobContext = (): JobContext => ({
    runId: newId(),
    startedAt: nowIso(),
    today: '2024-03-20',
    timeZone: 'UTC',
    actor: { kind: 'system', via: 'system', name: 'scheduler' },
  });

  it('flags the claims needing an authorization on ingest; an import does not evaluate (EVALUATE_ON_IMPORT=false)', async () => {
    // The payer's authorizations are on file (for another patient), so authorization rules run.
    const first = await http()
      .post('/api/v1/inputs/authorizations')
      .attach('file', join(projectRoot, 'fixtures/inputs/authorizations.csv'));
    expect(first.status).toBe(201);
    expect(first.body.evaluation).toBeNull();

    const ingest = await http()
      .post('/api/v1/files')
      .attach('file', file('reevaluate.837', claimsFile(Object.values(PATIENTS))));
    expect(ingest.status).toBe(201);
    const rows = (await ds.query(
      `SELECT id, patient_control_number AS pcn FROM claim WHERE patient_control_number LIKE 'REEV-%'`,
    )) as { id: string; pcn: string }[];
    for (const [key, p] of Object.entries(PATIENTS))
      ids[key as keyof typeof PATIENTS] = rows.find((r) => r.pcn === p.pcn)!.id;

    for (const key of ['A', 'C', 'D'] as const) expect(await ruleIds(id(key))).toContain('AUTH-REQUIRED@1');
    expect(await ruleIds(id('B'))).not.toContain('AUTH-REQUIRED@1');

    // C is paid in full; D's work is resolved: both closed.
    const paid = await http()
      .post('/api/v1/files')
      .attach('file', file('reevaluate.835', paymentFile(PATIENTS.C)));
    expect(paid.status).toBe(201);
    const [c] = (await ds.query(`SELECT status FROM claim WHERE id = '${id('C')}'`)) as { status: string }[];
    expect(c!.status).toBe('paid');
    for (const status of ['in-progress', 'fixed', 'resubmitted', 'resolved']) {
      const moved = await http()
        .post(`/api/v1/worklist/claims/${id('D')}/status`)
        .send({ status });
      expect({ status, code: moved.status }).toEqual({ status, code: 200 });
    }
  });

  let before: Record<string, string>;

  it('keeps the finding after the authorization is imported, until the job runs', async () => {
    const res = await http()
      .post('/api/v1/inputs/authorizations')
      .attach('file', file('reevaluate-auth.csv', authorizationsFile([PATIENTS.A, PATIENTS.C, PATIENTS.D])));
    expect(res.status).toBe(201);
    expect(res.body.inserted).toBe(3);
    expect(res.body.evaluation).toBeNull();
    expect(await ruleIds(id('A'))).toContain('AUTH-REQUIRED@1');
    before = await evaluatedAt();
  });

  it('re-evaluation after a new authorization clears a finding, records the change, and leaves unchanged and closed claims alone', async () => {
    const ctx = jobContext();
    const counts = await app.get(ReevaluationService).run(ctx);
    expect(counts).toMatchObject({
      candidates: 1,
      evaluated: 1,
      changed: 1,
      findingsCleared: 1,
      findingsAdded: 0,
      reasonAuthorization: 1,
      reasonRules: 0,
      reasonUnevaluated: 0,
    });
    expect(await ruleIds(id('A'))).not.toContain('AUTH-REQUIRED@1');

    const recorded = await events();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ claim_id: id('A'), kind: 'reevaluated', related_id: ctx.runId });
    expect(recorded[0]!.detail).toMatch(
      /^re-evaluated \(authorization updated\): cleared AUTH-REQUIRED line 1; added none; risk /,
    );

    // The claim page tells the story.
    const page = await http().get(`/api/v1/worklist/claims/${id('A')}`);
    expect(page.status).toBe(200);
    const history = page.body.history as { kind: string; text: string; relatedId?: string }[];
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'claim.reevaluated',
          text: recorded[0]!.detail,
          relatedId: ctx.runId,
        }),
      ]),
    );

    // Only A was evaluated: B's facts did not change; C (paid) and D (resolved) are closed, their
    // findings as they were although their authorizations arrived too.
    const after = await evaluatedAt();
    expect(after[id('A')]! > before[id('A')]!).toBe(true);
    for (const key of ['B', 'C', 'D'] as const) expect(after[id(key)]).toBe(before[id(key)]);
    for (const key of ['C', 'D'] as const) expect(await ruleIds(id(key))).toContain('AUTH-REQUIRED@1');
  });

  it('finds nothing to do when run again with nothing changed', async () => {
    const was = await evaluatedAt();
    const counts = await app.get(ReevaluationService).run(jobContext());
    expect(counts).toMatchObject({ candidates: 0, evaluated: 0, changed: 0, findingsCleared: 0 });
    expect(await evaluatedAt()).toEqual(was);
    expect(await events()).toHaveLength(1);
  });

  it('re-evaluates open claims another rule set evaluated, recording nothing when their findings stay', async () => {
    await ds.query(
      `UPDATE claim_evaluation SET rule_set_version = 'older' WHERE claim_id IN ('${id('B')}', '${id('C')}')`,
    );
    const counts = await app.get(ReevaluationService).run(jobContext());
    // C is paid: closed, even for a rules change (the start-up pass re-evaluates every claim then).
    expect(counts).toMatchObject({ candidates: 1, evaluated: 1, changed: 0, reasonRules: 1 });
    const [b] = (await ds.query(
      `SELECT rule_set_version FROM claim_evaluation WHERE claim_id = '${id('B')}'`,
    )) as { rule_set_version: string }[];
    expect(b!.rule_set_version).not.toBe('older');
    expect(await events()).toHaveLength(1);
  });

  it('picks up a closed claim once its work is reopened (its authorization arrived meanwhile)', async () => {
    const reopened = await http()
      .post(`/api/v1/worklist/claims/${id('D')}/status`)
      .send({ status: 'in-progress' });
    expect(reopened.status).toBe(200);
    const counts = await app.get(ReevaluationService).run(jobContext());
    expect(counts).toMatchObject({ candidates: 1, changed: 1, findingsCleared: 1, reasonAuthorization: 1 });
    expect(await ruleIds(id('D'))).not.toContain('AUTH-REQUIRED@1');
    const recorded = await events();
    expect(recorded.map((e) => e.claim_id)).toEqual([id('A'), id('D')]);
  });
});
