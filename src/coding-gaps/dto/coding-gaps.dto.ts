import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateBy } from 'class-validator';
import { IsIntegerBetween, IsMonthNotBeforeFrom, IsText, toInteger } from '../../common/query-validators.js';
import { decodeGapCursor, GAP_STATUSES, type GapStatus } from '../coding-gaps.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Encounters per page. */
export const GAP_PAGE = { default: 25, max: 100 } as const;

/** GET /api/v1/coding-gaps. */
export class CodingGapsQueryDto {
  @ApiPropertyOptional({ description: 'Rendering (else billing) provider NPI, 10 digits.' })
  @IsOptional()
  @Matches(/^\d{10}$/, { message: 'providerNpi must be 10 digits' })
  providerNpi?: string;

  @ApiPropertyOptional({ description: 'Payer id (2010BB NM109).', maxLength: 80 })
  @IsOptional()
  @IsText(80)
  payerId?: string;

  @ApiPropertyOptional({ description: 'First service month, YYYY-MM.', example: '2026-01' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month written YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last service month, YYYY-MM (inclusive).', example: '2026-03' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month written YYYY-MM' })
  @IsMonthNotBeforeFrom()
  to?: string;

  @ApiPropertyOptional({ enum: GAP_STATUSES, default: 'open', description: 'Gaps of this status.' })
  @IsOptional()
  @IsIn(GAP_STATUSES, { message: `status must be one of ${GAP_STATUSES.join(', ')}` })
  status?: GapStatus;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: GAP_PAGE.max,
    default: GAP_PAGE.default,
    description: 'Encounters per page.',
  })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(1, GAP_PAGE.max)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @ValidateBy({
    name: 'isGapCursor',
    validator: {
      validate: (v) => typeof v === 'string' && decodeGapCursor(v) !== null,
      defaultMessage: () => 'cursor is not valid; use the nextCursor of a previous page',
    },
  })
  cursor?: string;
}

export class ClaimIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'claimId must be a claim id (UUID)' })
  claimId!: string;
}

/** POST /api/v1/coding-gaps/:claimId/status. */
export class GapStatusDto {
  @ApiProperty({
    description: 'The gap, as the list gives it: `<ruleId>:<lineNumber>` or `missed-charge:<code>`.',
  })
  @IsString({ message: 'gapKey must be text' })
  @MaxLength(120)
  @Matches(/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/, {
    message: 'gapKey must be <ruleId>:<lineNumber> or missed-charge:<code>',
  })
  gapKey!: string;

  @ApiProperty({ enum: GAP_STATUSES })
  @IsIn(GAP_STATUSES, { message: `status must be one of ${GAP_STATUSES.join(', ')}` })
  status!: GapStatus;

  @ApiPropertyOptional({ description: 'Required to send the gap back to the provider.', maxLength: 2000 })
  @IsOptional()
  @IsString({ message: 'comment must be text' })
  @MaxLength(2000, { message: 'comment must be at most 2000 characters' })
  comment?: string;
}
