import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Rule findings per claim (replaced on every evaluation), the claim's last evaluation (rule set,
 * not-checked categories, risk), and the override log keyed by (claim, rule, line) so overrides
 * survive re-evaluation.
 */
export class FindingsSchema1764500000000 implements MigrationInterface {
  name = 'FindingsSchema1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const v = (name: string, length: number) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: false,
    });
    await queryRunner.createTable(
      new Table({
        name: 'finding',
        columns: [
          { ...v('id', 36), isPrimary: true },
          v('claim_id', 36),
          v('rule_id', 64),
          { name: 'rule_version', type: 'integer', isNullable: false },
          v('rule_set_version', 32),
          v('category', 32),
          v('severity', 8),
          v('carc', 64),
          v('rarc', 64),
          { name: 'line_number', type: 'integer', isNullable: false },
          { name: 'message', type: 'text', isNullable: false },
          { name: 'fix', type: 'text', isNullable: false },
          { name: 'evidence', type: 'text', isNullable: false },
          { name: 'amount_cents', type: 'bigint', isNullable: false },
          v('found_at', 30),
        ],
      }),
    );
    await queryRunner.createIndex(
      'finding',
      new TableIndex({ name: 'IX_finding_claim_id', columnNames: ['claim_id'] }),
    );
    await queryRunner.createIndex(
      'finding',
      new TableIndex({ name: 'IX_finding_rule_id', columnNames: ['rule_id'] }),
    );
    await queryRunner.createIndex(
      'finding',
      new TableIndex({ name: 'IX_finding_category', columnNames: ['category'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'claim_evaluation',
        columns: [
          { ...v('claim_id', 36), isPrimary: true },
          v('rule_set_version', 32),
          v('evaluated_at', 30),
          v('as_of', 10),
          v('not_checked', 400),
          { name: 'finding_count', type: 'integer', isNullable: false },
          { name: 'risk_milli', type: 'integer', isNullable: false },
          { name: 'expected_denial_cents', type: 'bigint', isNullable: false },
          { name: 'errors', type: 'text', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'claim_evaluation',
      new TableIndex({ name: 'IX_claim_evaluation_rule_set_version', columnNames: ['rule_set_version'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'finding_override',
        columns: [
          { ...v('id', 36), isPrimary: true },
          v('claim_id', 36),
          v('rule_id', 64),
          { name: 'line_number', type: 'integer', isNullable: false },
          v('action', 8),
          { name: 'reason', type: 'text', isNullable: false },
          v('actor', 120),
          v('at', 30),
        ],
      }),
    );
    await queryRunner.createIndex(
      'finding_override',
      new TableIndex({
        name: 'IX_finding_override_key',
        columnNames: ['claim_id', 'rule_id', 'line_number'],
      }),
    );
    await queryRunner.createIndex(
      'finding_override',
      new TableIndex({ name: 'IX_finding_override_rule_id', columnNames: ['rule_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('finding_override');
    await queryRunner.dropTable('claim_evaluation');
    await queryRunner.dropTable('finding');
  }
}
