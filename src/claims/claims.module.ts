import { Module } from '@nestjs/common';

/** Claims area (filled in by the service issue). */
@Module({})
export class ClaimsModule {}
