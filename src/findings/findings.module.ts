import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { EvaluationDataRepository } from './evaluation-data.repository.js';
import { FindingsController } from './findings.controller.js';
import { FindingsRepository } from './findings.repository.js';
import { FindingsService } from './findings.service.js';

/** Rule evaluation of stored claims, findings, overrides and rule statistics. */
@Module({
  imports: [ReportsModule],
  controllers: [FindingsController],
  providers: [FindingsService, FindingsRepository, EvaluationDataRepository],
  exports: [FindingsService, EvaluationDataRepository],
})
export class FindingsModule {}
