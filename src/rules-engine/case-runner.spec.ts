import { formatTestReport, runEmbeddedTests, type CaseBuilder } from './case-runner.js';
import { parseRuleFile } from './rule-loader.js';
import {
  claimFact,
  standardTestFacts,
  testContext,
  testRule,
  testRuleFile,
  type TestClaim,
} from './testing/engine-fixtures.js';

const FACTS = [
  ...standardTestFacts(),
  claimFact('claim.broken', 'boolean', () => {
    throw new Error('boom');
  }),
];

/** Test cases carry a `claim` in the engine-fixtures shape. */
const build: CaseBuilder = (raw) => {
  if (raw.claim === 'bad') throw new Error('unknown field claim');
  return testContext((raw.claim ?? {}) as TestClaim);
};

describe('runEmbeddedTests', () => {
  it('judges each case on its own rule', () => {
    const set = parseRuleFile(
      testRuleFile(
        testRule({
          id: 'UNITS-HIGH',
          level: 'line',
          when: { fact: 'line.units', operator: 'greaterThan', value: 2 },
          tests: [
            { name: 'fires on line 2', expect: 'fire', lines: [2], claim: { lines: [{}, { units: 3 }] } },
            { name: 'wrong lines', expect: 'fire', lines: [1], claim: { lines: [{}, { units: 3 }] } },
            { name: 'no finding', expect: 'fire', claim: {} },
            { name: 'passes', expect: 'pass', claim: {} },
            { name: 'fires instead', expect: 'pass', claim: { lines: [{ units: 5 }, { units: 5 }] } },
            { name: 'not built', expect: 'pass', claim: 'bad' },
            { name: 'checked', expect: 'not-checked', claim: { sources: { authorizations: false } } },
          ],
        }),
        testRule({
          id: 'AUTH-NONE',
          category: 'authorization',
          scope: { payers: ['60054'] },
          when: { fact: 'claim.hasAuthorization', operator: 'isFalse' },
          message: 'no authorization for {{claim.payerId}}',
          tests: [
            { name: 'fires', expect: 'fire', claim: { payerId: '60054' } },
            { name: 'out of scope passes', expect: 'pass', claim: { payerId: 'OTHER' } },
            { name: 'out of scope fire', expect: 'fire', claim: { payerId: 'OTHER' } },
            { name: 'fires on pass', expect: 'pass', claim: { payerId: '60054' } },
            {
              name: 'skipped',
              expect: 'not-checked',
              claim: { payerId: '60054', sources: { authorizations: false } },
            },
            {
              name: 'skipped fire',
              expect: 'fire',
              claim: { payerId: '60054', sources: { authorizations: false } },
            },
            {
              name: 'skipped pass',
              expect: 'pass',
              claim: { payerId: '60054', sources: { authorizations: false } },
            },
            { name: 'out of scope nc', expect: 'not-checked', claim: { payerId: 'OTHER' } },
          ],
        }),
        testRule({
          id: 'BROKEN',
          when: { fact: 'claim.broken', operator: 'isTrue' },
          tests: [
            { name: 'fires', expect: 'fire' },
            { name: 'passes', expect: 'pass' },
          ],
        }),
      ),
      'cases.yaml',
      FACTS,
    );
    const report = runEmbeddedTests(set, build);
    expect(report.results.map((r) => [r.ruleId, r.caseName, r.reason])).toEqual([
      ['AUTH-NONE', 'fires', null],
      ['AUTH-NONE', 'out of scope passes', null],
      ['AUTH-NONE', 'out of scope fire', 'expected fire but the rule is out of scope for this claim'],
      ['AUTH-NONE', 'fires on pass', 'expected pass but fired: no authorization for 60054'],
      ['AUTH-NONE', 'skipped', null],
      ['AUTH-NONE', 'skipped fire', 'expected fire but the rule was not checked (authorizations not loaded)'],
      ['AUTH-NONE', 'skipped pass', 'expected pass but the rule was not checked (authorizations not loaded)'],
      ['AUTH-NONE', 'out of scope nc', 'expected not-checked but the rule is out of scope for this claim'],
      ['BROKEN', 'fires', 'fact error: fact claim.broken failed: boom'],
      ['BROKEN', 'passes', 'fact error: fact claim.broken failed: boom'],
      ['UNITS-HIGH', 'fires on line 2', null],
      ['UNITS-HIGH', 'wrong lines', 'fired on lines [2] but expected [1]'],
      ['UNITS-HIGH', 'no finding', 'expected fire but no finding'],
      ['UNITS-HIGH', 'passes', null],
      ['UNITS-HIGH', 'fires instead', 'expected pass but fired on lines [1, 2]: fired'],
      ['UNITS-HIGH', 'not built', 'case could not be built: unknown field claim'],
      ['UNITS-HIGH', 'checked', 'expected not-checked but units was checked'],
    ]);
    expect(report.results.every((r) => r.passed === (r.reason === null))).toBe(true);
    expect(report.results[0]).toEqual({
      ruleId: 'AUTH-NONE',
      file: 'cases.yaml',
      line: 93,
      caseName: 'fires',
      expect: 'fire',
      passed: true,
      reason: null,
    });
    expect([report.rules, report.cases, report.passed, report.failed]).toEqual([3, 17, 5, 12]);
    const text = formatTestReport(report);
    expect(text.split('\n')[0]).toBe(
      `FAIL AUTH-NONE (cases.yaml:93) "out of scope fire" [fire]: expected fire but the rule is out of scope for this claim`,
    );
    expect(text.endsWith(`3 rules, 17 cases: 5 passed, 12 failed (rule set ${set.version})\n`)).toBe(true);
  });
});
