import { CsvFormatQuery } from '../../common/csv-export.interceptor.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { IsIntegerBetween, toInteger } from '../../common/query-validators.js';

/** `GET /api/v1/inputs/imports?limit=`. */
export class ListImportsQuery extends CsvFormatQuery {
  @ApiPropertyOptional({ description: 'Imports, newest first.', minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(1, 500)
  limit: number = 50;
}

export const PROBLEM_KINDS = [
  'name-mismatch',
  'dob-mismatch',
  'member-id-typo',
  'member-id-mismatch',
  'missing-patient',
  'duplicate-record',
  'ambiguous-match',
] as const;

/** `GET /api/v1/inputs/patient-problems?kind=&limit=`. */
export class ListProblemsQuery extends CsvFormatQuery {
  @ApiPropertyOptional({ enum: PROBLEM_KINDS })
  @IsOptional()
  @IsIn(PROBLEM_KINDS, { message: `kind must be one of ${PROBLEM_KINDS.join(', ')}` })
  kind?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerBetween(1, 1000)
  limit: number = 100;
}
