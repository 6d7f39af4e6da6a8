import { loadRiskConfig, priorModel } from '../reporting/risk-model.js';
import type { Claim } from '../x12/index.js';
import {
  buildAnalyzeReport,
  type ReportFinding,
  renderReportCsv,
  renderReportTable,
} from './analyze-report.js';

function claim(pcn: string, lines: number[], payer = 'P1'): Claim {
  return {
    patientControlNumber: pcn,
    payer: { id: payer },
    subscriber: { memberId: `M-${pcn}` },
    totalCharge: lines.reduce((a, b) => a + b, 0),
    serviceDateFrom: '2026-01-10',
    lines: lines.map((charge, i) => ({ lineNumber: i + 1, charge })),
  } as unknown as Claim;
}

function finding(over: Partial<ReportFinding>): ReportFinding {
  return {
    ruleId: 'AUTH-REQUIRED',
    ruleVersion: 1,
    category: 'authorization',
    severity: 'block',
    carc: ['197'],
    rarc: [],
    line: 1,
    message: 'needs an authorization, "A-1" expired',
    fix: 'get one',
    evidence: { 'line.procedureCode': '73721' },
    ...over,
  };
}

/** Priors chosen for round numbers: block 0.9, warn 0.3, a base rate of unexplained denials of 0.1. */
const MODEL = priorModel({
  ...loadRiskConfig(),
  severityPriors: { block: 0.9, warn: 0.3 },
  categoryPriors: {},
  baseRatePrior: 0.1,
});

describe('buildAnalyzeReport', () => {
  const sut = buildAnalyzeReport(
    '2026-01-20',
    { version: 'abc123', rules: 40 },
    [
      {
        claimId: 'C1',
        claim: claim('C1', [10_000, 2_550]),
        findings: [finding({})],
        notChecked: ['documentation'],
      },
      { claimId: 'C2', claim: claim('C2', [5_000]), findings: [], notChecked: [] },
      {
        claimId: 'C3',
        claim: claim('C3', [20_000]),
        findings: [
          finding({
            ruleId: 'TF-LIMIT',
            category: 'timely-filing',
            severity: 'warn',
            line: null,
            carc: ['29'],
          }),
          finding({ ruleId: 'DOC-MISSED-CHARGE', category: 'documentation', severity: 'info', carc: [] }),
        ],
        notChecked: [],
      },
    ],
    [
      {
        file: 'bad.x12',
        code: 'X12_INVALID_DATE',
        message: 'DTP03 is not a date',
        line: 14,
        byteOffset: 512,
      },
    ],
    MODEL,
  );

  it('summarises claims, flagged claims, categories and charges at risk exactly', () => {
    expect(sut.summary).toEqual({
      claims: 3,
      flaggedClaims: 2,
      byCategory: { authorization: 1, documentation: 1, 'timely-filing': 1 },
      chargesAtRisk: '300.00',
    });
    expect(sut.claims[0]).toMatchObject({
      claimId: 'C1',
      payerId: 'P1',
      memberId: 'M-C1',
      totalCharge: '125.50',
      serviceDate: '2026-01-10',
      // 1 − (1 − 0.1)(1 − 0.9) = 0.91; line 1: 100.00 × 0.91, line 2: 25.50 × the base rate 0.1.
      risk: { score: 0.91, expectedDenialAmount: '93.55' },
      notChecked: ['documentation'],
    });
    // No finding: the base rate alone. A claim-level warn: 1 − 0.9 × 0.7 = 0.37 of every line.
    expect(sut.claims[1]!.risk).toEqual({ score: 0.1, expectedDenialAmount: '5.00' });
    expect(sut.claims[2]!.risk).toEqual({ score: 0.37, expectedDenialAmount: '74.00' });
    expect(sut.errors).toHaveLength(1);
  });

  it('renders a table with the most expected denial first, and the input errors', () => {
    const lines = renderReportTable(sut).split('\n');
    expect(lines[0]).toBe('as of 2026-01-20; rule set abc123 (40 rules)');
    expect(lines[1]).toBe('3 claims, 2 flagged, charges at risk 300.00');
    const rows = lines.filter((l) => /^C\d/.test(l));
    expect(rows.map((r) => r.slice(0, 2))).toEqual(['C1', 'C3']);
    expect(rows[0]).toContain('BLOCK AUTH-REQUIRED (CARC 197) line 1: needs an authorization');
    expect(lines).toContain('not checked (no data loaded): documentation');
    expect(lines).toContain('  bad.x12 line 14 byte 512: DTP03 is not a date [X12_INVALID_DATE]');
  });

  it('renders CSV with one row per finding and quotes what needs quoting', () => {
    const rows = renderReportCsv(sut).trimEnd().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toBe(
      'C1,P1,M-C1,2026-01-10,125.50,0.910,93.55,AUTH-REQUIRED,1,authorization,block,197,,1,"needs an authorization, ""A-1"" expired",get one',
    );
  });
});
