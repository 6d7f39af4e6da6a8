import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A patient from an EHR's FHIR bundle. Unique on patient_id (the FHIR Patient.id). */
@Entity({ name: 'fhir_patient' })
export class FhirPatientEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'patient_id', type: 'varchar', length: 80 })
  patientId!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 80 })
  memberId!: string;

  @Column({ name: 'member_key', type: 'varchar', length: 80 })
  memberKey!: string;

  @Column({ name: 'last_name', type: 'varchar', length: 80 })
  lastName!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 80 })
  firstName!: string;

  @Column({ name: 'dob', type: 'varchar', length: 10, nullable: true })
  dob!: string | null;

  @Column({ name: 'sex', type: 'varchar', length: 1 })
  sex!: string;

  @Column({ name: 'source', type: 'varchar', length: 16 })
  source!: string;

  @Column({ name: 'import_id', type: 'varchar', length: 36 })
  importId!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
