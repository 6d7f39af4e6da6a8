import { Column, Entity, PrimaryColumn } from 'typeorm';
import { centsTransformer } from '../database/column-types.js';

/**
 * A rule that fired on a claim (or one of its lines), as the last evaluation found it. Findings are
 * replaced whenever their claim is evaluated again; overrides live apart (finding_override), keyed
 * by (claim, rule, line), so they survive re-evaluation.
 */
@Entity({ name: 'finding' })
export class FindingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'claim_id', type: 'varchar', length: 36 })
  claimId!: string;

  @Column({ name: 'rule_id', type: 'varchar', length: 64 })
  ruleId!: string;

  @Column({ name: 'rule_version', type: 'integer' })
  ruleVersion!: number;

  /** The rule set (hash of the rule files) that produced it. */
  @Column({ name: 'rule_set_version', type: 'varchar', length: 32 })
  ruleSetVersion!: string;

  @Column({ name: 'category', type: 'varchar', length: 32 })
  category!: string;

  /** block, warn or info. */
  @Column({ name: 'severity', type: 'varchar', length: 8 })
  severity!: string;

  /** CARC codes, `;`-separated. */
  @Column({ name: 'carc', type: 'varchar', length: 64 })
  carc!: string;

  /** RARC codes, `;`-separated. */
  @Column({ name: 'rarc', type: 'varchar', length: 64 })
  rarc!: string;

  /** LX line number for line rules; 0 for claim-level findings (0, not null, so the override key is plain equality). */
  @Column({ name: 'line_number', type: 'integer' })
  lineNumber!: number;

  @Column({ name: 'message', type: 'text' })
  message!: string;

  @Column({ name: 'fix', type: 'text' })
  fix!: string;

  @Column({ name: 'evidence', type: 'simple-json' })
  evidence!: Record<string, unknown>;

  /** The claim's charge at risk from this finding (the line's charge, or the claim's for claim rules). */
  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @Column({ name: 'found_at', type: 'varchar', length: 30 })
  foundAt!: string;
}
