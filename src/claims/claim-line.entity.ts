import { Column, Entity, PrimaryColumn } from 'typeorm';
import { centsTransformer } from '../database/column-types.js';

/** A 2400 service line. */
@Entity({ name: 'claim_line' })
export class ClaimLineEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'claim_id', type: 'varchar', length: 36 })
  claimId!: string;

  /** LX01. */
  @Column({ name: 'line_number', type: 'integer' })
  lineNumber!: number;

  @Column({ name: 'procedure_qualifier', type: 'varchar', length: 3 })
  procedureQualifier!: string;

  @Column({ name: 'procedure_code', type: 'varchar', length: 48 })
  procedureCode!: string;

  /** Comma-separated. */
  @Column({ name: 'modifiers', type: 'varchar', length: 20 })
  modifiers!: string;

  @Column({ name: 'revenue_code', type: 'varchar', length: 4 })
  revenueCode!: string;

  @Column({ name: 'charge_cents', type: 'bigint', transformer: centsTransformer })
  chargeCents!: number;

  @Column({ name: 'units', type: 'double precision', nullable: true })
  units!: number | null;

  @Column({ name: 'unit_basis', type: 'varchar', length: 2 })
  unitBasis!: string;

  @Column({ name: 'place_of_service', type: 'varchar', length: 2 })
  placeOfService!: string;

  @Column({ name: 'service_date', type: 'varchar', length: 10, nullable: true })
  serviceDate!: string | null;

  @Column({ name: 'service_date_end', type: 'varchar', length: 10, nullable: true })
  serviceDateEnd!: string | null;

  /** REF 6R. */
  @Column({ name: 'control_number', type: 'varchar', length: 50 })
  controlNumber!: string;

  @Column({ name: 'ndc', type: 'varchar', length: 48 })
  ndc!: string;

  /** Comma-separated, 1-based. */
  @Column({ name: 'diagnosis_pointers', type: 'varchar', length: 16 })
  diagnosisPointers!: string;

  @Column({ name: 'prior_authorization', type: 'varchar', length: 50 })
  priorAuthorization!: string;

  @Column({ name: 'rendering_npi', type: 'varchar', length: 10 })
  renderingNpi!: string;
}
