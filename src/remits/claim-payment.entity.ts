import { Column, Entity, PrimaryColumn } from 'typeorm';
import { centsTransformer } from '../database/column-types.js';

/** A 2100 CLP: what the payer did with one claim, linked to it when it can be matched. */
@Entity({ name: 'claim_payment' })
export class ClaimPaymentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'remittance_id', type: 'varchar', length: 36 })
  remittanceId!: string;

  /** The claim it pays; null while unmatched. */
  @Column({ name: 'claim_id', type: 'varchar', length: 36, nullable: true })
  claimId!: string | null;

  /** matched, unmatched or manual. */
  @Column({ name: 'match_status', type: 'varchar', length: 12 })
  matchStatus!: string;

  /** CLP01. */
  @Column({ name: 'patient_control_number', type: 'varchar', length: 38 })
  patientControlNumber!: string;

  /** CLP02. */
  @Column({ name: 'status_code', type: 'varchar', length: 2 })
  statusCode!: string;

  @Column({ name: 'charge_cents', type: 'bigint', transformer: centsTransformer })
  chargeCents!: number;

  @Column({ name: 'paid_cents', type: 'bigint', transformer: centsTransformer })
  paidCents!: number;

  @Column({
    name: 'patient_responsibility_cents',
    type: 'bigint',
    transformer: centsTransformer,
    nullable: true,
  })
  patientResponsibilityCents!: number | null;

  @Column({ name: 'claim_filing_indicator', type: 'varchar', length: 2 })
  claimFilingIndicator!: string;

  /** CLP07. */
  @Column({ name: 'payer_claim_control_number', type: 'varchar', length: 50 })
  payerClaimControlNumber!: string;

  @Column({ name: 'facility_code', type: 'varchar', length: 4 })
  facilityCode!: string;

  @Column({ name: 'frequency_code', type: 'varchar', length: 2 })
  frequencyCode!: string;

  /** CLP02 = 22. */
  @Column({ name: 'is_reversal', type: 'boolean' })
  isReversal!: boolean;

  @Column({ name: 'patient_last_name', type: 'varchar', length: 80 })
  patientLastName!: string;

  @Column({ name: 'patient_first_name', type: 'varchar', length: 80 })
  patientFirstName!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 80 })
  memberId!: string;

  @Column({ name: 'statement_from', type: 'varchar', length: 10, nullable: true })
  statementFrom!: string | null;

  @Column({ name: 'statement_to', type: 'varchar', length: 10, nullable: true })
  statementTo!: string | null;

  @Column({ name: 'segment_index', type: 'integer' })
  segmentIndex!: number;

  @Column({ name: 'line', type: 'integer' })
  line!: number;

  @Column({ name: 'byte_offset', type: 'bigint', transformer: centsTransformer })
  byteOffset!: number;
}
