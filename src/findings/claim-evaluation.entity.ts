import { Column, Entity, PrimaryColumn } from 'typeorm';
import { centsTransformer } from '../database/column-types.js';

/** The last evaluation of a claim: which rule set, when, what could not be checked, and the risk. */
@Entity({ name: 'claim_evaluation' })
export class ClaimEvaluationEntity {
  @PrimaryColumn({ name: 'claim_id', type: 'varchar', length: 36 })
  claimId!: string;

  @Column({ name: 'rule_set_version', type: 'varchar', length: 32 })
  ruleSetVersion!: string;

  @Column({ name: 'evaluated_at', type: 'varchar', length: 30 })
  evaluatedAt!: string;

  /** The filing date the claim was judged at. */
  @Column({ name: 'as_of', type: 'varchar', length: 10 })
  asOf!: string;

  /** Categories not checked for lack of data, `;`-separated. */
  @Column({ name: 'not_checked', type: 'varchar', length: 400 })
  notChecked!: string;

  @Column({ name: 'finding_count', type: 'integer' })
  findingCount!: number;

  /** Probability-like denial risk in thousandths (0..1000). */
  @Column({ name: 'risk_milli', type: 'integer' })
  riskMilli!: number;

  @Column({ name: 'expected_denial_cents', type: 'bigint', transformer: centsTransformer })
  expectedDenialCents!: number;

  /** When an evaluation first found block/warn findings on the claim (kept across re-evaluations). */
  @Column({ name: 'flagged_at', type: 'varchar', length: 30, nullable: true })
  flaggedAt!: string | null;

  /** The claim's denial risk (thousandths) when it was first flagged: what fixing it before submission saves. */
  @Column({ name: 'flagged_risk_milli', type: 'integer', default: 0 })
  flaggedRiskMilli!: number;

  /** Rules that could not be evaluated (a fact failed), as JSON, for operators. */
  @Column({ name: 'errors', type: 'simple-json' })
  errors!: { ruleId: string; message: string }[];
}
