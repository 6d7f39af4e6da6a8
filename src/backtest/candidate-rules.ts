/**
 * A candidate rule file (a rule being written or changed) merged into the active rule set, for a dry
 * run: the candidate's rules replace the active rules with the same id and the others are added. The
 * text is checked exactly like a rule file of the rules folder (schema, facts, operators, embedded
 * tests' shape); nothing is written anywhere.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { InvalidInputError } from '../common/domain-errors.js';
import {
  createRuleSet,
  formatRuleProblem,
  parseRuleFile,
  RuleLoadError,
  type CompiledRule,
  type FactDefinition,
  type RuleSet,
} from '../rules-engine/index.js';

/** The largest candidate file accepted, in bytes (UTF-8). */
export const MAX_CANDIDATE_BYTES = 200 * 1024;

/** The name a candidate is reported under when none is given. */
export const DEFAULT_CANDIDATE_FILE = 'candidate.yaml';

export interface CandidateInput {
  /** The rule file's text: one rule, or `rules:` with a list of rules. */
  yaml: string;
  /** The name problems are reported with (only its last path segment is kept). */
  fileName?: string | undefined;
}

export interface CandidateRuleSet {
  fileName: string;
  /** The candidate's rules as compiled from its file (rule set order). */
  rules: readonly CompiledRule[];
  /** Ids of candidate rules that replace an active rule. */
  replaced: readonly string[];
  /** Ids of candidate rules that are new. */
  added: readonly string[];
  /** The active rules with the candidate's in place: what the dry run evaluates. */
  ruleSet: RuleSet;
}

/** The file name to report a candidate under: its last path segment, without control characters. */
export function candidateFileName(name: string | undefined): string {
  const printable = [...(name ?? '')].filter((ch) => ch >= ' ' && ch !== '\u007f').join('');
  const last = basename(printable.replace(/\\/g, '/'));
  return last === '' || last === '.' || last === '..' ? DEFAULT_CANDIDATE_FILE : last.slice(0, 120);
}

/**
 * Parses the candidate and merges it into `current`. Throws InvalidInputError with every problem of
 * the file as `file:line: path: message` (the file named as `candidateFileName(fileName)`).
 */
export function buildCandidateRuleSet(
  current: RuleSet,
  candidate: CandidateInput,
  facts: readonly FactDefinition[],
): CandidateRuleSet {
  const fileName = candidateFileName(candidate.fileName);
  const bytes = Buffer.byteLength(candidate.yaml, 'utf8');
  if (bytes > MAX_CANDIDATE_BYTES) {
    throw new InvalidInputError(`the candidate rule file is too large`, [
      `${fileName}: ${bytes} bytes; a rule file may have at most ${MAX_CANDIDATE_BYTES} bytes`,
    ]);
  }
  let parsed: RuleSet;
  try {
    parsed = parseRuleFile(candidate.yaml, fileName, facts);
  } catch (err) {
    if (!(err instanceof RuleLoadError)) throw err;
    const n = err.problems.length;
    throw new InvalidInputError(
      `${n} problem${n === 1 ? '' : 's'} in the candidate rule file ${fileName}`,
      err.problems.map(formatRuleProblem),
    );
  }
  const ids = new Set(parsed.rules.map((r) => r.id));
  const entries = [...current.rules.filter((r) => !ids.has(r.id)), ...parsed.rules].map((r) => ({
    definition: r.definition,
    file: r.file,
    line: r.line,
  }));
  const registry = new Map(facts.map((f) => [f.name, f]));
  const version = createHash('sha256')
    .update(`${current.version}\0${fileName}\0${candidate.yaml}`)
    .digest('hex')
    .slice(0, 12);
  return {
    fileName,
    rules: parsed.rules,
    replaced: parsed.rules.filter((r) => current.rule(r.id) !== undefined).map((r) => r.id),
    added: parsed.rules.filter((r) => current.rule(r.id) === undefined).map((r) => r.id),
    ruleSet: createRuleSet(entries, registry, version),
  };
}
