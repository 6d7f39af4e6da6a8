/**
 * The finance dashboard in a real browser: every chart drawn from the reports (pixels on the canvas),
 * headline numbers that match the API, a click on a bar opening the claims behind it (without patient
 * identifiers, each linking to the audited claim page), CSV and PNG exports, and filters in the URL.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { AuditService } from '../../src/audit/audit.service.js';
import { FindingsService } from '../../src/findings/findings.service.js';
import { IngestService } from '../../src/ingest/ingest.service.js';
import { InputsService } from '../../src/inputs/inputs.service.js';
import { ReportsService } from '../../src/reports/reports.service.js';
import { demoFiles } from '../../src/simulator/demo.command.js';
import { simulatePractice } from '../support/simulated-practice.js';
import { type BrowserEnv, ready, screenshot, startBrowserEnv } from './support/browser-env.js';

const MONTHS = 4;

/**
 * Adds a month of claims the payers have not answered yet (837s without 835s), after the simulated
 * months: the money at risk now.
 */
async function addUnansweredMonth(env: BrowserEnv): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'claimguard-waiting-'));
  try {
    const sim = simulatePractice(dir, {
      seed: 'dashboard-waiting',
      start: `2026-${String(MONTHS + 1).padStart(2, '0')}`,
      months: 1,
      claimsPerMonth: 25,
      adjudication: false,
    });
    const { inputs, x12 } = demoFiles(sim.result);
    for (const { kind, file } of inputs) {
      await env.app
        .get(InputsService)
        .importPath(kind, join(dir, file), `waiting_${file.split('/').join('_')}`);
    }
    for (const file of x12)
      await env.app.get(IngestService).ingestPath(join(dir, file), `waiting_${file.split('/').join('_')}`);
    await env.app.get(FindingsService).evaluateStale();
    return sim.claims.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The charts the dashboard draws (data-chart of each card with a canvas). */
const CHARTS = [
  'denial-rate-by-month',
  'denials-by-category',
  'denials-by-carc',
  'denials-by-payer',
  'denials-by-provider',
  'clean-claim-rate-by-month',
  'money-at-risk-by-payer',
  'leakage-by-kind',
  'backtest-by-category',
  'risk-calibration',
] as const;

interface CanvasInk {
  width: number;
  height: number;
  /** Pixels that are clearly coloured (bars, points, lines): not white, grey or black text. */
  coloured: number;
  datasets: { label: string; points: number }[];
}

/** What the functions run in the page see (this test project has no DOM types). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
  getBoundingClientRect(): { left: number; top: number };
  scrollIntoView(o: { block: string }): void;
}
interface ChartLike {
  data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] };
  getDatasetMeta(n: number): { data: { getCenterPoint(): { x: number; y: number } }[] };
}
interface PageGlobals {
  document: { querySelector(selector: string): CanvasLike | null };
  Chart: { getChart(canvas: CanvasLike): ChartLike | undefined };
}

/** What a chart's canvas holds, read back from its pixels, and what Chart.js drew it from. */
async function ink(page: Page, chartId: string): Promise<CanvasInk> {
  return page.evaluate((id) => {
    const w = globalThis as unknown as PageGlobals;
    const canvas = w.document.querySelector(`[data-chart="${id}"] canvas`);
    if (!canvas) throw new Error(`no canvas in chart ${id}`);
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let coloured = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b, a] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, pixels[i + 3]!];
      if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
    }
    const chart = w.Chart.getChart(canvas);
    if (!chart) throw new Error(`chart ${id} was not drawn by Chart.js`);
    return {
      width: canvas.width,
      height: canvas.height,
      coloured,
      datasets: chart.data.datasets.map((d) => ({ label: d.label, points: d.data.length })),
    };
  }, chartId);
}

/** Where bar `index` of dataset `dataset` sits on the screen, with its label and value. */
async function bar(page: Page, chartId: string, dataset: number, index: number) {
  return page.evaluate(
    ({ id, ds, i }) => {
      const w = globalThis as unknown as PageGlobals;
      const canvas = w.document.querySelector(`[data-chart="${id}"] canvas`)!;
      canvas.scrollIntoView({ block: 'center' });
      const chart = w.Chart.getChart(canvas)!;
      const { x, y } = chart.getDatasetMeta(ds).data[i]!.getCenterPoint();
      const box = canvas.getBoundingClientRect();
      return {
        x: box.left + x,
        y: box.top + y,
        label: chart.data.labels[i]!,
        value: chart.data.datasets[ds]!.data[i] ?? null,
        values: chart.data.datasets[ds]!.data,
      };
    },
    { id: chartId, ds: dataset, i: index },
  );
}

/**
 * Waits until the page has finished loading (`<body data-loading>` gone). A selector, not a string
 * predicate: the app's CSP forbids the eval a polled string predicate needs.
 */
async function settled(page: Page): Promise<void> {
  await page.locator('body:not([data-loading])').waitFor();
}

