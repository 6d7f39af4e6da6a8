/**
 * The digest jobs over a simulated practice (three answered months, then a month the payers have not
 * answered yet), loaded through the HTTP API on every test database: the jobs write their HTML and
 * CSV files and rows, every figure equals what the reports, the worklist and the deadline alerts
 * answer for the same period (read through their own routes, not through the digest's code), no
 * patient identifier is in a file, the routes answer by role, a re-run replaces, a removed file is a 404.
 * New denials are the claims whose first answer, a denial, came in an 835 received in the period (in
 * the job time zone), whatever date the payer put on it: the files are uploaded with the clock (Date
 * only, still running) set to the day they arrive.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadlineAlertsRepository } from '../../src/deadlines/deadline-alerts.repository.js';
import { DeadlineAlertsService } from '../../src/deadlines/deadline-alerts.service.js';
import { DigestDailyJob, DigestWeeklyJob } from '../../src/digests/digest-jobs.js';
import { digestPeriod } from '../../src/digests/digest-period.js';
import { DigestService } from '../../src/digests/digest.service.js';
import { DIGEST_HTML_CSP } from '../../src/digests/digests.controller.js';
import { dateIn, type JobContext } from '../../src/jobs/job-types.js';
import { addDays } from '../../src/reporting/deadlines.js';
import { parseCsv } from '../support/csv.js';
import { type E2eApp, startE2eApp } from '../support/e2e-app.js';
import {
  loadSimulatedPractice,
  simulatePractice,
  type SimulatedPractice,
} from '../support/simulated-practice.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const SIMULATION = { seed: 'digests-e2e', months: 3, claimsPerMonth: 80, start: '2026-01' } as const;
/**
 * Claims the payers have not answered yet: money at risk now, and (served in November, 180 days to
 * file with some payers) filing limits in the week of TODAY.
 */
const WAITING = {
  seed: 'digests-e2e-waiting',
  months: 1,
  claimsPerMonth: 150,
  start: '2025-11',
  adjudication: false,
} as const;
/** The job time zone. */
const ZONE = 'America/Chicago';
/**
 * When the practice's files arrive (the clock is set to it for the upload): 20:00 on 2026-05-01 in
 * Chicago, already 2026-05-02 in UTC; the payers dated their answers from January to April.
 */
const RECEIVED_AT = '2026-05-02T01:00:00.000Z';
/** The day the jobs run for (fixed: never the clock): the day after the files arrived. */
const TODAY = '2026-05-02';
const DAILY = { from: '2026-05-01', to: '2026-05-01' };
const WEEKLY = { from: '2026-04-25', to: '2026-05-01' };

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface DigestView {
  id: string;
  kind: 'daily' | 'weekly';
  periodFrom: string;
  periodTo: string;
  createdAt: string;
  runId: string | null;
  summary: Record<string, unknown>;
  htmlUrl: string;
  csvUrl: string;
}

interface ReportClaim {
  claimId: string;
  payerId: string;
  status: string;
  firstPass: string;
  firstRemitDate: string | null;
  deniedCents: number;
  denialCategories: string[];
}

const ctx = (today: string, timeZone = ZONE): JobContext => ({
  runId: randomUUID(),
  startedAt: new Date().toISOString(),
  today,
  timeZone,
  actor: { kind: 'system', via: 'system', name: 'e2e' },
});

/**
 * Runs `work` with the clock set to `instant` and still running: only Date is faked (timers, ticks
 * and I/O are real), so what the app stamps "now" (a file's received_at) is that moment.
 */
async function atTime<T>(instant: string, work: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: new Date(instant),
    advanceTimers: true,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  try {
    return await work();
  } finally {
    jest.useRealTimers();
  }
}

/** An ISO-8601 UTC time's day in the job time zone. */
const dayOf = (iso: string, timeZone = ZONE): string => dateIn(timeZone, new Date(iso));

/** The CSV's lines of one section, as objects by header name (byte order mark dropped). */
function csvSection(text: string, section: string): Record<string, string>[] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  return rows
    .filter((r) => r[0] === section)
    .map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/** Dollars with two decimals (as the CSV writes them) back to integer cents, exactly. */
