/**
 * Deterministic, explained comparison of two person names (last and first name fields). Pure and
 * symmetric: `compareNames(a, b)` and `compareNames(b, a)` give the same score and method.
 *
 * Each part (last, first) is compared on its normalized tokens (see `nameTokens`), first match wins:
 *
 * | method         | part score | when                                                                            |
 * | -------------- | ---------- | ------------------------------------------------------------------------------- |
 * | `exact`        | 1          | equal once tokens are joined (`GARCIA-LOPEZ` = `GARCIA LOPEZ`, `O'BRIEN` = `OBRIEN`) |
 * | `hyphenated`   | 0.95       | every token of one side is a token of the other (`GARCIA-LOPEZ` / `GARCIA`, `LOPEZ GARCIA`) |
 * | `nickname`     | 0.93       | first names only: the first tokens share a canonical name (`BILL` / `WILLIAM`)   |
 * | `initial`      | 0.86       | first names only: one first token is a single letter, the other's initial (`J` / `JOHN`) |
 * | `jaro-winkler` | JW         | both sides have at least 5 letters and Jaro-Winkler ≥ 0.85 (`JONATHON` / `JONATHAN`) |
 * | `transposed`   | 0.90       | a side has fewer than 5 letters and the two differ by two adjacent letters swapped (`JHON` / `JOHN`) |
 * | `different`    | JW, or 0   | anything else; short names (< 5 letters) score 0, as JW misleads there (`LI` / `LE`, `CHEN` / `CHAN`) |
 * | `missing`      | 0          | a side has no letters                                                            |
 *
 * The name score is the product of the two part scores. When the names read better with first and
 * last swapped between the two sides (cross comparison, no nicknames) and that cross score, 0.90 ×
 * the cross product, reaches the similar threshold, it is the score and the method is `swapped`.
 * The method of a straight comparison is the method of its weaker part (the last name's on a tie).
 * Verdicts: `same` at ≥ 0.92, `similar` at ≥ 0.85, `different` below. Scores are rounded to 4
 * decimals. Jaro-Winkler is `@skyra/jaro-winkler`, whose prefix bonus counts a shared prefix of four
 * characters as five (`JONATHON` / `JONATHAN` is 0.9583 where the textbook formula gives 0.95).
 */
import { jaroWinkler } from '@skyra/jaro-winkler';
import { nameTokens } from './identity-normalization.js';
import { areNicknameEquivalent } from './nicknames.js';

export interface PersonName {
  last: string;
  first: string;
}

export type NameMethod =
  | 'exact'
  | 'hyphenated'
  | 'nickname'
  | 'initial'
  | 'jaro-winkler'
  | 'transposed'
  | 'swapped'
  | 'different'
  | 'missing';

export type NameVerdict = 'same' | 'similar' | 'different';

export interface NamePartComparison {
  score: number;
  method: NameMethod;
}

export interface NameComparison {
  /** 0..1, rounded to 4 decimals. */
  score: number;
  method: NameMethod;
  verdict: NameVerdict;
  /** What differs, in words, with the normalized names (for billing staff, never for logs). */
  reason: string;
  /** The last-name part (the cross comparison, last against first, when `method` is `swapped`). */
  last: NamePartComparison;
  /** The first-name part (the cross comparison, first against last, when `method` is `swapped`). */
  first: NamePartComparison;
}

/** A name score at or above this is the same name. */
export const SAME_NAME_THRESHOLD = 0.92;
/** A name score at or above this (and below {@link SAME_NAME_THRESHOLD}) is a similar name. */
export const SIMILAR_NAME_THRESHOLD = 0.85;
/** Jaro-Winkler is only trusted when both names have at least this many letters. */
export const MIN_JARO_WINKLER_LENGTH = 5;

export const HYPHENATED_SCORE = 0.95;
export const NICKNAME_SCORE = 0.93;
export const TRANSPOSED_SCORE = 0.9;
export const INITIAL_SCORE = 0.86;
export const SWAPPED_FACTOR = 0.9;

/** The verdict for a name score. */
export function nameVerdict(score: number): NameVerdict {
  return score >= SAME_NAME_THRESHOLD ? 'same' : score >= SIMILAR_NAME_THRESHOLD ? 'similar' : 'different';
}

/**
 * Jaro-Winkler similarity, rounded to 4 decimals and made symmetric by always comparing the two
 * strings in the same (code unit) order.
 */
export function jaroWinklerSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a === '' || b === '') return 0;
  return round4(a < b ? jaroWinkler(a, b) : jaroWinkler(b, a));
}

export type NamePartKind = 'last' | 'first';

/** One name part, normalized once (see {@link prepareName}). */
export interface PreparedNamePart {
  readonly tokens: readonly string[];
  /** Tokens joined without separator. */
  readonly compact: string;
  /** Tokens joined by one space. */
  readonly display: string;
}

/** A name normalized once, for comparing it with many others ({@link comparePreparedNames}). */
export interface PreparedName {
  readonly last: PreparedNamePart;
  readonly first: PreparedNamePart;
}

function preparePart(raw: string): PreparedNamePart {
  const tokens = nameTokens(raw);
  return { tokens, compact: tokens.join(''), display: tokens.join(' ') };
}

/** Normalizes a name once; `comparePreparedNames(prepareName(a), prepareName(b))` is `compareNames(a, b)`. */
export function prepareName(name: PersonName): PreparedName {
  return { last: preparePart(name.last), first: preparePart(name.first) };
}

