import { Column, Entity, PrimaryColumn } from 'typeorm';
import { centsTransformer } from '../database/column-types.js';

/** A 2110 SVC line of a claim payment, linked to the claim line it pays when matched. */
@Entity({ name: 'service_payment' })
export class ServicePaymentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'claim_payment_id', type: 'varchar', length: 36 })
  claimPaymentId!: string;

  @Column({ name: 'claim_line_id', type: 'varchar', length: 36, nullable: true })
  claimLineId!: string | null;

  @Column({ name: 'seq', type: 'integer' })
  seq!: number;

  @Column({ name: 'procedure_qualifier', type: 'varchar', length: 3 })
  procedureQualifier!: string;

  @Column({ name: 'procedure_code', type: 'varchar', length: 48 })
  procedureCode!: string;

  @Column({ name: 'modifiers', type: 'varchar', length: 20 })
  modifiers!: string;

  @Column({ name: 'revenue_code', type: 'varchar', length: 4 })
  revenueCode!: string;

  @Column({ name: 'charge_cents', type: 'bigint', transformer: centsTransformer })
  chargeCents!: number;

  @Column({ name: 'paid_cents', type: 'bigint', transformer: centsTransformer })
  paidCents!: number;

  /** AMT B6. */
  @Column({ name: 'allowed_cents', type: 'bigint', transformer: centsTransformer, nullable: true })
  allowedCents!: number | null;

  @Column({ name: 'units', type: 'double precision', nullable: true })
  units!: number | null;

  @Column({ name: 'service_date', type: 'varchar', length: 10, nullable: true })
  serviceDate!: string | null;

  @Column({ name: 'service_date_end', type: 'varchar', length: 10, nullable: true })
  serviceDateEnd!: string | null;

  /** REF 6R. */
  @Column({ name: 'control_number', type: 'varchar', length: 50 })
  controlNumber!: string;
}
