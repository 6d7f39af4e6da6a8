import {
  BadRequestException,
  Controller,
  Get,
  Param,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { CsvExportInterceptor } from '../common/csv-export.interceptor.js';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { InputKindParams } from './dto/input-kind.params.js';
import { ListImportsQuery, ListProblemsQuery } from './dto/list-imports.query.js';
import type { ImportResult } from './import-result.js';
import type { InputImportEntity } from './input-import.entity.js';
import { InputsService } from './inputs.service.js';
import type { PatientProblemEntity } from './patient-problem.entity.js';
import { PatientLinksRepository } from './patient-links.repository.js';
import { Roles } from '../auth/access.decorators.js';
import { Audited } from '../audit/audited.decorator.js';

interface UploadedDiskFile {
  path: string;
  originalname: string;
}

/** Authorizations, documentation, eligibility, contracts, FHIR bundles and X12 271/278 in. */
@ApiTags('inputs')
@Controller('api/v1/inputs')
@Roles('billing', 'coding')
@UseInterceptors(CsvExportInterceptor)
export class InputsController {
  constructor(
    private readonly inputs: InputsService,
    private readonly links: PatientLinksRepository,
  ) {}

  @Post(':kind')
  @Audited('input.import', { targetType: 'input' })
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary:
      'Import a file of authorizations, documentation, eligibility, contracts, a FHIR bundle or an X12 271/278',
    description:
      'Multipart field `file`: CSV (header row) or a JSON array for the four tabular kinds (docs/inputs.md), a FHIR R4 ' +
      'Bundle for fhir, an X12 271/278 response for x12. Any error rejects the whole file (400, every issue with ' +
      'its line, column or JSON path) and nothing is written. Records whose key is already stored are updated. ' +
      'Claims are matched to patients again afterwards.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({
    description: 'Imported: counts of inserted and updated records, warnings, linking summary.',
  })
  @ApiBadRequestResponse({
    description: 'Unknown kind, no file, or a file with errors (issues listed; nothing written).',
  })
  @ApiPayloadTooLargeResponse({ description: 'Larger than UPLOAD_LIMIT_MB.' })
  upload(
    @Param() params: InputKindParams,
    @UploadedFile() file: UploadedDiskFile | undefined,
  ): Promise<ImportResult> {
    if (!file) throw new BadRequestException("a multipart/form-data field named 'file' is required");
    return this.inputs.importUpload(params.kind, file.path, file.originalname);
  }

  @Get('imports')
  @ApiOperation({ summary: 'Accepted imports, newest first' })
  @ApiOkResponse({ description: 'Import log rows.' })
  imports(@Query() query: ListImportsQuery): Promise<InputImportEntity[]> {
    return this.inputs.listImports(query.limit);
  }

  @Get('patient-problems')
  @Audited('patient.list')
  @Roles('billing')
  @ApiOperation({
    summary: 'Identity problems found by patient matching (duplicate records, mismatches, missing patients)',
  })
  @ApiOkResponse({ description: 'Problems, oldest first.' })
  problems(@Query() query: ListProblemsQuery): Promise<PatientProblemEntity[]> {
    return this.links.listProblems(query.kind, query.limit);
  }
}