/** Compares one part of two names; `kind` enables the first-name-only methods (nickname, initial). */
export function compareNamePart(a: string, b: string, kind: NamePartKind): NamePartComparison {
  return comparePrepared(preparePart(a), preparePart(b), kind);
}

function comparePrepared(a: PreparedNamePart, b: PreparedNamePart, kind: NamePartKind): NamePartComparison {
  if (a.compact === '' || b.compact === '') return { score: 0, method: 'missing' };
  if (a.compact === b.compact) return { score: 1, method: 'exact' };
  if (isTokenSubset(a.tokens, b.tokens) || isTokenSubset(b.tokens, a.tokens)) {
    return { score: HYPHENATED_SCORE, method: 'hyphenated' };
  }
  if (kind === 'first') {
    const fa = a.tokens[0]!;
    const fb = b.tokens[0]!;
    if (areNicknameEquivalent(fa, fb)) return { score: NICKNAME_SCORE, method: 'nickname' };
    if ((fa.length === 1 && fb.startsWith(fa)) || (fb.length === 1 && fa.startsWith(fb))) {
      return { score: INITIAL_SCORE, method: 'initial' };
    }
  }
  if (Math.min(a.compact.length, b.compact.length) < MIN_JARO_WINKLER_LENGTH) {
    return isAdjacentTransposition(a.compact, b.compact)
      ? { score: TRANSPOSED_SCORE, method: 'transposed' }
      : { score: 0, method: 'different' };
  }
  const jw = jaroWinklerSimilarity(a.compact, b.compact);
  return { score: jw, method: jw >= SIMILAR_NAME_THRESHOLD ? 'jaro-winkler' : 'different' };
}

/** Compares two names; see the table at the top of this module. */
export function compareNames(a: PersonName, b: PersonName): NameComparison {
  return comparePreparedNames(prepareName(a), prepareName(b));
}

/** {@link compareNames} on names normalized beforehand. */
export function comparePreparedNames(a: PreparedName, b: PreparedName): NameComparison {
  const { last: aLast, first: aFirst } = a;
  const { last: bLast, first: bFirst } = b;

  if ((aLast.compact === '' && aFirst.compact === '') || (bLast.compact === '' && bFirst.compact === '')) {
    const none: NamePartComparison = { score: 0, method: 'missing' };
    return {
      score: 0,
      method: 'missing',
      verdict: 'different',
      reason: 'no name on one side',
      last: none,
      first: none,
    };
  }

  const last = comparePrepared(aLast, bLast, 'last');
  const first = comparePrepared(aFirst, bFirst, 'first');
  const straight = round4(last.score * first.score);

  // A swap scores at most SWAPPED_FACTOR: only worth computing when the straight reading is weaker.
  const crossLast = straight < SWAPPED_FACTOR ? comparePrepared(aLast, bFirst, 'last') : null;
  const crossFirst = crossLast && crossLast.score > 0 ? comparePrepared(aFirst, bLast, 'last') : null;
  const crossed = crossLast && crossFirst ? round4(SWAPPED_FACTOR * crossLast.score * crossFirst.score) : 0;

  if (crossLast && crossFirst && crossed > straight && crossed >= SIMILAR_NAME_THRESHOLD) {
    return {
      score: crossed,
      method: 'swapped',
      verdict: nameVerdict(crossed),
      reason:
        `first and last names are swapped (last ${aLast.display}, first ${aFirst.display} / ` +
        `last ${bLast.display}, first ${bFirst.display})`,
      last: crossLast,
      first: crossFirst,
    };
  }
  if (last.method === 'exact' && first.method === 'exact') {
    return {
      score: 1,
      method: 'exact',
      verdict: 'same',
      reason: 'names are the same after normalization',
      last,
      first,
    };
  }
  const method = first.score < last.score ? first.method : last.method;
  const reasons: string[] = [];
  if (last.method !== 'exact') reasons.push(partReason('last', aLast, bLast, last));
  if (first.method !== 'exact') reasons.push(partReason('first', aFirst, bFirst, first));
  return { score: straight, method, verdict: nameVerdict(straight), reason: reasons.join('; '), last, first };
}

function partReason(
  kind: NamePartKind,
  a: PreparedNamePart,
  b: PreparedNamePart,
  part: NamePartComparison,
): string {
  const names = `${kind} names ${a.display || '(none)'} and ${b.display || '(none)'}`;
  switch (part.method) {
    case 'hyphenated':
      return `${names} share a part, one has a part the other lacks`;
    case 'nickname':
      return `${names} are nickname-equivalent`;
    case 'initial':
      return `${names}: one is the other's initial`;
    case 'jaro-winkler':
      return `${names} are spelled alike (Jaro-Winkler ${part.score})`;
    case 'transposed':
      return `${names} differ by two swapped letters`;
    case 'missing':
      return `${kind} name missing on one side`;
    default:
      return `${names} differ`;
  }
}

function isTokenSubset(small: readonly string[], large: readonly string[]): boolean {
  // Equal lengths are a reordering (`LOPEZ GARCIA` / `GARCIA LOPEZ`): the joined forms already differ.
  if (small.length > large.length) return false;
  return small.every((token) => large.includes(token));
}

function isAdjacentTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
