import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One override or revocation of a finding, by whom, when and why. Keyed by (claim, rule, line), not by
 * finding id, so an override outlives re-evaluation; the latest event decides whether it stands.
 */
@Entity({ name: 'finding_override' })
export class FindingOverrideEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'claim_id', type: 'varchar', length: 36 })
  claimId!: string;

  @Column({ name: 'rule_id', type: 'varchar', length: 64 })
  ruleId!: string;

  @Column({ name: 'line_number', type: 'integer' })
  lineNumber!: number;

  /** override or revoke. */
  @Column({ name: 'action', type: 'varchar', length: 8 })
  action!: string;

  @Column({ name: 'reason', type: 'text' })
  reason!: string;

  @Column({ name: 'actor', type: 'varchar', length: 120 })
  actor!: string;

  @Column({ name: 'at', type: 'varchar', length: 30 })
  at!: string;
}