function cents(dollars: string): number {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(dollars);
  if (!m) throw new Error(`not an amount: ${dollars}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}

let work: string;
let sim: SimulatedPractice;
let waiting: SimulatedPractice;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'claimguard-digests-'));
  sim = simulatePractice(join(work, 'sim'), SIMULATION);
  waiting = simulatePractice(join(work, 'waiting'), WAITING);
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(databaseKinds)('digests over a simulated practice on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let reportsDir: string;
  const counts: Record<'daily' | 'weekly', Record<string, number>> = { daily: {}, weekly: {} };

  const http = () => started.http();
  const get = async (url: string) => {
    const res = await http().get(url);
    expect({ url, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
      url,
      status: 200,
      body: null,
    });
    return res.body;
  };

  /** Every item of a paged list, following nextCursor. */
  async function all<T>(url: string, limit = 200): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 1000; pages++) {
      const sep = url.includes('?') ? '&' : '?';
      const page = (await get(
        `${url}${sep}limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      )) as Page<T>;
      out.push(...page.items);
      if (page.nextCursor === null) return out;
      cursor = page.nextCursor;
    }
    throw new Error(`${url}: more than 1000 pages`);
  }

  const digests = async (): Promise<DigestView[]> => all<DigestView>('/api/v1/digests');
  const digestOf = async (k: 'daily' | 'weekly'): Promise<DigestView> => {
    const found = (await digests()).filter((d) => d.kind === k);
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const csvOf = async (k: 'daily' | 'weekly'): Promise<string> => {
    const res = await http().get((await digestOf(k)).csvUrl);
    expect(res.status).toBe(200);
    return res.text;
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase(kind);
    const uploads = join(work, `uploads-${kind}`);
    reportsDir = `${uploads}-reports`;
    started = await startE2eApp(db, uploads);
    await atTime(RECEIVED_AT, async () => {
      expect(await loadSimulatedPractice(() => started.http(), sim)).toEqual([]);
      expect(await loadSimulatedPractice(() => started.http(), waiting)).toEqual([]);
    });
    await started.app.get(DeadlineAlertsService).run(ctx(TODAY));
    counts.daily = await started.app.get(DigestDailyJob).run(ctx(TODAY));
    counts.weekly = await started.app.get(DigestWeeklyJob).run(ctx(TODAY));
  }, 300_000);

  afterAll(async () => {
    await started?.close();
    await db?.drop();
  });

  it('writes each digest as HTML and CSV in the reports folder and lists them newest first', async () => {
    const list = (await get('/api/v1/digests')) as Page<DigestView>;
    expect(list.nextCursor).toBeNull();
    expect(list.items.map((d) => [d.kind, d.periodFrom, d.periodTo])).toEqual([
      ['weekly', WEEKLY.from, WEEKLY.to],
      ['daily', DAILY.from, DAILY.to],
    ]);
    for (const d of list.items) {
      const base = join(reportsDir, 'digests', `digest-${d.kind}-${d.periodTo}`);
      expect(existsSync(`${base}.html`)).toBe(true);
      expect(existsSync(`${base}.csv`)).toBe(true);
      expect(counts[d.kind]['bytes']).toBe(statSync(`${base}.html`).size + statSync(`${base}.csv`).size);
      expect(d.htmlUrl).toBe(`/api/v1/digests/${d.id}/html`);
      expect(d.csvUrl).toBe(`/api/v1/digests/${d.id}/csv`);
      // The job's counts are the digest's headline figures.
      for (const k of ['denials', 'deniedCents', 'atRiskClaims', 'atRiskCents', 'deadlines'])
        expect({ kind: d.kind, k, v: counts[d.kind][k] }).toEqual({ kind: d.kind, k, v: d.summary[k] });
      const detail = (await get(`/api/v1/digests/${d.id}`)) as DigestView;
      expect(detail).toEqual(d);
    }
    // Nothing but the four files (no temporary file left behind).
    expect(readdirSync(join(reportsDir, 'digests')).sort()).toEqual([
      `digest-daily-${DAILY.to}.csv`,
      `digest-daily-${DAILY.to}.html`,
      `digest-weekly-${WEEKLY.to}.csv`,
      `digest-weekly-${WEEKLY.to}.html`,
    ]);
  });

  /**
   * When each claim was first answered: the earliest receipt of an 835 file with a payment for it,
   * from the files and remittances routes (what arrived when, not what the payer dated it).
   */
  let receipts: Map<string, string> | undefined;
  async function firstReceipts(): Promise<Map<string, string>> {
    if (receipts) return receipts;
    const files = new Map(
      (await all<{ id: string; receivedAt: string }>('/api/v1/files')).map((f) => [f.id, f.receivedAt]),
    );
    const out = new Map<string, string>();
    for (const r of await all<{ id: string; fileId: string }>('/api/v1/remittances')) {
      const received = files.get(r.fileId)!;
      const detail = (await get(`/api/v1/remittances/${r.id}`)) as {
        claimPayments: { claimId: string | null }[];
      };
      for (const p of detail.claimPayments) {
        if (p.claimId === null) continue;
        const seen = out.get(p.claimId);
        if (seen === undefined || received < seen) out.set(p.claimId, received);
      }
    }
    receipts = out;
    return out;
  }

  /** The claims the reports list as denied (in whole or in part) at first pass, less replaced and voided. */
  const firstDenied = async (query = ''): Promise<ReportClaim[]> =>
    (await all<ReportClaim>(`/api/v1/reports/claims?outcome=denied-or-partial${query}`)).filter(
      (c) => c.status !== 'replaced' && c.status !== 'voided',
    );

  it.each(['daily', 'weekly'] as const)(
    '%s: new denials are the claims first answered by a denial in an 835 received in the period',
    async (k) => {
      const period = k === 'daily' ? DAILY : WEEKLY;
      const firstReceived = await firstReceipts();
      const inPeriod = (c: ReportClaim) => {
        const at = firstReceived.get(c.claimId);
        return at !== undefined && dayOf(at) >= period.from && dayOf(at) <= period.to;
      };
      const everyDenial = await firstDenied();
      const denied = everyDenial.filter(inPeriod);
      // Every 835 arrived on the period's last day: every claim first denied is new, whatever date
      // the payer put on the answer (January to April).
      expect(denied.length).toBeGreaterThan(0);
      expect(denied.map((c) => c.claimId).sort()).toEqual(everyDenial.map((c) => c.claimId).sort());
      expect(denied.some((c) => c.firstRemitDate !== null && c.firstRemitDate < period.from)).toBe(true);
      const d = await digestOf(k);
      expect([d.summary['denials'], d.summary['deniedCents']]).toEqual([
        denied.length,
        denied.reduce((a, c) => a + c.deniedCents, 0),
      ]);
      const csv = await csvOf(k);
      // Each listed denial is one of them, with its amount and the payer's date.
      const listed = csvSection(csv, 'new-denial');
      expect(listed.map((r) => [r['claimId'], cents(r['amountDollars']!), r['date']]).sort()).toEqual(
        denied.map((c) => [c.claimId, c.deniedCents, c.firstRemitDate]).sort(),
      );
      // By payer and by category, as the drill-downs of the reports list them.
      const byPayer = new Map<string, [number, number]>();
      for (const c of denied) {
        const [n, m] = byPayer.get(c.payerId) ?? [0, 0];
        byPayer.set(c.payerId, [n + 1, m + c.deniedCents]);
      }
      expect(
        new Map(
          csvSection(csv, 'new-denials-by-payer').map((r) => [
            r['key']!,
            [Number(r['count']), cents(r['amountDollars']!)],
          ]),
        ),
      ).toEqual(byPayer);
      const categories = csvSection(csv, 'new-denials-by-category');
      expect(categories.length).toBeGreaterThan(0);
      for (const row of categories) {
        const claims = (await firstDenied(`&category=${row['key']}`)).filter(inPeriod);
        expect({
          category: row['key'],
          count: Number(row['count']),
          cents: cents(row['amountDollars']!),
        }).toEqual({
          category: row['key'],
          count: claims.length,
          cents: claims.reduce((a, c) => a + c.deniedCents, 0),
        });
      }
    },
  );

  it('has no new denials for a day no 835 arrived, even the day the payer dated them', async () => {
    const service = started.app.get(DigestService);
    const newDenials = async (today: string, timeZone = ZONE) =>
      (await service.compose(digestPeriod('daily', today), { today, timeZone })).newDenials.claims;
    // The day after the files arrived.
    expect(await newDenials('2026-05-03')).toBe(0);
    // The day the payer dated the most denials (old selection: by that date).
    const byDate = new Map<string, number>();
    for (const c of await firstDenied())
      byDate.set(c.firstRemitDate!, (byDate.get(c.firstRemitDate!) ?? 0) + 1);
    const [busiest, count] = [...byDate].sort((a, b) => b[1] - a[1])[0]!;
    expect(count).toBeGreaterThan(1);
    expect(busiest < DAILY.from).toBe(true);
    expect(await newDenials(addDays(busiest, 1))).toBe(0);
    // In UTC the files arrived on 2026-05-02, not on 2026-05-01.
    expect(await newDenials(TODAY, 'UTC')).toBe(0);
    expect(await newDenials('2026-05-03', 'UTC')).toBe(counts.daily['denials']);
  });

  it('money at risk is the worklist’s open flagged queue and the dashboard’s claims awaiting an answer', async () => {
    const flagged = await all<{ claimId: string; moneyAtRiskCents: number }>(
      '/api/v1/worklist?queue=flagged&status=open',
    );
    expect(flagged.length).toBeGreaterThan(0);
    const summary = await get('/api/v1/reports/summary');
    for (const k of ['daily', 'weekly'] as const) {
      const d = await digestOf(k);
      expect([d.summary['atRiskClaims'], d.summary['atRiskCents']]).toEqual([
        flagged.length,
        flagged.reduce((a, r) => a + r.moneyAtRiskCents, 0),
      ]);
      expect([d.summary['awaitingClaims'], d.summary['awaitingAtRiskCents']]).toEqual([
        summary.pending,
        summary.moneyAtRiskCents,
      ]);
    }
  });

  it('leakage is the leakage report’s, kind by kind', async () => {
    const report = await get(`/api/v1/reports/leakage?groupBy=kind&today=${TODAY}`);
    const rows = report.rows as {
      key: string;
      items: number;
      amountCents: number;
      reworkAvoidedCents: number;
    }[];
    const csv = await csvOf('weekly');
    const leakage = new Map(csvSection(csv, 'leakage').map((r) => [r['key']!, r]));
    expect(cents(leakage.get('total')!['amountDollars']!)).toBe(report.totalCents);
    expect(report.totalCents).toBeGreaterThan(0);
    expect(cents(leakage.get('rework-avoided')!['amountDollars']!)).toBe(
      rows.reduce((a, r) => a + r.reworkAvoidedCents, 0),
    );
    for (const r of rows.filter((x) => x.key !== 'rework-avoided')) {
      expect({
        kind: r.key,
        items: Number(leakage.get(r.key)?.['count']),
        cents: cents(leakage.get(r.key)!['amountDollars']!),
      }).toEqual({
        kind: r.key,
        items: r.items,
        cents: r.amountCents,
      });
    }
    expect((await digestOf('daily')).summary['leakageCents']).toBe(report.totalCents);
  });

  it('approaching deadlines are the open deadline alerts', async () => {
    const alerts = await started.app.get(DeadlineAlertsRepository).openAlerts(TODAY);
    expect(new Set(alerts.map((a) => a.kind))).toEqual(new Set(['filing', 'appeal']));
    const csv = await csvOf('daily');
    expect(
      csvSection(csv, 'deadline').map((r) => [
        r['claimId'],
        r['key'],
        r['date'],
        Number(r['daysLeft']),
        cents(r['amountDollars']!),
      ]),
    ).toEqual(alerts.map((a) => [a.claimId, a.kind, a.deadline, a.daysLeft, a.atRiskCents]));
    const d = await digestOf('daily');
    expect([d.summary['deadlines'], d.summary['deadlineAtRiskCents']]).toEqual([
      alerts.length,
      alerts.reduce((a, x) => a + x.atRiskCents, 0),
    ]);
  });

  it('names no patient: no name, member id, birth date or patient control number in any file', async () => {
    const patients = (await started.app.get(DataSource).query(
      `SELECT patient_last_name, patient_first_name, subscriber_last_name, subscriber_first_name,
              subscriber_member_id, patient_control_number, patient_birth_date, subscriber_birth_date FROM claim`,
    )) as Record<string, string | null>[];
    expect(patients.length).toBe(sim.claims.length + waiting.claims.length);
    const names = new Set<string>();
    const codes = new Set<string>();
    for (const p of patients) {
      for (const k of [
        'patient_last_name',
        'patient_first_name',
        'subscriber_last_name',
        'subscriber_first_name',
      ])
        if (p[k] && p[k].length >= 3) names.add(p[k]);
      for (const k of [
        'subscriber_member_id',
        'patient_control_number',
        'patient_birth_date',
        'subscriber_birth_date',
      ])
        if (p[k] && p[k].length >= 4) codes.add(p[k]);
    }
    expect(names.size).toBeGreaterThan(20);
    const files = readdirSync(join(reportsDir, 'digests')).map((f) => join(reportsDir, 'digests', f));
    expect(files).toHaveLength(4);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const upper = text.toUpperCase();
      for (const name of names) {
        const found = new RegExp(`\\b${name.toUpperCase().replace(/[^A-Z0-9]/g, '.')}\\b`).test(upper);
        expect({ file, name, found }).toEqual({ file, name, found: false });
      }
      for (const code of codes)
        expect({ file, code, found: text.includes(code) }).toEqual({ file, code, found: false });
    }
  });

  it('serves the files to billing and finance (audited), not to coding', async () => {
    const d = await digestOf('daily');
    for (const role of ['billing', 'finance', 'coding', 'admin'] as const) {
      const agent = await started.as(role);
      const allowed = role !== 'coding';
      for (const url of ['/api/v1/digests', `/api/v1/digests/${d.id}`, d.htmlUrl, d.csvUrl]) {
        const res = await agent.get(url);
        expect({ role, url, status: res.status }).toEqual({ role, url, status: allowed ? 200 : 403 });
      }
    }
    const html = await (await started.as('finance')).get(d.htmlUrl);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-security-policy']).toBe(DIGEST_HTML_CSP);
    expect(html.headers['content-security-policy']).not.toMatch(/script-src/);
    expect(html.headers['content-disposition']).toBe(`inline; filename="digest-daily-${DAILY.to}.html"`);
    expect(html.headers['cache-control']).toBe('private, no-store');
    expect(html.text).toContain(`<h1>Daily digest: ${DAILY.to}</h1>`);
    expect(html.text).not.toMatch(/<script/i);
    const csv = await (await started.as('billing')).get(d.csvUrl);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="digest-daily-${DAILY.to}.csv"`);
    expect(csv.text).toBe(readFileSync(join(reportsDir, 'digests', `digest-daily-${DAILY.to}.csv`), 'utf8'));
    const audit = (await get(
      `/api/v1/audit?action=report.export&targetType=digest&targetId=${d.id}`,
    )) as Page<{
      actorName: string;
      action: string;
    }>;
    expect(audit.items.map((e) => e.actorName).sort()).toEqual(
      expect.arrayContaining(['test-billing', 'test-finance']),
    );
  });

  it('pages the list newest first, narrows it by kind, and refuses a bad limit, kind, cursor or id', async () => {
    const first = (await get('/api/v1/digests?limit=1')) as Page<DigestView>;
    expect(first.items.map((d) => d.kind)).toEqual(['weekly']);
    expect(first.nextCursor).not.toBeNull();
    const second = (await get(`/api/v1/digests?limit=1&cursor=${first.nextCursor}`)) as Page<DigestView>;
    expect(second.items.map((d) => d.kind)).toEqual(['daily']);
    expect(second.nextCursor).toBeNull();
    expect(((await get('/api/v1/digests?kind=daily')) as Page<DigestView>).items.map((d) => d.kind)).toEqual([
      'daily',
    ]);
    for (const [url, word] of [
      ['/api/v1/digests?limit=0', 'limit'],
      ['/api/v1/digests?kind=monthly', 'kind'],
      ['/api/v1/digests?cursor=nonsense', 'cursor'],
      ['/api/v1/digests/not-an-id', 'id'],
    ] as const) {
      const res = await http().get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(String(res.body.message)).toContain(word);
    }
    const missing = randomUUID();
    for (const url of [
      `/api/v1/digests/${missing}`,
      `/api/v1/digests/${missing}/html`,
      `/api/v1/digests/${missing}/csv`,
    ])
      expect({ url, status: (await http().get(url)).status }).toEqual({ url, status: 404 });
  });

  it('a second run for the same day replaces the files and the row instead of adding one', async () => {
    const before = await digestOf('daily');
    const file = join(reportsDir, 'digests', `digest-daily-${DAILY.to}.csv`);
    const oldText = readFileSync(file, 'utf8');
    const oldInode = statSync(file).ino;
    await new Promise((r) => setTimeout(r, 5));
    const again = await started.app.get(DigestDailyJob).run(ctx(TODAY));
    expect(again['denials']).toBe(counts.daily['denials']);
    const after = await digestOf('daily');
    expect(after.id).toBe(before.id);
    expect(after.createdAt > before.createdAt).toBe(true);
    expect(after.runId).not.toBe(before.runId);
    expect(after.summary).toEqual(before.summary);
    expect((await digests()).length).toBe(2);
    // Written again (its time differs), under another name, then renamed over the old one.
    expect(readFileSync(file, 'utf8')).not.toBe(oldText);
    expect(statSync(file).ino).not.toBe(oldInode);
    expect(readdirSync(join(reportsDir, 'digests'))).toHaveLength(4);
    // Newest first: the daily digest, written last, now leads.
    expect((await digests()).map((d) => d.kind)).toEqual(['daily', 'weekly']);
  });

  it('answers 404 for a file retention removed, and still lists the digest', async () => {
    const d = await digestOf('weekly');
    rmSync(join(reportsDir, 'digests', `digest-weekly-${WEEKLY.to}.html`));
    const gone = await http().get(d.htmlUrl);
    expect(gone.status).toBe(404);
    expect(gone.headers['content-disposition']).toBeUndefined();
    expect((await http().get(d.csvUrl)).status).toBe(200);
    expect((await digests()).map((x) => x.id)).toContain(d.id);
  });
});

/** A patient with one two-line claim (two office visits at $100.00) for the scenario below. */
interface Visit {
  pcn: string;
  memberId: string;
  lastName: string;
  firstName: string;
}

const PAYER = 'DIGESTPYR1';
const VISITS: Record<'A' | 'B' | 'C' | 'D', Visit> = {
  A: { pcn: 'DIG-A', memberId: 'DIGMEM001', lastName: 'ANSWEREDTWICE', firstName: 'ALPHA' },
  B: { pcn: 'DIG-B', memberId: 'DIGMEM002', lastName: 'PAIDFIRST', firstName: 'BETA' },
  C: { pcn: 'DIG-C', memberId: 'DIGMEM003', lastName: 'DATEDEARLY', firstName: 'GAMMA' },
  D: { pcn: 'DIG-D', memberId: 'DIGMEM004', lastName: 'LATEEVENING', firstName: 'DELTA' },
};

/** An interchange around one transaction's segments (control numbers differ per file). */
function interchange(control: number, functional: 'HC' | 'HP', body: string[]): string {
  const version = functional === 'HC' ? '005010X222A1' : '005010X221A1';
  const n = String(control).padStart(9, '0');
  const st = [`ST*${functional === 'HC' ? '837' : '835'}*0001*${version}`, ...body];
  return [
    `ISA*00*          *00*          *ZZ*TESTSUBMITTER  *ZZ*TESTRECEIVER   *260301*1200*^*00501*${n}*0*T*:`,
    `GS*${functional}*TESTSENDER*TESTRECVR*20260301*1200*${control}*X*${version}`,
    ...st,
    `SE*${st.length + 1}*0001`,
    `GE*1*${control}`,
    `IEA*1*${n}`,
  ]
    .map((x) => `${x}~`)
    .join('\n');
}

const SERVICE_DATE = '20260220';

/** An 837P with one two-line claim ($200.00) per visit. */
function claimsFile(visits: Visit[]): string {
  const body = [
    'BHT*0019*00*DIGEST01*20260301*1200*CH',
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
  visits.forEach((v, i) => {
    body.push(
      `HL*${i + 2}*1*22*0`,
      'SBR*P*18*TESTGRP01******CI',
      `NM1*IL*1*${v.lastName}*${v.firstName}****MI*${v.memberId}`,
      'N3*1 FAKE LANE',
      'N4*TESTVILLE*PA*999990001',
      'DMG*D8*19700101*F',
      `NM1*PR*2*TESTPAYER INSURANCE*****PI*${PAYER}`,
      `CLM*${v.pcn}*200.00***11:B:1*Y*A*Y*Y`,
      'HI*ABK:M1711',
      'LX*1',
      'SV1*HC:99213*100.00*UN*1***1',
      `DTP*472*D8*${SERVICE_DATE}`,
      'LX*2',
      'SV1*HC:99214*100.00*UN*1***1',
      `DTP*472*D8*${SERVICE_DATE}`,
    );
  });
  return interchange(1, 'HC', body);
}

type Answer = 'paid' | 'denied' | 'partial';

/**
 * An 835 the payer dated `paymentDate` (BPR16) answering each visit: paid in full, denied (CLP02 4,
 * both lines CO-50), or partial (one line paid, the other denied CO-50).
 */
function remittanceFile(control: number, paymentDate: string, answers: [Visit, Answer][]): string {
  const paidOf = (a: Answer) => (a === 'paid' ? 200 : a === 'partial' ? 100 : 0);
  const total = answers.reduce((s, [, a]) => s + paidOf(a), 0);
  const body = [
    `BPR*I*${total.toFixed(2)}*C*ACH*CCP*01*999999999*DA*1234567*1999999999**01*999999992*DA*7654321*${paymentDate}`,
    `TRN*1*DIGEFT${control}*1999999999`,
    `DTM*405*${paymentDate}`,
    `N1*PR*TESTPAYER INSURANCE*XV*${PAYER}`,
    'N3*200 TEST PAYER WAY',
    'N4*TESTVILLE*PA*999990002',
    'PER*BL*TEST PAYER SUPPORT*TE*5555550199',
    'N1*PE*TESTPROVIDER CLINIC*XX*1234567893',
    'REF*TJ*999999999',
    'LX*1',
  ];
  answers.forEach(([v, a], i) => {
    const paid = paidOf(a);
    body.push(
      `CLP*${v.pcn}*${a === 'denied' ? 4 : 1}*200.00*${paid.toFixed(2)}*0*12*ICNDIG${control}${i}*11*1`,
      `NM1*QC*1*${v.lastName}*${v.firstName}****MI*${v.memberId}`,
    );
    const lines: [string, boolean][] = [
      ['99213', a === 'paid' || a === 'partial'],
      ['99214', a === 'paid'],
    ];
    for (const [code, linePaid] of lines) {
      body.push(`SVC*HC:${code}*100.00*${linePaid ? '100.00' : '0'}**1`, `DTM*472*${SERVICE_DATE}`);
      if (!linePaid) body.push('CAS*CO*50*100.00');
    }
  });
  return interchange(control, 'HP', body);
}

/**
 * The case of the bug: an 835 the payer dated Tuesday arrives Wednesday at 10:00, after Wednesday's
 * 06:00 digest (which covers Tuesday); Thursday's covers Wednesday. Then, on a Monday, an 835 the
 * payer dated a month earlier, and in the evening (already Tuesday in UTC) one that answers a claim
 * answered the week before again along with a claim's first answer. Days are Chicago's (summer time
 * from Sunday 2026-03-08).
 */
describe.each(databaseKinds)('new denials by the day the 835 arrived on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let dir: string;

  const upload = async (instant: string, name: string, text: string): Promise<void> => {
    const path = join(dir, name);
    writeFileSync(path, text);
    const res = await atTime(instant, () => started.http().post('/api/v1/files').attach('file', path));
    expect({ name, status: res.status }).toEqual({ name, status: 201 });
    expect(dayOf(String(res.body.file.receivedAt))).toBe(dayOf(instant));
  };
  const { A, B, C, D } = VISITS;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase(kind);
    dir = mkdtempSync(join(work, `arrivals-${kind}-`));
    started = await startE2eApp(db, join(dir, 'uploads'));
    // Monday 2026-03-02: the claims.
    await upload('2026-03-02T15:00:00.000Z', '837p.x12', claimsFile([A, B, C, D]));
    // Wednesday 2026-03-04 10:00 (CST): dated Tuesday; A denied, B paid.
    await upload(
      '2026-03-04T16:00:00.000Z',
      '835-tuesday.x12',
      remittanceFile(2, '20260303', [
        [A, 'denied'],
        [B, 'paid'],
      ]),
    );
    // Monday 2026-03-09 09:00 (CDT): dated a month earlier; C denied.
    await upload(
      '2026-03-09T14:00:00.000Z',
      '835-february.x12',
      remittanceFile(3, '20260202', [[C, 'denied']]),
    );
    // Monday 2026-03-09 22:30 (CDT), Tuesday 03:30 UTC: A denied again, B denied after its payment,
    // D's first answer (partial).
    await upload(
      '2026-03-10T03:30:00.000Z',
      '835-evening.x12',
      remittanceFile(4, '20260306', [
        [A, 'denied'],
        [B, 'denied'],
        [D, 'partial'],
      ]),
    );
    const res = await started.http().get('/api/v1/claims?limit=10');
    expect(res.status).toBe(200);
    for (const c of res.body.items as { id: string; patientControlNumber: string }[])
      ids.set(c.patientControlNumber, c.id);
    expect([...ids.keys()].sort()).toEqual(['DIG-A', 'DIG-B', 'DIG-C', 'DIG-D']);
  }, 120_000);

  afterAll(async () => {
    await started?.close();
    await db?.drop();
  });

  /** The new denials of the digest of `k` written on `today` in `timeZone`: claim, outcome, payer's date, cents. */
  async function newDenials(k: 'daily' | 'weekly', today: string, timeZone = ZONE): Promise<string[][]> {
    const report = await started.app.get(DigestService).compose(digestPeriod(k, today), { today, timeZone });
    const name = new Map([...ids].map(([pcn, id]) => [id, pcn]));
    return report.newDenials.rows
      .map((r) => [name.get(r.claimId)!, r.firstPass, r.firstRemitDate, String(r.deniedCents)])
      .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  }

  it('the answers are as the payer sent them: A, C denied and D partial at first pass, B paid', async () => {
    const claims = (await started.http().get('/api/v1/reports/claims?limit=10')).body as Page<ReportClaim>;
    const byId = new Map(claims.items.map((c) => [c.claimId, c]));
    expect(
      [A, B, C, D].map((v) => {
        const c = byId.get(ids.get(v.pcn)!)!;
        return [v.pcn, c.firstPass, c.firstRemitDate];
      }),
    ).toEqual([
      ['DIG-A', 'denied', '2026-03-03'],
      ['DIG-B', 'paid', '2026-03-03'],
      ['DIG-C', 'denied', '2026-02-02'],
      ['DIG-D', 'partial', '2026-03-06'],
    ]);
  });

  it('Wednesday’s digest (Tuesday) has nothing: the 835 dated Tuesday had not arrived', async () => {
    expect(await newDenials('daily', '2026-03-04')).toEqual([]);
  });

  it('Thursday’s digest (Wednesday) has the denial that arrived Wednesday', async () => {
    expect(await newDenials('daily', '2026-03-05')).toEqual([['DIG-A', 'denied', '2026-03-03', '20000']]);
  });

  it('Monday’s files: the first answers count whatever their date; a claim answered before does not', async () => {
    expect(await newDenials('daily', '2026-03-10')).toEqual([
      ['DIG-C', 'denied', '2026-02-02', '20000'],
      ['DIG-D', 'partial', '2026-03-06', '10000'],
    ]);
    expect(await newDenials('daily', '2026-03-11')).toEqual([]);
    expect(await newDenials('weekly', '2026-03-10')).toEqual([
      ['DIG-A', 'denied', '2026-03-03', '20000'],
      ['DIG-C', 'denied', '2026-02-02', '20000'],
      ['DIG-D', 'partial', '2026-03-06', '10000'],
    ]);
    // The job writes the same.
    const counts = await started.app.get(DigestDailyJob).run(ctx('2026-03-10'));
    expect([counts['denials'], counts['deniedCents']]).toEqual([2, 30000]);
  });

  it('the days are the job time zone’s: in UTC the evening file arrived on Tuesday', async () => {
    expect(await newDenials('daily', '2026-03-10', 'UTC')).toEqual([
      ['DIG-C', 'denied', '2026-02-02', '20000'],
    ]);
    expect(await newDenials('daily', '2026-03-11', 'UTC')).toEqual([
      ['DIG-D', 'partial', '2026-03-06', '10000'],
    ]);
  });
});
