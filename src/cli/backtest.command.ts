/**
 * `claimguard backtest --from YYYY-MM --to YYYY-MM [--payer ID] [--truth truth.json] [--format table|json]
 * [--out F]`: the active rules replayed over the stored claims of those service months against what
 * the payers answered (and the simulator's truth.json when given).
 *
 * `claimguard rules dry-run <file> [--from YYYY-MM] [--to YYYY-MM] [--payer ID] [--format table|json]
 * [--out F]`: what a candidate rule file would flag over the stored claims, next to the active rules.
 *
 * Exit 0 when it ran; 1 when the candidate rule file does not load (every problem listed); 2 for bad
 * arguments (the option named), an unreadable file or a bad truth file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type {
  BacktestService,
  DryRunResult,
  ReplayResult,
  TruthReplayResult,
} from '../backtest/backtest.service.js';
import { MAX_CANDIDATE_BYTES } from '../backtest/candidate-rules.js';
import type { DryRunClaimList, RuleDryRunStats } from '../backtest/dry-run.js';
import { InvalidInputError } from '../common/domain-errors.js';
import type { ReportFilter } from '../reports/reports.repository.js';

export const BACKTEST_FORMATS = ['table', 'json'] as const;
export type BacktestFormat = (typeof BACKTEST_FORMATS)[number];

/** Bad arguments: exit 2, the message on stderr. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface BacktestArgs {
  filter: ReportFilter;
  truth: string | undefined;
  format: BacktestFormat;
  out: string | undefined;
}

export interface DryRunArgs {
  file: string;
  filter: ReportFilter;
  format: BacktestFormat;
  out: string | undefined;
}

/** What the commands need of the service (the CLI starts the application for it). */
export type BacktestRunner = Pick<BacktestService, 'replay' | 'compareTruth' | 'dryRun'>;

/** Runs `work` with the service (inside the application context), returning its exit code. */
export type WithBacktestService = (work: (service: BacktestRunner) => Promise<number>) => Promise<number>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function parse(argv: readonly string[], allowPositionals: boolean) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals,
      strict: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        payer: { type: 'string' },
        truth: { type: 'string' },
        format: { type: 'string', default: 'table' },
        out: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function checkCommon(
  v: ReturnType<typeof parse>['values'],
  required: boolean,
): { filter: ReportFilter; format: BacktestFormat; problems: string[] } {
  const problems: string[] = [];
  for (const option of ['from', 'to'] as const) {
    const value = v[option];
    if (value === undefined) {
      if (required) problems.push(`--${option} is required (a service month, YYYY-MM)`);
    } else if (!MONTH.test(value)) {
      problems.push(`--${option} must be a month written YYYY-MM, got ${JSON.stringify(value)}`);
    }
  }
  if (v.from && v.to && MONTH.test(v.from) && MONTH.test(v.to) && v.from > v.to)
    problems.push(`--from (${v.from}) must not be after --to (${v.to})`);
  if (v.payer !== undefined && (v.payer.trim() === '' || v.payer.length > 80))
    problems.push(`--payer must be a payer id of 1 to 80 characters, got ${JSON.stringify(v.payer)}`);
  if (!(BACKTEST_FORMATS as readonly string[]).includes(v.format!))
    problems.push(`--format must be one of ${BACKTEST_FORMATS.join(', ')}, got ${JSON.stringify(v.format)}`);
  if (v.out !== undefined && v.out.trim() === '') problems.push('--out must name a file');
  const filter: ReportFilter = {};
  if (v.from !== undefined) filter.fromMonth = v.from;
  if (v.to !== undefined) filter.toMonth = v.to;
  if (v.payer !== undefined) filter.payerId = v.payer.trim();
  return { filter, format: v.format as BacktestFormat, problems };
}

/** `backtest` arguments; UsageError naming every bad option. */
export function parseBacktestArgs(argv: readonly string[]): BacktestArgs {
  const { values } = parse(argv, false);
  const { filter, format, problems } = checkCommon(values, true);
  if (values.truth !== undefined && values.truth.trim() === '') problems.push('--truth must name a file');
  else if (values.truth !== undefined && !existsSync(values.truth))
    problems.push(`--truth: no such file ${values.truth}`);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  return { filter, truth: values.truth, format, out: values.out };
}

