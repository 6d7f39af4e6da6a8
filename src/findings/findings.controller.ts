import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import type { UserActor } from '../auth/roles.js';
import { UuidParams } from './dto/finding-id.params.js';
import { OverrideFindingDto } from './dto/override.dto.js';
import {
  type ClaimFindingsView,
  type FindingView,
  FindingsService,
  type RuleView,
} from './findings.service.js';
import { Audited } from '../audit/audited.decorator.js';

/** Findings of claims, overrides, and the rules with their statistics. */
@ApiTags('findings')
@Controller('api/v1')
export class FindingsController {
  constructor(private readonly findings: FindingsService) {}

  @Get('claims/:id/findings')
  @Audited('claim.view', { targetType: 'claim', idParam: 'id' })
  @Roles('billing', 'coding', 'finance')
  @ApiOperation({
    summary:
      "A claim's findings: rule, CARC/RARC, line, message, fix, evidence, override; not-checked categories; risk",
  })
  @ApiOkResponse({ description: 'The last evaluation of the claim.' })
  @ApiNotFoundResponse({ description: 'No such claim.' })
  claimFindings(@Param() p: UuidParams): Promise<ClaimFindingsView> {
    return this.findings.claimFindings(p.id);
  }

  @Post('findings/:id/override')
  @Roles('billing', 'coding')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Override a finding (reason required); it stays overridden across re-evaluations until revoked',
  })
  @ApiOkResponse({ description: 'The finding with its override.' })
  @ApiBadRequestResponse({ description: 'Reason missing.' })
  @ApiNotFoundResponse({ description: 'No such finding.' })
  @ApiConflictResponse({ description: 'Already overridden.' })
  override(
    @Param() p: UuidParams,
    @Body() body: OverrideFindingDto,
    @CurrentActor() actor: UserActor,
  ): Promise<FindingView> {
    return this.findings.override(p.id, actor, body.reason);
  }

  @Post('findings/:id/override/revoke')
  @Roles('billing', 'coding')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke the override of a finding (reason required)' })
  @ApiOkResponse({ description: 'The finding, no longer overridden.' })
  @ApiNotFoundResponse({ description: 'No such finding.' })
  @ApiConflictResponse({ description: 'Not overridden.' })
  revoke(
    @Param() p: UuidParams,
    @Body() body: OverrideFindingDto,
    @CurrentActor() actor: UserActor,
  ): Promise<FindingView> {
    return this.findings.revokeOverride(p.id, actor, body.reason);
  }

  @Get('rules')
  @Roles('billing', 'coding', 'finance')
  @ApiOperation({
    summary: 'The loaded rules, with how often each fired and how many of those stand overridden',
  })
  @ApiOkResponse({ description: 'Rule set version and rules.' })
  rules(): Promise<{ ruleSetVersion: string; rules: RuleView[] }> {
    return this.findings.rules();
  }
}
