import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import { CsvExportInterceptor } from '../common/csv-export.interceptor.js';
import { Audited } from './audited.decorator.js';
import { AuditQueryDto, AUDIT_PAGE } from './dto/audit-query.dto.js';
import { type AuditPage, AuditService } from './audit.service.js';

/** The audit log, for administrators: who looked at, changed or exported what, and from where. */
@ApiTags('audit')
@Controller('api/v1/audit')
@UseInterceptors(CsvExportInterceptor)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles()
  @Audited('audit.view', { exportAction: 'audit.export' })
  @ApiOperation({
    summary:
      'Audit events, newest first (admin): filter by day, actor, action, target; format=csv exports. Reading the log is itself audited.',
  })
  @ApiOkResponse({ description: '{items, nextCursor}' })
  @ApiBadRequestResponse({ description: 'A filter, limit or cursor is not valid (named).' })
  list(@Query() q: AuditQueryDto): Promise<AuditPage> {
    return this.audit.list({
      from: q.from,
      to: q.to,
      actorName: q.actor,
      actions: q.action,
      targetType: q.targetType,
      targetId: q.targetId,
      limit: q.limit ?? (q.format === 'csv' ? AUDIT_PAGE.csvMax : AUDIT_PAGE.default),
      cursor: q.cursor,
      detailAsText: q.format === 'csv',
    });
  }
}
