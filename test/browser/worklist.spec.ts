/**
 * The billing day: the worklist with its filters and sort in the URL, bulk assignment, the CSV of
 * the view, and a claim worked from the queue (override with a reason, status, note).
 */
import type { Page } from 'playwright-core';
import { DeadlineAlertsService } from '../../src/deadlines/deadline-alerts.service.js';
import { addDays } from '../../src/reporting/deadlines.js';
import { deadlineAlertText } from '../../src/web/client/deadline-alert-view.js';
import { type BrowserEnv, ready, screenshot, signIn, startBrowserEnv } from './support/browser-env.js';

/** The table's rows as the page shows them. */
async function rows(page: Page) {
  return page.locator('#worklist-table tbody tr[data-claim-id]').evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
      const money = tr.querySelector('td.money-at-risk')?.textContent ?? '';
      return {
        id: tr.getAttribute('data-claim-id')!,
        queue: cells[2]!,
        payer: cells[3]!,
        moneyCents: Math.round(Number(money.replace(/[$,]/g, '')) * 100),
        deadline: tr.querySelector('td.deadline [data-date]')?.getAttribute('data-date') ?? null,
        status: cells[10]!,
        assignee: cells[11]!,
        topFinding: cells[12]!,
      };
    }),
  );
}

/** Waits for the success message of a change, failing with the error shown instead. */
async function expectOk(page: Page): Promise<void> {
  await page.locator('.notice.ok, .notice.error').first().waitFor();
  const error = page.locator('.notice.error');
  if ((await error.count()) > 0)
    throw new Error(`the page shows an error: ${await error.first().innerText()}`);
}

/** Waits for the worklist to finish loading after a change. */
async function settled(page: Page): Promise<void> {
  await page.locator('body:not([data-loading])').waitFor();
}

