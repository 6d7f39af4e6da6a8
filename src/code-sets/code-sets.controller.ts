import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidInputError } from '../common/domain-errors.js';
import type { CodeSetRegistry, LoadedCodeSet } from './code-set-registry.js';
import { CODE_SETS } from './code-sets.token.js';
import { CodeLookupQuery, type LookupSystem } from './dto/code-lookup.query.js';
import { Roles } from '../auth/access.decorators.js';

const DATED: ReadonlySet<LookupSystem> = new Set(['icd10', 'hcpcs', 'procedure', 'modifier']);

/** The code sets loaded at start-up, and single-code lookups for coders. */
@ApiTags('code-sets')
@Controller('api/v1/code-sets')
@Roles('billing', 'coding')
export class CodeSetsController {
  constructor(@Inject(CODE_SETS) private readonly codeSets: CodeSetRegistry) {}

  @Get()
  @ApiOperation({
    summary: 'The code sets loaded: releases, fiscal years, effective dates, counts, and licensed lists',
  })
  @ApiOkResponse({ description: 'One entry per loaded set.' })
  loaded(): LoadedCodeSet[] {
    return this.codeSets.loaded();
  }

  @Get('lookup')
  @ApiOperation({
    summary: 'Is this code valid on this date of service?',
    description:
      'ICD-10-CM answers billable, header, unknown, malformed or no-code-set from the fiscal year in force on `date`; ' +
      'CPT, revenue codes, CARC/RARC and taxonomy are checked against a licensed list when one is installed, else by format only.',
  })
  @ApiOkResponse({
    description: 'The status, the code in canonical form and a sentence explaining the answer.',
  })
  @ApiBadRequestResponse({ description: 'Unknown system, or no date for a dated system.' })
  lookup(@Query() q: CodeLookupQuery): unknown {
    if (DATED.has(q.system) && !q.date) {
      throw new InvalidInputError(`system ${q.system} needs date (the date of service, YYYY-MM-DD)`);
    }
    const date = q.date ?? '';
    switch (q.system) {
      case 'icd10':
        return this.codeSets.icd10(q.code, date);
      case 'hcpcs':
        return this.codeSets.hcpcs(q.code, date);
      case 'procedure':
        return this.codeSets.procedureCode(q.code, date);
      case 'modifier':
        return this.codeSets.modifier(q.code, date);
      case 'pos':
        return this.codeSets.placeOfService(q.code);
      case 'revenue':
        return this.codeSets.revenueCode(q.code);
      case 'carc':
        return this.codeSets.carc(q.code);
      case 'rarc':
        return this.codeSets.rarc(q.code);
      case 'taxonomy':
        return this.codeSets.taxonomy(q.code);
      case 'npi':
        return this.codeSets.npi(q.code);
    }
  }
}
