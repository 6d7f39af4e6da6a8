import type { ClaimContext, MueLimit } from '../claim-context.js';
import {
  claimFixture,
  contextFixture,
  factValue,
  linesFixture,
  procedureFixture,
  tablesFixture,
} from './testing/claim-fixture.js';
import { UNITS_FACTS } from './units-facts.js';

const v = (name: string, ctx: ClaimContext, line?: number) => factValue(UNITS_FACTS, name, ctx, line);

const mue = (code: string, maxUnits: number, adjudicationIndicator: 1 | 2 | 3): MueLimit => ({
  code,
  maxUnits,
  adjudicationIndicator,
  effectiveStart: '2020-01-01',
  effectiveEnd: null,
});

const tables = tablesFixture({ mue: [mue('J1885', 8, 1), mue('97110', 4, 3), mue('99213', 1, 2)] });

function run(...lines: [string, number | null, string?][]): ClaimContext {
  return contextFixture({
    claim: claimFixture({
      lines: linesFixture(
        ...lines.map(([code, units, date]) => ({
          procedure: procedureFixture(code),
          units,
          ...(date ? { serviceDate: date } : {}),
        })),
      ),
    }),
    tables,
  });
}

const all = (ctx: ClaimContext, i: number) => ({
  limit: v('line.mueLimit', ctx, i),
  indicator: v('line.mueAdjudicationIndicator', ctx, i),
  counted: v('line.mueUnitsCounted', ctx, i),
  over: v('line.mueUnitsOverLimit', ctx, i),
});

describe('MUE facts', () => {
  it('indicator 1 judges each line on its own', () => {
    const ctx = run(['J1885', 10], ['J1885', 8]);
    expect(all(ctx, 0)).toEqual({ limit: 8, indicator: 1, counted: 10, over: 2 });
    expect(all(ctx, 1)).toEqual({ limit: 8, indicator: 1, counted: 8, over: 0 });
  });

  it('indicators 2 and 3 add the units of the code on the date, excess on the first line', () => {
    const ctx = run(['97110', 3], ['99213', null], ['97110', 2], ['97110', 4, '2026-01-11']);
    expect(all(ctx, 0)).toEqual({ limit: 4, indicator: 3, counted: 5, over: 1 });
    expect(all(ctx, 1)).toEqual({ limit: 1, indicator: 2, counted: 1, over: 0 });
    expect(all(ctx, 2)).toEqual({ limit: 4, indicator: 3, counted: 5, over: 0 });
    expect(all(ctx, 3)).toEqual({ limit: 4, indicator: 3, counted: 4, over: 0 });
  });

  it('answers null limits when no MUE applies', () => {
    const ctx = run(['36415', 3], ['99213', 2, '2019-06-01']);
    expect(all(ctx, 0)).toEqual({ limit: null, indicator: null, counted: 3, over: 0 });
    expect(all(ctx, 1)).toEqual({ limit: null, indicator: null, counted: 2, over: 0 });
  });
});