describe('browser: billing worklist and claim page', () => {
  let env: BrowserEnv;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    env = await startBrowserEnv({ months: 3, claimsPerMonth: 60 });
    ({ page, problems } = await env.open('billing'));
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('lists claims by money at risk, most first', async () => {
    await page.goto(`${env.baseUrl}/worklist`);
    await ready(page);
    const list = await rows(page);
    expect(list.length).toBeGreaterThan(5);
    const money = list.map((r) => r.moneyCents);
    expect(money).toEqual([...money].sort((a, b) => b - a));
    await screenshot(page, 'worklist');
  });

  it('sorts by deadline and filters by queue and payer, keeping it all in the URL', async () => {
    await page.locator('select[name=sort]').selectOption('deadline');
    await page.waitForURL('**/worklist?sort=deadline');
    await settled(page);
    const byDeadline = (await rows(page)).map((r) => r.deadline).filter((d): d is string => d !== null);
    expect(byDeadline.length).toBeGreaterThan(0);
    expect(byDeadline).toEqual([...byDeadline].sort());

    await page.locator('select[name=queue]').selectOption('denied');
    await page.waitForURL((u) => u.searchParams.get('queue') === 'denied');
    await settled(page);
    const denied = await rows(page);
    expect(denied.length).toBeGreaterThan(0);
    expect(new Set(denied.map((r) => r.queue))).toEqual(new Set(['Denied']));

    const payer = denied[0]!.payer;
    await page.locator('input[name=payerId]').fill(payer);
    await page.locator('input[name=payerId]').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('payerId') === payer);
    await settled(page);
    const ofPayer = await rows(page);
    expect(ofPayer.length).toBeGreaterThan(0);
    expect(ofPayer.every((r) => r.payer === payer && r.queue === 'Denied')).toBe(true);

    // A reload (or a bookmark) shows the same view.
    await page.reload();
    await ready(page);
    expect(await page.locator('select[name=queue]').inputValue()).toBe('denied');
    expect(await page.locator('input[name=payerId]').inputValue()).toBe(payer);
    expect((await rows(page)).map((r) => r.id)).toEqual(ofPayer.map((r) => r.id));

    // The CSV link exports this view.
    const href = (await page.locator('#export-csv').getAttribute('href'))!;
    const csvUrl = new URL(href, env.baseUrl);
    expect(csvUrl.searchParams.get('format')).toBe('csv');
    expect(csvUrl.searchParams.get('queue')).toBe('denied');
    expect(csvUrl.searchParams.get('payerId')).toBe(payer);
    expect(csvUrl.searchParams.get('sort')).toBe('deadline');
    const csv = await page.request.get(csvUrl.toString());
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines.length).toBe(ofPayer.length + 1);

    // Back goes to the previous filters.
    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('payerId'));
    await settled(page);
    expect(await page.locator('input[name=payerId]').inputValue()).toBe('');
  });

  it('assigns the selected claims in bulk', async () => {
    await page.goto(`${env.baseUrl}/worklist?assignee=none`);
    await ready(page);
    const before = await rows(page);
    expect(before.length).toBeGreaterThan(2);
    const chosen = before.slice(0, 2).map((r) => r.id);
    for (const id of chosen) await page.locator(`input[type=checkbox][data-claim="${id}"]`).check();
    expect(await page.locator('#selection-count').innerText()).toBe('2 selected');
    await page.locator('select[name=assignTo]').selectOption(env.users.billing.id);
    await page.locator('#bulk button.primary').click();
    await expectOk(page);
    await settled(page);
    expect(await page.locator('.notice.ok').innerText()).toMatch(/Assigned 2 claims/);
    // They left the unassigned view; in "Me" they are there.
    const after = (await rows(page)).map((r) => r.id);
    for (const id of chosen) expect(after).not.toContain(id);
    await page.locator('select[name=assignee]').selectOption('me');
    await page.waitForURL((u) => u.searchParams.get('assignee') === 'me');
    await settled(page);
    const mine = await rows(page);
    expect(mine.map((r) => r.id).sort()).toEqual([...chosen].sort());
    expect(mine.every((r) => r.assignee === env.users.billing.username)).toBe(true);
  });

  it('opens a claim, overrides a finding with a reason, moves the status and adds a note', async () => {
    await page.goto(`${env.baseUrl}/worklist`);
    await ready(page);
    const first = (await rows(page)).find((r) => /^(block|warn)/.test(r.topFinding))!;
    expect(first).toBeDefined();
    await Promise.all([
      page.waitForURL(`**/claims/${first.id}`),
      page.locator(`tr[data-claim-id="${first.id}"] a`).first().click(),
    ]);
    await ready(page);
    const findings = page.locator('#findings article.finding');
    expect(await findings.count()).toBeGreaterThan(0);
    const finding = findings.first();
    const ruleId = (await finding.getAttribute('data-rule'))!;
    expect(await finding.locator('.summary').innerText()).not.toBe('');
    await screenshot(page, 'claim');

    await finding.locator('button.override').click();
    await finding
      .locator('textarea[name=reason]')
      .fill('Payer waived the requirement for this visit (call ref 12345)');
    await finding.locator('button[type=submit]').click();
    await expectOk(page);
    const overridden = page.locator(`#findings article.finding.overridden[data-rule="${ruleId}"]`);
    await overridden.first().waitFor();
    expect(await overridden.first().locator('.override').innerText()).toContain(
      'Payer waived the requirement',
    );
    expect(await page.locator('#history').innerText()).toContain(ruleId);

    await page.locator('#status-actions button[data-status="in-progress"]').click();
    await expectOk(page);
    // The work panel is drawn again once the change is answered: wait for it, do not race it.
    await page.locator('#work', { hasText: /In progress/ }).waitFor({ timeout: 10_000 });
    expect(await page.locator('#work').innerText()).toMatch(/In progress/);

    await page.locator('#note-form textarea').fill('Called the payer; waiting for the corrected auth.');
    await page.locator('#note-form button[type=submit]').click();
    await page.waitForSelector('#notes li');
    expect(await page.locator('#notes').innerText()).toContain('Called the payer');
    await screenshot(page, 'claim-worked');
  });

  it('keeps a note and an override reason being written when the session ends: sign in again and they are still there', async () => {
    const { page: tab, context, problems: tabProblems } = await env.open('billing');
    await tab.goto(`${env.baseUrl}/worklist?sort=deadline`);
    await ready(tab);
    const claimId = (await rows(tab)).find((r) => /^(block|warn)/.test(r.topFinding))!.id;
    // Arriving from another site whose address holds "/worklist": the way back is still ours.
    await tab.goto(`${env.baseUrl}/claims/${claimId}`, { referer: 'https://evil.example/worklist' });
    await ready(tab);
    expect(
      await tab.evaluate(
        () => (globalThis as unknown as { document: { referrer: string } }).document.referrer,
      ),
    ).toContain('evil.example');
    expect(await tab.locator('#back-to-worklist').getAttribute('href')).toBe('/worklist?sort=deadline');

    const finding = tab.locator('#findings article.finding:has(button.override)').first();
    const findingId = (await finding.getAttribute('data-finding-id'))!;
    await finding.locator('button.override').click();
    await finding.locator('textarea[name=reason]').fill('Auth 4471 was on file; payer portal ref 777');
    await tab.locator('#note-form textarea').fill('Half-written note about the appeal');
    await context.clearCookies();
    await Promise.all([
      tab.waitForURL('**/sign-in?next=**'),
      tab.locator('#note-form button[type=submit]').click(),
    ]);
    expect(new URL(tab.url()).searchParams.get('next')).toBe(`/claims/${claimId}`);
    await tab.locator('input[name=username]').fill(env.users.billing.username);
    await tab.locator('input[name=password]').fill(env.users.billing.password);
    await Promise.all([tab.waitForURL(`**/claims/${claimId}`), tab.locator('button[type=submit]').click()]);
    await ready(tab);
    expect(await tab.locator('#note-form textarea').inputValue()).toBe('Half-written note about the appeal');
    // The override form is open again with its reason.
    const again = tab.locator(`#findings article.finding[data-finding-id="${findingId}"]`);
    expect(await again.locator('textarea[name=reason]').inputValue()).toBe(
      'Auth 4471 was on file; payer portal ref 777',
    );

    // Saved, the reason's draft is gone; the note's stays until the note is saved.
    await again.locator('form.reason-form button[type=submit]').click();
    await expectOk(tab);
    await tab
      .locator(`#findings article.finding.overridden[data-finding-id="${findingId}"] .override`)
      .first()
      .waitFor();
    const kept = () =>
      tab.evaluate(() =>
        Object.keys(
          (globalThis as unknown as { sessionStorage: Record<string, string> }).sessionStorage,
        ).filter((k) => k.startsWith('claimguard:draft:')),
      );
    expect((await kept()).filter((k) => k.includes(findingId))).toEqual([]);
    expect(await tab.locator('#note-form textarea').inputValue()).toBe('Half-written note about the appeal');
    await tab.locator('#note-form button[type=submit]').click();
    await tab.waitForSelector('#notes li');
    expect(await tab.locator('#notes').innerText()).toContain('Half-written note about the appeal');
    expect(await tab.locator('#note-form textarea').inputValue()).toBe('');
    expect(await kept()).toEqual([]);
    expect(tabProblems).toEqual([]);
  });

  it('drops the drafts on sign-out and when another user signs in on the same tab', async () => {
    const { page: tab, context, problems: tabProblems } = await env.open('billing');
    await tab.goto(`${env.baseUrl}/worklist`);
    await ready(tab);
    const claimId = (await rows(tab)).find((r) => /^(block|warn)/.test(r.topFinding))!.id;
    const claimUrl = `/claims/${claimId}`;
    const writeDrafts = async () => {
      await tab.goto(`${env.baseUrl}${claimUrl}`);
      await ready(tab);
      // An override or a revoke reason (an earlier test may have overridden this claim's findings).
      await tab.locator('#findings').locator('button.override, button.revoke').first().click();
      await tab.locator('#findings textarea[name=reason]').fill('Reason nobody else should read');
      await tab.locator('#note-form textarea').fill('Note nobody else should read');
    };
    const appKeys = () =>
      tab.evaluate(() =>
        Object.keys(
          (globalThis as unknown as { sessionStorage: Record<string, string> }).sessionStorage,
        ).filter((k) => k.startsWith('claimguard:')),
      );
    const expectNoDrafts = async () => {
      await ready(tab);
      expect(await tab.locator('#note-form textarea').inputValue()).toBe('');
      expect(await tab.locator('#findings textarea[name=reason]').count()).toBe(0);
    };

    // Signing out clears them at once, before the next person touches the keyboard.
    await writeDrafts();
    expect((await appKeys()).some((k) => k.startsWith('claimguard:draft:'))).toBe(true);
    await Promise.all([tab.waitForURL('**/sign-in'), tab.locator('#sign-out').click()]);
    expect(await appKeys()).toEqual([]);
    await signIn(tab, env.baseUrl, env.users.billing, claimUrl);
    await expectNoDrafts();

    // The session ends and someone else signs in on the tab: they do not get the drafts.
    await writeDrafts();
    await context.clearCookies();
    await tab.reload();
    await tab.waitForURL('**/sign-in?next=**');
    await signIn(tab, env.baseUrl, env.users.admin, claimUrl);
    await tab.waitForURL(`**${claimUrl}`);
    await expectNoDrafts();
    expect((await appKeys()).some((k) => k.startsWith('claimguard:draft:'))).toBe(false);
    expect(tabProblems).toEqual([]);
  });

  it('lets finance open a claim to read, without the billing actions', async () => {
    await page.goto(`${env.baseUrl}/worklist`);
    await ready(page);
    const claimId = (await rows(page))[0]!.id;
    const { page: tab, problems: financeProblems } = await env.open('finance');
    await tab.goto(`${env.baseUrl}/claims/${claimId}`);
    await ready(tab);
    expect(await tab.locator('#pcn').innerText()).not.toBe('');
    expect(await tab.locator('#status-actions').count()).toBe(0);
    expect(await tab.locator('#note-form').count()).toBe(0);
    expect(await tab.locator('button.override').count()).toBe(0);
    expect(financeProblems).toEqual([]);
  });

  it('shows deadline alerts as badges, filters by them in the URL, and on the claim page', async () => {
    type Alert = { kind: 'filing' | 'appeal'; deadline: string; daysLeft: number };
    type Item = { claimId: string; deadline: string | null; alert: Alert | null };
    const api = async (query: string): Promise<Item[]> => {
      const res = await page.request.get(`${env.baseUrl}/api/v1/worklist?${query}&limit=200`);
      expect(res.status()).toBe(200);
      return ((await res.json()) as { items: Item[] }).items;
    };
    // The deadlines job, run for the day whose week holds the most deadlines of the open work.
    const deadlines = (await api('sort=deadline&status=open')).flatMap((i) =>
      i.deadline ? [i.deadline] : [],
    );
    const inWeek = (day: string) => deadlines.filter((d) => d >= day && d <= addDays(day, 7)).length;
    const today = deadlines
      .map((d) => addDays(d, -3))
      .reduce((best, day) => (inWeek(day) > inWeek(best) ? day : best));
    const counts = await env.app.get(DeadlineAlertsService).run({
      runId: '019b0000-0000-7000-8000-00000000b0b0',
      startedAt: new Date().toISOString(),
      today,
      timeZone: 'UTC',
      actor: { kind: 'system', via: 'system', name: 'browser-test' },
    });
    expect(counts['raised']).toBeGreaterThan(0);
    const alerted = await api('status=open&alert=deadline');
    expect(alerted.length).toBeGreaterThan(1);

    await page.goto(`${env.baseUrl}/worklist`);
    await ready(page);
    await page.locator('select[name=alert]').selectOption('deadline');
    await page.waitForURL((u) => u.searchParams.get('alert') === 'deadline');
    await settled(page);
    const shown = await rows(page);
    expect(shown.map((r) => r.id)).toEqual(alerted.map((i) => i.claimId));
    // Each row says it in words: "Filing deadline in 3 days", "Appeal due today" (the server's days left).
    const badges = await page
      .locator('#worklist-table tbody tr[data-claim-id]')
      .evaluateAll((trs) => trs.map((tr) => tr.querySelector('[data-alert]')?.textContent ?? ''));
    expect(badges).toEqual(alerted.map((i) => deadlineAlertText(i.alert!)));
    await screenshot(page, 'worklist-deadline-alerts');

    // The view survives a reload, and the CSV link exports it.
    await page.reload();
    await ready(page);
    expect(await page.locator('select[name=alert]').inputValue()).toBe('deadline');
    const href = new URL((await page.locator('#export-csv').getAttribute('href'))!, env.baseUrl);
    expect(href.searchParams.get('alert')).toBe('deadline');

    // The claim page shows the alert; "Any" takes the filter out of the address.
    const claimId = alerted[0]!.claimId;
    await page.goto(`${env.baseUrl}/claims/${claimId}`);
    await ready(page);
    expect(await page.locator('#deadline-alert').innerText()).toBe(deadlineAlertText(alerted[0]!.alert!));
    await page.goto(`${env.baseUrl}/worklist?alert=deadline`);
    await ready(page);
    await page.locator('select[name=alert]').selectOption('');
    await page.waitForURL((u) => !u.searchParams.has('alert'));
    await settled(page);
    expect((await rows(page)).length).toBeGreaterThan(alerted.length);
  });
});
