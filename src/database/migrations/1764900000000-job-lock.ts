import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * The lease that lets exactly one instance run a scheduled job when several share one database: a
 * row per job naming its holder until `expires_at` (ISO-8601 UTC text, compared as text on both
 * databases). A holder that dies stops renewing, and the next instance takes the expired lease over.
 */
export class JobLock1764900000000 implements MigrationInterface {
  name = 'JobLock1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const v = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await queryRunner.createTable(
      new Table({
        name: 'job_lock',
        columns: [
          { ...v('job', 48), isPrimary: true },
          v('holder', 120),
          v('acquired_at', 30),
          v('expires_at', 30),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('job_lock');
  }
}
