import { Controller, Get, HttpCode, Logger, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { type UserActor, actorName } from '../auth/roles.js';
import { AuditService } from '../audit/audit.service.js';
import type { JobName } from '../config/app-config.js';
import { JobNameParams } from './dto/job-name.params.js';
import { type JobScheduleView, JobsService } from './jobs.service.js';

/** The scheduled jobs for administrators: their schedules, and running one now. */
@ApiTags('jobs')
@Controller('api/v1/jobs')
export class JobsController {
  private readonly logger = new Logger('JobsController');

  constructor(
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
  ) {}

  @Get('schedules')
  @Roles()
  @ApiOperation({ summary: 'Every scheduled job: cron expression, time zone, next run, latest run (admin)' })
  @ApiOkResponse({ description: '[{name, description, schedule, timeZone, nextRunAt, lastRun}]' })
  schedules(): Promise<JobScheduleView[]> {
    return this.jobs.schedules();
  }

  @Post(':name/run')
  @HttpCode(202)
  @Roles()
  @ApiOperation({
    summary: 'Run a job now (admin); it runs in the background and appears in GET /api/v1/jobs',
  })
  @ApiAcceptedResponse({ description: '{job, accepted: true}: started unless it is running somewhere.' })
  @ApiBadRequestResponse({ description: 'No job of that name (the known names are listed).' })
  async run(
    @Param() params: JobNameParams,
    @CurrentActor() actor: UserActor,
  ): Promise<{ job: JobName; accepted: true }> {
    const job = this.jobs.job(params.name);
    await this.audit.record(actor, { action: 'job.run', targetType: 'job', targetId: job.name });
    // Not awaited: a run can take minutes. JobsService.run records it and never throws.
    void this.jobs
      .run(job.name, { kind: 'system', via: 'system', name: `run by ${actorName(actor)}` })
      .catch((err: unknown) => this.logger.error(`job ${job.name}: ${String(err)}`));
    return { job: job.name, accepted: true };
  }
}
