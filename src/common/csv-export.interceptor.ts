import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { reportCsv } from './report-csv.js';

export const ANSWER_FORMATS = ['json', 'csv'] as const;

/** The `format` query parameter of every list and report that can be exported. */
export class CsvFormatQuery {
  @ApiPropertyOptional({ enum: ANSWER_FORMATS, description: 'csv: the rows as a CSV download.' })
  @IsOptional()
  @IsIn(ANSWER_FORMATS)
  format?: (typeof ANSWER_FORMATS)[number];
}

/**
 * `?format=csv` on a list or report: the answer's rows (`items`, `rows`, …) as a CSV download, money in
 * dollars, cells neutralised against formula injection (src/common/report-csv.ts). Validation of the
 * parameter is the route's DTO's (CsvFormatQuery); this only converts the answer.
 */
@Injectable()
export class CsvExportInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    if (req.query['format'] !== 'csv') return next.handle();
    const res = http.getResponse<Response>();
    const groupBy = typeof req.query['groupBy'] === 'string' ? `-by-${req.query['groupBy']}` : '';
    const name =
      `${req.path.replace(/^\/api\/v1\//, '')}${groupBy}`
        .replace(/[^a-z0-9]+/gi, '-')
        .replace(/^-|-$/g, '') || 'export';
    return next.handle().pipe(
      map((body: unknown) => {
        res.type('text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="claimguard-${name}.csv"`);
        return reportCsv(body);
      }),
    );
  }
}
