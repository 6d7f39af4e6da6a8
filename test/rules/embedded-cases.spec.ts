/**
 * Every embedded test case of the rule pack (rules/<category>/*.yaml) as one jest test, so that
 * `npm test` fails on any failing case. Cases are built by the real case builder over the rules
 * folder's own environment (payer profiles, shipped tables, code sets, lexicon).
 */
import { resolve } from 'node:path';
import { defaultCaseBuilder } from '../../src/cli/rules.command.js';
import { ALL_FACTS } from '../../src/rules-engine/facts/index.js';
import { loadRuleSet, runEmbeddedCase, type CaseBuilder } from '../../src/rules-engine/index.js';

const RULES_DIR = resolve(import.meta.dirname, '..', '..', 'rules');
const ruleSet = loadRuleSet(RULES_DIR, ALL_FACTS);
let buildCase: CaseBuilder;

beforeAll(async () => {
  buildCase = await defaultCaseBuilder(RULES_DIR);
});

describe(`rule pack ${ruleSet.version}`, () => {
  if (ruleSet.rules.length === 0) {
    it.skip('has no rules yet (rules/<category>/*.yaml): nothing to run', () => undefined);
  }
  for (const rule of ruleSet.rules) {
    describe(rule.id, () => {
      for (const testCase of rule.tests) {
        it(testCase.name, () => {
          const result = runEmbeddedCase(ruleSet, rule, testCase, buildCase);
          if (!result.passed) throw new Error(`${rule.file}:${rule.line}: ${result.reason}`);
        });
      }
    });
  }
});
