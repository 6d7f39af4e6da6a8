/**
 * Issue 10: the CLI killed with SIGKILL during an ingest, an import and a re-evaluation, on SQLite and
 * PostgreSQL, then run again. After the kill the database is consistent (SQLite integrity and foreign
 * keys; no file left `processing`; every file either wholly in or absent; records all or none; at most
 * one evaluation per claim, its findings all from it); after the re-run everything is in exactly once
 * and nothing is lost. A few seeded kills here; `npm run reliability:kill` runs a long campaign.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildCli,
  type KillAt,
  type KillFixture,
  killTrial,
  makeFixture,
  prepareDatabases,
  seededRandom,
  type TrialDatabases,
  type TrialOutcome,
} from '../../bench/reliability/kill-recovery.js';
import { databaseKinds, postgresUrl } from '../support/test-databases.js';

let work: string;
let build: { cli: string; remove: () => void };
let fixture: KillFixture;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'claimguard-kill-'));
  build = buildCli();
  // 400 claims in an 837P and an 837I, 8 of the 835s paying them; 4,000 authorization rows.
  fixture = makeFixture(join(work, 'practice'), 400, 4000, 10, 8);
}, 60_000);

afterAll(() => {
  build?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

const expectRecovered = (o: TrialOutcome): void => {
  // One line per kill in the test output: where it landed.
  console.log(
    `[kill-recovery] ${o.db} ${o.op} ${JSON.stringify(o.at)}: ${o.phase}${o.notes.length ? `; ${o.notes.join('; ')}` : ''}`,
  );
  expect({
    afterKill: o.afterKill,
    afterRecovery: o.afterRecovery,
    lost: o.lost,
    duplicates: o.duplicates,
  }).toEqual({
    afterKill: [],
    afterRecovery: [],
    lost: 0,
    duplicates: 0,
  });
};

describe.each(databaseKinds)('killed and restarted on %s', (kind) => {
  let dbs: TrialDatabases;
  const random = seededRandom(kind === 'sqlite' ? 1001 : 2002);
  /**
   * How long the app takes to start and ingest a small file here (the first kill's run; the start-up
   * run while preparing otherwise): kills land from 0.8 to 1.6 times that, past the start-up.
   */
  let startMs = 0;
  const midway = (): KillAt => ({ delayMs: Math.round((startMs || dbs.startupMs) * (0.8 + 0.8 * random())) });

  beforeAll(async () => {
    dbs = await prepareDatabases(kind, build.cli, fixture, join(work, kind), postgresUrl);
  }, 60_000);

  afterAll(async () => {
    await dbs?.dropAll();
  }, 30_000);

  it('ingest killed after its first file: that file in, the one in flight not at all, all in once after the re-run', async () => {
    const o = await killTrial('ingest', build.cli, fixture, dbs, {
      delayMs: Math.round(random() * 30),
      afterLines: 1,
    });
    expect(o.killed).toBe(true);
    startMs = o.ranMs;
    expectRecovered(o);
  }, 40_000);

  it('import killed at a random point: all its records or none, then all once after the re-run', async () => {
    // PostgreSQL: a few ms after the import's transaction has written (so the kill is mid-import).
    const at = kind === 'postgres' ? { delayMs: Math.round(random() * 40), underWay: true } : midway();
    expectRecovered(await killTrial('import', build.cli, fixture, dbs, at));
  }, 40_000);

  it('re-evaluation killed while running: one evaluation per claim, then every claim re-evaluated', async () => {
    const o = await killTrial('reevaluate', build.cli, fixture, dbs, {
      delayMs: Math.round(random() * 300),
      underWay: true,
    });
    expect(o.killed).toBe(true);
    expectRecovered(o);
  }, 40_000);
});
