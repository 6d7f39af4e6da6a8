/**
 * Bundling facts: NCCI procedure-to-procedure (PTP) edits between the lines of one claim on the same
 * date of service (ctx.tables.ncciPairs; earlier claims are not searched). The column-2 code of a pair
 * is not paid with the column-1 code: with modifier indicator 0 never; with indicator 1 unless the
 * column-2 line carries an NCCI-associated modifier (NCCI policy manual, chapter I):
 * - 59, XE, XS, XP, XU (distinct procedural service), 91 (repeat clinical laboratory test), 24, 58,
 *   78, 79 (global surgery), 27 (multiple outpatient hospital E/M encounters);
 * - 25 and 57, only when the column-2 code is an E/M visit;
 * - an anatomic modifier (E1-E4, FA, F1-F9, TA, T1-T9, LT, RT, LC, LD, LM, RC, RI) that the
 *   column-1 line does not also carry (the same site on both lines does not make them distinct).
 * Indicator 9 pairs are not applied.
 */
import type { ClaimContext, LineRef } from '../claim-context.js';
import { defineFact, type FactDefinition } from '../fact.js';
import { claimData, EMPTY, lastOf } from './basic-facts.js';
import { isEvaluationAndManagement } from './coding-facts.js';

/** NCCI-associated modifiers that bypass an indicator-1 pair whatever the codes. */
export const NCCI_BYPASS_MODIFIERS: ReadonlySet<string> = new Set([
  '59',
  'XE',
  'XS',
  'XP',
  'XU',
  '91',
  '24',
  '27',
  '58',
  '78',
  '79',
]);
/** Bypass an indicator-1 pair only when the column-2 code is an E/M visit. */
export const NCCI_EM_MODIFIERS: ReadonlySet<string> = new Set(['25', '57']);
/** Anatomic modifiers: bypass when the column-1 line does not carry the same one. */
export const NCCI_ANATOMIC_MODIFIERS: ReadonlySet<string> = new Set([
  'E1',
  'E2',
  'E3',
  'E4',
  'FA',
  'F1',
  'F2',
  'F3',
  'F4',
  'F5',
  'F6',
  'F7',
  'F8',
  'F9',
  'TA',
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'LT',
  'RT',
  'LC',
  'LD',
  'LM',
  'RC',
  'RI',
]);

interface LineBundling {
  column1Codes: readonly string[];
  details: readonly string[];
}

const NONE: LineBundling = { column1Codes: EMPTY, details: EMPTY };

function bypassed(
  column2Mods: readonly string[],
  column1Mods: readonly string[],
  column2IsEm: boolean,
): boolean {
  for (const m of column2Mods) {
    if (NCCI_BYPASS_MODIFIERS.has(m)) return true;
    if (column2IsEm && NCCI_EM_MODIFIERS.has(m)) return true;
    if (NCCI_ANATOMIC_MODIFIERS.has(m) && !column1Mods.includes(m)) return true;
  }
  return false;
}

const lineBundling = lastOf((ctx: ClaimContext): readonly LineBundling[] => {
  const lines = claimData(ctx.claim).lines;
  if (lines.length < 2) return lines.map(() => NONE);
  const out: LineBundling[] = lines.map(() => NONE);
  lines.forEach((col1, j) => {
    if (col1.procedureCode === '' || col1.serviceDate === null) return;
    const pairs = ctx.tables.ncciPairs(col1.procedureCode, col1.serviceDate);
    if (pairs.length === 0) return;
    lines.forEach((col2, i) => {
      if (i === j || col2.serviceDate !== col1.serviceDate || col2.procedureCode === '') return;
      for (const pair of pairs) {
        if (pair.column2 !== col2.procedureCode || pair.modifierIndicator === 9) continue;
        if (
          pair.modifierIndicator === 1 &&
          bypassed(col2.modifiers, col1.modifiers, isEvaluationAndManagement(col2.procedureCode))
        )
          continue;
        const prev = out[i]!;
        const number = ctx.claim.lines[j]!.lineNumber;
        const why =
          pair.modifierIndicator === 0
            ? 'modifier indicator 0: no modifier allows the pair'
            : 'modifier indicator 1: no NCCI-associated modifier on the column-2 line';
        out[i] = {
          column1Codes: prev.column1Codes.includes(col1.procedureCode)
            ? prev.column1Codes
            : [...prev.column1Codes, col1.procedureCode],
          details: [
            ...prev.details,
            `${col2.procedureCode} is bundled into ${col1.procedureCode} (line ${number}) on ${col1.serviceDate}, ${why}`,
          ],
        };
        break;
      }
    });
  });
  return out;
});

function bundlingOf(ctx: ClaimContext, line: LineRef | null): LineBundling {
  return lineBundling(ctx)[(line as LineRef).index]!;
}

export const BUNDLING_FACTS: readonly FactDefinition[] = [
  defineFact<readonly string[]>({
    name: 'line.ncciColumn1Codes',
    scope: 'line',
    type: 'string[]',
    description:
      "The procedure codes billed on other lines of the claim on the same date that an NCCI PTP edit bundles this line's code into (this line is column 2), and that no allowed modifier separates.",
    compute: (ctx, line) => bundlingOf(ctx, line).column1Codes,
  }),
  defineFact<readonly string[]>({
    name: 'line.ncciEditDetails',
    scope: 'line',
    type: 'string[]',
    description:
      'For each edit behind line.ncciColumn1Codes: the pair, the column-1 line number, the date and why no modifier allows it.',
    compute: (ctx, line) => bundlingOf(ctx, line).details,
  }),
];
