import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorBody } from './http-exception.filter.js';

/** The error body every route answers with (HttpExceptionFilter), for the OpenAPI document. */
export class ErrorResponseDto implements ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({ example: 'limit must not be less than 1; billingNpi must be 10 digits' })
  message!: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Every problem found (validation).',
    example: ['limit must not be less than 1', 'billingNpi must be 10 digits'],
  })
  problems?: string[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object' },
    description: 'Positioned X12 or input issues.',
  })
  issues?: unknown[];
}
