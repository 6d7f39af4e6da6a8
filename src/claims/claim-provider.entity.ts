import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A provider on a claim: billing, pay-to, rendering, referring, attending, service facility... */
@Entity({ name: 'claim_provider' })
export class ClaimProviderEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'claim_id', type: 'varchar', length: 36 })
  claimId!: string;

  @Column({ name: 'role', type: 'varchar', length: 24 })
  role!: string;

  @Column({ name: 'npi', type: 'varchar', length: 10 })
  npi!: string;

  @Column({ name: 'tax_id', type: 'varchar', length: 20 })
  taxId!: string;

  @Column({ name: 'last_or_org_name', type: 'varchar', length: 120 })
  lastOrOrgName!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 80 })
  firstName!: string;

  @Column({ name: 'taxonomy', type: 'varchar', length: 10 })
  taxonomy!: string;
}
