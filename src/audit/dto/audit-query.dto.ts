import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, ValidateBy } from 'class-validator';
import { ANSWER_FORMATS, type CsvFormatQuery } from '../../common/csv-export.interceptor.js';
import {
  IsCalendarDate,
  IsIntegerBetween,
  IsNotBefore,
  IsText,
  toInteger,
  toList,
} from '../../common/query-validators.js';
import { decodeAuditCursor } from '../audit-cursor.js';

/** Page sizes: a screen at a time, or a larger export. */
export const AUDIT_PAGE = { default: 100, max: 1000, csvMax: 10_000 } as const;

const ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/** GET /api/v1/audit: filters, page and format. */
export class AuditQueryDto implements CsvFormatQuery {
  @ApiPropertyOptional({ description: 'First day (UTC), YYYY-MM-DD.', example: '2026-03-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (UTC, included), YYYY-MM-DD.', example: '2026-03-31' })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  to?: string;

  @ApiPropertyOptional({ description: 'Username of the actor (or the name recorded for system work).' })
  @IsOptional()
  @IsText(120)
  actor?: string;

  @ApiPropertyOptional({
    description: 'Action(s), comma-separated: claim.view, claim.export, user.create …',
    example: 'claim.export,report.export',
  })
  @IsOptional()
  @Transform(toList)
  @ValidateBy({
    name: 'isActionList',
    validator: {
      validate: (v) =>
        Array.isArray(v) &&
        v.length > 0 &&
        v.length <= 30 &&
        v.every((a) => typeof a === 'string' && a.length <= 48 && ACTION.test(a)),
      defaultMessage: () =>
        'action must be one or more dotted action names such as claim.view (comma-separated)',
    },
  })
  action?: string[];

  @ApiPropertyOptional({ description: 'What the event is about: claim, user, token, coding-gap …' })
  @IsOptional()
  @IsText(32)
  targetType?: string;

  @ApiPropertyOptional({ description: "The target's id (with or without targetType)." })
  @IsOptional()
  @IsText(80)
  targetId?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: AUDIT_PAGE.csvMax,
    default: AUDIT_PAGE.default,
    description: `Events per page: at most ${AUDIT_PAGE.max}, or ${AUDIT_PAGE.csvMax} with format=csv.`,
  })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(1, AUDIT_PAGE.csvMax)
  @ValidateBy({
    name: 'isAuditPageSize',
    validator: {
      validate: (v, args) =>
        (args?.object as { format?: unknown }).format === 'csv' ||
        typeof v !== 'number' ||
        v <= AUDIT_PAGE.max,
      defaultMessage: () => `limit must be at most ${AUDIT_PAGE.max} (${AUDIT_PAGE.csvMax} with format=csv)`,
    },
  })
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @ValidateBy({
    name: 'isAuditCursor',
    validator: {
      validate: (v) => typeof v === 'string' && decodeAuditCursor(v) !== null,
      defaultMessage: () => 'cursor is not valid; use the nextCursor of a previous page',
    },
  })
  cursor?: string;

  @ApiPropertyOptional({ enum: ANSWER_FORMATS, description: 'csv: the events as a CSV download (audited).' })
  @IsOptional()
  @IsIn(ANSWER_FORMATS)
  format?: (typeof ANSWER_FORMATS)[number];
}
