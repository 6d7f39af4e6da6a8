import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A claim's history: received, duplicate, replaced, voided, remittance linked, re-evaluated (the nightly job). */
@Entity({ name: 'claim_event' })
export class ClaimEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'claim_id', type: 'varchar', length: 36 })
  claimId!: string;

  @Column({ name: 'at', type: 'varchar', length: 30 })
  at!: string;

  @Column({ name: 'kind', type: 'varchar', length: 24 })
  kind!: string;

  @Column({ name: 'file_id', type: 'varchar', length: 36, nullable: true })
  fileId!: string | null;

  /** The other claim or claim payment concerned (for `reevaluated`: the job_run). */
  @Column({ name: 'related_id', type: 'varchar', length: 36, nullable: true })
  relatedId!: string | null;

  @Column({ name: 'detail', type: 'text' })
  detail!: string;
}
