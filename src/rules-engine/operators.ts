/**
 * The condition operators (rules/README.md, "Conditions"): which fact types each accepts, what its
 * `value` must be, and the test it compiles to. Negative operators are exactly the negation of their
 * positive twin (`notIn` is `!in`), so a null fact is "not in" every list; ordering operators,
 * `contains`, `matches` and `startsWithAny` are false on a null fact.
 */
import type { FactType, FactValue } from './fact.js';
import { DATE_PATTERN, type FactRef } from './rule-schema.js';

export const OPERATOR_NAMES = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'isEmpty',
  'isNotEmpty',
  'isTrue',
  'isFalse',
  'exists',
  'notExists',
  'matches',
  'startsWithAny',
] as const;
export type OperatorName = (typeof OPERATOR_NAMES)[number];

/** What an operator's `value` is: none, a value of the fact's type, a list, a substring/element, a pattern, prefixes. */
export type OperatorValueKind = 'none' | 'same' | 'list' | 'element' | 'regex' | 'prefixes';

export interface OperatorSpec {
  name: OperatorName;
  /** Fact types the operator accepts; 'any' for all. */
  types: readonly FactType[] | 'any';
  value: OperatorValueKind;
  /** Whether `value` may be `{ fact: other.fact }`. */
  allowsFactRef: boolean;
}

const ALL_TYPES: readonly FactType[] = [
  'boolean',
  'number',
  'string',
  'date',
  'string[]',
  'object',
  'object[]',
];
const ORDERED: readonly FactType[] = ['number', 'date'];
const SCALAR: readonly FactType[] = ['string', 'number', 'date', 'boolean'];

function spec(
  name: OperatorName,
  types: readonly FactType[] | 'any',
  value: OperatorValueKind,
  allowsFactRef: boolean,
): OperatorSpec {
  return { name, types, value, allowsFactRef };
}

export const OPERATORS: Readonly<Record<OperatorName, OperatorSpec>> = {
  equal: spec('equal', 'any', 'same', true),
  notEqual: spec('notEqual', 'any', 'same', true),
  lessThan: spec('lessThan', ORDERED, 'same', true),
  lessThanInclusive: spec('lessThanInclusive', ORDERED, 'same', true),
  greaterThan: spec('greaterThan', ORDERED, 'same', true),
  greaterThanInclusive: spec('greaterThanInclusive', ORDERED, 'same', true),
  in: spec('in', SCALAR, 'list', true),
  notIn: spec('notIn', SCALAR, 'list', true),
  contains: spec('contains', ['string[]', 'string'], 'element', true),
  doesNotContain: spec('doesNotContain', ['string[]', 'string'], 'element', true),
  isEmpty: spec('isEmpty', ['string', 'string[]', 'object[]'], 'none', false),
  isNotEmpty: spec('isNotEmpty', ['string', 'string[]', 'object[]'], 'none', false),
  isTrue: spec('isTrue', ['boolean'], 'none', false),
  isFalse: spec('isFalse', ['boolean'], 'none', false),
  exists: spec('exists', 'any', 'none', false),
  notExists: spec('notExists', 'any', 'none', false),
  matches: spec('matches', ['string'], 'regex', false),
  startsWithAny: spec('startsWithAny', ['string'], 'prefixes', false),
};

export function isOperatorName(name: string): name is OperatorName {
  return Object.prototype.hasOwnProperty.call(OPERATORS, name);
}

/** `{ fact: name }` (exactly that key, a string) is a reference to another fact. */
export function isFactRef(value: unknown): value is FactRef {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'fact' && typeof (value as FactRef).fact === 'string';
}

function isPlainObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Whether a literal fits a fact type (null is checked by the caller). */
export function literalFits(type: FactType, v: unknown): boolean {
  switch (type) {
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'string':
      return typeof v === 'string';
    case 'date':
      return typeof v === 'string' && DATE_PATTERN.test(v);
    case 'string[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'object':
      return isPlainObject(v);
    case 'object[]':
      return Array.isArray(v) && v.every(isPlainObject);
  }
}

function describeType(type: FactType): string {
  switch (type) {
    case 'date':
      return 'a date YYYY-MM-DD';
    case 'string[]':
      return 'a list of strings';
    case 'object[]':
      return 'a list of mappings';
    case 'object':
      return 'a mapping';
    default:
      return `a ${type}`;
  }
}

/** A problem with one condition, on its `operator` or its `value`. */
export interface ConditionProblem {
  key: 'operator' | 'value';
  message: string;
}

/** Does the operator accept a fact of this type? */
export function operatorFits(op: OperatorSpec, type: FactType): boolean {
  return op.types === 'any' || op.types.includes(type);
}

export function describeOperatorTypes(op: OperatorSpec): string {
  return (op.types === 'any' ? ALL_TYPES : op.types).join(', ');
}

/**
 * Checks `value` of a condition against its operator and fact type. `refType` is the type of the
 * referenced fact when value is `{ fact }` (null when that fact is unknown: reported elsewhere).
 */