/** `rules dry-run` arguments; UsageError naming every bad option. */
export function parseDryRunArgs(argv: readonly string[]): DryRunArgs {
  const { values, positionals } = parse(argv, true);
  const { filter, format, problems } = checkCommon(values, false);
  if (values.truth !== undefined)
    problems.push('--truth is an option of claimguard backtest, not of dry-run');
  if (positionals.length !== 1) problems.push(`name one rule file (got ${positionals.length})`);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  return { file: positionals[0]!, filter, format, out: values.out };
}

// ------------------------------------------------------------------------------------------ text

const ratioText = (r: number | null): string => (r === null ? '-' : r.toFixed(3));

export function dollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Columns aligned by `align` (one letter per column: l left, r right). */
function table(header: string[], rows: string[][], align: string): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const render = (cells: string[]) =>
    cells
      .map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [render(header), ...rows.map(render)];
}

function range(filter: ReportFilter): string {
  const months =
    filter.fromMonth || filter.toMonth
      ? `service months ${filter.fromMonth ?? '…'} to ${filter.toMonth ?? '…'}`
      : 'every service month';
  return `${months}, ${filter.payerId ? `payer ${filter.payerId}` : 'every payer'}`;
}

const TOP_RULES = 10;
const TOP_CARCS = 10;

/** The backtest (and the truth comparison when present) as text. */
export function formatBacktestTable(result: ReplayResult | TruthReplayResult): string {
  const { report } = result;
  const t = report.totals;
  const lines: string[] = [
    `Backtest (replay of rule set ${result.ruleSetVersion}) over ${range(result.filter)}`,
    `claims ${t.claims}, adjudicated ${t.adjudicated}, denied ${t.denied} (${dollars(t.deniedCents)}), ` +
      `flagged ${t.flagged}` +
      (result.ruleErrors > 0 ? `, rule errors ${result.ruleErrors}` : ''),
    `recall ${ratioText(t.recall)} (${t.anticipated} of ${t.denied} denials anticipated, ${dollars(t.anticipatedCents)})`,
    `precision ${ratioText(t.precision)} (${t.flaggedDenied} of ${t.flagged} flagged claims denied)`,
  ];
  const categories = Object.values(report.categories);
  lines.push('', 'By category');
  if (categories.length === 0) lines.push('  (no denials and no flags)');
  else
    lines.push(
      ...table(
        ['CATEGORY', 'DENIALS', 'ANTICIPATED', 'RECALL', 'FLAGGED', 'FLAGGED DENIED', 'PRECISION'],
        categories.map((c) => [
          c.category,
          String(c.denials),
          String(c.anticipated),
          ratioText(c.recall),
          String(c.flagged),
          String(c.flaggedDenied),
          ratioText(c.precision),
        ]),
        'lrrrrrr',
      ),
    );
  const rules = Object.values(report.rules)
    .sort((a, b) => b.fired - a.fired || b.firedDenied - a.firedDenied || (a.ruleId < b.ruleId ? -1 : 1))
    .slice(0, TOP_RULES);
  lines.push(
    '',
    `Top rules (by adjudicated claims flagged, ${rules.length} of ${Object.keys(report.rules).length})`,
  );
  if (rules.length === 0) lines.push('  (no rule fired on an adjudicated claim)');
  else
    lines.push(
      ...table(
        ['RULE', 'CATEGORY', 'FIRED', 'DENIED', 'MATCHING', 'PRECISION'],
        rules.map((r) => [
          r.ruleId,
          r.category,
          String(r.fired),
          String(r.firedDenied),
          String(r.firedMatching),
          ratioText(r.precision),
        ]),
        'llrrrr',
      ),
    );
  const carcs = report.unanticipated.slice(0, TOP_CARCS);
  lines.push('', `Top unanticipated CARCs (${carcs.length} of ${report.unanticipated.length})`);
  if (carcs.length === 0) lines.push('  (every denial was anticipated)');
  else
    lines.push(
      ...table(
        ['CARC', 'DENIALS', 'DENIED', 'CATEGORIES'],
        carcs.map((c) => [c.carc, String(c.denials), dollars(c.deniedCents), c.categories.join(', ') || '-']),
        'lrrl',
      ),
    );
  if ('truth' in result) lines.push('', ...truthLines(result));
  return `${lines.join('\n')}\n`;
}

