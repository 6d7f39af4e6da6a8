/**
 * claimguard's rules engine: a pure library (no Nest, no TypeORM). Rules are YAML data over typed
 * facts (TypeScript); the loader checks and compiles them once; a rule set evaluates one claim's
 * context at a time. The authoring guide is rules/README.md.
 */
export * from './claim-context.js';
export * from './fact.js';
export {
  CARC_PATTERN,
  CASE_EXPECTATIONS,
  CLAIM_TYPES,
  conditionSchema,
  DATE_PATTERN,
  RARC_PATTERN,
  RULE_ID_PATTERN,
  RULE_LEVELS,
  ruleSchema,
  ruleTestCaseSchema,
  SEVERITIES,
  type AllCondition,
  type AnyCondition,
  type CaseExpectation,
  type Condition,
  type FactCondition,
  type FactRef,
  type NotCondition,
  type RuleClaimType,
  type RuleDefinition,
  type RuleLevel,
  type RuleScope,
  type RuleTestCase,
  type Severity,
} from './rule-schema.js';
export {
  buildRuleSet,
  DEFAULT_EXCLUDED_DIRS,
  formatPath,
  formatRuleProblem,
  loadRuleSet,
  parseRuleFile,
  RuleLoadError,
  ruleSetVersion,
  type LoadRuleSetOptions,
  type RuleProblem,
  type RuleSource,
} from './rule-loader.js';
export {
  createRuleSet,
  type CompiledRule,
  type EvaluationResult,
  type Finding,
  type RuleEntry,
  type RuleError,
  type RuleOutcome,
  type RuleSet,
} from './rule-set.js';
export { OPERATOR_NAMES, OPERATORS, type OperatorName, type OperatorSpec } from './operators.js';
export { FactEvaluationError } from './compiler.js';
export { formatDollars, formatFactValue, templateFacts } from './template.js';
export {
  formatTestReport,
  runEmbeddedCase,
  runEmbeddedTests,
  type CaseBuilder,
  type CaseResult,
  type TestReport,
} from './case-runner.js';
export { factRegistryProblems, renderFactList, replaceFactList } from './fact-docs.js';
