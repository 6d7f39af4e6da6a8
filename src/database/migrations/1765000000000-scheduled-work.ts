import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * What the scheduled jobs keep: deadline alerts (a timely-filing limit or appeal deadline within the
 * alert window, raised by the deadlines job and cleared when the claim no longer needs it), the
 * digests written to the reports folder, and an index to find an import by its bytes (the inbox
 * archives a file already imported instead of importing it again). The digest's new denials need no
 * index of their own: they start from the files received in the period (IX_received_file_received_at)
 * and follow IX_remittance_file_id, IX_claim_payment_remittance_id and IX_claim_payment_claim_id.
 */
export class ScheduledWork1765000000000 implements MigrationInterface {
  name = 'ScheduledWork1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const v = (name: string, length: number, isNullable = false) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable,
    });
    const ix = (table: string, name: string, columnNames: string[], isUnique = false) =>
      queryRunner.createIndex(table, new TableIndex({ name, columnNames, isUnique }));

    await queryRunner.createTable(
      new Table({
        name: 'deadline_alert',
        columns: [
          { ...v('id', 36), isPrimary: true },
          v('claim_id', 36),
          // filing (timely-filing limit, payer has not answered) or appeal (denied)
          v('kind', 8),
          v('deadline', 10),
          v('raised_at', 30),
          // the job run that raised it (job_run.id)
          v('run_id', 36, true),
          // set when the claim no longer needs the alert (answered, resolved, deadline passed)
          v('cleared_at', 30, true),
        ],
      }),
    );
    await ix(
      'deadline_alert',
      'UQ_deadline_alert_claim_kind_deadline',
      ['claim_id', 'kind', 'deadline'],
      true,
    );
    await ix('deadline_alert', 'IX_deadline_alert_open', ['cleared_at', 'deadline']);

    await queryRunner.createTable(
      new Table({
        name: 'digest',
        columns: [
          { ...v('id', 36), isPrimary: true },
          // daily or weekly
          v('kind', 8),
          // the days it covers, from and to inclusive
          v('period_from', 10),
          v('period_to', 10),
          v('created_at', 30),
          // file names inside REPORTS_DIR (never a path from outside it)
          v('html_file', 255),
          v('csv_file', 255),
          // headline figures as JSON (counts and cents)
          { name: 'summary', type: 'text', isNullable: false },
          v('run_id', 36, true),
        ],
      }),
    );
    await ix('digest', 'UQ_digest_kind_period', ['kind', 'period_from', 'period_to'], true);
    await ix('digest', 'IX_digest_created', ['created_at', 'id']);

    await ix('input_import', 'IX_input_import_sha256', ['sha256']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('input_import', 'IX_input_import_sha256');
    await queryRunner.dropTable('digest');
    await queryRunner.dropTable('deadline_alert');
  }
}
