import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A claim's patient linked to a roster, documentation, authorization or FHIR patient record. */
@Entity({ name: 'patient_link' })
export class PatientLinkEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'claim_id', type: 'varchar', length: 36 })
  claimId!: string;

  /** eligibility, documentation, authorization or fhir-patient. */
  @Column({ name: 'target_kind', type: 'varchar', length: 16 })
  targetKind!: string;

  @Column({ name: 'target_id', type: 'varchar', length: 36 })
  targetId!: string;

  /** How the match was made, e.g. member-id+dob. */
  @Column({ name: 'method', type: 'varchar', length: 40 })
  method!: string;

  /** Match score in thousandths (1000 = certain). */
  @Column({ name: 'score_milli', type: 'integer' })
  scoreMilli!: number;

  /** match or probable. */
  @Column({ name: 'confidence', type: 'varchar', length: 10 })
  confidence!: string;

  @Column({ name: 'linked_at', type: 'varchar', length: 30 })
  linkedAt!: string;
}
