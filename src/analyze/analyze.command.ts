import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeInputIssue } from '../inputs/input-issue-format.js';
import { parseUpload, type UploadKind } from '../inputs/input-parsing.js';
import { emptyInputRecords, type InputRecords } from '../inputs/input-records.js';
import {
  AnalysisSession,
  DEFAULT_RULES_DIR,
  loadRuleEnvironment,
} from '../rules-engine/context/context-builder.js';
import { ALL_FACTS } from '../rules-engine/facts/index.js';
import { formatRuleProblem, loadRuleSet, RuleLoadError, type RuleSet } from '../rules-engine/index.js';
import { loadRiskConfig, priorModel } from '../reporting/risk-model.js';
import { isIsoDate, parseX12, X12ParseError, type Claim } from '../x12/index.js';
import {
  buildAnalyzeReport,
  type AnalyzeReport,
  type EvaluatedClaim,
  renderReportCsv,
  renderReportTable,
  type ReportError,
} from './analyze-report.js';

const FORMATS = ['table', 'json', 'csv'] as const;

type Format = (typeof FORMATS)[number];

/** Input options and the upload kind each is read as. */
const INPUT_OPTIONS: readonly [option: string, kind: UploadKind][] = [
  ['auths', 'authorizations'],
  ['documentation', 'documentation'],
  ['eligibility', 'eligibility'],
  ['contracts', 'contracts'],
  ['fhir', 'fhir'],
];

/** A problem that stops the run before any claim is checked: bad arguments or unreadable input (exit 2). */
class UsageError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

interface AnalyzeOptions {
  x12Files: string[];
  inputs: { kind: UploadKind; file: string }[];
  rulesDir: string;
  asOf: string | undefined;
  format: Format;
  out: string | undefined;
  failOn: 'block' | 'warn' | undefined;
}

function parseOptions(argv: string[]): AnalyzeOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        auths: { type: 'string', multiple: true },
        documentation: { type: 'string', multiple: true },
        eligibility: { type: 'string', multiple: true },
        contracts: { type: 'string', multiple: true },
        fhir: { type: 'string', multiple: true },
        rules: { type: 'string' },
        'as-of': { type: 'string' },
        format: { type: 'string', default: 'table' },
        out: { type: 'string' },
        'fail-on': { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  const problems: string[] = [];
  if (parsed.positionals.length === 0) problems.push('name at least one X12 837 file');
  if (v['as-of'] !== undefined && !isIsoDate(v['as-of'])) {
    problems.push(`--as-of must be a date YYYY-MM-DD, got ${JSON.stringify(v['as-of'])}`);
  }
  if (!(FORMATS as readonly string[]).includes(v.format!)) {
    problems.push(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(v.format)}`);
  }
  if (v['fail-on'] !== undefined && v['fail-on'] !== 'block' && v['fail-on'] !== 'warn') {
    problems.push(`--fail-on must be block or warn, got ${JSON.stringify(v['fail-on'])}`);
  }
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  return {
    x12Files: parsed.positionals,
    // Each record option may be given several times (a month per file, as the simulator writes).
    inputs: INPUT_OPTIONS.flatMap(([option, kind]) => {
      const files = v[option as keyof typeof v];
      return Array.isArray(files) ? files.map((file) => ({ kind, file: String(file) })) : [];
    }),
    rulesDir: v.rules ?? DEFAULT_RULES_DIR,
    asOf: v['as-of'],
    format: v.format as Format,
    out: v.out,
    failOn: v['fail-on'] as 'block' | 'warn' | undefined,
  };
}

async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : String(err)}`);
  }
}

function merge(into: InputRecords, from: InputRecords): void {
  into.authorizations.push(...from.authorizations);
  into.documentation.push(...from.documentation);
  into.eligibility.push(...from.eligibility);
  into.contracts.push(...from.contracts);
  into.patients.push(...from.patients);
}

/** Reads every input file; any error in one makes the input unreadable (exit 2, every problem listed). */
async function readRecords(options: AnalyzeOptions): Promise<InputRecords> {
  const records = emptyInputRecords();
  for (const { kind, file } of options.inputs) {
    const parsed = parseUpload(kind, await readInput(file), basename(file));
    const errors = parsed.issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      throw new UsageError(
        `${file}: ${errors.length} error(s); fix the file and run again`,
        errors.map(describeInputIssue),
      );
    }
    merge(records, parsed.records);
  }
  return records;
}

