/**
 * How two member ids relate: the same after normalization, one typing slip apart (the same member
 * typed differently in two portals), or different. Pure and symmetric: `compareMemberIds(a, b)`
 * and `compareMemberIds(b, a)` give the same relation.
 */
import { normalizeMemberId } from './identity-normalization.js';

export type MemberIdRelation =
  /** Equal after normalization (case, spaces, dashes, dots, slashes). */
  | 'same'
  /** Equal once O/0 and I/1 are treated as the same character. */
  | 'confusable'
  /** One character differs. */
  | 'substitution'
  /** Two adjacent characters are swapped. */
  | 'transposition'
  /** One id has one character more than the other. */
  | 'missing-character'
  /** One id is the other plus a two-digit dependent suffix (`ZZT000123` / `ZZT000123-01`). */
  | 'dependent-suffix'
  /** One id is the other behind a one-to-three-letter prefix (`XYZ123456789` / `123456789`). */
  | 'prefix'
  /** At least one id is empty. */
  | 'missing'
  | 'different';

export interface MemberIdComparison {
  relation: MemberIdRelation;
  reason: string;
}

/**
 * Typos are only recognized when the shorter id has at least this many characters: between short
 * ids, one character is too much of the id to call the difference a slip.
 */
export const MIN_TYPO_MEMBER_ID_LENGTH = 6;

/** Folds the characters portals and scanners confuse: the letter O is read as zero, I as one. */
export function foldConfusables(normalizedId: string): string {
  return normalizedId.replace(/O/g, '0').replace(/I/g, '1');
}

/** The relations that count as a typing slip of the same id (everything but same, missing, different). */
export function isMemberIdTypo(relation: MemberIdRelation): boolean {
  return relation !== 'same' && relation !== 'missing' && relation !== 'different';
}

/** Compares two member ids (raw or normalized); see {@link MemberIdRelation}. */
export function compareMemberIds(
  rawA: string | null | undefined,
  rawB: string | null | undefined,
): MemberIdComparison {
  const a = normalizeMemberId(rawA);
  const b = normalizeMemberId(rawB);
  if (a === '' || b === '') {
    return {
      relation: 'missing',
      reason: a === b ? 'no member id on either side' : 'no member id on one side',
    };
  }
  if (a === b) return { relation: 'same', reason: 'member ids are the same after normalization' };
  const fa = foldConfusables(a);
  const fb = foldConfusables(b);
  if (fa === fb) {
    return { relation: 'confusable', reason: `member ids ${a} and ${b} differ only by O/0 or I/1 confusion` };
  }
  const [shorter, longer] = fa.length <= fb.length ? [fa, fb] : [fb, fa];
  const different: MemberIdComparison = { relation: 'different', reason: `member ids ${a} and ${b} differ` };
  if (shorter.length < MIN_TYPO_MEMBER_ID_LENGTH) return different;

  if (shorter.length === longer.length) {
    const diffs: number[] = [];
    for (let i = 0; i < shorter.length && diffs.length <= 2; i++) if (shorter[i] !== longer[i]) diffs.push(i);
    if (diffs.length === 1) {
      return { relation: 'substitution', reason: `member ids ${a} and ${b} differ by one character` };
    }
    const [i, j] = diffs as [number, number];
    if (diffs.length === 2 && j === i + 1 && shorter[i] === longer[j] && shorter[j] === longer[i]) {
      return {
        relation: 'transposition',
        reason: `member ids ${a} and ${b} differ by two swapped characters`,
      };
    }
    return different;
  }

  const gap = longer.length - shorter.length;
  if (gap === 1 && isOneDeletion(longer, shorter)) {
    return {
      relation: 'missing-character',
      reason: `member ids ${a} and ${b} differ by one missing character`,
    };
  }
  if (gap === 2 && longer.startsWith(shorter) && /^\d\d$/.test(longer.slice(shorter.length))) {
    return {
      relation: 'dependent-suffix',
      reason: `member ids ${a} and ${b} differ by a two-digit dependent suffix`,
    };
  }
  // The prefix letters are read before folding (a prefix `OI` must not turn into digits).
  const rawLonger = a.length > b.length ? a : b;
  if (
    gap <= 3 &&
    longer.endsWith(shorter) &&
    /^[A-Z]+$/.test(rawLonger.slice(0, gap)) &&
    /^\d/.test(shorter)
  ) {
    return { relation: 'prefix', reason: `member ids ${a} and ${b} differ by a letter prefix` };
  }
  return different;
}

/** Whether deleting one character of `longer` gives `shorter` (lengths differ by one). */
function isOneDeletion(longer: string, shorter: string): boolean {
  let i = 0;
  while (i < shorter.length && longer[i] === shorter[i]) i++;
  return longer.slice(i + 1) === shorter.slice(i);
}
