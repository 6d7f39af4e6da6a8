/**
 * The browser tier's world: the whole app in-process on 127.0.0.1 (random port) over a temporary
 * SQLite database holding a small simulated practice, one user per role, the web assets built into a
 * temporary folder, and Debian's chromium driven by playwright-core. Without chromium the suite fails
 * (CI installs it; a skipped browser tier would hide a broken web app).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import type { Role } from '../../../src/auth/roles.js';
import { UsersService } from '../../../src/auth/users.service.js';
import { packageRoot } from '../../../src/code-sets/code-set-paths.js';
import { FindingsService } from '../../../src/findings/findings.service.js';
import { IngestService } from '../../../src/ingest/ingest.service.js';
import { InputsService } from '../../../src/inputs/inputs.service.js';
import { demoFiles } from '../../../src/simulator/demo.command.js';
import { startE2eApp, type E2eApp } from '../../support/e2e-app.js';
import { simulatePractice, type SimulatedPractice } from '../../support/simulated-practice.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-databases.js';

// A browser step waits for real rendering and requests: jest's 5 s default is too short for a test.
jest.setTimeout(90_000);

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
export const SCREENSHOTS = join(packageRoot, 'test-output', 'screenshots');
const DOCS_SCREENSHOTS = join(packageRoot, 'docs', 'screenshots');

/** A signed-up user of the test app. */
export interface TestUser {
  id: string;
  username: string;
  displayName: string;
  password: string;
  role: Role;
}

export interface BrowserEnv {
  baseUrl: string;
  app: INestApplication;
  sim: SimulatedPractice;
  users: Record<Role, TestUser>;
  browser: Browser;
  /** A fresh browser context (own cookies) and page; signed in as `role` when given. */
  open(role?: Role): Promise<{ context: BrowserContext; page: Page; problems: string[] }>;
  close(): Promise<void>;
}

/** Fails with a message saying what to install when chromium is not there. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the browser tests need it. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * Builds the web assets (scripts/build-web.mjs) into a temporary folder named by a digest of the
 * client sources, so the suites of one run share one build and a changed source builds again.
 */
