import {
  adjudicate,
  adjudicationRates,
  type AdjudicationRates,
  type ClpOut,
} from '../simulator/adjudication.js';
import { DEFECTS } from '../simulator/defects.js';
import type { SimClaim } from '../simulator/encounters.js';
import { PAYERS, procedure } from '../simulator/practice.js';
import { Rng } from '../simulator/rng.js';
import { loadCarcCategories } from './carc-categories.js';
import { claimOutcome, isReversalPayment, isSecondaryPayment, paymentAnswer } from './outcome.js';
import type { AdjustmentFact, PaymentFact, ServicePaymentFact } from './types.js';

const carcs = loadCarcCategories();

function cas(text: string): AdjustmentFact[] {
  // 'CO-45:7600 PR-2:2480'
  return text
    .split(' ')
    .filter(Boolean)
    .map((t) => {
      const m = /^([A-Z]{2})-([A-Z0-9]+):(-?\d+)$/.exec(t)!;
      return { group: m[1]!, carc: m[2]!, amountCents: Number(m[3]) };
    });
}

function line(
  lineNumber: number,
  chargeCents: number,
  paidCents: number,
  adjustments: string,
  allowedCents: number | null = null,
): ServicePaymentFact {
  return {
    lineNumber,
    procedureCode: '99213',
    modifiers: [],
    units: 1,
    chargeCents,
    paidCents,
    allowedCents,
    serviceDate: '2026-01-12',
    adjustments: cas(adjustments),
  };
}

function payment(
  date: string,
  statusCode: string,
  services: ServicePaymentFact[],
  extra: Partial<PaymentFact> = {},
): PaymentFact {
  const sum = (f: (s: ServicePaymentFact) => number): number => services.reduce((a, s) => a + f(s), 0);
  return {
    date,
    statusCode,
    isReversal: statusCode === '22',
    chargeCents: sum((s) => s.chargeCents),
    paidCents: sum((s) => s.paidCents),
    patientResponsibilityCents: sum((s) =>
      s.adjustments.filter((a) => a.group === 'PR').reduce((x, a) => x + a.amountCents, 0),
    ),
    adjustments: [],
    services,
    ...extra,
  };
}

/** The payment with every amount negated, as the simulator writes a reversal (CLP02 22). */
function reversal(p: PaymentFact, date: string): PaymentFact {
  return {
    ...p,
    date,
    statusCode: '22',
    isReversal: true,
    chargeCents: -p.chargeCents,
    paidCents: -p.paidCents,
    patientResponsibilityCents: -p.patientResponsibilityCents,
    adjustments: p.adjustments.map((a) => ({ ...a, amountCents: -a.amountCents })),
    services: p.services.map((s) => ({
      ...s,
      chargeCents: -s.chargeCents,
      paidCents: -s.paidCents,
      allowedCents: s.allowedCents === null ? null : -s.allowedCents,
      adjustments: s.adjustments.map((a) => ({ ...a, amountCents: -a.amountCents })),
    })),
  };
}

// A paid office visit: charge 200.00, allowed 124.00 (CO-45 76.00), coinsurance 20% (PR-2 24.80), paid 99.20.
const visitPaid = (lineNumber = 1): ServicePaymentFact =>
  line(lineNumber, 20000, 9920, 'CO-45:7600 PR-2:2480', 12400);

