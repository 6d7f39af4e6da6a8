import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type DryRunResult, type ReplayResult, BacktestService } from './backtest.service.js';
import { DryRunDto, ReplayQueryDto } from './dto/backtest.dto.js';
import { Roles } from '../auth/access.decorators.js';
import { Audited } from '../audit/audited.decorator.js';

/** The live backtest of the active rules, and the dry run of a candidate rule file. */
@ApiTags('backtest')
@Controller('api/v1')
export class BacktestController {
  constructor(private readonly backtest: BacktestService) {}

  @Get('reports/backtest/replay')
  @Roles('billing', 'finance')
  @ApiOperation({
    summary:
      'The rules as they are now, evaluated afresh (in memory) over the stored claims, against what the payers answered',
  })
  @ApiOkResponse({
    description: 'Recall and precision in total, per category and per rule; unanticipated CARCs.',
  })
  @ApiBadRequestResponse({ description: 'A bad month or filter.' })
  replay(@Query() q: ReplayQueryDto): Promise<ReplayResult> {
    return this.backtest.replay({
      fromMonth: q.from,
      toMonth: q.to,
      payerId: q.payerId,
      providerNpi: q.providerNpi,
      claimType: q.claimType,
    });
  }

  @Post('rules/dry-run')
  @Audited('rules.dry-run')
  @Roles()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'What a candidate rule file would flag over the stored claims, next to the active rules (nothing is stored)',
  })
  @ApiOkResponse({
    description:
      'Per candidate rule: flagged claims, denied, precision, recall contribution; claims it would flag; claims newly or no longer flagged; totals before and after.',
  })
  @ApiBadRequestResponse({
    description: 'The rule file does not load: every problem as file:line: path: message.',
  })
  dryRun(@Body() body: DryRunDto): Promise<DryRunResult> {
    return this.backtest.dryRun(
      { yaml: body.yaml, fileName: body.fileName },
      {
        fromMonth: body.from,
        toMonth: body.to,
        payerId: body.payerId,
        providerNpi: body.providerNpi,
        claimType: body.claimType,
      },
    );
  }
}
