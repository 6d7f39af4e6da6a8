/**
 * The fact list of rules/README.md, generated from the fact registry. `test/rules/readme-facts.spec.ts`
 * fails when the README's list is out of date; `UPDATE_RULES_README=1 npm test -- test/rules` rewrites it.
 */
import type { FactDefinition } from './fact.js';

export const FACT_LIST_BEGIN = '<!-- facts:begin (generated from src/rules-engine/facts; do not edit) -->';
export const FACT_LIST_END = '<!-- facts:end -->';

function cell(text: string): string {
  return text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** A Markdown table of the facts, by name: fact, scope, type, source, description. */
export function renderFactList(facts: readonly FactDefinition[]): string {
  if (facts.length === 0) return '_No facts are registered yet._\n';
  const rows = [...facts]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(
      (f) => `| \`${f.name}\` | ${f.scope} | ${cell(f.type)} | ${f.source ?? '—'} | ${cell(f.description)} |`,
    );
  return [
    '| Fact | Scope | Type | Source | Description |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** The README with its generated fact list replaced (the markers must be there). */
export function replaceFactList(readme: string, facts: readonly FactDefinition[]): string {
  const begin = readme.indexOf(FACT_LIST_BEGIN);
  const end = readme.indexOf(FACT_LIST_END);
  if (begin < 0 || end < begin) throw new Error('rules/README.md has no fact list markers');
  return `${readme.slice(0, begin + FACT_LIST_BEGIN.length)}\n\n${renderFactList(facts)}\n${readme.slice(end)}`;
}

/** Problems with the registry itself: duplicate names, a line fact not named `line.*` or the reverse. */
export function factRegistryProblems(facts: readonly FactDefinition[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const f of facts) {
    if (seen.has(f.name)) problems.push(`${f.name}: two facts have this name`);
    seen.add(f.name);
    if ((f.scope === 'line') !== f.name.startsWith('line.')) {
      problems.push(
        `${f.name}: a ${f.scope} fact ${f.scope === 'line' ? 'must' : 'must not'} be named line.*`,
      );
    }
    if (f.description.trim() === '') problems.push(`${f.name}: no description`);
  }
  return problems;
}
