import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BacktestModule } from './backtest/backtest.module.js';
import { ClaimsModule } from './claims/claims.module.js';
import { CodingGapsModule } from './coding-gaps/coding-gaps.module.js';
import { CodeSetsModule } from './code-sets/code-sets.module.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { FindingsModule } from './findings/findings.module.js';
import { HealthModule } from './health/health.module.js';
import { InputsModule } from './inputs/inputs.module.js';
import { JobRunsModule } from './jobs/job-runs.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { RemitsModule } from './remits/remits.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RulesModule } from './rules/rules.module.js';
import { SchedulerModule } from './scheduler/scheduler.module.js';
import { WebModule } from './web/web.module.js';
import { WorklistModule } from './worklist/worklist.module.js';

/** Imports the area modules; nothing else. */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    AuditModule,
    AuthModule,
    CodeSetsModule.forRoot(),
    RulesModule,
    FindingsModule,
    HealthModule,
    IngestModule,
    ClaimsModule,
    RemitsModule,
    InputsModule,
    ReportsModule,
    BacktestModule,
    CodingGapsModule,
    JobRunsModule,
    SchedulerModule,
    WebModule,
    WorklistModule,
  ],
})
export class AppModule {}
