import { join } from 'node:path';
import type { CodeSetRegistry } from '../code-sets/code-set-registry.js';
import { type RuleEnvironment, DEFAULT_RULES_DIR } from '../rules-engine/context/context-builder.js';
import { loadPayerProfiles } from '../rules-engine/context/payer-profiles.js';
import { loadReferenceTables } from '../rules-engine/context/reference-tables.js';
import { ALL_FACTS } from '../rules-engine/facts/index.js';
import { loadRuleSet, type RuleSet } from '../rules-engine/index.js';
import { AbbreviationMatcher } from '../lexicon/abbreviation-matcher.js';
import { loadAbbreviationLexicon } from '../lexicon/abbreviation-lexicon.js';

/** Injection token for the RulesRuntime. */
export const RULES_RUNTIME = Symbol('RULES_RUNTIME');

/** The rule set and everything rules read, loaded once at start-up. */
export interface RulesRuntime {
  rulesDir: string;
  ruleSet: RuleSet;
  env: RuleEnvironment;
}

/**
 * Loads the rules and their environment; the code sets come from the CodeSetsModule (loaded once). A
 * bad rule file stops start-up with every problem named (RuleLoadError).
 */
export function loadRulesRuntime(
  rulesDir: string | null,
  referenceTablesDir: string,
  codeSets: CodeSetRegistry,
): RulesRuntime {
  const dir = rulesDir ?? DEFAULT_RULES_DIR;
  return {
    rulesDir: dir,
    ruleSet: loadRuleSet(dir, ALL_FACTS),
    env: {
      payers: loadPayerProfiles(join(dir, 'payers')),
      tables: loadReferenceTables(join(dir, 'tables'), { operatorDir: referenceTablesDir }),
      codeSets,
      lexicon: new AbbreviationMatcher(loadAbbreviationLexicon(join(dir, 'lexicon', 'abbreviations.yaml'))),
    },
  };
}