function truthLines(result: TruthReplayResult): string[] {
  const { claims, defects, outcomes, falseFlags } = result.truth;
  const lines = [
    'Truth comparison (simulator truth.json, claims paired by CLM01)',
    `claims in truth ${claims.inTruth}, stored ${claims.observed}, missing ${claims.missing}, ` +
      `stored but not in truth ${claims.notInTruth}`,
  ];
  const rows = Object.entries(defects).filter(([, d]) => d.injected > 0);
  if (rows.length === 0) lines.push('  (no injected defects)');
  else
    lines.push(
      ...table(
        ['DEFECT', 'INJECTED', 'MISSING', 'CAUGHT', 'RECALL', 'PAYER DENIED'],
        rows.map(([kind, d]) => [
          kind,
          String(d.injected),
          String(d.missing),
          String(d.caught),
          ratioText(d.recall),
          String(d.payerDenied),
        ]),
        'lrrrrr',
      ),
    );
  lines.push(
    `outcomes: ${outcomes.agree} agree, ${outcomes.disagree} disagree, ${outcomes.pending} pending, ` +
      `${outcomes.noTruthOutcome} without a truth outcome`,
    `false flags: ${falseFlags.flagged} of ${falseFlags.cleanClaims} clean claims flagged (rate ${ratioText(falseFlags.rate)})`,
  );
  return lines;
}

const LIST_IN_TABLE = 20;

function claimLines(title: string, list: DryRunClaimList): string[] {
  const lines = [`${title}: ${list.count} claim${list.count === 1 ? '' : 's'}`];
  const shown = list.claims.slice(0, LIST_IN_TABLE);
  if (shown.length === 0) return lines;
  lines.push(
    ...table(
      ['CLAIM', 'CLM01', 'MONTH', 'FIRST PASS', 'CARCS', 'RULES'],
      shown.map((c) => [
        c.claimId,
        c.patientControlNumber,
        c.month,
        c.firstPass,
        c.denialCarcs.join(',') || '-',
        c.rules.join(','),
      ]),
      'llllll',
    ).map((l) => `  ${l}`),
  );
  if (list.count > shown.length)
    lines.push(`  … ${list.count - shown.length} more (--format json lists 100)`);
  return lines;
}

/** The dry run as text. */
export function formatDryRunTable(result: DryRunResult): string {
  const lines: string[] = [
    `Dry run of ${result.fileName} over ${range(result.filter)}: ${result.claims} claim${result.claims === 1 ? '' : 's'} replayed`,
    `rule set ${result.current.ruleSetVersion} (active) vs ${result.candidate.ruleSetVersion} (with the candidate); ` +
      `replaced: ${result.replaced.join(', ') || 'none'}; added: ${result.added.join(', ') || 'none'}`,
    `embedded tests of the candidate: ${result.tests.passed} of ${result.tests.cases} passed`,
    ...result.tests.failures.map((f) => `  FAIL ${f.ruleId} / ${f.caseName}: ${f.reason}`),
  ];
  if (result.ruleErrors.candidate > 0)
    lines.push(
      `rule errors: ${result.ruleErrors.current} active, ${result.ruleErrors.candidate} with the candidate`,
    );
  const statCells = (s: RuleDryRunStats | null) =>
    s === null
      ? ['-', '-', '-', '-', '-']
      : [
          String(s.flaggedClaims),
          String(s.firedDenied),
          ratioText(s.precision),
          ratioText(s.recallContribution),
          String(s.uniqueAnticipated),
        ];
  lines.push(
    '',
    'Candidate rules',
    ...table(
      ['RULE', 'CHANGE', 'SEVERITY', 'CATEGORY', 'FLAGGED', 'DENIED', 'PRECISION', 'RECALL+', 'UNIQUE'],
      result.rules.flatMap((r) => [
        [r.id, r.change, r.severity, r.category, ...statCells(r)],
        ...(r.before ? [[`  (active ${r.id})`, '', '', '', ...statCells(r.before)]] : []),
      ]),
      'llllrrrrr',
    ),
    'FLAGGED: claims of the range it flags; DENIED, PRECISION: of the adjudicated ones;',
    'RECALL+: share of all denials it anticipates; UNIQUE: denials no other rule anticipates',
  );
  const c = result.current.totals;
  const k = result.candidate.totals;
  const delta = (a: number | null, b: number | null) =>
    a === null || b === null ? '-' : `${b - a >= 0 ? '+' : ''}${(b - a).toFixed(3)}`;
  const count = (a: number, b: number) => `${b - a >= 0 ? '+' : ''}${b - a}`;
  lines.push(
    '',
    ...table(
      ['TOTALS', 'ACTIVE', 'CANDIDATE', 'CHANGE'],
      [
        ['flagged (adjudicated)', String(c.flagged), String(k.flagged), count(c.flagged, k.flagged)],
        [
          'flagged and denied',
          String(c.flaggedDenied),
          String(k.flaggedDenied),
          count(c.flaggedDenied, k.flaggedDenied),
        ],
        [
          'denials anticipated',
          String(c.anticipated),
          String(k.anticipated),
          count(c.anticipated, k.anticipated),
        ],
        ['recall', ratioText(c.recall), ratioText(k.recall), delta(c.recall, k.recall)],
        ['precision', ratioText(c.precision), ratioText(k.precision), delta(c.precision, k.precision)],
      ],
      'lrrr',
    ),
    '',
    ...claimLines('Would flag (a candidate rule fires)', result.wouldFlag),
    '',
    ...claimLines('Newly flagged (not flagged by the active rules)', result.newlyFlagged),
    '',
    ...claimLines('No longer flagged (by any rule)', result.noLongerFlagged),
  );
  return `${lines.join('\n')}\n`;
}

