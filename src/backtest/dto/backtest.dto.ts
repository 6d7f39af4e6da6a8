import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsText } from '../../common/query-validators.js';
import { MAX_CANDIDATE_BYTES } from '../candidate-rules.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const NPI = /^\d{10}$/;
const CLAIM_TYPES = ['professional', 'institutional', 'dental'] as const;

/** `GET /api/v1/reports/backtest/replay`: the claims to replay (service month, payer, provider, type). */
export class ReplayQueryDto {
  @ApiPropertyOptional({ description: 'First service month, YYYY-MM.', example: '2026-01' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month written YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last service month, YYYY-MM (inclusive).', example: '2026-06' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month written YYYY-MM' })
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

/** `POST /api/v1/rules/dry-run`. */
export class DryRunDto {
  @ApiProperty({
    description:
      'A rule file (rules/README.md): one rule, or `rules:` with a list. Its rules replace the active rules with the same id; the others are added.',
    maxLength: MAX_CANDIDATE_BYTES,
  })
  @IsString({ message: 'yaml must be the rule file as text' })
  @MaxLength(MAX_CANDIDATE_BYTES, { message: `yaml must be at most ${MAX_CANDIDATE_BYTES} characters` })
  yaml!: string;

  @ApiPropertyOptional({
    description: 'The name problems are reported with (default candidate.yaml).',
    maxLength: 120,
  })
  @IsOptional()
  @Matches(/^[\w.-]{1,120}$/, { message: 'fileName must be a file name (letters, digits, . _ -)' })
  fileName?: string;

  @ApiPropertyOptional({ description: 'First service month, YYYY-MM.', example: '2026-01' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month written YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last service month, YYYY-MM (inclusive).', example: '2026-06' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month written YYYY-MM' })
  to?: string;

  @ApiPropertyOptional({ description: 'Payer id (2010BB NM109).', maxLength: 80 })
  @IsOptional()
  @IsText(80)
  payerId?: string;
}
