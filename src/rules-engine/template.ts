/**
 * Message templates: `{{fact.name}}` quotes a fact's value (rules/README.md, "Messages"). Parsed and
 * compiled once per rule; rendering is a concatenation.
 */
import type { FactValue } from './fact.js';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The text between placeholders and the fact names quoted, in order (texts.length === names.length + 1). */
export interface ParsedTemplate {
  texts: string[];
  names: string[];
}

export function parseTemplate(source: string): ParsedTemplate {
  const texts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    texts.push(source.slice(last, m.index));
    names.push(m[1]!);
    last = m.index + m[0].length;
  }
  texts.push(source.slice(last));
  return { texts, names };
}

/** The distinct fact names a template quotes. */
export function templateFacts(source: string): string[] {
  return [...new Set(parseTemplate(source).names)];
}

/** Integer cents as dollars with thousands separators: 123450 → `1,234.50`. */
export function formatDollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.round(Math.abs(cents));
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = abs % 100;
  return `${sign}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/**
 * A fact value as message text: null (and an empty list) `(none)`, lists joined with `, `, numbers of
 * a fact whose name ends with `Cents` as dollars, booleans `yes`/`no`, mappings as JSON.
 */
export function formatFactValue(name: string, value: FactValue | undefined): string {
  return formatOne(value, name.endsWith('Cents'));
}

function formatOne(value: FactValue | undefined, cents: boolean): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return cents ? formatDollars(value) : String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    return value.map((v: FactValue) => formatOne(v, cents)).join(', ');
  }
  return JSON.stringify(value);
}

/**
 * Compiles a template against a value reader: `read(name)` gives, once, the function that reads the
 * fact named `name` from an evaluation environment `E`.
 */
export function compileTemplate<E>(
  source: string,
  read: (name: string) => (env: E) => FactValue,
): (env: E) => string {
  const { texts, names } = parseTemplate(source);
  if (names.length === 0) {
    const text = texts[0]!;
    return () => text;
  }
  const readers = names.map(read);
  return (env) => {
    let out = texts[0]!;
    for (let i = 0; i < readers.length; i++) {
      out += formatFactValue(names[i]!, readers[i]!(env)) + texts[i + 1]!;
    }
    return out;
  };
}
