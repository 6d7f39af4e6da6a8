import { Module } from '@nestjs/common';
import { EvaluationDataRepository } from './evaluation-data.repository.js';
import { FindingsController } from './findings.controller.js';
import { FindingsRepository } from './findings.repository.js';
import { FindingsService } from './findings.service.js';

/** Rule evaluation of stored claims, findings, overrides and rule statistics. */
@Module({
  controllers: [FindingsController],
  providers: [FindingsService, FindingsRepository, EvaluationDataRepository],
  exports: [FindingsService],
})
export class FindingsModule {}
