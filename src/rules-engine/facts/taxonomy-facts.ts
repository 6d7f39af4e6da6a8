/**
 * Provider taxonomy facts (PRV03): a taxonomy code sent in a shape no NUCC code has is rejected by
 * payers that route or price on it. The NUCC list itself is licensed, so only the shape is checked
 * unless a customer installs its licensed list (docs/code-sets.md).
 */
import type { Claim, Provider } from '../../x12/index.js';
import type { ClaimContext } from '../claim-context.js';
import { defineFact, type FactDefinition } from '../fact.js';
import { EMPTY, memoize } from './basic-facts.js';

/** Every taxonomy code sent for a provider, with where it was sent. */
function taxonomies(claim: Claim): { label: string; code: string }[] {
  const out: { label: string; code: string }[] = [];
  const add = (p: Provider | null, where: string): void => {
    const code = p?.taxonomy.trim() ?? '';
    if (p !== null && code !== '') out.push({ label: `${p.role} (${where})`, code });
  };
  add(claim.billingProvider, '2000A PRV');
  for (const p of claim.providers) if (p !== claim.billingProvider) add(p, '2310 PRV');
  for (const l of claim.lines) for (const p of l.providers) add(p, `line ${l.lineNumber} PRV`);
  return out;
}

const TAXONOMY_SHAPE = /^[0-9]{3}[0-9A-Z]{6}X$/;

const invalidTaxonomies = memoize((ctx: ClaimContext): readonly string[] => {
  let out: string[] | null = null;
  for (const { label, code } of taxonomies(ctx.claim)) {
    // Fast path: the common well-formed code needs no lookup and no sentence.
    if (TAXONOMY_SHAPE.test(code) && !ctx.codeSets.hasLicensedList('taxonomy')) continue;
    const answer = ctx.codeSets.taxonomy(code);
    if (answer.status === 'valid' || answer.status === 'format-only') continue;
    out ??= [];
    out.push(`${label}: ${answer.message}`);
  }
  return out ?? EMPTY;
});

export const TAXONOMY_FACTS: readonly FactDefinition[] = [
  defineFact({
    name: 'claim.invalidTaxonomies',
    scope: 'claim',
    type: 'string[]',
    description:
      'Provider taxonomy codes (PRV03) on the claim that are malformed, or not on the licensed NUCC list when one is installed, each with its provider role, loop and the reason.',
    compute: (ctx) => invalidTaxonomies(ctx),
  }),
  defineFact({
    name: 'claim.billingTaxonomy',
    scope: 'claim',
    type: 'string',
    description: "The billing provider's taxonomy code (2000A PRV03), '' when none was sent.",
    compute: (ctx) => ctx.claim.billingProvider?.taxonomy.trim() ?? '',
  }),
];
