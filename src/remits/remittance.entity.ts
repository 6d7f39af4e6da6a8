import { Column, Entity, PrimaryColumn } from 'typeorm';
import { centsTransformer } from '../database/column-types.js';

/** An 835 transaction set: payment, payer, payee and totals. */
@Entity({ name: 'remittance' })
export class RemittanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'file_id', type: 'varchar', length: 36 })
  fileId!: string;

  @Column({ name: 'payer_id', type: 'varchar', length: 80 })
  payerId!: string;

  @Column({ name: 'payer_name', type: 'varchar', length: 120 })
  payerName!: string;

  @Column({ name: 'payee_name', type: 'varchar', length: 120 })
  payeeName!: string;

  @Column({ name: 'payee_npi', type: 'varchar', length: 10 })
  payeeNpi!: string;

  @Column({ name: 'payee_tax_id', type: 'varchar', length: 20 })
  payeeTaxId!: string;

  /** TRN02. */
  @Column({ name: 'trace_number', type: 'varchar', length: 50 })
  traceNumber!: string;

  /** BPR16. */
  @Column({ name: 'payment_date', type: 'varchar', length: 10, nullable: true })
  paymentDate!: string | null;

  /** BPR02. */
  @Column({ name: 'total_payment_cents', type: 'bigint', transformer: centsTransformer })
  totalPaymentCents!: number;

  @Column({ name: 'handling_code', type: 'varchar', length: 2 })
  handlingCode!: string;

  @Column({ name: 'payment_method', type: 'varchar', length: 3 })
  paymentMethod!: string;

  @Column({ name: 'credit_debit', type: 'varchar', length: 1 })
  creditDebit!: string;

  @Column({ name: 'claim_payment_count', type: 'integer' })
  claimPaymentCount!: number;

  /** Σ PLB. */
  @Column({ name: 'provider_adjustment_cents', type: 'bigint', transformer: centsTransformer })
  providerAdjustmentCents!: number;

  @Column({ name: 'interchange_control_number', type: 'varchar', length: 9 })
  interchangeControlNumber!: string;

  @Column({ name: 'transaction_control_number', type: 'varchar', length: 9 })
  transactionControlNumber!: string;

  @Column({ name: 'received_at', type: 'varchar', length: 30 })
  receivedAt!: string;
}
