/**
 * Finds ambiguous abbreviations in a note and checks the reading the billed codes imply against the
 * reading the words around each abbreviation imply.
 *
 * Matching. An abbreviation matches a whole word only: the characters on either side must not be
 * letters or digits, so `MIS`, `ADMIT`, `MI2` do not match `MI` while `MI.`, `(MI)`, `h/o MI,` and
 * `s/p MI` do. Case-sensitive entries (the default) match their exact spelling only (`CA`, not `Ca`).
 *
 * Context. The words that count for a mention are those of its sentence, at most CONTEXT_WINDOW
 * tokens (see note-tokens.ts) either side of it. A sentence ends at `.`, `;`, `!` or `?` followed by
 * a space, and at every line break (notes are often one statement per line). Each context word of a
 * meaning found there scores 2 when it stands in the same clause as the mention (no `,` or `:`
 * between them), otherwise 1; a word counts once per mention. The meanings with the highest score
 * (above 0) are the ones the context points to.
 *
 * Assessment, per mention. A meaning is "billed" when a billed diagnosis code falls in one of its
 * code families. Mentions none of whose meanings is billed give no finding: nothing billed rests on
 * the abbreviation. Otherwise:
 * - `conflicting-meaning`: the context points only to meanings that are not billed (for `MS 4mg IV
 *   given for pain` billed G35: the context reads morphine sulfate, the claim multiple sclerosis);
 * - `ambiguous-unresolved`: the context does not settle it, that is either no context word at all
 *   while another meaning is also a diagnosis, or a tie between a billed and an unbilled meaning;
 * - otherwise (the context points to a billed meaning, or no context while every other meaning is a
 *   medication, procedure, finding or other) no finding.
 * Negation (`no murmur`) is not handled: a negated word counts like any other.
 */
import { formatIcd10, normalizeIcd10 } from '../code-sets/code-normalization.js';
import {
  type AbbreviationEntry,
  type AbbreviationLexicon,
  type AbbreviationMeaning,
  codeInFamily,
  type MeaningKind,
} from './abbreviation-lexicon.js';
import { type NoteToken, noteTokens } from './note-tokens.js';

/** How many tokens either side of a mention can count as its context. */
export const CONTEXT_WINDOW = 8;
/** Characters of text either side of a mention in its snippet. */
export const SNIPPET_RADIUS = 40;

/** One occurrence of a lexicon abbreviation in a note. */
export interface Mention {
  /** The lexicon entry's spelling (`AKA`), which may differ in case from `text`. */
  abbreviation: string;
  /** As written in the note. */
  text: string;
  /** UTF-16 offset in the note. */
  offset: number;
  length: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 units from the start of the line. */
  column: number;
  /** The note around the mention, whitespace collapsed, `…` where cut. */
  snippet: string;
}

export type AmbiguityFindingKind = 'conflicting-meaning' | 'ambiguous-unresolved';

export interface FindingMeaning {
  label: string;
  kind: MeaningKind;
  /** Code families for display (`I21-I22`, `I25.2`); empty unless a diagnosis. */
  codes: string[];
}

/** A meaning the billed codes support, with the billed codes (display form) that fall in it. */
export interface BilledMeaning {
  meaning: string;
  billedCodes: string[];
}

/** The context words found near a mention for one meaning, and their score. */
export interface ContextScore {
  meaning: string;
  score: number;
  /** Lexicon spelling, in lexicon order. */
  words: string[];
}

export interface AmbiguityFinding extends Mention {
  kind: AmbiguityFindingKind;
  /** Every meaning of the abbreviation, lexicon order. */
  meanings: FindingMeaning[];
  /** The meanings the billed codes support (never empty in a finding). */
  billedMeanings: BilledMeaning[];
  /** The one meaning the context points to, or null when no word or a tie. */
  contextMeaning: string | null;
  /** The context words found for contextMeaning (empty when it is null). */
  contextWords: string[];
  /** Every meaning with a context word nearby, lexicon order. */
  contextScores: ContextScore[];
  /** For the coder: what disagrees and what to check. */
  reason: string;
}

interface LocatedMention extends Mention {
  entry: AbbreviationEntry;
  /** Index of the mention in the note's tokens. */
  tokenIndex: number;
}

