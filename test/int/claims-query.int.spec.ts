import { PatientLinksRepository } from '../../src/inputs/patient-links.repository.js';
import { plainToInstance } from 'class-transformer';
import { DataSource } from 'typeorm';
import type { ClaimEntity } from '../../src/claims/claim.entity.js';
import { ClaimsRepository } from '../../src/claims/claims.repository.js';
import { ClaimsService } from '../../src/claims/claims.service.js';
import { type ClaimSortKey, ListClaimsQueryDto } from '../../src/claims/dto/claim-query.dto.js';
import { InvalidInputError, NotFoundError } from '../../src/common/domain-errors.js';
import { encodeCursor, parseSort } from '../../src/common/pagination.js';
import { newId } from '../../src/database/column-types.js';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { RemitsRepository } from '../../src/remits/remits.repository.js';
import { RemitsService } from '../../src/remits/remits.service.js';
import { compareBinary, type Scenario, seedScenario } from '../support/claims-seed.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const SORT_VALUE: Record<ClaimSortKey, (c: ClaimEntity) => string | number | null> = {
  receivedAt: (c) => c.receivedAt,
  serviceDateFrom: (c) => c.serviceDateFrom,
  totalCharge: (c) => c.totalChargeCents,
  patientLastName: (c) => c.patientLastName,
};

/** The order the API promises: by value then id, NULL values last in both directions. */
function expectedOrder(claims: ClaimEntity[], key: ClaimSortKey, direction: 'asc' | 'desc'): string[] {
  const value = SORT_VALUE[key];
  const compare = (a: ClaimEntity, b: ClaimEntity): number => {
    const va = value(a);
    const vb = value(b);
    const byValue =
      typeof va === 'number' && typeof vb === 'number' ? va - vb : compareBinary(String(va), String(vb));
    return byValue || compareBinary(a.id, b.id);
  };
  const sign = direction === 'asc' ? 1 : -1;
  const withValue = claims.filter((c) => value(c) !== null).sort((a, b) => sign * compare(a, b));
  const without = claims.filter((c) => value(c) === null).sort((a, b) => sign * compareBinary(a.id, b.id));
  return [...withValue, ...without].map((c) => c.id);
}

