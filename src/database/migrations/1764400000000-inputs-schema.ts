import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  type TableColumnOptions,
  TableIndex,
} from 'typeorm';

const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });
const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const int = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: nullable,
});
/** Columns every imported record carries: where it came from and when it last changed. */
const provenance = (): TableColumnOptions[] => [
  text('source', 16),
  text('import_id', 36),
  text('updated_at', 30),
];

interface TableDef {
  name: string;
  columns: TableColumnOptions[];
  unique?: string[];
  indexes?: string[][];
}

const TABLES: TableDef[] = [
  {
    name: 'input_import',
    columns: [
      id(),
      text('kind', 16),
      text('file_name', 255),
      text('sha256', 64),
      int('size_bytes'),
      int('inserted_count'),
      int('updated_count'),
      int('warning_count'),
      text('imported_at', 30),
    ],
    indexes: [['imported_at', 'id']],
  },
  {
    name: 'prior_authorization',
    columns: [
      id(),
      text('auth_number', 50),
      text('procedure_code', 8),
      text('payer_id', 80),
      text('member_id', 80),
      text('member_key', 80),
      text('patient_last_name', 80),
      text('patient_first_name', 80),
      text('patient_dob', 10, true),
      int('units_approved', true),
      text('start_date', 10),
      text('end_date', 10),
      text('status', 16),
      text('provider_npi', 10, true),
      ...provenance(),
    ],
    unique: ['auth_number', 'procedure_code'],
    indexes: [['member_key'], ['patient_last_name', 'patient_dob']],
  },
  {
    name: 'clinical_document',
    columns: [
      id(),
      text('document_id', 80),
      text('member_id', 80),
      text('member_key', 80),
      text('patient_last_name', 80),
      text('patient_first_name', 80),
      text('patient_dob', 10, true),
      text('service_date', 10),
      text('document_type', 80),
      { name: 'diagnosis_codes', type: 'text', isNullable: false },
      { name: 'procedure_codes', type: 'text', isNullable: false },
      text('author_npi', 10, true),
      { name: 'signed', type: 'boolean', isNullable: false },
      { name: 'text', type: 'text', isNullable: false },
      ...provenance(),
    ],
    unique: ['document_id'],
    indexes: [
      ['member_key', 'service_date'],
      ['patient_last_name', 'patient_dob'],
    ],
  },
  {
    name: 'eligibility_coverage',
    columns: [
      id(),
      text('payer_id', 80),
      text('member_id', 80),
      text('member_key', 80),
      text('last_name', 80),
      text('first_name', 80),
      text('dob', 10, true),
      text('sex', 1),
      text('coverage_start', 10),
      text('coverage_end', 10, true),
      text('plan_name', 120),
      text('coverage_status', 16),
      ...provenance(),
    ],
    unique: ['payer_id', 'member_key', 'coverage_start'],
    indexes: [['member_key'], ['last_name', 'dob']],
  },
  {
    name: 'contract_rate',
    columns: [
      id(),
      text('payer_id', 80),
      text('procedure_code', 8),
      text('modifier', 2),
      { name: 'allowed_cents', type: 'bigint', isNullable: false },
      text('effective_start', 10),
      text('effective_end', 10, true),
      ...provenance(),
    ],
    unique: ['payer_id', 'procedure_code', 'modifier', 'effective_start'],
  },
  {
    name: 'fhir_patient',
    columns: [
      id(),
      text('patient_id', 80),
      text('member_id', 80),
      text('member_key', 80),
      text('last_name', 80),
      text('first_name', 80),
      text('dob', 10, true),
      text('sex', 1),
      ...provenance(),
    ],
    unique: ['patient_id'],
    indexes: [['member_key'], ['last_name', 'dob']],
  },
  {
    name: 'patient_link',
    columns: [
      id(),
      text('claim_id', 36),
      text('target_kind', 16),
      text('target_id', 36),
      text('method', 40),
      int('score_milli'),
      text('confidence', 10),
      text('linked_at', 30),
    ],
    indexes: [['claim_id'], ['target_kind', 'target_id']],
  },
  {
    name: 'patient_problem',
    columns: [
      id(),
      text('claim_id', 36, true),
      text('target_kind', 16),
      text('target_id', 36, true),
      text('kind', 32),
      { name: 'reason', type: 'text', isNullable: false },
      { name: 'detail', type: 'text', isNullable: false },
      text('found_at', 30),
    ],
    indexes: [['claim_id'], ['kind']],
  },
];

/**
 * The other sources a claim is checked against: prior authorizations, clinical documentation,
 * eligibility coverage, contract rates and FHIR patients (each unique on its natural key, so a
 * re-import updates), the import log, and the patient links and identity problems that matching
 * produces. Links and problems carry no foreign keys: they are rebuilt wholesale by matching.
 */
export class InputsSchema1764400000000 implements MigrationInterface {
  name = 'InputsSchema1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const t of TABLES) {
      await queryRunner.createTable(new Table({ name: t.name, columns: t.columns }));
      if (t.unique) {
        await queryRunner.createIndex(
          t.name,
          new TableIndex({ name: `UQ_${t.name}_key`, columnNames: t.unique, isUnique: true }),
        );
      }
      for (const columns of t.indexes ?? []) {
        await queryRunner.createIndex(
          t.name,
          new TableIndex({ name: `IX_${t.name}_${columns.join('_')}`, columnNames: columns }),
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of [...TABLES].reverse()) await queryRunner.dropTable(t.name);
  }
}
