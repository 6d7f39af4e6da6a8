/**
 * Kill campaign (issue 10): the claimguard CLI killed with SIGKILL at seeded random points during a large
 * ingest, a large import and a re-evaluation, on SQLite and PostgreSQL, then run again; every kill is
 * checked (bench/reliability/kill-recovery.ts). Prints the kills, where they landed, the recoveries
 * verified, data lost and duplicates (both must be 0). Exit 1 when any check failed.
 *
 * npm run reliability:kill [-- --kills N] [--db sqlite|postgres|both] [--seed N] [--claims N] [--auths N]
 *                           [--max-835 N] [--ops ingest,import,reevaluate]
 *
 * --kills N: kills per operation per database (default 10). PostgreSQL: KILL_POSTGRES_URL, else
 * TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildCli,
  cliEnv,
  type DbKind,
  type KillAt,
  killTrial,
  makeFixture,
  OPERATIONS,
  operationCommand,
  type Operation,
  prepareDatabases,
  runCli,
  seededRandom,
  type TrialOutcome,
} from './kill-recovery.js';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '10' },
    db: { type: 'string', default: 'both' },
    seed: { type: 'string', default: '20261127' },
    claims: { type: 'string', default: '4000' },
    auths: { type: 'string', default: '20000' },
    'max-835': { type: 'string', default: '1000000' },
    ops: { type: 'string', default: OPERATIONS.join(',') },
  },
});
const kills = Number(values.kills);
const dbKinds: DbKind[] = values.db === 'both' ? ['sqlite', 'postgres'] : [values.db as DbKind];
const ops = values.ops.split(',') as Operation[];
const pgUrl =
  process.env['KILL_POSTGRES_URL'] ??
  process.env['TEST_DATABASE_URL'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';
if (!Number.isInteger(kills) || kills < 1 || dbKinds.some((d) => d !== 'sqlite' && d !== 'postgres')) {
  console.error(
    'usage: kill-campaign [--kills N] [--db sqlite|postgres|both] [--seed N] [--claims N] [--auths N]',
  );
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'claimguard-kill-'));
const build = buildCli();
const random = seededRandom(Number(values.seed));
const fixture = makeFixture(
  join(work, 'practice'),
  Number(values.claims),
  Number(values.auths),
  10,
  Number(values['max-835']),
);
console.log(
  `practice: ${fixture.x12Files.length} X12 files, ${[...fixture.expected.values()].reduce((s, e) => s + e.claims, 0)} claims, ` +
    `${[...fixture.expected.values()].reduce((s, e) => s + e.payments, 0)} claim payments; ${fixture.authorizations} authorizations; seed ${values.seed}`,
);
const describeKill = (at: KillAt): string =>
  at.afterLines !== undefined
    ? `${at.delayMs} ms after file ${at.afterLines} done`
    : at.underWay
      ? `${at.delayMs} ms after the work showed in the database`
      : `at ${at.delayMs} ms`;
const outcomes: TrialOutcome[] = [];
let failed = false;
try {
  for (const kind of dbKinds) {
    const dbs = await prepareDatabases(kind, build.cli, fixture, join(work, kind), pgUrl);
    try {
      for (const op of ops) {
        // How long the operation takes uninterrupted: kills land anywhere from 10% to 105% of it.
        const probe = await dbs.fresh(op === 'reevaluate' ? 'evaluable' : 'empty');
        const command = operationCommand(op, fixture);
        const full = await runCli(build.cli, command.args, cliEnv(probe, command.env));
        if (full.code !== 0)
          throw new Error(`${op} on ${kind} failed uninterrupted: ${full.stdout}\n${full.stderr}`);
        console.log(`\n${kind} ${op}: ${full.ms} ms uninterrupted`);
        for (let i = 0; i < kills; i++) {
          const delay = Math.round(full.ms * (0.1 + 0.95 * random()));
          // Every other kill is timed from a sign that the work is under way: for an ingest, the end of
          // a (random) file; for a re-evaluation, its job run recorded; for an import on PostgreSQL, its
          // transaction having written. The others are timed from the start.
          const triggered = i % 2 === 1 && (op !== 'import' || kind === 'postgres');
          const at: KillAt = !triggered
            ? { delayMs: delay }
            : op === 'ingest'
              ? {
                  delayMs: Math.round(random() * 150),
                  afterLines: Math.floor(random() * fixture.x12Files.length),
                }
              : { delayMs: Math.round(random() * full.ms * 0.5), underWay: true };
          const o = await killTrial(op, build.cli, fixture, dbs, at);
          outcomes.push(o);
          const ok =
            o.afterKill.length === 0 && o.afterRecovery.length === 0 && o.lost === 0 && o.duplicates === 0;
          if (!ok) failed = true;
          console.log(
            `  #${i + 1} kill ${describeKill(at)}: ${o.killed ? 'killed' : 'not killed'}, ${o.phase}; ` +
              `${ok ? 'recovered, verified' : 'FAILED'}; lost ${o.lost}, duplicates ${o.duplicates}` +
              [
                ...o.afterKill.map((p) => `\n     after kill: ${p}`),
                ...o.afterRecovery.map((p) => `\n     after recovery: ${p}`),
                ...o.notes.map((n) => `\n     note: ${n}`),
              ].join(''),
          );
        }
      }
    } finally {
      await dbs.dropAll();
    }
  }
} finally {
  build.remove();
  rmSync(work, { recursive: true, force: true });
}

console.log('\nsummary');
for (const kind of dbKinds)
  for (const op of ops) {
    const mine = outcomes.filter((o) => o.db === kind && o.op === op);
    if (mine.length === 0) continue;
    const verified = mine.filter(
      (o) => o.afterKill.length === 0 && o.afterRecovery.length === 0 && o.lost === 0 && o.duplicates === 0,
    );
    console.log(
      `  ${kind.padEnd(8)} ${op.padEnd(10)} runs ${mine.length}, kills ${mine.filter((o) => o.killed).length}, ` +
        `recoveries verified ${verified.length}, data lost ${mine.reduce((s, o) => s + o.lost, 0)}, ` +
        `duplicates ${mine.reduce((s, o) => s + o.duplicates, 0)}, ` +
        `lease waits ${mine.filter((o) => o.notes.some((n) => n.startsWith('lease of the killed run'))).length}`,
    );
  }
const killed = outcomes.filter((o) => o.killed).length;
console.log(
  `  total: ${outcomes.length} runs, ${killed} killed mid-way, ${failed ? 'FAILURES' : 'all verified'}`,
);
process.exit(failed ? 1 : 0);
