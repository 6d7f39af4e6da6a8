import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Reporting: `claim_report`, one row per claim with what its remittances and findings mean in money
 * (outcome, denial, risk, leakage, deadlines); `leakage_item`, the drillable money items (per claim
 * line, or per remittance for PLB adjustments); `report_rollup`, sums per month × payer × provider ×
 * claim type × measure kind, rebuilt for the months a change touches so dashboards never scan claims;
 * `risk_model`, fitted denial-risk models with their calibration. Also remembers, on claim_evaluation,
 * when a claim was first flagged and how risky it was then (for the rework cost avoided).
 */
export class ReportsSchema1764700000000 implements MigrationInterface {
  name = 'ReportsSchema1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const v = (name: string, length: number, isNullable = false) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable,
    });
    const int = (name: string) => ({ name, type: 'integer', isNullable: false, default: 0 });
    const cents = (name: string) => ({ name, type: 'bigint', isNullable: false, default: 0 });
    await queryRunner.createTable(
      new Table({
        name: 'claim_report',
        columns: [
          { ...v('claim_id', 36), isPrimary: true },
          v('month', 7),
          v('service_date', 10, true),
          v('submitted_date', 10),
          v('payer_id', 80),
          v('provider_npi', 10),
          v('claim_type', 16),
          v('patient_control_number', 38),
          v('status', 16),
          cents('charge_cents'),
          cents('paid_cents'),
          v('first_pass', 8),
          v('current_outcome', 8),
          v('first_remit_date', 10, true),
          v('denial_carcs', 120),
          v('denial_category', 32),
          v('denial_categories', 200),
          cents('denied_cents'),
          int('anticipated'),
          { name: 'flags', type: 'text', isNullable: false },
          int('finding_count'),
          int('risk_milli'),
          cents('expected_denial_cents'),
          cents('underpaid_cents'),
          cents('missed_charge_cents'),
          cents('reversed_cents'),
          cents('rework_cents'),
          int('fixed'),
          cents('rework_avoided_cents'),
          int('worked'),
          v('appeal_deadline', 10, true),
          v('filing_deadline', 10, true),
          v('updated_at', 30),
        ],
      }),
    );
    const ix = (table: string, name: string, columnNames: string[]) =>
      queryRunner.createIndex(table, new TableIndex({ name, columnNames }));
    await ix('claim_report', 'IX_claim_report_month', ['month', 'claim_id']);
    await ix('claim_report', 'IX_claim_report_payer_month', ['payer_id', 'month']);
    await ix('claim_report', 'IX_claim_report_provider_month', ['provider_npi', 'month']);
    await ix('claim_report', 'IX_claim_report_appeal_deadline', ['appeal_deadline']);
    await ix('claim_report', 'IX_claim_report_filing_deadline', ['filing_deadline', 'claim_id']);
    await ix('claim_report', 'IX_claim_report_pcn', ['patient_control_number']);

    await queryRunner.createTable(
      new Table({
        name: 'leakage_item',
        columns: [
          { ...v('id', 36), isPrimary: true },
          v('claim_id', 36, true),
          v('remittance_id', 36, true),
          int('line_number'),
          v('kind', 16),
          v('category', 32),
          v('month', 7),
          v('payer_id', 80),
          v('provider_npi', 10),
          v('claim_type', 16),
          cents('amount_cents'),
          v('deadline', 10, true),
          v('detail', 400),
        ],
      }),
    );
    await ix('leakage_item', 'IX_leakage_item_claim_id', ['claim_id']);
    await ix('leakage_item', 'IX_leakage_item_remittance_id', ['remittance_id']);
    await ix('leakage_item', 'IX_leakage_item_kind_month', ['kind', 'month']);
    await ix('leakage_item', 'IX_leakage_item_month', ['month']);
    await ix('leakage_item', 'IX_leakage_item_kind_deadline', ['kind', 'deadline', 'id']);
    await ix('leakage_item', 'IX_leakage_item_deadline', ['deadline', 'id']);
    // Largest first (the leakage worklist's default order), over all items and per kind. Written as
    // SQL: TableIndex has no per-column direction; the statement is the same on SQLite and PostgreSQL.
    await queryRunner.query(
      'CREATE INDEX "IX_leakage_item_amount" ON "leakage_item" ("amount_cents" DESC, "id")',
    );
    await queryRunner.query(
      'CREATE INDEX "IX_leakage_item_kind_amount" ON "leakage_item" ("kind", "amount_cents" DESC, "id")',
    );

    const measures = [
      'claims',
      'adjudicated',
      'flagged',
      'flagged_denied',
      'flagged_matching',
      'denied',
      'anticipated',
      'clean',
    ].map(int);
    const money = [
      'charge_cents',
      'paid_cents',
      'denied_cents',
      'anticipated_cents',
      'amount_cents',
      'predicted_milli',
    ].map(cents);
    await queryRunner.createTable(
      new Table({
        name: 'report_rollup',
        columns: [
          { ...v('month', 7), isPrimary: true },
          { ...v('payer_id', 80), isPrimary: true },
          { ...v('provider_npi', 10), isPrimary: true },
          { ...v('claim_type', 16), isPrimary: true },
          { ...v('kind', 12), isPrimary: true },
          { ...v('key', 80), isPrimary: true },
          ...measures,
          ...money,
        ],
      }),
    );
    // Reports read one kind, mostly the rows summed over providers (provider '*'), over a month range.
    await ix('report_rollup', 'IX_report_rollup_kind_provider_month', ['kind', 'provider_npi', 'month']);

    await queryRunner.createTable(
      new Table({
        name: 'risk_model',
        columns: [
          { ...v('id', 36), isPrimary: true },
          v('fitted_at', 30),
          { name: 'model', type: 'text', isNullable: false },
          { name: 'calibration', type: 'text', isNullable: false },
          int('active'),
        ],
      }),
    );
    await ix('risk_model', 'IX_risk_model_fitted_at', ['fitted_at']);

    await queryRunner.addColumns('claim_evaluation', [
      new TableColumn({ name: 'flagged_at', type: 'varchar', length: '30', isNullable: true }),
      new TableColumn({ name: 'flagged_risk_milli', type: 'integer', isNullable: false, default: 0 }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('claim_evaluation', 'flagged_risk_milli');
    await queryRunner.dropColumn('claim_evaluation', 'flagged_at');
    await queryRunner.dropTable('risk_model');
    await queryRunner.dropTable('report_rollup');
    await queryRunner.dropTable('leakage_item');
    await queryRunner.dropTable('claim_report');
  }
}
