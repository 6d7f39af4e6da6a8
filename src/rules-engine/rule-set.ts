/**
 * A loaded, compiled rule set and its evaluation of one claim. Rules out of scope (claim type, payer,
 * dates) are skipped silently; a rule reading a fact whose data source is not loaded for the claim
 * (`ctx.sources[source] === false`) is not evaluated and its category is reported under `notChecked`
 * (a category is not checked as soon as ANY of its rules in scope was skipped that way, even when
 * other rules of the category ran). A fact that throws makes its rule not fire and adds an error.
 */
import { DATA_SOURCES, type ClaimContext, type DataSource, type RuleCategory } from './claim-context.js';
import {
  compileCondition,
  compileScope,
  conditionFacts,
  Evaluation,
  FactEvaluationError,
  FactSlots,
  type Predicate,
} from './compiler.js';
import type { FactDefinition, FactValue } from './fact.js';
import type { RuleDefinition, RuleLevel, RuleScope, RuleTestCase, Severity } from './rule-schema.js';
import { compileTemplate, templateFacts } from './template.js';

export interface Finding {
  ruleId: string;
  ruleVersion: number;
  category: RuleCategory;
  severity: Severity;
  carc: string[];
  rarc: string[];
  /** LX line number (ServiceLine.lineNumber) for line rules; null for claim rules. */
  line: number | null;
  message: string;
  fix: string;
  /** Every fact the condition (as evaluated, with short-circuits) and the message and fix read. */
  evidence: Record<string, FactValue>;
}

/** A rule that could not be evaluated on a claim (a fact threw). */
export interface RuleError {
  ruleId: string;
  message: string;
}

export interface EvaluationResult {
  /** By severity (block, warn, info), then rule id, then line. */
  findings: Finding[];
  /** Categories with a rule skipped for a missing data source; sorted, unique. */
  notChecked: RuleCategory[];
  errors: RuleError[];
}

/** What one rule did with one claim (for embedded tests and tools). */
export interface RuleOutcome {
  status: 'out-of-scope' | 'not-checked' | 'evaluated';
  /** The sources not loaded that made the rule not checked. */
  missingSources: DataSource[];
  findings: Finding[];
  errors: RuleError[];
}

/** A rule compiled for evaluation, with the definition and where it was written. */
export interface CompiledRule {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  readonly level: RuleLevel;
  readonly carc: readonly string[];
  readonly rarc: readonly string[];
  readonly scope: RuleScope | null;
  readonly references: readonly string[];
  readonly tests: readonly RuleTestCase[];
  /** File (as loaded) and line where the rule starts. */
  readonly file: string;
  readonly line: number;
  /** The facts the condition, message and fix read, sorted. */
  readonly factsUsed: readonly string[];
  /** The data sources those facts depend on, sorted. */
  readonly sources: readonly DataSource[];
  readonly definition: RuleDefinition;
  /** Compiled scope (null: every claim). */
  readonly inScope: ((ctx: ClaimContext) => boolean) | null;
  readonly condition: Predicate;
  readonly renderMessage: (ev: Evaluation) => string;
  readonly renderFix: (ev: Evaluation) => string;
}

export interface RuleSet {
  /** Short sha256 of the rule files (sorted names and contents): findings say which rule set made them. */
  readonly version: string;
  /** By severity (block, warn, info), then id. */
  readonly rules: readonly CompiledRule[];
  /** Every fact some rule reads, sorted. */
  readonly factsUsed: readonly string[];
  rule(id: string): CompiledRule | undefined;
  evaluate(ctx: ClaimContext): EvaluationResult;
  /** Evaluates one rule alone (the embedded test runner uses it). */
  evaluateRule(id: string, ctx: ClaimContext): RuleOutcome;
}

/** A rule definition with where it was written. */
export interface RuleEntry {
  definition: RuleDefinition;
  file: string;
  line: number;
}

const SEVERITY_RANK: Record<Severity, number> = { block: 0, warn: 1, info: 2 };

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.line ?? 0) - (b.line ?? 0)
  );
}

interface InternalRule extends CompiledRule {
  readonly sourceMask: number;
  readonly categoryBit: number;
}

/** Compiles checked rule definitions (see rule-loader.ts) into a rule set. */
export function createRuleSet(
  entries: readonly RuleEntry[],
  registry: ReadonlyMap<string, FactDefinition>,
  version: string,
): RuleSet {
  return new CompiledRuleSet(entries, registry, version);
}

class CompiledRuleSet implements RuleSet {
  readonly rules: readonly InternalRule[];
  readonly factsUsed: readonly string[];
  private readonly byId = new Map<string, InternalRule>();
  private readonly ev: Evaluation;
  /** Categories ordered by name, with the bit each has in a not-checked mask. */
  private readonly categories: RuleCategory[];

