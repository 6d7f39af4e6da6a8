import { Module } from '@nestjs/common';
import { FindingsModule } from '../findings/findings.module.js';
import { InputsModule } from '../inputs/inputs.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { diskUploadModule } from '../common/upload-storage.js';
import { ClaimWriterRepository } from './claim-writer.repository.js';
import { FilesController } from './files.controller.js';
import { IngestService } from './ingest.service.js';
import { ReceivedFilesRepository } from './received-files.repository.js';
import { RemittanceWriterRepository } from './remittance-writer.repository.js';

/**
 * Files in: the upload endpoint (multer disk storage in UPLOAD_DIR, UPLOAD_LIMIT_MB per file), the
 * file list and detail, and IngestService for the CLI and the benchmark.
 */
@Module({
  imports: [diskUploadModule(), InputsModule, FindingsModule, ReportsModule],
  controllers: [FilesController],
  providers: [IngestService, ReceivedFilesRepository, ClaimWriterRepository, RemittanceWriterRepository],
  exports: [IngestService],
})
export class IngestModule {}
