import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { SortFields } from '../common/pagination.js';
import { IsCursorFor, IsIntegerBetween, toInteger } from '../common/query-validators.js';

export const JOB_RUN_STATUSES = ['running', 'succeeded', 'failed', 'skipped'] as const;

/** The one order of the job list: newest first. */
export const JOB_RUN_SORT_FIELDS: SortFields<'startedAt'> = {
  startedAt: { kind: 'timestamp', nullable: false },
};
export const JOB_RUN_SORT = '-startedAt';

export const JOB_RUN_PAGE = { default: 50, max: 200 } as const;

/** GET /api/v1/jobs. */
export class JobRunsQueryDto {
  @ApiPropertyOptional({ description: 'Only runs of this job (e.g. ingest-inbox).' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,47}$/, { message: 'job must be a job name: lower-case letters, digits and -' })
  job?: string;

  @ApiPropertyOptional({ enum: JOB_RUN_STATUSES })
  @IsOptional()
  @IsIn(JOB_RUN_STATUSES, { message: `status must be one of ${JOB_RUN_STATUSES.join(', ')}` })
  status?: (typeof JOB_RUN_STATUSES)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: JOB_RUN_PAGE.max, default: JOB_RUN_PAGE.default })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(1, JOB_RUN_PAGE.max)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @IsCursorFor(JOB_RUN_SORT_FIELDS, JOB_RUN_SORT)
  cursor?: string;
}
