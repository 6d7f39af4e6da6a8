import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { EvaluationDataRepository } from './evaluation-data.repository.js';
import { FindingsController } from './findings.controller.js';
import { FindingsRepository } from './findings.repository.js';
import { FindingsService } from './findings.service.js';
import { ReevaluationRepository } from './reevaluation.repository.js';
import { ReevaluationService } from './reevaluation.service.js';

/** Rule evaluation of stored claims, findings, overrides, rule statistics and the re-evaluation job. */
@Module({
  imports: [ReportsModule],
  controllers: [FindingsController],
  providers: [
    FindingsService,
    FindingsRepository,
    EvaluationDataRepository,
    ReevaluationRepository,
    ReevaluationService,
  ],
  exports: [FindingsService, EvaluationDataRepository, ReevaluationService],
})
export class FindingsModule {}
