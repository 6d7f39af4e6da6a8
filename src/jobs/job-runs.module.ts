import { Module } from '@nestjs/common';
import { JobLockRepository } from './job-lock.repository.js';
import { JobRunner } from './job-runner.service.js';
import { JobRunsController } from './job-runs.controller.js';
import { JobRunsRepository } from './job-runs.repository.js';
import { JobRunsService } from './job-runs.service.js';

/**
 * Scheduled job runs: the runner that records them under a database lease, and the read side
 * (GET /api/v1/jobs). The scheduler adapter comes with a later change.
 */
@Module({
  controllers: [JobRunsController],
  providers: [JobRunsRepository, JobRunsService, JobLockRepository, JobRunner],
  exports: [JobRunsRepository, JobRunsService, JobRunner],
})
export class JobRunsModule {}
