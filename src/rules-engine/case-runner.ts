/**
 * Runs the embedded tests of a rule set (rules/README.md, "Embedded tests"). Each case is judged on
 * its own rule only: `fire` needs a finding of that rule (on exactly the `lines` given, if any),
 * `pass` needs no finding of it and the rule not skipped for a missing source (a rule out of scope
 * passes), `not-checked` needs the rule skipped for a missing source. A fact error fails any case.
 */
import type { ClaimContext } from './claim-context.js';
import type { CaseExpectation, RuleTestCase } from './rule-schema.js';
import type { CompiledRule, RuleOutcome, RuleSet } from './rule-set.js';

/** Turns a raw case (as written in the rule file) into the claim it describes. */
export type CaseBuilder = (testCase: RuleTestCase, rule: CompiledRule) => ClaimContext;

export interface CaseResult {
  ruleId: string;
  /** Where the rule is written. */
  file: string;
  line: number;
  caseName: string;
  expect: CaseExpectation;
  passed: boolean;
  /** Why it failed; null when it passed. */
  reason: string | null;
}

export interface TestReport {
  ruleSetVersion: string;
  rules: number;
  cases: number;
  passed: number;
  failed: number;
  /** Rule by rule (rule set order), case by case (file order). */
  results: CaseResult[];
}

/** Runs every embedded case of every rule. */
export function runEmbeddedTests(ruleSet: RuleSet, buildCase: CaseBuilder): TestReport {
  const results: CaseResult[] = [];
  for (const rule of ruleSet.rules) {
    for (const testCase of rule.tests) results.push(runEmbeddedCase(ruleSet, rule, testCase, buildCase));
  }
  const passed = results.filter((r) => r.passed).length;
  return {
    ruleSetVersion: ruleSet.version,
    rules: ruleSet.rules.length,
    cases: results.length,
    passed,
    failed: results.length - passed,
    results,
  };
}

/** Runs one embedded case of one rule. */
export function runEmbeddedCase(
  ruleSet: RuleSet,
  rule: CompiledRule,
  testCase: RuleTestCase,
  buildCase: CaseBuilder,
): CaseResult {
  const result = (reason: string | null): CaseResult => ({
    ruleId: rule.id,
    file: rule.file,
    line: rule.line,
    caseName: testCase.name,
    expect: testCase.expect,
    passed: reason === null,
    reason,
  });
  let outcome: RuleOutcome;
  try {
    outcome = ruleSet.evaluateRule(rule.id, buildCase(testCase, rule));
  } catch (err) {
    return result(`case could not be built: ${err instanceof Error ? err.message : String(err)}`);
  }
  return result(judge(rule, testCase, outcome));
}

function list(lines: readonly number[]): string {
  return `[${lines.join(', ')}]`;
}

function judge(rule: CompiledRule, testCase: RuleTestCase, outcome: RuleOutcome): string | null {
  if (outcome.errors.length > 0) return `fact error: ${outcome.errors.map((e) => e.message).join('; ')}`;
  const skipped = `the rule was not checked (${outcome.missingSources.join(', ')} not loaded)`;
  const fired = [...new Set(outcome.findings.map((f) => f.line).filter((l): l is number => l !== null))].sort(
    (a, b) => a - b,
  );
  switch (testCase.expect) {
    case 'fire': {
      if (outcome.status === 'out-of-scope')
        return 'expected fire but the rule is out of scope for this claim';
      if (outcome.status === 'not-checked') return `expected fire but ${skipped}`;
      if (outcome.findings.length === 0) return 'expected fire but no finding';
      if (testCase.lines === undefined) return null;
      const expected = [...new Set(testCase.lines)].sort((a, b) => a - b);
      return list(expected) === list(fired)
        ? null
        : `fired on lines ${list(fired)} but expected ${list(expected)}`;
    }
    case 'pass': {
      if (outcome.status === 'not-checked') return `expected pass but ${skipped}`;
      if (outcome.findings.length === 0) return null;
      return rule.level === 'line'
        ? `expected pass but fired on lines ${list(fired)}: ${outcome.findings[0]!.message}`
        : `expected pass but fired: ${outcome.findings[0]!.message}`;
    }
    case 'not-checked': {
      if (outcome.status === 'not-checked') return null;
      if (outcome.status === 'out-of-scope')
        return 'expected not-checked but the rule is out of scope for this claim';
      return `expected not-checked but ${rule.category} was checked${outcome.findings.length > 0 ? ' (and fired)' : ''}`;
    }
  }
}

/** A test report as text: failures with their reasons, then a summary line. */
export function formatTestReport(report: TestReport): string {
  const out: string[] = [];
  for (const r of report.results) {
    if (!r.passed)
      out.push(`FAIL ${r.ruleId} (${r.file}:${r.line}) "${r.caseName}" [${r.expect}]: ${r.reason}`);
  }
  out.push(
    `${report.rules} rule${report.rules === 1 ? '' : 's'}, ${report.cases} case${report.cases === 1 ? '' : 's'}: ` +
      `${report.passed} passed, ${report.failed} failed (rule set ${report.ruleSetVersion})`,
  );
  return `${out.join('\n')}\n`;
}
