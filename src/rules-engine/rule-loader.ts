/**
 * Loads rule files (rules/README.md): YAML parsed with positions, checked against the schema and the
 * fact registry, every problem of every file collected and reported at once as `file:line: path: message`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z, type ZodError } from 'zod';
import type { FactDefinition, FactType } from './fact.js';
import {
  checkValue,
  describeOperatorTypes,
  isFactRef,
  isOperatorName,
  OPERATORS,
  operatorFits,
} from './operators.js';
import {
  conditionSchema,
  RULE_LEVELS,
  ruleSchema,
  ruleTestCaseSchema,
  type Condition,
  type RuleLevel,
  type RuleTestCase,
} from './rule-schema.js';
import { createRuleSet, type RuleEntry, type RuleSet } from './rule-set.js';
import { parseTemplate } from './template.js';

/** One problem in a rule file. `line` is 1-based; `path` is like `when.all[1].operator` ('' for the file). */
export interface RuleProblem {
  file: string;
  line: number;
  path: string;
  message: string;
}

export function formatRuleProblem(p: RuleProblem): string {
  return `${p.file}:${p.line}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`;
}

/** Every problem found while loading a rule set (the load stops with all of them). */
export class RuleLoadError extends Error {
  constructor(readonly problems: readonly RuleProblem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the rules:\n` +
        problems.map((p) => `  ${formatRuleProblem(p)}`).join('\n'),
    );
    this.name = 'RuleLoadError';
  }
}

export interface LoadRuleSetOptions {
  /** Top-level subfolders of the rules folder that hold no rules. Default: payers, tables, lexicon. */
  excludeDirs?: readonly string[];
}

export const DEFAULT_EXCLUDED_DIRS: readonly string[] = ['payers', 'tables', 'lexicon', 'risk'];

/** A rule file's name (as reported) and text. */
export interface RuleSource {
  file: string;
  text: string;
}

/**
 * Loads every `*.yaml` / `*.yml` under `dir` (recursively; not the excluded top-level subfolders).
 * Problems are reported with file names as `join(dir, relative path)`; the rule-set version hashes
 * the relative paths, so it does not depend on where the folder is.
 */
export function loadRuleSet(
  dir: string,
  facts: readonly FactDefinition[],
  options: LoadRuleSetOptions = {},
): RuleSet {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new RuleLoadError([{ file: dir, line: 0, path: '', message: 'no such folder' }]);
  const excluded = new Set(options.excludeDirs ?? DEFAULT_EXCLUDED_DIRS);
  const names = listRuleFiles(dir, excluded);
  const sources = names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  return compileSources(
    sources.map((s) => ({ file: join(dir, s.name), text: s.text })),
    sources.map((s) => ({ file: s.name, text: s.text })),
    facts,
  );
}

/** Builds a rule set from file texts (names as given; the version hashes them). */
export function buildRuleSet(files: readonly RuleSource[], facts: readonly FactDefinition[]): RuleSet {
  return compileSources(files, files, facts);
}

/** Builds a rule set from one file's text (for tests). Throws RuleLoadError. */
export function parseRuleFile(text: string, fileName: string, facts: readonly FactDefinition[]): RuleSet {
  return buildRuleSet([{ file: fileName, text }], facts);
}

/** Short sha256 of the sorted (file name, content) pairs. */
export function ruleSetVersion(files: readonly RuleSource[]): string {
  const hash = createHash('sha256');
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const f of sorted) hash.update(`${f.file}\0${f.text}\0`);
  return hash.digest('hex').slice(0, 12);
}

function listRuleFiles(root: string, excluded: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const entries = readdirSync(join(root, rel), { withFileTypes: true });
    for (const e of entries) {
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (rel === '' && excluded.has(e.name)) continue;
        walk(childRel);
      } else if (e.isFile() && /\.ya?ml$/i.test(e.name)) {
        out.push(childRel);
      }
    }
  };
  walk('');
  return out.sort();
}

function compileSources(
  files: readonly RuleSource[],
  hashed: readonly RuleSource[],
  facts: readonly FactDefinition[],
): RuleSet {
  const registry = factRegistry(facts);
  const problems: RuleProblem[] = [];
  const entries: (RuleEntry & { locate: Locator })[] = [];
  for (const f of files) {
    const fileProblems: RuleProblem[] = [];
    entries.push(...parseFile(f.text, f.file, registry, fileProblems));
    problems.push(...fileProblems.sort((a, b) => a.line - b.line));
  }
  const firstById = new Map<string, RuleEntry>();
  for (const e of entries) {
    const first = firstById.get(e.definition.id);
    if (first === undefined) {
      firstById.set(e.definition.id, e);
      continue;
    }
    problems.push({
      ...e.locate(['id']),
      message: `duplicate rule id ${e.definition.id} (first in ${first.file}:${first.line})`,
    });
  }
  if (problems.length > 0) throw new RuleLoadError(problems);
  return createRuleSet(
    entries.map(({ definition, file, line }) => ({ definition, file, line })),
    registry,
    ruleSetVersion(hashed),
  );
}

function factRegistry(facts: readonly FactDefinition[]): Map<string, FactDefinition> {
  const registry = new Map<string, FactDefinition>();
  for (const f of facts) {
    if (registry.has(f.name)) throw new Error(`two facts are named ${f.name}`);
    registry.set(f.name, f);
  }
  return registry;
}

type PathSegment = string | number;
type Locator = (path: readonly PathSegment[]) => { file: string; line: number; path: string };

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** Finds the line of the deepest YAML node on a path (a mapping entry: its key's line). */
function locator(file: string, doc: Document, lc: LineCounter): Locator {
  const lineAt = (offset: number | undefined): number => (offset === undefined ? 1 : lc.linePos(offset).line);
  return (path) => {
    let node: unknown = doc.contents;
    let line = lineAt((doc.contents as { range?: [number, number, number] } | null)?.range?.[0]);
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
        );
        if (pair === undefined) break;
        line = lineAt((pair.key as { range?: [number, number, number] }).range?.[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
        node = node.items[seg];
        line = lineAt((node as { range?: [number, number, number] } | null)?.range?.[0]);
      } else {
        break;
      }
    }
    return { file, line, path: formatPath(path) };
  };
}

function parseFile(
  text: string,
  file: string,
  registry: ReadonlyMap<string, FactDefinition>,
  problems: RuleProblem[],
): (RuleEntry & { locate: Locator })[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      problems.push({ file, line: lc.linePos(e.pos[0]).line, path: '', message: e.message });
    }
    return [];
  }
  const locate = locator(file, doc, lc);
  const problem = (path: readonly PathSegment[], message: string): void => {
    problems.push({ ...locate(path), message });
  };
  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (data === null || data === undefined) {
    problem([], 'the file holds no rule');
    return [];
  }
  let items: { value: unknown; prefix: PathSegment[] }[];
  if (typeof data === 'object' && !Array.isArray(data) && 'rules' in data) {
    const { rules, ...rest } = data as { rules: unknown };
    for (const key of Object.keys(rest))
      problem([key], 'unknown key (a file with rules: holds nothing else)');
    if (!Array.isArray(rules)) {
      problem(['rules'], 'must be a sequence of rules');
      return [];
    }
    items = rules.map((value, i) => ({ value, prefix: ['rules', i] }));
  } else {
    items = [{ value: data, prefix: [] }];
  }
  const out: (RuleEntry & { locate: Locator })[] = [];
  for (const { value, prefix } of items) {
    const at = (path: readonly PathSegment[]): PathSegment[] => [...prefix, ...path];
    const report: Report = (path, message) => problem(at(path), message);
    const parsed = ruleSchema.safeParse(value, { reportInput: true });
    if (!parsed.success) {
      for (const p of zodProblems(parsed.error)) report(p.path, p.message);
      // Still check what can be checked: the condition, the templates and the cases, when well formed.
      checkRule(partsOf(value), registry, report);
      continue;
    }
    const rule = parsed.data;
    const before = problems.length;
    checkRule(rule, registry, report);
    if (problems.length > before) continue;
    const ruleLocate: Locator = (path) => locate(at(path));
    out.push({ definition: rule, file, line: locate(prefix).line, locate: ruleLocate });
  }
  return out;
}

function zodProblems(error: ZodError): { path: PathSegment[]; message: string }[] {
  const out: { path: PathSegment[]; message: string }[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key], message: 'unknown key' });
    } else if (
      (issue.code === 'invalid_type' || issue.code === 'invalid_value') &&
      issue.input === undefined
    ) {
      out.push({ path, message: 'required' });
    } else {
      out.push({ path, message: issue.message });
    }
  }
  return out;
}

type Report = (path: readonly PathSegment[], message: string) => void;

/** The parts of a rule the registry checks read; absent when not well formed. */
interface RuleParts {
  level: RuleLevel;
  when?: Condition;
  message?: string;
  fix?: string;
  tests?: RuleTestCase[];
}

/** The well-formed parts of a rule that failed the schema, so that their problems are reported too. */
function partsOf(value: unknown): RuleParts {
  const raw = (value !== null && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const level = z.enum(RULE_LEVELS).default('claim').safeParse(raw.level);
  const when = conditionSchema.safeParse(raw.when);
  const tests = z.array(ruleTestCaseSchema).safeParse(raw.tests);
  return {
    // An invalid level is reported by the schema; checking facts against either level would mislead.
    level: level.success ? level.data : 'line',
    ...(when.success ? { when: when.data } : {}),
    ...(typeof raw.message === 'string' ? { message: raw.message } : {}),
    ...(typeof raw.fix === 'string' ? { fix: raw.fix } : {}),
    ...(tests.success ? { tests: tests.data as RuleTestCase[] } : {}),
  };
}

/** The checks that need the fact registry, and the embedded tests' shape. */
function checkRule(rule: RuleParts, registry: ReadonlyMap<string, FactDefinition>, report: Report): void {
  const level = rule.level;
  const factAt = (name: string, path: readonly PathSegment[], what: string): FactDefinition | null => {
    const def = registry.get(name);
    if (def === undefined) {
      report(path, `unknown fact ${name}${what}`);
      return null;
    }
    if (def.scope === 'line' && level === 'claim') {
      report(path, `line fact ${name}${what} in a claim-level rule (set level: line)`);
      return null;
    }
    return def;
  };

  const checkCondition = (c: Condition, path: PathSegment[]): void => {
    if ('all' in c) return c.all.forEach((x, i) => checkCondition(x, [...path, 'all', i]));
    if ('any' in c) return c.any.forEach((x, i) => checkCondition(x, [...path, 'any', i]));
    if ('not' in c) return checkCondition(c.not, [...path, 'not']);
    const def = factAt(c.fact, [...path, 'fact'], '');
    if (c.params !== undefined) report([...path, 'params'], `${c.fact} takes no params`);
    if (!isOperatorName(c.operator)) {
      report([...path, 'operator'], `unknown operator ${c.operator}`);
      return;
    }
    const op = OPERATORS[c.operator];
    let refType: FactType | null = null;
    if (isFactRef(c.value)) refType = factAt(c.value.fact, [...path, 'value', 'fact'], '')?.type ?? null;
    if (def === null) return;
    if (!operatorFits(op, def.type)) {
      report(
        [...path, 'operator'],
        `${c.operator} does not fit ${def.name} (${def.type}); it takes ${describeOperatorTypes(op)}`,
      );
      return;
    }
    const p = checkValue(op, def.type, c.value, 'value' in c, refType);
    if (p !== null) report(p.key === 'value' && 'value' in c ? [...path, 'value'] : path, p.message);
  };
  if (rule.when !== undefined) checkCondition(rule.when, ['when']);

  for (const key of ['message', 'fix'] as const) {
    const text = rule[key];
    if (text === undefined) continue;
    for (const name of new Set(parseTemplate(text).names)) factAt(name, [key], ` quoted`);
  }

  if (rule.tests === undefined) return;
  const tests = rule.tests;
  const names = new Set<string>();
  tests.forEach((t, i) => {
    if (names.has(t.name)) report(['tests', i, 'name'], `duplicate case name "${t.name}"`);
    names.add(t.name);
    if (t.lines !== undefined) {
      if (level !== 'line') report(['tests', i, 'lines'], 'lines is only for line-level rules');
      else if (t.expect !== 'fire') report(['tests', i, 'lines'], 'lines is only for expect: fire');
    }
  });
  if (!tests.some((t) => t.expect === 'fire')) report(['tests'], 'needs at least one case with expect: fire');
  if (!tests.some((t) => t.expect === 'pass')) report(['tests'], 'needs at least one case with expect: pass');
}
