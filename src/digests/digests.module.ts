import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { DigestDailyJob, DigestWeeklyJob } from './digest-jobs.js';
import { DigestService } from './digest.service.js';
import { DigestsController } from './digests.controller.js';
import { DigestsRepository } from './digests.repository.js';

/**
 * Digests: the daily and weekly reports of new denials, money at risk, leakage and approaching
 * deadlines (scheduled jobs `digest-daily` and `digest-weekly`), their files in REPORTS_DIR and the
 * routes that list and serve them.
 */
@Module({
  imports: [ReportsModule, DeadlinesModule],
  controllers: [DigestsController],
  providers: [DigestsRepository, DigestService, DigestDailyJob, DigestWeeklyJob],
  exports: [DigestDailyJob, DigestWeeklyJob],
})
export class DigestsModule {}