interface ReadClaims {
  claims: { id: string; claim: Claim }[];
  errors: ReportError[];
}

/**
 * Reads the X12 files: claims, and the 271/278 responses among them as records. Problems inside a
 * file are reported in `errors` (the readable claims are still checked); a file that is not X12 at
 * all is unreadable input.
 */
async function readClaims(options: AnalyzeOptions, records: InputRecords): Promise<ReadClaims> {
  const claims: { id: string; claim: Claim }[] = [];
  const errors: ReportError[] = [];
  const seen = new Map<string, number>();
  for (const path of options.x12Files) {
    const content = await readInput(path);
    const file = basename(path);
    let result;
    try {
      result = parseX12(content);
    } catch (err) {
      if (err instanceof X12ParseError) throw new UsageError(`${path} is not X12: ${err.message}`);
      throw err;
    }
    for (const i of result.issues) {
      if (i.severity !== 'error') continue;
      errors.push({ file, code: i.code, message: i.message, line: i.line, byteOffset: i.byteOffset });
    }
    if (result.eligibility.length > 0 || result.servicesReviews.length > 0) {
      merge(records, parseUpload('x12', content, file).records);
    }
    for (const claim of result.claims) {
      // CLM01 is the claim's id in the report; a repeat (a replacement, or the same file twice) gets #2, #3…
      const base = claim.patientControlNumber || '(no CLM01)';
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      claims.push({ id: n === 1 ? base : `${base}#${n}`, claim });
    }
  }
  return { claims, errors };
}

function loadRules(dir: string): RuleSet {
  try {
    return loadRuleSet(dir, ALL_FACTS);
  } catch (err) {
    if (err instanceof RuleLoadError) {
      throw new UsageError(`the rules in ${dir} do not load`, err.problems.map(formatRuleProblem));
    }
    throw err;
  }
}

/** Runs the analysis (exported for tests): the report, or a UsageError. */
export async function runAnalysis(
  argv: string[],
): Promise<{ report: AnalyzeReport; options: AnalyzeOptions }> {
  const options = parseOptions(argv);
  const ruleSet = loadRules(options.rulesDir);
  const env = loadRuleEnvironment(options.rulesDir);
  const records = await readRecords(options);
  const { claims, errors } = await readClaims(options, records);
  const session = new AnalysisSession({
    claims,
    records,
    ...env,
    ...(options.asOf ? { asOf: options.asOf } : {}),
  });
  const evaluated: EvaluatedClaim[] = [];
  let latestAsOf = '';
  for (const c of claims) {
    const ctx = session.contextFor(c.id);
    if (ctx.asOf > latestAsOf) latestAsOf = ctx.asOf;
    const result = ruleSet.evaluate(ctx);
    evaluated.push({
      claimId: c.id,
      claim: c.claim,
      findings: result.findings,
      notChecked: result.notChecked,
    });
  }
  const asOf = options.asOf ?? (latestAsOf || new Date().toISOString().slice(0, 10));
  return {
    report: buildAnalyzeReport(
      asOf,
      { version: ruleSet.version, rules: ruleSet.rules.length },
      evaluated,
      errors,
      priorModel(
        loadRiskConfig(
          existsSync(join(options.rulesDir, 'risk')) ? join(options.rulesDir, 'risk') : undefined,
        ),
      ),
    ),
    options,
  };
}

/** Exit 1 when a finding reaches --fail-on. */
function failed(report: AnalyzeReport, failOn: 'block' | 'warn' | undefined): boolean {
  if (!failOn) return false;
  const hit = failOn === 'block' ? ['block'] : ['block', 'warn'];
  return report.claims.some((c) => c.findings.some((f) => hit.includes(f.severity)));
}

/**
 * `claimguard analyze`: exit 0 when it ran (findings or not), 1 when --fail-on is met, 2 for bad
 * arguments or unreadable input (with the reason on stderr).
 */
export async function analyzeCommand(
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  let run;
  try {
    run = await runAnalysis(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err.write(`analyze: ${e.message}\n`);
    for (const d of e.details) err.write(`  ${d}\n`);
    return 2;
  }
  const { report, options } = run;
  const text =
    options.format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : options.format === 'csv'
        ? renderReportCsv(report)
        : renderReportTable(report);
  if (options.out) await writeFile(options.out, text);
  else out.write(text);
  return failed(report, options.failOn) ? 1 : 0;
}
