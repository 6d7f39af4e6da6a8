import { Module } from '@nestjs/common';
import { FindingsModule } from '../findings/findings.module.js';
import { diskUploadModule } from '../common/upload-storage.js';
import { InputRecordsRepository } from './input-records.repository.js';
import { InputsController } from './inputs.controller.js';
import { InputsService } from './inputs.service.js';
import { PatientLinkingService } from './patient-linking.service.js';
import { PatientLinksRepository } from './patient-links.repository.js';

/**
 * The other sources claims are checked against (authorizations, documentation, eligibility,
 * contracts, FHIR, X12 271/278) and patient matching. Exports the import service (the inbox hands
 * 271/278 files to it), the linking service (ingest matches new claims) and the links repository
 * (the claim detail shows links and problems).
 */
@Module({
  imports: [diskUploadModule(), FindingsModule],
  controllers: [InputsController],
  providers: [InputsService, InputRecordsRepository, PatientLinkingService, PatientLinksRepository],
  exports: [InputsService, PatientLinkingService, PatientLinksRepository],
})
export class InputsModule {}
