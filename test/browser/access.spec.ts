/**
 * Signing in and what each role may open: its home page, only its navigation links, and a 403 page
 * for the others; a page asked for without a session goes through sign-in and comes back.
 */
import type { Role } from '../../src/auth/roles.js';
import { type BrowserEnv, ready, screenshot, signIn, startBrowserEnv } from './support/browser-env.js';

const PAGES = ['/worklist', '/coding', '/dashboard', '/digests', '/uploads', '/admin'] as const;
const ALLOWED: Record<Role, readonly string[]> = {
  billing: ['/worklist', '/digests', '/uploads'],
  coding: ['/coding', '/uploads'],
  finance: ['/dashboard', '/digests'],
  admin: PAGES,
};
const HOME: Record<Role, string> = {
  billing: '/worklist',
  coding: '/coding',
  finance: '/dashboard',
  admin: '/admin',
};

describe('browser: sign-in and access by role', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await startBrowserEnv({ months: 2, claimsPerMonth: 40 });
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  it('sends a page request without a session to sign in, and back with the filters once signed in', async () => {
    const { page, problems } = await env.open();
    await page.goto(`${env.baseUrl}/worklist?queue=denied&sort=deadline`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/worklist?queue=denied&sort=deadline');
    await ready(page);
    await screenshot(page, 'sign-in');
    await page.locator('input[name=username]').fill(env.users.billing.username);
    await page.locator('input[name=password]').fill(env.users.billing.password);
    await Promise.all([page.waitForURL('**/worklist?**'), page.locator('button[type=submit]').click()]);
    expect(page.url()).toBe(`${env.baseUrl}/worklist?queue=denied&sort=deadline`);
    await ready(page);
    expect(await page.locator('select[name=queue]').inputValue()).toBe('denied');
    expect(problems).toEqual([]);
  });

  it('says so when the password is wrong, and keeps the user on the sign-in page', async () => {
    const { page } = await env.open();
    await page.goto(`${env.baseUrl}/sign-in`);
    await ready(page);
    await page.locator('input[name=username]').fill(env.users.coding.username);
    await page.locator('input[name=password]').fill('not the password');
    await page.locator('button[type=submit]').click();
    await page.waitForSelector('.notice.error');
    expect(await page.locator('.notice.error').innerText()).toMatch(/password|credentials|sign/i);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await screenshot(page, 'sign-in-error');
  });

  it('says how long to wait once sign-in is throttled after repeated failures', async () => {
    const { page } = await env.open();
    await page.goto(`${env.baseUrl}/sign-in`);
    await ready(page);
    let message = '';
    for (let attempt = 1; attempt <= 8 && !/Try again in/.test(message); attempt++) {
      await page.locator('input[name=username]').fill('someone-guessing');
      await page.locator('input[name=password]').fill(`guess number ${attempt}`);
      await page.locator('button[type=submit]').click();
      await page.locator('form.sign-in button[type=submit]:not([disabled])').waitFor();
      message = await page.locator('.notice.error').innerText();
    }
    expect(message).toMatch(/Try again in \d+ (seconds|minutes)\./);
    await screenshot(page, 'sign-in-throttled');
  });

  it.each(['billing', 'coding', 'finance', 'admin'] as Role[])(
    '%s lands on its home, sees only its pages, and gets a 403 page for the others',
    async (role) => {
      const { page, problems } = await env.open();
      await signIn(page, env.baseUrl, env.users[role]);
      expect(new URL(page.url()).pathname).toBe(HOME[role]);
      await ready(page);
      const links = await page
        .locator('header nav a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual([...ALLOWED[role]]);
      expect(await page.locator('header .user-name').innerText()).toBe(env.users[role].displayName);
      for (const path of PAGES) {
        const res = await page.goto(`${env.baseUrl}${path}`);
        if (ALLOWED[role].includes(path)) {
          expect(res?.status()).toBe(200);
          await ready(page);
        } else {
          expect(res?.status()).toBe(403);
          expect(await page.locator('h1').innerText()).toMatch(/403/);
        }
      }
      // `/` is the role's home.
      await page.goto(`${env.baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe(HOME[role]);
      expect(problems).toEqual([]);
    },
  );

  it('signs out: the session ends and pages need sign-in again', async () => {
    const { page } = await env.open('finance');
    await ready(page);
    await Promise.all([page.waitForURL('**/sign-in'), page.locator('#sign-out').click()]);
    await page.goto(`${env.baseUrl}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });
});
