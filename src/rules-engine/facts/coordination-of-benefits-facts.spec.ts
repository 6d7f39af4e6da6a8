import type { Claim } from '../../x12/index.js';
import type { ClaimContext } from '../claim-context.js';
import { COB_FACTS, payerRank } from './coordination-of-benefits-facts.js';
import {
  claimFixture,
  contextFixture,
  factValue,
  lineFixture,
  otherPayerFixture,
} from './testing/claim-fixture.js';

const v = (name: string, ctx: ClaimContext) => factValue(COB_FACTS, name, ctx);

function withSequence(sequence: string, overrides: Partial<Claim> = {}): ClaimContext {
  const claim = claimFixture(overrides);
  return contextFixture({
    claim: { ...claim, subscriber: { ...claim.subscriber, payerResponsibility: sequence } },
  });
}

describe('coordination-of-benefits facts', () => {
  it('a primary claim has no payers ahead', () => {
    const ctx = withSequence('P', { otherPayers: [otherPayerFixture({ payerResponsibility: 'S' })] });
    expect(v('claim.isSecondaryOrLater', ctx)).toBe(false);
    expect(v('claim.priorPayerCount', ctx)).toBe(0);
    expect(v('claim.unadjudicatedPriorPayers', ctx)).toEqual([]);
  });

  it('a secondary claim without other payers', () => {
    const ctx = withSequence('S');
    expect(v('claim.isSecondaryOrLater', ctx)).toBe(true);
    expect(v('claim.priorPayerCount', ctx)).toBe(0);
    expect(v('claim.unadjudicatedPriorPayers', ctx)).toEqual([]);
  });

  it('lists the payers ahead without adjudication', () => {
    const ctx = withSequence('T', {
      otherPayers: [
        otherPayerFixture({ payerResponsibility: 'P' }),
        otherPayerFixture({ payerResponsibility: 'S', paidAmount: 1200 }),
        otherPayerFixture({ payerResponsibility: 'U', payer: null }),
        otherPayerFixture({ payerResponsibility: 'A' }),
      ],
    });
    expect(v('claim.priorPayerCount', ctx)).toBe(3);
    expect(v('claim.unadjudicatedPriorPayers', ctx)).toEqual([
      'PRIMARY PAYER (PRIMARY1), SBR01 P',
      'unnamed payer, SBR01 U',
    ]);
  });

  it.each([
    ['a paid amount', { paidAmount: 0 }],
    ['an adjudication date', { adjudicationDate: '2026-01-20' }],
    ['claim adjustments', { adjustments: [{ group: 'PR', reason: '1', amount: 5000, quantity: null }] }],
  ])('counts %s as adjudication', (_label, fields) => {
    const ctx = withSequence('S', { otherPayers: [otherPayerFixture(fields)] });
    expect(v('claim.priorPayerCount', ctx)).toBe(1);
    expect(v('claim.unadjudicatedPriorPayers', ctx)).toEqual([]);
  });

  it('counts line adjudications from the payer', () => {
    const adjudication = {
      payerId: 'PRIMARY1',
      paidAmount: 4000,
      procedure: null,
      paidUnits: 1,
      bundledLineNumber: '',
      adjustments: [],
      adjudicationDate: '2026-01-20',
    };
    const ctx = withSequence('S', {
      otherPayers: [otherPayerFixture()],
      lines: [lineFixture({ adjudications: [adjudication] })],
    });
    expect(v('claim.unadjudicatedPriorPayers', ctx)).toEqual([]);
    const other = withSequence('S', {
      otherPayers: [otherPayerFixture()],
      lines: [lineFixture({ adjudications: [{ ...adjudication, payerId: 'SOMEONE' }] })],
    });
    expect(v('claim.unadjudicatedPriorPayers', other)).toEqual(['PRIMARY PAYER (PRIMARY1), SBR01 P']);
  });

  it('ranks SBR01 codes', () => {
    expect(['P', 'S', 'T', 'A', 'H', 'U', '', 's'].map(payerRank)).toEqual([0, 1, 2, 3, 10, -1, -1, 1]);
  });
});
