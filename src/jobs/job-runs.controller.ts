import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import type { Page } from '../common/pagination.js';
import { JOB_RUN_PAGE, JobRunsQueryDto } from './job-runs.dto.js';
import { type JobRunView, JobRunsService } from './job-runs.service.js';

/** Scheduled job runs and their failures, for administrators. */
@ApiTags('jobs')
@Controller('api/v1/jobs')
export class JobRunsController {
  constructor(private readonly runs: JobRunsService) {}

  @Get()
  @Roles()
  @ApiOperation({ summary: 'Scheduled job runs, newest first (admin)' })
  @ApiOkResponse({
    description: '{items:[{id, job, startedAt, finishedAt, status, counts, error, instance}], nextCursor}',
  })
  @ApiBadRequestResponse({ description: 'A filter, limit or cursor is not valid (named).' })
  list(@Query() q: JobRunsQueryDto): Promise<Page<JobRunView>> {
    return this.runs.list({ job: q.job, status: q.status }, q.limit ?? JOB_RUN_PAGE.default, q.cursor);
  }
}
