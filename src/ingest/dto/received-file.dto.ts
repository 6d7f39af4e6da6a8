import { ApiProperty } from '@nestjs/swagger';
import type {
  FileIssueRecord,
  FileStatus,
  IngestResult,
  ReceivedFileDetail,
  ReceivedFilePage,
  ReceivedFileRecord,
} from '../ingest-result.js';
import type { FileKind } from '../file-kind.js';

/** OpenAPI shapes of the file endpoints (the service returns the plain records these describe). */
export class ReceivedFileDto implements ReceivedFileRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'SHA-256 of the bytes (hex): the same bytes are ingested once.' })
  sha256!: string;
  @ApiProperty({ description: 'Name given by the sender; never used to decide the kind.' }) name!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({
    enum: ['837', '835', '271', '278', 'x12-other', 'unknown'],
    description: 'Sniffed from the content (first ST01).',
  })
  kind!: FileKind;
  @ApiProperty({ enum: ['processing', 'processed', 'failed'] }) status!: FileStatus;
  @ApiProperty() transactionCount!: number;
  @ApiProperty() claimCount!: number;
  @ApiProperty() paymentCount!: number;
  @ApiProperty() errorCount!: number;
  @ApiProperty() warningCount!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the file failed.' }) failure!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) processedAt!: string | null;
}

export class FileIssueDto implements FileIssueRecord {
  @ApiProperty({ description: 'Order in the file.' }) seq!: number;
  @ApiProperty({ enum: ['error', 'warning'] }) severity!: string;
  @ApiProperty({ example: 'X12_SE_COUNT_MISMATCH' }) code!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ description: '0-based segment index; -1 when not tied to a segment.' })
  segmentIndex!: number;
  @ApiProperty() segmentId!: string;
  @ApiProperty({ type: Number, nullable: true }) elementIndex!: number | null;
  @ApiProperty({ type: Number, nullable: true }) componentIndex!: number | null;
  @ApiProperty({ description: '1-based line.' }) line!: number;
  @ApiProperty({ description: '0-based byte offset.' }) byteOffset!: number;
  @ApiProperty({ type: String, nullable: true, example: '2300 CLM05-3' }) path!: string | null;
}

export class ReceivedFileDetailDto extends ReceivedFileDto implements ReceivedFileDetail {
  @ApiProperty({ type: [FileIssueDto], description: 'The first 1000 issues in file order.' })
  issues!: FileIssueDto[];
  @ApiProperty({ description: 'True when the file has more issues than listed.' }) issuesTruncated!: boolean;
}

export class IngestResultDto implements IngestResult {
  @ApiProperty({ type: ReceivedFileDto }) file!: ReceivedFileDto;
  @ApiProperty({ description: 'True when the same bytes were received before (nothing was written).' })
  duplicate!: boolean;
}

export class ReceivedFilePageDto implements ReceivedFilePage {
  @ApiProperty({ type: [ReceivedFileDto] }) items!: ReceivedFileDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page.' })
  nextCursor!: string | null;
}
