import { Module } from '@nestjs/common';
import { DeadlineAlertsRepository } from './deadline-alerts.repository.js';
import { DeadlineAlertsService } from './deadline-alerts.service.js';

/**
 * Deadline alerts: the deadlines job (DeadlineAlertsService, a ScheduledJob) and the open alerts
 * (DeadlineAlertsRepository.openAlerts) for the digest and the claim page.
 */
@Module({
  providers: [DeadlineAlertsRepository, DeadlineAlertsService],
  exports: [DeadlineAlertsRepository, DeadlineAlertsService],
})
export class DeadlinesModule {}
