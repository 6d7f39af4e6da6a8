import {
  type ClaimCandidate,
  candidateScore,
  chooseClaim,
  type LineCandidate,
  matchServiceLines,
  type PaymentFacts,
} from './payment-matching.js';

function claim(id: string, overrides: Partial<ClaimCandidate> = {}): ClaimCandidate {
  return {
    id,
    payerId: 'P1',
    totalChargeCents: 15000,
    serviceDateFrom: '2024-03-01',
    serviceDateTo: '2024-03-01',
    submission: 'original',
    supersededById: null,
    receivedAt: '2026-01-01T00:00:00.000Z',
    byteOffset: 100,
    ...overrides,
  };
}

const payment: PaymentFacts = {
  payerId: 'P1',
  chargeCents: 15000,
  dateFrom: '2024-03-01',
  dateTo: '2024-03-01',
};

describe('chooseClaim', () => {
  it('is null without candidates', () => {
    expect(chooseClaim(payment, [])).toBeNull();
  });

  it('takes the only candidate even when nothing else agrees', () => {
    const only = claim('a', {
      payerId: 'OTHER',
      totalChargeCents: 1,
      serviceDateFrom: null,
      serviceDateTo: null,
    });
    expect(chooseClaim(payment, [only])).toBe(only);
  });

  it('prefers the same charge, then payer, then dates of service', () => {
    const sameCharge = claim('charge', {
      payerId: 'X',
      serviceDateFrom: '2023-01-01',
      serviceDateTo: '2023-01-01',
    });
    const sameEverythingElse = claim('rest', { totalChargeCents: 1 });
    expect(candidateScore(payment, sameCharge)).toBe(4 + 1);
    expect(candidateScore(payment, sameEverythingElse)).toBe(2 + 2 + 1);
    expect(chooseClaim(payment, [sameCharge, sameEverythingElse])!.id).toBe('charge');
    const payer = claim('payer', {
      totalChargeCents: 1,
      serviceDateFrom: '2023-01-01',
      serviceDateTo: '2023-01-01',
    });
    const dates = claim('dates', { totalChargeCents: 1, payerId: 'X' });
    expect(chooseClaim(payment, [dates, payer])!.id).toBe('dates');
  });

  it('matches a reversal by its negated charge', () => {
    const reversal = { ...payment, chargeCents: -15000 };
    expect(chooseClaim(reversal, [claim('other', { totalChargeCents: 9 }), claim('a')])!.id).toBe('a');
  });

  it('ranks duplicates and voids last, and superseded claims below current ones', () => {
    const dup = claim('dup', { submission: 'duplicate', receivedAt: '2026-02-01T00:00:00.000Z' });
    const replaced = claim('old', { supersededById: 'new' });
    const current = claim('new', { submission: 'replacement' });
    expect(chooseClaim(payment, [replaced, dup, current])!.id).toBe('new');
    expect(chooseClaim(payment, [dup])!.id).toBe('dup');
  });

  it('breaks a tie with the latest received claim', () => {
    const older = claim('older', { receivedAt: '2026-01-01T00:00:00.000Z' });
    const newer = claim('newer', { receivedAt: '2026-01-02T00:00:00.000Z' });
    const laterInFile = claim('later', { receivedAt: '2026-01-02T00:00:00.000Z', byteOffset: 900 });
    expect(chooseClaim(payment, [newer, older])!.id).toBe('newer');
    expect(chooseClaim(payment, [newer, laterInFile, older])!.id).toBe('later');
  });
});

describe('matchServiceLines', () => {
  const lines: LineCandidate[] = [
    { id: 'l2', lineNumber: 2, procedureCode: '99213', serviceDate: '2024-03-01', controlNumber: 'B' },
    { id: 'l1', lineNumber: 1, procedureCode: '99213', serviceDate: '2024-03-01', controlNumber: 'A' },
    { id: 'l3', lineNumber: 3, procedureCode: '87880', serviceDate: '2024-03-02', controlNumber: '' },
  ];

  it('links by REF 6R first, whatever the code', () => {
    expect(
      matchServiceLines(
        [
          { controlNumber: 'B', procedureCode: '99999', serviceDate: null },
          { controlNumber: 'A', procedureCode: '99213', serviceDate: '2024-03-01' },
        ],
        lines,
      ),
    ).toEqual(['l2', 'l1']);
  });

  it('then by procedure code and date of service, lowest line first, each line once', () => {
    expect(
      matchServiceLines(
        [
          { controlNumber: '', procedureCode: '99213', serviceDate: '2024-03-01' },
          { controlNumber: '', procedureCode: '99213', serviceDate: '2024-03-01' },
          { controlNumber: '', procedureCode: '99213', serviceDate: '2024-03-01' },
          { controlNumber: '', procedureCode: '87880', serviceDate: '2024-03-09' },
          { controlNumber: 'ZZ', procedureCode: '87880', serviceDate: null },
        ],
        lines,
      ),
    ).toEqual(['l1', 'l2', null, null, 'l3']);
  });

  it('leaves everything unlinked without lines', () => {
    expect(matchServiceLines([{ controlNumber: 'A', procedureCode: '1', serviceDate: null }], [])).toEqual([
      null,
    ]);
  });
});
