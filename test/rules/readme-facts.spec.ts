/**
 * rules/README.md lists every fact; the list is generated from the registry (ALL_FACTS). This fails
 * when the list is out of date; `UPDATE_RULES_README=1 npm test -- test/rules/readme-facts.spec.ts`
 * rewrites it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as prettier from 'prettier';
import { factRegistryProblems, replaceFactList } from '../../src/rules-engine/fact-docs.js';
import { ALL_FACTS } from '../../src/rules-engine/facts/index.js';

const README = resolve(import.meta.dirname, '..', '..', 'rules', 'README.md');

describe('rules/README.md fact list', () => {
  it('is generated from the fact registry', async () => {
    const current = readFileSync(README, 'utf8');
    // Formatted as `npm run format` would (Prettier aligns the table), so that both agree.
    const options = (await prettier.resolveConfig(README)) ?? {};
    const wanted = await prettier.format(replaceFactList(current, ALL_FACTS), {
      ...options,
      filepath: README,
    });
    if (process.env.UPDATE_RULES_README === '1' && wanted !== current) writeFileSync(README, wanted);
    else if (wanted !== current) {
      throw new Error(
        'rules/README.md lists other facts than ALL_FACTS: run UPDATE_RULES_README=1 npm test -- test/rules/readme-facts.spec.ts',
      );
    }
  });

  it('has a consistent registry (unique names, line facts named line.*, descriptions)', () => {
    expect(factRegistryProblems(ALL_FACTS)).toEqual([]);
  });
});