describe('claimOutcome', () => {
  it('is pending without a remittance', () => {
    expect(claimOutcome([], carcs)).toEqual({
      firstPass: 'pending',
      current: 'pending',
      firstRemitDate: null,
      lastRemitDate: null,
      denialCarcs: [],
      deniedCents: 0,
      paidCents: 0,
      reversedCents: 0,
    });
  });

  it('reads a denied claim (CLP02 4): every line, the whole charge', () => {
    const p = payment('2026-02-06', '4', [
      line(1, 15000, 0, 'CO-197:15000'),
      line(2, 10000, 0, 'CO-197:10000'),
    ]);
    expect(claimOutcome([p], carcs)).toEqual({
      firstPass: 'denied',
      current: 'denied',
      firstRemitDate: '2026-02-06',
      lastRemitDate: '2026-02-06',
      denialCarcs: ['197'],
      deniedCents: 25000,
      paidCents: 0,
      reversedCents: 0,
    });
  });

  it('reads a claim-level denial without CLP02 4 (nothing paid, CO-29 at claim level)', () => {
    const p = payment('2026-02-06', '1', [], { chargeCents: 25000, adjustments: cas('CO-29:25000') });
    const o = claimOutcome([p], carcs);
    expect([o.firstPass, o.current, o.denialCarcs, o.deniedCents]).toEqual([
      'denied',
      'denied',
      ['29'],
      25000,
    ]);
  });

  it('reads every line denied with nothing paid as denied', () => {
    const p = payment('2026-02-06', '1', [line(1, 15000, 0, 'CO-16:15000'), line(2, 8000, 0, 'CO-16:8000')]);
    expect(paymentAnswer(p, carcs)).toEqual({ answer: 'denied', denialCarcs: ['16'], deniedCents: 23000 });
  });

  it('reads a partial: one line denied, the other paid', () => {
    const p = payment('2026-02-13', '1', [visitPaid(1), line(2, 10000, 0, 'CO-97:10000')]);
    expect(claimOutcome([p], carcs)).toEqual({
      firstPass: 'partial',
      current: 'partial',
      firstRemitDate: '2026-02-13',
      lastRemitDate: '2026-02-13',
      denialCarcs: ['97'],
      deniedCents: 10000,
      paidCents: 9920,
      reversedCents: 0,
    });
  });

  it('reads a partial when the other lines went to the deductible (nothing paid)', () => {
    const p = payment('2026-02-13', '1', [
      line(1, 20000, 0, 'CO-45:7600 PR-1:12400', 12400),
      line(2, 10000, 0, 'CO-151:10000'),
    ]);
    expect(paymentAnswer(p, carcs)).toEqual({ answer: 'partial', denialCarcs: ['151'], deniedCents: 10000 });
  });

  it('reads a paid claim with a claim-level denial adjustment as partial, denied cents the adjustment', () => {
    const p = payment('2026-02-13', '1', [visitPaid()], { adjustments: cas('CO-B4:500'), paidCents: 9420 });
    expect(paymentAnswer(p, carcs)).toEqual({ answer: 'partial', denialCarcs: ['B4'], deniedCents: 500 });
  });

  it('reads a paid claim: contractual and coinsurance are not denials', () => {
    const o = claimOutcome([payment('2026-02-13', '1', [visitPaid(1), visitPaid(2)])], carcs);
    expect(o).toEqual({
      firstPass: 'paid',
      current: 'paid',
      firstRemitDate: '2026-02-13',
      lastRemitDate: '2026-02-13',
      denialCarcs: [],
      deniedCents: 0,
      paidCents: 19840,
      reversedCents: 0,
    });
  });

  it('reads a claim that all went to the deductible (PR-1, paid 0) as paid', () => {
    const p = payment('2026-02-13', '1', [line(1, 15000, 0, 'CO-45:5700 PR-1:9300', 9300)]);
    const o = claimOutcome([p], carcs);
    expect([o.firstPass, o.current, o.denialCarcs, o.deniedCents, o.paidCents]).toEqual([
      'paid',
      'paid',
      [],
      0,
      0,
    ]);
    expect(p.patientResponsibilityCents).toBe(9300);
  });

  it('reads PR-27 (coverage ended, the patient owes it) as a denial', () => {
    const p = payment('2026-02-13', '1', [line(1, 15000, 0, 'PR-27:15000'), line(2, 5000, 0, 'PR-27:5000')]);
    const o = claimOutcome([p], carcs);
    expect([o.firstPass, o.denialCarcs, o.deniedCents]).toEqual(['denied', ['27'], 20000]);
  });

  it('does not count a cut on a paid line (units reduced) as a denied line', () => {
    const p = payment('2026-02-13', '1', [line(1, 40000, 12400, 'CO-45:7600 CO-151:20000', 12400)]);
    expect(paymentAnswer(p, carcs)).toEqual({ answer: 'paid', denialCarcs: [], deniedCents: 0 });
  });

  it('orders denial CARCs by amount, then by code, each once; claim and line levels together', () => {
    const p = payment(
      '2026-02-13',
      '4',
      [line(1, 5000, 0, 'CO-16:5000'), line(2, 8000, 0, 'CO-50:8000'), line(3, 4000, 0, 'CO-16:4000')],
      { adjustments: cas('CO-4:3000 CO-181:3000 PR-1:100') },
    );
    // 16: 90.00, 50: 80.00, then 4 and 181 tie at 30.00 (CARC order); PR-1 is not a denial.
    expect(paymentAnswer(p, carcs).denialCarcs).toEqual(['16', '50', '4', '181']);
    expect(paymentAnswer(p, carcs).deniedCents).toBe(17000);
  });

  it('reads an unknown CARC as a denial of category other', () => {
    const o = claimOutcome([payment('2026-02-13', '1', [line(1, 9000, 0, 'CO-999:9000')])], carcs);
    expect([o.firstPass, o.denialCarcs, o.deniedCents]).toEqual(['denied', ['999'], 9000]);
    expect(carcs.primaryCategory(o.denialCarcs[0]!)).toBe('other');
  });

  it('reverses and repays (the simulator: paid 8% over, reversed, paid the contract)', () => {
    const over = payment('2026-02-06', '1', [line(1, 20000, 10714, 'CO-45:6608 PR-2:2678', 13392)]);
    const rev = reversal(over, '2026-03-06');
    const corrected = payment('2026-03-06', '1', [visitPaid()]);
    expect(claimOutcome([over, rev, corrected], carcs)).toEqual({
      firstPass: 'paid',
      current: 'paid',
      firstRemitDate: '2026-02-06',
      lastRemitDate: '2026-03-06',
      denialCarcs: [],
      deniedCents: 0,
      paidCents: 9920, // 107.14 − 107.14 + 99.20
      reversedCents: 10714,
    });
  });

  it('is reversed when the last standing payment was reversed with nothing after it', () => {
    const paid = payment('2026-02-06', '1', [visitPaid()]);
    const o = claimOutcome([paid, reversal(paid, '2026-03-06')], carcs);
    expect([o.firstPass, o.current, o.paidCents, o.reversedCents]).toEqual(['paid', 'reversed', 0, 9920]);
  });

  it('cancels the payment a reversal matches, not merely the latest one', () => {
    const paid = payment('2026-02-06', '1', [visitPaid()]);
    const duplicate = payment('2026-02-20', '4', [line(1, 20000, 0, 'CO-18:20000')]);
    const o = claimOutcome([paid, duplicate, reversal(paid, '2026-03-06')], carcs);
    expect([o.firstPass, o.current, o.paidCents, o.reversedCents]).toEqual(['paid', 'reversed', 0, 9920]);
  });

  it('is paid when a denial is followed by a payment on resubmission', () => {
    const denied = payment('2026-01-20', '4', [line(1, 15000, 0, 'CO-16:15000')]);
    const paid = payment('2026-03-03', '1', [line(1, 15000, 7440, 'CO-45:5700 PR-2:1860', 9300)]);
    expect(claimOutcome([denied, paid], carcs)).toEqual({
      firstPass: 'denied',
      current: 'paid',
      firstRemitDate: '2026-01-20',
      lastRemitDate: '2026-03-03',
      denialCarcs: ['16'],
      deniedCents: 15000,
      paidCents: 7440,
      reversedCents: 0,
    });
  });

  it('stays paid when a later resubmission is denied as a duplicate', () => {
    const paid = payment('2026-02-06', '1', [visitPaid()]);
    const duplicate = payment('2026-03-06', '4', [line(1, 20000, 0, 'OA-18:20000')]);
    const o = claimOutcome([paid, duplicate], carcs);
    expect([o.firstPass, o.current, o.paidCents]).toEqual(['paid', 'paid', 9920]);
  });

  it('is partial, then paid when the denied line is paid later', () => {
    const first = payment('2026-02-13', '1', [visitPaid(1), line(2, 10000, 0, 'CO-16:10000')]);
    const second = payment('2026-03-13', '1', [line(2, 10000, 6200, 'CO-45:3800', 6200)]);
    const o = claimOutcome([first, second], carcs);
    expect([o.firstPass, o.current, o.deniedCents, o.paidCents]).toEqual(['partial', 'paid', 10000, 16120]);
  });

  it('repays after a reversed denial', () => {
    const denied = payment('2026-01-20', '4', [line(1, 15000, 0, 'CO-252:15000')]);
    const paid = payment('2026-02-17', '1', [line(1, 15000, 9300, 'CO-45:5700', 9300)]);
    const o = claimOutcome([denied, reversal(denied, '2026-02-17'), paid], carcs);
    expect([o.firstPass, o.current, o.denialCarcs, o.paidCents, o.reversedCents]).toEqual([
      'denied',
      'paid',
      ['252'],
      9300,
      0,
    ]);
  });

  it('takes the first pass from the primary answer, not a secondary one issued before it', () => {
    const secondary = payment('2026-02-01', '2', [line(1, 20000, 0, 'CO-22:20000')]);
    const primary = payment('2026-02-13', '1', [visitPaid()]);
    const secondaryPaid = payment('2026-03-01', '2', [line(1, 20000, 2480, 'CO-45:7600 OA-23:9920', 12400)]);
    const o = claimOutcome([secondary, primary, secondaryPaid], carcs);
    expect(o).toEqual({
      firstPass: 'paid',
      current: 'paid',
      firstRemitDate: '2026-02-01',
      lastRemitDate: '2026-03-01',
      denialCarcs: [],
      deniedCents: 0,
      paidCents: 12400, // 0 + 99.20 + 24.80
      reversedCents: 0,
    });
  });

  it('takes the first pass from a secondary payment when the claim has only those', () => {
    // Billed as secondary: the prior payer's payment (OA-23) leaves nothing; not a denial.
    const p = payment('2026-03-01', '2', [line(1, 20000, 0, 'CO-45:7600 OA-23:12400', 12400)]);
    const o = claimOutcome([p], carcs);
    expect([o.firstPass, o.current, o.denialCarcs]).toEqual(['paid', 'paid', []]);
    // A tertiary denial is the first pass of a claim with only that payment.
    const t = payment('2026-03-01', '3', [line(1, 20000, 0, 'CO-204:20000')]);
    expect(claimOutcome([t], carcs).firstPass).toBe('denied');
  });
});

