import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module.js';
import { InputsModule } from '../inputs/inputs.module.js';
import { InboxRepository } from './inbox.repository.js';
import { InboxService } from './inbox.service.js';

/**
 * The inbox folder (INBOX_DIR): the `inbox` scheduled job that ingests the files dropped there
 * through the same services as uploads (IngestService for X12, InputsService for the inputs) and
 * archives each with a report. The scheduler runs it; it has no routes of its own.
 */
@Module({
  imports: [IngestModule, InputsModule],
  providers: [InboxService, InboxRepository],
  exports: [InboxService],
})
export class InboxModule {}
