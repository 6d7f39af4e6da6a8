/**
 * The live backtest and the dry run over a simulated practice (two months of claims with their 835
 * remittances and the practice's records), on every test database: the replay agrees with the stored
 * evaluations' backtest, the truth comparison agrees with a direct computation from truth.json and
 * the stored findings, a copied rule flags exactly what its original flags, a bad rule file is a 400
 * naming the line, and nothing is written.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type INestApplication, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseDocument } from 'yaml';
import { BacktestService } from '../../src/backtest/backtest.service.js';
import { backtestCommand } from '../../src/cli/backtest.command.js';
import { DEFAULT_RULES_DIR } from '../../src/rules-engine/context/context-builder.js';
import { demoFiles } from '../../src/simulator/demo.command.js';
import { simulate, type SimulateResult, type TruthClaim } from '../../src/simulator/simulate.js';
import { type E2eApp, startE2eApp } from '../support/e2e-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const SIMULATION = { seed: 'backtest-e2e', months: 2, claimsPerMonth: 150, start: '2026-01' } as const;

interface Totals {
  claims: number;
  adjudicated: number;
  flagged: number;
  flaggedDenied: number;
  denied: number;
  anticipated: number;
  deniedCents: number;
  anticipatedCents: number;
  recall: number | null;
  precision: number | null;
}

interface DryRunClaim {
  claimId: string;
  patientControlNumber: string;
  firstPass: string;
  rules: string[];
}

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { stream, text: () => chunks.join('') };
}

describe.each(databaseKinds)('backtest replay and dry run on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let app: INestApplication;
  let ds: DataSource;
  let work: string;
  let simDir: string;
  let sim: SimulateResult;
  let truth: { claims: TruthClaim[] };

  const http = () => started.http();

  /** Block/warn rules that fired on each open claim (stored findings), by claim id. */
  async function storedFlags(): Promise<Map<string, { pcn: string; rules: Set<string> }>> {
    const claims = (await ds.query(
      `SELECT id, patient_control_number AS pcn FROM claim WHERE status NOT IN ('replaced', 'voided')`,
    )) as { id: string; pcn: string }[];
    const out = new Map(claims.map((c) => [c.id, { pcn: c.pcn, rules: new Set<string>() }]));
    const rows = (await ds.query(
      `SELECT claim_id, rule_id FROM finding WHERE severity IN ('block', 'warn')`,
    )) as { claim_id: string; rule_id: string }[];
    for (const r of rows) out.get(r.claim_id)?.rules.add(r.rule_id);
    return out;
  }

  async function writeCounts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of ['finding', 'claim_evaluation', 'claim_report', 'report_rollup', 'claim']) {
      const [r] = (await ds.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: string | number }[];
      out[table] = Number(r!.n);
    }
    return out;
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    work = mkdtempSync(join(tmpdir(), 'claimguard-backtest-'));
    simDir = join(work, 'sim');
    sim = simulate({ ...SIMULATION, out: simDir });
    truth = JSON.parse(readFileSync(join(simDir, 'truth.json'), 'utf8')) as { claims: TruthClaim[] };
    db = await createTestDatabase(kind);
    started = await startE2eApp(db, join(work, 'uploads'));
    app = started.app;
    ds = app.get(DataSource);
    // As `claimguard demo` loads a practice: records first, then the 837s, then the 835s.
    const { inputs, x12 } = demoFiles(sim);
    for (const { kind: inputKind, file } of inputs) {
      const res = await http().post(`/api/v1/inputs/${inputKind}`).attach('file', join(simDir, file));
      expect({ file, status: res.status }).toEqual({ file, status: 201 });
    }
    for (const file of x12) {
      const res = await http().post('/api/v1/files').attach('file', join(simDir, file));
      expect({ file, status: res.status }).toEqual({ file, status: 201 });
    }
    // An import evaluates every claim again: each claim's stored evaluation then sees the claims of
    // later files too (history, concurrent claims), as a replay over the stored claims does.
    const again = await http()
      .post('/api/v1/inputs/eligibility')
      .attach('file', join(simDir, 'eligibility.csv'));
    expect(again.status).toBe(201);
  }, 300_000);

  afterAll(async () => {
    await started?.close();
    await db?.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('replays the active rules to the stored backtest, in total, per category, rule and CARC', async () => {
    const before = await writeCounts();
    const stored = (await http().get('/api/v1/reports/backtest')).body;
    const res = await http().get('/api/v1/reports/backtest/replay');
    expect(res.status).toBe(200);
    const replay = res.body;
    const open = (await ds.query(
      `SELECT COUNT(*) AS n FROM claim WHERE status NOT IN ('replaced', 'voided')`,
    )) as { n: string | number }[];
    expect(replay.claims).toBe(Number(open[0]!.n));
    expect(replay.ruleSetVersion).toBe(stored.ruleSetVersion);
    expect(replay.ruleErrors).toBe(0);
    const t = replay.report.totals as Totals;
    expect(t.claims).toBeGreaterThan(250);
    expect(t.denied).toBeGreaterThan(10);
    expect(t.anticipated).toBeGreaterThan(0);
    expect(t.flagged).toBeGreaterThan(0);
    expect(replay.report.totals).toEqual(stored.totals);
    // Every category as stored: flags, precision, and denials attributed the same way (a CARC of
    // several categories to the one a finding pointed at).
    expect(replay.report.categories).toEqual(stored.categories);
    expect(replay.report.rules).toEqual(stored.rules);
    const carcs = (u: { carc: string; denials: number; deniedCents: number }[]) =>
      u.map(({ carc, denials, deniedCents }) => ({ carc, denials, deniedCents }));
    expect(carcs(replay.report.unanticipated)).toEqual(carcs(stored.unanticipated));
    // Filtered: one month, one payer.
    const payer = truth.claims[0]!.payerId;
    const q = `from=2026-02&to=2026-02&payerId=${encodeURIComponent(payer)}`;
    const storedPart = (await http().get(`/api/v1/reports/backtest?${q}`)).body;
    const replayPart = (await http().get(`/api/v1/reports/backtest/replay?${q}`)).body;
    expect(replayPart.filter).toEqual({ fromMonth: '2026-02', toMonth: '2026-02', payerId: payer });
    expect(replayPart.report.totals).toEqual(storedPart.totals);
    expect(replayPart.report.totals.claims).toBeLessThan(t.claims);
    expect(replayPart.report.totals.claims).toBeGreaterThan(0);
    expect(await writeCounts()).toEqual(before);
  }, 120_000);

  it('compares with the simulator truth: defect recall as computed from truth.json and the findings', async () => {
    const service = app.get(BacktestService);
    const result = await service.compareTruth({}, join(simDir, 'truth.json'));
    // Direct: the claims by CLM01 with the rules their stored findings name.
    const byPcn = new Map<string, Set<string>>();
    for (const { pcn, rules } of (await storedFlags()).values()) {
      const set = byPcn.get(pcn) ?? new Set<string>();
      for (const r of rules) set.add(r);
      byPcn.set(pcn, set);
    }
    const direct = new Map<string, { injected: number; caught: number }>();
    for (const c of truth.claims) {
      for (const d of c.defects) {
        const row = direct.get(d.kind) ?? { injected: 0, caught: 0 };
        row.injected++;
        if (d.expectedRules.some((r) => byPcn.get(c.claim)?.has(r))) row.caught++;
        direct.set(d.kind, row);
      }
    }
    expect(direct.size).toBeGreaterThan(3);
    expect(result.truth.claims.missing).toBe(0);
    expect(result.truth.claims.notInTruth).toBe(0);
    let injected = 0;
    let caught = 0;
    for (const [defect, d] of direct) {
      const row = result.truth.defects[defect]!;
      expect({ defect, injected: row.injected, caught: row.caught, recall: row.recall }).toEqual({
        defect,
        ...d,
        recall: Math.round((d.caught / d.injected) * 10000) / 10000,
      });
      injected += d.injected;
      caught += d.caught;
    }
    expect(caught / injected).toBeGreaterThanOrEqual(0.9);
    // The 835s read as the simulated payers decided, and clean claims are (almost) never flagged.
    expect(result.truth.outcomes.disagree).toBe(0);
    expect(result.truth.falseFlags.rate!).toBeLessThan(0.05);

    // The same through the command line (the application it starts is this one), over the service
    // months of every claim (a claim filed late has its service months before the simulation's).
    const months = truth.claims.map((c) => c.serviceDate.slice(0, 7)).sort();
    const [first, last] = [months[0]!, months[months.length - 1]!];
    const out = capture();
    const err = capture();
    const code = await backtestCommand(
      ['--from', first, '--to', last, '--truth', join(simDir, 'truth.json'), '--format', 'json'],
      out.stream,
      err.stream,
      (run) => run(service),
    );
    expect({ code, err: err.text() }).toEqual({ code: 0, err: '' });
    const json = JSON.parse(out.text());
    expect(json.truth).toEqual(result.truth);
    expect(json.report.totals).toEqual(result.report.totals);
    const table = capture();
    expect(
      await backtestCommand(
        ['--from', first, '--to', last, '--truth', join(simDir, 'truth.json')],
        table.stream,
        err.stream,
        (run) => run(service),
      ),
    ).toBe(0);
    expect(table.text()).toContain(
      `recall ${result.report.totals.recall!.toFixed(3)} (${result.report.totals.anticipated} of ${result.report.totals.denied} denials anticipated`,
    );
    expect(table.text()).toContain(
      `claims in truth ${truth.claims.length}, stored ${truth.claims.length}, missing 0`,
    );
  }, 120_000);

  it('dry-runs a copy of a rule under another id: it flags exactly the claims the original flags', async () => {
    const flags = await storedFlags();
    const count = new Map<string, number>();
    for (const { rules } of flags.values()) for (const r of rules) count.set(r, (count.get(r) ?? 0) + 1);
    // The rule flagging the most claims (but at most 100, so that the whole list is compared).
    const [ruleId] = [...count.entries()].filter(([, n]) => n <= 100).sort((a, b) => b[1] - a[1])[0]!;
    const rules = (await http().get('/api/v1/rules')).body.rules as { id: string; file: string }[];
    const file = rules.find((r) => r.id === ruleId)!.file;
    const doc = parseDocument(readFileSync(join(DEFAULT_RULES_DIR, file), 'utf8'));
    const source = doc.toJS() as Record<string, unknown> & { rules?: Record<string, unknown>[] };
    const rule = source.rules ? source.rules.find((r) => r['id'] === ruleId)! : source;
    const copyId = `${ruleId}-COPY`;
    const yaml = JSON.stringify({ ...rule, id: copyId });
    const before = await writeCounts();
    const res = await http().post('/api/v1/rules/dry-run').send({ yaml, fileName: 'copy.yaml' });
    expect(res.status).toBe(200);
    const body = res.body;
    const expected = [...flags.entries()]
      .filter(([, f]) => f.rules.has(ruleId))
      .map(([id]) => id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(body.added).toEqual([copyId]);
    expect(body.replaced).toEqual([]);
    expect(body.tests.failed).toBe(0);
    expect(body.wouldFlag.count).toBe(expected.length);
    expect((body.wouldFlag.claims as DryRunClaim[]).map((c) => c.claimId)).toEqual(expected);
    expect(body.rules[0].flaggedClaims).toBe(expected.length);
    expect(body.newlyFlagged.count).toBe(0);
    expect(body.noLongerFlagged.count).toBe(0);
    expect(body.candidate.totals).toEqual(body.current.totals);

    // The same rule replaced by an info one: the claims only it flagged are no longer flagged.
    const info = JSON.stringify({ ...rule, severity: 'info' });
    const replaced = (await http().post('/api/v1/rules/dry-run').send({ yaml: info })).body;
    const onlyIt = [...flags.entries()]
      .filter(([, f]) => f.rules.has(ruleId) && f.rules.size === 1)
      .map(([id]) => id)
      .sort();
    expect(replaced.replaced).toEqual([ruleId]);
    expect(replaced.rules[0].before.flaggedClaims).toBe(expected.length);
    expect(replaced.rules[0].flaggedClaims).toBe(0);
    expect(replaced.wouldFlag.count).toBe(0);
    expect(replaced.noLongerFlagged.count).toBe(onlyIt.length);
    expect((replaced.noLongerFlagged.claims as DryRunClaim[]).map((c) => c.claimId)).toEqual(onlyIt);
    expect(await writeCounts()).toEqual(before);
  }, 120_000);

  it('answers 400 naming the line for a rule file that does not load', async () => {
    const broken = await http()
      .post('/api/v1/rules/dry-run')
      .send({ yaml: 'id: BROKEN\ntitle: [not closed\nseverity: warn\n', fileName: 'broken.yaml' });
    expect(broken.status).toBe(400);
    expect(broken.body.message).toBe('1 problem in the candidate rule file broken.yaml');
    // The flow sequence opened on line 2 is found unclosed on line 3.
    expect(broken.body.problems).toEqual([expect.stringMatching(/^broken\.yaml:3: /)]);

    const unknownFact = [
      'id: BAD-FACT',
      'version: 1',
      'title: A rule reading a fact that does not exist',
      'category: coding',
      'severity: warn',
      'prevents: { carc: ["16"] }',
      'when:',
      '  fact: claim.noSuchFact',
      '  operator: equal',
      '  value: 1',
      'message: never',
      'fix: never',
    ].join('\n');
    const bad = await http().post('/api/v1/rules/dry-run').send({ yaml: unknownFact });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([
      'candidate.yaml:1: tests: required',
      'candidate.yaml:8: when.fact: unknown fact claim.noSuchFact',
    ]);

    const badQuery = await http().get('/api/v1/reports/backtest/replay?from=2026-13');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.problems).toEqual(['from must be a month written YYYY-MM']);
    const reversed = await http().get('/api/v1/reports/backtest/replay?from=2026-03&to=2026-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.problems[0]).toContain('from (2026-03) must not be after to (2026-01)');
    const extra = await http().post('/api/v1/rules/dry-run').send({ yaml: 'id: X', ruleSet: 'x' });
    expect(extra.status).toBe(400);
    const missing = await http().post('/api/v1/rules/dry-run').send({});
    expect(missing.status).toBe(400);
    expect(missing.body.problems.join(' ')).toContain('yaml');
  });
});
