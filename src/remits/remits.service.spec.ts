import { jest } from '@jest/globals';
import { NotFoundError } from '../common/domain-errors.js';
import type { ClaimPaymentEntity } from './claim-payment.entity.js';
import { ListUnmatchedQueryDto } from './dto/remittance-query.dto.js';
import type { PaymentParts, RemitsRepository } from './remits.repository.js';
import { RemitsService } from './remits.service.js';
import type { RemittanceEntity } from './remittance.entity.js';

/** A mock that answers only what the test gave it and fails on any other member. */
function strictMock<T extends object>(impl: Partial<T>): T {
  return new Proxy(impl, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (prop === 'then') return undefined;
      throw new Error(`unexpected call: ${String(prop)}`);
    },
  }) as T;
}

const ID = (n: number) => `019a1b2c-3d4e-7f00-8a00-${String(n).padStart(12, '0')}`;

const remittance = (n: number) =>
  ({
    id: ID(n),
    payerId: `P${n}`,
    payerName: 'Payer',
    traceNumber: `T${n}`,
    paymentDate: null,
    receivedAt: `2026-02-0${n}T00:00:00.000Z`,
  }) as RemittanceEntity;
const payment = (n: number, remittanceId: string, segmentIndex = n) =>
  ({
    id: ID(n),
    remittanceId,
    claimId: null,
    matchStatus: 'unmatched',
    segmentIndex,
    paidCents: 0,
  }) as ClaimPaymentEntity;

describe('RemitsService', () => {
  it('answers NotFoundError for an unknown remittance', async () => {
    const sut = new RemitsService(strictMock<RemitsRepository>({ findRemittanceById: async () => null }));
    await expect(sut.get(ID(1))).rejects.toThrow(NotFoundError);
  });

  it('hangs claim-level and service-level parts under the right payment and service', async () => {
    const sut = new RemitsService(
      strictMock<RemitsRepository>({
        findRemittanceById: async () => remittance(1),
        findProviderAdjustments: async () => [],
        findClaimPayments: async () => [payment(10, ID(1)), payment(11, ID(1))],
        findPaymentParts: async () =>
          ({
            services: [{ id: ID(20), claimPaymentId: ID(10), seq: 1, modifiers: '25,59' }],
            adjustments: [
              {
                claimPaymentId: ID(10),
                servicePaymentId: null,
                groupCode: 'CO',
                reasonCode: '45',
                amountCents: 5,
                quantity: null,
              },
              {
                claimPaymentId: ID(10),
                servicePaymentId: ID(20),
                groupCode: 'PR',
                reasonCode: '1',
                amountCents: 7,
                quantity: 1,
              },
            ],
            remarks: [
              { claimPaymentId: ID(11), servicePaymentId: null, code: 'MA01' },
              { claimPaymentId: ID(10), servicePaymentId: ID(20), code: 'N130' },
            ],
          }) as unknown as PaymentParts,
      }),
    );
    const d = await sut.get(ID(1));
    expect(d.claimPayments).toMatchObject([
      {
        id: ID(10),
        adjustments: [{ groupCode: 'CO', reasonCode: '45', amountCents: 5, quantity: null }],
        remarkCodes: [],
        services: [
          {
            id: ID(20),
            modifiers: ['25', '59'],
            adjustments: [{ groupCode: 'PR', reasonCode: '1', amountCents: 7, quantity: 1 }],
            remarkCodes: ['N130'],
          },
        ],
      },
      { id: ID(11), adjustments: [], remarkCodes: ['MA01'], services: [] },
    ]);
  });

  it('lists unmatched payments with their remittance, reading each remittance once', async () => {
    const findRemittancesByIds = jest
      .fn<RemitsRepository['findRemittancesByIds']>()
      .mockResolvedValue([remittance(1), remittance(2)]);
    const sut = new RemitsService(
      strictMock<RemitsRepository>({
        findUnmatchedPage: async () => [payment(3, ID(1)), payment(2, ID(2)), payment(1, ID(1))],
        findRemittancesByIds,
      }),
    );
    const page = await sut.listUnmatched(Object.assign(new ListUnmatchedQueryDto(), { limit: 2 }));
    expect(findRemittancesByIds).toHaveBeenCalledWith([ID(1), ID(2)]);
    expect(page.items.map((p) => [p.id, p.remittance.traceNumber])).toEqual([
      [ID(3), 'T1'],
      [ID(2), 'T2'],
    ]);
    expect(page.nextCursor).not.toBeNull();
  });
});
