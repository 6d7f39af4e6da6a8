import { Column, Entity, PrimaryColumn } from 'typeorm';
import { centsTransformer } from '../database/column-types.js';

/** One positioned problem found in a received file (an X12Issue as stored). */
@Entity({ name: 'file_issue' })
export class FileIssueEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'file_id', type: 'varchar', length: 36 })
  fileId!: string;

  /** Order in the file. */
  @Column({ name: 'seq', type: 'integer' })
  seq!: number;

  @Column({ name: 'severity', type: 'varchar', length: 8 })
  severity!: string;

  @Column({ name: 'code', type: 'varchar', length: 48 })
  code!: string;

  @Column({ name: 'message', type: 'text' })
  message!: string;

  @Column({ name: 'segment_index', type: 'integer' })
  segmentIndex!: number;

  @Column({ name: 'segment_id', type: 'varchar', length: 3 })
  segmentId!: string;

  @Column({ name: 'element_index', type: 'integer', nullable: true })
  elementIndex!: number | null;

  @Column({ name: 'component_index', type: 'integer', nullable: true })
  componentIndex!: number | null;

  @Column({ name: 'line', type: 'integer' })
  line!: number;

  @Column({ name: 'byte_offset', type: 'bigint', transformer: centsTransformer })
  byteOffset!: number;

  @Column({ name: 'path', type: 'varchar', length: 64, nullable: true })
  path!: string | null;
}