// ------------------------------------------------------------------------------------------ commands

async function emit(text: string, outPath: string | undefined, out: NodeJS.WritableStream): Promise<void> {
  if (outPath) await writeFile(outPath, text);
  else out.write(text);
}

function usageFailure(command: string, e: unknown, err: NodeJS.WritableStream): number {
  if (e instanceof UsageError) {
    err.write(`${command}: ${e.message}\n`);
    return 2;
  }
  throw e;
}

/** `claimguard backtest`. */
export async function backtestCommand(
  argv: readonly string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  withService: WithBacktestService,
): Promise<number> {
  let args: BacktestArgs;
  try {
    args = parseBacktestArgs(argv);
  } catch (e) {
    return usageFailure('backtest', e, err);
  }
  return withService(async (service) => {
    let result: ReplayResult | TruthReplayResult;
    try {
      result = args.truth
        ? await service.compareTruth(args.filter, args.truth)
        : await service.replay(args.filter);
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
      err.write(`backtest: ${e.message}\n`);
      for (const p of e.problems) if (p !== e.message) err.write(`  ${p}\n`);
      return 2;
    }
    const text =
      args.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatBacktestTable(result);
    await emit(text, args.out, out);
    return 0;
  });
}

/** `claimguard rules dry-run <file>`. */
export async function rulesDryRunCommand(
  argv: readonly string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  withService: WithBacktestService,
): Promise<number> {
  let args: DryRunArgs;
  let yaml: string;
  try {
    args = parseDryRunArgs(argv);
    yaml = readRuleFile(args.file);
  } catch (e) {
    return usageFailure('rules dry-run', e, err);
  }
  return withService(async (service) => {
    let result: DryRunResult;
    try {
      result = await service.dryRun({ yaml, fileName: args.file }, args.filter);
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
      // The arguments were checked: what is left is the rule file's problems (exit 1, as `rules test`).
      err.write(`rules dry-run: ${e.message}\n`);
      for (const p of e.problems) err.write(`${p}\n`);
      return 1;
    }
    const text = args.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatDryRunTable(result);
    await emit(text, args.out, out);
    return 0;
  });
}

function readRuleFile(path: string): string {
  let text: Buffer;
  try {
    text = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`);
  }
  if (text.length > MAX_CANDIDATE_BYTES)
    throw new UsageError(
      `${path}: ${text.length} bytes; a rule file may have at most ${MAX_CANDIDATE_BYTES} bytes`,
    );
  return text.toString('utf8');
}
