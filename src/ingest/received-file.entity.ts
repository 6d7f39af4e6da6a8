import { Column, Entity, PrimaryColumn } from 'typeorm';
import { centsTransformer } from '../database/column-types.js';

/** A file received by upload, CLI or inbox: its hash, what it held and how reading it ended. */
@Entity({ name: 'received_file' })
export class ReceivedFileEntity {
  /** UUIDv7 */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** SHA-256 of the bytes: the same bytes are never ingested twice. */
  @Column({ name: 'sha256', type: 'varchar', length: 64 })
  sha256!: string;

  /** Name as given by the sender (never trusted for the content type). */
  @Column({ name: 'name', type: 'varchar', length: 255 })
  name!: string;

  /** Size in bytes. */
  @Column({ name: 'size_bytes', type: 'bigint', transformer: centsTransformer })
  sizeBytes!: number;

  /** Sniffed content: 837, 835, x12-other or unknown. */
  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: string;

  /** processing, processed or failed. */
  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'transaction_count', type: 'integer', default: 0 })
  transactionCount!: number;

  @Column({ name: 'claim_count', type: 'integer', default: 0 })
  claimCount!: number;

  @Column({ name: 'payment_count', type: 'integer', default: 0 })
  paymentCount!: number;

  @Column({ name: 'error_count', type: 'integer', default: 0 })
  errorCount!: number;

  @Column({ name: 'warning_count', type: 'integer', default: 0 })
  warningCount!: number;

  /** Why the file failed, in one sentence. */
  @Column({ name: 'failure', type: 'text', nullable: true })
  failure!: string | null;

  /** ISO-8601 UTC. */
  @Column({ name: 'received_at', type: 'varchar', length: 30 })
  receivedAt!: string;

  /** ISO-8601 UTC. */
  @Column({ name: 'processed_at', type: 'varchar', length: 30, nullable: true })
  processedAt!: string | null;
}