describe.each(databaseKinds)('claims queries on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let sut: ClaimsService;
  let seed: Scenario;

  const query = (q: Record<string, unknown>) => plainToInstance(ListClaimsQueryDto, q);
  const ids = async (q: Record<string, unknown>) =>
    (await sut.list(query({ limit: 500, ...q }))).items.map((c) => c.id);
  const idsWhere = (pick: (c: ClaimEntity) => boolean, key: ClaimSortKey = 'receivedAt') =>
    expectedOrder(seed.claims.filter(pick), key, 'desc');

  async function walk(q: Record<string, unknown>): Promise<{ ids: string[]; pages: number }> {
    const all: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await sut.list(query({ ...q, ...(cursor ? { cursor } : {}) }));
      all.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
      expect(pages).toBeLessThan(100);
    } while (cursor);
    return { ids: all, pages };
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = new DataSource(dataSourceOptions(db.config));
    await ds.initialize();
    await ds.runMigrations();
    seed = await seedScenario(ds);
    sut = new ClaimsService(
      new ClaimsRepository(ds),
      new RemitsService(new RemitsRepository(ds)),
      new PatientLinksRepository(ds),
    );
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  describe('filters', () => {
    it('lists every claim, newest received first, by default', async () => {
      const page = await sut.list(query({}));
      expect(page.items.map((c) => c.id)).toEqual(expectedOrder(seed.claims, 'receivedAt', 'desc'));
      expect(page.nextCursor).toBeNull();
    });

    it('by payer', async () => {
      expect(await ids({ payerId: 'P1' })).toEqual(idsWhere((c) => c.payerId === 'P1'));
      expect(await ids({ payerId: 'NOPE' })).toEqual([]);
    });

    it('by one status or several (repeated or comma-separated)', async () => {
      expect(await ids({ status: 'paid' })).toEqual(idsWhere((c) => c.status === 'paid'));
      const several = idsWhere((c) => c.status === 'denied' || c.status === 'voided');
      expect(await ids({ status: ['denied', 'voided'] })).toEqual(several);
      expect(await ids({ status: 'denied,voided' })).toEqual(several);
    });

    it('by service date range, inclusive, on the first date of service', async () => {
      const inRange = (c: ClaimEntity) =>
        c.serviceDateFrom !== null && c.serviceDateFrom >= '2026-01-05' && c.serviceDateFrom <= '2026-01-20';
      expect(await ids({ serviceDateFrom: '2026-01-05', serviceDateTo: '2026-01-20' })).toEqual(
        idsWhere(inRange),
      );
      expect(await ids({ serviceDateFrom: '2026-02-01' })).toEqual(
        idsWhere((c) => c.serviceDateFrom !== null && c.serviceDateFrom >= '2026-02-01'),
      );
      expect(await ids({ serviceDateTo: '2025-12-31' })).toEqual(
        idsWhere((c) => c.serviceDateFrom !== null && c.serviceDateFrom <= '2025-12-31'),
      );
    });

    it('by billing and rendering NPI', async () => {
      expect(await ids({ billingNpi: '4444444444' })).toEqual(idsWhere((c) => c.billingNpi === '4444444444'));
      expect(await ids({ renderingNpi: '3333333333' })).toEqual(
        idsWhere((c) => c.renderingNpi === '3333333333'),
      );
      expect(await ids({ billingNpi: '1111111111', renderingNpi: '5555555555' })).toEqual(
        idsWhere((c) => c.billingNpi === '1111111111' && c.renderingNpi === '5555555555'),
      );
    });

    it('by patient: last name prefix in any case, or member id exactly', async () => {
      const smi = idsWhere((c) => c.patientLastName.startsWith('SMI'));
      expect(smi).toHaveLength(3);
      expect(await ids({ patient: 'smi' })).toEqual(smi);
      expect(await ids({ patient: 'SMI' })).toEqual(smi);
      expect(await ids({ patient: 'Smith' })).toEqual(smi);
      expect(await ids({ patient: 'smithers' })).toEqual(idsWhere((c) => c.patientLastName === 'SMITHERS'));
      expect(await ids({ patient: 'MCD' })).toEqual(idsWhere((c) => c.patientLastName === 'McDonald'));
      expect(await ids({ patient: 'X12345' })).toEqual(idsWhere((c) => c.subscriberMemberId === 'X12345'));
      // member ids match exactly, not by prefix or case
      expect(await ids({ patient: 'X1234' })).toEqual([]);
      expect(await ids({ patient: 'x12345' })).toEqual([]);
    });

    it('treats LIKE and SQL metacharacters in patient as plain text', async () => {
      expect(await ids({ patient: '%' })).toEqual([]);
      expect(await ids({ patient: '_MITH' })).toEqual([]);
      expect(await ids({ patient: "' OR 1=1 --" })).toEqual([]);
      expect(await ids({ payerId: "P1' OR '1'='1" })).toEqual([]);
    });

    it('by findings', async () => {
      expect(await ids({ hasFindings: 'true' })).toEqual(idsWhere((c) => c.findingCount > 0));
      expect(await ids({ hasFindings: 'false' })).toEqual(idsWhere((c) => c.findingCount === 0));
    });

    it('combines filters with AND', async () => {
      expect(await ids({ payerId: 'P1', status: 'paid,submitted', hasFindings: 'false' })).toEqual(
        idsWhere(
          (c) => c.payerId === 'P1' && ['paid', 'submitted'].includes(c.status) && c.findingCount === 0,
        ),
      );
    });

    it('answers money as integer cents and dates as YYYY-MM-DD', async () => {
      const [first] = (await sut.list(query({ patient: 'M001' }))).items;
      expect(first).toMatchObject({
        id: seed.full.id,
        totalChargeCents: 15000,
        paidCents: 11000,
        patientResponsibilityCents: 2000,
        serviceDateFrom: '2026-01-05',
        status: 'paid',
        findingCount: 2,
      });
      expect(typeof first!.totalChargeCents).toBe('number');
      expect(first).not.toHaveProperty('detail');
    });
  });

  describe('sorting and keyset pagination', () => {
    const sorts: ClaimSortKey[] = ['receivedAt', 'serviceDateFrom', 'totalCharge', 'patientLastName'];
    const cases = sorts.flatMap((key) => [
      { key, direction: 'asc' as const, sort: key },
      { key, direction: 'desc' as const, sort: `-${key}` },
    ]);

    it.each(cases)(
      'sorts by $sort with ties broken by id and NULLs last',
      async ({ key, direction, sort }) => {
        expect(await ids({ sort })).toEqual(expectedOrder(seed.claims, key, direction));
      },
    );

    it.each(cases.flatMap((c) => [1, 2, 5].map((limit) => ({ ...c, limit }))))(
      'walks every page of $sort by $limit with no duplicates or gaps',
      async ({ key, direction, sort, limit }) => {
        const { ids: walked, pages } = await walk({ sort, limit });
        expect(walked).toEqual(expectedOrder(seed.claims, key, direction));
        expect(new Set(walked).size).toBe(seed.claims.length);
        expect(pages).toBe(Math.ceil(seed.claims.length / limit));
      },
    );

    it('walks a filtered list across the NULL boundary', async () => {
      const q = { payerId: 'P2', sort: 'serviceDateFrom', limit: 1 };
      const expected = expectedOrder(
        seed.claims.filter((c) => c.payerId === 'P2'),
        'serviceDateFrom',
        'asc',
      );
      expect(expected.length).toBeGreaterThan(2);
      expect((await walk(q)).ids).toEqual(expected);
    });

    it('answers no nextCursor when the last page is exactly full', async () => {
      const page = await sut.list(query({ limit: seed.claims.length }));
      expect(page.items).toHaveLength(seed.claims.length);
      expect(page.nextCursor).toBeNull();
    });

    it('refuses a cursor issued for another sort', async () => {
      const first = await sut.list(query({ sort: 'totalCharge', limit: 2 }));
      await expect(sut.list(query({ sort: '-totalCharge', cursor: first.nextCursor }))).rejects.toThrow(
        InvalidInputError,
      );
    });

    it('accepts a hand-made cursor of the right shape (it only moves the start)', async () => {
      const sort = parseSort('totalCharge', { totalCharge: { kind: 'integer', nullable: false } });
      const cursor = encodeCursor(sort, { value: 9900, id: newId() });
      const after = (await ids({ sort: 'totalCharge', cursor })).map(
        (id) => seed.claims.find((c) => c.id === id)!.totalChargeCents,
      );
      expect(after.every((v) => v >= 9900)).toBe(true);
    });
  });

  describe('detail', () => {
    it('composes lines, diagnoses, providers, history and linked payments', async () => {
      const d = await sut.get(seed.full.id, {});
      expect(d).toMatchObject({
        id: seed.full.id,
        status: 'paid',
        supersededById: null,
        duplicateOfId: null,
      });
      expect(d).not.toHaveProperty('detail');
      expect(
        d.lines.map((l) => [l.lineNumber, l.procedureCode, l.modifiers, l.chargeCents, l.diagnosisPointers]),
      ).toEqual([
        [1, '99213', ['25', '59'], 10000, [1, 2]],
        [2, '85025', [], 5000, [1]],
      ]);
      expect(d.diagnoses.map((x) => [x.seq, x.code, x.role])).toEqual([
        [1, 'E119', 'principal'],
        [2, 'I10', 'other'],
      ]);
      expect(d.providers.map((p) => [p.role, p.npi])).toEqual(
        expect.arrayContaining([
          ['billing', '1111111111'],
          ['rendering', '2222222222'],
        ]),
      );
      expect(d.history.map((e) => e.kind)).toEqual(['received', 'remittance-linked', 'remittance-linked']);
      expect(d.history.map((e) => e.at)).toEqual([...d.history.map((e) => e.at)].sort());

      expect(d.remittances.map((p) => p.id)).toEqual(seed.fullPayments.map((p) => p.id));
      const [paid, reversal] = d.remittances;
      expect(paid).toMatchObject({
        matchStatus: 'matched',
        statusCode: '1',
        paidCents: 11000,
        patientResponsibilityCents: 2000,
        isReversal: false,
        adjustments: [{ groupCode: 'CO', reasonCode: '45', amountCents: 2000, quantity: null }],
        remarkCodes: ['MA01'],
        remittance: { payerId: 'P1', traceNumber: 'TRN001', paymentDate: '2026-02-10' },
      });
      expect(
        paid!.services.map((s) => [s.seq, s.procedureCode, s.modifiers, s.paidCents, s.allowedCents]),
      ).toEqual([
        [1, '99213', ['25'], 8000, 9000],
        [2, '85025', [], 3000, 4000],
      ]);
      expect(paid!.services[0]!.adjustments).toEqual(
        expect.arrayContaining([
          { groupCode: 'CO', reasonCode: '45', amountCents: 1000, quantity: null },
          { groupCode: 'PR', reasonCode: '2', amountCents: 1000, quantity: 1 },
        ]),
      );
      expect(paid!.services[0]!.adjustments).toHaveLength(2);
      expect(paid!.services[0]!.remarkCodes).toEqual(['N130']);
      expect(paid!.services[0]!.claimLineId).toBe(d.lines[0]!.id);
      expect(paid!.services[1]!.adjustments).toEqual([
        { groupCode: 'PR', reasonCode: '1', amountCents: 1000, quantity: null },
      ]);
      expect(reversal).toMatchObject({
        isReversal: true,
        paidCents: -11000,
        services: [],
        adjustments: [{ groupCode: 'CR', reasonCode: '45', amountCents: -2000, quantity: null }],
        remittance: { payerId: 'P2', traceNumber: 'TRN002', paymentDate: '2026-02-15' },
      });
    });

    it('adds the stored parsed model only when asked', async () => {
      const d = await sut.get(seed.full.id, { include: 'detail' });
      expect(d.detail).toEqual(seed.full.detail);
    });

    it('links replacements and duplicates', async () => {
      const replaced = await sut.get(seed.claims[6]!.id, {});
      expect(replaced.supersededById).toBe(seed.claims[7]!.id);
      expect(replaced.remittances).toEqual([]);
      expect(replaced.lines).toEqual([]);
      const duplicate = await sut.get(seed.claims[10]!.id, {});
      expect(duplicate.duplicateOfId).toBe(seed.claims[4]!.id);
    });

    it('answers NotFoundError for an unknown id', async () => {
      await expect(sut.get(newId(), {})).rejects.toThrow(NotFoundError);
    });
  });
});
