/** The four separators of an interchange, read from its ISA header (or inferred for a bare ST..SE). */
export interface Delimiters {
  /** Element separator: the 4th character of ISA. */
  element: string;
  /** Component (sub-element) separator: ISA16. */
  component: string;
  /** Repetition separator: ISA11 in 5010; null when ISA11 is a standards id (`U` in 4010). */
  repetition: string | null;
  /** Segment terminator: the character right after ISA16. */
  segment: string;
}

export const DEFAULT_DELIMITERS: Readonly<Delimiters> = Object.freeze({
  element: '*',
  component: ':',
  repetition: '^',
  segment: '~',
});

const ALNUM = /^[A-Za-z0-9]$/;

/** True when a character can serve as a delimiter (not a letter or digit, not a space). */
export function isDelimiterChar(ch: string | undefined): boolean {
  return ch !== undefined && ch.length === 1 && !ALNUM.test(ch) && ch !== ' ';
}

/** Reads ISA11 as a repetition separator: letters/digits (`U`) mean the 4010 standards id, i.e. no repetition. */
export function repetitionFromIsa11(isa11: string): string | null {
  return isDelimiterChar(isa11) ? isa11 : null;
}

/** Returns the reason the delimiters are unusable, or null when they are distinct and usable. */
export function delimiterProblem(d: Delimiters): string | null {
  const all = [d.element, d.component, d.segment, ...(d.repetition ? [d.repetition] : [])];
  if (!isDelimiterChar(d.element))
    return `element separator ${JSON.stringify(d.element)} is a letter, digit or space`;
  if (!isDelimiterChar(d.segment) && d.segment !== ' ')
    return `segment terminator ${JSON.stringify(d.segment)} is a letter or digit`;
  if (new Set(all).size !== all.length) return `delimiters are not distinct: ${JSON.stringify(all)}`;
  return null;
}
