/**
 * The deadlines job (issue 9) over a simulated practice (3 months, the last payment month's 835s held
 * back so that flagged claims still wait for the payer), on every test database: the job method is
 * called directly with a fixed `today` (no clock). The claims it must alert are worked out here from
 * the claim_report rows and the work items (the worklist's definitions written in TypeScript, not the
 * job's SQL) and checked against what the worklist API shows as each claim's deadline. Then: the
 * alerts on the worklist (badge data, the alert=deadline filter, the CSV), the digest's list
 * (openAlerts), the claim page, a second run raising nothing, resolved or overridden work clearing
 * its alert and reopened work raising it again, the payer's answers clearing filing alerts, today
 * moving past the deadlines, and the query plans of the job's statements.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication, Logger } from '@nestjs/common';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config.js';
import {
  clearStatement,
  DeadlineAlertsRepository,
  openAlertsStatement,
  raiseStatement,
} from '../../src/deadlines/deadline-alerts.repository.js';
import { DeadlineAlertsService } from '../../src/deadlines/deadline-alerts.service.js';
import { dateIn, type JobContext } from '../../src/jobs/job-types.js';
import { numbered } from '../../src/reports/sql.js';
import { demoFiles } from '../../src/simulator/demo.command.js';
import { parseCsv } from '../support/csv.js';
import { agentWith, type E2eApp, startE2eApp } from '../support/e2e-app.js';
import { explain, fullScans, QueryCapture } from '../support/query-plans.js';
import { simulatePractice, type SimulatedPractice } from '../support/simulated-practice.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const SIMULATION = { seed: 'deadlines-e2e', months: 3, claimsPerMonth: 80, start: '2026-01' } as const;
const WINDOW_DAYS = 7;

interface Alert {
  kind: 'filing' | 'appeal';
  deadline: string;
  daysLeft: number;
}

interface Item {
  claimId: string;
  queue: string;
  moneyAtRiskCents: number;
  deadline: string | null;
  deadlineKind: 'filing' | 'appeal' | null;
  status: string;
  alert: Alert | null;
}

/** A claim_report row as the test reads it. */
interface Report {
  claimId: string;
  firstPass: string;
  currentOutcome: string;
  findingCount: number;
  worked: boolean;
  expectedDenialCents: number;
  deniedCents: number;
  filingDeadline: string | null;
  appealDeadline: string | null;
}

/** An alert row of deadline_alert. */
interface AlertRow {
  id: string;
  claimId: string;
  kind: string;
  deadline: string;
  raisedAt: string;
  runId: string | null;
  clearedAt: string | null;
}

const DENIED = ['denied', 'partial'];
const CLOSED = ['resolved', 'overridden'];

/** The worklist's queue: flagged and unanswered, or denied at first pass and still denied; not worked. */
const inQueue = (r: Report): boolean =>
  !r.worked &&
  ((r.firstPass === 'pending' && r.findingCount > 0) ||
    (DENIED.includes(r.firstPass) && DENIED.includes(r.currentOutcome)));
const moneyOf = (r: Report) => (r.firstPass === 'pending' ? r.expectedDenialCents : r.deniedCents);
/** The deadline that matters: the filing limit while unanswered, the appeal deadline once denied. */
const deadlineOf = (r: Report): { kind: 'filing' | 'appeal'; deadline: string | null } =>
  r.firstPass === 'pending'
    ? { kind: 'filing', deadline: r.filingDeadline }
    : { kind: 'appeal', deadline: r.appealDeadline };

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const key = (a: { claimId: string; kind: string; deadline: string }) =>
  `${a.claimId}|${a.kind}|${a.deadline}`;

