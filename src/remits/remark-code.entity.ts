import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A remark code (RARC) from MIA/MOA or LQ HE. */
@Entity({ name: 'remark_code' })
export class RemarkCodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'claim_payment_id', type: 'varchar', length: 36 })
  claimPaymentId!: string;

  @Column({ name: 'service_payment_id', type: 'varchar', length: 36, nullable: true })
  servicePaymentId!: string | null;

  @Column({ name: 'code', type: 'varchar', length: 10 })
  code!: string;
}
