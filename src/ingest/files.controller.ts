import {
  BadRequestException,
  Controller,
  Get,
  InternalServerErrorException,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiInternalServerErrorResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { NotFoundError } from '../common/domain-errors.js';
import { FileIdParams } from './dto/file-id.params.js';
import { ListFilesQuery } from './dto/list-files.query.js';
import { IngestResultDto, ReceivedFileDetailDto, ReceivedFilePageDto } from './dto/received-file.dto.js';
import type { IngestResult, ReceivedFileDetail, ReceivedFilePage } from './ingest-result.js';
import { IngestService } from './ingest.service.js';
import { Roles } from '../auth/access.decorators.js';
import { Audited } from '../audit/audited.decorator.js';

/** What multer's disk storage hands over for the `file` field. */
interface UploadedDiskFile {
  path: string;
  originalname: string;
}

/** Received X12 files: upload (streamed to disk, then ingested), list, detail with issues. */
@ApiTags('files')
@Controller('api/v1/files')
@Roles('billing')
export class FilesController {
  constructor(private readonly ingest: IngestService) {}

  @Post()
  @Audited('file.upload', { targetType: 'file' })
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Upload an X12 837 or 835 file',
    description:
      'Multipart field `file`, streamed to disk (limit UPLOAD_LIMIT_MB, default 512 MB). The kind is sniffed ' +
      'from the content. The same bytes again answer 200 with the earlier record and `duplicate: true`.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: IngestResultDto, description: 'Ingested (status processed, issues counted).' })
  @ApiOkResponse({
    type: IngestResultDto,
    description: 'The same bytes were received before: nothing written.',
  })
  @ApiBadRequestResponse({ description: 'No file, or a file that is not X12 (positioned issues listed).' })
  @ApiPayloadTooLargeResponse({ description: 'Larger than UPLOAD_LIMIT_MB.' })
  @ApiInternalServerErrorResponse({
    description: 'Storage failed: the file is recorded as failed, nothing kept.',
  })
  async upload(
    @UploadedFile() file: UploadedDiskFile | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IngestResult> {
    if (!file) throw new BadRequestException("a multipart/form-data field named 'file' is required");
    const result = await this.ingest.ingestUpload(file.path, file.originalname);
    if (result.file.status === 'failed') {
      throw new InternalServerErrorException(
        `file ${result.file.id} could not be stored and is recorded as failed; nothing from it was kept`,
      );
    }
    res.status(result.duplicate ? 200 : 201);
    return result;
  }

  @Get()
  @ApiOperation({ summary: 'Received files, newest first (cursor pagination)' })
  @ApiOkResponse({ type: ReceivedFilePageDto })
  @ApiBadRequestResponse({ description: 'Bad limit or cursor.' })
  list(@Query() query: ListFilesQuery): Promise<ReceivedFilePage> {
    return this.ingest.listFiles(query.limit, query.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A received file: status, counts and issues with positions' })
  @ApiOkResponse({ type: ReceivedFileDetailDto })
  @ApiBadRequestResponse({ description: 'The id is not a UUID.' })
  @ApiNotFoundResponse({ description: 'No such file.' })
  async get(@Param() params: FileIdParams): Promise<ReceivedFileDetail> {
    const file = await this.ingest.getFile(params.id);
    if (!file) throw new NotFoundError('file', params.id);
    return file;
  }
}
