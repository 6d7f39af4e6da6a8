/**
 * Administration in a real browser: adding a user and changing their role, password and state; an API
 * token created for a user, shown once, working, then revoked; the audit log filtered (in the URL),
 * paged and exported; and the job runs, empty until the scheduler runs.
 */
import type { Page } from 'playwright-core';
import { AuditService } from '../../src/audit/audit.service.js';
import { type BrowserEnv, ready, screenshot, startBrowserEnv } from './support/browser-env.js';

const NEW_USER = {
  username: 'dana-biller',
  displayName: 'Dana Biller',
  password: 'dana correct horse battery',
};
const NEW_PASSWORD = 'dana new horse battery staple';
const TOKEN_NAME = 'nightly export';

/** Waits until the page has finished loading (`<body data-loading>` gone). */
async function settled(page: Page): Promise<void> {
  await page.locator('body:not([data-loading])').waitFor();
}

describe('browser: administration', () => {
  let env: BrowserEnv;
  let page: Page;
  let problems: string[];

  /** Signs in through the API, outside the browser: the answer's status. */
  const signInStatus = async (username: string, password: string): Promise<number> =>
    (
      await fetch(`${env.baseUrl}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password }),
      })
    ).status;

  /** The users table's row of a username: its cells' text. */
  const userRow = (username: string) => page.locator(`#users-table tr[data-username="${username}"]`);

  beforeAll(async () => {
    env = await startBrowserEnv({ months: 1, claimsPerMonth: 12, seed: 'admin' });
    ({ page, problems } = await env.open('admin'));
  }, 300_000);

  afterAll(async () => {
    await env?.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('lists the users and adds one with a role and a password', async () => {
    await page.goto(`${env.baseUrl}/admin`);
    await ready(page);
    expect(await page.locator('nav.tabs a[aria-current=page]').innerText()).toBe('Users');
    const names = await page
      .locator('#users-table tr[data-username]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-username')));
    expect(names).toEqual(
      expect.arrayContaining(['admin-user', 'billing-user', 'coding-user', 'finance-user']),
    );
    expect(names).not.toContain(NEW_USER.username);
    // Nobody disables themselves.
    expect(await userRow('admin-user').locator('button.disable').isDisabled()).toBe(true);

    const form = page.locator('#add-user');
    await form.locator('input[name=username]').fill(NEW_USER.username);
    await form.locator('input[name=displayName]').fill(NEW_USER.displayName);
    await form.locator('select[name=role]').selectOption('billing');
    await form.locator('input[name=password]').fill(NEW_USER.password);
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('#users-status .notice.ok');
    await settled(page);
    expect(await page.locator('#users-status .notice.ok').innerText()).toBe('Added dana-biller (Billing).');
    const row = userRow(NEW_USER.username);
    expect(await row.locator('td').nth(1).innerText()).toBe(NEW_USER.displayName);
    expect(await row.locator('select[name=role]').inputValue()).toBe('billing');
    expect(await row.locator('.badge').innerText()).toBe('Enabled');
    expect(await signInStatus(NEW_USER.username, NEW_USER.password)).toBe(200);
    await screenshot(page, 'admin');

    // A password the server refuses is named, and nothing is added.
    await form.locator('input[name=username]').fill('too-short-pw');
    await form.locator('input[name=password]').fill('short');
    await form.locator('input[name=password]').evaluate((el) => el.removeAttribute('minlength'));
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('#users-status .notice.error');
    expect(await page.locator('#users-status .notice.error').innerText()).toMatch(/password/);
    expect(await userRow('too-short-pw').count()).toBe(0);
  });

  it('changes a role, resets a password, and disables and enables a user', async () => {
    await page.goto(`${env.baseUrl}/admin`);
    await ready(page);
    const row = userRow(NEW_USER.username);
    expect(await row.locator('button.save-role').isDisabled()).toBe(true);
    await row.locator('select[name=role]').selectOption('coding');
    await row.locator('button.save-role').click();
    await page.waitForSelector('#users-status .notice.ok');
    await settled(page);
    expect(await page.locator('#users-status .notice.ok').innerText()).toBe(
      'dana-biller is now Coding; their sessions were ended.',
    );
    expect(await userRow(NEW_USER.username).locator('select[name=role]').inputValue()).toBe('coding');

    await userRow(NEW_USER.username).locator('button.reset-password').click();
    await userRow(NEW_USER.username).locator('input[name=newPassword]').fill(NEW_PASSWORD);
    await userRow(NEW_USER.username).locator('button[type=submit]').click();
    await page.waitForSelector('#users-status .notice.ok >> text=Password of dana-biller changed');
    await settled(page);
    expect(await signInStatus(NEW_USER.username, NEW_PASSWORD)).toBe(200);
    expect(await signInStatus(NEW_USER.username, NEW_USER.password)).toBe(401);

    await userRow(NEW_USER.username).locator('button.disable').click();
    await page.waitForSelector('#users-status .notice.ok >> text=dana-biller is disabled');
    await settled(page);
    expect(await userRow(NEW_USER.username).locator('.badge').innerText()).toBe('Disabled');
    expect(await signInStatus(NEW_USER.username, NEW_PASSWORD)).toBe(401);

    await userRow(NEW_USER.username).locator('button.enable').click();
    await page.waitForSelector('#users-status .notice.ok >> text=dana-biller is enabled again.');
    await settled(page);
    expect(await userRow(NEW_USER.username).locator('.badge').innerText()).toBe('Enabled');
    expect(await signInStatus(NEW_USER.username, NEW_PASSWORD)).toBe(200);
  });

  it('creates an API token for a user, shows it once, and revokes it', async () => {
    await page.goto(`${env.baseUrl}/admin`);
    await ready(page);
    await page.locator('nav.tabs a[data-tab=tokens]').click();
    await page.waitForURL('**/admin?tab=tokens');
    await page.waitForSelector('#create-token');
    await settled(page);

    const form = page.locator('#create-token');
    await form.locator('select[name=userId]').selectOption(env.users.billing.id);
    await form.locator('input[name=name]').fill(TOKEN_NAME);
    await form.locator('input[name=expiresInDays]').fill('30');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('#new-token');
    await settled(page);
    const token = (await page.locator('#new-token').innerText()).trim();
    expect(token).toMatch(/^cg_\S{20,}$/);
    expect(await page.locator('.token-once').innerText()).toMatch(/not shown again/);

    // It works as its user (billing: the worklist).
    const asToken = () =>
      fetch(`${env.baseUrl}/api/v1/worklist?limit=1`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await asToken()).status).toBe(200);

    const row = page.locator(`#tokens-table tr[data-token-name="${TOKEN_NAME}"]`);
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[1]).toBe('billing-user');
    expect(cells[2]).toBe(`${token.slice(0, 8)}…`);
    expect(cells[6]).toBe('Active');

    // Shown once: after a reload only its first characters are left.
    await page.reload();
    await ready(page);
    expect(await page.locator('#new-token').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(token);

    await row.locator('button.revoke').click();
    await row.locator('button.confirm-revoke').click();
    await page.waitForSelector('#tokens-status .notice.ok');
    await settled(page);
    expect(await page.locator('#tokens-status .notice.ok').innerText()).toBe(
      `Token “${TOKEN_NAME}” of billing-user revoked: it no longer works.`,
    );
    expect((await row.locator('td').allInnerTexts())[6]).toBe('Revoked');
    expect(await row.locator('button.revoke').count()).toBe(0);
    expect((await asToken()).status).toBe(401);
  });

  it('shows the audit log filtered in the URL, with the user creation, paging and a CSV export', async () => {
    // More events than a page holds.
    const audit = env.app.get(AuditService);
    for (let i = 0; i < 105; i++) {
      await audit.record(
        { kind: 'system', via: 'system', name: 'browser-tests' },
        { action: 'reports.rebuild' },
      );
    }
    await page.goto(`${env.baseUrl}/admin`);
    await ready(page);
    await page.locator('nav.tabs a[data-tab=audit]').click();
    await page.waitForURL('**/admin?tab=audit');
    await page.waitForSelector('#audit-table');
    await settled(page);

    const filter = page.locator('#audit-filters');
    await filter.locator('input[name=action]').fill('user.create');
    await filter.locator('input[name=actor]').fill(env.users.admin.username);
    await filter.locator('button[type=submit]').click();
    await page.waitForURL((u) => u.searchParams.get('action') === 'user.create');
    await settled(page);
    expect(new URL(page.url()).searchParams.get('actor')).toBe('admin-user');
    const rows = page.locator('#audit-table tbody tr[data-audit-id]');
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allInnerTexts();
    expect(cells[1]).toMatch(/^admin-user\s+admin$/);
    expect(cells[3]).toBe('user.create');
    expect(cells[4]).toMatch(/^user [0-9a-f-]{36}$/);
    expect(cells[5]).toBe('ok');
    expect(cells[6]).toBe('username: dana-biller · role: billing');
    await screenshot(page, 'admin-audit');

    // The CSV link exports the same filter.
    const href = (await page.locator('#audit-csv').getAttribute('href'))!;
    const csvUrl = new URL(href, env.baseUrl);
    expect(Object.fromEntries(csvUrl.searchParams)).toEqual({
      actor: 'admin-user',
      action: 'user.create',
      format: 'csv',
    });
    const csv = await page.request.get(csvUrl.toString());
    expect(csv.headers()['content-type']).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('dana-biller');

    // A reload keeps the filters; a backwards range is named.
    await page.reload();
    await ready(page);
    expect(await filter.locator('input[name=action]').inputValue()).toBe('user.create');
    await filter.locator('input[name=from]').fill('2030-05-02');
    await filter.locator('input[name=to]').fill('2030-05-01');
    await filter.locator('button[type=submit]').click();
    expect(await page.locator('#audit-problem .notice.error').innerText()).toMatch(
      /2030-05-02.*after.*2030-05-01/,
    );

    // Paging through the 105 rebuilds: 100, then the 5 older ones.
    await page.goto(`${env.baseUrl}/admin?tab=audit&action=reports.rebuild`);
    await ready(page);
    expect(await rows.count()).toBe(100);
    await page.locator('#audit-older').click();
    await page.waitForURL((u) => u.searchParams.has('cursor'));
    await settled(page);
    expect(await rows.count()).toBe(5);
    expect(await page.locator('#audit-older').count()).toBe(0);
    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('cursor'));
    await settled(page);
    expect(await rows.count()).toBe(100);
  });

  it('says there are no job runs yet', async () => {
    await page.goto(`${env.baseUrl}/admin?tab=jobs`);
    await ready(page);
    expect(await page.locator('nav.tabs a[aria-current=page]').innerText()).toBe('Job runs');
    expect(await page.locator('#app .notice.info').innerText()).toMatch(/^No job runs yet/);
    // Back to the tokens tab and its list through the history.
    await page.locator('nav.tabs a[data-tab=tokens]').click();
    await page.waitForURL('**/admin?tab=tokens');
    await settled(page);
    await page.goBack();
    await page.waitForURL('**/admin?tab=jobs');
    await settled(page);
    expect(await page.locator('#app .notice.info').count()).toBe(1);
  });
});
