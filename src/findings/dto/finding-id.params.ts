import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** `:id` of a finding or a claim: a UUID. */
export class UuidParams {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'id must be a UUID',
  })
  id!: string;
}
