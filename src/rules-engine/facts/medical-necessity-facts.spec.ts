import type { ClaimContext, DiagnosisCoverage } from '../claim-context.js';
import { MEDICAL_NECESSITY_FACTS } from './medical-necessity-facts.js';
import {
  claimFixture,
  contextFixture,
  diagnosesFixture,
  factValue,
  linesFixture,
  procedureFixture,
  tablesFixture,
} from './testing/claim-fixture.js';

const v = (name: string, ctx: ClaimContext, line?: number) =>
  factValue(MEDICAL_NECESSITY_FACTS, name, ctx, line);

const policy = (
  payerId: string,
  code: string,
  families: string[],
  end: string | null = null,
): DiagnosisCoverage => ({
  payerId,
  procedureCode: code,
  coveredDiagnoses: families,
  effectiveStart: '2024-01-01',
  effectiveEnd: end,
});

const tables = tablesFixture({
  diagnosisCoverage: [
    policy('*', '73721', ['M17', 'M25']),
    policy('TESTPAYER', '73721', ['S83', 'M17']),
    policy('OTHER', '73721', ['Z00']),
    policy('*', '97110', ['M'], '2025-12-31'),
  ],
});

describe('medical necessity facts', () => {
  const claim = claimFixture({
    diagnoses: diagnosesFixture('J06.9', 'S83.241A', 'M25.561'),
    lines: linesFixture(
      { procedure: procedureFixture('73721'), diagnosisPointers: [1] },
      { procedure: procedureFixture('73721'), diagnosisPointers: [1, 2] },
      { procedure: procedureFixture('73721'), diagnosisPointers: [] },
      { procedure: procedureFixture('99213'), diagnosisPointers: [1] },
      { procedure: procedureFixture('97110'), diagnosisPointers: [1] },
    ),
  });
  const ctx = contextFixture({ claim, tables });

  it('unites the all-payer and the payer policies in force', () => {
    expect(v('line.hasCoveragePolicy', ctx, 0)).toBe(true);
    expect(v('line.coveredDiagnosisFamilies', ctx, 0)).toEqual(['M17', 'M25', 'S83']);
    expect(v('line.coverageCheckedDiagnoses', ctx, 0)).toEqual(['J069']);
    expect(v('line.diagnosisSupportsProcedure', ctx, 0)).toBe(false);
  });

  it('is supported when any pointed diagnosis falls in a family', () => {
    expect(v('line.diagnosisSupportsProcedure', ctx, 1)).toBe(true);
  });

  it("judges a line without pointers on the claim's diagnoses", () => {
    expect(v('line.coverageCheckedDiagnoses', ctx, 2)).toEqual(['J069', 'S83241A', 'M25561']);
    expect(v('line.diagnosisSupportsProcedure', ctx, 2)).toBe(true);
  });

  it('answers no policy for other codes and expired policies', () => {
    for (const i of [3, 4]) {
      expect(v('line.hasCoveragePolicy', ctx, i)).toBe(false);
      expect(v('line.coveredDiagnosisFamilies', ctx, i)).toEqual([]);
      expect(v('line.coverageCheckedDiagnoses', ctx, i)).toEqual([]);
      expect(v('line.diagnosisSupportsProcedure', ctx, i)).toBe(true);
    }
  });
});
