/**
 * `claimguard demo [--out DIR] [--months N] [--claims-per-month M] [--seed S] [--no-ingest]`:
 * simulates a practice (default 3 months × 700 claims, seed `demo`, into ./data/demo), then, with
 * the application context (database from the usual configuration), imports the roster, contracts,
 * notes (CSV and FHIR) and authorizations, ingests the 837s and 835s, evaluates the claims and prints
 * a summary: claims, flagged claims, findings by category.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_RULES_DIR } from '../rules-engine/context/context-builder.js';
import { simulate, type SimulateResult } from './simulate.js';

interface Writable {
  write(text: string): unknown;
}

export interface DemoOptions {
  out: string;
  months: number;
  claimsPerMonth: number;
  seed: string;
  ingest: boolean;
}

export function parseDemoArgs(argv: readonly string[]): DemoOptions {
  const { values } = parseArgs({
    args: [...argv],
    allowPositionals: false,
    options: {
      out: { type: 'string', default: './data/demo' },
      months: { type: 'string', default: '3' },
      'claims-per-month': { type: 'string', default: '700' },
      seed: { type: 'string', default: 'demo' },
      'no-ingest': { type: 'boolean', default: false },
    },
  });
  const months = Number(values.months);
  const claimsPerMonth = Number(values['claims-per-month']);
  if (!Number.isInteger(months) || months < 1)
    throw new RangeError(`--months must be ≥ 1, got ${values.months}`);
  if (!Number.isInteger(claimsPerMonth) || claimsPerMonth < 1) {
    throw new RangeError(`--claims-per-month must be ≥ 1, got ${values['claims-per-month']}`);
  }
  return { out: values.out, months, claimsPerMonth, seed: values.seed, ingest: !values['no-ingest'] };
}

/** The simulated files in the order they are loaded: inputs first, then 837s, then 835s. */
export function demoFiles(result: SimulateResult): {
  inputs: { kind: 'eligibility' | 'contracts' | 'documentation' | 'fhir' | 'authorizations'; file: string }[];
  x12: string[];
} {
  const files = result.files;
  const inputs: ReturnType<typeof demoFiles>['inputs'] = [
    { kind: 'eligibility', file: 'eligibility.csv' },
    { kind: 'contracts', file: 'contracts.csv' },
  ];
  for (const f of files) {
    if (f.endsWith('/documentation.csv')) inputs.push({ kind: 'documentation', file: f });
    else if (f.endsWith('/documentation-fhir.json')) inputs.push({ kind: 'fhir', file: f });
    else if (f.endsWith('/authorizations.csv')) inputs.push({ kind: 'authorizations', file: f });
  }
  const claims = files.filter((f) => /\/837[pi]-\d+\.x12$/.test(f));
  const remits = files.filter((f) => /\/835-[a-z0-9]+-\d+\.x12$/.test(f));
  return { inputs, x12: [...claims, ...remits] };
}

