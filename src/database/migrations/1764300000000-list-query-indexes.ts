import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** Composite (sort column, id) indexes for keyset pages, and the single-column ones they replace. */
const SORT_INDEXES: { table: string; name: string; columns: string[]; replaces?: string }[] = [
  {
    table: 'claim',
    name: 'IX_claim_service_date_from_id',
    columns: ['service_date_from', 'id'],
    replaces: 'IX_claim_service_date_from',
  },
  { table: 'claim', name: 'IX_claim_total_charge_cents_id', columns: ['total_charge_cents', 'id'] },
  { table: 'claim', name: 'IX_claim_patient_last_name_id', columns: ['patient_last_name', 'id'] },
  { table: 'claim', name: 'IX_claim_finding_count', columns: ['finding_count'] },
  {
    table: 'remittance',
    name: 'IX_remittance_payment_date_id',
    columns: ['payment_date', 'id'],
    replaces: 'IX_remittance_payment_date',
  },
  {
    table: 'claim_payment',
    name: 'IX_claim_payment_match_status_id',
    columns: ['match_status', 'id'],
    replaces: 'IX_claim_payment_match_status',
  },
];

/**
 * Indexes for the claims and remittances list queries: every filter and sort of the API is answered
 * from an index. A (column, id) index serves the filter on its column too, so the single-column index
 * it supersedes is dropped (and restored by `down`). The patient last-name prefix search uses an
 * expression index on lower(patient_last_name); PostgreSQL builds it in the "C" collation so that a
 * [prefix, next) range means "starts with" whatever the database's collation.
 */
export class ListQueryIndexes1764300000000 implements MigrationInterface {
  name = 'ListQueryIndexes1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const ix of SORT_INDEXES) {
      await queryRunner.createIndex(ix.table, new TableIndex({ name: ix.name, columnNames: ix.columns }));
      if (ix.replaces) await queryRunner.dropIndex(ix.table, ix.replaces);
    }
    const collate = queryRunner.connection.options.type === 'postgres' ? ' COLLATE "C"' : '';
    await queryRunner.query(
      `CREATE INDEX "IX_claim_patient_last_name_lower" ON "claim" ((lower("patient_last_name"))${collate})`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IX_claim_patient_last_name_lower"`);
    for (const ix of [...SORT_INDEXES].reverse()) {
      if (ix.replaces) {
        const column = ix.columns[0]!;
        await queryRunner.createIndex(ix.table, new TableIndex({ name: ix.replaces, columnNames: [column] }));
      }
      await queryRunner.dropIndex(ix.table, ix.name);
    }
  }
}
