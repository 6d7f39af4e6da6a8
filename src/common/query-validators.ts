import type { TransformFnParams } from 'class-transformer';
import { buildMessage, ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '../x12/values.js';
import { cursorProblem, parseSort, type SortFields, sortValues } from './pagination.js';

/**
 * class-validator decorators and class-transformer functions for query strings, so that every bad
 * parameter is reported in the same 400 (the ValidationPipe collects them all).
 */

/** Whether text is YYYY-MM-DD and a real calendar day (no 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && isIsoDate(value);
}

/** The value is a real date written YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a real date written YYYY-MM-DD`,
          options,
        ),
      },
    },
    options,
  );
}

/** The value (a date) is on or after the date in `property`; skipped while either is not a date. */
export function IsNotBefore(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBefore',
      constraints: [property],
      validator: {
        validate: (value, args?: ValidationArguments) => {
          const other = (args?.object as Record<string, unknown> | undefined)?.[property];
          if (!isCalendarDate(value) || !isCalendarDate(other)) return true;
          return value >= other;
        },
        defaultMessage: buildMessage((each) => `${each}$property must not be before ${property}`, options),
      },
    },
    options,
  );
}

/**
 * The value is a cursor issued for the request's sort (the object's `sort`, or `defaultSort`).
 */
export function IsCursorFor<K extends string>(
  fields: SortFields<K>,
  defaultSort: string,
  options?: ValidationOptions,
): PropertyDecorator {
  const problemOf = (value: unknown, object: unknown): string | null => {
    if (typeof value !== 'string') return 'cursor must be a string';
    const sortText = (object as { sort?: unknown } | undefined)?.sort ?? defaultSort;
    if (typeof sortText !== 'string') return null;
    let sort;
    try {
      sort = parseSort(sortText, fields);
    } catch {
      // The sort is reported on its own; the cursor only if no sort at all could have issued it.
      const issuable = sortValues(fields).some(
        (t) => cursorProblem(value, parseSort(t, fields), fields) === null,
      );
      return issuable ? null : 'cursor is not valid; use the nextCursor of a previous page';
    }
    return cursorProblem(value, sort, fields);
  };
  return ValidateBy(
    {
      name: 'isCursorFor',
      validator: {
        validate: (value, args?: ValidationArguments) => problemOf(value, args?.object) === null,
        defaultMessage: (args?: ValidationArguments) =>
          problemOf(args?.value, args?.object) ?? 'cursor is not valid',
      },
    },
    options,
  );
}

/**
 * The value is one non-empty text of at most `max` characters, with one message for whichever
 * of those fails (a repeated parameter arrives as an array).
 */
export function IsText(max: number, options?: ValidationOptions): PropertyDecorator {
  const problemOf = (value: unknown, property: string): string | null => {
    if (typeof value !== 'string') return `${property} must be given once, as text`;
    if (value.length === 0) return `${property} should not be empty`;
    if (value.length > max) return `${property} must be at most ${max} characters`;
    return null;
  };
  return ValidateBy(
    {
      name: 'isText',
      constraints: [max],
      validator: {
        validate: (value, args?: ValidationArguments) => problemOf(value, args?.property ?? '') === null,
        defaultMessage: (args?: ValidationArguments) =>
          problemOf(args?.value, args?.property ?? '') ?? `${args?.property} is not valid`,
      },
    },
    options,
  );
}

/** The value is a whole number from min to max (after toInteger), with one message. */
export function IsIntegerBetween(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIntegerBetween',
      constraints: [min, max],
      validator: {
        validate: (value) =>
          Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a whole number from ${min} to ${max}`,
          options,
        ),
      },
    },
    options,
  );
}

/** `a,b` or `a&…=b` (repeated parameter) → ['a', 'b']; anything else is left for the validators. */
export function toList({ value }: TransformFnParams): unknown {
  const parts = Array.isArray(value) ? value : [value];
  if (!parts.every((p) => typeof p === 'string')) return value;
  return (parts as string[]).flatMap((p) => p.split(',')).map((p) => p.trim());
}

/** `true`/`false` → boolean; anything else is left for IsBoolean to refuse. */
export function toBoolean({ value }: TransformFnParams): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

/** A decimal integer string → number; anything else is left for IsInt to refuse. */
export function toInteger({ value }: TransformFnParams): unknown {
  return typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value;
}

/**
 * `to`, a month written YYYY-MM, is not before the object's `from` (months compare as text);
 * skipped while either is missing. The message names both months.
 */
export function IsMonthNotBeforeFrom(): PropertyDecorator {
  return ValidateBy({
    name: 'notBeforeFrom',
    validator: {
      validate: (value, args) => {
        const from = (args?.object as { from?: unknown }).from;
        return typeof value !== 'string' || typeof from !== 'string' || value >= from;
      },
      defaultMessage: (args) =>
        `from (${String((args?.object as { from?: unknown }).from)}) must not be after to (${String(args?.value)})`,
    },
  });
}
