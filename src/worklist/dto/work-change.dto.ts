import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { WORK_STATUSES, type WorkStatus } from '../work-status.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Claims assigned at once, at most. */
export const MAX_ASSIGN = 500;

/** `POST /api/v1/worklist/assign`. */
export class AssignWorkDto {
  @ApiProperty({ type: [String], maxItems: MAX_ASSIGN, description: 'Claim ids (repeats are ignored).' })
  @IsArray({ message: 'claimIds must be a list of claim ids' })
  @ArrayMinSize(1, { message: 'claimIds must list at least one claim' })
  @ArrayMaxSize(MAX_ASSIGN, { message: `claimIds must list at most ${MAX_ASSIGN} claims` })
  @Matches(UUID, { each: true, message: 'claimIds must hold claim ids (UUIDs)' })
  claimIds!: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The user to assign the claims to (an enabled user), or null to unassign them.',
  })
  @ValidateIf((o: AssignWorkDto) => o.assigneeId !== null)
  @Matches(UUID, { message: 'assigneeId must be a user id, or null to unassign' })
  assigneeId!: string | null;
}

/** `POST /api/v1/worklist/claims/:id/status`. */
export class WorkStatusDto {
  @ApiProperty({ enum: WORK_STATUSES })
  @IsIn(WORK_STATUSES, { message: `status must be one of ${WORK_STATUSES.join(', ')}` })
  status!: WorkStatus;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Why (required to override: why the tool is wrong about this claim).',
  })
  @IsOptional()
  @IsString({ message: 'reason must be text' })
  @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  reason?: string;
}

/** `POST /api/v1/worklist/claims/:id/notes`. */
export class WorkNoteDto {
  @ApiProperty({ minLength: 1, maxLength: 4000 })
  @IsString({ message: 'text must be text' })
  @Length(1, 4000, { message: 'text must be 1 to 4000 characters' })
  @Matches(/\S/, { message: 'text must not be blank' })
  text!: string;
}
