import { Module } from '@nestjs/common';
import { JobRunsController } from './job-runs.controller.js';
import { JobRunsRepository } from './job-runs.repository.js';
import { JobRunsService } from './job-runs.service.js';

/** The read side of scheduled job runs (GET /api/v1/jobs); the scheduler comes with a later issue. */
@Module({
  controllers: [JobRunsController],
  providers: [JobRunsRepository, JobRunsService],
  exports: [JobRunsRepository],
})
export class JobRunsModule {}
