/**
 * The abbreviation lexicon: clinical abbreviations that are read more than one way (`MI` is a
 * myocardial infarction or mitral insufficiency), each reading with the ICD-10-CM code families that
 * bill it and the words that, near the abbreviation, favour it. The data lives in
 * rules/lexicon/abbreviations.yaml; docs/lexicon.md describes the schema. This module reads and
 * validates that file; the matcher (abbreviation-matcher.ts) uses it on notes.
 *
 * Validation is complete: every problem in the file is collected, each with its YAML path and line,
 * and reported in one LexiconError, so that a bad edit is fixed in one round.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { formatIcd10, normalizeIcd10 } from '../code-sets/code-normalization.js';
import { phraseTokens } from './note-tokens.js';

/** The lexicon shipped with claimguard. */
export const DEFAULT_ABBREVIATION_LEXICON_PATH = fileURLToPath(
  new URL('../../rules/lexicon/abbreviations.yaml', import.meta.url),
);

export const MEANING_KINDS = ['diagnosis', 'medication', 'procedure', 'finding', 'other'] as const;
/** What a reading is: only a `diagnosis` has ICD-10-CM codes. */
export type MeaningKind = (typeof MEANING_KINDS)[number];

/**
 * A family of ICD-10-CM codes: every code whose first `from.length` characters lie between `from` and
 * `to` inclusive. A plain prefix (`I21`, `I340`) has `from === to`; a range (`I21-I22`) does not.
 */
export interface CodeFamily {
  /** Canonical form, no dots: `I340`, `I21-I22`. */
  text: string;
  /** For people: `I34.0`, `I21-I22`. */
  display: string;
  from: string;
  to: string;
}

export interface ContextWord {
  /** As written in the lexicon (`ST elevation`). */
  text: string;
  /** Lower-case word tokens, matched in sequence (`st`, `elevation`). */
  tokens: string[];
}

export interface AbbreviationMeaning {
  label: string;
  kind: MeaningKind;
  /** Empty unless kind is `diagnosis`. */
  codes: CodeFamily[];
  contextWords: ContextWord[];
}

export interface AbbreviationEntry {
  abbreviation: string;
  /** true: only the exact spelling matches. false: any case of the letters matches. */
  caseSensitive: boolean;
  note: string | null;
  /** Two or more, at least one a diagnosis, in file order. */
  meanings: AbbreviationMeaning[];
  /** Line of the entry in the file (1-based). */
  line: number;
}

export interface AbbreviationLexicon {
  fileName: string;
  version: 1;
  abbreviations: AbbreviationEntry[];
}

