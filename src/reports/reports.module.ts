import { Module } from '@nestjs/common';
import { carcCategoriesProvider } from './carc-categories.provider.js';
import { ReportProjectionService } from './report-projection.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';
import { RiskModelStore } from './risk-model.store.js';

/**
 * Reports: the report projection (claim_report, leakage_item, report_rollup) kept current after
 * ingest, imports and evaluation; the denial-risk model; dashboards, worklists, backtest, calibration.
 */
@Module({
  controllers: [ReportsController],
  providers: [
    carcCategoriesProvider,
    ReportsRepository,
    ReportProjectionService,
    RiskModelStore,
    ReportsService,
  ],
  exports: [
    ReportProjectionService,
    RiskModelStore,
    ReportsService,
    ReportsRepository,
    carcCategoriesProvider,
  ],
})
export class ReportsModule {}
