import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An HI diagnosis code in claim order (principal first). */
@Entity({ name: 'claim_diagnosis' })
export class ClaimDiagnosisEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'claim_id', type: 'varchar', length: 36 })
  claimId!: string;

  @Column({ name: 'seq', type: 'integer' })
  seq!: number;

  @Column({ name: 'qualifier', type: 'varchar', length: 3 })
  qualifier!: string;

  @Column({ name: 'code', type: 'varchar', length: 30 })
  code!: string;

  @Column({ name: 'role', type: 'varchar', length: 20 })
  role!: string;

  @Column({ name: 'present_on_admission', type: 'varchar', length: 1 })
  presentOnAdmission!: string;
}
