import { Module } from '@nestjs/common';
import { DeadlineAlertsService } from '../deadlines/deadline-alerts.service.js';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { DigestDailyJob, DigestWeeklyJob } from '../digests/digest-jobs.js';
import { DigestsModule } from '../digests/digests.module.js';
import { FindingsModule } from '../findings/findings.module.js';
import { ReevaluationService } from '../findings/reevaluation.service.js';
import { InboxModule } from '../inbox/inbox.module.js';
import { InboxService } from '../inbox/inbox.service.js';
import { JobRunsModule } from '../jobs/job-runs.module.js';
import type { ScheduledJob } from '../jobs/job-types.js';
import { JobScheduler } from './job-scheduler.js';
import { JobsController } from './jobs.controller.js';
import { JobsService, SCHEDULED_JOBS } from './jobs.service.js';
import { RetentionRepository } from './retention.repository.js';
import { RetentionService } from './retention.service.js';

/**
 * Scheduled work: the jobs by name (each an ordinary service method of its own module), the
 * node-cron adapter that fires them, the retention job, and the admin routes to see and run them.
 */
@Module({
  imports: [JobRunsModule, InboxModule, FindingsModule, DeadlinesModule, DigestsModule],
  controllers: [JobsController],
  providers: [
    RetentionRepository,
    RetentionService,
    {
      provide: SCHEDULED_JOBS,
      inject: [
        InboxService,
        ReevaluationService,
        DeadlineAlertsService,
        DigestDailyJob,
        DigestWeeklyJob,
        RetentionService,
      ],
      useFactory: (...jobs: ScheduledJob[]): ScheduledJob[] => jobs,
    },
    JobsService,
    JobScheduler,
  ],
  exports: [JobsService, JobScheduler],
})
export class SchedulerModule {}
