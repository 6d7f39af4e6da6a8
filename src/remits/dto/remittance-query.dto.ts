import { CsvFormatQuery } from '../../common/csv-export.interceptor.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { type SortFields, sortValues } from '../../common/pagination.js';
import {
  IsCalendarDate,
  IsCursorFor,
  IsIntegerBetween,
  IsNotBefore,
  IsText,
  toInteger,
} from '../../common/query-validators.js';

/** What remittance lists can be sorted by (each backed by a (column, id) index). */
export const REMITTANCE_SORT_FIELDS = {
  receivedAt: { kind: 'timestamp', nullable: false },
  paymentDate: { kind: 'date', nullable: true },
} as const satisfies SortFields<string>;
export type RemittanceSortKey = keyof typeof REMITTANCE_SORT_FIELDS;
export const DEFAULT_REMITTANCE_SORT = '-receivedAt';

/**
 * The unmatched list has one order, newest first: by claim payment id, a UUIDv7 given at ingest, so
 * id order is arrival order and the (match_status, id) index serves filter, order and cursor at once.
 */
export const UNMATCHED_SORT_FIELDS = {
  id: { kind: 'text', nullable: false },
} as const satisfies SortFields<string>;
export const UNMATCHED_SORT = '-id';

/** Query of GET /api/v1/remittances. */
export class ListRemittancesQueryDto extends CsvFormatQuery {
  @ApiPropertyOptional({ description: 'Payer id, exact match.', maxLength: 80 })
  @IsOptional()
  @IsText(80)
  payerId?: string;

  @ApiPropertyOptional({ description: 'BPR16 payment date on or after this day.', format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  paymentDateFrom?: string;

  @ApiPropertyOptional({
    description: 'BPR16 payment date on or before this day (not before paymentDateFrom).',
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('paymentDateFrom')
  paymentDateTo?: string;

  @ApiPropertyOptional({ description: 'TRN02 check or EFT trace number, exact match.', maxLength: 50 })
  @IsOptional()
  @IsText(50)
  traceNumber?: string;

  @ApiPropertyOptional({
    description:
      'Sort field, `-` prefix for descending; ties are broken by id. Remittances without a payment ' +
      'date come last in both directions.',
    enum: sortValues(REMITTANCE_SORT_FIELDS),
    default: DEFAULT_REMITTANCE_SORT,
  })
  @IsOptional()
  @IsIn(sortValues(REMITTANCE_SORT_FIELDS))
  sort: string = DEFAULT_REMITTANCE_SORT;

  @ApiPropertyOptional({ description: 'Page size.', minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(1, 500)
  limit: number = 50;

  @ApiPropertyOptional({
    description: 'The nextCursor of the previous page (opaque; only valid with the same sort).',
  })
  @IsOptional()
  @IsCursorFor(REMITTANCE_SORT_FIELDS, DEFAULT_REMITTANCE_SORT)
  cursor?: string;
}

/** Query of GET /api/v1/remittances/unmatched. */
export class ListUnmatchedQueryDto extends CsvFormatQuery {
  @ApiPropertyOptional({ description: 'Page size.', minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(1, 500)
  limit: number = 50;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page (opaque).' })
  @IsOptional()
  @IsCursorFor(UNMATCHED_SORT_FIELDS, UNMATCHED_SORT)
  cursor?: string;
}