describe('payment kinds', () => {
  it('knows secondary and tertiary statuses', () => {
    expect(['1', '2', '3', '4', '19', '20', '21', '22', ' 2 '].map(isSecondaryPayment)).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
      true,
      false,
      true,
    ]);
  });

  it('knows a reversal by CLP02 22 or the flag', () => {
    const p = payment('2026-02-06', '1', [visitPaid()]);
    expect(isReversalPayment(p)).toBe(false);
    expect(isReversalPayment({ ...p, statusCode: '22' })).toBe(true);
    expect(isReversalPayment({ ...p, isReversal: true })).toBe(true);
  });
});

describe("the simulator's remittances", () => {
  const codes = ['99213', '99214', '36415', '80053', '93000', '20610', '73562', '97110'];
  const none: Partial<AdjudicationRates> = {
    denyDefective: 0,
    unseenDenial: 0,
    partialLine: 0,
    underpayment: 0,
    reversal: 0,
  };

  function simClaim(i: number, defect: string | null): SimClaim {
    const rng = new Rng(`claim-${i}`);
    const lines = Array.from({ length: rng.int(2, 4) }, () => {
      const code = rng.pick(codes);
      return {
        code,
        modifiers: [],
        units: 1,
        chargeCents: procedure(code).chargeCents,
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
      serviceDate: '2026-02-16',
      lines,
      defects: defect === null ? [] : [defect],
    } as unknown as SimClaim;
  }

  function fact(date: string, clp: ClpOut): PaymentFact {
    return {
      date,
      statusCode: clp.status,
      isReversal: clp.status === '22',
      chargeCents: clp.chargeCents,
      paidCents: clp.paidCents,
      patientResponsibilityCents: clp.patientCents,
      adjustments: [],
      services: clp.lines.map((l, n) => ({
        lineNumber: n + 1,
        procedureCode: l.code,
        modifiers: [...l.modifiers],
        units: l.units,
        chargeCents: l.chargeCents,
        paidCents: l.paidCents,
        allowedCents: l.allowedCents,
        serviceDate: clp.serviceDate,
        adjustments: l.cas.map((c) => ({ group: c.group, carc: c.carc, amountCents: c.cents })),
      })),
    };
  }

  function run(i: number, rates: Partial<AdjudicationRates>, defect: string | null = null) {
    const { truth, events } = adjudicate(
      simClaim(i, defect),
      '2026-03-02',
      adjudicationRates({ ...none, ...rates }),
      new Rng(`adj-${i}`),
    );
    const payments = events.map((e) => fact(e.date, e.clp));
    return { truth, payments, outcome: claimOutcome(payments, carcs) };
  }

  it('reads every defect denial as denied with its CARC and the whole charge', () => {
    DEFECTS.forEach((d, i) => {
      const { truth, payments, outcome } = run(i, { denyDefective: 1 }, d.kind);
      expect(truth.outcome).toBe('denied');
      expect([outcome.firstPass, outcome.current, outcome.denialCarcs]).toEqual([
        'denied',
        'denied',
        truth.carc,
      ]);
      expect(outcome.deniedCents).toBe(payments[0]!.chargeCents);
      expect(outcome.paidCents).toBe(0);
    });
  });

  it('reads unseen denials (CO-96, CO-B7, OA-22, PR-204) as denied', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const { truth, outcome } = run(i, { unseenDenial: 1 });
      expect([outcome.firstPass, outcome.denialCarcs]).toEqual(['denied', truth.carc]);
      seen.add(truth.carc[0]!);
    }
    expect([...seen].sort()).toEqual(['204', '22', '96', 'B7']);
  });

  it('reads paid, partial and reversed claims as truth records them, to the cent', () => {
    for (let i = 0; i < 60; i++) {
      const paid = run(i, {});
      expect([paid.outcome.firstPass, paid.outcome.current, paid.outcome.denialCarcs]).toEqual([
        'paid',
        'paid',
        [],
      ]);
      expect(paid.outcome.paidCents).toBe(paid.truth.paidCents);

      const partial = run(i, { partialLine: 1 });
      const deniedLine = partial.payments[0]!.services.find(
        (s) => s.paidCents === 0 && s.allowedCents === null,
      )!;
      expect(partial.truth.outcome).toBe('partial');
      expect(partial.outcome.firstPass).toBe('partial');
      expect(partial.outcome.denialCarcs).toEqual([deniedLine.adjustments[0]!.carc]);
      expect(partial.outcome.deniedCents).toBe(deniedLine.chargeCents);
      expect(partial.outcome.paidCents).toBe(partial.truth.paidCents);

      const reversed = run(i, { reversal: 1 });
      expect(reversed.truth.outcome).toBe('reversed');
      expect(reversed.outcome).toEqual({
        firstPass: 'paid',
        current: 'paid',
        firstRemitDate: reversed.truth.paidDate,
        lastRemitDate: reversed.truth.reversedOn,
        denialCarcs: [],
        deniedCents: 0,
        paidCents: reversed.truth.paidCents,
        reversedCents: reversed.payments[0]!.paidCents,
      });
    }
  });
});
