import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { UPLOAD_KINDS, type UploadKind } from '../input-parsing.js';

/** `/api/v1/inputs/:kind`. */
export class InputKindParams {
  @ApiProperty({ enum: UPLOAD_KINDS, description: 'What the file holds; x12 is a 271 or 278 response.' })
  @IsIn(UPLOAD_KINDS, { message: `kind must be one of ${UPLOAD_KINDS.join(', ')}` })
  kind!: UploadKind;
}
