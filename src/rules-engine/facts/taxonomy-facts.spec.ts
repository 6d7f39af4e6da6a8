import type { Claim, Provider } from '../../x12/index.js';
import type { ClaimContext } from '../claim-context.js';
import { CodeSetRegistry } from '../../code-sets/code-set-registry.js';
import { TAXONOMY_FACTS } from './taxonomy-facts.js';

const fact = (name: string) => TAXONOMY_FACTS.find((f) => f.name === name)!;

function provider(role: Provider['role'], taxonomy: string): Provider {
  return { role, taxonomy, npi: '1234567893' } as Provider;
}

function ctx(billingTaxonomy: string, renderingTaxonomy = '', lineTaxonomy = ''): ClaimContext {
  const billing = provider('billing', billingTaxonomy);
  const claim = {
    billingProvider: billing,
    providers: renderingTaxonomy ? [provider('rendering', renderingTaxonomy)] : [],
    lines: [{ lineNumber: 1, providers: lineTaxonomy ? [provider('rendering', lineTaxonomy)] : [] }],
  } as unknown as Claim;
  return { claim, codeSets: new CodeSetRegistry() } as unknown as ClaimContext;
}

describe('taxonomy facts', () => {
  it('lists malformed taxonomy codes with role and loop, and nothing for well-formed ones', () => {
    const sut = fact('claim.invalidTaxonomies');
    expect(sut.compute(ctx('207Q00000X', '207R00000X'), null)).toEqual([]);
    const bad = sut.compute(ctx('207Q0000X', '', '2O7R00000X'), null) as string[];
    expect(bad).toHaveLength(2);
    expect(bad[0]).toMatch(/^billing \(2000A PRV\): /);
    expect(bad[1]).toMatch(/^rendering \(line 1 PRV\): /);
  });

  it("answers the billing provider's taxonomy, '' when none", () => {
    const sut = fact('claim.billingTaxonomy');
    expect(sut.compute(ctx(' 207Q00000X '), null)).toBe('207Q00000X');
    expect(sut.compute(ctx(''), null)).toBe('');
  });
});