export async function demoCommand(argv: readonly string[], out: Writable, err: Writable): Promise<number> {
  let options: DemoOptions;
  try {
    options = parseDemoArgs(argv);
  } catch (e) {
    err.write(`demo: ${(e as Error).message}\n`);
    return 2;
  }
  out.write(
    `simulating ${options.months} months × ${options.claimsPerMonth} claims (seed ${options.seed}) into ${options.out}\n`,
  );
  const result = simulate({
    out: options.out,
    seed: options.seed,
    months: options.months,
    claimsPerMonth: options.claimsPerMonth,
  });
  const r = result.remittances;
  out.write(
    `${result.claims} claims, ${result.files.length} files` +
      (r ? `; ${r.files} remittances, denial rate ${(100 * r.denialRate).toFixed(1)}%` : '') +
      '\n',
  );
  // The simulated payers' profiles ship in rules/payers; a profile that differs (or is missing) there
  // means the rules judge those claims with another profile, which the operator should know.
  const shipped = join(DEFAULT_RULES_DIR, 'payers');
  const missing = readdirSync(join(options.out, 'rules-payers')).filter(
    (f) =>
      !existsSync(join(shipped, f)) ||
      readFileSync(join(shipped, f), 'utf8') !== readFileSync(join(options.out, 'rules-payers', f), 'utf8'),
  );
  if (missing.length > 0) {
    out.write(
      `payer profiles the rule pack lacks: ${missing.join(', ')} (copy ${join(options.out, 'rules-payers')}/*.yaml into the rules payers folder for payer-specific rules)\n`,
    );
  }
  if (!options.ingest) return 0;

  const [{ NestFactory }, { AppModule }, { ConfigError, loadConfig }, { MaskingLogger }] = await Promise.all([
    import('@nestjs/core'),
    import('../app.module.js'),
    import('../config/app-config.js'),
    import('../common/masking-logger.js'),
  ]);
  try {
    loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    err.write(`${e.message}\n`);
    return 2;
  }
  const app = await NestFactory.createApplicationContext(AppModule, {
    logger: new MaskingLogger({ logLevels: ['error', 'warn'] }),
  });
  try {
    const [{ InputsService }, { IngestService }, { FindingsService }, { DataSource }] = await Promise.all([
      import('../inputs/inputs.service.js'),
      import('../ingest/ingest.service.js'),
      import('../findings/findings.service.js'),
      import('typeorm'),
    ]);
    const inputs = app.get(InputsService);
    const ingest = app.get(IngestService);
    const { inputs: inputFiles, x12 } = demoFiles(result);
    for (const { kind, file } of inputFiles) {
      await inputs.importPath(kind, join(options.out, file), file.split('/').join('_'));
    }
    out.write(`imported ${inputFiles.length} input files\n`);
    let duplicates = 0;
    for (const file of x12) {
      const res = await ingest.ingestPath(join(options.out, file), file.split('/').join('_'));
      if (res.duplicate) duplicates++;
    }
    out.write(`ingested ${x12.length} X12 files${duplicates ? ` (${duplicates} already received)` : ''}\n`);
    const evaluation = await app.get(FindingsService).evaluateStale();
    out.write(
      `rule set ${evaluation.ruleSetVersion}: ${evaluation.claims} claims left to evaluate after ingest, ${evaluation.findings} findings\n`,
    );
    const db = app.get(DataSource);
    const payments = (await db.query(
      "SELECT COUNT(*) AS n, COUNT(claim_id) AS linked, SUM(CASE WHEN status_code = '4' THEN 1 ELSE 0 END) AS denied FROM claim_payment",
    )) as { n: string | number; linked: string | number; denied: string | number | null }[];
    const p = payments[0];
    out.write(
      `claim payments (835 CLP): ${Number(p?.n ?? 0)}, linked to a claim: ${Number(p?.linked ?? 0)}, ` +
        `denied (CLP02 4): ${Number(p?.denied ?? 0)}\n`,
    );
    const byCategory = (await db.query(
      'SELECT category, COUNT(*) AS findings, COUNT(DISTINCT claim_id) AS claims FROM finding GROUP BY category ORDER BY category',
    )) as { category: string; findings: string | number; claims: string | number }[];
    const flagged = (await db.query(
      "SELECT COUNT(DISTINCT claim_id) AS n FROM finding WHERE severity <> 'info'",
    )) as { n: string | number }[];
    out.write(
      [
        `claims: ${result.claims}, flagged (block/warn finding): ${Number(flagged[0]?.n ?? 0)}`,
        'findings by category:',
        ...byCategory.map(
          (row) =>
            `  ${row.category.padEnd(26)} ${String(Number(row.findings)).padStart(6)} findings on ${Number(row.claims)} claims`,
        ),
      ].join('\n') + '\n',
    );
    await writeReportSummary(app, out);
    await writeDemoUsers(app, out);
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * One demo user per role, with a fresh random password each run (an existing demo user gets a new
 * one), printed so the operator can sign in at once. Recorded in the audit log as the demo's work.
 */
async function writeDemoUsers(
  app: { get<T>(type: new (...args: never[]) => T): T },
  out: Writable,
): Promise<void> {
  const [{ UsersService }, { ROLES }, { generatePassword }] = await Promise.all([
    import('../auth/users.service.js'),
    import('../auth/roles.js'),
    import('../cli/users.command.js'),
  ]);
  const users = app.get(UsersService);
  const actor = { kind: 'system' as const, via: 'cli' as const, name: 'demo' };
  const existing = new Map((await users.list()).map((u) => [u.username, u]));
  const lines = ['demo users (sign in at http://localhost:' + (process.env['PORT'] ?? '3000') + '/sign-in):'];
  for (const role of ROLES) {
    const username = `demo-${role}`;
    const password = generatePassword();
    const known = existing.get(username);
    if (known) await users.update(actor, known.id, { password, disabled: false, role });
    else await users.create(actor, { username, role, password, displayName: `Demo ${role}` });
    lines.push(`  ${role.padEnd(8)} ${username.padEnd(14)} ${password}`);
  }
  out.write(lines.join('\n') + '\n');
}

/** Fits the denial-risk model on the simulated history and prints the headline report figures. */
async function writeReportSummary(
  app: { get<T>(type: new (...args: never[]) => T): T },
  out: Writable,
): Promise<void> {
  const { ReportsService } = await import('../reports/reports.service.js');
  const reports = app.get(ReportsService);
  const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
  const dollars = (cents: number) =>
    `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
  const summary = await reports.summary({});
  if (summary.adjudicated === 0) return;
  const fit = await reports.fitRiskModel();
  const cal = fit.calibration as {
    brier: number | null;
    brierPrior: number | null;
    holdout: { fromMonth: string; toMonth: string; claims: number };
  };
  const bt = await reports.backtest({});
  out.write(
    [
      `first pass: ${pct(summary.denialRate)} denied, ${pct(summary.cleanClaimRate)} clean; leakage ${dollars(summary.leakageCents)}`,
      `backtest: ${bt.totals.anticipated} of ${bt.totals.denied} denials had a finding of their category ` +
        `(recall ${pct(bt.totals.recall)}), ${bt.totals.flaggedDenied} of ${bt.totals.flagged} flagged claims denied ` +
        `(precision ${pct(bt.totals.precision)})`,
      `risk model fitted; held out ${cal.holdout.fromMonth}..${cal.holdout.toMonth} (${cal.holdout.claims} claims): ` +
        `Brier ${cal.brier?.toFixed(4) ?? 'n/a'} (priors alone ${cal.brierPrior?.toFixed(4) ?? 'n/a'})`,
    ].join('\n') + '\n',
  );
}
