import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ReportScopeQueryDto } from '../../reports/dto/report-query.dto.js';
import { MAX_CANDIDATE_BYTES } from '../candidate-rules.js';

/** `GET /api/v1/reports/backtest/replay`: the claims to replay (service month, payer, provider, type). */
export class ReplayQueryDto extends ReportScopeQueryDto {}

/** `POST /api/v1/rules/dry-run`: the candidate file, and the claims to try it on. */
export class DryRunDto extends ReportScopeQueryDto {
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
}
