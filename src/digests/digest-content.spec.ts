import type { NewDenialRow } from './digest-content.js';
import * as sut from './digest-content.js';
import { ALERTS, digestReport } from './testing/digest-report.fixture.js';

const denial = (over: Partial<NewDenialRow>): NewDenialRow => ({
  claimId: '0190a5a1-0000-7000-8000-000000000001',
  payerId: 'P1',
  billingNpi: '1234567893',
  firstRemitDate: '2026-03-01',
  firstPass: 'denied',
  deniedCents: 100,
  denialCarcs: ['16'],
  denialCategories: ['coding'],
  ...over,
});

describe('summarizeNewDenials', () => {
  const label = (carc: string) =>
    ({ '16': 'Missing information', '50': 'Not medically necessary' })[carc] ?? null;

  it('totals claims and denied cents exactly (integers, no rounding)', () => {
    const s = sut.summarizeNewDenials(
      [denial({ deniedCents: 1 }), denial({ claimId: 'b', deniedCents: 999_999_999_99 })],
      label,
    );
    expect([s.claims, s.deniedCents]).toEqual([2, 1_000_000_000_00]);
  });

  it('counts a claim under each of its categories and each of its CARCs once', () => {
    const s = sut.summarizeNewDenials(
      [
        denial({
          claimId: 'a',
          deniedCents: 300,
          denialCarcs: ['16', '50', '16'],
          denialCategories: ['coding', 'medical-necessity'],
        }),
        denial({
          claimId: 'b',
          deniedCents: 500,
          payerId: 'P2',
          denialCarcs: ['50'],
          denialCategories: ['medical-necessity'],
        }),
      ],
      label,
    );
    expect(s.byCategory).toEqual([
      { key: 'medical-necessity', label: '', claims: 2, deniedCents: 800 },
      { key: 'coding', label: '', claims: 1, deniedCents: 300 },
    ]);
    expect(s.topCarcs).toEqual([
      { key: '50', label: 'Not medically necessary', claims: 2, deniedCents: 800 },
      { key: '16', label: 'Missing information', claims: 1, deniedCents: 300 },
    ]);
    expect(s.byPayer).toEqual([
      { key: 'P2', label: '', claims: 1, deniedCents: 500 },
      { key: 'P1', label: '', claims: 1, deniedCents: 300 },
    ]);
  });

  it('keeps the top CARCs only (most claims, then most money, then code), with an empty label for unknown codes', () => {
    const rows = ['1', '2', '3', '4'].map((carc, i) =>
      denial({ claimId: `c${i}`, denialCarcs: [carc], deniedCents: 100 * (i + 1) }),
    );
    rows.push(denial({ claimId: 'c9', denialCarcs: ['1'], deniedCents: 1 }));
    const s = sut.summarizeNewDenials(rows, label, 3);
    expect(s.topCarcs.map((c) => [c.key, c.claims, c.deniedCents, c.label])).toEqual([
      ['1', 2, 101, ''],
      ['4', 1, 400, ''],
      ['3', 1, 300, ''],
    ]);
  });

  it('lists every denial, largest first, ties by date then claim id', () => {
    const s = sut.summarizeNewDenials(
      [
        denial({ claimId: 'z', deniedCents: 10, firstRemitDate: '2026-03-02' }),
        denial({ claimId: 'y', deniedCents: 10, firstRemitDate: '2026-03-01' }),
        denial({ claimId: 'x', deniedCents: 10, firstRemitDate: '2026-03-02' }),
        denial({ claimId: 'w', deniedCents: 99 }),
      ],
      label,
    );
    expect(s.rows.map((r) => r.claimId)).toEqual(['w', 'y', 'x', 'z']);
  });

  it('answers zeros and empty tables without denials', () => {
    expect(sut.summarizeNewDenials([], label)).toEqual({
      claims: 0,
      deniedCents: 0,
      byCategory: [],
      byPayer: [],
      topCarcs: [],
      rows: [],
    });
  });
});

describe('summarizeDeadlines', () => {
  it('totals the alerts and splits them by kind', () => {
    const appeal = { ...ALERTS[0]!, id: 'x', kind: 'appeal' as const, chargeCents: 7, atRiskCents: 3 };
    const s = sut.summarizeDeadlines([ALERTS[0]!, appeal]);
    expect({ count: s.count, chargeCents: s.chargeCents, atRiskCents: s.atRiskCents }).toEqual({
      count: 2,
      chargeCents: 50_007,
      atRiskCents: 12_348,
    });
    expect(s.byKind).toEqual({
      filing: { count: 1, chargeCents: 50_000, atRiskCents: 12_345 },
      appeal: { count: 1, chargeCents: 7, atRiskCents: 3 },
    });
    expect(s.alerts).toHaveLength(2);
  });
});

describe('digestSummary', () => {
  it('holds the headline figures of the digest', () => {
    expect(sut.digestSummary(digestReport())).toEqual({
      kind: 'daily',
      periodFrom: '2026-03-01',
      periodTo: '2026-03-01',
      today: '2026-03-02',
      denials: 2,
      deniedCents: 123_461,
      atRiskClaims: 3,
      atRiskCents: 250_001,
      awaitingClaims: 40,
      awaitingAtRiskCents: 1_000_000_00,
      leakageCents: 398_750,
      reworkAvoidedCents: 9_900,
      deadlines: 1,
      filingDeadlines: 1,
      appealDeadlines: 0,
      deadlineAtRiskCents: 12_345,
      topCategory: 'coding',
    });
  });
});
