import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { JOB_NAMES, type JobName } from '../../config/app-config.js';

/** `/api/v1/jobs/:name/run`. */
export class JobNameParams {
  @ApiProperty({ enum: JOB_NAMES })
  @IsIn(JOB_NAMES, { message: `name must be one of ${JOB_NAMES.join(', ')}` })
  name!: JobName;
}
