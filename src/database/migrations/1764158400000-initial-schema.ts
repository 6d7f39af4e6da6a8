import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/**
 * The first schema: received files and their issues, claims with lines, diagnoses, providers and
 * history, remittances with claim and service payments, adjustments, remark codes and PLB.
 * Written with TypeORM's Table API so the same migration runs on SQLite and PostgreSQL.
 * Money is BIGINT cents, dates of service are YYYY-MM-DD text, times ISO-8601 text, ids UUIDv7 text.
 */
export class InitialSchema1764158400000 implements MigrationInterface {
  name = 'InitialSchema1764158400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'received_file',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true, isNullable: false },
          { name: 'sha256', type: 'varchar', length: '64', isNullable: false },
          { name: 'name', type: 'varchar', length: '255', isNullable: false },
          { name: 'size_bytes', type: 'bigint', isNullable: false },
          { name: 'kind', type: 'varchar', length: '16', isNullable: false },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'transaction_count', type: 'integer', isNullable: false, default: 0 },
          { name: 'claim_count', type: 'integer', isNullable: false, default: 0 },
          { name: 'payment_count', type: 'integer', isNullable: false, default: 0 },
          { name: 'error_count', type: 'integer', isNullable: false, default: 0 },
          { name: 'warning_count', type: 'integer', isNullable: false, default: 0 },
          { name: 'failure', type: 'text', isNullable: true },
          { name: 'received_at', type: 'varchar', length: '30', isNullable: false },
          { name: 'processed_at', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'received_file',
      new TableIndex({ name: 'UQ_received_file_sha256', columnNames: ['sha256'], isUnique: true }),
    );
    await queryRunner.createIndex(
      'received_file',
      new TableIndex({ name: 'IX_received_file_received_at', columnNames: ['received_at'], isUnique: false }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'file_issue',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true, isNullable: false },
          { name: 'file_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'seq', type: 'integer', isNullable: false },
          { name: 'severity', type: 'varchar', length: '8', isNullable: false },
          { name: 'code', type: 'varchar', length: '48', isNullable: false },
          { name: 'message', type: 'text', isNullable: false },
          { name: 'segment_index', type: 'integer', isNullable: false },
          { name: 'segment_id', type: 'varchar', length: '3', isNullable: false },
          { name: 'element_index', type: 'integer', isNullable: true },
          { name: 'component_index', type: 'integer', isNullable: true },
          { name: 'line', type: 'integer', isNullable: false },
          { name: 'byte_offset', type: 'bigint', isNullable: false },
          { name: 'path', type: 'varchar', length: '64', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'file_issue',
      new TableIndex({ name: 'IX_file_issue_file_id_seq', columnNames: ['file_id', 'seq'], isUnique: false }),
    );
    await queryRunner.createForeignKey(
      'file_issue',
      new TableForeignKey({
        name: 'FK_file_issue_file_id',
        columnNames: ['file_id'],
        referencedTableName: 'received_file',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'claim',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true, isNullable: false },
          { name: 'file_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'claim_type', type: 'varchar', length: '16', isNullable: false },
          { name: 'version', type: 'varchar', length: '4', isNullable: false },
          { name: 'patient_control_number', type: 'varchar', length: '38', isNullable: false },
          { name: 'frequency_code', type: 'varchar', length: '2', isNullable: false },
          { name: 'submission', type: 'varchar', length: '16', isNullable: false },
          { name: 'superseded_by_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'duplicate_of_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'total_charge_cents', type: 'bigint', isNullable: false },
          { name: 'paid_cents', type: 'bigint', isNullable: false, default: 0 },
          { name: 'patient_responsibility_cents', type: 'bigint', isNullable: false, default: 0 },
          { name: 'payer_id', type: 'varchar', length: '80', isNullable: false },
          { name: 'payer_name', type: 'varchar', length: '120', isNullable: false },
          { name: 'subscriber_member_id', type: 'varchar', length: '80', isNullable: false },
          { name: 'subscriber_last_name', type: 'varchar', length: '80', isNullable: false },
          { name: 'subscriber_first_name', type: 'varchar', length: '80', isNullable: false },
          { name: 'subscriber_birth_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'patient_last_name', type: 'varchar', length: '80', isNullable: false },
          { name: 'patient_first_name', type: 'varchar', length: '80', isNullable: false },
          { name: 'patient_birth_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'patient_sex', type: 'varchar', length: '1', isNullable: false },
          { name: 'billing_npi', type: 'varchar', length: '10', isNullable: false },
          { name: 'billing_tax_id', type: 'varchar', length: '20', isNullable: false },
          { name: 'billing_name', type: 'varchar', length: '120', isNullable: false },
          { name: 'rendering_npi', type: 'varchar', length: '10', isNullable: false },
          { name: 'referring_npi', type: 'varchar', length: '10', isNullable: false },
          { name: 'facility_code', type: 'varchar', length: '4', isNullable: false },
          { name: 'service_date_from', type: 'varchar', length: '10', isNullable: true },
          { name: 'service_date_to', type: 'varchar', length: '10', isNullable: true },
          { name: 'prior_authorization', type: 'varchar', length: '50', isNullable: false },
          { name: 'payer_claim_control_number', type: 'varchar', length: '50', isNullable: false },
          { name: 'interchange_control_number', type: 'varchar', length: '9', isNullable: false },
          { name: 'transaction_control_number', type: 'varchar', length: '9', isNullable: false },
          { name: 'segment_index', type: 'integer', isNullable: false },
          { name: 'line', type: 'integer', isNullable: false },
          { name: 'byte_offset', type: 'bigint', isNullable: false },
          { name: 'finding_count', type: 'integer', isNullable: false, default: 0 },
          { name: 'detail', type: 'text', isNullable: false },
          { name: 'received_at', type: 'varchar', length: '30', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'claim',
      new TableIndex({ name: 'IX_claim_payer_id', columnNames: ['payer_id'], isUnique: false }),
    );
    await queryRunner.createIndex(
      'claim',
      new TableIndex({ name: 'IX_claim_status', columnNames: ['status'], isUnique: false }),
    );
    await queryRunner.createIndex(
      'claim',
      new TableIndex({
        name: 'IX_claim_service_date_from',
        columnNames: ['service_date_from'],
        isUnique: false,
      }),
    );
    await queryRunner.createIndex(
      'claim',
      new TableIndex({ name: 'IX_claim_billing_npi', columnNames: ['billing_npi'], isUnique: false }),
    );
    await queryRunner.createIndex(
      'claim',
      new TableIndex({ name: 'IX_claim_rendering_npi', columnNames: ['rendering_npi'], isUnique: false }),
    );
    await queryRunner.createIndex(
      'claim',
      new TableIndex({
        name: 'IX_claim_patient_control_number',
        columnNames: ['patient_control_number'],
        isUnique: false,
      }),
    );
    await queryRunner.createIndex(
      'claim',
      new TableIndex({
        name: 'IX_claim_subscriber_member_id',
        columnNames: ['subscriber_member_id'],
        isUnique: false,
      }),
    );
    await queryRunner.createIndex(
      'claim',
      new TableIndex({
        name: 'IX_claim_patient_last_name_patient_first_name',
        columnNames: ['patient_last_name', 'patient_first_name'],
        isUnique: false,
      }),
    );
    await queryRunner.createIndex(
      'claim',
      new TableIndex({ name: 'IX_claim_file_id', columnNames: ['file_id'], isUnique: false }),
    );
    await queryRunner.createIndex(
      'claim',
      new TableIndex({
        name: 'IX_claim_received_at_id',
        columnNames: ['received_at', 'id'],
        isUnique: false,
      }),
    );
    await queryRunner.createForeignKey(
      'claim',
      new TableForeignKey({
        name: 'FK_claim_file_id',
        columnNames: ['file_id'],
        referencedTableName: 'received_file',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'claim_line',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true, isNullable: false },
          { name: 'claim_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'line_number', type: 'integer', isNullable: false },
          { name: 'procedure_qualifier', type: 'varchar', length: '3', isNullable: false },
          { name: 'procedure_code', type: 'varchar', length: '48', isNullable: false },
          { name: 'modifiers', type: 'varchar', length: '20', isNullable: false },
          { name: 'revenue_code', type: 'varchar', length: '4', isNullable: false },
          { name: 'charge_cents', type: 'bigint', isNullable: false },
          { name: 'units', type: 'double precision', isNullable: true },
          { name: 'unit_basis', type: 'varchar', length: '2', isNullable: false },
          { name: 'place_of_service', type: 'varchar', length: '2', isNullable: false },
          { name: 'service_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'service_date_end', type: 'varchar', length: '10', isNullable: true },
          { name: 'control_number', type: 'varchar', length: '50', isNullable: false },
          { name: 'ndc', type: 'varchar', length: '48', isNullable: false },
          { name: 'diagnosis_pointers', type: 'varchar', length: '16', isNullable: false },
          { name: 'prior_authorization', type: 'varchar', length: '50', isNullable: false },
          { name: 'rendering_npi', type: 'varchar', length: '10', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'claim_line',
      new TableIndex({
        name: 'IX_claim_line_claim_id_line_number',
        columnNames: ['claim_id', 'line_number'],
        isUnique: false,
      }),
    );
    await queryRunner.createIndex(
      'claim_line',
      new TableIndex({
        name: 'IX_claim_line_control_number',
        columnNames: ['control_number'],
        isUnique: false,
      }),
    );
    await queryRunner.createForeignKey(
      'claim_line',
      new TableForeignKey({
        name: 'FK_claim_line_claim_id',
        columnNames: ['claim_id'],
        referencedTableName: 'claim',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'claim_diagnosis',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true, isNullable: false },
          { name: 'claim_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'seq', type: 'integer', isNullable: false },
          { name: 'qualifier', type: 'varchar', length: '3', isNullable: false },
          { name: 'code', type: 'varchar', length: '30', isNullable: false },
          { name: 'role', type: 'varchar', length: '20', isNullable: false },
          { name: 'present_on_admission', type: 'varchar', length: '1', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'claim_diagnosis',
      new TableIndex({
        name: 'IX_claim_diagnosis_claim_id_seq',
        columnNames: ['claim_id', 'seq'],
        isUnique: false,
      }),
    );
    await queryRunner.createIndex(
      'claim_diagnosis',
      new TableIndex({ name: 'IX_claim_diagnosis_code', columnNames: ['code'], isUnique: false }),
    );
    await queryRunner.createForeignKey(
      'claim_diagnosis',
      new TableForeignKey({
        name: 'FK_claim_diagnosis_claim_id',
        columnNames: ['claim_id'],
        referencedTableName: 'claim',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'claim_provider',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true, isNullable: false },
          { name: 'claim_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'role', type: 'varchar', length: '24', isNullable: false },
          { name: 'npi', type: 'varchar', length: '10', isNullable: false },
          { name: 'tax_id', type: 'varchar', length: '20', isNullable: false },
          { name: 'last_or_org_name', type: 'varchar', length: '120', isNullable: false },
          { name: 'first_name', type: 'varchar', length: '80', isNullable: false },
          { name: 'taxonomy', type: 'varchar', length: '10', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'claim_provider',
      new TableIndex({ name: 'IX_claim_provider_claim_id', columnNames: ['claim_id'], isUnique: false }),
    );
    await queryRunner.createIndex(
      'claim_provider',
      new TableIndex({ name: 'IX_claim_provider_npi', columnNames: ['npi'], isUnique: false }),
    );
    await queryRunner.createForeignKey(
      'claim_provider',
      new TableForeignKey({
        name: 'FK_claim_provider_claim_id',
        columnNames: ['claim_id'],
        referencedTableName: 'claim',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'claim_event',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true, isNullable: false },
          { name: 'claim_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'at', type: 'varchar', length: '30', isNullable: false },
          { name: 'kind', type: 'varchar', length: '24', isNullable: false },
          { name: 'file_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'related_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'detail', type: 'text', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'claim_event',
      new TableIndex({
        name: 'IX_claim_event_claim_id_at',
        columnNames: ['claim_id', 'at'],
        isUnique: false,
      }),
    );
    await queryRunner.createForeignKey(
      'claim_event',
      new TableForeignKey({
        name: 'FK_claim_event_claim_id',
        columnNames: ['claim_id'],
        referencedTableName: 'claim',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'remittance',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true, isNullable: false },
          { name: 'file_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'payer_id', type: 'varchar', length: '80', isNullable: false },
          { name: 'payer_name', type: 'varchar', length: '120', isNullable: false },
          { name: 'payee_name', type: 'varchar', length: '120', isNullable: false },
          { name: 'payee_npi', type: 'varchar', length: '10', isNullable: false },
          { name: 'payee_tax_id', type: 'varchar', length: '20', isNullable: false },
          { name: 'trace_number', type: 'varchar', length: '50', isNullable: false },
          { name: 'payment_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'total_payment_cents', type: 'bigint', isNullable: false },
          { name: 'handling_code', type: 'varchar', length: '2', isNullable: false },
          { name: 'payment_method', type: 'varchar', length: '3', isNullable: false },
          { name: 'credit_debit', type: 'varchar', length: '1', isNullable: false },
          { name: 'claim_payment_count', type: 'integer', isNullable: false },
          { name: 'provider_adjustment_cents', type: 'bigint', isNullable: false },
          { name: 'interchange_control_number', type: 'varchar', length: '9', isNullable: false },
          { name: 'transaction_control_number', type: 'varchar', length: '9', isNullable: false },
          { name: 'received_at', type: 'varchar', length: '30', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'remittance',
      new TableIndex({ name: 'IX_remittance_file_id', columnNames: ['file_id'], isUnique: false }),
    );
    await queryRunner.createIndex(
      'remittance',
      new TableIndex({ name: 'IX_remittance_payer_id', columnNames: ['payer_id'], isUnique: false }),
    );
    await queryRunner.createIndex(
      'remittance',
      new TableIndex({ name: 'IX_remittance_payment_date', columnNames: ['payment_date'], isUnique: false }),
    );
    await queryRunner.createIndex(
      'remittance',
      new TableIndex({ name: 'IX_remittance_trace_number', columnNames: ['trace_number'], isUnique: false }),
    );
    await queryRunner.createIndex(
      'remittance',
      new TableIndex({
        name: 'IX_remittance_received_at_id',
        columnNames: ['received_at', 'id'],
        isUnique: false,
      }),
    );
    await queryRunner.createForeignKey(
      'remittance',
      new TableForeignKey({
        name: 'FK_remittance_file_id',
        columnNames: ['file_id'],
        referencedTableName: 'received_file',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'claim_payment',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true, isNullable: false },
          { name: 'remittance_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'claim_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'match_status', type: 'varchar', length: '12', isNullable: false },
          { name: 'patient_control_number', type: 'varchar', length: '38', isNullable: false },
          { name: 'status_code', type: 'varchar', length: '2', isNullable: false },
          { name: 'charge_cents', type: 'bigint', isNullable: false },
          { name: 'paid_cents', type: 'bigint', isNullable: false },
          { name: 'patient_responsibility_cents', type: 'bigint', isNullable: true },
          { name: 'claim_filing_indicator', type: 'varchar', length: '2', isNullable: false },
          { name: 'payer_claim_control_number', type: 'varchar', length: '50', isNullable: false },
          { name: 'facility_code', type: 'varchar', length: '4', isNullable: false },
          { name: 'frequency_code', type: 'varchar', length: '2', isNullable: false },
          { name: 'is_reversal', type: 'boolean', isNullable: false },
          { name: 'patient_last_name', type: 'varchar', length: '80', isNullable: false },
          { name: 'patient_first_name', type: 'varchar', length: '80', isNullable: false },
          { name: 'member_id', type: 'varchar', length: '80', isNullable: false },
          { name: 'statement_from', type: 'varchar', length: '10', isNullable: true },
          { name: 'statement_to', type: 'varchar', length: '10', isNullable: true },
          { name: 'segment_index', type: 'integer', isNullable: false },
          { name: 'line', type: 'integer', isNullable: false },
          { name: 'byte_offset', type: 'bigint', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'claim_payment',
      new TableIndex({
        name: 'IX_claim_payment_remittance_id',
        columnNames: ['remittance_id'],
        isUnique: false,
      }),
    );
    await queryRunner.createIndex(
      'claim_payment',
      new TableIndex({ name: 'IX_claim_payment_claim_id', columnNames: ['claim_id'], isUnique: false }),
    );
    await queryRunner.createIndex(
      'claim_payment',
      new TableIndex({
        name: 'IX_claim_payment_patient_control_number',
        columnNames: ['patient_control_number'],
        isUnique: false,
      }),
    );
    await queryRunner.createIndex(
      'claim_payment',
      new TableIndex({
        name: 'IX_claim_payment_match_status',
        columnNames: ['match_status'],
        isUnique: false,
      }),
    );
    await queryRunner.createForeignKey(
      'claim_payment',
      new TableForeignKey({
        name: 'FK_claim_payment_remittance_id',
        columnNames: ['remittance_id'],
        referencedTableName: 'remittance',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'service_payment',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true, isNullable: false },
          { name: 'claim_payment_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'claim_line_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'seq', type: 'integer', isNullable: false },
          { name: 'procedure_qualifier', type: 'varchar', length: '3', isNullable: false },
          { name: 'procedure_code', type: 'varchar', length: '48', isNullable: false },
          { name: 'modifiers', type: 'varchar', length: '20', isNullable: false },
          { name: 'revenue_code', type: 'varchar', length: '4', isNullable: false },
          { name: 'charge_cents', type: 'bigint', isNullable: false },
          { name: 'paid_cents', type: 'bigint', isNullable: false },
          { name: 'allowed_cents', type: 'bigint', isNullable: true },
          { name: 'units', type: 'double precision', isNullable: true },
          { name: 'service_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'service_date_end', type: 'varchar', length: '10', isNullable: true },
          { name: 'control_number', type: 'varchar', length: '50', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'service_payment',
      new TableIndex({
        name: 'IX_service_payment_claim_payment_id_seq',
        columnNames: ['claim_payment_id', 'seq'],
        isUnique: false,
      }),
    );
    await queryRunner.createIndex(
      'service_payment',
      new TableIndex({
        name: 'IX_service_payment_claim_line_id',
        columnNames: ['claim_line_id'],
        isUnique: false,
      }),
    );
    await queryRunner.createForeignKey(
      'service_payment',
      new TableForeignKey({
        name: 'FK_service_payment_claim_payment_id',
        columnNames: ['claim_payment_id'],
        referencedTableName: 'claim_payment',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'payment_adjustment',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true, isNullable: false },
          { name: 'claim_payment_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'service_payment_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'group_code', type: 'varchar', length: '2', isNullable: false },
          { name: 'reason_code', type: 'varchar', length: '5', isNullable: false },
          { name: 'amount_cents', type: 'bigint', isNullable: false },
          { name: 'quantity', type: 'double precision', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'payment_adjustment',
      new TableIndex({
        name: 'IX_payment_adjustment_claim_payment_id',
        columnNames: ['claim_payment_id'],
        isUnique: false,
      }),
    );
    await queryRunner.createIndex(
      'payment_adjustment',
      new TableIndex({
        name: 'IX_payment_adjustment_reason_code',
        columnNames: ['reason_code'],
        isUnique: false,
      }),
    );
    await queryRunner.createForeignKey(
      'payment_adjustment',
      new TableForeignKey({
        name: 'FK_payment_adjustment_claim_payment_id',
        columnNames: ['claim_payment_id'],
        referencedTableName: 'claim_payment',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'remark_code',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true, isNullable: false },
          { name: 'claim_payment_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'service_payment_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'code', type: 'varchar', length: '10', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'remark_code',
      new TableIndex({
        name: 'IX_remark_code_claim_payment_id',
        columnNames: ['claim_payment_id'],
        isUnique: false,
      }),
    );
    await queryRunner.createIndex(
      'remark_code',
      new TableIndex({ name: 'IX_remark_code_code', columnNames: ['code'], isUnique: false }),
    );
    await queryRunner.createForeignKey(
      'remark_code',
      new TableForeignKey({
        name: 'FK_remark_code_claim_payment_id',
        columnNames: ['claim_payment_id'],
        referencedTableName: 'claim_payment',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'provider_adjustment',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true, isNullable: false },
          { name: 'remittance_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'provider_id', type: 'varchar', length: '50', isNullable: false },
          { name: 'fiscal_period_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'reason', type: 'varchar', length: '4', isNullable: false },
          { name: 'reference', type: 'varchar', length: '50', isNullable: false },
          { name: 'amount_cents', type: 'bigint', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'provider_adjustment',
      new TableIndex({
        name: 'IX_provider_adjustment_remittance_id',
        columnNames: ['remittance_id'],
        isUnique: false,
      }),
    );
    await queryRunner.createForeignKey(
      'provider_adjustment',
      new TableForeignKey({
        name: 'FK_provider_adjustment_remittance_id',
        columnNames: ['remittance_id'],
        referencedTableName: 'remittance',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('provider_adjustment', true, true, true);
    await queryRunner.dropTable('remark_code', true, true, true);
    await queryRunner.dropTable('payment_adjustment', true, true, true);
    await queryRunner.dropTable('service_payment', true, true, true);
    await queryRunner.dropTable('claim_payment', true, true, true);
    await queryRunner.dropTable('remittance', true, true, true);
    await queryRunner.dropTable('claim_event', true, true, true);
    await queryRunner.dropTable('claim_provider', true, true, true);
    await queryRunner.dropTable('claim_diagnosis', true, true, true);
    await queryRunner.dropTable('claim_line', true, true, true);
    await queryRunner.dropTable('claim', true, true, true);
    await queryRunner.dropTable('file_issue', true, true, true);
    await queryRunner.dropTable('received_file', true, true, true);
  }
}
