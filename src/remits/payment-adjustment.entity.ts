import { Column, Entity, PrimaryColumn } from 'typeorm';
import { centsTransformer } from '../database/column-types.js';

/** A CAS adjustment (group, CARC, amount, quantity) at claim or service level. */
@Entity({ name: 'payment_adjustment' })
export class PaymentAdjustmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'claim_payment_id', type: 'varchar', length: 36 })
  claimPaymentId!: string;

  /** Null for claim-level CAS. */
  @Column({ name: 'service_payment_id', type: 'varchar', length: 36, nullable: true })
  servicePaymentId!: string | null;

  @Column({ name: 'group_code', type: 'varchar', length: 2 })
  groupCode!: string;

  /** CARC. */
  @Column({ name: 'reason_code', type: 'varchar', length: 5 })
  reasonCode!: string;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @Column({ name: 'quantity', type: 'double precision', nullable: true })
  quantity!: number | null;
}
