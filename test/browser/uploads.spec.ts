/**
 * Uploads from the browser: a new 837 with its progress bar running to the end and the counts
 * after it; a broken X12 file rejected with its issues and where they are; coding uploads notes.
 */
import { join } from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { packageRoot } from '../../src/code-sets/code-set-paths.js';
import { type BrowserEnv, ready, screenshot, startBrowserEnv } from './support/browser-env.js';
import { simulatePractice } from '../support/simulated-practice.js';

/** Polls the progress bar of the upload of `name` until it is done; returns the values seen. */
async function watchProgress(page: Page, name: string): Promise<{ values: number[]; state: string }> {
  const item = page.locator(`#upload-list li[data-file="${name}"]`);
  await item.waitFor();
  const values: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const { value, state } = await item.evaluate((li) => ({
      value: (li.querySelector('progress') as unknown as { value: number }).value,
      state: li.getAttribute('data-state') ?? '',
    }));
    if (values[values.length - 1] !== value) values.push(value);
    if (state === 'done' || state === 'failed') return { values, state };
    await page.waitForTimeout(10);
  }
  throw new Error(`the upload of ${name} did not finish`);
}

describe('browser: uploads', () => {
  let env: BrowserEnv;
  let work: string;

  beforeAll(async () => {
    env = await startBrowserEnv({ months: 1, claimsPerMonth: 30 });
    work = mkdtempSync(join(tmpdir(), 'claimguard-upload-'));
  }, 240_000);

  afterAll(async () => {
    await env?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('uploads a new 837 with a progress bar that runs to the end, then shows what was read', async () => {
    // Claims the app has not seen: another practice month, 400 claims (a file of a few hundred kB).
    const sim = simulatePractice(join(work, 'new'), {
      seed: 'uploads',
      months: 1,
      claimsPerMonth: 400,
      start: '2026-05',
      adjudication: false,
    });
    const file837 = sim.result.files.find((f) => /\/837p-\d+\.x12$/.test(f))!;
    const { page, context, problems } = await env.open('billing');
    await page.goto(`${env.baseUrl}/uploads`);
    await ready(page);
    // A slow line, so that the bar is seen between empty and full.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    await page.locator('select[name=kind]').selectOption('x12');
    await page.locator('#file-input').setInputFiles(join(sim.dir, file837));
    const name = file837.split('/').pop()!;
    const { values, state } = await watchProgress(page, name);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    expect(state).toBe('done');
    expect(values[values.length - 1]).toBe(1);
    expect(values.some((v) => v > 0 && v < 1)).toBe(true);
    const claims = (readFileSync(join(sim.dir, file837), 'utf8').match(/~\s*CLM\*/g) ?? []).length;
    expect(claims).toBeGreaterThan(100);
    const result = await page.locator(`#upload-list li[data-file="${name}"] .upload-result`).innerText();
    expect(result).toBe(`837 processed: 1 transaction, ${claims} claims.`);
    await page.locator('#recent-files td', { hasText: name }).waitFor();
    await screenshot(page, 'uploads');
    expect(problems).toEqual([]);
  });

  it('shows the issues of X12 files with their positions: kept with a warning, or rejected', async () => {
    const { page, problems } = await env.open('billing');
    await page.goto(`${env.baseUrl}/uploads`);
    await ready(page);
    await page
      .locator('#file-input')
      .setInputFiles(
        ['se01-wrong.x12', 'not-x12-text.x12'].map((f) => join(packageRoot, 'fixtures/x12/invalid', f)),
      );

    // SE01 counts the wrong number of segments: the claims are read, the issue is listed.
    expect((await watchProgress(page, 'se01-wrong.x12')).state).toBe('done');
    const kept = page.locator('#upload-list li[data-file="se01-wrong.x12"]');
    expect(await kept.locator('.upload-result .notice').first().innerText()).toMatch(
      /2 claims; \d+ errors?, \d+ warnings?/,
    );
    const keptIssue = await kept.locator('table.issues tbody tr').first().innerText();
    expect(keptIssue).toMatch(/line \d+, SE(01)?/);
    expect(keptIssue).toMatch(/\(byte \d+\)/);

    // Prose is not X12: rejected, nothing kept, the issue at line 1.
    expect((await watchProgress(page, 'not-x12-text.x12')).state).toBe('failed');
    const rejected = page.locator('#upload-list li[data-file="not-x12-text.x12"]');
    expect(await rejected.locator('.notice.error').first().innerText()).not.toBe('');
    const rejectedIssue = await rejected.locator('table.issues tbody tr').first().innerText();
    expect(rejectedIssue).toMatch(/line 1 \(byte 0\)/);
    expect(rejectedIssue).toMatch(/X12_NOT_X12/);
    await screenshot(page, 'uploads-issues');
    expect(problems).toEqual([]);
  });

  it('lets coding upload clinical notes (and not X12 claim files)', async () => {
    const { page, problems } = await env.open('coding');
    await page.goto(`${env.baseUrl}/uploads`);
    await ready(page);
    const kinds = await page
      .locator('select[name=kind] option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    expect(kinds).not.toContain('x12');
    await page.locator('select[name=kind]').selectOption('documentation');
    await page.locator('#file-input').setInputFiles(join(packageRoot, 'fixtures/inputs/documentation.csv'));
    const { state } = await watchProgress(page, 'documentation.csv');
    expect(state).toBe('done');
    expect(
      await page.locator('#upload-list li[data-file="documentation.csv"] .upload-result').innerText(),
    ).toMatch(/^Read \d+ documentation/);
    expect(problems).toEqual([]);
  });
});
