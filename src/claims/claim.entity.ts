import { Column, Entity, PrimaryColumn } from 'typeorm';
import { centsTransformer } from '../database/column-types.js';

/** A claim as received in an 837, with the columns the API filters on and the whole parsed model in `detail`. */
@Entity({ name: 'claim' })
export class ClaimEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'file_id', type: 'varchar', length: 36 })
  fileId!: string;

  /** professional, institutional or dental. */
  @Column({ name: 'claim_type', type: 'varchar', length: 16 })
  claimType!: string;

  /** 5010 or 4010. */
  @Column({ name: 'version', type: 'varchar', length: 4 })
  version!: string;

  /** CLM01. */
  @Column({ name: 'patient_control_number', type: 'varchar', length: 38 })
  patientControlNumber!: string;

  /** CLM05-3: 1 original, 7 replacement, 8 void. */
  @Column({ name: 'frequency_code', type: 'varchar', length: 2 })
  frequencyCode!: string;

  /** original, duplicate, replacement or void. */
  @Column({ name: 'submission', type: 'varchar', length: 16 })
  submission!: string;

  /** The later claim that replaced or voided this one. */
  @Column({ name: 'superseded_by_id', type: 'varchar', length: 36, nullable: true })
  supersededById!: string | null;

  /** The original this claim repeats. */
  @Column({ name: 'duplicate_of_id', type: 'varchar', length: 36, nullable: true })
  duplicateOfId!: string | null;

  /** submitted, paid, partially-paid, denied, reversed, pending, replaced, voided. */
  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: string;

  /** CLM02. */
  @Column({ name: 'total_charge_cents', type: 'bigint', transformer: centsTransformer })
  totalChargeCents!: number;

  /** Σ CLP04 of linked payments. */
  @Column({ name: 'paid_cents', type: 'bigint', transformer: centsTransformer, default: 0 })
  paidCents!: number;

  /** Σ CLP05 of linked payments. */
  @Column({ name: 'patient_responsibility_cents', type: 'bigint', transformer: centsTransformer, default: 0 })
  patientResponsibilityCents!: number;

  /** 2010BB NM109. */
  @Column({ name: 'payer_id', type: 'varchar', length: 80 })
  payerId!: string;

  @Column({ name: 'payer_name', type: 'varchar', length: 120 })
  payerName!: string;

  /** 2010BA NM109. */
  @Column({ name: 'subscriber_member_id', type: 'varchar', length: 80 })
  subscriberMemberId!: string;

  @Column({ name: 'subscriber_last_name', type: 'varchar', length: 80 })
  subscriberLastName!: string;

  @Column({ name: 'subscriber_first_name', type: 'varchar', length: 80 })
  subscriberFirstName!: string;

  @Column({ name: 'subscriber_birth_date', type: 'varchar', length: 10, nullable: true })
  subscriberBirthDate!: string | null;

  /** The patient (2010CA, or the subscriber). */
  @Column({ name: 'patient_last_name', type: 'varchar', length: 80 })
  patientLastName!: string;

  @Column({ name: 'patient_first_name', type: 'varchar', length: 80 })
  patientFirstName!: string;

  @Column({ name: 'patient_birth_date', type: 'varchar', length: 10, nullable: true })
  patientBirthDate!: string | null;

  @Column({ name: 'patient_sex', type: 'varchar', length: 1 })
  patientSex!: string;

  @Column({ name: 'billing_npi', type: 'varchar', length: 10 })
  billingNpi!: string;

  @Column({ name: 'billing_tax_id', type: 'varchar', length: 20 })
  billingTaxId!: string;

  @Column({ name: 'billing_name', type: 'varchar', length: 120 })
  billingName!: string;

  /** 2310B (or 2420A of the first line). */
  @Column({ name: 'rendering_npi', type: 'varchar', length: 10 })
  renderingNpi!: string;

  @Column({ name: 'referring_npi', type: 'varchar', length: 10 })
  referringNpi!: string;

  /** CLM05-1. */
  @Column({ name: 'facility_code', type: 'varchar', length: 4 })
  facilityCode!: string;

  @Column({ name: 'service_date_from', type: 'varchar', length: 10, nullable: true })
  serviceDateFrom!: string | null;

  @Column({ name: 'service_date_to', type: 'varchar', length: 10, nullable: true })
  serviceDateTo!: string | null;

  /** REF G1. */
  @Column({ name: 'prior_authorization', type: 'varchar', length: 50 })
  priorAuthorization!: string;

  /** REF F8. */
  @Column({ name: 'payer_claim_control_number', type: 'varchar', length: 50 })
  payerClaimControlNumber!: string;

  @Column({ name: 'interchange_control_number', type: 'varchar', length: 9 })
  interchangeControlNumber!: string;

  @Column({ name: 'transaction_control_number', type: 'varchar', length: 9 })
  transactionControlNumber!: string;

  /** Position of CLM in the file. */
  @Column({ name: 'segment_index', type: 'integer' })
  segmentIndex!: number;

  @Column({ name: 'line', type: 'integer' })
  line!: number;

  @Column({ name: 'byte_offset', type: 'bigint', transformer: centsTransformer })
  byteOffset!: number;

  /** Findings from the rules engine (later issues). */
  @Column({ name: 'finding_count', type: 'integer', default: 0 })
  findingCount!: number;

  /** The whole parsed Claim model. */
  @Column({ name: 'detail', type: 'simple-json' })
  detail!: Record<string, unknown>;

  @Column({ name: 'received_at', type: 'varchar', length: 30 })
  receivedAt!: string;
}
