/**
 * The digests page in a real browser: the list with its headline figures (as the API answers them),
 * older digests a click away, the kind filter in the address, the HTML digest opened in a new tab
 * (its styles applied under its own CSP, no script), the CSV downloaded, and the page for billing and
 * finance only.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DigestDailyJob, DigestWeeklyJob } from '../../src/digests/digest-jobs.js';
import type { JobContext } from '../../src/jobs/job-types.js';
import { addDays } from '../../src/reporting/deadlines.js';
import { type BrowserEnv, ready, screenshot, startBrowserEnv } from './support/browser-env.js';

/** The day of the newest digest; the daily ones go back a day each from there. */
const TODAY = '2026-04-01';
const DAILY_RUNS = 27;

const ctx = (today: string): JobContext => ({
  runId: randomUUID(),
  startedAt: new Date().toISOString(),
  today,
  timeZone: 'UTC',
  actor: { kind: 'system', via: 'system', name: 'browser-test' },
});

interface DigestView {
  id: string;
  kind: string;
  periodTo: string;
  summary: { denials: number };
}

describe('browser: digests', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await startBrowserEnv({ months: 3, claimsPerMonth: 40, seed: 'digests' });
    // Oldest first, so that the newest digest is the weekly one of TODAY.
    for (let i = DAILY_RUNS - 1; i >= 0; i--) await env.app.get(DigestDailyJob).run(ctx(addDays(TODAY, -i)));
    await env.app.get(DigestWeeklyJob).run(ctx(TODAY));
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  it('lists the digests newest first with their figures, and shows older ones on request', async () => {
    const { page, problems } = await env.open('finance');
    await page.goto(`${env.baseUrl}/dashboard`);
    await ready(page);
    await page.locator('nav a[href="/digests"]').click();
    await page.waitForURL(`${env.baseUrl}/digests`);
    await ready(page);
    const rows = page.locator('#digests-table tbody tr[data-digest]');
    expect(await rows.count()).toBe(25);
    const first = rows.first();
    expect(await first.locator('td').nth(1).innerText()).toBe('Weekly');
    expect(await first.locator('td').nth(0).innerText()).toBe('Mar 25, 2026 – Mar 31, 2026');
    // The figures are the API's.
    const weekly = (
      (await (await page.request.get(`${env.baseUrl}/api/v1/digests?kind=weekly`)).json()) as {
        items: DigestView[];
      }
    ).items[0]!;
    expect(await first.getAttribute('data-digest')).toBe(weekly.id);
    expect(await first.locator('td').nth(3).innerText()).toMatch(
      new RegExp(`^${weekly.summary.denials} · \\$`),
    );
    await screenshot(page, 'digests');

    await page.locator('#digests-more button').click();
    await page.locator(`#digests-table tbody tr[data-digest]`).nth(DAILY_RUNS).waitFor();
    expect(await rows.count()).toBe(DAILY_RUNS + 1);
    expect(await page.locator('#digests-more button').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('narrows the list to one kind, in the address', async () => {
    const { page, problems } = await env.open('billing');
    await page.goto(`${env.baseUrl}/digests`);
    await ready(page);
    await Promise.all([
      page.waitForURL(`${env.baseUrl}/digests?kind=weekly`),
      page.locator('select[name=kind]').selectOption('weekly'),
    ]);
    await ready(page);
    const rows = page.locator('#digests-table tbody tr[data-digest]');
    expect(await rows.count()).toBe(1);
    expect(await page.locator('select[name=kind]').inputValue()).toBe('weekly');
    expect(problems).toEqual([]);
  });

  it('opens the HTML digest in a new tab, styled and without script, and downloads the CSV', async () => {
    const { page, context, problems } = await env.open('finance');
    await page.goto(`${env.baseUrl}/digests?kind=weekly`);
    await ready(page);
    const row = page.locator('#digests-table tbody tr[data-digest]').first();
    const [tab] = await Promise.all([context.waitForEvent('page'), row.locator('a[data-open]').click()]);
    const tabProblems: string[] = [];
    tab.on('console', (m) => {
      if (m.type() === 'error') tabProblems.push(m.text());
    });
    await tab.waitForLoadState();
    expect(await tab.locator('h1').innerText()).toBe('Weekly digest: 2026-03-25 to 2026-03-31');
    expect(await tab.locator('h2').allInnerTexts()).toEqual([
      'New denials',
      'Money at risk now',
      'Leakage to date',
      'Approaching deadlines',
    ]);
    // The <style> element applied (the digest's own CSP allows it), and nothing ran.
    const collapse = await tab
      .locator('table')
      .first()
      .evaluate(
        (t) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { borderCollapse: string } }
          ).getComputedStyle(t).borderCollapse,
      );
    expect(collapse).toBe('collapse');
    expect(await tab.locator('script').count()).toBe(0);
    await screenshot(tab, 'digest-weekly-html');
    expect(tabProblems).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('a[data-csv]').click()]);
    expect(download.suggestedFilename()).toBe('digest-weekly-2026-03-31.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFFsection,key,label,count,amountDollars')).toBe(true);
    expect(text).toContain('digest,periodTo,,,,,,,,2026-03-31,');
    expect(problems).toEqual([]);
  });

  it('is for billing and finance: coding gets the 403 page and no link', async () => {
    const { page } = await env.open('coding');
    expect(await page.locator('nav a[href="/digests"]').count()).toBe(0);
    const res = await page.goto(`${env.baseUrl}/digests`);
    expect(res?.status()).toBe(403);
    const billing = await env.open('billing');
    expect(await billing.page.locator('nav a[href="/digests"]').count()).toBe(1);
  });
});
