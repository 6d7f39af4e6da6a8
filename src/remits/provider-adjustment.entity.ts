import { Column, Entity, PrimaryColumn } from 'typeorm';
import { centsTransformer } from '../database/column-types.js';

/** A PLB reason/reference/amount pair. */
@Entity({ name: 'provider_adjustment' })
export class ProviderAdjustmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'remittance_id', type: 'varchar', length: 36 })
  remittanceId!: string;

  @Column({ name: 'provider_id', type: 'varchar', length: 50 })
  providerId!: string;

  @Column({ name: 'fiscal_period_date', type: 'varchar', length: 10, nullable: true })
  fiscalPeriodDate!: string | null;

  @Column({ name: 'reason', type: 'varchar', length: 4 })
  reason!: string;

  @Column({ name: 'reference', type: 'varchar', length: 50 })
  reference!: string;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer })
  amountCents!: number;
}