interface NoteText {
  tokens: NoteToken[];
  /** Per token: sentence number and clause number (clauses numbered across the note). */
  sentence: number[];
  clause: number[];
}

export class AbbreviationMatcher {
  /** Case-sensitive entries by exact spelling. */
  private readonly exact = new Map<string, AbbreviationEntry>();
  /** Case-insensitive entries by upper-case spelling. */
  private readonly anyCase = new Map<string, AbbreviationEntry>();

  constructor(readonly lexicon: AbbreviationLexicon) {
    for (const entry of lexicon.abbreviations) {
      if (entry.caseSensitive) this.exact.set(entry.abbreviation, entry);
      else this.anyCase.set(entry.abbreviation.toUpperCase(), entry);
    }
  }

  /** Every lexicon abbreviation in the text, in text order. */
  findInText(text: string): Mention[] {
    return this.locate(text, noteTokens(text)).map(toMention);
  }

  /**
   * The mentions whose reading disagrees with, or is not confirmed for, the billed diagnosis codes
   * (any spelling: `I21.4`, `i214`); codes that are not ICD-10-CM shaped are ignored. Text order.
   */
  assess(text: string, billedDiagnosisCodes: readonly string[]): AmbiguityFinding[] {
    const billed = [
      ...new Set(billedDiagnosisCodes.map((c) => normalizeIcd10(c)).filter((c): c is string => c !== null)),
    ];
    const note = readNote(text);
    const findings: AmbiguityFinding[] = [];
    for (const mention of this.locate(text, note.tokens)) {
      const finding = assessMention(mention, note, billed);
      if (finding) findings.push(finding);
    }
    return findings;
  }

  private locate(text: string, tokens: NoteToken[]): LocatedMention[] {
    const lineStarts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    const out: LocatedMention[] = [];
    tokens.forEach((token, tokenIndex) => {
      // A token is a run of letters; a mention must also be a whole word: no digit glued to it.
      if (isWordChar(text[token.start - 1]) || isWordChar(text[token.end])) return;
      const written = text.slice(token.start, token.end);
      const entry = this.exact.get(written) ?? this.anyCase.get(written.toUpperCase());
      if (!entry) return;
      const line = lineIndex(lineStarts, token.start);
      out.push({
        abbreviation: entry.abbreviation,
        text: written,
        offset: token.start,
        length: written.length,
        line: line + 1,
        column: token.start - lineStarts[line]! + 1,
        snippet: snippet(text, token.start, token.end),
        entry,
        tokenIndex,
      });
    });
    return out;
  }
}

