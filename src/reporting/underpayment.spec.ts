import { adjudicate, adjudicationRates, type ClpOut } from '../simulator/adjudication.js';
import type { SimClaim } from '../simulator/encounters.js';
import { PAYERS, PROCEDURES, procedure } from '../simulator/practice.js';
import { Rng } from '../simulator/rng.js';
import { contractRateLookup, lineUnderpayments, type ContractRateRow, type RateOf } from './underpayment.js';
import type { ServicePaymentFact } from './types.js';

function svc(fields: Partial<ServicePaymentFact>): ServicePaymentFact {
  return {
    lineNumber: 1,
    procedureCode: '99213',
    modifiers: [],
    units: 1,
    chargeCents: 11500,
    paidCents: 0,
    allowedCents: null,
    serviceDate: '2026-01-12',
    adjustments: [],
    ...fields,
  };
}

const fixedRate =
  (cents: number | null): RateOf =>
  () =>
    cents;

describe('lineUnderpayments', () => {
  it('compares the reported allowed amount (AMT B6) with rate × units', () => {
    // Contract 71.30 per unit; 2 units = 142.60; the payer allowed 128.34: short 14.26.
    const s = svc({ lineNumber: 3, units: 2, chargeCents: 23000, paidCents: 10267, allowedCents: 12834 });
    expect(lineUnderpayments([s], fixedRate(7130))).toEqual([
      {
        lineNumber: 3,
        procedureCode: '99213',
        expectedCents: 14260,
        actualCents: 12834,
        shortfallCents: 1426,
        basis: 'allowed',
      },
    ]);
  });

  it('uses paid + patient responsibility (PR) without AMT B6', () => {
    // Contract 71.30; paid 45.04 + PR-2 11.26 + PR-3 10.00 = 66.30 allowed: short 5.00. CO-45 is not counted.
    const s = svc({
      paidCents: 4504,
      adjustments: [
        { group: 'CO', carc: '45', amountCents: 5200 },
        { group: 'PR', carc: '2', amountCents: 1126 },
        { group: 'PR', carc: '3', amountCents: 1000 },
      ],
    });
    expect(lineUnderpayments([s], fixedRate(7130))).toEqual([
      {
        lineNumber: 1,
        procedureCode: '99213',
        expectedCents: 7130,
        actualCents: 6630,
        shortfallCents: 500,
        basis: 'paid+patient',
      },
    ]);
  });

  it('rounds rate × units to cents once (fractional units)', () => {
    // 33.33 × 1.5 = 49.995 → 50.00; allowed 49.00: short 1.00.
    const s = svc({ units: 1.5, paidCents: 3920, allowedCents: 4900 });
    expect(lineUnderpayments([s], fixedRate(3333))[0]).toMatchObject({
      expectedCents: 5000,
      shortfallCents: 100,
    });
  });

  it('counts one unit when units are missing or not positive', () => {
    const rows = lineUnderpayments(
      [
        svc({ units: null, paidCents: 5000, allowedCents: 6000 }),
        svc({ units: 0, paidCents: 5000, allowedCents: 6000 }),
      ],
      fixedRate(7130),
    );
    expect(rows.map((r) => [r.expectedCents, r.shortfallCents])).toEqual([
      [7130, 1130],
      [7130, 1130],
    ]);
  });

  it('expects no more than the charge (lesser of charge and contract)', () => {
    // Charge 60.00 below the contract 71.30: expected 60.00; allowed 55.00, short 5.00.
    const s = svc({ chargeCents: 6000, paidCents: 4400, allowedCents: 5500 });
    expect(lineUnderpayments([s], fixedRate(7130))[0]).toMatchObject({
      expectedCents: 6000,
      shortfallCents: 500,
    });
  });

  it('skips unpaid lines, lines without a rate, and lines at or above the contract', () => {
    const rows = lineUnderpayments(
      [
        svc({ lineNumber: 1, paidCents: 0, allowedCents: null }), // denied
        svc({ lineNumber: 2, paidCents: -5704, allowedCents: -7130 }), // a reversal's line
        svc({ lineNumber: 3, paidCents: 5704, allowedCents: 7130 }), // at the contract
        svc({ lineNumber: 4, paidCents: 6000, allowedCents: 7500 }), // above
        svc({ lineNumber: 5, procedureCode: '99999', paidCents: 5000, allowedCents: 5000 }), // no rate
        svc({ lineNumber: null, paidCents: 5000, allowedCents: 7129 }), // short 1 cent, unmatched line
      ],
      (code) => (code === '99999' ? null : 7130),
    );
    expect(rows).toEqual([
      {
        lineNumber: null,
        procedureCode: '99213',
        expectedCents: 7130,
        actualCents: 7129,
        shortfallCents: 1,
        basis: 'allowed',
      },
    ]);
  });

  it('asks the rate with the first modifier and the line date', () => {
    const asked: string[] = [];
    lineUnderpayments(
      [
        svc({ modifiers: ['26', 'LT'], paidCents: 100, serviceDate: '2026-02-03' }),
        svc({ modifiers: [], paidCents: 100, serviceDate: null }),
      ],
      (code, modifier, date) => {
        asked.push(`${code}|${modifier}|${date}`);
        return null;
      },
    );
    expect(asked).toEqual(['99213|26|2026-02-03', '99213||null']);
  });
});

