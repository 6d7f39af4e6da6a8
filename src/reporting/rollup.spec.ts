import type { CarcCategoryLookup } from './backtest.js';
import type { ClaimReportRow } from './claim-report.js';
import {
  ALL_PROVIDERS,
  addRollup,
  attributedCategories,
  emptyRollup,
  rollupClaims,
  rollupDelta,
  rollupLeakage,
  type RollupRow,
} from './rollup.js';

const lookup: CarcCategoryLookup = {
  categoriesOf: (carc) =>
    ({ '16': ['billing-data', 'documentation'], '197': ['authorization'], '96': ['benefits'] })[carc] ?? [
      'other',
    ],
};

function row(over: Partial<ClaimReportRow>): ClaimReportRow {
  return {
    claimId: 'c',
    month: '2026-03',
    serviceDate: '2026-03-01',
    submittedDate: '2026-03-02',
    payerId: 'P1',
    providerNpi: '1111111111',
    claimType: 'professional',
    patientControlNumber: 'X',
    status: 'paid',
    chargeCents: 10000,
    paidCents: 8000,
    firstPass: 'paid',
    currentOutcome: 'paid',
    firstRemitDate: '2026-04-01',
    denialCarcs: [],
    denialCategory: '',
    denialCategories: [],
    deniedCents: 0,
    flags: [],
    findingCount: 0,
    riskMilli: 50,
    expectedDenialCents: 500,
    underpaidCents: 0,
    missedChargeCents: 0,
    reversedCents: 0,
    reworkCents: 0,
    fixed: false,
    reworkAvoidedCents: 0,
    worked: false,
    appealDeadline: null,
    filingDeadline: null,
    ...over,
  };
}

const auth = {
  ruleId: 'AUTH-REQUIRED',
  category: 'authorization',
  severity: 'block' as const,
  line: null,
  carc: ['197'],
};
const docs = {
  ruleId: 'DOC-MISSING',
  category: 'documentation',
  severity: 'block' as const,
  line: null,
  carc: ['16'],
};

const find = (rows: RollupRow[], kind: string, key: string): RollupRow | undefined =>
  rows.find((r) => r.kind === kind && r.key === key);

describe('rollupClaims', () => {
  const rows = [
    // Paid, clean.
    row({ claimId: 'a' }),
    // Flagged for authorization, denied 197: anticipated.
    row({
      claimId: 'b',
      firstPass: 'denied',
      paidCents: 0,
      denialCarcs: ['197'],
      deniedCents: 10000,
      flags: [auth],
      riskMilli: 900,
    }),
    // Denied 16 with a documentation finding: attributed to documentation, anticipated.
    row({
      claimId: 'c',
      firstPass: 'denied',
      paidCents: 0,
      denialCarcs: ['16'],
      deniedCents: 10000,
      flags: [docs],
    }),
    // Denied 96, no finding: unanticipated benefits denial.
    row({ claimId: 'd', firstPass: 'partial', paidCents: 6000, denialCarcs: ['96'], deniedCents: 3000 }),
    // Flagged for authorization, paid anyway: a false flag.
    row({ claimId: 'e', flags: [auth] }),
    // Still waiting: money at risk.
    row({
      claimId: 'f',
      firstPass: 'pending',
      paidCents: 0,
      firstRemitDate: null,
      flags: [auth],
      expectedDenialCents: 8500,
    }),
    // Replaced: not counted.
    row({ claimId: 'g', status: 'replaced', firstPass: 'pending' }),
  ];
  const out = rollupClaims(rows, lookup);

  it('claim totals: adjudicated, clean, denied, flagged, anticipated, money at risk', () => {
    expect(find(out, 'claim', '')).toMatchObject({
      claims: 6,
      adjudicated: 5,
      clean: 2,
      denied: 3,
      flagged: 3,
      flaggedDenied: 2,
      anticipated: 2,
      chargeCents: 60000,
      paidCents: 8000 + 6000 + 8000,
      deniedCents: 23000,
      anticipatedCents: 20000,
      amountCents: 8500,
      predictedMilli: 50 + 900 + 50 + 50 + 50,
    });
  });

  it('categories: precision counts adjudicated flags, recall counts attributed denials', () => {
    expect(find(out, 'category', 'authorization')).toMatchObject({
      flagged: 2,
      flaggedDenied: 1,
      flaggedMatching: 1,
      denied: 1,
      anticipated: 1,
      amountCents: 10000,
    });
    expect(find(out, 'category', 'documentation')).toMatchObject({ denied: 1, anticipated: 1 });
    expect(find(out, 'category', 'billing-data')).toBeUndefined();
    expect(find(out, 'category', 'benefits')).toMatchObject({ denied: 1, anticipated: 0, deniedCents: 3000 });
  });

  it('rules are kept per payer only, CARCs with anticipated counts', () => {
    expect(find(out, 'rule', 'AUTH-REQUIRED')).toMatchObject({
      providerNpi: '',
      claimType: '',
      flagged: 2,
      flaggedDenied: 1,
      flaggedMatching: 1,
    });
    expect(find(out, 'carc', '96')).toMatchObject({ denied: 1, anticipated: 0 });
    expect(find(out, 'carc', '197')).toMatchObject({ denied: 1, anticipated: 1, deniedCents: 10000 });
  });

  it('splits by payer, provider and claim type', () => {
    const two = rollupClaims([row({ claimId: 'x' }), row({ claimId: 'y', payerId: 'P2' })], lookup);
    expect(
      two
        .filter((r) => r.kind === 'claim' && r.providerNpi !== ALL_PROVIDERS)
        .map((r) => [r.payerId, r.claims]),
    ).toEqual([
      ['P1', 1],
      ['P2', 1],
    ]);
  });

  it('also sums every row over providers (provider *), rule rows excepted', () => {
    const two = rollupClaims(
      [row({ claimId: 'x' }), row({ claimId: 'y', providerNpi: '2222222222', flags: [auth] })],
      lookup,
    );
    const all = two.filter((r) => r.providerNpi === ALL_PROVIDERS);
    expect(find(all, 'claim', '')).toMatchObject({ claims: 2, flagged: 1, chargeCents: 20000 });
    expect(find(all, 'category', 'authorization')).toMatchObject({ flagged: 1 });
    expect(two.filter((r) => r.kind === 'rule').map((r) => r.providerNpi)).toEqual(['']);
    // A provider without an NPI ('') is a provider like any other: it is in the sums.
    const noNpi = rollupClaims([row({ claimId: 'z', providerNpi: '' })], lookup);
    expect(
      find(
        noNpi.filter((r) => r.providerNpi === ALL_PROVIDERS),
        'claim',
        '',
      ),
    ).toMatchObject({ claims: 1 });
  });

  it('sums of rollups add every measure', () => {
    const a = { ...emptyRollup('m', 'p', 'n', 't', 'claim', ''), claims: 2, deniedCents: 5 };
    const b = { ...emptyRollup('m', 'p', 'n', 't', 'claim', ''), claims: 3, deniedCents: 7 };
    expect(addRollup(a, b)).toMatchObject({ claims: 5, deniedCents: 12 });
  });
});

