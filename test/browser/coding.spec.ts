/**
 * The coder's page: gaps grouped by provider and encounter, the note beside the billed codes;
 * resolving a gap and sending one back (a comment required), with the status filter in the URL.
 */
import type { Page } from 'playwright-core';
import { type BrowserEnv, ready, screenshot, startBrowserEnv } from './support/browser-env.js';

async function expectOk(scope: ReturnType<Page['locator']>): Promise<void> {
  await scope.locator('.notice.ok, .notice.error').first().waitFor();
  const error = scope.locator('.notice.error');
  if ((await error.count()) > 0)
    throw new Error(`the page shows an error: ${await error.first().innerText()}`);
}

describe('browser: coding gaps', () => {
  let env: BrowserEnv;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    env = await startBrowserEnv({ months: 2, claimsPerMonth: 60 });
    ({ page, problems } = await env.open('coding'));
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('groups open gaps by provider and encounter, with the note and the billed codes side by side', async () => {
    expect(new URL(page.url()).pathname).toBe('/coding');
    await ready(page);
    const groups = page.locator('section.provider-group');
    expect(await groups.count()).toBeGreaterThan(0);
    expect(await groups.first().locator('h2').innerText()).toMatch(/NPI \d{10}\) · \d+ gaps?$/);
    const card = page.locator('article.gap-card').first();
    expect(await card.getAttribute('data-status')).toBe('open');
    expect(await card.locator('.note-side').count()).toBe(1);
    expect(await card.locator('.billed table').count()).toBe(1);
    expect(await page.locator('.encounter-panel h3 a').first().getAttribute('href')).toMatch(/^\/claims\//);
    await screenshot(page, 'coding');
  });

  it('resolves a gap, and sends one back only with a comment', async () => {
    const cards = page.locator('article.gap-card[data-status="open"]');
    expect(await cards.count()).toBeGreaterThan(1);
    const first = cards.first();
    const firstKey = (await first.getAttribute('data-gap-key'))!;
    const firstClaim = (await first
      .locator('xpath=ancestor::div[@data-claim-id]')
      .getAttribute('data-claim-id'))!;
    await first.locator('button.resolve').click();
    const resolved = page.locator(
      `div[data-claim-id="${firstClaim}"] article.gap-card[data-gap-key="${firstKey}"]`,
    );
    await expectOk(resolved);
    expect(await resolved.getAttribute('data-status')).toBe('resolved');
    expect(await resolved.locator('.gap-status').innerText()).toContain(`by ${env.users.coding.username}`);

    const second = page.locator('article.gap-card[data-status="open"]').first();
    const secondKey = (await second.getAttribute('data-gap-key'))!;
    const secondClaim = (await second
      .locator('xpath=ancestor::div[@data-claim-id]')
      .getAttribute('data-claim-id'))!;
    const sentBack = page.locator(
      `div[data-claim-id="${secondClaim}"] article.gap-card[data-gap-key="${secondKey}"]`,
    );
    await second.locator('button.send-back').click();
    expect(await sentBack.locator('.notice.error').innerText()).toMatch(/Say what the provider should add/);
    await sentBack.locator('textarea[name=comment]').fill('Please document the laterality of the knee.');
    await sentBack.locator('button.send-back').click();
    await expectOk(sentBack);
    expect(await sentBack.getAttribute('data-status')).toBe('sent-back');
    expect(await sentBack.locator('.gap-status').innerText()).toContain('Please document the laterality');

    // The sent-back view lists it; the filter is in the URL.
    await page.locator('select[name=status]').selectOption('sent-back');
    await page.waitForURL((u) => u.searchParams.get('status') === 'sent-back');
    await page.locator('body:not([data-loading])').waitFor();
    const listed = page.locator(
      `div[data-claim-id="${secondClaim}"] article.gap-card[data-gap-key="${secondKey}"]`,
    );
    expect(await listed.count()).toBe(1);
    expect(await page.locator('article.gap-card[data-status="open"]').count()).toBe(0);
    await page.reload();
    await ready(page);
    expect(await page.locator('select[name=status]').inputValue()).toBe('sent-back');
    await screenshot(page, 'coding-sent-back');
  });
});