describe('contractRateLookup', () => {
  const row = (fields: Partial<ContractRateRow>): ContractRateRow => ({
    payerId: 'TESTPAYER',
    procedureCode: '73562',
    modifier: '',
    allowedCents: 5000,
    effectiveStart: '2024-01-01',
    effectiveEnd: null,
    ...fields,
  });
  const rates: ContractRateRow[] = [
    row({ allowedCents: 5000, effectiveStart: '2024-01-01', effectiveEnd: '2025-12-31' }),
    row({ allowedCents: 5200, effectiveStart: '2026-01-01' }),
    row({ allowedCents: 5300, effectiveStart: '2026-07-01', effectiveEnd: '' }),
    row({ modifier: '26', allowedCents: 1100, effectiveStart: '2025-01-01', effectiveEnd: '2026-03-31' }),
    row({ payerId: 'OTHER', allowedCents: 9900 }),
  ];
  const rateOf = contractRateLookup(rates, ' testpayer ');

  it('picks the row effective on the service date, ends inclusive, the latest start winning', () => {
    expect(rateOf('73562', '', '2023-12-31')).toBeNull();
    expect(rateOf('73562', '', '2024-01-01')).toBe(5000);
    expect(rateOf('73562', '', '2025-12-31')).toBe(5000);
    expect(rateOf('73562', '', '2026-01-01')).toBe(5200);
    expect(rateOf('73562', '', '2026-06-30')).toBe(5200);
    // From 2026-07-01 two open rows overlap: the later start wins.
    expect(rateOf('73562', '', '2026-07-01')).toBe(5300);
    expect(rateOf('73562', '', '2030-01-01')).toBe(5300);
  });

  it('prefers an exact modifier, else the any-modifier row', () => {
    expect(rateOf('73562', '26', '2026-03-31')).toBe(1100);
    expect(rateOf('73562', '26', '2026-04-01')).toBe(5200); // the 26 row ended
    expect(rateOf('73562', 'TC', '2026-03-01')).toBe(5200);
    expect(rateOf(' 73562 ', '26 ', '2025-06-01')).toBe(1100);
  });

  it('answers null for another code, another payer, or no service date', () => {
    expect(rateOf('73030', '', '2026-03-01')).toBeNull();
    expect(rateOf('73562', '', null)).toBeNull();
    expect(contractRateLookup(rates, 'NOBODY')('73562', '', '2026-03-01')).toBeNull();
    expect(contractRateLookup(rates, 'OTHER')('73562', '', '2026-03-01')).toBe(9900);
  });
});

