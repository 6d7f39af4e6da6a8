import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator.js';
import { Roles } from '../auth/access.decorators.js';
import type { Page } from '../common/pagination.js';
import { UuidParams } from '../findings/dto/finding-id.params.js';
import { type DigestView, DigestService } from './digest.service.js';
import { DIGEST_PAGE, DigestsQueryDto } from './dto/digests-query.dto.js';

/**
 * The digest's own policy: styles in its one <style> element, nothing else (no script, no image, no
 * request, no form, no framing), whatever the app's CSP allows its pages.
 */
export const DIGEST_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The daily and weekly digests written by the scheduled jobs, for billing and finance. */
@ApiTags('digests')
@Controller('api/v1/digests')
@Roles('billing', 'finance')
export class DigestsController {
  constructor(private readonly digests: DigestService) {}

  @Get()
  @ApiOperation({ summary: 'Digests, newest first, with their headline figures' })
  @ApiOkResponse({
    description:
      '{items:[{id, kind, periodFrom, periodTo, createdAt, runId, summary, htmlUrl, csvUrl}], nextCursor}',
  })
  @ApiBadRequestResponse({ description: 'The limit or cursor is not valid (named).' })
  list(@Query() q: DigestsQueryDto): Promise<Page<DigestView>> {
    return this.digests.list(q.kind, q.limit ?? DIGEST_PAGE.default, q.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One digest: its period and headline figures' })
  @ApiNotFoundResponse({ description: 'No such digest.' })
  get(@Param() p: UuidParams): Promise<DigestView> {
    return this.digests.get(p.id);
  }

  @Get(':id/html')
  @Audited('report.export', { targetType: 'digest', idParam: 'id' })
  @ApiOperation({ summary: 'The digest as a self-contained HTML document' })
  @ApiProduces('text/html')
  @ApiNotFoundResponse({ description: 'No such digest, or its file was removed (retention).' })
  async html(@Param() p: UuidParams, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const file = await this.digests.file(p.id, 'html');
    res.setHeader('Content-Security-Policy', DIGEST_HTML_CSP);
    return new StreamableFile(file.content, {
      type: 'text/html; charset=utf-8',
      disposition: `inline; filename="${file.name}"`,
      length: file.content.length,
    });
  }

  @Get(':id/csv')
  @Audited('report.export', { targetType: 'digest', idParam: 'id' })
  @ApiOperation({ summary: 'The digest as CSV (one section-tagged row format)' })
  @ApiProduces('text/csv')
  @ApiNotFoundResponse({ description: 'No such digest, or its file was removed (retention).' })
  async csv(@Param() p: UuidParams): Promise<StreamableFile> {
    const file = await this.digests.file(p.id, 'csv');
    return new StreamableFile(file.content, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${file.name}"`,
      length: file.content.length,
    });
  }
}
