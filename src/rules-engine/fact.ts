/**
 * Facts are code: named, typed, pure functions of a ClaimContext (and, for line facts, one line).
 * Rules (data) combine them with operators. A fact declares the data source it needs, so a rule over
 * an absent source reports "not checked" instead of firing on every claim.
 */
import type { ClaimContext, DataSource, LineRef } from './claim-context.js';

/** What a fact answers; the loader checks operators and values against it. */
export type FactType = 'boolean' | 'number' | 'string' | 'date' | 'string[]' | 'object' | 'object[]';

/** Evidence values: what a finding shows about why it fired. Plain JSON. */
export type FactValue =
  null | boolean | number | string | readonly FactValue[] | { readonly [k: string]: FactValue };

export interface FactDefinition<T extends FactValue = FactValue> {
  /** Dotted name used in rules: `claim.totalCharge`, `line.authorization.status`. Line facts start with `line.`. */
  name: string;
  scope: 'claim' | 'line';
  type: FactType;
  /** One sentence for rule authors (rules/README.md lists every fact from these). */
  description: string;
  /** The data source the answer depends on; absent when it depends only on the claim, tables and code sets. */
  source?: DataSource;
  /** The answer. Pure: no I/O, no clock (use ctx.asOf), no randomness. `line` is null for claim facts. */
  compute(ctx: ClaimContext, line: LineRef | null): T;
}

/** Declares a fact (identity function that keeps the type). */
export function defineFact<T extends FactValue>(def: FactDefinition<T>): FactDefinition<T> {
  return def;
}
