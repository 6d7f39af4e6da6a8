import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The billing worklist reads claim_report in money-at-risk order (largest first) or deadline order
 * (earliest first), over the claims that are in its queue: flagged and not yet answered by the
 * payer, or denied and not yet worked. Partial expression indexes over exactly those rows give
 * the first page (and each next page, by keyset) without sorting the queue: one for each order,
 * and one for each order per payer and per provider (the worklist's usual filters), so a filter
 * that matches few claims does not walk the whole queue.
 *
 * The expressions and the condition are the worklist repository's, word for word (SQLite uses a
 * partial index only when the query repeats its condition; both databases match index
 * expressions by their text): src/worklist/worklist-queue.ts says so next to them, and its spec
 * checks that this migration still holds the same text.
 */
export const WORKLIST_QUEUE_SQL =
  "worked = 0 AND ((first_pass = 'pending' AND finding_count > 0) OR " +
  "(first_pass IN ('denied', 'partial') AND current_outcome IN ('denied', 'partial')))";
export const WORKLIST_MONEY_SQL =
  "CASE WHEN first_pass = 'pending' THEN expected_denial_cents ELSE denied_cents END";
export const WORKLIST_DEADLINE_SQL =
  "COALESCE(CASE WHEN first_pass = 'pending' THEN filing_deadline ELSE appeal_deadline END, '9999-12-31')";

const INDEXES: [name: string, columns: string][] = [
  ['IX_claim_report_worklist_risk', `(${WORKLIST_MONEY_SQL}) DESC, claim_id DESC`],
  ['IX_claim_report_worklist_deadline', `(${WORKLIST_DEADLINE_SQL}), claim_id`],
  ['IX_claim_report_worklist_payer_risk', `payer_id, (${WORKLIST_MONEY_SQL}) DESC, claim_id DESC`],
  ['IX_claim_report_worklist_payer_deadline', `payer_id, (${WORKLIST_DEADLINE_SQL}), claim_id`],
  ['IX_claim_report_worklist_provider_risk', `provider_npi, (${WORKLIST_MONEY_SQL}) DESC, claim_id DESC`],
  ['IX_claim_report_worklist_provider_deadline', `provider_npi, (${WORKLIST_DEADLINE_SQL}), claim_id`],
];

export class WorklistIndexes1764800200000 implements MigrationInterface {
  name = 'WorklistIndexes1764800200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Written as SQL: TableIndex has neither expressions nor per-column directions. The statement is
    // the same on SQLite and PostgreSQL.
    for (const [name, columns] of INDEXES) {
      await queryRunner.query(
        `CREATE INDEX "${name}" ON "claim_report" (${columns}) WHERE ${WORKLIST_QUEUE_SQL}`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX "${name}"`);
  }
}
