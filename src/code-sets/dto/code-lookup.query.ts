import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate, IsText } from '../../common/query-validators.js';

export const LOOKUP_SYSTEMS = [
  'icd10',
  'hcpcs',
  'procedure',
  'modifier',
  'pos',
  'revenue',
  'carc',
  'rarc',
  'taxonomy',
  'npi',
] as const;
export type LookupSystem = (typeof LOOKUP_SYSTEMS)[number];

/** `GET /api/v1/code-sets/lookup?system=&code=&date=`. */
export class CodeLookupQuery {
  @ApiProperty({ enum: LOOKUP_SYSTEMS })
  @IsIn(LOOKUP_SYSTEMS, { message: `system must be one of ${LOOKUP_SYSTEMS.join(', ')}` })
  system!: LookupSystem;

  @ApiProperty({ description: 'The code as typed (any case, with or without the ICD-10-CM dot).' })
  @IsText(40)
  code!: string;

  @ApiPropertyOptional({
    description:
      'Date of service (YYYY-MM-DD): picks the ICD-10-CM fiscal year or HCPCS release. Required for icd10, hcpcs, procedure and modifier.',
  })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}
