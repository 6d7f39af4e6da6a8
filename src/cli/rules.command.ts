/**
 * `claimguard rules test <dir>` runs every embedded test case of the rule files; `claimguard rules
 * list <dir>` lists the rules. Both stop with every load problem (`file:line: path: message`), exit 1.
 */
import {
  formatTestReport,
  RuleLoadError,
  formatRuleProblem,
  loadRuleSet,
  runEmbeddedTests,
  type CaseBuilder,
  type FactDefinition,
  type RuleSet,
} from '../rules-engine/index.js';

export interface RulesCommandDeps {
  /** The fact registry; default ALL_FACTS (src/rules-engine/facts/index.ts). */
  facts?: readonly FactDefinition[];
}

export interface RulesTestDeps extends RulesCommandDeps {
  /**
   * Builds a case's claim context. Default: `buildCaseContext(raw, env)` (context/case-builder.ts)
   * with the environment of `dir` (payer profiles, shipped tables only, code sets, lexicon).
   */
  buildCase?: CaseBuilder;
}

export type RulesListFormat = 'table' | 'json';

async function defaultFacts(): Promise<readonly FactDefinition[]> {
  // Loaded on demand: the facts pull in code sets and tables the other commands do not need.
  const { ALL_FACTS } = await import('../rules-engine/facts/index.js');
  return ALL_FACTS;
}

/** The case builder over the rules folder's own environment (deterministic: no operator-imported tables). */
export async function defaultCaseBuilder(dir: string): Promise<CaseBuilder> {
  const { buildCaseContext, loadRuleEnvironment } = await import('../rules-engine/context/index.js');
  const env = loadRuleEnvironment(dir, { operatorTablesDir: null });
  return (raw) => buildCaseContext(raw, env);
}

async function load(
  dir: string,
  deps: RulesCommandDeps,
  out: NodeJS.WritableStream,
): Promise<RuleSet | null> {
  try {
    return loadRuleSet(dir, deps.facts ?? (await defaultFacts()));
  } catch (err) {
    if (!(err instanceof RuleLoadError)) throw err;
    const n = err.problems.length;
    out.write(`${n} problem${n === 1 ? '' : 's'} in the rules:\n`);
    for (const p of err.problems) out.write(`${formatRuleProblem(p)}\n`);
    return null;
  }
}

/** Runs the embedded tests; exit 0 when every case passes, 1 on a failing case or a load problem. */
export async function rulesTestCommand(
  dir: string,
  out: NodeJS.WritableStream,
  deps: RulesTestDeps = {},
): Promise<number> {
  const ruleSet = await load(dir, deps, out);
  if (ruleSet === null) return 1;
  const report = runEmbeddedTests(ruleSet, deps.buildCase ?? (await defaultCaseBuilder(dir)));
  out.write(formatTestReport(report));
  return report.failed === 0 ? 0 : 1;
}

/** Lists the rules (a table, or one JSON document); exit 1 on a load problem. */
export async function rulesListCommand(
  dir: string,
  out: NodeJS.WritableStream,
  options: { format: RulesListFormat },
  deps: RulesCommandDeps = {},
): Promise<number> {
  const ruleSet = await load(dir, deps, out);
  if (ruleSet === null) return 1;
  if (options.format === 'json') {
    const rules = ruleSet.rules.map((r) => ({
      id: r.id,
      version: r.version,
      title: r.title,
      category: r.category,
      severity: r.severity,
      level: r.level,
      carc: r.carc,
      rarc: r.rarc,
      scope: r.scope,
      file: r.file,
      line: r.line,
      factsUsed: r.factsUsed,
      sources: r.sources,
      tests: r.tests.length,
    }));
    out.write(`${JSON.stringify({ version: ruleSet.version, rules })}\n`);
    return 0;
  }
  const header = ['ID', 'VER', 'CATEGORY', 'SEVERITY', 'LEVEL', 'CARC', 'TITLE'];
  const rows = ruleSet.rules.map((r) => [
    r.id,
    String(r.version),
    r.category,
    r.severity,
    r.level,
    r.carc.join(',') || '-',
    r.title,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const render = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  out.write(`${render(header)}\n`);
  for (const row of rows) out.write(`${render(row)}\n`);
  out.write(`${rows.length} rule${rows.length === 1 ? '' : 's'} (rule set ${ruleSet.version})\n`);
  return 0;
}
