import { PatientLinksRepository } from '../../src/inputs/patient-links.repository.js';
import { plainToInstance } from 'class-transformer';
import { DataSource } from 'typeorm';
import { ClaimEntity } from '../../src/claims/claim.entity.js';
import { ClaimsRepository } from '../../src/claims/claims.repository.js';
import { ClaimsService } from '../../src/claims/claims.service.js';
import { ListClaimsQueryDto } from '../../src/claims/dto/claim-query.dto.js';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { ListRemittancesQueryDto, ListUnmatchedQueryDto } from '../../src/remits/dto/remittance-query.dto.js';
import { RemitsRepository } from '../../src/remits/remits.repository.js';
import { RemitsService } from '../../src/remits/remits.service.js';
import { type Scenario, seedScenario } from '../support/claims-seed.js';
import { explain, fullScans, QueryCapture } from '../support/query-plans.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

/**
 * "Indexes for every query": every statement the claims and remittances endpoints issue, for every
 * filter and sort (first page, a later page, and the NULL phase of nullable sorts), is planned by
 * the database itself and must not read a whole table.
 */
describe.each(databaseKinds)('claims and remittances query plans on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let capture: QueryCapture;
  let claims: ClaimsService;
  let remits: RemitsService;
  let seed: Scenario;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    capture = new QueryCapture();
    ds = new DataSource({ ...dataSourceOptions(db.config), logger: capture });
    await ds.initialize();
    await ds.runMigrations();
    seed = await seedScenario(ds);
    remits = new RemitsService(new RemitsRepository(ds));
    claims = new ClaimsService(new ClaimsRepository(ds), remits, new PatientLinksRepository(ds));
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  async function expectIndexed(work: () => Promise<unknown>): Promise<void> {
    const queries = await capture.during(work);
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      const plan = await explain(ds, q);
      expect({ sql: q.sql, scans: fullScans(plan) }).toEqual({ sql: q.sql, scans: [] });
    }
  }

  /** Every page of a list, so that keyset predicates (and the NULL phase) are planned too. */
  async function allPages(list: (cursor?: string) => Promise<{ nextCursor: string | null }>): Promise<void> {
    let cursor: string | undefined;
    do cursor = (await list(cursor)).nextCursor ?? undefined;
    while (cursor);
  }

  it('the check itself sees a full scan (claim_type has no index)', async () => {
    const queries = await capture.during(() => ds.getRepository(ClaimEntity).findBy({ claimType: 'dental' }));
    expect(fullScans(await explain(ds, queries[0]!))).not.toEqual([]);
  });

  const claimFilters: Record<string, unknown>[] = [
    {},
    { payerId: 'P1' },
    { status: 'paid,denied' },
    { serviceDateFrom: '2026-01-01', serviceDateTo: '2026-01-31' },
    { billingNpi: '1111111111' },
    { renderingNpi: '2222222222' },
    { patient: 'smi' },
    { hasFindings: 'true' },
  ];
  const claimSorts = ['receivedAt', 'serviceDateFrom', 'totalCharge', 'patientLastName'].flatMap((s) => [
    s,
    `-${s}`,
  ]);

  it.each(claimFilters)('claim list filtered by %j', async (filter) => {
    await expectIndexed(() =>
      allPages((cursor) => claims.list(plainToInstance(ListClaimsQueryDto, { ...filter, limit: 4, cursor }))),
    );
  });

  it.each(claimSorts)('claim list sorted by %s, every page', async (sort) => {
    await expectIndexed(() =>
      allPages((cursor) => claims.list(plainToInstance(ListClaimsQueryDto, { sort, limit: 3, cursor }))),
    );
  });

  it('claim detail', async () => {
    await expectIndexed(() => claims.get(seed.full.id, { include: 'detail' }));
  });

  it.each([
    {},
    { payerId: 'P1' },
    { paymentDateFrom: '2026-02-01', paymentDateTo: '2026-02-28' },
    { traceNumber: 'TRN001' },
    { sort: 'paymentDate' },
    { sort: '-paymentDate' },
    { sort: 'receivedAt' },
  ])('remittance list %j, every page', async (q) => {
    await expectIndexed(() =>
      allPages((cursor) => remits.list(plainToInstance(ListRemittancesQueryDto, { ...q, limit: 2, cursor }))),
    );
  });

  it('remittance detail', async () => {
    await expectIndexed(() => remits.get(seed.remittances[0]!.id));
  });

  it('unmatched claim payments, every page', async () => {
    await expectIndexed(() =>
      allPages((cursor) =>
        remits.listUnmatched(plainToInstance(ListUnmatchedQueryDto, { limit: 2, cursor })),
      ),
    );
  });
});