describe("the simulator's underpayments", () => {
  /** contracts.csv as the simulator writes it: one row per payer and code, any modifier, from 2024-01-01. */
  const contractRows: ContractRateRow[] = PAYERS.flatMap((payer) =>
    Object.values(PROCEDURES).map((p) => ({
      payerId: payer.id,
      procedureCode: p.code,
      modifier: '',
      allowedCents: Math.round(p.chargeCents * payer.feeRate),
      effectiveStart: '2024-01-01',
      effectiveEnd: null,
    })),
  );
  const codes = ['99213', '99214', '36415', '80053', '93000', '20610', 'J3301', '73562', '97110'];

  function simClaim(i: number): SimClaim {
    const rng = new Rng(`claim-${i}`);
    const lines = Array.from({ length: rng.int(1, 4) }, () => {
      const code = rng.pick(codes);
      const units = code === 'J3301' ? rng.int(1, 8) : rng.int(1, 2);
      return {
        code,
        modifiers: [],
        units,
        chargeCents: procedure(code).chargeCents * units,
        pointers: [1],
        revenueCode: '',
      };
    });
    return {
      id: `C${String(i).padStart(6, '0')}`,
      type: 'professional',
      payer: PAYERS[i % PAYERS.length]!,
      sequence: 'P',
      subscriber: { lastName: 'DOE', firstName: 'JANE', memberId: 'M1' },
      location: { placeOfService: '11' },
      serviceDate: `2026-0${1 + (i % 6)}-15`,
      lines,
      defects: [],
    } as unknown as SimClaim;
  }

  function services(clp: ClpOut): ServicePaymentFact[] {
    return clp.lines.map((l, i) => ({
      lineNumber: i + 1,
      procedureCode: l.code,
      modifiers: [...l.modifiers],
      units: l.units,
      chargeCents: l.chargeCents,
      paidCents: l.paidCents,
      allowedCents: l.allowedCents,
      serviceDate: clp.serviceDate,
      adjustments: l.cas.map((c) => ({ group: c.group, carc: c.carc, amountCents: c.cents })),
    }));
  }

  const noNoise = { denyDefective: 0, unseenDenial: 0, partialLine: 0, underpayment: 0, reversal: 0 };

  it('finds every underpaid claim with its exact shortfall, whether or not AMT B6 is reported', () => {
    let found = 0;
    for (let i = 0; i < 300; i++) {
      const claim = simClaim(i);
      const { truth, events } = adjudicate(
        claim,
        '2026-07-01',
        adjudicationRates({ ...noNoise, underpayment: 1 }),
        new Rng(`adj-${i}`),
      );
      const rateOf = contractRateLookup(contractRows, claim.payer.id);
      const clp = events[events.length - 1]!.clp;
      const rows = lineUnderpayments(services(clp), rateOf);
      const withoutB6 = lineUnderpayments(
        services(clp).map((s) => ({ ...s, allowedCents: null })),
        rateOf,
      );
      const total = (r: { shortfallCents: number }[]): number => r.reduce((a, x) => a + x.shortfallCents, 0);
      expect(total(rows)).toBe(truth.underpaymentCents ?? 0);
      expect(total(withoutB6)).toBe(truth.underpaymentCents ?? 0);
      if ((truth.underpaymentCents ?? 0) > 0) {
        found++;
        expect(rows).toHaveLength(1);
      }
    }
    // Claims whose whole allowed amount went to the deductible pay nothing and cannot be underpaid.
    expect(found).toBeGreaterThan(250);
  });

  it('finds nothing on claims paid at the contract, nor on a reversed overpayment and its correction', () => {
    for (let i = 0; i < 200; i++) {
      const claim = simClaim(i);
      const rateOf = contractRateLookup(contractRows, claim.payer.id);
      const paid = adjudicate(claim, '2026-07-01', adjudicationRates(noNoise), new Rng(`adj-${i}`));
      expect(lineUnderpayments(services(paid.events[0]!.clp), rateOf)).toEqual([]);
      const reversed = adjudicate(
        claim,
        '2026-07-01',
        adjudicationRates({ ...noNoise, reversal: 1 }),
        new Rng(`adj-${i}`),
      );
      expect(reversed.events).toHaveLength(3);
      for (const e of reversed.events) expect(lineUnderpayments(services(e.clp), rateOf)).toEqual([]);
    }
  });
});
