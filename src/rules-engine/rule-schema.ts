/**
 * The schema of a rule file (rules/README.md, "A rule file"): one rule (a mapping) or several
 * (`rules:` sequence). Strict: an unknown key is an error. The checks that need the fact registry
 * (facts, operators, values, message placeholders) are in the loader.
 */
import { z } from 'zod';
import { RULE_CATEGORIES, type RuleCategory } from './claim-context.js';

export const SEVERITIES = ['block', 'warn', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_LEVELS = ['claim', 'line'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export const CLAIM_TYPES = ['professional', 'institutional', 'dental'] as const;
export type RuleClaimType = (typeof CLAIM_TYPES)[number];

export const CASE_EXPECTATIONS = ['fire', 'pass', 'not-checked'] as const;
export type CaseExpectation = (typeof CASE_EXPECTATIONS)[number];

/** `{ fact: other.fact }`: a value read from another fact at evaluation. */
export interface FactRef {
  fact: string;
}

export interface FactCondition {
  fact: string;
  operator: string;
  /** A literal, a list of literals, or a FactRef. Checked against the operator by the loader. */
  value?: unknown;
  params?: Record<string, unknown>;
}
export interface AllCondition {
  all: Condition[];
}
export interface AnyCondition {
  any: Condition[];
}
export interface NotCondition {
  not: Condition;
}
export type Condition = AllCondition | AnyCondition | NotCondition | FactCondition;

/** One embedded test case: the known fields, and the rest passed on raw to the case builder. */
export interface RuleTestCase {
  name: string;
  expect: CaseExpectation;
  lines?: number[];
  [field: string]: unknown;
}

export interface RuleScope {
  claimTypes?: RuleClaimType[];
  payers?: string[];
  effective?: { from?: string | null; to?: string | null };
}

/** A rule as written (after defaults). */
export interface RuleDefinition {
  id: string;
  version: number;
  title: string;
  category: RuleCategory;
  severity: Severity;
  prevents: { carc: string[]; rarc: string[] };
  scope?: RuleScope;
  level: RuleLevel;
  when: Condition;
  message: string;
  fix: string;
  references: string[];
  tests: RuleTestCase[];
}

export const RULE_ID_PATTERN = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/;
export const CARC_PATTERN = /^[A-Z]?\d{1,3}$/;
export const RARC_PATTERN = /^[A-Z]{1,2}\d{1,4}$/;
export const DATE_PATTERN = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

const CONDITION_FORMS = ['all', 'any', 'not', 'fact'] as const;
const FACT_ONLY_KEYS = ['operator', 'value', 'params'] as const;

const nonEmptyString = z.string().trim().min(1, 'must not be empty');
const isoDate = z.string().regex(DATE_PATTERN, 'must be a date YYYY-MM-DD');

// Unquoted `197` is read as a number; a CARC has no leading zeros, so a number is taken as its text.
const carcCode = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((v) => String(v))
  .pipe(z.string().regex(CARC_PATTERN, 'must be a CARC code like 197, 16, A1, B7 or P1'));
const rarcCode = z.string().regex(RARC_PATTERN, 'must be a RARC code like N54, M15 or MA130');

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      all: z.array(conditionSchema).min(1, 'needs at least one condition').optional(),
      any: z.array(conditionSchema).min(1, 'needs at least one condition').optional(),
      not: conditionSchema.optional(),
      fact: nonEmptyString.optional(),
      operator: nonEmptyString.optional(),
      value: z.unknown().optional(),
      params: z.record(z.string(), z.unknown()).optional(),
    })
    .superRefine((c, ctx) => {
      const forms = CONDITION_FORMS.filter((k) => c[k] !== undefined);
      if (forms.length === 0) {
        ctx.addIssue({ code: 'custom', message: 'a condition needs one of all, any, not or fact' });
        return;
      }
      if (forms.length > 1) {
        ctx.addIssue({
          code: 'custom',
          message: `a condition has exactly one of all, any, not or fact (found ${forms.join(', ')})`,
        });
        return;
      }
      if (forms[0] === 'fact') {
        if (c.operator === undefined) {
          ctx.addIssue({ code: 'custom', path: ['operator'], message: 'required in a fact condition' });
        }
        return;
      }
      for (const key of FACT_ONLY_KEYS) {
        if (key in c) {
          ctx.addIssue({ code: 'custom', path: [key], message: `only a fact condition has ${key}` });
        }
      }
    })
    .transform((c) => c as Condition),
);

export const ruleTestCaseSchema = z.looseObject({
  name: nonEmptyString,
  expect: z.enum(CASE_EXPECTATIONS, { error: `must be one of ${CASE_EXPECTATIONS.join(', ')}` }),
  lines: z.array(z.number().int().positive()).min(1, 'lists at least one line').optional(),
});

export const ruleSchema = z
  .strictObject({
    id: z.string().regex(RULE_ID_PATTERN, 'must be UPPER-KEBAB, like AUTH-REQUIRED'),
    version: z
      .number({ error: 'must be a positive whole number' })
      .int('must be a positive whole number')
      .positive('must be a positive whole number'),
    title: nonEmptyString,
    category: z.enum(RULE_CATEGORIES, { error: `must be one of ${RULE_CATEGORIES.join(', ')}` }),
    severity: z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` }),
    prevents: z.strictObject({
      carc: z.array(carcCode),
      rarc: z.array(rarcCode).default([]),
    }),
    scope: z
      .strictObject({
        claimTypes: z
          .array(z.enum(CLAIM_TYPES, { error: `must be one of ${CLAIM_TYPES.join(', ')}` }))
          .min(1, 'lists at least one claim type')
          .optional(),
        payers: z
          .array(z.string({ error: 'must be a quoted payer id' }).trim().min(1, 'must not be empty'))
          .min(1, 'lists at least one payer')
          .optional(),
        effective: z
          .strictObject({ from: isoDate.nullable().optional(), to: isoDate.nullable().optional() })
          .refine((e) => !e.from || !e.to || e.from <= e.to, {
            message: 'from is after to',
            path: ['to'],
          })
          .optional(),
      })
      .optional(),
    level: z.enum(RULE_LEVELS, { error: 'must be claim or line' }).default('claim'),
    when: conditionSchema,
    message: nonEmptyString,
    fix: nonEmptyString,
    references: z.array(nonEmptyString).default([]),
    tests: z.array(ruleTestCaseSchema),
  })
  .superRefine((r, ctx) => {
    if (r.severity !== 'info' && r.prevents.carc.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['prevents', 'carc'],
        message: `a ${r.severity} rule names at least one CARC (only info rules may have none)`,
      });
    }
  })
  .transform((r) => r as RuleDefinition);
