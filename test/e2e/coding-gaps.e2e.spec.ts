/**
 * Coding gaps over a simulated practice (one month, documentation and coding defects made common),
 * on every test database, through the HTTP API with real users and tokens: the list against the
 * findings API it is derived from and against what the simulator says it did wrong, grouping and
 * order, the note excerpt beside the billed codes, a missed charge brought by a new note, paging
 * and filters, the status workflow (resolved, sent back with a comment, open again) surviving
 * re-evaluation, the audit events, validation and roles.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication, Logger } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { demoFiles } from '../../src/simulator/demo.command.js';
import { type E2eApp, startE2eApp } from '../support/e2e-app.js';
import { simulatePractice, type SimulatedPractice } from '../support/simulated-practice.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const SIMULATION = {
  seed: 'coding-gaps-e2e',
  months: 1,
  claimsPerMonth: 90,
  start: '2026-02',
  adjudication: false,
  defectRates: {
    'note-unsigned': 0.06,
    'diagnosis-undocumented': 0.06,
    'procedure-undocumented': 0.06,
    'abbreviation-conflict': 0.04,
    'note-missing': 0.04,
    'modifier-invalid': 0.04,
    'em-without-modifier-25': 0.04,
    'diagnosis-not-billable': 0.04,
  },
} as const;

/** Rule categories that are coding gaps (src/coding-gaps/coding-gaps.ts). */
const GAP_CATEGORIES = ['documentation', 'coding', 'bundling', 'units'];

interface Gap {
  gapKey: string;
  kind: 'finding' | 'missed-charge';
  ruleId: string;
  category: string;
  severity: string;
  lineNumber: number;
  code: string | null;
  message: string;
  fix: string;
  evidence: Record<string, unknown>;
  noteExcerpt: string | null;
  note: {
    documentId: string;
    serviceDate: string;
    signed: boolean;
    diagnoses: string[];
    procedures: string[];
  } | null;
  billedCodes: { diagnoses: string[]; lines: { lineNumber: number; code: string; modifiers: string[] }[] };
  status: string;
  comment: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  amountCents: number;
}

interface Encounter {
  claimId: string;
  patientControlNumber: string;
  serviceDate: string | null;
  payerId: string;
  gaps: Gap[];
}

interface Provider {
  providerNpi: string;
  providerName: string | null;
  gapCount: number;
  encounters: Encounter[];
}

interface GapPage {
  providers: Provider[];
  nextCursor: string | null;
}

interface FindingBody {
  ruleId: string;
  line: number | null;
  category: string;
  override: unknown;
}

