import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { codeInFamily, loadAbbreviationLexicon } from '../../src/lexicon/abbreviation-lexicon.js';
import { projectRoot } from './corpus-files.js';

/**
 * Every ICD-10-CM family in rules/lexicon/abbreviations.yaml must name codes that exist in FY2026: a
 * plain family must start at least one code, and both ends of a range must. The code set comes from
 * the shared reference data beside the project (../shared/refdata/icd10cm), which a plain clone lacks;
 * then the suite says so and is skipped.
 */
const refdataFile = resolve(projectRoot, '..', 'shared', 'refdata', 'icd10cm', 'icd10cm_2026.tsv.gz');
const refdataAvailable = existsSync(refdataFile);

if (!refdataAvailable) {
  const why = `SKIPPED: ${refdataFile} not found (a plain clone has no ../shared); lexicon families not checked`;
  process.stderr.write(`[lexicon-families] ${why}\n`);
  describe('lexicon code families (shared refdata)', () => {
    it.skip(why, () => undefined);
  });
}

const describeRefdata = refdataAvailable ? describe : describe.skip;

describeRefdata('lexicon code families against FY2026 ICD-10-CM (../shared/refdata/icd10cm)', () => {
  let codes: string[];

  beforeAll(() => {
    const rows = gunzipSync(readFileSync(refdataFile)).toString('utf8').split('\n');
    expect(rows[0]).toBe('code\tbillable\tshort_description\tlong_description');
    codes = rows
      .slice(1)
      .filter((r) => r.length > 0)
      .map((r) => r.slice(0, r.indexOf('\t')));
  });

  it('reads the whole FY2026 order file', () => {
    expect(codes).toHaveLength(98_186);
  });

  it('finds FY2026 codes in every family of every meaning', () => {
    const lexicon = loadAbbreviationLexicon(join(projectRoot, 'rules', 'lexicon', 'abbreviations.yaml'));
    const starts = (prefix: string) => codes.some((c) => c.startsWith(prefix));
    const empty: string[] = [];
    let checked = 0;
    for (const entry of lexicon.abbreviations) {
      for (const meaning of entry.meanings) {
        for (const family of meaning.codes) {
          checked++;
          const ok = starts(family.from) && starts(family.to) && codes.some((c) => codeInFamily(c, family));
          if (!ok) empty.push(`${entry.abbreviation} / ${meaning.label}: ${family.display}`);
        }
      }
    }
    expect(empty).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(60);
  });
});