export function checkValue(
  op: OperatorSpec,
  factType: FactType,
  value: unknown,
  hasValue: boolean,
  refType: FactType | null,
): ConditionProblem | null {
  const problem = (message: string): ConditionProblem => ({ key: 'value', message });
  if (op.value === 'none') {
    return hasValue ? problem(`${op.name} takes no value`) : null;
  }
  if (!hasValue) return problem(`${op.name} needs a value`);
  if (isFactRef(value)) {
    if (!op.allowsFactRef) return problem(`${op.name} takes a literal value, not another fact`);
    if (refType === null) return null;
    const wanted = refTypeFor(op, factType);
    return wanted.includes(refType)
      ? null
      : problem(
          `${op.name} on a ${factType} fact compares with a ${wanted.join(' or ')} fact; ${value.fact} is ${refType}`,
        );
  }
  switch (op.value) {
    case 'same':
      if (value === null && (op.name === 'equal' || op.name === 'notEqual')) return null;
      return literalFits(factType, value) ? null : problem(`must be ${describeType(factType)}`);
    case 'list':
      if (!Array.isArray(value) || value.length === 0) return problem(`${op.name} needs a non-empty list`);
      return value.every((v) => v === null || literalFits(factType, v))
        ? null
        : problem(`every item must be ${describeType(factType)}`);
    case 'element':
      return typeof value === 'string'
        ? null
        : problem(
            factType === 'string' ? 'must be a substring (a string)' : 'must be a string (a list element)',
          );
    case 'regex':
      if (typeof value !== 'string') return problem('must be a regular expression (a string)');
      try {
        new RegExp(value);
        return null;
      } catch (err) {
        return problem(`not a valid regular expression: ${(err as Error).message}`);
      }
    case 'prefixes':
      return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v !== '')
        ? null
        : problem('must be a non-empty list of prefixes (strings)');
  }
}

function refTypeFor(op: OperatorSpec, factType: FactType): FactType[] {
  switch (op.value) {
    case 'list':
      return factType === 'string' ? ['string[]'] : [`${factType}[]` as FactType];
    case 'element':
      return factType === 'string[]' ? ['string', 'date'] : ['string'];
    default:
      return [factType];
  }
}

/** Structural equality of JSON values. */
export function deepEqual(a: FactValue | undefined, b: FactValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i] as FactValue, b[i] as FactValue)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as { readonly [k: string]: FactValue };
  const bo = b as { readonly [k: string]: FactValue };
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  for (const k of keys) {
    if (!Object.prototype.hasOwnProperty.call(bo, k) || !deepEqual(ao[k], bo[k])) return false;
  }
  return true;
}

/** A test of a fact's value against the other side (a literal prepared at compile time, or another fact). */
export type BinaryTest = (left: FactValue, right: FactValue) => boolean;
export type UnaryTest = (left: FactValue) => boolean;

function ordered(cmp: (a: number | string, b: number | string) => boolean): BinaryTest {
  return (a, b) =>
    (typeof a === 'number' || typeof a === 'string') && typeof a === typeof b && cmp(a, b as number | string);
}

function containsTest(a: FactValue, b: FactValue): boolean {
  if (typeof a === 'string') return typeof b === 'string' && a.includes(b);
  if (Array.isArray(a)) return a.includes(b);
  return false;
}

function inList(a: FactValue, list: FactValue): boolean {
  if (!Array.isArray(list)) return false;
  if (a === null || typeof a !== 'object') return list.includes(a);
  for (const x of list) if (deepEqual(a, x)) return true;
  return false;
}

function isEmptyValue(a: FactValue): boolean {
  return a === null || ((typeof a === 'string' || Array.isArray(a)) && a.length === 0);
}

const not =
  (t: BinaryTest): BinaryTest =>
  (a, b) =>
    !t(a, b);

/** The two-sided test of an operator whose value is another fact (resolved at evaluation). */
export function binaryTest(op: OperatorName): BinaryTest {
  switch (op) {
    case 'equal':
      return deepEqual;
    case 'notEqual':
      return not(deepEqual);
    case 'lessThan':
      return ordered((a, b) => a < b);
    case 'lessThanInclusive':
      return ordered((a, b) => a <= b);
    case 'greaterThan':
      return ordered((a, b) => a > b);
    case 'greaterThanInclusive':
      return ordered((a, b) => a >= b);
    case 'in':
      return inList;
    case 'notIn':
      return not(inList);
    case 'contains':
      return containsTest;
    case 'doesNotContain':
      return not(containsTest);
    default:
      throw new Error(`operator ${op} does not compare with another fact`);
  }
}

/** The one-sided test of an operator with its literal value (already checked by checkValue) prepared once. */
export function unaryTest(op: OperatorName, value: unknown): UnaryTest {
  const v = value as FactValue;
  switch (op) {
    case 'equal':
      return v === null || typeof v !== 'object' ? (a) => a === v : (a) => deepEqual(a, v);
    case 'notEqual':
      return v === null || typeof v !== 'object' ? (a) => a !== v : (a) => !deepEqual(a, v);
    case 'in':
    case 'notIn': {
      const list = v as readonly FactValue[];
      const primitive = list.every((x) => x === null || typeof x !== 'object');
      const set = new Set(list);
      const test: UnaryTest = primitive ? (a) => set.has(a) : (a) => inList(a, list);
      return op === 'in' ? test : (a) => !test(a);
    }
    case 'isEmpty':
      return isEmptyValue;
    case 'isNotEmpty':
      return (a) => !isEmptyValue(a);
    case 'isTrue':
      return (a) => a === true;
    case 'isFalse':
      return (a) => a === false;
    case 'exists':
      return (a) => a !== null && a !== undefined;
    case 'notExists':
      return (a) => a === null || a === undefined;
    case 'matches': {
      const re = new RegExp(`^(?:${v as string})$`);
      return (a) => typeof a === 'string' && re.test(a);
    }
    case 'startsWithAny': {
      const prefixes = v as readonly string[];
      return (a) => {
        if (typeof a !== 'string') return false;
        for (const p of prefixes) if (a.startsWith(p)) return true;
        return false;
      };
    }
    default: {
      const test = binaryTest(op);
      return (a) => test(a, v);
    }
  }
}
