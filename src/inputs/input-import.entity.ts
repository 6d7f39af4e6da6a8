import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One accepted upload of authorizations, documentation, eligibility, contracts, FHIR or X12 271/278. */
@Entity({ name: 'input_import' })
export class InputImportEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** authorizations, documentation, eligibility, contracts, fhir or x12. */
  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ name: 'sha256', type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  /** Records new to claimguard. */
  @Column({ name: 'inserted_count', type: 'integer' })
  insertedCount!: number;

  /** Records that replaced an earlier one with the same key. */
  @Column({ name: 'updated_count', type: 'integer' })
  updatedCount!: number;

  @Column({ name: 'warning_count', type: 'integer' })
  warningCount!: number;

  @Column({ name: 'imported_at', type: 'varchar', length: 30 })
  importedAt!: string;
}
