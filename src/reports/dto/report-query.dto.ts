import { ApiPropertyOptional } from '@nestjs/swagger';
import { DENIAL_CATEGORIES } from '../../reporting/carc-categories.js';
import { ANSWER_FORMATS, type CsvFormatQuery } from '../../common/csv-export.interceptor.js';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import {
  IsCalendarDate,
  IsIntegerBetween,
  IsMonthNotBeforeFrom,
  IsText,
  toBoolean,
  toInteger,
} from '../../common/query-validators.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const NPI = /^\d{10}$/;

export const CLAIM_TYPES = ['professional', 'institutional', 'dental'] as const;

/** The claims a report or a replay covers. Months are YYYY-MM (service month of the claim), inclusive. */
export class ReportScopeQueryDto {
  @ApiPropertyOptional({ description: 'First service month, YYYY-MM.', example: '2026-01' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month written YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last service month, YYYY-MM (inclusive).', example: '2026-06' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month written YYYY-MM' })
  @IsMonthNotBeforeFrom()
  to?: string;

  @ApiPropertyOptional({ description: 'Payer id (2010BB NM109).', maxLength: 80 })
  @IsOptional()
  @IsText(80)
  payerId?: string;

  @ApiPropertyOptional({ description: 'Rendering (else billing) provider NPI, 10 digits.' })
  @IsOptional()
  @Matches(NPI, { message: 'providerNpi must be 10 digits' })
  providerNpi?: string;

  @ApiPropertyOptional({ enum: CLAIM_TYPES })
  @IsOptional()
  @IsIn(CLAIM_TYPES)
  claimType?: (typeof CLAIM_TYPES)[number];
}

/** Filters every report takes, and `format=csv`. */
export class ReportFilterQueryDto extends ReportScopeQueryDto implements CsvFormatQuery {
  @ApiPropertyOptional({ enum: ANSWER_FORMATS, description: 'csv: the rows as a CSV download.' })
  @IsOptional()
  @IsIn(ANSWER_FORMATS)
  format?: (typeof ANSWER_FORMATS)[number];
}

/** A page of a report list: the filters, `limit` and the previous page's `nextCursor`. */
export class ReportPageQueryDto extends ReportFilterQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(1, 500)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @IsText(200)
  cursor?: string;
}

export const DENIAL_GROUPS = ['month', 'payer', 'provider', 'claimType', 'category', 'carc'] as const;
export type DenialGroup = (typeof DENIAL_GROUPS)[number];

export class DenialsQueryDto extends ReportFilterQueryDto {
  @ApiPropertyOptional({ enum: DENIAL_GROUPS, default: 'month' })
  @IsOptional()
  @IsIn(DENIAL_GROUPS)
  groupBy?: DenialGroup;
}

export const RISK_GROUPS = ['month', 'payer', 'provider', 'claimType', 'category'] as const;
export type RiskGroup = (typeof RISK_GROUPS)[number];

export class MoneyAtRiskQueryDto extends ReportFilterQueryDto {
  @ApiPropertyOptional({ enum: RISK_GROUPS, default: 'payer' })
  @IsOptional()
  @IsIn(RISK_GROUPS)
  groupBy?: RiskGroup;
}

export const LEAKAGE_GROUPS = ['kind', 'month', 'payer', 'provider', 'category'] as const;
export type LeakageGroup = (typeof LEAKAGE_GROUPS)[number];

export class LeakageQueryDto extends ReportFilterQueryDto {
  @ApiPropertyOptional({ enum: LEAKAGE_GROUPS, default: 'kind' })
  @IsOptional()
  @IsIn(LEAKAGE_GROUPS)
  groupBy?: LeakageGroup;

  @ApiPropertyOptional({
    description: 'Today for the deadlines ahead, YYYY-MM-DD (default: the server date, UTC).',
  })
  @IsOptional()
  @IsCalendarDate()
  today?: string;
}

export const LEAKAGE_KIND_VALUES = [
  'denial',
  'timely-filing',
  'underpayment',
  'missed-charge',
  'reversal',
  'recoupment',
  'rework',
  'rework-avoided',
] as const;

export class LeakageItemsQueryDto extends ReportPageQueryDto {
  @ApiPropertyOptional({ enum: LEAKAGE_KIND_VALUES })
  @IsOptional()
  @IsIn(LEAKAGE_KIND_VALUES)
  kind?: (typeof LEAKAGE_KIND_VALUES)[number];

  @ApiPropertyOptional({ description: 'Denial category, contract, plb-…', maxLength: 32 })
  @IsOptional()
  @IsText(32)
  category?: string;

  @ApiPropertyOptional({ enum: ['amount', 'deadline'], default: 'amount' })
  @IsOptional()
  @IsIn(['amount', 'deadline'])
  sort?: 'amount' | 'deadline';
}

export const OUTCOMES = ['pending', 'paid', 'partial', 'denied', 'adjudicated', 'denied-or-partial'] as const;

export class ReportClaimsQueryDto extends ReportPageQueryDto {
  @ApiPropertyOptional({ enum: OUTCOMES, description: "The payer's first answer." })
  @IsOptional()
  @IsIn(OUTCOMES)
  outcome?: (typeof OUTCOMES)[number];

  @ApiPropertyOptional({ description: 'A category the denial is attributed to.', enum: DENIAL_CATEGORIES })
  @IsOptional()
  @IsIn(DENIAL_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({
    description: 'A category of a block/warn finding on the claim.',
    enum: DENIAL_CATEGORIES,
  })
  @IsOptional()
  @IsIn(DENIAL_CATEGORIES)
  flaggedCategory?: string;

  @ApiPropertyOptional({ description: 'A denial CARC.', maxLength: 5 })
  @IsOptional()
  @Matches(/^[A-Z]?\d{1,3}$/, { message: 'carc must be a CARC code such as 197 or B7' })
  carc?: string;

  @ApiPropertyOptional({ description: 'A rule id that fired.', maxLength: 64 })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/, { message: 'ruleId must be a rule id such as AUTH-REQUIRED' })
  ruleId?: string;

  @ApiPropertyOptional({ description: 'Only claims with (true) or without (false) block/warn findings.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  flagged?: boolean;
}

export class DeadlinesQueryDto extends ReportFilterQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 366, default: 7, description: 'Days ahead.' })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(1, 366)
  within?: number;

  @ApiPropertyOptional({ description: 'Today, YYYY-MM-DD (default: the server date, UTC).' })
  @IsOptional()
  @IsCalendarDate()
  today?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(1, 500)
  limit?: number;
}
