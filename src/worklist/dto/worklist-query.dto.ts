import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ANSWER_FORMATS, type CsvFormatQuery } from '../../common/csv-export.interceptor.js';
import type { SortFields } from '../../common/pagination.js';
import {
  IsCalendarDate,
  IsCursorFor,
  IsIntegerBetween,
  IsText,
  toInteger,
} from '../../common/query-validators.js';
import { DENIAL_CATEGORIES } from '../../reporting/carc-categories.js';
import { WORK_STATUS_FILTERS, type WorkStatusFilter } from '../work-status.js';

export const WORKLIST_QUEUES = ['all', 'flagged', 'denied'] as const;
export const WORKLIST_SORTS = ['risk', 'deadline'] as const;
/** deadline: only claims with an open deadline alert. */
export const WORKLIST_ALERT_FILTERS = ['deadline'] as const;

/** What the worklist's cursors carry: money at risk (cents) or the deadline key (YYYY-MM-DD). */
export const WORKLIST_SORT_FIELDS: SortFields<(typeof WORKLIST_SORTS)[number]> = {
  risk: { kind: 'integer', nullable: false },
  deadline: { kind: 'date', nullable: false },
};

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** `GET /api/v1/worklist`: the billing queue's filters, order and page. */
export class WorklistQueryDto implements CsvFormatQuery {
  @ApiPropertyOptional({
    enum: WORKLIST_QUEUES,
    default: 'all',
    description: 'flagged: findings, not yet answered by the payer; denied: denied, not yet worked.',
  })
  @IsOptional()
  @IsIn(WORKLIST_QUEUES)
  queue?: (typeof WORKLIST_QUEUES)[number];

  @ApiPropertyOptional({ description: 'Payer id (2010BB NM109).', maxLength: 80 })
  @IsOptional()
  @IsText(80)
  payerId?: string;

  @ApiPropertyOptional({ description: 'Rendering (else billing) provider NPI, 10 digits.' })
  @IsOptional()
  @Matches(/^\d{10}$/, { message: 'providerNpi must be 10 digits' })
  providerNpi?: string;

  @ApiPropertyOptional({
    enum: DENIAL_CATEGORIES,
    description: 'A category of the denial or of a block/warn finding.',
  })
  @IsOptional()
  @IsIn(DENIAL_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ enum: ['block', 'warn'], description: "The claim's most severe finding." })
  @IsOptional()
  @IsIn(['block', 'warn'])
  severity?: 'block' | 'warn';

  @ApiPropertyOptional({
    enum: WORK_STATUS_FILTERS,
    description: 'Work status; open = not resolved or overridden. Default: every status.',
  })
  @IsOptional()
  @IsIn(WORK_STATUS_FILTERS)
  status?: WorkStatusFilter;

  @ApiPropertyOptional({ description: 'me, none, or a user id.' })
  @IsOptional()
  @Matches(new RegExp(`^(me|none|${UUID})$`, 'i'), { message: 'assignee must be me, none or a user id' })
  assignee?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 366,
    description: 'Only claims whose deadline is at most this many days after today (overdue ones included).',
  })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(0, 366)
  deadlineWithin?: number;

  @ApiPropertyOptional({
    enum: WORKLIST_ALERT_FILTERS,
    description:
      'deadline: only claims with an open deadline alert (a filing limit or appeal deadline within 7 days, raised by the daily deadlines job).',
  })
  @IsOptional()
  @IsIn(WORKLIST_ALERT_FILTERS)
  alert?: (typeof WORKLIST_ALERT_FILTERS)[number];

  @ApiPropertyOptional({
    enum: WORKLIST_SORTS,
    default: 'risk',
    description: 'risk: money at risk, largest first; deadline: earliest deadline first (none last).',
  })
  @IsOptional()
  @IsIn(WORKLIST_SORTS)
  sort?: (typeof WORKLIST_SORTS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, description: 'Rows per page (JSON).' })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(1, 200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page (same sort).' })
  @IsOptional()
  @IsCursorFor(WORKLIST_SORT_FIELDS, 'risk')
  cursor?: string;

  @ApiPropertyOptional({
    enum: ANSWER_FORMATS,
    description: 'csv: every row of the view (from `cursor`, up to 10,000) as a CSV download.',
  })
  @IsOptional()
  @IsIn(ANSWER_FORMATS)
  format?: (typeof ANSWER_FORMATS)[number];

  @ApiPropertyOptional({
    description:
      "Today, YYYY-MM-DD: for deadlineWithin and the alerts' daysLeft (default: the date in JOB_TIMEZONE, as the deadlines job counts).",
  })
  @IsOptional()
  @IsCalendarDate()
  today?: string;
}
