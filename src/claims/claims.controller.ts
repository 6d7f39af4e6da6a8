import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, UseInterceptors } from '@nestjs/common';
import { CsvExportInterceptor } from '../common/csv-export.interceptor.js';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/error-response.dto.js';
import { ClaimsService } from './claims.service.js';
import { ClaimDetailQueryDto, ListClaimsQueryDto } from './dto/claim-query.dto.js';
import { ClaimDetailDto, ClaimPageDto } from './dto/claim-response.dto.js';
import { Roles } from '../auth/access.decorators.js';
import { Audited } from '../audit/audited.decorator.js';

@ApiTags('claims')
@ApiBadRequestResponse({
  type: ErrorResponseDto,
  description: 'Invalid parameters; every problem is listed.',
})
@Controller('api/v1/claims')
@Roles('billing', 'coding')
@UseInterceptors(CsvExportInterceptor)
export class ClaimsController {
  constructor(@Inject(ClaimsService) private readonly service: ClaimsService) {}

  @Get()
  @Audited('claim.list')
  @ApiOperation({ summary: 'List claims, filtered, sorted and cursor-paginated' })
  @ApiOkResponse({ type: ClaimPageDto })
  list(@Query() query: ListClaimsQueryDto): Promise<ClaimPageDto> {
    return this.service.list(query);
  }

  @Get(':id')
  @Audited('claim.view', { targetType: 'claim', idParam: 'id' })
  @Roles('billing', 'coding', 'finance')
  @ApiOperation({ summary: 'A claim with lines, diagnoses, providers, history and linked remittances' })
  @ApiOkResponse({ type: ClaimDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: ClaimDetailQueryDto,
  ): Promise<ClaimDetailDto> {
    return this.service.get(id, query);
  }
}
