import { CsvFormatQuery } from '../../common/csv-export.interceptor.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { type SortFields, sortValues } from '../../common/pagination.js';
import {
  IsCalendarDate,
  IsCursorFor,
  IsIntegerBetween,
  IsNotBefore,
  IsText,
  toBoolean,
  toInteger,
  toList,
} from '../../common/query-validators.js';

/** Where a claim stands, from submission through remittances, replacements and voids. */
export const CLAIM_STATUSES = [
  'submitted',
  'paid',
  'partially-paid',
  'denied',
  'reversed',
  'pending',
  'replaced',
  'voided',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** What claim lists can be sorted by (each backed by a (column, id) index). */
export const CLAIM_SORT_FIELDS = {
  receivedAt: { kind: 'timestamp', nullable: false },
  serviceDateFrom: { kind: 'date', nullable: true },
  totalCharge: { kind: 'integer', nullable: false },
  patientLastName: { kind: 'text', nullable: false },
} as const satisfies SortFields<string>;
export type ClaimSortKey = keyof typeof CLAIM_SORT_FIELDS;
export const DEFAULT_CLAIM_SORT = '-receivedAt';

const NPI = /^\d{10}$/;

/** Query of GET /api/v1/claims. */
export class ListClaimsQueryDto extends CsvFormatQuery {
  @ApiPropertyOptional({ description: 'Payer id (2010BB NM109), exact match.', maxLength: 80 })
  @IsOptional()
  @IsText(80)
  payerId?: string;

  @ApiPropertyOptional({
    description: 'One or several statuses: repeat the parameter or separate values with commas.',
    enum: CLAIM_STATUSES,
    isArray: true,
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(CLAIM_STATUSES.length)
  @IsIn(CLAIM_STATUSES, { each: true })
  status?: ClaimStatus[];

  @ApiPropertyOptional({
    description: 'First date of service (claim service_date_from) on or after this day.',
    format: 'date',
    example: '2026-01-01',
  })
  @IsOptional()
  @IsCalendarDate()
  serviceDateFrom?: string;

  @ApiPropertyOptional({
    description: 'First date of service on or before this day (not before serviceDateFrom).',
    format: 'date',
    example: '2026-01-31',
  })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('serviceDateFrom')
  serviceDateTo?: string;

  @ApiPropertyOptional({ description: 'Billing provider NPI (2010AA), 10 digits.', pattern: '^\\d{10}$' })
  @IsOptional()
  @Matches(NPI, { message: 'billingNpi must be 10 digits' })
  billingNpi?: string;

  @ApiPropertyOptional({
    description: 'Rendering provider NPI (2310B, or 2420A of the first line), 10 digits.',
    pattern: '^\\d{10}$',
  })
  @IsOptional()
  @Matches(NPI, { message: 'renderingNpi must be 10 digits' })
  renderingNpi?: string;

  @ApiPropertyOptional({
    description:
      'The subscriber member id (2010BA NM109), matched exactly, or the start of the patient last name, ' +
      'matched case-insensitively for ASCII letters (`smi` finds SMITH and Smithers).',
    minLength: 1,
    maxLength: 80,
  })
  @IsOptional()
  @IsText(80)
  patient?: string;

  @ApiPropertyOptional({ description: 'true: only claims with findings; false: only claims without.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  hasFindings?: boolean;

  @ApiPropertyOptional({
    description:
      'Sort field, `-` prefix for descending; ties are broken by id. Claims without a service date ' +
      'come last in both directions.',
    enum: sortValues(CLAIM_SORT_FIELDS),
    default: DEFAULT_CLAIM_SORT,
  })
  @IsOptional()
  @IsIn(sortValues(CLAIM_SORT_FIELDS))
  sort: string = DEFAULT_CLAIM_SORT;

  @ApiPropertyOptional({ description: 'Page size.', minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(1, 500)
  limit: number = 50;

  @ApiPropertyOptional({
    description: 'The nextCursor of the previous page (opaque; only valid with the same sort).',
  })
  @IsOptional()
  @IsCursorFor(CLAIM_SORT_FIELDS, DEFAULT_CLAIM_SORT)
  cursor?: string;
}

/** Query of GET /api/v1/claims/:id. */
export class ClaimDetailQueryDto {
  @ApiPropertyOptional({
    description: '`detail` adds the whole parsed claim model as stored at ingest.',
    enum: ['detail'],
  })
  @IsOptional()
  @IsIn(['detail'])
  include?: 'detail';
}
