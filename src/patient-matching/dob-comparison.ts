/**
 * How two dates of birth (`YYYY-MM-DD` strings) relate: the same, one typing slip apart, or
 * different. Pure and symmetric in the relation. The digit checks work on the text, so a slip that
 * made an impossible date (`1980-21-03`) is still recognized as the slip it is.
 */
import { isIsoDate } from '../x12/values.js';
import { normalizeDob } from './identity-normalization.js';

export type DobRelation =
  /** The same date. */
  | 'same'
  /** Two adjacent digits of the year, the month or the day are swapped (`1980-03-12` / `1980-03-21`). */
  | 'transposed-digits'
  /** Exactly one digit differs (`1980-03-12` / `1980-03-13`). */
  | 'single-digit-typo'
  /** Month and day are swapped, both dates valid (`1980-03-12` / `1980-12-03`). */
  | 'day-month-swapped'
  /** Same month and day, the year one or a hundred years off (`1979-03-12` / `1980-03-12`, `1945` / `2045`). */
  | 'year-off'
  | 'different'
  /** At least one side has no date of birth. */
  | 'missing';

export interface DobComparison {
  relation: DobRelation;
  reason: string;
}

/** The relations that count as a typing slip of the same date. */
export function isDobTypo(relation: DobRelation): boolean {
  return (
    relation === 'transposed-digits' ||
    relation === 'single-digit-typo' ||
    relation === 'day-month-swapped' ||
    relation === 'year-off'
  );
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The digit ranges of the year, month and day in the 8 digits of a `YYYY-MM-DD` date. */
const FIELD_OF_DIGIT = [0, 0, 0, 0, 1, 1, 2, 2] as const;
const FIELD_NAMES = ['year', 'month', 'day'] as const;

/** Whether a `YYYY-MM-DD` string names a real calendar date. */
export function isValidIsoDate(text: string): boolean {
  return isIsoDate(text);
}

/** Compares two dates of birth; see {@link DobRelation}. */
export function compareDob(rawA: string | null | undefined, rawB: string | null | undefined): DobComparison {
  const a = normalizeDob(rawA);
  const b = normalizeDob(rawB);
  if (a === '' || b === '') {
    return {
      relation: 'missing',
      reason: a === b ? 'no date of birth on either side' : 'no date of birth on one side',
    };
  }
  if (a === b) return { relation: 'same', reason: 'dates of birth are the same' };
  const ma = DATE_PATTERN.exec(a);
  const mb = DATE_PATTERN.exec(b);
  if (!ma || !mb) {
    return { relation: 'different', reason: `dates of birth ${a} and ${b} differ (not both YYYY-MM-DD)` };
  }
  const validA = isValidIsoDate(a);
  const validB = isValidIsoDate(b);
  const invalidNote = invalidDatesNote(validA ? [] : [a], validB ? [] : [b]);

  const [, ya, mona, da] = ma as unknown as [string, string, string, string];
  const [, yb, monb, db] = mb as unknown as [string, string, string, string];
  if (validA && validB && ya === yb && mona === db && da === monb) {
    return {
      relation: 'day-month-swapped',
      reason: `dates of birth ${a} and ${b} have month and day swapped`,
    };
  }

  const digitsA = ya + mona + da;
  const digitsB = yb + monb + db;
  const diffs: number[] = [];
  for (let i = 0; i < 8; i++) if (digitsA[i] !== digitsB[i]) diffs.push(i);
  if (diffs.length === 1) {
    const field = FIELD_NAMES[FIELD_OF_DIGIT[diffs[0]!]];
    return {
      relation: 'single-digit-typo',
      reason: `dates of birth ${a} and ${b} differ by one digit in the ${field}${invalidNote}`,
    };
  }
  if (diffs.length === 2) {
    const [i, j] = diffs as [number, number];
    if (
      j === i + 1 &&
      FIELD_OF_DIGIT[i] === FIELD_OF_DIGIT[j] &&
      digitsA[i] === digitsB[j] &&
      digitsA[j] === digitsB[i]
    ) {
      const field = FIELD_NAMES[FIELD_OF_DIGIT[i]];
      return {
        relation: 'transposed-digits',
        reason: `dates of birth ${a} and ${b} differ by two swapped digits in the ${field}${invalidNote}`,
      };
    }
  }
  const yearGap = Math.abs(Number(ya) - Number(yb));
  if (mona === monb && da === db && (yearGap === 1 || yearGap === 100)) {
    return {
      relation: 'year-off',
      reason: `dates of birth ${a} and ${b} differ by ${yearGap === 1 ? 'one year' : 'a century'}${invalidNote}`,
    };
  }
  return { relation: 'different', reason: `dates of birth ${a} and ${b} differ${invalidNote}` };
}

function invalidDatesNote(...groups: string[][]): string {
  const invalid = groups.flat();
  if (invalid.length === 0) return '';
  return ` (${invalid.join(' and ')} ${invalid.length === 1 ? 'is not a valid date' : 'are not valid dates'})`;
}
