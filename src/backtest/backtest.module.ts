import { Module } from '@nestjs/common';
import { FindingsModule } from '../findings/findings.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { BacktestController } from './backtest.controller.js';
import { BacktestService } from './backtest.service.js';

/** The live backtest: the rules replayed in memory over stored claims, and candidate rules' dry runs. */
@Module({
  imports: [FindingsModule, ReportsModule],
  controllers: [BacktestController],
  providers: [BacktestService],
  exports: [BacktestService],
})
export class BacktestModule {}
