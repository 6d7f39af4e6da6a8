import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One coverage span of a member (roster row or 271). Unique on (payer_id, member_key, coverage_start). */
@Entity({ name: 'eligibility_coverage' })
export class EligibilityCoverageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'payer_id', type: 'varchar', length: 80 })
  payerId!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 80 })
  memberId!: string;

  @Column({ name: 'member_key', type: 'varchar', length: 80 })
  memberKey!: string;

  @Column({ name: 'last_name', type: 'varchar', length: 80 })
  lastName!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 80 })
  firstName!: string;

  @Column({ name: 'dob', type: 'varchar', length: 10, nullable: true })
  dob!: string | null;

  /** M, F or U. */
  @Column({ name: 'sex', type: 'varchar', length: 1 })
  sex!: string;

  @Column({ name: 'coverage_start', type: 'varchar', length: 10 })
  coverageStart!: string;

  /** Null: open-ended. */
  @Column({ name: 'coverage_end', type: 'varchar', length: 10, nullable: true })
  coverageEnd!: string | null;

  @Column({ name: 'plan_name', type: 'varchar', length: 120 })
  planName!: string;

  /** active or inactive. */
  @Column({ name: 'coverage_status', type: 'varchar', length: 16 })
  coverageStatus!: string;

  @Column({ name: 'source', type: 'varchar', length: 16 })
  source!: string;

  @Column({ name: 'import_id', type: 'varchar', length: 36 })
  importId!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
