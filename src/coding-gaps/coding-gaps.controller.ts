import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import type { UserActor } from '../auth/roles.js';
import type { GapView } from './coding-gaps.js';
import { type CodingGapsPage, CodingGapsService } from './coding-gaps.service.js';
import { ClaimIdParams, CodingGapsQueryDto, GAP_PAGE, GapStatusDto } from './dto/coding-gaps.dto.js';

/** The coding team's worklist: documentation and coding gaps by provider and encounter. */
@ApiTags('coding-gaps')
@Controller('api/v1/coding-gaps')
@Roles('coding')
export class CodingGapsController {
  constructor(private readonly gaps: CodingGapsService) {}

  @Get()
  @Audited('coding-gap.view')
  @ApiOperation({
    summary:
      'Documentation and coding gaps (and missed charges) by provider, then encounter, with the note excerpt and the billed codes',
  })
  @ApiOkResponse({
    description: '{providers:[{providerNpi, providerName, gapCount, encounters:[{…, gaps}]}], nextCursor}',
  })
  @ApiBadRequestResponse({ description: 'A filter, limit or cursor is not valid (named).' })
  list(@Query() q: CodingGapsQueryDto): Promise<CodingGapsPage> {
    return this.gaps.list({
      providerNpi: q.providerNpi,
      payerId: q.payerId,
      fromMonth: q.from,
      toMonth: q.to,
      status: q.status ?? 'open',
      limit: q.limit ?? GAP_PAGE.default,
      cursor: q.cursor,
    });
  }

  @Post(':claimId/status')
  @HttpCode(200)
  @ApiOperation({
    summary: "Set a gap's status: resolved, sent back to the provider (comment required) or open; audited",
  })
  @ApiOkResponse({ description: 'The gap with its new status.' })
  @ApiBadRequestResponse({ description: 'Bad gap key or status, or no comment for sent-back.' })
  @ApiNotFoundResponse({ description: 'No such current claim, or no such gap on it.' })
  setStatus(
    @CurrentActor() actor: UserActor,
    @Param() p: ClaimIdParams,
    @Body() body: GapStatusDto,
  ): Promise<GapView> {
    return this.gaps.setStatus(actor, p.claimId, body);
  }
}
