import { Column, Entity, PrimaryColumn } from 'typeorm';
import { centsTransformer } from '../database/column-types.js';

/** A contracted allowed amount. Unique on (payer_id, procedure_code, modifier, effective_start). */
@Entity({ name: 'contract_rate' })
export class ContractRateEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'payer_id', type: 'varchar', length: 80 })
  payerId!: string;

  @Column({ name: 'procedure_code', type: 'varchar', length: 8 })
  procedureCode!: string;

  /** '' means any modifier. */
  @Column({ name: 'modifier', type: 'varchar', length: 2 })
  modifier!: string;

  @Column({ name: 'allowed_cents', type: 'bigint', transformer: centsTransformer })
  allowedCents!: number;

  @Column({ name: 'effective_start', type: 'varchar', length: 10 })
  effectiveStart!: string;

  @Column({ name: 'effective_end', type: 'varchar', length: 10, nullable: true })
  effectiveEnd!: string | null;

  @Column({ name: 'source', type: 'varchar', length: 16 })
  source!: string;

  @Column({ name: 'import_id', type: 'varchar', length: 36 })
  importId!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
