import { loadCarcCategories } from './carc-categories.js';
import {
  buildClaimReport,
  decodeFlags,
  encodeFlags,
  type ClaimReportInput,
  type ReportContext,
  type StoredFindingFact,
} from './claim-report.js';
import { loadRiskConfig, priorModel } from './risk-model.js';
import type { PaymentFact } from './types.js';

const carcs = loadCarcCategories();
const model = priorModel(loadRiskConfig());

function context(over: Partial<ReportContext> = {}): ReportContext {
  return {
    carcs,
    model,
    payerTerms: () => ({ appealDays: 60, timelyFilingDays: 90 }),
    // 99213 at $80.00 a unit, 36415 at $9.00; nothing else.
    rates: () => (code) => (code === '99213' ? 8000 : code === '36415' ? 900 : null),
    reworkCents: (type) => (type === 'institutional' ? 11800 : 2500),
    ...over,
  };
}

function claim(over: Partial<ClaimReportInput> = {}): ClaimReportInput {
  return {
    claimId: 'c1',
    claimType: 'professional',
    patientControlNumber: 'PCN1',
    status: 'submitted',
    chargeCents: 20000,
    payerId: 'P1',
    providerNpi: '1234567893',
    serviceDate: '2026-03-10',
    submittedDate: '2026-03-12',
    lines: [
      {
        lineNumber: 1,
        procedureCode: '99213',
        modifiers: [],
        units: 1,
        chargeCents: 15000,
        serviceDate: '2026-03-10',
      },
      {
        lineNumber: 2,
        procedureCode: '36415',
        modifiers: [],
        units: 1,
        chargeCents: 5000,
        serviceDate: '2026-03-10',
      },
    ],
    payments: [],
    findings: [],
    flaggedAt: null,
    flaggedRiskMilli: 0,
    resubmittedOn: null,
    ...over,
  };
}

const denial = (date: string, carc: string, group = 'CO'): PaymentFact => ({
  date,
  statusCode: '4',
  isReversal: false,
  chargeCents: 20000,
  paidCents: 0,
  patientResponsibilityCents: 0,
  adjustments: [{ group, carc, amountCents: 20000 }],
  services: [],
});

function paid(date: string, allowed: [number, number], paidCents: [number, number]): PaymentFact {
  const line = (n: number, code: string, charge: number, i: 0 | 1) => ({
    lineNumber: n,
    procedureCode: code,
    modifiers: [],
    units: 1,
    chargeCents: charge,
    paidCents: paidCents[i],
    allowedCents: allowed[i],
    serviceDate: '2026-03-10',
    adjustments: [{ group: 'CO', carc: '45', amountCents: charge - allowed[i] }],
  });
  return {
    date,
    statusCode: '1',
    isReversal: false,
    chargeCents: 20000,
    paidCents: paidCents[0] + paidCents[1],
    patientResponsibilityCents: 0,
    adjustments: [],
    services: [line(1, '99213', 15000, 0), line(2, '36415', 5000, 1)],
  };
}

const finding = (over: Partial<StoredFindingFact>): StoredFindingFact => ({
  ruleId: 'AUTH-REQUIRED',
  category: 'authorization',
  severity: 'block',
  line: null,
  carc: ['197'],
  unbilledProcedures: [],
  ...over,
});

