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
import { ListRemittancesQueryDto, ListUnmatchedQueryDto } from './dto/remittance-query.dto.js';
import {
  RemittanceDetailDto,
  RemittancePageDto,
  UnmatchedClaimPaymentPageDto,
} from './dto/remittance-response.dto.js';
import { RemitsService } from './remits.service.js';
import { Roles } from '../auth/access.decorators.js';
import { Audited } from '../audit/audited.decorator.js';

@ApiTags('remittances')
@ApiBadRequestResponse({
  type: ErrorResponseDto,
  description: 'Invalid parameters; every problem is listed.',
})
@Controller('api/v1/remittances')
@Roles('billing')
@UseInterceptors(CsvExportInterceptor)
export class RemitsController {
  constructor(@Inject(RemitsService) private readonly service: RemitsService) {}

  @Get()
  @Audited('remittance.list')
  @ApiOperation({ summary: 'List remittances (835 transaction sets), filtered, sorted, cursor-paginated' })
  @ApiOkResponse({ type: RemittancePageDto })
  list(@Query() query: ListRemittancesQueryDto): Promise<RemittancePageDto> {
    return this.service.list(query);
  }

  // Declared before :id so that "unmatched" is not taken for an id.
  @Get('unmatched')
  @Audited('remittance.list')
  @ApiOperation({ summary: 'List claim payments no claim was matched to, newest first, cursor-paginated' })
  @ApiOkResponse({ type: UnmatchedClaimPaymentPageDto })
  listUnmatched(@Query() query: ListUnmatchedQueryDto): Promise<UnmatchedClaimPaymentPageDto> {
    return this.service.listUnmatched(query);
  }

  @Get(':id')
  @Audited('remittance.view', { targetType: 'remittance', idParam: 'id' })
  @ApiOperation({ summary: 'A remittance with its claim payments (services, adjustments, remarks) and PLB' })
  @ApiOkResponse({ type: RemittanceDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<RemittanceDetailDto> {
    return this.service.get(id);
  }
}
