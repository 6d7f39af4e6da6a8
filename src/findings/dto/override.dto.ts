import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** `POST /api/v1/findings/:id/override` and `/revoke`. */
export class OverrideFindingDto {
  @ApiProperty({
    description: 'Why the finding does not apply (kept with the override).',
    minLength: 3,
    maxLength: 2000,
  })
  @IsString()
  @Length(3, 2000, { message: 'reason must be 3 to 2000 characters' })
  reason!: string;

  @ApiProperty({
    description: 'Who decided (until sign-in exists, the caller names themselves; recorded as given).',
    minLength: 1,
    maxLength: 120,
  })
  @IsString()
  @Length(1, 120, { message: 'by must be 1 to 120 characters' })
  by!: string;
}