/** A lexicon file that cannot be used, with every problem found (`file:line: path: message`). */
export class LexiconError extends Error {
  override readonly name = 'LexiconError';
  constructor(
    readonly fileName: string,
    readonly problems: string[],
  ) {
    super(
      `${fileName}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the abbreviation lexicon:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
  }
}

/** The family a text names, or the reason it names none. */
function checkCodeFamily(raw: string): CodeFamily | string {
  const notFamily = `"${raw}" is not an ICD-10-CM family`;
  const parts = raw.split('-');
  if (parts.length > 2) return notFamily;
  const ends = parts.map((p) => normalizeIcd10(p));
  if (ends.some((e) => e === null)) return notFamily;
  const [from, to = from] = ends as string[];
  if (from.length !== to.length)
    return `${notFamily}: both ends of a range need the same length (${formatIcd10(from)}, ${formatIcd10(to)})`;
  if (from > to) return `${notFamily}: the range runs backwards`;
  if (from === to && parts.length === 2) return `${notFamily}: a range needs two different ends`;
  return from === to
    ? { text: from, display: formatIcd10(from), from, to }
    : { text: `${from}-${to}`, display: `${formatIcd10(from)}-${formatIcd10(to)}`, from, to };
}

/** Reads `I21`, `i34.0`, `I21-I22` as a code family; null when the text is not one. */
export function parseCodeFamily(raw: string): CodeFamily | null {
  const result = checkCodeFamily(raw.trim());
  return typeof result === 'string' ? null : result;
}

/** Whether a canonical ICD-10-CM code (`I214`, see normalizeIcd10) falls in the family. */
export function codeInFamily(code: string, family: CodeFamily): boolean {
  const prefix = code.slice(0, family.from.length);
  return prefix.length === family.from.length && prefix >= family.from && prefix <= family.to;
}

/** Whether some code could fall in both families. */
export function familiesOverlap(a: CodeFamily, b: CodeFamily): boolean {
  const n = Math.min(a.from.length, b.from.length);
  return a.from.slice(0, n) <= b.to.slice(0, n) && b.from.slice(0, n) <= a.to.slice(0, n);
}

/** Reads and validates a lexicon file; throws LexiconError listing every problem. */
export function loadAbbreviationLexicon(
  path: string = DEFAULT_ABBREVIATION_LEXICON_PATH,
): AbbreviationLexicon {
  return parseAbbreviationLexicon(readFileSync(path, 'utf8'), path);
}

/** Validates lexicon YAML text; throws LexiconError listing every problem, each with its line. */
export function parseAbbreviationLexicon(yamlText: string, fileName: string): AbbreviationLexicon {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined): number =>
    offset === undefined ? 1 : lines.linePos(offset).line;
  if (doc.errors.length) {
    throw new LexiconError(
      fileName,
      doc.errors.map((e) => `${fileName}:${lineOf(e.pos[0])}: not valid YAML: ${e.message.split('\n')[0]}`),
    );
  }
  const reader = new LexiconReader(fileName, lineOf);
  const lexicon = reader.readRoot(doc.contents);
  if (reader.problems.length || !lexicon) throw new LexiconError(fileName, reader.problems);
  return lexicon;
}

class LexiconReader {
  readonly problems: string[] = [];

  constructor(
    private readonly fileName: string,
    private readonly lineOf: (offset: number | undefined) => number,
  ) {}

  /** The key of each map value read, so that a problem with a whole value points at its key's line. */
  private readonly keyOf = new WeakMap<Node, Node>();

  private problem(node: Node | null | undefined, path: string, message: string): void {
    const at = (node && this.keyOf.get(node)) ?? node;
    this.problems.push(`${this.fileName}:${this.lineOf(at?.range?.[0])}: ${path}: ${message}`);
  }

  /** The map's value nodes by key, after reporting keys outside `allowed`. */
  private fields(map: YAMLMap, path: string, allowed: readonly string[]): Map<string, Node | null> {
    const out = new Map<string, Node | null>();
    for (const pair of map.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      if (!allowed.includes(key)) {
        this.problem(keyNode, path, `unknown key "${key}" (allowed: ${allowed.join(', ')})`);
        continue;
      }
      const value = (pair.value as Node | null) ?? null;
      if (value && keyNode) this.keyOf.set(value, keyNode);
      out.set(key, value);
    }
    return out;
  }

  private string(node: Node | null | undefined, path: string, parent: Node): string | null {
    if (node === undefined) {
      this.problem(parent, path, 'is required');
      return null;
    }
    if (!isScalar(node) || typeof node.value !== 'string' || !node.value.trim()) {
      this.problem(node ?? parent, path, 'must be a non-empty text');
      return null;
    }
    return node.value.trim();
  }

  readRoot(root: Node | null): AbbreviationLexicon | null {
    if (!isMap(root)) {
      this.problem(root, '(file)', 'must be a map with `version` and `abbreviations`');
      return null;
    }
    const f = this.fields(root, '(file)', ['version', 'abbreviations']);
    const version = f.get('version');
    if (version === undefined) this.problem(root, 'version', 'is required (version: 1)');
    else if (!isScalar(version) || version.value !== 1)
      this.problem(version, 'version', 'must be 1, the only schema version there is');
    const list = f.get('abbreviations');
    if (!isSeq(list) || list.items.length === 0) {
      this.problem(list ?? root, 'abbreviations', 'must be a non-empty list');
      return null;
    }
    const entries: AbbreviationEntry[] = [];
    list.items.forEach((item, i) => {
      const entry = this.readEntry(item as Node | null, `abbreviations[${i}]`, list as Node);
      if (entry) entries.push(entry);
    });
    this.checkDuplicates(entries);
    return { fileName: this.fileName, version: 1, abbreviations: entries };
  }

  private checkDuplicates(entries: AbbreviationEntry[]): void {
    entries.forEach((b, j) => {
      const clash = entries.slice(0, j).find((a) => {
        if (a.abbreviation === b.abbreviation) return true;
        const sameLetters = a.abbreviation.toUpperCase() === b.abbreviation.toUpperCase();
        return sameLetters && (!a.caseSensitive || !b.caseSensitive);
      });
      if (clash)
        this.problems.push(
          `${this.fileName}:${b.line}: abbreviations[${entries.indexOf(b)}].abbreviation: "${b.abbreviation}" ` +
            `duplicates "${clash.abbreviation}" on line ${clash.line}`,
        );
    });
  }

  private readEntry(node: Node | null, path: string, parent: Node): AbbreviationEntry | null {
    if (!isMap(node)) {
      this.problem(node ?? parent, path, 'must be a map with `abbreviation` and `meanings`');
      return null;
    }
    const before = this.problems.length;
    const f = this.fields(node, path, ['abbreviation', 'case_sensitive', 'note', 'meanings']);
    const abbreviation = this.string(f.get('abbreviation'), `${path}.abbreviation`, node);
    if (abbreviation !== null && !/^[A-Za-z]{2,10}$/.test(abbreviation))
      this.problem(
        f.get('abbreviation'),
        `${path}.abbreviation`,
        `"${abbreviation}" must be 2 to 10 ASCII letters`,
      );

    let caseSensitive = true;
    const cs = f.get('case_sensitive');
    if (cs !== undefined) {
      if (isScalar(cs) && typeof cs.value === 'boolean') caseSensitive = cs.value;
      else this.problem(cs ?? node, `${path}.case_sensitive`, 'must be true or false');
    }
    const noteNode = f.get('note');
    const note = noteNode === undefined ? null : this.string(noteNode, `${path}.note`, node);

    const meanings: AbbreviationMeaning[] = [];
    const list = f.get('meanings');
    if (!isSeq(list) || list.items.length < 2) {
      this.problem(
        list ?? node,
        `${path}.meanings`,
        'must list at least two meanings (or it is not ambiguous)',
      );
    } else {
      list.items.forEach((item, i) => {
        const m = this.readMeaning(item as Node | null, `${path}.meanings[${i}]`, list as Node);
        if (m) meanings.push(m);
      });
    }
    this.checkMeanings(meanings, list, path);
    if (this.problems.length > before || abbreviation === null) return null;
    return { abbreviation, caseSensitive, note, meanings, line: this.lineOf(node.range?.[0]) };
  }

  /** Rules across the meanings of one abbreviation. */
  private checkMeanings(meanings: AbbreviationMeaning[], list: Node | null | undefined, path: string): void {
    if (!isSeq(list) || meanings.length < list.items.length) return; // the meanings themselves failed
    const at = (i: number) => list.items[i] as Node;
    if (!meanings.some((m) => m.kind === 'diagnosis'))
      this.problem(
        list,
        `${path}.meanings`,
        'needs at least one diagnosis meaning, or it can never disagree with billed codes',
      );
    meanings.forEach((m, j) => {
      for (let i = 0; i < j; i++) {
        const other = meanings[i]!;
        if (other.label.toLowerCase() === m.label.toLowerCase())
          this.problem(
            at(j),
            `${path}.meanings[${j}].label`,
            `"${m.label}" is already the label of meanings[${i}]`,
          );
        for (const fam of m.codes) {
          const overlap = other.codes.find((o) => familiesOverlap(o, fam));
          if (overlap)
            this.problem(
              at(j),
              `${path}.meanings[${j}].codes`,
              `${fam.display} overlaps ${overlap.display} of meanings[${i}] ("${other.label}")`,
            );
        }
        for (const word of m.contextWords) {
          const key = word.tokens.join(' ');
          if (other.contextWords.some((w) => w.tokens.join(' ') === key))
            this.problem(
              at(j),
              `${path}.meanings[${j}].context_words`,
              `"${word.text}" already favours meanings[${i}] ("${other.label}"); a word may favour one meaning only`,
            );
        }
      }
    });
  }

  private readMeaning(node: Node | null, path: string, parent: Node): AbbreviationMeaning | null {
    if (!isMap(node)) {
      this.problem(node ?? parent, path, 'must be a map with `label` and `codes`');
      return null;
    }
    const before = this.problems.length;
    const f = this.fields(node, path, ['label', 'kind', 'codes', 'context_words']);
    const label = this.string(f.get('label'), `${path}.label`, node);

    let kind: MeaningKind | null = 'diagnosis';
    const kindNode = f.get('kind');
    if (kindNode !== undefined) {
      const k = isScalar(kindNode) ? kindNode.value : null;
      kind =
        typeof k === 'string' && (MEANING_KINDS as readonly string[]).includes(k) ? (k as MeaningKind) : null;
      if (kind === null)
        this.problem(kindNode ?? node, `${path}.kind`, `must be one of ${MEANING_KINDS.join(', ')}`);
    }

    const codes: CodeFamily[] = [];
    const codesNode = f.get('codes');
    if (codesNode === undefined) {
      this.problem(
        node,
        `${path}.codes`,
        'is required (write `codes: []` for a meaning that is not a diagnosis)',
      );
    } else if (!isSeq(codesNode)) {
      this.problem(codesNode ?? node, `${path}.codes`, 'must be a list of ICD-10-CM families');
    } else {
      if (kind === 'diagnosis' && codesNode.items.length === 0)
        this.problem(codesNode, `${path}.codes`, 'a diagnosis needs at least one ICD-10-CM family');
      if (kind !== 'diagnosis' && kind !== null && codesNode.items.length > 0)
        this.problem(codesNode, `${path}.codes`, `must be [] for kind ${kind}: only a diagnosis has codes`);
      codesNode.items.forEach((item, i) => {
        const itemPath = `${path}.codes[${i}]`;
        const c = item as Node | null;
        if (!isScalar(c) || typeof c.value !== 'string') {
          this.problem(
            c ?? codesNode,
            itemPath,
            `${JSON.stringify(isScalar(c) ? c.value : null)} is not an ICD-10-CM family`,
          );
          return;
        }
        const fam = checkCodeFamily(c.value.trim());
        if (typeof fam === 'string') this.problem(c, itemPath, fam);
        else if (codes.some((x) => x.text === fam.text))
          this.problem(c, itemPath, `${fam.display} is listed twice`);
        else codes.push(fam);
      });
    }

    const contextWords: ContextWord[] = [];
    const wordsNode = f.get('context_words');
    if (wordsNode !== undefined) {
      if (!isSeq(wordsNode)) {
        this.problem(wordsNode ?? node, `${path}.context_words`, 'must be a list of words or phrases');
      } else {
        wordsNode.items.forEach((item, i) => {
          const itemPath = `${path}.context_words[${i}]`;
          const w = item as Node | null;
          const text =
            isScalar(w) && (typeof w.value === 'string' || typeof w.value === 'number')
              ? String(w.value)
              : null;
          const tokens = text === null ? [] : phraseTokens(text);
          if (text === null || tokens.length === 0) {
            this.problem(
              w ?? wordsNode,
              itemPath,
              'must be a word or phrase with at least one letter or digit',
            );
            return;
          }
          if (contextWords.some((x) => x.tokens.join(' ') === tokens.join(' ')))
            this.problem(w, itemPath, `"${text}" is listed twice`);
          else contextWords.push({ text, tokens });
        });
      }
    }
    if (this.problems.length > before || label === null || kind === null) return null;
    return { label, kind, codes, contextWords };
  }
}
