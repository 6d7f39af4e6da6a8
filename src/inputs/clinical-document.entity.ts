import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One clinical note for a date of service. Unique on document_id. */
@Entity({ name: 'clinical_document' })
export class ClinicalDocumentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'document_id', type: 'varchar', length: 80 })
  documentId!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 80 })
  memberId!: string;

  @Column({ name: 'member_key', type: 'varchar', length: 80 })
  memberKey!: string;

  @Column({ name: 'patient_last_name', type: 'varchar', length: 80 })
  patientLastName!: string;

  @Column({ name: 'patient_first_name', type: 'varchar', length: 80 })
  patientFirstName!: string;

  @Column({ name: 'patient_dob', type: 'varchar', length: 10, nullable: true })
  patientDob!: string | null;

  @Column({ name: 'service_date', type: 'varchar', length: 10 })
  serviceDate!: string;

  @Column({ name: 'document_type', type: 'varchar', length: 80 })
  documentType!: string;

  /** ICD-10-CM codes without the dot, `;`-separated. */
  @Column({ name: 'diagnosis_codes', type: 'text' })
  diagnosisCodes!: string;

  /** CPT/HCPCS codes, `;`-separated. */
  @Column({ name: 'procedure_codes', type: 'text' })
  procedureCodes!: string;

  @Column({ name: 'author_npi', type: 'varchar', length: 10, nullable: true })
  authorNpi!: string | null;

  @Column({ name: 'signed', type: 'boolean' })
  signed!: boolean;

  @Column({ name: 'text', type: 'text' })
  text!: string;

  @Column({ name: 'source', type: 'varchar', length: 16 })
  source!: string;

  @Column({ name: 'import_id', type: 'varchar', length: 36 })
  importId!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