describe('buildClaimReport', () => {
  it('an unworked denial: the denied amount, its category, an appeal deadline and the rework cost', () => {
    const { row, items } = buildClaimReport(
      claim({ payments: [denial('2026-04-01', '27', 'PR')] }),
      context(),
    );
    expect(row).toMatchObject({
      month: '2026-03',
      firstPass: 'denied',
      denialCarcs: ['27'],
      denialCategory: 'eligibility',
      deniedCents: 20000,
      worked: false,
      appealDeadline: '2026-05-31',
      // Still unpaid and not worked: the claim must be corrected within the filing limit.
      filingDeadline: '2026-06-08',
      reworkCents: 2500,
    });
    expect(items.map((i) => [i.kind, i.amountCents, i.deadline])).toEqual([
      ['denial', 20000, '2026-05-31'],
      ['rework', 2500, null],
    ]);
  });

  it('a denial corrected by a later submission is worked: rework cost stays, the denial item goes', () => {
    const { row, items } = buildClaimReport(
      claim({ payments: [denial('2026-04-01', '27', 'PR')], resubmittedOn: '2026-04-03' }),
      context(),
    );
    expect(row.worked).toBe(true);
    expect(row.appealDeadline).toBeNull();
    expect(row.filingDeadline).toBeNull();
    expect(items.map((i) => i.kind)).toEqual(['rework']);
  });

  it('a late-filing denial is a timely-filing write-off, not an appealable denial', () => {
    const { row, items } = buildClaimReport(claim({ payments: [denial('2026-04-01', '29')] }), context());
    expect(row.denialCategory).toBe('timely-filing');
    expect(row.appealDeadline).toBeNull();
    expect(items.map((i) => [i.kind, i.amountCents])).toEqual([
      ['timely-filing', 20000],
      ['rework', 2500],
    ]);
  });

  it('an ambiguous CARC is attributed to the category a finding pointed at', () => {
    const docs = finding({ ruleId: 'DOC-MISSING', category: 'documentation', carc: ['16'] });
    const withFinding = buildClaimReport(
      claim({ payments: [denial('2026-04-01', '16')], findings: [docs] }),
      context(),
    );
    expect(withFinding.row.denialCategory).toBe('documentation');
    const without = buildClaimReport(claim({ payments: [denial('2026-04-01', '16')] }), context());
    expect(without.row.denialCategory).toBe('billing-data');
  });

  it('underpaid lines against the contract, per line, exact cents', () => {
    // 99213 contract 8000, allowed 7400: 600 short; 36415 contract 900, allowed 900.
    const { row, items } = buildClaimReport(
      claim({ payments: [paid('2026-04-01', [7400, 900], [7400, 900])] }),
      context(),
    );
    expect(row.firstPass).toBe('paid');
    expect(row.underpaidCents).toBe(600);
    expect(items).toEqual([
      expect.objectContaining({ kind: 'underpayment', lineNumber: 1, amountCents: 600 }),
    ]);
  });

  it('missed charges valued at the contract rate; unknown rates are listed at 0', () => {
    const missed = finding({
      ruleId: 'DOC-MISSED-CHARGE',
      category: 'documentation',
      severity: 'info',
      carc: [],
      unbilledProcedures: ['36415', '93000'],
    });
    const { row, items } = buildClaimReport(claim({ findings: [missed] }), context());
    expect(row.missedChargeCents).toBe(900);
    expect(items.filter((i) => i.kind === 'missed-charge').map((i) => i.amountCents)).toEqual([900, 0]);
    // An info finding neither flags the claim nor adds risk beyond the base rate.
    expect(row.flags).toEqual([]);
    expect(row.findingCount).toBe(0);
  });

  it('a reversal followed by a correction leaks only what was not paid again', () => {
    const first = paid('2026-04-01', [8000, 900], [8640, 900]);
    const reversal: PaymentFact = {
      ...first,
      date: '2026-05-01',
      statusCode: '22',
      isReversal: true,
      chargeCents: -20000,
      paidCents: -9540,
      services: [],
    };
    const corrected = paid('2026-05-01', [8000, 900], [8000, 900]);
    const { row, items } = buildClaimReport(claim({ payments: [first, reversal, corrected] }), context());
    expect(row.reversedCents).toBe(9540);
    expect(row.paidCents).toBe(8900);
    expect(items.filter((i) => i.kind === 'reversal').map((i) => i.amountCents)).toEqual([640]);
  });

  it('a claim flagged earlier and clean now, not denied: fixed, rework avoided = risk then × cost', () => {
    const { row, items } = buildClaimReport(
      claim({ flaggedAt: '2026-03-12T10:00:00.000Z', flaggedRiskMilli: 850 }),
      context(),
    );
    expect(row.fixed).toBe(true);
    expect(row.reworkAvoidedCents).toBe(2125);
    expect(items.map((i) => [i.kind, i.amountCents])).toEqual([['rework-avoided', 2125]]);
  });

  it('a waiting claim: risk from its findings, money at risk, and the filing limit', () => {
    const { row } = buildClaimReport(claim({ findings: [finding({})] }), context());
    expect(row.firstPass).toBe('pending');
    expect(row.riskMilli).toBeGreaterThan(800);
    expect(row.expectedDenialCents).toBeGreaterThan(16000);
    expect(row.expectedDenialCents).toBeLessThanOrEqual(20000);
    expect(row.filingDeadline).toBe('2026-06-08');
    expect(row.flags).toEqual([
      { ruleId: 'AUTH-REQUIRED', category: 'authorization', severity: 'block', line: null, carc: ['197'] },
    ]);
  });

  it('replaced and voided claims carry no risk, deadlines, reversal or rework avoided', () => {
    const first = paid('2026-04-01', [8000, 900], [8000, 900]);
    const reversal: PaymentFact = {
      ...first,
      statusCode: '22',
      isReversal: true,
      paidCents: -8900,
      services: [],
    };
    const { row, items } = buildClaimReport(
      claim({
        status: 'replaced',
        findings: [],
        payments: [first, reversal],
        flaggedAt: '2026-03-12T10:00:00.000Z',
        flaggedRiskMilli: 850,
      }),
      context(),
    );
    expect(row).toMatchObject({
      riskMilli: 0,
      expectedDenialCents: 0,
      filingDeadline: null,
      worked: true,
      fixed: false,
      reworkAvoidedCents: 0,
      reversedCents: 8900,
    });
    // The payer undid the replaced claim's payment to pay its successor: not money lost.
    expect(items).toEqual([]);
  });
  it('institutional denials cost the institutional rework figure', () => {
    const { row } = buildClaimReport(
      claim({ claimType: 'institutional', payments: [denial('2026-04-01', '197')] }),
      context(),
    );
    expect(row.reworkCents).toBe(11800);
  });
});

describe('flags encoding', () => {
  it('round-trips rule, category, severity and CARCs', () => {
    const flags = [
      { ruleId: 'A-B', category: 'coding', severity: 'warn' as const, line: null, carc: ['16', 'B7'] },
      { ruleId: 'C', category: 'units', severity: 'block' as const, line: null, carc: [] },
    ];
    expect(decodeFlags(encodeFlags(flags))).toEqual(flags);
    expect(decodeFlags('')).toEqual([]);
  });
});
