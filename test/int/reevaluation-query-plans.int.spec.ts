import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { ReevaluationRepository } from '../../src/findings/reevaluation.repository.js';
import { seedScenario } from '../support/claims-seed.js';
import { explain, fullScans, QueryCapture } from '../support/query-plans.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

/**
 * The re-evaluation job must run at a million claims: every statement it issues per page of open
 * claims (the page itself, the lookups of what changed for the page, the findings before and after)
 * is answered by an index. Only the payer-wide summary, once per run, reads the record tables whole.
 */
describe.each(databaseKinds)('re-evaluation query plans on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let capture: QueryCapture;
  let sut: ReevaluationRepository;
  let lastClaimId: string;
  const LINKED_AT = '2026-03-01T08:00:00.000Z';

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    capture = new QueryCapture();
    ds = new DataSource({ ...dataSourceOptions(db.config), logger: capture });
    await ds.initialize();
    await ds.runMigrations();
    await seedScenario(ds);
    // Every lookup runs: patients with a birth date, a claim quoting an authorization number.
    await ds.query(`UPDATE claim SET patient_birth_date = '1980-01-01', prior_authorization = 'auth 001'`);
    // …and an authorization linked to the last open claim by patient matching.
    await ds.query(
      `INSERT INTO prior_authorization (id, auth_number, procedure_code, payer_id, member_id, member_key,
         patient_last_name, patient_first_name, patient_dob, units_approved, start_date, end_date, status,
         provider_npi, source, import_id, updated_at)
       VALUES ('auth-1', 'AUTH-1', '73721', 'P1', 'X9', 'X9', 'NOBODY', 'NO', '1999-09-09', 1, '2026-01-01',
         '2026-12-31', 'approved', NULL, 'csv', 'import-1', '${LINKED_AT}')`,
    );
    const [last] = (await ds.query(
      `SELECT id FROM claim WHERE status NOT IN ('paid', 'replaced', 'voided') ORDER BY id DESC LIMIT 1`,
    )) as { id: string }[];
    lastClaimId = last!.id;
    await ds.query(
      `INSERT INTO patient_link (id, claim_id, target_kind, target_id, method, score_milli, confidence, linked_at)
       VALUES ('link-1', '${lastClaimId}', 'authorization', 'auth-1', 'name+dob', 700, 'probable', '${LINKED_AT}')`,
    );
    sut = new ReevaluationRepository(ds);
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  /** Runs `work`, checks that no statement it issued reads a whole table, and returns them. */
  async function expectIndexed(work: () => Promise<unknown>): Promise<string[]> {
    const queries = await capture.during(work);
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      const plan = await explain(ds, q);
      expect({ sql: q.sql, scans: fullScans(plan) }).toEqual({ sql: q.sql, scans: [] });
    }
    return queries.map((q) => q.sql.replace(/\s+/g, ' '));
  }

  it('reads the open claims page by page, and what changed for each page, by index', async () => {
    let pages = 0;
    let linkedClaim: unknown;
    const statements = await expectIndexed(async () => {
      for await (const page of sut.openClaims(3)) {
        pages++;
        const times = await sut.changeTimes(page);
        linkedClaim ??= times.get(lastClaimId);
        await sut.findingsOf(page.map((c) => c.id));
      }
    });
    expect(pages).toBeGreaterThan(1);
    expect(linkedClaim).toMatchObject({ authorization: LINKED_AT });
    for (const part of [
      'FROM claim c LEFT JOIN claim_evaluation e',
      'FROM prior_authorization WHERE member_key IN',
      'MAX(updated_at) AS at FROM fhir_patient WHERE',
      'FROM patient_link WHERE claim_id IN',
      'FROM claim_line WHERE claim_id IN',
      'FROM prior_authorization WHERE auth_number IN',
      'FROM claim WHERE subscriber_member_id IN',
      'FROM finding WHERE claim_id IN',
      'FROM prior_authorization WHERE id IN',
    ])
      expect({ part, issued: statements.some((sql) => sql.includes(part)) }).toEqual({ part, issued: true });
  });

  it('reads the latest change and the records version from an index', async () => {
    await expectIndexed(() => sut.latestChange());
    await expectIndexed(() => sut.recordsVersion());
  });
});
