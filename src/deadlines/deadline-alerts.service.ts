import { Injectable, Logger } from '@nestjs/common';
import { nowIso } from '../database/column-types.js';
import { WriteLock } from '../database/write-lock.js';
import type { JobContext, JobCounts, ScheduledJob } from '../jobs/job-types.js';
import { DEADLINE_ALERT_DAYS } from './deadline-alert.js';
import { DeadlineAlertsRepository } from './deadline-alerts.repository.js';
import { alertWindow } from './deadline-window.js';

/**
 * The deadlines job (daily): a timely-filing limit or appeal deadline within the next
 * DEADLINE_ALERT_DAYS days of a claim still open in the worklist becomes an alert (shown on the
 * worklist, the claim page and in the digest); an alert the claim no longer needs (answered, worked,
 * resolved, deadline moved or passed) is cleared. The deadline is the worklist's own (the filing limit
 * while the payer has not answered, the appeal deadline once it denied). One transaction, behind the
 * write lock; a few set-based statements whatever the number of claims.
 */
@Injectable()
export class DeadlineAlertsService implements ScheduledJob {
  readonly name = 'deadlines' as const;
  readonly description = `Raises alerts for filing limits and appeal deadlines within ${DEADLINE_ALERT_DAYS} days; clears those no longer needed`;
  private readonly logger = new Logger(DeadlineAlertsService.name);

  constructor(
    private readonly repo: DeadlineAlertsRepository,
    private readonly lock: WriteLock,
  ) {}

  /** raised: new (or re-opened) alerts; open: alerts open after the run; cleared: alerts this run cleared. */
  async run(ctx: JobContext): Promise<JobCounts> {
    const window = alertWindow(ctx.today);
    const counts = await this.lock.run(() =>
      this.repo.transaction(async (tx) => {
        const at = nowIso();
        // Clear first: a claim whose deadline moved gets the new deadline's alert in the same run.
        const cleared = await this.repo.clearStale(tx, window, at);
        const raised = await this.repo.raise(tx, window, at, ctx.runId);
        const open = await this.repo.countOpen(tx);
        return { raised, open, cleared };
      }),
    );
    await this.repo.refreshStatistics();
    this.logger.log(
      `deadlines ${window.from}..${window.to}: ${counts.raised} raised, ${counts.cleared} cleared, ${counts.open} open`,
    );
    return counts;
  }
}
