import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator.js';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import type { UserActor } from '../auth/roles.js';
import { CsvExportInterceptor } from '../common/csv-export.interceptor.js';
import { UuidParams } from '../findings/dto/finding-id.params.js';
import { ClaimPageService } from './claim-page.service.js';
import { AssignWorkDto, WorkNoteDto, WorkStatusDto } from './dto/work-change.dto.js';
import { WorklistQueryDto } from './dto/worklist-query.dto.js';
import { WorklistService } from './worklist.service.js';

/** The billing worklist: the queue, assignments, the status workflow, notes, and the claim page. */
@ApiTags('worklist')
@Controller('api/v1/worklist')
@UseInterceptors(CsvExportInterceptor)
export class WorklistController {
  constructor(
    private readonly worklist: WorklistService,
    private readonly claimPage: ClaimPageService,
  ) {}

  @Get()
  @Roles('billing')
  @Audited('claim.list')
  @ApiOperation({
    summary:
      'Flagged claims not yet answered and denied claims not yet worked, by money at risk or deadline (keyset pages)',
  })
  @ApiProduces('application/json', 'text/csv')
  list(@Query() q: WorklistQueryDto, @CurrentActor() actor: UserActor) {
    return this.worklist.list(q, actor);
  }

  @Post('assign')
  @Roles('billing')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign up to 500 claims to a user (null: unassign); all or nothing' })
  @ApiOkResponse({ description: '`updated`: claims whose assignee changed.' })
  @ApiBadRequestResponse({ description: 'Unknown claim ids (listed), unknown or disabled assignee.' })
  assign(@Body() body: AssignWorkDto, @CurrentActor() actor: UserActor) {
    return this.worklist.assign(actor, body.claimIds, body.assigneeId);
  }

  @Post('claims/:id/status')
  @Roles('billing')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Move a claim's work: new → in-progress → fixed → resubmitted → resolved; open → overridden (reason); reopen",
  })
  @ApiOkResponse({ description: 'The work item.' })
  @ApiBadRequestResponse({ description: 'Unknown status, or no reason for an override.' })
  @ApiNotFoundResponse({ description: 'No such claim.' })
  @ApiConflictResponse({ description: 'The move is not allowed from the current status (both named).' })
  setStatus(@Param() p: UuidParams, @Body() body: WorkStatusDto, @CurrentActor() actor: UserActor) {
    return this.worklist.setStatus(actor, p.id.toLowerCase(), body.status, body.reason);
  }

  @Post('claims/:id/notes')
  @Roles('billing', 'coding')
  @ApiOperation({ summary: "Add a note to a claim's work (up to 4000 characters)" })
  @ApiNotFoundResponse({ description: 'No such claim.' })
  addNote(@Param() p: UuidParams, @Body() body: WorkNoteDto, @CurrentActor() actor: UserActor) {
    return this.worklist.addNote(actor, p.id.toLowerCase(), body.text);
  }

  @Get('claims/:id')
  @Roles('billing', 'coding', 'finance')
  @Audited('claim.view', { targetType: 'claim', idParam: 'id' })
  @ApiOperation({
    summary:
      'The claim page: claim, findings, linked documentation/authorizations/eligibility, remittances, work, history, notes (audited)',
  })
  @ApiNotFoundResponse({ description: 'No such claim.' })
  page(@Param() p: UuidParams) {
    return this.claimPage.page(p.id.toLowerCase());
  }
}