export function buildWebAssets(): string {
  const clientDir = join(packageRoot, 'src', 'web', 'client');
  const hash = createHash('sha256');
  for (const f of filesUnder(clientDir).sort()) {
    hash.update(relative(clientDir, f)).update(readFileSync(f));
  }
  hash.update(readFileSync(join(packageRoot, 'scripts', 'build-web.mjs')));
  const out = join(tmpdir(), `claimguard-web-assets-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(out, '.built'))) return out;
  const building = `${out}.${process.pid}`;
  try {
    execFileSync(process.execPath, [join(packageRoot, 'scripts', 'build-web.mjs'), '--out', building], {
      cwd: packageRoot,
      stdio: 'pipe',
      encoding: 'utf8',
    });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    rmSync(building, { recursive: true, force: true });
    throw new Error(`the web assets do not build:\n${stdout ?? ''}${stderr ?? ''}`, { cause: e });
  }
  writeFileSync(join(building, '.built'), new Date().toISOString());
  rmSync(out, { recursive: true, force: true });
  try {
    execFileSync('mv', [building, out]);
  } catch {
    // Another suite finished the same build first: use its folder.
    rmSync(building, { recursive: true, force: true });
  }
  return out;
}

/** Loads the simulated practice the way `claimguard demo` does: records, 837s, 835s, then evaluation. */
async function loadPractice(app: INestApplication, sim: SimulatedPractice): Promise<void> {
  const inputs = app.get(InputsService);
  const ingest = app.get(IngestService);
  const { inputs: inputFiles, x12 } = demoFiles(sim.result);
  for (const { kind, file } of inputFiles)
    await inputs.importPath(kind, join(sim.dir, file), file.split('/').join('_'));
  for (const file of x12) await ingest.ingestPath(join(sim.dir, file), file.split('/').join('_'));
  await app.get(FindingsService).evaluateStale();
}

const ROLES: Role[] = ['billing', 'coding', 'finance', 'admin'];
const DISPLAY: Record<Role, string> = {
  billing: 'Bea Biller',
  coding: 'Cody Coder',
  finance: 'Fran Finance',
  admin: 'Ada Admin',
};

/** The one place the browser tests make their users (UsersService.create, as the system). */
async function createUsers(app: INestApplication): Promise<Record<Role, TestUser>> {
  const users = app.get(UsersService);
  const system = { kind: 'system' as const, via: 'system' as const, name: 'browser-tests' };
  const out = {} as Record<Role, TestUser>;
  for (const role of ROLES) {
    const username = `${role}-user`;
    const password = `${role} correct horse battery`;
    const u = await users.create(system, { username, displayName: DISPLAY[role], role, password });
    out[role] = { id: u.id, username, displayName: DISPLAY[role], password, role };
  }
  return out;
}

/** Signs a page in through the sign-in form, landing on `next` (default: the role's home). */
export async function signIn(page: Page, baseUrl: string, user: TestUser, next?: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.locator('input[name=username]').fill(user.username);
  await page.locator('input[name=password]').fill(user.password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/sign-in')),
    page.locator('form.sign-in button[type=submit]').click(),
  ]);
}

/** Waits until the page script has drawn (`<body data-ready>`), failing on a drawn error. */
export async function ready(page: Page): Promise<void> {
  await page.waitForSelector('body[data-ready]');
  const state = await page.getAttribute('body', 'data-ready');
  if (state !== 'true') {
    throw new Error(`the page drew an error: ${await page.locator('#app').innerText()}`);
  }
  await page.locator('body:not([data-loading])').waitFor();
}

/** Saves a screenshot into test-output/screenshots (and docs/screenshots with UPDATE_SCREENSHOTS=1). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env['UPDATE_SCREENSHOTS'] === '1') {
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(file, join(DOCS_SCREENSHOTS, `${name}.png`));
  }
  if (statSync(file).size < 1000) throw new Error(`screenshot ${name} is empty`);
  return file;
}

/**
 * Starts the app with a simulated practice (`claimsPerMonth` × `months`) and chromium. Each page
 * collects the problems the browser reports (script errors, CSP violations, failed requests for
 * assets) in `problems`: a test asserts it is empty.
 */
export async function startBrowserEnv(
  o: { months?: number; claimsPerMonth?: number; seed?: string } = {},
): Promise<BrowserEnv> {
  requireChromium();
  const assets = buildWebAssets();
  const savedAssets = process.env['WEB_ASSETS_DIR'];
  const db: TestDatabase = await createTestDatabase('sqlite');
  const work = mkdtempSync(join(tmpdir(), 'claimguard-browser-'));
  const sim = simulatePractice(join(work, 'practice'), {
    seed: o.seed ?? 'browser',
    months: o.months ?? 3,
    claimsPerMonth: o.claimsPerMonth ?? 60,
  });
  let e2e: E2eApp | null = null;
  let browser: Browser | null = null;
  const contexts: BrowserContext[] = [];
  const close = async (): Promise<void> => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await e2e?.close();
    if (savedAssets === undefined) delete process.env['WEB_ASSETS_DIR'];
    else process.env['WEB_ASSETS_DIR'] = savedAssets;
    await db.drop();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    e2e = await startE2eApp(db, join(work, 'uploads'), { WEB_ASSETS_DIR: assets });
    const app = e2e.app;
    await loadPractice(app, sim);
    const users = await createUsers(app);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const b = browser;
    const open = async (role?: Role) => {
      const context = await b.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !/status of 40[0-9]/.test(m.text()))
          problems.push(`console: ${m.text()}`);
      });
      page.on('response', (r) => {
        if (r.url().includes('/assets/') && r.status() >= 400)
          problems.push(`asset ${r.url()}: ${r.status()}`);
      });
      if (role) await signIn(page, baseUrl, users[role]);
      return { context, page, problems };
    };
    return { baseUrl, app, sim, users, browser: b, open, close };
  } catch (e) {
    await close().catch(() => undefined);
    throw e;
  }
}
