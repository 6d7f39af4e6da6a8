/**
 * The billing worklist over a simulated practice (3 months, the last payment month's 835s held back
 * so that some flagged claims are still waiting for the payer), on every test database, through the
 * HTTP API with real users and tokens: the queue against the claim_report rows it is defined over,
 * both orders with cursor paging, every filter, CSV export, bulk assignment (all or nothing), the
 * status workflow (every allowed move and refused ones), notes, the claim page, roles, and the audit
 * events each change writes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication, Logger } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { demoFiles } from '../../src/simulator/demo.command.js';
import { agentWith, type E2eApp, startE2eApp } from '../support/e2e-app.js';
import { simulatePractice, type SimulatedPractice } from '../support/simulated-practice.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';
import { parseCsv } from '../support/csv.js';

const SIMULATION = { seed: 'worklist-e2e', months: 3, claimsPerMonth: 80, start: '2026-01' } as const;

interface Item {
  claimId: string;
  patientControlNumber: string;
  payerId: string;
  providerNpi: string;
  claimType: string;
  serviceDate: string | null;
  month: string;
  chargeCents: number;
  moneyAtRiskCents: number;
  riskMilli: number;
  queue: 'flagged' | 'denied';
  categories: string[];
  topFinding: { ruleId: string; severity: string; message: string } | null;
  denialCarcs: string[];
  anticipated: boolean;
  deadline: string | null;
  deadlineKind: 'filing' | 'appeal' | null;
  status: string;
  assignee: { id: string; username: string } | null;
}

interface Page {
  items: Item[];
  nextCursor: string | null;
}

/** A claim_report row as the test reads it (the worklist is defined over these columns). */
interface Report {
  claimId: string;
  payerId: string;
  providerNpi: string;
  firstPass: string;
  currentOutcome: string;
  findingCount: number;
  worked: boolean;
  expectedDenialCents: number;
  deniedCents: number;
  filingDeadline: string | null;
  appealDeadline: string | null;
  flags: { ruleId: string; category: string; severity: string }[];
  denialCategories: string[];
  denialCarcs: string[];
  anticipated: boolean;
}

const DENIED = ['denied', 'partial'];
const NO_DEADLINE = '9999-12-31';

/** The contract's queue: flagged and unanswered, or denied at first pass and still denied; not worked. */
const inQueue = (r: Report): boolean =>
  !r.worked &&
  ((r.firstPass === 'pending' && r.findingCount > 0) ||
    (DENIED.includes(r.firstPass) && DENIED.includes(r.currentOutcome)));
const moneyOf = (r: Report) => (r.firstPass === 'pending' ? r.expectedDenialCents : r.deniedCents);
const deadlineKeyOf = (r: Report) =>
  (r.firstPass === 'pending' ? r.filingDeadline : r.appealDeadline) ?? NO_DEADLINE;
const byRisk = (a: Report, b: Report) =>
  moneyOf(b) - moneyOf(a) || (a.claimId < b.claimId ? 1 : a.claimId > b.claimId ? -1 : 0);
const byDeadline = (a: Report, b: Report) => {
  const da = deadlineKeyOf(a);
  const db = deadlineKeyOf(b);
  return da < db ? -1 : da > db ? 1 : a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0;
};

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

