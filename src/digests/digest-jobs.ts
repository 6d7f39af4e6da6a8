import { Injectable } from '@nestjs/common';
import type { JobContext, JobCounts, ScheduledJob } from '../jobs/job-types.js';
import { DigestService } from './digest.service.js';

/** The daily digest: yesterday's new denials, and money at risk, leakage and deadlines now. */
@Injectable()
export class DigestDailyJob implements ScheduledJob {
  readonly name = 'digest-daily' as const;
  readonly description =
    "Write the daily digest (HTML and CSV): yesterday's new denials, money at risk, leakage, approaching deadlines";

  constructor(private readonly digests: DigestService) {}

  run(ctx: JobContext): Promise<JobCounts> {
    return this.digests.write('daily', ctx);
  }
}

/** The weekly digest: the new denials of the seven days ending yesterday, and the standing figures. */
@Injectable()
export class DigestWeeklyJob implements ScheduledJob {
  readonly name = 'digest-weekly' as const;
  readonly description =
    'Write the weekly digest (HTML and CSV): new denials of the last 7 days, money at risk, leakage, approaching deadlines';

  constructor(private readonly digests: DigestService) {}

  run(ctx: JobContext): Promise<JobCounts> {
    return this.digests.write('weekly', ctx);
  }
}
