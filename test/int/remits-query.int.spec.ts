import { plainToInstance } from 'class-transformer';
import { DataSource } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../../src/common/domain-errors.js';
import { newId } from '../../src/database/column-types.js';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { ListRemittancesQueryDto, ListUnmatchedQueryDto } from '../../src/remits/dto/remittance-query.dto.js';
import { RemitsRepository } from '../../src/remits/remits.repository.js';
import { RemitsService } from '../../src/remits/remits.service.js';
import type { RemittanceEntity } from '../../src/remits/remittance.entity.js';
import { compareBinary, type Scenario, seedScenario } from '../support/claims-seed.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

type SortKey = 'receivedAt' | 'paymentDate';

/** By value then id, NULL values last in both directions. */
function expectedOrder(rows: RemittanceEntity[], key: SortKey, direction: 'asc' | 'desc'): string[] {
  const sign = direction === 'asc' ? 1 : -1;
  const withValue = rows
    .filter((r) => r[key] !== null)
    .sort((a, b) => sign * (compareBinary(a[key]!, b[key]!) || compareBinary(a.id, b.id)));
  const without = rows.filter((r) => r[key] === null).sort((a, b) => sign * compareBinary(a.id, b.id));
  return [...withValue, ...without].map((r) => r.id);
}

describe.each(databaseKinds)('remittance queries on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let sut: RemitsService;
  let seed: Scenario;

  const ids = async (q: Record<string, unknown>) =>
    (await sut.list(plainToInstance(ListRemittancesQueryDto, { limit: 500, ...q }))).items.map((r) => r.id);
  const newestWhere = (pick: (r: RemittanceEntity) => boolean) =>
    expectedOrder(seed.remittances.filter(pick), 'receivedAt', 'desc');

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = new DataSource(dataSourceOptions(db.config));
    await ds.initialize();
    await ds.runMigrations();
    seed = await seedScenario(ds);
    sut = new RemitsService(new RemitsRepository(ds));
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  describe('list', () => {
    it('lists every remittance, newest received first, by default', async () => {
      const page = await sut.list(plainToInstance(ListRemittancesQueryDto, {}));
      expect(page.items.map((r) => r.id)).toEqual(expectedOrder(seed.remittances, 'receivedAt', 'desc'));
      expect(page.nextCursor).toBeNull();
      expect(page.items.find((r) => r.traceNumber === 'TRN001')).toMatchObject({
        payerId: 'P1',
        paymentDate: '2026-02-10',
        providerAdjustmentCents: 1500,
        paymentMethod: 'ACH',
      });
    });

    it('filters by payer, payment date range and trace number', async () => {
      expect(await ids({ payerId: 'P1' })).toEqual(newestWhere((r) => r.payerId === 'P1'));
      expect(await ids({ paymentDateFrom: '2026-02-11' })).toEqual(
        newestWhere((r) => r.paymentDate !== null && r.paymentDate >= '2026-02-11'),
      );
      expect(await ids({ paymentDateFrom: '2026-02-10', paymentDateTo: '2026-02-10' })).toEqual(
        newestWhere((r) => r.paymentDate === '2026-02-10'),
      );
      expect(await ids({ traceNumber: 'TRN002' })).toEqual(newestWhere((r) => r.traceNumber === 'TRN002'));
      expect(await ids({ traceNumber: "TRN'004" })).toEqual(newestWhere((r) => r.traceNumber === "TRN'004"));
      expect(await ids({ traceNumber: "' OR 1=1 --" })).toEqual([]);
      expect(await ids({ payerId: 'P1', paymentDateTo: '2026-02-28' })).toEqual(
        newestWhere((r) => r.payerId === 'P1' && r.paymentDate !== null),
      );
    });

    const cases = (['receivedAt', 'paymentDate'] as const).flatMap((key) => [
      { key, direction: 'asc' as const, sort: key },
      { key, direction: 'desc' as const, sort: `-${key}` },
    ]);

    it.each(cases)(
      'sorts by $sort, ties by id, NULL payment dates last',
      async ({ key, direction, sort }) => {
        expect(await ids({ sort })).toEqual(expectedOrder(seed.remittances, key, direction));
      },
    );

    it.each(cases.flatMap((c) => [1, 2].map((limit) => ({ ...c, limit }))))(
      'walks every page of $sort by $limit with no duplicates or gaps',
      async ({ key, direction, sort, limit }) => {
        const walked: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await sut.list(
            plainToInstance(ListRemittancesQueryDto, { sort, limit, ...(cursor ? { cursor } : {}) }),
          );
          walked.push(...page.items.map((r) => r.id));
          cursor = page.nextCursor;
        } while (cursor && walked.length < 100);
        expect(walked).toEqual(expectedOrder(seed.remittances, key, direction));
      },
    );

    it('refuses a cursor from another sort', async () => {
      const first = await sut.list(
        plainToInstance(ListRemittancesQueryDto, { sort: 'paymentDate', limit: 1 }),
      );
      await expect(
        sut.list(plainToInstance(ListRemittancesQueryDto, { sort: 'receivedAt', cursor: first.nextCursor })),
      ).rejects.toThrow(InvalidInputError);
    });
  });

  describe('detail', () => {
    it('answers the header, claim payments in file order with their parts, and PLB', async () => {
      const r1 = seed.remittances[0]!;
      const d = await sut.get(r1.id);
      expect(d).toMatchObject({
        id: r1.id,
        payerId: 'P1',
        traceNumber: 'TRN001',
        paymentDate: '2026-02-10',
        payeeTaxId: '123456789',
        interchangeControlNumber: '000000002',
        transactionControlNumber: '0001',
      });
      const inR1 = seed.payments
        .filter((p) => p.remittanceId === r1.id)
        .sort((a, b) => a.segmentIndex - b.segmentIndex);
      expect(d.claimPayments.map((p) => p.id)).toEqual(inR1.map((p) => p.id));
      const [paid, ...others] = d.claimPayments;
      expect(paid).toMatchObject({
        claimId: seed.full.id,
        matchStatus: 'matched',
        adjustments: [{ groupCode: 'CO', reasonCode: '45', amountCents: 2000, quantity: null }],
        remarkCodes: ['MA01'],
      });
      expect(
        paid!.services.map((s) => [s.seq, s.procedureCode, s.remarkCodes, s.adjustments.length]),
      ).toEqual([
        [1, '99213', ['N130'], 2],
        [2, '85025', [], 1],
      ]);
      for (const p of others) {
        expect(p).toMatchObject({ matchStatus: 'unmatched', claimId: null, services: [], adjustments: [] });
      }
      expect(d.providerAdjustments).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            reason: 'WO',
            reference: 'OVERPAY1',
            amountCents: 1000,
            fiscalPeriodDate: '2026-12-31',
          }),
          expect.objectContaining({ reason: 'L6', amountCents: 500 }),
        ]),
      );
      expect(d.providerAdjustments).toHaveLength(2);
    });

    it('answers a remittance without payments or PLB', async () => {
      const d = await sut.get(seed.remittances[4]!.id);
      expect(d.providerAdjustments).toEqual([]);
      expect(d.claimPayments.every((p) => p.matchStatus === 'unmatched')).toBe(true);
    });

    it('answers NotFoundError for an unknown id', async () => {
      await expect(sut.get(newId())).rejects.toThrow(NotFoundError);
    });
  });

  describe('unmatched', () => {
    const newestFirst = () => [...seed.unmatched].sort((a, b) => compareBinary(b.id, a.id)).map((p) => p.id);

    it('lists only unmatched claim payments, newest first, with their remittance', async () => {
      const page = await sut.listUnmatched(plainToInstance(ListUnmatchedQueryDto, {}));
      expect(page.items.map((p) => p.id)).toEqual(newestFirst());
      expect(page.nextCursor).toBeNull();
      const roe = page.items.find((p) => p.patientLastName === 'ROE')!;
      expect(roe).toMatchObject({
        matchStatus: 'unmatched',
        claimId: null,
        chargeCents: 2000,
        remittance: {
          id: seed.remittances[0]!.id,
          payerId: 'P1',
          traceNumber: 'TRN001',
          paymentDate: '2026-02-10',
        },
      });
      expect(roe).not.toHaveProperty('services');
    });

    it.each([1, 2, 3])('walks every page by %i', async (limit) => {
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await sut.listUnmatched(
          plainToInstance(ListUnmatchedQueryDto, { limit, ...(cursor ? { cursor } : {}) }),
        );
        expect(page.items.length).toBeLessThanOrEqual(limit);
        walked.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
      } while (cursor && walked.length < 100);
      expect(walked).toEqual(newestFirst());
    });
  });
});