  constructor(
    entries: readonly RuleEntry[],
    registry: ReadonlyMap<string, FactDefinition>,
    readonly version: string,
  ) {
    const slots = new FactSlots(registry);
    const categories = [...new Set(entries.map((e) => e.definition.category))].sort();
    this.categories = categories;
    const rules = entries.map((e) => compileRule(e, slots, registry, categories));
    rules.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.id < b.id ? -1 : 1));
    this.rules = rules;
    for (const r of rules) this.byId.set(r.id, r);
    this.factsUsed = slots.names;
    this.ev = new Evaluation(slots.claimFacts, slots.lineFacts);
  }

  rule(id: string): CompiledRule | undefined {
    return this.byId.get(id);
  }

  evaluate(ctx: ClaimContext): EvaluationResult {
    const ev = this.ev;
    const findings: Finding[] = [];
    const errors: RuleError[] = [];
    const missing = missingMask(ctx);
    let notChecked = 0;
    ev.begin(ctx);
    try {
      for (const rule of this.rules) {
        if (rule.inScope !== null && !rule.inScope(ctx)) continue;
        if ((rule.sourceMask & missing) !== 0) {
          notChecked |= rule.categoryBit;
          continue;
        }
        runRule(rule, ev, findings, errors);
      }
    } finally {
      ev.end();
    }
    if (findings.length > 1) findings.sort(compareFindings);
    return { findings, notChecked: this.categoriesOf(notChecked), errors };
  }

  evaluateRule(id: string, ctx: ClaimContext): RuleOutcome {
    const rule = this.byId.get(id);
    if (rule === undefined) throw new Error(`no rule ${id} in the rule set`);
    if (rule.inScope !== null && !rule.inScope(ctx)) {
      return { status: 'out-of-scope', missingSources: [], findings: [], errors: [] };
    }
    const missingSources = rule.sources.filter((s) => ctx.sources[s] === false);
    if (missingSources.length > 0) return { status: 'not-checked', missingSources, findings: [], errors: [] };
    const findings: Finding[] = [];
    const errors: RuleError[] = [];
    this.ev.begin(ctx);
    try {
      runRule(rule, this.ev, findings, errors);
    } finally {
      this.ev.end();
    }
    return { status: 'evaluated', missingSources: [], findings, errors };
  }

  private categoriesOf(mask: number): RuleCategory[] {
    if (mask === 0) return [];
    const out: RuleCategory[] = [];
    for (let i = 0; i < this.categories.length; i++)
      if ((mask & (1 << i)) !== 0) out.push(this.categories[i]!);
    return out;
  }
}

function missingMask(ctx: ClaimContext): number {
  let mask = 0;
  for (let i = 0; i < DATA_SOURCES.length; i++) if (ctx.sources[DATA_SOURCES[i]!] === false) mask |= 1 << i;
  return mask;
}

function runRule(rule: InternalRule, ev: Evaluation, findings: Finding[], errors: RuleError[]): void {
  if (rule.level === 'claim') {
    ev.setLine(-1);
    check(rule, ev, findings, errors);
    return;
  }
  const n = ev.ctx.claim.lines.length;
  for (let i = 0; i < n; i++) {
    ev.setLine(i);
    check(rule, ev, findings, errors);
  }
}

function check(rule: InternalRule, ev: Evaluation, findings: Finding[], errors: RuleError[]): void {
  try {
    if (!rule.condition(ev)) return;
    // Fired: run again recording the evidence (facts are memoized, so this only reads them).
    ev.evidence = {};
    rule.condition(ev);
    const message = rule.renderMessage(ev);
    const fix = rule.renderFix(ev);
    findings.push({
      ruleId: rule.id,
      ruleVersion: rule.version,
      category: rule.category,
      severity: rule.severity,
      carc: [...rule.carc],
      rarc: [...rule.rarc],
      line: ev.line === null ? null : ev.line.line.lineNumber,
      message,
      fix,
      evidence: ev.evidence,
    });
  } catch (err) {
    const where = ev.line === null ? '' : `line ${ev.line.line.lineNumber}: `;
    const text = err instanceof FactEvaluationError ? err.message : `evaluation failed: ${String(err)}`;
    errors.push({ ruleId: rule.id, message: `${where}${text}` });
  } finally {
    ev.evidence = null;
  }
}

function compileRule(
  entry: RuleEntry,
  slots: FactSlots,
  registry: ReadonlyMap<string, FactDefinition>,
  categories: readonly RuleCategory[],
): InternalRule {
  const d = entry.definition;
  const used = new Set([...conditionFacts(d.when), ...templateFacts(d.message), ...templateFacts(d.fix)]);
  const sources = [
    ...new Set([...used].map((n) => registry.get(n)?.source).filter((s): s is DataSource => s !== undefined)),
  ].sort();
  let sourceMask = 0;
  for (const s of sources) sourceMask |= 1 << DATA_SOURCES.indexOf(s);
  return {
    id: d.id,
    version: d.version,
    title: d.title,
    category: d.category,
    severity: d.severity,
    level: d.level,
    carc: d.prevents.carc,
    rarc: d.prevents.rarc,
    scope: d.scope ?? null,
    references: d.references,
    tests: d.tests,
    file: entry.file,
    line: entry.line,
    factsUsed: [...used].sort(),
    sources,
    definition: d,
    inScope: compileScope(d.scope),
    condition: compileCondition(d.when, slots),
    renderMessage: compileTemplate(d.message, (name) => slots.reader(name)),
    renderFix: compileTemplate(d.fix, (name) => slots.reader(name)),
    sourceMask,
    categoryBit: 1 << categories.indexOf(d.category),
  };
}
