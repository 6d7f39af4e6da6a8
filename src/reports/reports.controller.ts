import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CsvExportInterceptor, CsvFormatQuery } from '../common/csv-export.interceptor.js';
import { UuidParams } from '../findings/dto/finding-id.params.js';
import {
  DeadlinesQueryDto,
  DenialsQueryDto,
  LeakageItemsQueryDto,
  LeakageQueryDto,
  MoneyAtRiskQueryDto,
  ReportClaimsQueryDto,
  ReportFilterQueryDto,
} from './dto/report-query.dto.js';
import type { ReportFilter } from './reports.repository.js';
import { ReportsService } from './reports.service.js';
import { Roles } from '../auth/access.decorators.js';
import { HidePatientIdsFrom } from '../auth/hide-patient-ids.js';
import { Audited } from '../audit/audited.decorator.js';

const filterOf = (q: ReportFilterQueryDto): ReportFilter => ({
  fromMonth: q.from,
  toMonth: q.to,
  payerId: q.payerId,
  providerNpi: q.providerNpi,
  claimType: q.claimType,
});

/** Dashboards and worklists for finance and billing; every answer also as CSV (`format=csv`). */
@ApiTags('reports')
@Controller('api/v1/reports')
@Roles('billing', 'finance')
@UseInterceptors(CsvExportInterceptor)
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('summary')
  @ApiOperation({ summary: 'Claims, denial rate, first-pass clean-claim rate, money at risk, leakage' })
  @ApiProduces('application/json', 'text/csv')
  summary(@Query() q: ReportFilterQueryDto) {
    return this.reports.summary(filterOf(q));
  }

  @Get('dashboard')
  @ApiOperation({ summary: 'Everything the finance dashboard shows, in one answer' })
  dashboard(@Query() q: ReportFilterQueryDto) {
    return this.reports.dashboard(filterOf(q));
  }

  @Get('denials')
  @ApiOperation({
    summary: 'Denials and denial rate by month, payer, provider, claim type, category or CARC',
  })
  @ApiProduces('application/json', 'text/csv')
  denials(@Query() q: DenialsQueryDto) {
    return this.reports.denials(filterOf(q), q.groupBy ?? 'month');
  }

  @Get('clean-claims')
  @ApiOperation({ summary: 'First-pass clean-claim rate by month' })
  @ApiProduces('application/json', 'text/csv')
  cleanClaims(@Query() q: ReportFilterQueryDto) {
    return this.reports.cleanClaims(filterOf(q));
  }

  @Get('money-at-risk')
  @ApiOperation({ summary: 'Expected denied money of claims still waiting for an answer' })
  @ApiProduces('application/json', 'text/csv')
  moneyAtRisk(@Query() q: MoneyAtRiskQueryDto) {
    return this.reports.moneyAtRisk(filterOf(q), q.groupBy ?? 'payer');
  }

  @Get('leakage')
  @ApiOperation({ summary: 'Revenue leakage in money by kind, month, payer, provider or category' })
  @ApiProduces('application/json', 'text/csv')
  leakage(@Query() q: LeakageQueryDto) {
    return this.reports.leakage(filterOf(q), q.groupBy ?? 'kind', q.today);
  }

  @Get('leakage/items')
  @Audited('claim.list')
  @HidePatientIdsFrom('finance')
  @ApiOperation({
    summary: 'Leakage items (per claim line, or per remittance for PLB), largest first or by deadline',
  })
  @ApiProduces('application/json', 'text/csv')
  leakageItems(@Query() q: LeakageItemsQueryDto) {
    return this.reports.leakageItems(
      { ...filterOf(q), kind: q.kind, category: q.category },
      q.sort ?? 'amount',
      q.limit ?? 50,
      q.cursor,
    );
  }

  @Get('deadlines')
  @Audited('claim.list')
  @HidePatientIdsFrom('finance')
  @ApiOperation({ summary: 'Appeal deadlines of unworked denials and timely-filing limits ahead' })
  @ApiProduces('application/json', 'text/csv')
  deadlines(@Query() q: DeadlinesQueryDto) {
    return this.reports.deadlines(
      filterOf(q),
      q.within ?? 7,
      q.today ?? new Date().toISOString().slice(0, 10),
      q.limit ?? 100,
    );
  }

  @Get('claims')
  @Audited('claim.list')
  @HidePatientIdsFrom('finance')
  @ApiOperation({ summary: 'The claims behind a report row (drill-down), in claim id order' })
  @ApiProduces('application/json', 'text/csv')
  claims(@Query() q: ReportClaimsQueryDto) {
    return this.reports.claims(
      {
        ...filterOf(q),
        outcome: q.outcome,
        category: q.category,
        flaggedCategory: q.flaggedCategory,
        carc: q.carc,
        ruleId: q.ruleId,
        flagged: q.flagged,
      },
      q.limit ?? 50,
      q.cursor,
    );
  }

  @Get('backtest')
  @ApiOperation({
    summary:
      'Rules against what payers did: recall and precision per category and rule, unanticipated denials by CARC',
  })
  @ApiProduces('application/json', 'text/csv')
  backtest(@Query() q: ReportFilterQueryDto) {
    return this.reports.backtest(filterOf(q));
  }

  @Get('calibration')
  @ApiOperation({
    summary: 'Risk model calibration: reliability by decile and Brier score on held-out months',
  })
  @ApiProduces('application/json', 'text/csv')
  calibration(@Query() _format: CsvFormatQuery) {
    return this.reports.calibration();
  }

  @Post('risk-model')
  @Audited('risk-model.fit')
  @Roles()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Fit the denial-risk model on the remittance history, activate it and rescore claims',
  })
  @ApiOkResponse({ description: 'The fitted model with its calibration.' })
  fit(@Body() _body: unknown) {
    return this.reports.fitRiskModel();
  }

  @Post('rebuild')
  @Audited('reports.rebuild')
  @Roles()
  @HttpCode(200)
  @ApiOperation({ summary: 'Rebuild every report table from claims, remittances and findings' })
  rebuild() {
    return this.reports.rebuild();
  }

  @Get('claims/:id')
  @Audited('claim.view', { targetType: 'claim', idParam: 'id' })
  @ApiOperation({ summary: "One claim's report row: outcome, denial, risk, leakage, deadlines" })
  claim(@Param() p: UuidParams) {
    return this.reports.claimReport(p.id);
  }
}
