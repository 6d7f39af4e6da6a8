import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One authorized service of a prior authorization. Unique on (auth_number, procedure_code). */
@Entity({ name: 'prior_authorization' })
export class AuthorizationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'auth_number', type: 'varchar', length: 50 })
  authNumber!: string;

  @Column({ name: 'procedure_code', type: 'varchar', length: 8 })
  procedureCode!: string;

  @Column({ name: 'payer_id', type: 'varchar', length: 80 })
  payerId!: string;

  /** As received. */
  @Column({ name: 'member_id', type: 'varchar', length: 80 })
  memberId!: string;

  /** Upper case, no spaces, dashes, dots or slashes: what matching compares. */
  @Column({ name: 'member_key', type: 'varchar', length: 80 })
  memberKey!: string;

  @Column({ name: 'patient_last_name', type: 'varchar', length: 80 })
  patientLastName!: string;

  @Column({ name: 'patient_first_name', type: 'varchar', length: 80 })
  patientFirstName!: string;

  @Column({ name: 'patient_dob', type: 'varchar', length: 10, nullable: true })
  patientDob!: string | null;

  @Column({ name: 'units_approved', type: 'integer', nullable: true })
  unitsApproved!: number | null;

  @Column({ name: 'start_date', type: 'varchar', length: 10 })
  startDate!: string;

  @Column({ name: 'end_date', type: 'varchar', length: 10 })
  endDate!: string;

  /** approved, pending, denied or cancelled. */
  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: string;

  /** Null: any provider. */
  @Column({ name: 'provider_npi', type: 'varchar', length: 10, nullable: true })
  providerNpi!: string | null;

  /** csv, json, fhir or x12-278. */
  @Column({ name: 'source', type: 'varchar', length: 16 })
  source!: string;

  @Column({ name: 'import_id', type: 'varchar', length: 36 })
  importId!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
