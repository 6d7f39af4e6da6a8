import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The web app's tables: local users, their sessions and API tokens (secrets stored as digests only),
 * the append-only audit log (database triggers refuse UPDATE and DELETE), the billing worklist's
 * state per claim and its history and notes, coding-gap resolutions, and scheduled job runs.
 */
export class WebSchema1764800000000 implements MigrationInterface {
  name = 'WebSchema1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const v = (name: string, length: number, isNullable = false) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable,
    });
    const text = (name: string, isNullable = true) => ({ name, type: 'text', isNullable });
    const ix = (table: string, name: string, columnNames: string[], isUnique = false) =>
      queryRunner.createIndex(table, new TableIndex({ name, columnNames, isUnique }));

    await queryRunner.createTable(
      new Table({
        name: 'app_user',
        columns: [
          { ...v('id', 36), isPrimary: true },
          v('username', 64),
          v('display_name', 120),
          v('role', 16),
          v('password_hash', 200),
          v('created_at', 30),
          v('updated_at', 30),
          v('password_changed_at', 30),
          v('last_sign_in_at', 30, true),
          v('disabled_at', 30, true),
        ],
      }),
    );
    await ix('app_user', 'UQ_app_user_username', ['username'], true);

    await queryRunner.createTable(
      new Table({
        name: 'user_session',
        columns: [
          // SHA-256 of the cookie value: a stolen database holds no usable session.
          { ...v('id', 64), isPrimary: true },
          v('user_id', 36),
          v('csrf_token', 64),
          v('created_at', 30),
          v('last_seen_at', 30),
          v('expires_at', 30),
          v('ip', 64, true),
          v('user_agent', 300, true),
        ],
      }),
    );
    await ix('user_session', 'IX_user_session_user', ['user_id']);
    await ix('user_session', 'IX_user_session_expires', ['expires_at']);

    await queryRunner.createTable(
      new Table({
        name: 'api_token',
        columns: [
          { ...v('id', 36), isPrimary: true },
          v('user_id', 36),
          v('name', 80),
          v('digest', 64),
          v('prefix', 12),
          v('created_at', 30),
          v('expires_at', 30, true),
          v('last_used_at', 30, true),
          v('revoked_at', 30, true),
        ],
      }),
    );
    await ix('api_token', 'UQ_api_token_digest', ['digest'], true);
    await ix('api_token', 'IX_api_token_user', ['user_id']);

    await queryRunner.createTable(
      new Table({
        name: 'audit_event',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          v('at', 30),
          v('actor_id', 36, true),
          v('actor_name', 120),
          v('actor_role', 16, true),
          // session, token, cli, system or anonymous
          v('via', 16),
          v('action', 48),
          v('target_type', 32, true),
          v('target_id', 80, true),
          // ok, refused or failed
          v('outcome', 16),
          text('detail'),
          v('ip', 64, true),
          v('user_agent', 300, true),
        ],
      }),
    );
    await ix('audit_event', 'IX_audit_event_at', ['at', 'id']);
    await ix('audit_event', 'IX_audit_event_actor', ['actor_id', 'at']);
    await ix('audit_event', 'IX_audit_event_target', ['target_type', 'target_id', 'at']);
    await ix('audit_event', 'IX_audit_event_action', ['action', 'at']);
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'audit_event is append-only'; END; $$ LANGUAGE plpgsql`);
      await queryRunner.query(`CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
      await queryRunner.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
    } else {
      await queryRunner.query(`CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END`);
      await queryRunner.query(`CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END`);
    }

    await queryRunner.createTable(
      new Table({
        name: 'work_item',
        columns: [
          { ...v('claim_id', 36), isPrimary: true },
          // new, in-progress, fixed, resubmitted, resolved, overridden
          v('status', 16),
          v('assignee_id', 36, true),
          text('reason'),
          v('created_at', 30),
          v('updated_at', 30),
          v('updated_by', 36, true),
        ],
      }),
    );
    await ix('work_item', 'IX_work_item_status', ['status', 'claim_id']);
    await ix('work_item', 'IX_work_item_assignee', ['assignee_id', 'status']);

    await queryRunner.createTable(
      new Table({
        name: 'work_item_event',
        columns: [
          { ...v('id', 36), isPrimary: true },
          v('claim_id', 36),
          v('at', 30),
          v('actor_id', 36, true),
          v('actor_name', 120),
          // status, assign or note
          v('kind', 16),
          v('from_status', 16, true),
          v('to_status', 16, true),
          v('assignee_id', 36, true),
          text('text'),
        ],
      }),
    );
    await ix('work_item_event', 'IX_work_item_event_claim', ['claim_id', 'at']);

    await queryRunner.createTable(
      new Table({
        name: 'coding_gap',
        columns: [
          { ...v('claim_id', 36), isPrimary: true },
          // rule id and line for a finding, missed-charge and code for a missed charge
          { ...v('gap_key', 120), isPrimary: true },
          // open, resolved or sent-back
          v('status', 16),
          text('comment'),
          v('updated_by_id', 36, true),
          v('updated_by_name', 120),
          v('updated_at', 30),
        ],
      }),
    );
    await ix('coding_gap', 'IX_coding_gap_status', ['status']);

    await queryRunner.createTable(
      new Table({
        name: 'job_run',
        columns: [
          { ...v('id', 36), isPrimary: true },
          v('job', 48),
          v('started_at', 30),
          v('finished_at', 30, true),
          // running, succeeded, failed or skipped
          v('status', 16),
          text('counts'),
          text('error'),
          v('instance', 120, true),
        ],
      }),
    );
    await ix('job_run', 'IX_job_run_job', ['job', 'started_at']);
    await ix('job_run', 'IX_job_run_started', ['started_at']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of [
      'job_run',
      'coding_gap',
      'work_item_event',
      'work_item',
      'api_token',
      'user_session',
      'app_user',
    ]) {
      await queryRunner.dropTable(t);
    }
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP TABLE audit_event');
      await queryRunner.query('DROP FUNCTION audit_event_append_only()');
    } else {
      await queryRunner.query('DROP TABLE audit_event');
    }
  }
}