/** The rows of the drill-down table under a chart (or the tiles). */
async function drillRows(page: Page, slot: string) {
  const sel = `.drill-slot[data-for="${slot}"] table.drill-table tbody tr`;
  await page.waitForSelector(`.drill-slot[data-for="${slot}"] .drill-panel table`);
  await settled(page);
  return page.locator(sel).evaluateAll((trs) =>
    trs
      .filter((tr) => !tr.querySelector('td.empty'))
      .map((tr) => ({
        claimId: tr.getAttribute('data-claim-id'),
        kind: tr.getAttribute('data-kind'),
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''),
        href: tr.querySelector('a')?.getAttribute('href') ?? null,
      })),
  );
}

describe('browser: finance dashboard', () => {
  let env: BrowserEnv;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    env = await startBrowserEnv({ months: MONTHS, claimsPerMonth: 45, seed: 'dashboard' });
    expect(await addUnansweredMonth(env)).toBe(25);
    // A fitted risk model, so the calibration chart has held-out months to show.
    await env.app.get(ReportsService).fitRiskModel();
    ({ page, problems } = await env.open('finance'));
  }, 300_000);

  afterAll(async () => {
    await env?.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('draws every chart from the reports, with the industry band, and headline numbers that match them', async () => {
    await page.goto(`${env.baseUrl}/dashboard`);
    await ready(page);
    const drawn = await page
      .locator('.chart-card[data-chart] canvas')
      .evaluateAll((cs) => cs.map((c) => c.closest('[data-chart]')!.getAttribute('data-chart')));
    expect(drawn).toEqual([...CHARTS]);
    for (const id of CHARTS) {
      const c = await ink(page, id);
      expect({ id, wide: c.width > 200, tall: c.height > 150 }).toEqual({ id, wide: true, tall: true });
      expect({ id, painted: c.coloured > 150 }).toEqual({ id, painted: true });
      expect(c.datasets[0]!.points).toBeGreaterThan(0);
    }
    // The denial rate is compared with the 10–15% industry band.
    const rate = await ink(page, 'denial-rate-by-month');
    expect(rate.datasets.map((d) => d.label)).toEqual([
      'Denial rate',
      'Industry initial denial rate 10–15%',
      'Industry low',
    ]);
    const months = (await bar(page, 'denial-rate-by-month', 1, 0)).values;
    expect(new Set(months)).toEqual(new Set([0.15]));
    expect(await page.locator('[data-chart="denial-rate-by-month"] .bench').innerText()).toMatch(
      /11\.81%.*Kodiak/,
    );

    // Headline numbers are the summary's.
    const summary = (await (await page.request.get(`${env.baseUrl}/api/v1/reports/summary`)).json()) as {
      claims: number;
      denialRate: number;
      moneyAtRiskCents: number;
    };
    expect(summary.claims).toBeGreaterThan(100);
    const tile = (id: string) => page.locator(`[data-tile="${id}"] .value`).innerText();
    expect(await tile('claims')).toBe(summary.claims.toLocaleString('en-US'));
    expect(await tile('denial-rate')).toBe(`${(summary.denialRate * 100).toFixed(1)}%`);
    expect(Math.round(Number((await tile('money-at-risk')).replace(/[$,]/g, '')) * 100)).toBe(
      summary.moneyAtRiskCents,
    );
    expect(await page.locator('#brier').innerText()).toMatch(/^Brier score 0\.\d{3} on \d+ claims/);
    await screenshot(page, 'dashboard');
  });

  it('opens the claims behind a bar, without patient identifiers, each linking to its audited claim page', async () => {
    await page.goto(`${env.baseUrl}/dashboard`);
    await ready(page);
    const b = await bar(page, 'denials-by-payer', 0, 0);
    expect(typeof b.value).toBe('number');
    const answer = page.waitForResponse((r: Response) => r.url().includes('/api/v1/reports/claims?'));
    await page.mouse.click(b.x, b.y);
    const sent = await answer;
    const url = new URL(sent.url());
    expect(url.searchParams.get('payerId')).toBe(b.label);
    expect(url.searchParams.get('outcome')).toBe('denied-or-partial');
    const items = ((await sent.json()) as { items: Record<string, unknown>[] }).items;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item).not.toHaveProperty('patientControlNumber');

    const rows = await drillRows(page, 'denials-by-payer');
    expect(rows.length).toBe(Math.min(b.value as number, 50));
    expect(rows.map((r) => r.cells[2])).toEqual(rows.map(() => b.label));
    // The first answer was a denial (whole or partial) for every claim listed.
    expect(new Set(rows.map((r) => r.cells[5]))).toEqual(
      new Set(rows.map((r) => r.cells[5]).filter((t) => t === 'Denied' || t === 'Partial')),
    );
    const pcns = new Set(env.sim.claims.map((c) => c.claim));
    for (const r of rows) {
      expect(r.href).toBe(`/claims/${r.claimId}`);
      for (const cell of r.cells) expect(pcns.has(cell)).toBe(false);
    }
    const title = await page.locator('.drill-slot[data-for="denials-by-payer"] h3').innerText();
    expect(title).toBe(`Denied claims — payer ${b.label}`);
    await screenshot(page, 'dashboard-drill');

    // Its CSV is the same list.
    const csvHref = await page
      .locator('.drill-slot[data-for="denials-by-payer"] a[data-export=csv]')
      .getAttribute('href');
    const csvUrl = new URL(csvHref!, env.baseUrl);
    expect(csvUrl.searchParams.get('format')).toBe('csv');
    expect(csvUrl.searchParams.get('payerId')).toBe(b.label);
    const csv = await page.request.get(csvUrl.toString());
    expect(csv.headers()['content-type']).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines.length).toBe(Math.min(b.value as number, 500) + 1);
    expect(lines[0]).not.toMatch(/patientControlNumber/);

    // A row opens the claim page; finance opening a claim is audited.
    const first = rows[0]!;
    await Promise.all([
      page.waitForURL(`**/claims/${first.claimId}`),
      page.locator(`a[href="/claims/${first.claimId}"]`).first().click(),
    ]);
    await ready(page);
    const audit = await env.app.get(AuditService).list({
      actions: ['claim.view'],
      actorName: env.users.finance.username,
      limit: 20,
    });
    expect(audit.items.map((e) => e.targetId)).toContain(first.claimId);
    await page.goBack();
    await ready(page);
  });

  it('drills from the leakage chart, the money-at-risk tile and the backtest chart', async () => {
    await page.goto(`${env.baseUrl}/dashboard`);
    await ready(page);
    // The largest leakage kind.
    const leak = await bar(page, 'leakage-by-kind', 0, 0);
    const values = leak.values.map((v) => v ?? 0);
    const biggest = values.indexOf(Math.max(...values));
    expect(values[biggest]).toBeGreaterThan(0);
    const target = await bar(page, 'leakage-by-kind', 0, biggest);
    await page.mouse.click(target.x, target.y);
    const items = await drillRows(page, 'leakage-by-kind');
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((r) => r.kind)).size).toBe(1);
    const amounts = items.map((r) => Math.round(Number(r.cells[7]!.replace(/[$,]/g, '')) * 100));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));

    // A headline number drills to its claims.
    await page.locator('[data-tile="money-at-risk"]').click();
    const waiting = await drillRows(page, 'tiles');
    expect(waiting.length).toBeGreaterThan(0);
    expect(new Set(waiting.map((r) => r.cells[5]))).toEqual(new Set(['Pending']));

    // Long lists come a page at a time: every claim of the view, 50 and 50 more.
    await page.locator('[data-tile="claims"]').click();
    expect(await drillRows(page, 'tiles')).toHaveLength(50);
    await page.locator('.drill-slot[data-for="tiles"] button.more').click();
    await settled(page);
    const more = await drillRows(page, 'tiles');
    expect(more).toHaveLength(100);
    expect(new Set(more.map((r) => r.claimId)).size).toBe(100);

    // Recall of the category with the most denials drills to that category's denials.
    const recall = await bar(page, 'backtest-by-category', 0, 0);
    await page.mouse.click(recall.x, recall.y);
    const denials = await drillRows(page, 'backtest-by-category');
    expect(denials.length).toBeGreaterThan(0);
    for (const r of denials) expect(r.cells[7]).toContain(recall.label);
  });

  it('keeps the filters in the URL and narrows every chart and export to them', async () => {
    await page.goto(`${env.baseUrl}/dashboard`);
    await ready(page);
    const payer = (await bar(page, 'denials-by-payer', 0, 0)).label;
    await page.locator('input[name=payerId]').fill(payer);
    await page.locator('input[name=payerId]').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('payerId') === payer);
    await settled(page);
    const only = await bar(page, 'denials-by-payer', 0, 0);
    expect(only.label).toBe(payer);
    expect(only.values.length).toBe(1);
    const csvHref = await page
      .locator('[data-chart="denials-by-category"] a[data-export=csv]')
      .getAttribute('href');
    expect(Object.fromEntries(new URL(csvHref!, env.baseUrl).searchParams)).toEqual({
      groupBy: 'category',
      payerId: payer,
      format: 'csv',
    });
    expect(await page.locator('#dashboard-scope').innerText()).toContain(`payer ${payer}`);

    // A reload shows the same view; a backwards range is refused before asking the server.
    await page.reload();
    await ready(page);
    expect(await page.locator('input[name=payerId]').inputValue()).toBe(payer);
    expect((await bar(page, 'denials-by-payer', 0, 0)).values.length).toBe(1);
    await page.locator('input[name=from]').fill('2030-05');
    await page.locator('input[name=to]').fill('2030-01');
    await page.locator('#filters button[type=submit]').click();
    expect(await page.locator('#filter-problem .notice.error').innerText()).toMatch(
      /2030-05.*after.*2030-01/,
    );
    expect(new URL(page.url()).searchParams.get('from')).toBeNull();

    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('payerId'));
    await settled(page);
    expect((await bar(page, 'denials-by-payer', 0, 0)).values.length).toBeGreaterThan(1);
  });

  it('downloads a chart as a PNG image', async () => {
    await page.goto(`${env.baseUrl}/dashboard`);
    await ready(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-chart="denial-rate-by-month"] a[data-export=png]').click(),
    ]);
    expect(download.suggestedFilename()).toBe('denial-rate-by-month.png');
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(file.length).toBeGreaterThan(5000);
  });
});
