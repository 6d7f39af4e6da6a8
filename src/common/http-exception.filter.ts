import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  PayloadTooLargeException,
} from '@nestjs/common';
import type { Response } from 'express';
import { ConflictError, InvalidInputError, NotFoundError, PayloadTooLargeError } from './domain-errors.js';

/** `NOT_FOUND` → `Not Found`. */
function reasonPhrase(status: number): string {
  const name = HttpStatus[status];
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

/** The error body every route answers with. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** Every problem found, when there were several (validation). */
  problems?: string[];
  /** Positioned X12 or input issues, when the problem is in a file. */
  issues?: unknown[];
}

/**
 * Maps domain errors and Nest's HTTP exceptions to JSON answers (400/404/409/413). Anything else is a
 * 500 with a generic message: no stack traces or SQL leave the server; the details go to the log.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    res.status(body.statusCode).json(body);
  }

  private toBody(e: unknown): ErrorBody {
    if (e instanceof InvalidInputError) {
      return {
        statusCode: 400,
        error: 'Bad Request',
        message: e.message,
        problems: e.problems,
        issues: e.issues,
      };
    }
    if (e instanceof NotFoundError) return { statusCode: 404, error: 'Not Found', message: e.message };
    if (e instanceof ConflictError) return { statusCode: 409, error: 'Conflict', message: e.message };
    if (e instanceof PayloadTooLargeError || e instanceof PayloadTooLargeException) {
      return { statusCode: 413, error: 'Payload Too Large', message: (e as Error).message };
    }
    if (e instanceof BadRequestException) {
      const r = e.getResponse() as { message?: string | string[] };
      const problems = Array.isArray(r.message) ? r.message : [r.message ?? e.message];
      return { statusCode: 400, error: 'Bad Request', message: problems.join('; '), problems };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const r = e.getResponse();
      const message = typeof r === 'string' ? r : ((r as { message?: string }).message ?? e.message);
      return { statusCode: status, error: reasonPhrase(status), message: String(message) };
    }
    this.logger.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return { statusCode: 500, error: 'Internal Server Error', message: 'internal error; see the server log' };
  }
}
