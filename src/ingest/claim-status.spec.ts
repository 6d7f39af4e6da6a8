import {
  type AdjustmentFact,
  deriveClaimStatus,
  isDenialAdjustment,
  isServiceDenied,
  type PaymentOutcome,
  paymentStatus,
} from './claim-status.js';

const CO45: AdjustmentFact = { group: 'CO', reason: '45' };
const PR1: AdjustmentFact = { group: 'PR', reason: '1' };
const CO50: AdjustmentFact = { group: 'CO', reason: '50' };
const CO97: AdjustmentFact = { group: 'CO', reason: '97' };

function payment(overrides: Partial<PaymentOutcome> = {}): PaymentOutcome {
  return {
    remittanceId: 'r1',
    statusCode: '1',
    paidCents: 10000,
    isReversal: false,
    adjustments: [],
    services: [{ chargeCents: 15000, paidCents: 10000, adjustments: [CO45] }],
    ...overrides,
  };
}

describe('isDenialAdjustment', () => {
  it('treats cost sharing and contractual reductions as adjudication, other CO/PR/OA/PI reasons as denials', () => {
    expect(isDenialAdjustment(CO45)).toBe(false);
    expect(isDenialAdjustment(PR1)).toBe(false);
    expect(isDenialAdjustment({ group: 'PR', reason: '3' })).toBe(false);
    expect(isDenialAdjustment({ group: 'CO', reason: '253' })).toBe(false);
    expect(isDenialAdjustment({ group: 'OA', reason: '23' })).toBe(false);
    expect(isDenialAdjustment(CO50)).toBe(true);
    expect(isDenialAdjustment(CO97)).toBe(true);
    expect(isDenialAdjustment({ group: 'PR', reason: '96' })).toBe(true);
    expect(isDenialAdjustment({ group: 'OA', reason: '18' })).toBe(true);
    expect(isDenialAdjustment({ group: 'CR', reason: '50' })).toBe(false);
  });
});

describe('isServiceDenied', () => {
  it('is a charged line paid nothing, unless only cost sharing explains it', () => {
    expect(isServiceDenied({ chargeCents: 2000, paidCents: 0, adjustments: [CO97] })).toBe(true);
    expect(isServiceDenied({ chargeCents: 2000, paidCents: 0, adjustments: [] })).toBe(true);
    expect(isServiceDenied({ chargeCents: 2000, paidCents: 0, adjustments: [PR1] })).toBe(false);
    expect(isServiceDenied({ chargeCents: 2000, paidCents: 1500, adjustments: [CO97] })).toBe(false);
    expect(isServiceDenied({ chargeCents: 0, paidCents: 0, adjustments: [] })).toBe(false);
  });
});

describe('paymentStatus', () => {
  it('paid: processed with payment and no denial', () => {
    expect(paymentStatus(payment())).toBe('paid');
    expect(paymentStatus(payment({ statusCode: '2' }))).toBe('paid');
  });

  it('partially-paid: payment, but a line denied or a denial adjustment', () => {
    const services = [
      { chargeCents: 20000, paidCents: 15000, adjustments: [CO45] },
      { chargeCents: 2000, paidCents: 0, adjustments: [CO97] },
    ];
    expect(paymentStatus(payment({ paidCents: 15000, services }))).toBe('partially-paid');
    expect(paymentStatus(payment({ adjustments: [CO50] }))).toBe('partially-paid');
  });

  it('denied: CLP02 4, or nothing paid with a denial', () => {
    expect(paymentStatus(payment({ statusCode: '4', paidCents: 0, services: [] }))).toBe('denied');
    expect(paymentStatus(payment({ paidCents: 0, adjustments: [CO50], services: [] }))).toBe('denied');
    expect(
      paymentStatus(
        payment({ paidCents: 0, services: [{ chargeCents: 100, paidCents: 0, adjustments: [] }] }),
      ),
    ).toBe('denied');
  });

  it('paid (settled) when nothing is paid because all went to deductible', () => {
    expect(
      paymentStatus(
        payment({ paidCents: 0, services: [{ chargeCents: 100, paidCents: 0, adjustments: [PR1] }] }),
      ),
    ).toBe('paid');
  });

  it('reversed: CLP02 22 or a negative payment', () => {
    expect(paymentStatus(payment({ statusCode: '22', isReversal: true, paidCents: -10000 }))).toBe(
      'reversed',
    );
    expect(paymentStatus(payment({ paidCents: -5 }))).toBe('reversed');
  });

  it('pending: forwarded (19, 20, 21, 23), predetermination (25) and unknown codes', () => {
    for (const code of ['19', '20', '21', '23', '25', '99']) {
      expect([code, paymentStatus(payment({ statusCode: code }))]).toEqual([code, 'pending']);
    }
  });
});

describe('deriveClaimStatus', () => {
  const reversal = payment({ statusCode: '22', isReversal: true, paidCents: -10000, remittanceId: 'r2' });

  it('is submitted with no payment', () => {
    expect(deriveClaimStatus([])).toBe('submitted');
  });

  it('follows the latest payment', () => {
    expect(deriveClaimStatus([payment({ statusCode: '4', paidCents: 0 }), payment()])).toBe('paid');
    expect(deriveClaimStatus([payment(), reversal])).toBe('reversed');
  });

  it('a correction after a reversal decides', () => {
    expect(deriveClaimStatus([payment(), reversal, payment({ remittanceId: 'r2', paidCents: 8000 })])).toBe(
      'paid',
    );
  });

  it('a correction sent before its reversal in the same remittance still decides', () => {
    const correction = payment({ remittanceId: 'r2', statusCode: '4', paidCents: 0 });
    expect(deriveClaimStatus([payment(), correction, reversal])).toBe('denied');
    // ...but not one from an earlier remittance.
    expect(deriveClaimStatus([payment({ remittanceId: 'r1' }), reversal])).toBe('reversed');
  });
});