describe('attributedCategories', () => {
  it('takes the category a finding pointed at, else the primary one, once per category', () => {
    expect(attributedCategories(['16'], new Set(['documentation']), lookup)).toEqual(['documentation']);
    expect(attributedCategories(['16'], new Set(), lookup)).toEqual(['billing-data']);
    expect(attributedCategories(['16', '197', '197'], new Set(), lookup)).toEqual([
      'billing-data',
      'authorization',
    ]);
  });
});

describe('rollupLeakage and rollupDelta', () => {
  const item = (kind: string, amountCents: number, payerId = 'P1') => ({
    month: '2026-03',
    payerId,
    providerNpi: 'N',
    claimType: 'professional',
    kind,
    category: 'contract',
    amountCents,
  });

  it('sums items per kind:category and dimensions', () => {
    const rows = rollupLeakage([item('underpayment', 600), item('underpayment', 50), item('rework', 2500)]);
    expect(rows.filter((r) => r.providerNpi === 'N').map((r) => [r.key, r.claims, r.amountCents])).toEqual([
      ['underpayment:contract', 2, 650],
      ['rework:contract', 1, 2500],
    ]);
  });

  it('the delta of a change: what to add so the stored sums equal a rebuild', () => {
    const before = rollupLeakage([item('underpayment', 600), item('rework', 2500)]);
    const after = rollupLeakage([item('underpayment', 450), item('denial', 9000, 'P2')]);
    const delta = rollupDelta(before, after);
    expect(
      delta.filter((d) => d.providerNpi === 'N').map((d) => [d.payerId, d.key, d.claims, d.amountCents]),
    ).toEqual([
      ['P1', 'underpayment:contract', 0, -150],
      ['P2', 'denial:contract', 1, 9000],
      ['P1', 'rework:contract', -1, -2500],
    ]);
    // stored + delta = after, key by key (stored = before here).
    const id = (r: RollupRow) => `${r.key}|${r.payerId}|${r.providerNpi}`;
    const stored = new Map(before.map((r) => [id(r), { ...r }]));
    for (const d of delta) {
      const s = stored.get(id(d)) ?? { ...d, claims: 0, amountCents: 0 };
      s.claims += d.claims;
      s.amountCents += d.amountCents;
      stored.set(id(d), s);
    }
    const nonZero = [...stored.values()].filter((r) => r.claims !== 0 || r.amountCents !== 0);
    expect(nonZero.map((r) => [r.payerId, r.providerNpi, r.key, r.claims, r.amountCents]).sort()).toEqual(
      after.map((r) => [r.payerId, r.providerNpi, r.key, r.claims, r.amountCents]).sort(),
    );
    expect(rollupDelta(after, after)).toEqual([]);
  });
});
