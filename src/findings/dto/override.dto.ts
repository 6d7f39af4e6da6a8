import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** `POST /api/v1/findings/:id/override` and `/revoke` (who decided is the signed-in user). */
export class OverrideFindingDto {
  @ApiProperty({
    description: 'Why the finding does not apply (kept with the override).',
    minLength: 3,
    maxLength: 2000,
  })
  @IsString()
  @Length(3, 2000, { message: 'reason must be 3 to 2000 characters' })
  reason!: string;
}