let work: string;
let sim: SimulatedPractice;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'claimguard-deadlines-'));
  sim = simulatePractice(join(work, 'sim'), SIMULATION);
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(databaseKinds)('deadlines job on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let app: INestApplication;
  let ds: DataSource;
  let job: DeadlineAlertsService;
  let alerts: DeadlineAlertsRepository;
  let biller: TestAgent;
  /** The 835s of the last payment month, not loaded at first (their claims wait for the payer). */
  let heldBack: string[];
  let reports: Report[];
  /** The fixed today of the first runs. */
  let today: string;
  /** What the first run must alert: claim id → kind and deadline. */
  let expected: Map<string, { kind: 'filing' | 'appeal'; deadline: string }>;
  let runs = 0;

  const ctx = (day: string): JobContext => ({
    runId: `019b0000-0000-7000-8000-${String(++runs).padStart(12, '0')}`,
    startedAt: new Date().toISOString(),
    today: day,
    timeZone: 'UTC',
    actor: { kind: 'system', via: 'system', name: 'e2e' },
  });

  async function loadReports(): Promise<Report[]> {
    const rows = (await ds.query(
      `SELECT claim_id, first_pass, current_outcome, finding_count, worked, expected_denial_cents,
              denied_cents, filing_deadline, appeal_deadline
         FROM claim_report`,
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      claimId: String(r['claim_id']),
      firstPass: String(r['first_pass']),
      currentOutcome: String(r['current_outcome']),
      findingCount: Number(r['finding_count']),
      worked: Number(r['worked']) === 1,
      expectedDenialCents: Number(r['expected_denial_cents']),
      deniedCents: Number(r['denied_cents']),
      filingDeadline: (r['filing_deadline'] as string | null) ?? null,
      appealDeadline: (r['appeal_deadline'] as string | null) ?? null,
    }));
  }

  async function workStatuses(): Promise<Map<string, string>> {
    const rows = (await ds.query('SELECT claim_id, status FROM work_item')) as {
      claim_id: string;
      status: string;
    }[];
    return new Map(rows.map((r) => [r.claim_id, r.status]));
  }

  /** The claims that must have an open alert on `day`, from the report rows and the work items. */
  async function expectationFor(
    day: string,
  ): Promise<Map<string, { kind: 'filing' | 'appeal'; deadline: string }>> {
    const statuses = await workStatuses();
    const last = addDays(day, WINDOW_DAYS);
    const out = new Map<string, { kind: 'filing' | 'appeal'; deadline: string }>();
    for (const r of reports) {
      if (!inQueue(r) || CLOSED.includes(statuses.get(r.claimId) ?? 'new')) continue;
      const { kind: k, deadline } = deadlineOf(r);
      if (deadline !== null && deadline >= day && deadline <= last) out.set(r.claimId, { kind: k, deadline });
    }
    return out;
  }

  async function alertRows(): Promise<AlertRow[]> {
    const rows = (await ds.query(
      'SELECT id, claim_id, kind, deadline, raised_at, run_id, cleared_at FROM deadline_alert ORDER BY id',
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: String(r['id']),
      claimId: String(r['claim_id']),
      kind: String(r['kind']),
      deadline: String(r['deadline']),
      raisedAt: String(r['raised_at']),
      runId: (r['run_id'] as string | null) ?? null,
      clearedAt: (r['cleared_at'] as string | null) ?? null,
    }));
  }

  const openRows = async () => (await alertRows()).filter((r) => r.clearedAt === null);
  const asMap = (rows: AlertRow[]) =>
    new Map(rows.map((r) => [r.claimId, { kind: r.kind, deadline: r.deadline }]));

  /** Every item of a worklist view, following nextCursor. */
  async function all(query: string): Promise<Item[]> {
    const out: Item[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 200; pages++) {
      const res = await biller.get(
        `/api/v1/worklist?${query}&limit=50${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      expect({ query, status: res.status }).toEqual({ query, status: 200 });
      const page = res.body as { items: Item[]; nextCursor: string | null };
      out.push(...page.items);
      if (page.nextCursor === null) return out;
      cursor = page.nextCursor;
    }
    throw new Error(`${query}: more than 200 pages`);
  }

  const move = async (claimId: string, status: string, reason?: string) => {
    const res = await biller
      .post(`/api/v1/worklist/claims/${claimId}/status`)
      .send(reason === undefined ? { status } : { status, reason });
    expect({ claimId, status, code: res.status }).toEqual({ claimId, status, code: 200 });
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase(kind);
    started = await startE2eApp(db, join(work, `uploads-${kind}`));
    app = started.app;
    ds = app.get(DataSource);
    job = app.get(DeadlineAlertsService);
    alerts = app.get(DeadlineAlertsRepository);
    const { inputs, x12 } = demoFiles(sim.result);
    const remits = x12.filter((f) => /\/835-/.test(f));
    const lastMonth = remits
      .map((f) => f.split('/').at(-2)!)
      .sort()
      .at(-1)!;
    heldBack = remits.filter((f) => f.split('/').at(-2) === lastMonth);
    const files = [
      ...inputs.map((i) => ({ url: `/api/v1/inputs/${i.kind}`, file: i.file })),
      ...x12.filter((f) => !heldBack.includes(f)).map((file) => ({ url: '/api/v1/files', file })),
    ];
    for (const { url, file } of files) {
      const res = await started.http().post(url).attach('file', join(sim.dir, file));
      expect({ file, status: res.status }).toEqual({ file, status: 201 });
    }
    biller = agentWith(app, (await started.tokenFor('billing', 'biller1')).token);
    reports = await loadReports();

    // Today: the day whose week holds the most deadlines of both kinds (some claims in, others out).
    const candidates = new Set<string>();
    for (const r of reports.filter(inQueue)) {
      const d = deadlineOf(r).deadline;
      if (d) for (const back of [0, 3, 7]) candidates.add(addDays(d, -back));
    }
    let best: { day: string; score: number } | null = null;
    for (const day of [...candidates].sort()) {
      const e = [...(await expectationFor(day)).values()];
      const filing = e.filter((x) => x.kind === 'filing').length;
      const appeal = e.filter((x) => x.kind === 'appeal').length;
      const score = Math.min(filing, appeal) * 1000 + e.length;
      if (!best || score > best.score) best = { day, score };
    }
    today = best!.day;
    expected = await expectationFor(today);
  }, 300_000);

  afterAll(async () => {
    await started?.close();
    await db?.drop();
  });

  it('has deadlines of both kinds inside the week, and claims with deadlines outside it', () => {
    const kinds = [...expected.values()].map((e) => e.kind);
    expect(kinds).toContain('filing');
    expect(kinds).toContain('appeal');
    const withDeadline = reports.filter((r) => inQueue(r) && deadlineOf(r).deadline !== null);
    expect(withDeadline.length).toBeGreaterThan(expected.size + 5);
  });

  it('raises an alert for exactly the open claims whose deadline falls within 7 days', async () => {
    const run = ctx(today);
    const before = new Date().toISOString();
    const counts = await job.run(run);
    expect(counts).toEqual({ raised: expected.size, open: expected.size, cleared: 0 });
    const rows = await alertRows();
    expect(asMap(rows)).toEqual(expected);
    for (const r of rows) {
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(r.runId).toBe(run.runId);
      expect(r.clearedAt).toBeNull();
      expect(r.raisedAt >= before).toBe(true);
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('alerts the deadline the worklist shows: every open item whose deadline is in the week', async () => {
    const items = await all(`sort=deadline&today=${today}`);
    const last = addDays(today, WINDOW_DAYS);
    const dueThisWeek = items.filter(
      (i) => i.deadline !== null && i.deadline >= today && i.deadline <= last && !CLOSED.includes(i.status),
    );
    expect(
      new Map(dueThisWeek.map((i) => [i.claimId, { kind: i.deadlineKind, deadline: i.deadline }])),
    ).toEqual(expected);
  });

  it('shows each alert on its worklist row, filters by alert=deadline, and exports the alert columns', async () => {
    const items = await all(`today=${today}`);
    for (const i of items) {
      const e = expected.get(i.claimId);
      expect({ claimId: i.claimId, alert: i.alert }).toEqual({
        claimId: i.claimId,
        alert: e ? { ...e, daysLeft: daysBetween(today, e.deadline) } : null,
      });
    }
    // The filter: only alerted claims, in the same order as the unfiltered view.
    const alerted = await all(`alert=deadline&today=${today}`);
    expect(alerted.map((i) => i.claimId)).toEqual(
      items.filter((i) => expected.has(i.claimId)).map((i) => i.claimId),
    );
    const byDeadline = await all(`alert=deadline&sort=deadline&today=${today}`);
    expect(byDeadline.map((i) => i.claimId).sort()).toEqual([...expected.keys()].sort());
    const keys = byDeadline.map((i) => i.deadline!);
    expect([...keys].sort()).toEqual(keys);
    // With the other filters.
    const flagged = await all(`alert=deadline&queue=flagged&today=${today}`);
    expect(flagged.map((i) => i.claimId).sort()).toEqual(
      [...expected]
        .filter(([, e]) => e.kind === 'filing')
        .map(([id]) => id)
        .sort(),
    );
    expect((await biller.get('/api/v1/worklist?alert=soon')).status).toBe(400);

    const csv = await biller.get(`/api/v1/worklist?alert=deadline&format=csv&today=${today}`);
    expect(csv.status).toBe(200);
    const [header, ...rows] = parseCsv(csv.text);
    const col = (name: string) => header!.indexOf(name);
    expect(col('alertKind')).toBeGreaterThan(-1);
    expect(rows.map((r) => r[col('claimId')]).sort()).toEqual([...expected.keys()].sort());
    for (const r of rows) {
      const e = expected.get(r[col('claimId')]!)!;
      expect([r[col('alertKind')], r[col('alertDeadline')], r[col('alertDaysLeft')]]).toEqual([
        e.kind,
        e.deadline,
        String(daysBetween(today, e.deadline)),
      ]);
    }
  });

  it('lists the open alerts for the digest by deadline, with payer, billing NPI, charge and money at risk', async () => {
    const list = await alerts.openAlerts(today);
    const claims = new Map(
      (
        (await ds.query('SELECT id, payer_id, billing_npi, total_charge_cents FROM claim')) as Record<
          string,
          unknown
        >[]
      ).map((c) => [String(c['id']), c]),
    );
    const report = new Map(reports.map((r) => [r.claimId, r]));
    expect(list.map((a) => a.claimId).sort()).toEqual([...expected.keys()].sort());
    const order = list.map((a) => `${a.deadline}|${a.claimId}`);
    expect([...order].sort()).toEqual(order);
    for (const a of list) {
      const c = claims.get(a.claimId)!;
      expect(a).toMatchObject({
        kind: expected.get(a.claimId)!.kind,
        deadline: expected.get(a.claimId)!.deadline,
        payerId: String(c['payer_id']),
        billingNpi: String(c['billing_npi']),
        chargeCents: Number(c['total_charge_cents']),
        atRiskCents: moneyOf(report.get(a.claimId)!),
        daysLeft: daysBetween(today, a.deadline),
        runId: expect.stringMatching(/^019b0000-/),
      });
      expect(a.daysLeft).toBeGreaterThanOrEqual(0);
      expect(a.daysLeft).toBeLessThanOrEqual(WINDOW_DAYS);
    }
    expect((await alerts.openAlerts(today, 2)).map((a) => a.id)).toEqual(list.slice(0, 2).map((a) => a.id));
  });

  it('raises nothing new on a second run the same day', async () => {
    const before = await alertRows();
    expect(await job.run(ctx(today))).toEqual({ raised: 0, open: expected.size, cleared: 0 });
    expect(await alertRows()).toEqual(before);
  });

  it('shows the open alert on the claim page', async () => {
    const zone = app.get<AppConfig>(APP_CONFIG).jobs.timeZone;
    const [claimId, e] = [...expected][0]!;
    const page = await biller.get(`/api/v1/worklist/claims/${claimId}`);
    expect(page.status).toBe(200);
    expect(page.body.alert).toEqual({
      ...e,
      daysLeft: daysBetween(dateIn(zone, new Date()), e.deadline),
      raisedAt: expect.any(String),
    });
    const other = reports.find((r) => !expected.has(r.claimId))!.claimId;
    expect((await biller.get(`/api/v1/worklist/claims/${other}`)).body.alert).toBeNull();
  });

  it('clears the alert of a claim whose work is resolved or overridden, and raises it again when reopened', async () => {
    const [overridden, resolved] = [...expected.keys()];
    await move(overridden!, 'overridden', 'payer extended the deadline, ref 42');
    for (const status of ['in-progress', 'fixed', 'resubmitted', 'resolved']) await move(resolved!, status);
    expect(await job.run(ctx(today))).toEqual({ raised: 0, open: expected.size - 2, cleared: 2 });
    const rows = await alertRows();
    const cleared = rows.filter((r) => r.clearedAt !== null).map((r) => r.claimId);
    expect(cleared.sort()).toEqual([overridden!, resolved!].sort());
    const filtered = await all(`alert=deadline&today=${today}`);
    expect(filtered.map((i) => i.claimId)).not.toContain(overridden);
    expect(filtered.map((i) => i.claimId)).not.toContain(resolved);
    expect(filtered).toHaveLength(expected.size - 2);
    const shown = (await all(`today=${today}`)).find((i) => i.claimId === overridden)!;
    expect(shown).toMatchObject({ status: 'overridden', alert: null });

    // Reopened: the same alert (same row) is open again, raised by this run.
    const before = rows.find((r) => r.claimId === overridden)!;
    await move(overridden!, 'in-progress', 'payer did not extend it after all');
    const run = ctx(today);
    expect(await job.run(run)).toEqual({ raised: 1, open: expected.size - 1, cleared: 0 });
    const after = (await alertRows()).find((r) => r.claimId === overridden)!;
    expect(after).toMatchObject({ id: before.id, clearedAt: null, runId: run.runId });
    expect(after.raisedAt > before.raisedAt).toBe(true);
  });

  it("clears filing alerts once the payer answers, and follows the claims' new deadlines", async () => {
    const previous = await openRows();
    for (const file of heldBack) {
      const res = await started.http().post('/api/v1/files').attach('file', join(sim.dir, file));
      expect({ file, status: res.status }).toEqual({ file, status: 201 });
    }
    reports = await loadReports();
    const now = await expectationFor(today);
    const was = new Set(previous.map(key));
    const will = new Set([...now].map(([claimId, e]) => key({ claimId, ...e })));
    const counts = await job.run(ctx(today));
    expect(counts).toEqual({
      raised: [...will].filter((k) => !was.has(k)).length,
      open: now.size,
      cleared: [...was].filter((k) => !will.has(k)).length,
    });
    expect(asMap(await openRows())).toEqual(now);
    // Some alerted claims waiting for the payer were answered: their filing alerts are gone.
    const answered = previous.filter(
      (r) => r.kind === 'filing' && reports.find((x) => x.claimId === r.claimId)!.firstPass !== 'pending',
    );
    expect(answered.length).toBeGreaterThan(0);
    for (const r of answered) expect(now.get(r.claimId)?.kind).not.toBe('filing');
  });

  it('clears every alert once today moves past its deadline, and raises the next week’s', async () => {
    const previous = await openRows();
    const later = addDays(today, WINDOW_DAYS + 1);
    const next = await expectationFor(later);
    const counts = await job.run(ctx(later));
    expect(counts).toEqual({ raised: next.size, open: next.size, cleared: previous.length });
    expect(asMap(await openRows())).toEqual(next);
    const rows = await alertRows();
    for (const p of previous) expect(rows.find((r) => r.id === p.id)!.clearedAt).not.toBeNull();
    expect((await all(`alert=deadline&today=${later}`)).map((i) => i.claimId).sort()).toEqual(
      [...next.keys()].sort(),
    );
  });

  it('reads claim_report through its partial deadline index, never a whole table', async () => {
    const dialect = kind;
    const window = { from: today, to: addDays(today, WINDOW_DAYS) };
    const statements = [
      raiseStatement(dialect, window, new Date().toISOString(), ctx(today).runId),
      clearStatement(window, new Date().toISOString()),
      openAlertsStatement('', [], 50),
      openAlertsStatement(' AND a.claim_id = ?', [[...expected.keys()][0]]),
    ];
    for (const s of statements) {
      const plan = await explain(ds, { sql: numbered(dialect, s.sql), parameters: s.params });
      expect({ sql: s.sql, scans: fullScans(plan) }).toEqual({ sql: s.sql, scans: [] });
      // The deadline range on a partial worklist index (PostgreSQL may pick the per-payer one on tiny tables).
      if (s === statements[0])
        expect(plan.join('\n')).toMatch(/IX_claim_report_worklist_(payer_|provider_)?deadline/);
    }
    // The worklist's reads with the alert join and the alert filter.
    const capture = new QueryCapture();
    const logger = ds.logger;
    Object.assign(ds, { logger: capture });
    let queries;
    try {
      queries = await capture.during(async () => {
        for (const q of [
          '',
          'alert=deadline',
          'alert=deadline&status=in-progress',
          'sort=deadline&payerId=X',
        ]) {
          expect((await biller.get(`/api/v1/worklist?${q}`)).status).toBe(200);
        }
      });
    } finally {
      Object.assign(ds, { logger });
    }
    const pages = queries.filter((q) => /deadline_alert/.test(q.sql));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    // (SQLite reads the union's parts, part0 and part1, as it builds them: not tables.)
    const tableScans = (plan: string[]) => fullScans(plan).filter((l) => !/\bpart\d\b/.test(l));
    for (const q of pages) {
      const plan = await explain(ds, q);
      expect({ sql: q.sql, scans: tableScans(plan) }).toEqual({ sql: q.sql, scans: [] });
    }
  });
});
