import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import type { SortFields } from '../../common/pagination.js';
import { IsCursorFor, IsIntegerBetween, toInteger } from '../../common/query-validators.js';
import { DIGEST_KINDS, type DigestKind } from '../digest-period.js';

/** The one order of the digest list: newest first. */
export const DIGEST_SORT_FIELDS: SortFields<'createdAt'> = {
  createdAt: { kind: 'timestamp', nullable: false },
};
export const DIGEST_SORT = '-createdAt';

export const DIGEST_PAGE = { default: 50, max: 200 } as const;

/** GET /api/v1/digests. */
export class DigestsQueryDto {
  @ApiPropertyOptional({ enum: DIGEST_KINDS, description: 'Only digests of this kind.' })
  @IsOptional()
  @IsIn(DIGEST_KINDS, { message: `kind must be one of ${DIGEST_KINDS.join(', ')}` })
  kind?: DigestKind;

  @ApiPropertyOptional({ minimum: 1, maximum: DIGEST_PAGE.max, default: DIGEST_PAGE.default })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(1, DIGEST_PAGE.max)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @IsCursorFor(DIGEST_SORT_FIELDS, DIGEST_SORT)
  cursor?: string;
}
