import type { ClaimContext, NcciPair } from '../claim-context.js';
import { BUNDLING_FACTS } from './bundling-facts.js';
import {
  claimFixture,
  contextFixture,
  factValue,
  linesFixture,
  procedureFixture,
  tablesFixture,
} from './testing/claim-fixture.js';

const v = (name: string, ctx: ClaimContext, line?: number) => factValue(BUNDLING_FACTS, name, ctx, line);

const pair = (
  column1: string,
  column2: string,
  modifierIndicator: 0 | 1 | 9,
  end: string | null = null,
): NcciPair => ({
  column1,
  column2,
  modifierIndicator,
  effectiveStart: '2000-01-01',
  effectiveEnd: end,
});

const tables = tablesFixture({
  ncciPairs: [
    pair('93000', '93010', 0),
    pair('29881', '29877', 1),
    pair('96372', '99211', 1),
    pair('20610', '76942', 9),
    pair('97140', '97124', 1, '2019-12-31'),
  ],
});

function run(...lines: [string, string[]?, string?][]): ClaimContext {
  return contextFixture({
    claim: claimFixture({
      lines: linesFixture(
        ...lines.map(([code, mods, date]) => ({
          procedure: procedureFixture(code, mods ?? []),
          ...(date ? { serviceDate: date } : {}),
        })),
      ),
    }),
    tables,
  });
}

describe('NCCI PTP facts', () => {
  it('indicator 0: fires on the column-2 line whatever the modifiers', () => {
    const ctx = run(['93000'], ['93010', ['59']]);
    expect(v('line.ncciColumn1Codes', ctx, 0)).toEqual([]);
    expect(v('line.ncciColumn1Codes', ctx, 1)).toEqual(['93000']);
    expect(v('line.ncciEditDetails', ctx, 1)).toEqual([
      '93010 is bundled into 93000 (line 1) on 2026-01-10, modifier indicator 0: no modifier allows the pair',
    ]);
  });

  it('indicator 1: fires without an NCCI-associated modifier on the column-2 line', () => {
    expect(v('line.ncciColumn1Codes', run(['29877'], ['29881']), 0)).toEqual(['29881']);
    expect(v('line.ncciEditDetails', run(['29881'], ['29877']), 1)).toEqual([
      '29877 is bundled into 29881 (line 1) on 2026-01-10, modifier indicator 1: no NCCI-associated modifier on the column-2 line',
    ]);
    // The modifier on the column-1 line does not count.
    expect(v('line.ncciColumn1Codes', run(['29881', ['59']], ['29877']), 1)).toEqual(['29881']);
  });

  it.each([['59'], ['XS'], ['XE'], ['XP'], ['XU'], ['91'], ['79'], ['LT']])(
    'indicator 1: %s on the column-2 line allows the pair',
    (mod) => {
      expect(v('line.ncciColumn1Codes', run(['29881'], ['29877', [mod]]), 1)).toEqual([]);
    },
  );

  it('anatomic modifiers separate only different sites', () => {
    expect(v('line.ncciColumn1Codes', run(['29881', ['RT']], ['29877', ['RT']]), 1)).toEqual(['29881']);
    expect(v('line.ncciColumn1Codes', run(['29881', ['RT']], ['29877', ['LT']]), 1)).toEqual([]);
  });

  it('25 allows the pair only for an E/M in column 2', () => {
    expect(v('line.ncciColumn1Codes', run(['96372'], ['99211', ['25']]), 1)).toEqual([]);
    expect(v('line.ncciColumn1Codes', run(['96372'], ['99211']), 1)).toEqual(['96372']);
    expect(v('line.ncciColumn1Codes', run(['29881'], ['29877', ['25']]), 1)).toEqual(['29881']);
  });

  it('ignores indicator 9, other dates, and pairs no longer in force', () => {
    expect(v('line.ncciColumn1Codes', run(['20610'], ['76942']), 1)).toEqual([]);
    expect(
      v('line.ncciColumn1Codes', run(['93000', [], '2026-01-10'], ['93010', [], '2026-01-11']), 1),
    ).toEqual([]);
    expect(v('line.ncciColumn1Codes', run(['97140'], ['97124']), 1)).toEqual([]);
  });

  it('lists each column-1 code once, with every edit', () => {
    const ctx = run(['93000'], ['93000'], ['93010']);
    expect(v('line.ncciColumn1Codes', ctx, 2)).toEqual(['93000']);
    expect(v('line.ncciEditDetails', ctx, 2)).toHaveLength(2);
  });
});