let work: string;
let sim: SimulatedPractice;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'claimguard-coding-gaps-'));
  sim = simulatePractice(join(work, 'sim'), SIMULATION);
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(databaseKinds)('coding gaps on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let app: INestApplication;
  let ds: DataSource;
  let coder: TestAgent;

  /** Every encounter of a listing, following nextCursor, flattened with its provider. */
  async function walk(query: string, limit: number, as: TestAgent = coder) {
    const out: (Encounter & { providerNpi: string })[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 500; pages++) {
      const url: string = `/api/v1/coding-gaps?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await as.get(url);
      expect({ url, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
        url,
        status: 200,
        body: null,
      });
      const page = res.body as GapPage;
      for (const p of page.providers) {
        expect(p.gapCount).toBe(p.encounters.reduce((a, e) => a + e.gaps.length, 0));
        for (const e of p.encounters) out.push({ ...e, providerNpi: p.providerNpi });
      }
      if (page.nextCursor === null) return out;
      cursor = page.nextCursor;
    }
    throw new Error('more than 500 pages');
  }

  /** The gap keys each current claim should have, from the findings API (another code path). */
  async function expectedGapKeys(): Promise<Map<string, string[]>> {
    const claims = (await ds.query(
      `SELECT id FROM claim WHERE superseded_by_id IS NULL AND status NOT IN ('replaced', 'voided')`,
    )) as { id: string }[];
    const out = new Map<string, string[]>();
    for (const { id } of claims) {
      const res = await started.http().get(`/api/v1/claims/${id}/findings`);
      expect(res.status).toBe(200);
      const keys: string[] = [];
      for (const f of res.body.findings as FindingBody[]) {
        if (!GAP_CATEGORIES.includes(f.category) || f.override) continue;
        if (f.ruleId === 'DOC-MISSED-CHARGE') continue;
        keys.push(`${f.ruleId}:${f.line ?? 0}`);
      }
      if (keys.length) out.set(id, keys.sort());
    }
    return out;
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase(kind);
    started = await startE2eApp(db, join(work, `uploads-${kind}`));
    app = started.app;
    ds = app.get(DataSource);
    coder = await started.as('coding');
    const { inputs, x12 } = demoFiles(sim.result);
    for (const { kind: inputKind, file } of inputs) {
      const res = await started
        .http()
        .post(`/api/v1/inputs/${inputKind}`)
        .attach('file', join(sim.dir, file));
      expect({ file, status: res.status }).toEqual({ file, status: 201 });
    }
    for (const file of x12) {
      const res = await started.http().post('/api/v1/files').attach('file', join(sim.dir, file));
      expect({ file, status: res.status }).toEqual({ file, status: 201 });
    }
  }, 240_000);

  afterAll(async () => {
    await started?.close();
    await db?.drop();
  });

  it('lists exactly the current documentation and coding findings, by provider then encounter', async () => {
    const listed = await walk('', 100);
    const expected = await expectedGapKeys();
    expect(expected.size).toBeGreaterThan(15);
    const got = new Map(
      listed.map((e) => [
        e.claimId,
        e.gaps
          .filter((g) => g.kind === 'finding')
          .map((g) => g.gapKey)
          .sort(),
      ]),
    );
    expect(got).toEqual(expected);
    // Order: provider, then date of service, then claim; each provider one group on the page.
    const order = listed.map((e) => [e.providerNpi, e.serviceDate ?? '', e.claimId].join('|'));
    expect(order).toEqual([...order].sort());
    for (const e of listed) {
      for (const g of e.gaps) {
        expect(GAP_CATEGORIES).toContain(g.category);
        expect(g.status).toBe('open');
        expect(g.message.length).toBeGreaterThan(0);
        expect(g.fix.length).toBeGreaterThan(0);
      }
    }
  });

  it('finds what the simulator did wrong: each injected documentation or coding defect is a gap of its rule', async () => {
    const listed = await walk('', 100);
    const byPcn = new Map(listed.map((e) => [e.patientControlNumber, e]));
    const injected = sim.claims.flatMap((c) =>
      c.defects
        .filter((d) => d.category === 'documentation' || d.category === 'coding')
        .map((d) => ({ pcn: c.claim, rules: d.expectedRules })),
    );
    expect(injected.length).toBeGreaterThan(20);
    const missing = injected.filter(
      ({ pcn, rules }) => !byPcn.get(pcn)?.gaps.some((g) => rules.includes(g.ruleId)),
    );
    expect(missing).toEqual([]);
  });

  it('shows the note excerpt and the billed codes side by side', async () => {
    const listed = await walk('', 100);
    const undocumented = listed.flatMap((e) =>
      e.gaps.filter((g) => g.ruleId === 'DOC-DIAGNOSIS-UNDOCUMENTED').map((g) => ({ g })),
    );
    expect(undocumented.length).toBeGreaterThan(0);
    for (const { g } of undocumented) {
      expect(g.note).not.toBeNull();
      const [doc] = (await ds.query(
        kind === 'postgres'
          ? 'SELECT text, diagnosis_codes FROM clinical_document WHERE document_id = $1'
          : 'SELECT text, diagnosis_codes FROM clinical_document WHERE document_id = ?',
        [g.note!.documentId],
      )) as { text: string; diagnosis_codes: string }[];
      const excerpt = g.noteExcerpt!.replace(/^…|…$/g, '');
      expect(doc!.text.replace(/\r\n?/g, '\n')).toContain(excerpt);
      // The billed diagnoses include one the note does not document.
      const documented = new Set(g.note!.diagnoses);
      expect(g.billedCodes.diagnoses.some((d) => !documented.has(d))).toBe(true);
      expect(g.billedCodes.lines.length).toBeGreaterThan(0);
    }
    const missingNote = listed.flatMap((e) => e.gaps.filter((g) => g.ruleId === 'DOC-MISSING'));
    expect(missingNote.length).toBeGreaterThan(0);
    for (const g of missingNote) expect(g.noteExcerpt).toBeNull();
  });

  it('pages without losing or repeating an encounter, and filters by provider, payer and month', async () => {
    const all = await walk('', 100);
    const paged = await walk('', 4);
    expect(paged.map((e) => e.claimId)).toEqual(all.map((e) => e.claimId));

    const npi = all[0]!.providerNpi;
    expect((await walk(`&providerNpi=${npi}`, 100)).map((e) => e.claimId)).toEqual(
      all.filter((e) => e.providerNpi === npi).map((e) => e.claimId),
    );
    const payer = all[all.length - 1]!.payerId;
    expect((await walk(`&payerId=${encodeURIComponent(payer)}`, 100)).map((e) => e.claimId)).toEqual(
      all.filter((e) => e.payerId === payer).map((e) => e.claimId),
    );
    expect(await walk('&from=2026-02&to=2026-02', 100)).toEqual(all);
    expect(await walk('&from=2026-03', 100)).toEqual([]);
  });

  it('adds a missed charge when a new note documents a procedure nobody billed', async () => {
    const listed = await walk('', 100);
    const gapClaims = new Set(listed.map((e) => e.claimId));
    // A clean claim with a signed note: give its patient a second note for the same day with a venipuncture.
    const rows = (await ds.query(
      `SELECT c.id AS claim_id, d.* FROM claim c
       JOIN patient_link pl ON pl.claim_id = c.id AND pl.target_kind = 'documentation'
       JOIN clinical_document d ON d.id = pl.target_id AND d.service_date = c.service_date_from
       WHERE c.superseded_by_id IS NULL ORDER BY c.id`,
    )) as Record<string, string>[];
    const clean = rows.find(
      (r) => !gapClaims.has(r['claim_id']!) && !String(r['procedure_codes']).includes('36415'),
    );
    expect(clean).toBeDefined();
    const csv = [
      'document_id,member_id,patient_last_name,patient_first_name,patient_dob,service_date,document_type,diagnosis_codes,procedure_codes,author_npi,signed,text',
      [
        'DOC-E2E-MISSED-1',
        clean!['member_id'],
        clean!['patient_last_name'],
        clean!['patient_first_name'],
        clean!['patient_dob'] ?? '',
        clean!['service_date'],
        'lab-note',
        clean!['diagnosis_codes'],
        '36415',
        clean!['author_npi'] ?? '',
        'true',
        '"Venipuncture performed for the ordered labs."',
      ].join(','),
    ].join('\n');
    const file = join(work, `missed-${kind}.csv`);
    writeFileSync(file, `${csv}\n`);
    const res = await started.http().post('/api/v1/inputs/documentation').attach('file', file);
    expect(res.status).toBe(201);

    const after = await walk('', 100);
    const encounter = after.find((e) => e.claimId === clean!['claim_id']);
    expect(encounter).toBeDefined();
    const missed = encounter!.gaps.filter((g) => g.kind === 'missed-charge');
    expect(missed.map((g) => [g.gapKey, g.code, g.ruleId])).toEqual([
      ['missed-charge:36415', '36415', 'DOC-MISSED-CHARGE'],
    ]);
    expect(missed[0]!.noteExcerpt).toBe('Venipuncture performed for the ordered labs.');
    expect(missed[0]!.billedCodes.lines.map((l) => l.code)).not.toContain('36415');
  });

  it('sets statuses (resolved; sent back with a comment), audited, and they survive re-evaluation', async () => {
    const listed = await walk('', 100);
    const [first, second] = listed;
    const gapA = first!.gaps[0]!;
    const gapB = second!.gaps[0]!;
    const post = (claimId: string, body: unknown, as: TestAgent = coder) =>
      as.post(`/api/v1/coding-gaps/${claimId}/status`).send(body as object);

    const resolved = await post(first!.claimId, { gapKey: gapA.gapKey, status: 'resolved' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      gapKey: gapA.gapKey,
      status: 'resolved',
      comment: null,
      updatedBy: 'test-coding',
    });

    const noComment = await post(second!.claimId, { gapKey: gapB.gapKey, status: 'sent-back' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.message).toContain('comment');
    const blank = await post(second!.claimId, { gapKey: gapB.gapKey, status: 'sent-back', comment: '   ' });
    expect(blank.status).toBe(400);
    const sentBack = await post(second!.claimId, {
      gapKey: gapB.gapKey,
      status: 'sent-back',
      comment: 'Please addend the note with the assessment.',
    });
    expect(sentBack.status).toBe(200);
    expect(sentBack.body).toMatchObject({
      status: 'sent-back',
      comment: 'Please addend the note with the assessment.',
    });

    const keysOf = (es: Encounter[]) => es.flatMap((e) => e.gaps.map((g) => `${e.claimId}/${g.gapKey}`));
    const open = keysOf(await walk('', 100));
    expect(open).not.toContain(`${first!.claimId}/${gapA.gapKey}`);
    expect(open).not.toContain(`${second!.claimId}/${gapB.gapKey}`);
    expect(keysOf(await walk('&status=resolved', 100))).toEqual([`${first!.claimId}/${gapA.gapKey}`]);
    expect(keysOf(await walk('&status=sent-back', 100))).toEqual([`${second!.claimId}/${gapB.gapKey}`]);

    // Every change audited, without the comment's text.
    const audit = await started
      .http()
      .get(`/api/v1/audit?action=coding-gap.update&targetId=${second!.claimId}`);
    expect(audit.status).toBe(200);
    expect(audit.body.items[0]).toMatchObject({
      actorName: 'test-coding',
      actorRole: 'coding',
      via: 'token',
      action: 'coding-gap.update',
      targetType: 'claim',
      targetId: second!.claimId,
      detail: { gapKey: gapB.gapKey, from: 'open', to: 'sent-back', comment: true },
    });
    expect(JSON.stringify(audit.body)).not.toContain('addend');

    // Re-evaluation (an import evaluates every claim again) replaces the findings; the statuses stay.
    const reimport = await started
      .http()
      .post('/api/v1/inputs/documentation')
      .attach('file', join(work, `missed-${kind}.csv`));
    expect(reimport.status).toBe(201);
    expect(keysOf(await walk('&status=resolved', 100))).toEqual([`${first!.claimId}/${gapA.gapKey}`]);

    // Opened again.
    const reopened = await post(first!.claimId, { gapKey: gapA.gapKey, status: 'open' });
    expect(reopened.status).toBe(200);
    expect(keysOf(await walk('', 100))).toContain(`${first!.claimId}/${gapA.gapKey}`);
    expect(keysOf(await walk('&status=resolved', 100))).toEqual([]);
  });

  it('refuses bad input with a 400 naming the field, and unknown claims or gaps with a 404', async () => {
    const [e] = await walk('', 100);
    const post = (claimId: string, body: object) =>
      coder.post(`/api/v1/coding-gaps/${claimId}/status`).send(body);
    const cases: [string, object, number, string][] = [
      [e!.claimId, { gapKey: 'no colon', status: 'resolved' }, 400, 'gapKey'],
      [e!.claimId, { gapKey: e!.gaps[0]!.gapKey, status: 'done' }, 400, 'status'],
      [
        e!.claimId,
        { gapKey: e!.gaps[0]!.gapKey, status: 'resolved', comment: 'x'.repeat(2001) },
        400,
        'comment',
      ],
      [e!.claimId, { gapKey: e!.gaps[0]!.gapKey, status: 'resolved', extra: 1 }, 400, 'extra'],
      ['not-a-uuid', { gapKey: e!.gaps[0]!.gapKey, status: 'resolved' }, 400, 'claimId'],
      [e!.claimId, { gapKey: 'AUTH-REQUIRED:0', status: 'resolved' }, 404, 'AUTH-REQUIRED:0'],
      [
        '0190a0b4-7c3e-7000-8000-000000000001',
        { gapKey: 'DOC-UNSIGNED:0', status: 'resolved' },
        404,
        'claim',
      ],
    ];
    for (const [claimId, body, status, names] of cases) {
      const res = await post(claimId, body);
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(String(res.body.message)).toContain(names);
    }
    for (const [query, names] of [
      ['status=done', 'status'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['providerNpi=12', 'providerNpi'],
      ['from=2026-13', 'from'],
      ['from=2026-03&to=2026-02', 'to'],
      ['cursor=abc', 'cursor'],
      ['format=csv', 'format'],
    ]) {
      const res = await coder.get(`/api/v1/coding-gaps?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(String(res.body.message)).toContain(names);
    }
  });

  it('is for coders and admins only; viewing the list is audited', async () => {
    expect((await coder.get('/api/v1/coding-gaps?limit=1')).status).toBe(200);
    expect((await started.http().get('/api/v1/coding-gaps?limit=1')).status).toBe(200);
    for (const role of ['billing', 'finance'] as const) {
      const as = await started.as(role);
      expect({ role, status: (await as.get('/api/v1/coding-gaps')).status }).toEqual({ role, status: 403 });
      const [e] = await walk('', 1);
      const post = await as
        .post(`/api/v1/coding-gaps/${e!.claimId}/status`)
        .send({ gapKey: e!.gaps[0]!.gapKey, status: 'resolved' });
      expect({ role, status: post.status }).toEqual({ role, status: 403 });
    }
    expect((await request(app.getHttpServer()).get('/api/v1/coding-gaps')).status).toBe(401);
    const audit = await started.http().get('/api/v1/audit?action=coding-gap.view&actor=test-coding&limit=1');
    expect(audit.body.items[0]).toMatchObject({ action: 'coding-gap.view', actorRole: 'coding' });
  });
});