function toMention(m: LocatedMention): Mention {
  const { abbreviation, text, offset, length, line, column, snippet } = m;
  return { abbreviation, text, offset, length, line, column, snippet };
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/** Index of the line holding `offset` (lineStarts ascending, first 0). */
function lineIndex(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function snippet(text: string, start: number, end: number): string {
  const from = Math.max(0, start - SNIPPET_RADIUS);
  const to = Math.min(text.length, end + SNIPPET_RADIUS);
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

function readNote(text: string): NoteText {
  const tokens = noteTokens(text);
  const sentence: number[] = [];
  const clause: number[] = [];
  let s = 0;
  let c = 0;
  tokens.forEach((t, i) => {
    if (i > 0) {
      const gap = text.slice(tokens[i - 1]!.end, t.start);
      if (/[.;!?]\s|\n/.test(gap)) {
        s++;
        c++;
      } else if (/[,:]/.test(gap)) c++;
    }
    sentence.push(s);
    clause.push(c);
  });
  return { tokens, sentence, clause };
}

/** The context score of each meaning around the mention at token index `at`. */
function scoreContext(entry: AbbreviationEntry, note: NoteText, at: number): ContextScore[] {
  const { tokens, sentence, clause } = note;
  let first = Math.max(0, at - CONTEXT_WINDOW);
  let last = Math.min(tokens.length - 1, at + CONTEXT_WINDOW);
  while (sentence[first] !== sentence[at]) first++;
  while (sentence[last] !== sentence[at]) last--;
  // The window's two sides; a phrase must lie within one of them.
  const sides: [number, number][] = [
    [first, at - 1],
    [at + 1, last],
  ];
  return entry.meanings.map((meaning) => {
    let score = 0;
    const words: string[] = [];
    for (const word of meaning.contextWords) {
      let best = 0;
      for (const [from, to] of sides) {
        for (let i = from; i + word.tokens.length - 1 <= to; i++) {
          if (!word.tokens.every((w, k) => tokens[i + k]!.text === w)) continue;
          const sameClause = word.tokens.every((_, k) => clause[i + k] === clause[at]);
          best = Math.max(best, sameClause ? 2 : 1);
        }
      }
      if (best > 0) {
        score += best;
        words.push(word.text);
      }
    }
    return { meaning: meaning.label, score, words };
  });
}

function assessMention(mention: LocatedMention, note: NoteText, billed: string[]): AmbiguityFinding | null {
  const { entry } = mention;
  const billedMeanings: BilledMeaning[] = [];
  for (const m of entry.meanings) {
    const codes = billed.filter((code) => m.codes.some((f) => codeInFamily(code, f)));
    if (codes.length) billedMeanings.push({ meaning: m.label, billedCodes: codes.map(formatIcd10) });
  }
  if (billedMeanings.length === 0) return null;
  const isBilled = (label: string) => billedMeanings.some((b) => b.meaning === label);

  const scores = scoreContext(entry, note, mention.tokenIndex);
  const top = Math.max(...scores.map((s) => s.score));
  const leaders = top > 0 ? scores.filter((s) => s.score === top) : [];

  let kind: AmbiguityFindingKind | null;
  if (leaders.length === 0) {
    const otherDiagnosis = entry.meanings.some((m) => m.kind === 'diagnosis' && !isBilled(m.label));
    kind = otherDiagnosis ? 'ambiguous-unresolved' : null;
  } else if (!leaders.some((l) => isBilled(l.meaning))) kind = 'conflicting-meaning';
  else kind = leaders.every((l) => isBilled(l.meaning)) ? null : 'ambiguous-unresolved';
  if (kind === null) return null;

  const contextMeaning = leaders.length === 1 ? leaders[0]!.meaning : null;
  return {
    ...toMention(mention),
    kind,
    meanings: entry.meanings.map((m) => ({
      label: m.label,
      kind: m.kind,
      codes: m.codes.map((f) => f.display),
    })),
    billedMeanings,
    contextMeaning,
    contextWords: leaders.length === 1 ? leaders[0]!.words : [],
    contextScores: scores.filter((s) => s.score > 0),
    reason: reasonFor(kind, mention, billedMeanings, leaders),
  };
}

function describeMeaning(entry: AbbreviationEntry, label: string): string {
  const m = entry.meanings.find((x) => x.label === label) as AbbreviationMeaning;
  return m.kind === 'diagnosis' ? m.label : `${m.label} (a ${m.kind}, not a diagnosis)`;
}

function reasonFor(
  kind: AmbiguityFindingKind,
  mention: LocatedMention,
  billed: BilledMeaning[],
  leaders: ContextScore[],
): string {
  const { entry } = mention;
  const billedText = billed.map((b) => `${b.meaning} (${b.billedCodes.join(', ')})`).join(' and ');
  const head = `"${mention.text}" is billed as ${billedText}`;
  if (kind === 'conflicting-meaning') {
    const words = [...new Set(leaders.flatMap((l) => l.words))].join(', ');
    const readings = leaders.map((l) => describeMeaning(entry, l.meaning)).join(' or ');
    return (
      `${head}, but the words near it (${words}) point to ${readings}. ` +
      'Check that the record supports the billed code by more than this abbreviation.'
    );
  }
  if (leaders.length === 0) {
    const others = entry.meanings
      .filter((m) => m.kind === 'diagnosis' && !billed.some((b) => b.meaning === m.label))
      .map((m) => m.label)
      .join(' or ');
    return `${head}, but no word near it confirms that reading, and it can also mean ${others}. A coder should confirm the intended meaning.`;
  }
  const fits = leaders
    .map((l) => `${describeMeaning(entry, l.meaning)} (${l.words.join(', ')})`)
    .join(' as much as ');
  return `${head}, but the words near it fit ${fits}. A coder should confirm the intended meaning.`;
}
