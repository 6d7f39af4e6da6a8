/**
 * Medical-necessity facts: does a payer coverage policy (rules/tables/diagnosis-coverage.csv, through
 * ctx.tables.diagnosisCoverage) list which diagnoses support the line's procedure, and does one of the
 * line's diagnoses fall in those families. Every policy in force for the payer applies ('*' rows and
 * the payer's own rows add up), so a diagnosis any of them lists supports the procedure.
 */
import type { ClaimContext, LineRef } from '../claim-context.js';
import { defineFact, type FactDefinition } from '../fact.js';
import { claimData, EMPTY, lastOf } from './basic-facts.js';

interface LineCoverage {
  hasPolicy: boolean;
  families: readonly string[];
  checkedDiagnoses: readonly string[];
  supported: boolean;
}

const NO_POLICY: LineCoverage = {
  hasPolicy: false,
  families: EMPTY,
  checkedDiagnoses: EMPTY,
  supported: true,
};

function familyKey(family: string): string {
  return family.replace('.', '').trim().toUpperCase();
}

const lineCoverage = lastOf((ctx: ClaimContext): readonly LineCoverage[] => {
  const data = claimData(ctx.claim);
  const payerId = ctx.claim.payer.id;
  return data.lines.map((ld): LineCoverage => {
    if (ld.procedureCode === '' || ld.serviceDate === null) return NO_POLICY;
    const policies = ctx.tables.diagnosisCoverage(payerId, ld.procedureCode, ld.serviceDate);
    if (policies.length === 0) return NO_POLICY;
    const families: string[] = [];
    for (const p of policies)
      for (const f of p.coveredDiagnoses) {
        const key = familyKey(f);
        if (key !== '' && !families.includes(key)) families.push(key);
      }
    // The line's own diagnoses; a line without pointers (institutional) is judged on the claim's.
    const checked = ld.diagnosisCodes.length > 0 ? ld.diagnosisCodes : data.diagnosisCodes;
    const supported = checked.some((code) => families.some((f) => code.startsWith(f)));
    return { hasPolicy: true, families, checkedDiagnoses: checked, supported };
  });
});

function coverageOf(ctx: ClaimContext, line: LineRef | null): LineCoverage {
  return lineCoverage(ctx)[(line as LineRef).index]!;
}

export const MEDICAL_NECESSITY_FACTS: readonly FactDefinition[] = [
  defineFact<boolean>({
    name: 'line.hasCoveragePolicy',
    scope: 'line',
    type: 'boolean',
    description:
      "Whether a diagnosis coverage policy (the claim's payer's, or one for every payer) is in force for the line's procedure on its date of service.",
    compute: (ctx, line) => coverageOf(ctx, line).hasPolicy,
  }),
  defineFact<readonly string[]>({
    name: 'line.coveredDiagnosisFamilies',
    scope: 'line',
    type: 'string[]',
    description:
      "The ICD-10-CM families (prefixes, no dot) the coverage policies in force list as supporting the line's procedure; empty when no policy applies.",
    compute: (ctx, line) => coverageOf(ctx, line).families,
  }),
  defineFact<readonly string[]>({
    name: 'line.coverageCheckedDiagnoses',
    scope: 'line',
    type: 'string[]',
    description:
      "The diagnoses judged against the coverage policy: the ones the line points at, or the claim's when the line has no pointers; empty when no policy applies.",
    compute: (ctx, line) => coverageOf(ctx, line).checkedDiagnoses,
  }),
  defineFact<boolean>({
    name: 'line.diagnosisSupportsProcedure',
    scope: 'line',
    type: 'boolean',
    description:
      "Whether one of line.coverageCheckedDiagnoses falls in a family the coverage policy lists for the line's procedure; true when no policy applies.",
    compute: (ctx, line) => coverageOf(ctx, line).supported,
  }),
];
