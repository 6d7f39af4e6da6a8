import { Module } from '@nestjs/common';

/** Ingest area (filled in by the service issue). */
@Module({})
export class IngestModule {}
