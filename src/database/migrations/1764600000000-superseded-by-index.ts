import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * Rule evaluation clears the findings of the claims a new file replaced or voided: it looks claims up
 * by superseded_by_id, which needs an index on a large claim table.
 */
export class SupersededByIndex1764600000000 implements MigrationInterface {
  name = 'SupersededByIndex1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'claim',
      new TableIndex({ name: 'IX_claim_superseded_by_id', columnNames: ['superseded_by_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('claim', 'IX_claim_superseded_by_id');
  }
}
