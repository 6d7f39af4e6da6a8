/**
 * Units facts: medically unlikely edits (ctx.tables.mue). With adjudication indicator 1 each line's
 * units are compared with the limit; with 2 (absolute date-of-service edit) or 3 (clinical
 * date-of-service edit) the units of every line of the claim with the same code and date of service
 * are added up, and the excess is reported once, on the first of those lines.
 */
import type { ClaimContext, LineRef, MueLimit } from '../claim-context.js';
import { defineFact, type FactDefinition } from '../fact.js';
import { claimData, lastOf } from './basic-facts.js';

interface LineMue {
  limit: MueLimit | null;
  counted: number;
  over: number;
}

const lineMue = lastOf((ctx: ClaimContext): readonly LineMue[] => {
  const lines = claimData(ctx.claim).lines;
  return lines.map((ld, i): LineMue => {
    const limit =
      ld.procedureCode === '' || ld.serviceDate === null
        ? null
        : ctx.tables.mue(ld.procedureCode, ld.serviceDate);
    if (limit === null) return { limit, counted: ld.units, over: 0 };
    if (limit.adjudicationIndicator === 1)
      return { limit, counted: ld.units, over: Math.max(0, ld.units - limit.maxUnits) };
    let counted = 0;
    let first = -1;
    lines.forEach((other, j) => {
      if (other.procedureCode !== ld.procedureCode || other.serviceDate !== ld.serviceDate) return;
      counted += other.units;
      if (first === -1) first = j;
    });
    return { limit, counted, over: first === i ? Math.max(0, counted - limit.maxUnits) : 0 };
  });
});

function mueOf(ctx: ClaimContext, line: LineRef | null): LineMue {
  return lineMue(ctx)[(line as LineRef).index]!;
}

export const UNITS_FACTS: readonly FactDefinition[] = [
  defineFact<number | null>({
    name: 'line.mueLimit',
    scope: 'line',
    type: 'number',
    description:
      "The medically unlikely edit's maximum units for the line's procedure code on its date of service, or null when no MUE applies.",
    compute: (ctx, line) => mueOf(ctx, line).limit?.maxUnits ?? null,
  }),
  defineFact<number | null>({
    name: 'line.mueAdjudicationIndicator',
    scope: 'line',
    type: 'number',
    description:
      "The MUE adjudication indicator for the line's code: 1 line edit, 2 date-of-service edit (absolute), 3 date-of-service edit (clinical), or null when no MUE applies.",
    compute: (ctx, line) => mueOf(ctx, line).limit?.adjudicationIndicator ?? null,
  }),
  defineFact<number>({
    name: 'line.mueUnitsCounted',
    scope: 'line',
    type: 'number',
    description:
      "The units the MUE is judged on: the line's own units (indicator 1, or no MUE), or the units of every line of the claim with the same code and date (indicators 2 and 3).",
    compute: (ctx, line) => mueOf(ctx, line).counted,
  }),
  defineFact<number>({
    name: 'line.mueUnitsOverLimit',
    scope: 'line',
    type: 'number',
    description:
      'How many units line.mueUnitsCounted exceeds the MUE limit by (0 when within it or no MUE applies); for a date-of-service edit only the first line of the code on that date carries the excess.',
    compute: (ctx, line) => mueOf(ctx, line).over,
  }),
];
