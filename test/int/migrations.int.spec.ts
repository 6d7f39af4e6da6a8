import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const TABLES = [
  'received_file',
  'file_issue',
  'claim',
  'claim_line',
  'claim_diagnosis',
  'claim_provider',
  'claim_event',
  'remittance',
  'claim_payment',
  'service_payment',
  'payment_adjustment',
  'remark_code',
  'provider_adjustment',
  'input_import',
  'prior_authorization',
  'clinical_document',
  'eligibility_coverage',
  'contract_rate',
  'fhir_patient',
  'patient_link',
  'patient_problem',
  'finding',
  'claim_evaluation',
  'finding_override',
  'claim_report',
  'leakage_item',
  'report_rollup',
  'risk_model',
  'job_lock',
];

describe.each(databaseKinds)('migrations on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = new DataSource(dataSourceOptions(db.config));
    await ds.initialize();
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  async function tables(): Promise<string[]> {
    const rows: { name: string }[] =
      kind === 'postgres'
        ? await ds.query(
            `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
          )
        : await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table'`);
    return rows
      .map((r) => r.name)
      .filter((n) => TABLES.includes(n))
      .sort();
  }

  async function indexes(): Promise<string[]> {
    const rows: { name: string }[] =
      kind === 'postgres'
        ? await ds.query(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'`)
        : await ds.query(
            `SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'`,
          );
    return rows.map((r) => r.name).sort();
  }

  it('creates every table, and the down migrations remove them all', async () => {
    await ds.runMigrations();
    expect(await tables()).toEqual([...TABLES].sort());
    const migrated = await indexes();
    // Each down must leave what its up found: going down one step at a time and back up again
    // gives the same indexes at every step.
    const steps: string[][] = [];
    for (let i = 0; i < MIGRATIONS.length; i++) {
      await ds.undoLastMigration();
      steps.push(await indexes());
    }
    expect(await tables()).toEqual([]);
    await ds.runMigrations();
    expect(await tables()).toEqual([...TABLES].sort());
    expect(await indexes()).toEqual(migrated);
    await ds.undoLastMigration();
    expect(await indexes()).toEqual(steps[0]);
    await ds.runMigrations();
    expect(await indexes()).toEqual(migrated);
    // Nine migrations up, down and up again: seconds on PostgreSQL when the machine is busy.
  }, 60_000);

  it('keeps money exact as integer cents on both drivers', async () => {
    await ds.query(
      `INSERT INTO received_file (id, sha256, name, size_bytes, kind, status, received_at) VALUES ('f1', 'abc', 'x', 9007199254740, '837', 'processed', '2026-01-01T00:00:00.000Z')`,
    );
    const [row] = await ds.getRepository('ReceivedFileEntity').find();
    expect(row).toMatchObject({ sizeBytes: 9007199254740, claimCount: 0 });
    expect(typeof (row as { sizeBytes: unknown }).sizeBytes).toBe('number');
  });

  it('refuses a second file with the same sha256', async () => {
    await expect(
      ds.query(
        `INSERT INTO received_file (id, sha256, name, size_bytes, kind, status, received_at) VALUES ('f2', 'abc', 'y', 1, '837', 'processed', '2026-01-01T00:00:00.000Z')`,
      ),
    ).rejects.toThrow();
  });
});
