import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';
import type { SortFields } from '../../common/pagination.js';
import { IsCursorFor, IsIntegerBetween, toInteger } from '../../common/query-validators.js';

/** Files are listed newest first, and only that way. */
export const FILE_SORT_FIELDS: SortFields<'receivedAt'> = {
  receivedAt: { kind: 'timestamp', nullable: false },
};
export const FILE_SORT = '-receivedAt';

/** `GET /api/v1/files?limit=&cursor=`. */
export class ListFilesQuery {
  @ApiPropertyOptional({ description: 'Files per page.', minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(1, 500)
  limit: number = 50;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page (opaque).' })
  @IsOptional()
  @IsCursorFor(FILE_SORT_FIELDS, FILE_SORT)
  cursor?: string;
}
