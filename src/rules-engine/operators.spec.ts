import {
  binaryTest,
  checkValue,
  deepEqual,
  isFactRef,
  OPERATOR_NAMES,
  OPERATORS,
  operatorFits,
  unaryTest,
  type OperatorName,
} from './operators.js';
import type { FactValue } from './fact.js';

const t = (op: OperatorName, value: unknown, facts: FactValue[]): boolean[] => {
  const test = unaryTest(op, value);
  return facts.map((f) => test(f));
};

describe('operators with a literal value', () => {
  it('equal / notEqual (structural for lists and mappings)', () => {
    expect(t('equal', 'A', ['A', 'B', null])).toEqual([true, false, false]);
    expect(t('equal', null, ['A', null])).toEqual([false, true]);
    expect(t('equal', ['A', 'B'], [['A', 'B'], ['B', 'A'], null])).toEqual([true, false, false]);
    expect(t('equal', { a: 1 }, [{ a: 1 }, { a: 2 }])).toEqual([true, false]);
    expect(t('notEqual', 3, [3, 4, null])).toEqual([false, true, true]);
    expect(t('notEqual', ['A'], [['A'], ['B']])).toEqual([false, true]);
  });

  it('ordering on numbers and dates; false on null', () => {
    expect(t('lessThan', 5, [4, 5, 6, null])).toEqual([true, false, false, false]);
    expect(t('lessThanInclusive', 5, [4, 5, 6, null])).toEqual([true, true, false, false]);
    expect(t('greaterThan', 5, [4, 5, 6, null])).toEqual([false, false, true, false]);
    expect(t('greaterThanInclusive', 5, [4, 5, 6, null])).toEqual([false, true, true, false]);
    expect(t('lessThan', '2026-01-10', ['2025-12-31', '2026-01-10', '2026-02-01'])).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('in / notIn; a null fact is in no list (unless the list has null)', () => {
    expect(t('in', ['11', '22'], ['11', '33', null])).toEqual([true, false, false]);
    expect(t('notIn', ['11', '22'], ['11', '33', null])).toEqual([false, true, true]);
    expect(t('in', ['11', null], [null])).toEqual([true]);
    expect(t('in', [1, 2], [2, 3])).toEqual([true, false]);
  });

  it('contains / doesNotContain on lists and strings', () => {
    expect(t('contains', '25', [['25', '59'], ['59'], [], null])).toEqual([true, false, false, false]);
    expect(t('contains', 'abc', ['xxabcxx', 'ab', null])).toEqual([true, false, false]);
    expect(t('doesNotContain', '25', [['25'], ['59'], null])).toEqual([false, true, true]);
  });

  it('isEmpty / isNotEmpty: null, "" and [] are empty', () => {
    expect(t('isEmpty', undefined, ['', 'x', [], ['x'], null])).toEqual([true, false, true, false, true]);
    expect(t('isNotEmpty', undefined, ['', 'x', [], ['x'], null])).toEqual([false, true, false, true, false]);
  });

  it('isTrue / isFalse: null is neither', () => {
    expect(t('isTrue', undefined, [true, false, null])).toEqual([true, false, false]);
    expect(t('isFalse', undefined, [true, false, null])).toEqual([false, true, false]);
  });

  it('exists / notExists', () => {
    expect(t('exists', undefined, [null, '', 0, false])).toEqual([false, true, true, true]);
    expect(t('notExists', undefined, [null, '', 0])).toEqual([true, false, false]);
  });

  it('matches the whole string', () => {
    expect(t('matches', '\\d{5}', ['12345', '123456', 'a12345', null])).toEqual([true, false, false, false]);
    expect(t('matches', 'A|B', ['A', 'B', 'AB'])).toEqual([true, true, false]);
  });

  it('startsWithAny', () => {
    expect(t('startsWithAny', ['Z', 'J06'], ['J069', 'Z00', 'E11', null])).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('operators against another fact', () => {
  it('compare two values at evaluation', () => {
    expect(binaryTest('equal')('A', 'A')).toBe(true);
    expect(binaryTest('notEqual')('A', 'A')).toBe(false);
    expect(binaryTest('lessThan')(1, 2)).toBe(true);
    expect(binaryTest('lessThan')(1, null)).toBe(false);
    expect(binaryTest('lessThan')(1, '2')).toBe(false);
    expect(binaryTest('greaterThanInclusive')('2026-01-02', '2026-01-02')).toBe(true);
    expect(binaryTest('lessThanInclusive')(3, 2)).toBe(false);
    expect(binaryTest('greaterThan')(3, 2)).toBe(true);
    expect(binaryTest('in')('A', ['A', 'B'])).toBe(true);
    expect(binaryTest('in')('A', null)).toBe(false);
    expect(binaryTest('notIn')('A', null)).toBe(true);
    expect(binaryTest('contains')(['A'], 'A')).toBe(true);
    expect(binaryTest('doesNotContain')('ABC', 'B')).toBe(false);
    expect(() => binaryTest('matches')).toThrow('operator matches does not compare with another fact');
  });
});

describe('operator checks', () => {
  it('lists every operator of the guide', () => {
    expect([...OPERATOR_NAMES]).toEqual(Object.keys(OPERATORS));
    expect(OPERATOR_NAMES).toHaveLength(18);
  });

  it('fits operators to fact types', () => {
    const fits = (op: OperatorName) =>
      (['boolean', 'number', 'string', 'date', 'string[]', 'object', 'object[]'] as const).filter((ty) =>
        operatorFits(OPERATORS[op], ty),
      );
    expect(fits('equal')).toEqual(['boolean', 'number', 'string', 'date', 'string[]', 'object', 'object[]']);
    expect(fits('lessThan')).toEqual(['number', 'date']);
    expect(fits('in')).toEqual(['boolean', 'number', 'string', 'date']);
    expect(fits('contains')).toEqual(['string', 'string[]']);
    expect(fits('isEmpty')).toEqual(['string', 'string[]', 'object[]']);
    expect(fits('isTrue')).toEqual(['boolean']);
    expect(fits('exists')).toEqual(['boolean', 'number', 'string', 'date', 'string[]', 'object', 'object[]']);
    expect(fits('matches')).toEqual(['string']);
    expect(fits('startsWithAny')).toEqual(['string']);
  });

  it('checks values', () => {
    const check = (
      op: OperatorName,
      type: Parameters<typeof checkValue>[1],
      value: unknown,
      ref: Parameters<typeof checkValue>[4] = null,
    ) => checkValue(OPERATORS[op], type, value, value !== undefined, ref)?.message ?? null;
    expect(check('equal', 'number', 1)).toBeNull();
    expect(check('equal', 'number', null)).toBeNull();
    expect(check('equal', 'boolean', 'yes')).toBe('must be a boolean');
    expect(check('equal', 'string[]', ['a'])).toBeNull();
    expect(check('equal', 'object[]', [{ a: 1 }])).toBeNull();
    expect(check('equal', 'object', [])).toBe('must be a mapping');
    expect(check('lessThan', 'date', '2026-02-30')).toBeNull();
    expect(check('lessThan', 'date', '2026-13-01')).toBe('must be a date YYYY-MM-DD');
    expect(check('lessThan', 'number', null)).toBe('must be a number');
    expect(check('in', 'string', 'A')).toBe('in needs a non-empty list');
    expect(check('in', 'string', { fact: 'x' }, 'string[]')).toBeNull();
    expect(check('in', 'string', { fact: 'x' }, 'string')).toBe(
      'in on a string fact compares with a string[] fact; x is string',
    );
    expect(check('contains', 'string[]', { fact: 'x' }, 'date')).toBeNull();
    expect(check('contains', 'string', 5)).toBe('must be a substring (a string)');
    expect(check('exists', 'string', 5)).toBe('exists takes no value');
    expect(check('exists', 'string', undefined)).toBeNull();
    expect(check('matches', 'string', 5)).toBe('must be a regular expression (a string)');
    expect(check('startsWithAny', 'string', ['A', ''])).toBe(
      'must be a non-empty list of prefixes (strings)',
    );
    expect(check('startsWithAny', 'string', { fact: 'x' }, 'string')).toBe(
      'startsWithAny takes a literal value, not another fact',
    );
  });

  it('recognizes fact references and compares structurally', () => {
    expect(isFactRef({ fact: 'a.b' })).toBe(true);
    expect(isFactRef({ fact: 'a.b', x: 1 })).toBe(false);
    expect(isFactRef({ fact: 1 })).toBe(false);
    expect(isFactRef(['fact'])).toBe(false);
    expect(deepEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(deepEqual({ a: 1 }, { b: 1 })).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
  });
});
