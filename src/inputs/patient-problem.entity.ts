import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An identity problem found while matching: on a claim (name or DOB differs from the linked record,
 * member id typed differently, no patient at all) or on the roster (duplicate records).
 */
@Entity({ name: 'patient_problem' })
export class PatientProblemEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Null for roster-level problems (duplicate records). */
  @Column({ name: 'claim_id', type: 'varchar', length: 36, nullable: true })
  claimId!: string | null;

  /** eligibility, documentation, authorization or fhir-patient. */
  @Column({ name: 'target_kind', type: 'varchar', length: 16 })
  targetKind!: string;

  /** The record concerned, when there is one. */
  @Column({ name: 'target_id', type: 'varchar', length: 36, nullable: true })
  targetId!: string | null;

  /** name-mismatch, dob-mismatch, member-id-typo, member-id-mismatch, missing-patient, duplicate-record, ... */
  @Column({ name: 'kind', type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'reason', type: 'text' })
  reason!: string;

  /** JSON object with the compared values, for the rules. */
  @Column({ name: 'detail', type: 'simple-json' })
  detail!: Record<string, string | number>;

  @Column({ name: 'found_at', type: 'varchar', length: 30 })
  foundAt!: string;
}