let work: string;
let sim: SimulatedPractice;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'claimguard-worklist-'));
  sim = simulatePractice(join(work, 'sim'), SIMULATION);
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(databaseKinds)('billing worklist on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let app: INestApplication;
  let ds: DataSource;
  let reports: Report[];
  let queue: Report[];
  /** Users: two billers, a coder, a finance user, a disabled biller. */
  let biller: TestAgent;
  let billerId: string;
  let biller2: TestAgent;
  let biller2Id: string;
  let coder: TestAgent;
  let finance: TestAgent;
  let financeId: string;
  let disabledId: string;

  const as = (token: string) => agentWith(app, token);

  async function get(agent: TestAgent, url: string): Promise<Page> {
    const res = await agent.get(url);
    expect({ url, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
      url,
      status: 200,
      body: null,
    });
    return res.body as Page;
  }

  /** Every item of a list, following nextCursor; fails on a repeated claim. */
  async function all(url: string, limit = 7, agent: TestAgent = biller): Promise<Item[]> {
    const out: Item[] = [];
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (let pages = 0; pages < 500; pages++) {
      const sep = url.includes('?') ? '&' : '?';
      const page = await get(
        agent,
        `${url}${sep}limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(limit);
      for (const item of page.items) {
        expect(seen.has(item.claimId)).toBe(false);
        seen.add(item.claimId);
        out.push(item);
      }
      if (page.nextCursor === null) return out;
      expect(page.items.length).toBe(limit);
      cursor = page.nextCursor;
    }
    throw new Error(`${url}: more than 500 pages`);
  }

  async function loadReports(): Promise<Report[]> {
    const rows = (await ds.query(
      `SELECT claim_id, payer_id, provider_npi, first_pass, current_outcome, finding_count, worked,
              expected_denial_cents, denied_cents, filing_deadline, appeal_deadline, flags,
              denial_categories, denial_carcs, anticipated
         FROM claim_report`,
    )) as Record<string, unknown>[];
    const split = (v: unknown) => (String(v ?? '') === '' ? [] : String(v).split(';'));
    return rows.map((r) => ({
      claimId: String(r['claim_id']),
      payerId: String(r['payer_id']),
      providerNpi: String(r['provider_npi']),
      firstPass: String(r['first_pass']),
      currentOutcome: String(r['current_outcome']),
      findingCount: Number(r['finding_count']),
      worked: Number(r['worked']) === 1,
      expectedDenialCents: Number(r['expected_denial_cents']),
      deniedCents: Number(r['denied_cents']),
      filingDeadline: (r['filing_deadline'] as string | null) ?? null,
      appealDeadline: (r['appeal_deadline'] as string | null) ?? null,
      flags: split(r['flags']).map((f) => {
        const [ruleId = '', category = '', severity = ''] = f.split('|');
        return { ruleId, category, severity };
      }),
      denialCategories: split(r['denial_categories']),
      denialCarcs: split(r['denial_carcs']),
      anticipated: Number(r['anticipated']) === 1,
    }));
  }

  async function auditRows(action: string): Promise<{ actor: string; targetId: string; detail: unknown }[]> {
    const rows = (await ds.query(
      `SELECT actor_name, target_type, target_id, detail FROM audit_event WHERE action = '${action}' ORDER BY id`,
    )) as { actor_name: string; target_type: string; target_id: string; detail: string | null }[];
    for (const r of rows) expect(r.target_type).toBe('claim');
    return rows.map((r) => ({
      actor: r.actor_name,
      targetId: r.target_id,
      detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
    }));
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase(kind);
    started = await startE2eApp(db, join(work, `uploads-${kind}`));
    app = started.app;
    ds = app.get(DataSource);
    // The records, every 837, and the 835s of every payment month but the last: the claims the last
    // month's runs would have paid are still waiting for an answer.
    const admin = started.http;
    const { inputs, x12 } = demoFiles(sim.result);
    const remits = x12.filter((f) => /\/835-/.test(f));
    const lastMonth = remits
      .map((f) => f.split('/').at(-2)!)
      .sort()
      .at(-1)!;
    const files = [
      ...inputs.map((i) => ({ url: `/api/v1/inputs/${i.kind}`, file: i.file })),
      ...x12
        .filter((f) => !(/\/835-/.test(f) && f.split('/').at(-2) === lastMonth))
        .map((file) => ({ url: '/api/v1/files', file })),
    ];
    for (const { url, file } of files) {
      const res = await admin().post(url).attach('file', join(sim.dir, file));
      expect({ file, status: res.status }).toEqual({ file, status: 201 });
    }
    const b1 = await started.tokenFor('billing', 'biller1');
    const b2 = await started.tokenFor('billing', 'biller2');
    const f1 = await started.tokenFor('finance', 'fin1');
    const gone = await started.tokenFor('billing', 'gone1');
    biller = as(b1.token);
    billerId = b1.userId;
    biller2 = as(b2.token);
    biller2Id = b2.userId;
    coder = as((await started.tokenFor('coding', 'coder1')).token);
    finance = as(f1.token);
    financeId = f1.userId;
    disabledId = gone.userId;
    expect((await admin().patch(`/api/v1/users/${disabledId}`).send({ disabled: true })).status).toBe(200);
    reports = await loadReports();
    queue = reports.filter(inQueue);
  }, 300_000);

  afterAll(async () => {
    await started?.close();
    await db?.drop();
  });

  it('holds both queues: flagged claims waiting for the payer and denied claims', () => {
    expect(queue.filter((r) => r.firstPass === 'pending').length).toBeGreaterThan(5);
    expect(queue.filter((r) => r.firstPass !== 'pending').length).toBeGreaterThan(5);
    // Not everything is work: paid and clean claims stay out.
    expect(queue.length).toBeLessThan(reports.length);
  });

  it('lists exactly the queue, money at risk first, over pages without repeats', async () => {
    const items = await all('/api/v1/worklist');
    expect(items.map((i) => i.claimId)).toEqual([...queue].sort(byRisk).map((r) => r.claimId));
    const report = new Map(reports.map((r) => [r.claimId, r]));
    for (const item of items) {
      const r = report.get(item.claimId)!;
      expect(item.moneyAtRiskCents).toBe(moneyOf(r));
      expect(item.queue).toBe(r.firstPass === 'pending' ? 'flagged' : 'denied');
      expect(item.status).toBe('new');
      expect(item.assignee).toBeNull();
      if (item.queue === 'flagged') {
        expect(item.topFinding).not.toBeNull();
        expect(r.flags.map((f) => f.ruleId)).toContain(item.topFinding!.ruleId);
        expect(item.topFinding!.message.length).toBeGreaterThan(0);
        expect(item.deadlineKind).toBe(r.filingDeadline ? 'filing' : null);
        expect(item.denialCarcs).toEqual([]);
      } else {
        expect(item.denialCarcs).toEqual(r.denialCarcs);
        expect(item.denialCarcs.length).toBeGreaterThan(0);
        expect(item.anticipated).toBe(r.anticipated);
        expect(item.deadline).toBe(r.appealDeadline);
        for (const c of r.denialCategories) expect(item.categories).toContain(c);
      }
      // A block finding, when there is one, is the one to look at first.
      if (r.flags.some((f) => f.severity === 'block')) expect(item.topFinding!.severity).toBe('block');
    }
    // Denials a rule had flagged, and denials nobody saw coming: both are shown as such.
    const denied = items.filter((i) => i.queue === 'denied');
    expect(denied.some((i) => i.anticipated)).toBe(true);
    expect(denied.some((i) => !i.anticipated)).toBe(true);
  });

  it('sorts by deadline, earliest first and claims without one last, over pages without repeats', async () => {
    const items = await all('/api/v1/worklist?sort=deadline', 9);
    expect(items.map((i) => i.claimId)).toEqual([...queue].sort(byDeadline).map((r) => r.claimId));
    const keys = items.map((i) => i.deadline ?? NO_DEADLINE);
    expect([...keys].sort()).toEqual(keys);
    // Larger pages give the same order.
    expect((await all('/api/v1/worklist?sort=deadline', 200)).map((i) => i.claimId)).toEqual(
      items.map((i) => i.claimId),
    );
  });

  it('filters by queue, payer, provider, category, severity and deadline', async () => {
    const ids = (rows: Report[], order = byRisk) => [...rows].sort(order).map((r) => r.claimId);
    const listed = async (query: string) =>
      (await all(`/api/v1/worklist?${query}`, 50)).map((i) => i.claimId);

    expect(await listed('queue=flagged')).toEqual(ids(queue.filter((r) => r.firstPass === 'pending')));
    expect(await listed('queue=denied')).toEqual(ids(queue.filter((r) => r.firstPass !== 'pending')));

    const payer = queue[0]!.payerId;
    expect(await listed(`payerId=${encodeURIComponent(payer)}`)).toEqual(
      ids(queue.filter((r) => r.payerId === payer)),
    );
    expect(await listed(`payerId=${encodeURIComponent(payer)}&sort=deadline`)).toEqual(
      ids(
        queue.filter((r) => r.payerId === payer),
        byDeadline,
      ),
    );
    const npi = queue[queue.length - 1]!.providerNpi;
    expect(await listed(`providerNpi=${npi}&queue=denied`)).toEqual(
      ids(queue.filter((r) => r.providerNpi === npi && r.firstPass !== 'pending')),
    );

    // The most common category of the queue (a finding's or the denial's).
    const counts = new Map<string, number>();
    for (const r of queue) {
      for (const c of new Set([...r.flags.map((f) => f.category), ...r.denialCategories])) {
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
    }
    const category = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const withCategory = queue.filter(
      (r) => r.flags.some((f) => f.category === category) || r.denialCategories.includes(category),
    );
    expect(withCategory.length).toBeLessThan(queue.length);
    expect(await listed(`category=${category}`)).toEqual(ids(withCategory));

    const hasBlock = (r: Report) => r.flags.some((f) => f.severity === 'block');
    expect(await listed('severity=block')).toEqual(ids(queue.filter(hasBlock)));
    expect(await listed('severity=warn')).toEqual(
      ids(queue.filter((r) => !hasBlock(r) && r.flags.some((f) => f.severity === 'warn'))),
    );

    // Deadlines at most 20 days after `today`, overdue ones included; claims without one excluded.
    const dated = queue
      .map(deadlineKeyOf)
      .filter((d) => d !== NO_DEADLINE)
      .sort();
    const today = dated[Math.floor(dated.length / 2)]!;
    const until = addDays(today, 20);
    const due = queue.filter((r) => deadlineKeyOf(r) <= until);
    expect(due.length).toBeGreaterThan(0);
    expect(due.length).toBeLessThan(queue.length);
    expect(await listed(`deadlineWithin=20&today=${today}&sort=deadline`)).toEqual(ids(due, byDeadline));

    // Combined.
    expect(
      await listed(`queue=denied&payerId=${encodeURIComponent(payer)}&deadlineWithin=20&today=${today}`),
    ).toEqual(ids(due.filter((r) => r.firstPass !== 'pending' && r.payerId === payer)));
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    const bad = async (query: string, name: string) => {
      const res = await biller.get(`/api/v1/worklist?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(String(res.body.message)).toContain(name);
    };
    await bad('queue=mine', 'queue');
    await bad('status=done', 'status');
    await bad('sort=-risk', 'sort');
    await bad('limit=201', 'limit');
    await bad('limit=0', 'limit');
    await bad('severity=info', 'severity');
    await bad('category=nonsense', 'category');
    await bad('providerNpi=123', 'providerNpi');
    await bad('assignee=someone', 'assignee');
    await bad('deadlineWithin=-1', 'deadlineWithin');
    await bad('today=2026-02-30&deadlineWithin=3', 'today');
    await bad('cursor=abc', 'cursor');
    await bad('color=red', 'color');
    // A cursor of one order is not accepted for the other.
    const first = await get(biller, '/api/v1/worklist?limit=2');
    await bad(`sort=deadline&cursor=${encodeURIComponent(first.nextCursor!)}`, 'cursor');
  });

  it('exports the whole view as CSV, money in dollars', async () => {
    const res = await biller.get('/api/v1/worklist?format=csv&queue=denied');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('.csv');
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual(
      expect.arrayContaining([
        'claimId',
        'queue',
        'status',
        'moneyAtRiskDollars',
        'deadline',
        'topRuleId',
        'denialCarcs',
      ]),
    );
    const denied = [...queue.filter((r) => r.firstPass !== 'pending')].sort(byRisk);
    expect(rows.map((r) => r[header!.indexOf('claimId')])).toEqual(denied.map((r) => r.claimId));
    const money = header!.indexOf('moneyAtRiskDollars');
    expect(rows[0]![money]).toBe((moneyOf(denied[0]!) / 100).toFixed(2));
    expect(rows[0]![header!.indexOf('denialCarcs')]).toBe(denied[0]!.denialCarcs.join(';'));
    // The download is in the audit log as an export of claims, with the view's filter.
    const exports = (await ds.query(
      `SELECT actor_name, detail FROM audit_event WHERE action = 'claim.export' ORDER BY id`,
    )) as { actor_name: string; detail: string }[];
    expect(exports).toHaveLength(1);
    expect(exports[0]!.actor_name).toBe('biller1');
    expect(JSON.parse(exports[0]!.detail)).toMatchObject({
      path: '/api/v1/worklist',
      query: { format: 'csv', queue: 'denied' },
    });
  });

  it('bulk-assigns claims to an enabled user, all or nothing, and filters by assignee', async () => {
    const [a, b, c, d] = queue.map((r) => r.claimId);
    const assign = (body: object, agent: TestAgent = biller) =>
      agent.post('/api/v1/worklist/assign').send(body);

    const ok = await assign({ claimIds: [a, b, c, a], assigneeId: biller2Id });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ updated: 3 });
    // Already theirs: nothing changes.
    expect((await assign({ claimIds: [a, b], assigneeId: biller2Id })).body).toEqual({ updated: 0 });

    // An unknown claim id: 400 naming it, and the valid ones are not assigned either.
    const unknown = '019a0000-0000-7000-8000-00000000dead';
    const refused = await assign({ claimIds: [d, unknown], assigneeId: biller2Id });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain(unknown);
    expect(refused.body.problems).toEqual([`claimIds: there is no claim ${unknown}`]);

    const badAssignee = async (assigneeId: unknown, text: string) => {
      const res = await assign({ claimIds: [d], assigneeId });
      expect(res.status).toBe(400);
      expect(String(res.body.message)).toContain(text);
    };
    await badAssignee(disabledId, 'disabled');
    await badAssignee(financeId, 'finance');
    await badAssignee('019a0000-0000-7000-8000-00000000beef', 'no user');
    await badAssignee('me', 'assigneeId');
    await badAssignee(undefined, 'assigneeId');
    const tooMany = await assign({
      claimIds: Array.from(
        { length: 501 },
        (_, i) => `019a0000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      ),
      assigneeId: biller2Id,
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain('at most 500');
    expect((await assign({ claimIds: ['x'], assigneeId: null })).status).toBe(400);
    expect((await assign({ claimIds: [], assigneeId: null })).status).toBe(400);

    const mine = (await all('/api/v1/worklist?assignee=me', 50, biller2)).map((i) => i.claimId);
    expect(new Set(mine)).toEqual(new Set([a, b, c]));
    expect((await all(`/api/v1/worklist?assignee=${biller2Id}`, 50)).map((i) => i.claimId)).toEqual(mine);
    expect(await all('/api/v1/worklist?assignee=me', 50)).toEqual([]);
    const none = (await all('/api/v1/worklist?assignee=none', 50)).map((i) => i.claimId);
    expect(none).toHaveLength(queue.length - 3);
    expect(none).toContain(d);
    const item = (await all('/api/v1/worklist', 200)).find((i) => i.claimId === a)!;
    expect(item.assignee).toEqual({ id: biller2Id, username: 'biller2' });

    // Unassign one.
    expect((await assign({ claimIds: [c], assigneeId: null })).body).toEqual({ updated: 1 });
    expect((await all('/api/v1/worklist?assignee=me', 50, biller2)).map((i) => i.claimId).sort()).toEqual(
      [a, b].sort(),
    );

    const events = await auditRows('work.assign');
    expect(events.map((e) => [e.actor, e.targetId])).toEqual([
      ['biller1', a],
      ['biller1', b],
      ['biller1', c],
      ['biller1', c],
    ]);
    expect(events[0]!.detail).toMatchObject({ assigneeId: biller2Id, assignee: 'biller2' });
    expect(events[3]!.detail).toMatchObject({ assigneeId: null, previousAssigneeId: biller2Id });
  });

  it('moves work through every allowed status, refuses the others with 409, and keeps the history', async () => {
    const claim = queue.find((r) => r.firstPass !== 'pending')!.claimId;
    const move = (status: string, reason?: string, agent: TestAgent = biller) =>
      agent
        .post(`/api/v1/worklist/claims/${claim}/status`)
        .send(reason === undefined ? { status } : { status, reason });
    const expectMove = async (status: string, reason?: string) => {
      const res = await move(status, reason);
      expect({ status, code: res.status }).toEqual({ status, code: 200 });
      expect(res.body).toMatchObject({
        claimId: claim,
        status,
        updatedBy: { id: billerId, username: 'biller1' },
      });
      return res.body as { reason: string | null; updatedAt: string };
    };

    const refused = await move('resolved');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('from new to resolved');

    await expectMove('in-progress');
    expect((await move('in-progress')).status).toBe(409);
    expect((await move('resubmitted')).status).toBe(409);
    await expectMove('fixed', 'added the authorization number in 2300 REF*G1');
    await expectMove('resubmitted');
    await expectMove('resolved');
    expect((await move('overridden', 'too late')).status).toBe(409);
    expect((await move('fixed')).status).toBe(409);
    await expectMove('in-progress', 'payer recouped; reopening');
    // Overriding needs a reason (a blank one is no reason).
    const noReason = await move('overridden');
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('reason');
    expect((await move('overridden', '   ')).status).toBe(400);
    const overridden = await expectMove('overridden', 'payer confirmed the denial is their error, ref 77');
    expect(overridden.reason).toBe('payer confirmed the denial is their error, ref 77');
    expect((await move('resolved')).status).toBe(409);
    await expectMove('in-progress');

    // Straight to overridden from new and from fixed, on other claims.
    const [other, third] = queue.filter((r) => r.claimId !== claim).map((r) => r.claimId);
    const direct = await biller
      .post(`/api/v1/worklist/claims/${other}/status`)
      .send({ status: 'overridden', reason: 'duplicate of a claim already paid' });
    expect(direct.status).toBe(200);
    for (const [status, reason] of [
      ['in-progress'],
      ['fixed'],
      ['overridden', 'write-off approved'],
    ] as const) {
      const res = await biller
        .post(`/api/v1/worklist/claims/${third}/status`)
        .send(reason ? { status, reason } : { status });
      expect({ status, code: res.status }).toEqual({ status, code: 200 });
    }

    // Bad input and unknown claims.
    expect((await move('done')).status).toBe(400);
    expect(
      (
        await biller
          .post('/api/v1/worklist/claims/019a0000-0000-7000-8000-00000000dead/status')
          .send({ status: 'in-progress' })
      ).status,
    ).toBe(404);
    expect(
      (await biller.post('/api/v1/worklist/claims/nope/status').send({ status: 'in-progress' })).status,
    ).toBe(400);

    // The status filter.
    const listed = async (q: string) => (await all(`/api/v1/worklist?${q}`, 200)).map((i) => i.claimId);
    expect(await listed('status=in-progress')).toEqual([claim]);
    expect((await listed('status=overridden')).sort()).toEqual([other, third].sort());
    expect(await listed('status=open')).not.toContain(other);
    expect(await listed('status=open')).toContain(claim);
    expect((await listed('status=new')).length).toBe(queue.length - 3);

    // The history: every move in order, with who and why.
    const page = (await biller.get(`/api/v1/worklist/claims/${claim}`)).body;
    const moves = (
      page.history as { kind: string; fromStatus: string; toStatus: string; actorName: string }[]
    )
      .filter((h) => h.kind === 'work.status')
      .map((h) => `${h.fromStatus}>${h.toStatus}`);
    expect(moves).toEqual([
      'new>in-progress',
      'in-progress>fixed',
      'fixed>resubmitted',
      'resubmitted>resolved',
      'resolved>in-progress',
      'in-progress>overridden',
      'overridden>in-progress',
    ]);
    expect(page.work).toMatchObject({ status: 'in-progress', reason: null });

    const audit = (await auditRows('work.status')).filter((e) => e.targetId === claim);
    expect(audit.map((e) => (e.detail as { to: string }).to)).toEqual([
      'in-progress',
      'fixed',
      'resubmitted',
      'resolved',
      'in-progress',
      'overridden',
      'in-progress',
    ]);
    expect(audit[5]!.detail).toEqual({
      from: 'in-progress',
      to: 'overridden',
      reasonLength: 'payer confirmed the denial is their error, ref 77'.length,
    });
    // Refused moves change nothing and write no event.
    expect((await auditRows('work.status')).length).toBe(7 + 1 + 3);
  });

  it('keeps claims someone is working on in the list after they leave the queue', async () => {
    const paid = reports.find((r) => !inQueue(r) && r.firstPass === 'paid')!.claimId;
    expect((await all('/api/v1/worklist', 200)).map((i) => i.claimId)).not.toContain(paid);
    const res = await biller.post(`/api/v1/worklist/claims/${paid}/status`).send({ status: 'in-progress' });
    expect(res.status).toBe(200);
    const items = await all('/api/v1/worklist', 11);
    expect(items.map((i) => i.claimId)).toContain(paid);
    expect((await all('/api/v1/worklist?status=in-progress', 50)).map((i) => i.claimId)).toContain(paid);
    // Closed work outside the queue leaves the list.
    for (const [status, reason] of [['overridden', 'not ours to work']] as const) {
      expect(
        (await biller.post(`/api/v1/worklist/claims/${paid}/status`).send({ status, reason })).status,
      ).toBe(200);
    }
    expect((await all('/api/v1/worklist', 200)).map((i) => i.claimId)).not.toContain(paid);
  });

  it('keeps notes (billing and coding), newest first, without their text in the audit log', async () => {
    const claim = queue[1]!.claimId;
    const note = (agent: TestAgent, text: unknown) =>
      agent.post(`/api/v1/worklist/claims/${claim}/notes`).send({ text });
    const first = await note(biller, 'called the payer, waiting for a reference number');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      actorName: 'biller1',
      text: 'called the payer, waiting for a reference number',
    });
    expect((await note(coder, '  documentation amended by Dr. Lee  ')).body.text).toBe(
      'documentation amended by Dr. Lee',
    );
    expect((await note(biller, '')).status).toBe(400);
    expect((await note(biller, '   ')).status).toBe(400);
    expect((await note(biller, 'x'.repeat(4001))).status).toBe(400);
    expect((await note(biller, 'x'.repeat(4000))).status).toBe(201);
    expect((await note(finance, 'finance may only look')).status).toBe(403);
    expect(
      (
        await biller
          .post('/api/v1/worklist/claims/019a0000-0000-7000-8000-00000000dead/notes')
          .send({ text: 'hi' })
      ).status,
    ).toBe(404);

    const page = (await coder.get(`/api/v1/worklist/claims/${claim}`)).body;
    expect(page.notes.map((n: { text: string }) => n.text.slice(0, 20))).toEqual([
      'x'.repeat(20),
      'documentation amende',
      'called the payer, wa',
    ]);
    expect(page.history.filter((h: { kind: string }) => h.kind === 'work.note')).toHaveLength(3);
    const audit = (await auditRows('work.note')).filter((e) => e.targetId === claim);
    expect(audit.map((e) => e.actor)).toEqual(['biller1', 'coder1', 'biller1']);
    for (const e of audit) expect(JSON.stringify(e.detail)).not.toMatch(/payer|Lee|xxxx/);
  });

  it('answers the claim page with everything about one claim, and audits the view', async () => {
    // A denied claim with documentation linked to its patient, when the practice has one.
    const linked = (await ds.query(
      `SELECT DISTINCT claim_id FROM patient_link WHERE target_kind = 'documentation'`,
    )) as { claim_id: string }[];
    const withDocs = new Set(linked.map((r) => r.claim_id));
    const denied = queue.filter((r) => r.firstPass !== 'pending');
    const target = denied.find((r) => withDocs.has(r.claimId)) ?? denied[0]!;
    const before = (await auditRows('claim.view')).length;

    const res = await finance.get(`/api/v1/worklist/claims/${target.claimId}`);
    expect(res.status).toBe(200);
    const page = res.body;
    expect(page.claim).toMatchObject({ id: target.claimId, payerId: target.payerId });
    expect(page.claim.lines.length).toBeGreaterThan(0);
    expect(page.claim.diagnoses.length).toBeGreaterThan(0);
    expect(page.claim.providers.length).toBeGreaterThan(0);
    expect(Object.keys(page.claim.patient).sort()).toEqual([
      'birthDate',
      'firstName',
      'lastName',
      'memberId',
    ]);
    expect(page.claim.patient.memberId.length).toBeGreaterThan(0);
    expect(page.findings.claimId).toBe(target.claimId);
    expect(page.remittances.length).toBeGreaterThan(0);
    expect(page.report).toMatchObject({ claimId: target.claimId, denialCarcs: target.denialCarcs });
    expect(page.worklist).toMatchObject({
      inQueue: true,
      queue: 'denied',
      moneyAtRiskCents: target.deniedCents,
    });
    expect(page.history.map((h: { kind: string }) => h.kind)).toContain('claim.received');
    const ats = page.history.map((h: { at: string }) => h.at);
    expect([...ats].sort()).toEqual(ats);
    for (const key of ['documentation', 'authorizations', 'eligibility'])
      expect(Array.isArray(page[key])).toBe(true);
    if (withDocs.has(target.claimId)) {
      const expected = (await ds.query(
        `SELECT target_id FROM patient_link WHERE claim_id = '${target.claimId}' AND target_kind = 'documentation'`,
      )) as { target_id: string }[];
      expect(page.documentation.map((d: { id: string }) => d.id).sort()).toEqual(
        expected.map((e) => e.target_id).sort(),
      );
      expect(page.documentation[0].text.length).toBeGreaterThan(0);
    }
    const eligibility = (await ds.query(
      `SELECT COUNT(*) AS n FROM patient_link WHERE claim_id = '${target.claimId}' AND target_kind = 'eligibility'`,
    )) as { n: number | string }[];
    expect(page.eligibility).toHaveLength(Number(eligibility[0]!.n));

    const views = await auditRows('claim.view');
    expect(views).toHaveLength(before + 1);
    expect(views.at(-1)).toMatchObject({ actor: 'fin1', targetId: target.claimId });

    expect((await biller.get('/api/v1/worklist/claims/019a0000-0000-7000-8000-00000000dead')).status).toBe(
      404,
    );
    expect((await biller.get('/api/v1/worklist/claims/not-a-claim')).status).toBe(400);
    // A failed view is not recorded as one.
    expect(await auditRows('claim.view')).toHaveLength(before + 1);
  });

  it('leaves out a denial once it has been worked (a corrected claim went out)', async () => {
    // The projection marks a claim worked when a later submission of it arrives; the simulator sends
    // none, so the row is marked here the way the projection would.
    const denied = [...queue].reverse().find((r) => r.firstPass !== 'pending')!;
    const listed = async () => (await all('/api/v1/worklist?queue=denied', 200)).map((i) => i.claimId);
    expect(await listed()).toContain(denied.claimId);
    await ds.query(`UPDATE claim_report SET worked = 1 WHERE claim_id = '${denied.claimId}'`);
    try {
      expect(await listed()).not.toContain(denied.claimId);
    } finally {
      await ds.query(`UPDATE claim_report SET worked = 0 WHERE claim_id = '${denied.claimId}'`);
    }
  });

  it('lets only billing (and admins) work the queue', async () => {
    const claim = queue[2]!.claimId;
    expect((await coder.get('/api/v1/worklist')).status).toBe(403);
    expect((await finance.get('/api/v1/worklist')).status).toBe(403);
    expect(
      (await coder.post('/api/v1/worklist/assign').send({ claimIds: [claim], assigneeId: null })).status,
    ).toBe(403);
    expect(
      (await coder.post(`/api/v1/worklist/claims/${claim}/status`).send({ status: 'in-progress' })).status,
    ).toBe(403);
    expect((await coder.get(`/api/v1/worklist/claims/${claim}`)).status).toBe(200);
    expect((await started.http().get('/api/v1/worklist?limit=1')).status).toBe(200);
    expect((await request(app.getHttpServer()).get('/api/v1/worklist')).status).toBe(401);
    expect((await request(app.getHttpServer()).get(`/api/v1/worklist/claims/${claim}`)).status).toBe(401);
  });
});
