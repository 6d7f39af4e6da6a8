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
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  SignInRequiredError,
} from './domain-errors.js';

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
  /** On a 500: the id the server log records the error under (also in the X-Request-Id header). */
  requestId?: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/**
 * The error page a browser gets: the status, a short message and the request id, nothing else (no
 * stack, no SQL, no problem list). No inline script or style (the CSP forbids them).
 */
export function errorPageHtml(body: ErrorBody, requestId: string): string {
  const title = `${body.statusCode} ${body.error}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · claimguard</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body data-page="error">
<header class="top"><a class="brand" href="/">claimguard</a></header>
<main id="app"><section class="error-page">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(body.message)}</p>
<p class="request-id">Request id: <code>${escapeHtml(requestId)}</code></p>
<p><a href="/">Back to claimguard</a></p>
</section></main>
</body>
</html>
`;
}

/** Where the sign-in page may send the user back to: a local path only (never `//host` or a URL). */
export function signInLocation(next: string): string {
  const local = next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
  return local === '/' || local.startsWith('/sign-in')
    ? '/sign-in'
    : `/sign-in?next=${encodeURIComponent(local)}`;
}

/**
 * Maps domain errors and Nest's HTTP exceptions to JSON answers (400/404/409/413). Anything else is a
 * 500 with a generic message: no stack traces or SQL leave the server; the details go to the log
 * under a request id the answer carries. A browser (a request that prefers text/html) gets the same
 * as a small HTML page; a page asked for without a session (SignInRequiredError) is redirected to
 * the sign-in page.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    if (res.headersSent) {
      // Part of the answer is out already (a stream failed): all that is left is to end it.
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
      res.end();
      return;
    }
    if (exception instanceof SignInRequiredError) {
      res.redirect(302, signInLocation(exception.next));
      return;
    }
    const requestId = randomUUID();
    const body = this.toBody(exception, requestId);
    // An answer prepared before the failure (a CSV download's type and file name) is not this one.
    res.removeHeader('Content-Disposition');
    res.setHeader('X-Request-Id', requestId);
    if (body.statusCode >= 500) body.requestId = requestId;
    if (body.statusCode === 503) res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    if (req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.status(body.statusCode).type('text/html; charset=utf-8').send(errorPageHtml(body, requestId));
      return;
    }
    res.status(body.statusCode).type('application/json; charset=utf-8').send(JSON.stringify(body));
  }

  private toBody(e: unknown, requestId: string): ErrorBody {
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
    if (isNoSpaceError(e)) {
      // The disk filled up (an upload being written to UPLOAD_DIR): the server's problem, said plainly.
      this.logger.error(`request ${requestId}: ${e.message}`);
      return {
        statusCode: 507,
        error: 'Insufficient Storage',
        message:
          'the server has no disk space left; nothing from this request was stored, send it again later',
      };
    }
    if (isDatabaseUnavailableError(e)) {
      // PostgreSQL restarting or unreachable: a temporary state the pool recovers from by itself.
      this.logger.warn(`request ${requestId}: database unavailable (${connectionErrorCode(e)})`);
      return {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'the database is unavailable; try again shortly',
      };
    }
    this.logger.error(`request ${requestId}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return { statusCode: 500, error: 'Internal Server Error', message: 'internal error; see the server log' };
  }
}

/** A write that found the disk (ENOSPC) or the quota (EDQUOT) full. */
function isNoSpaceError(e: unknown): e is NodeJS.ErrnoException {
  // Not `instanceof Error`: an errno error may come from another realm (node core under a test runner).
  const code = typeof e === 'object' && e !== null ? (e as NodeJS.ErrnoException).code : undefined;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** Seconds a client is told to wait (Retry-After) when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Node socket errors and PostgreSQL SQLSTATEs that mean the connection, not the query, failed. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01', // admin_shutdown (server stopping, or pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up or shutting down)
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08006', // connection_failure
]);
const CONNECTION_ERROR_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not currently accepting connections|not queryable/i;

/** The code of a connection error (on a TypeORM QueryFailedError, its driver error's). */
function connectionErrorCode(e: unknown): string {
  const o = e as { code?: unknown; driverError?: { code?: unknown } };
  return String(o.code ?? o.driverError?.code ?? 'no code');
}

/**
 * A failure to reach the database (refused, reset, terminated, starting up). Checks `code` and
 * `message`, not `instanceof`: the errors may come from another realm (node core under jest).
 */
export function isDatabaseUnavailableError(e: unknown, depth = 0): boolean {
  if (typeof e !== 'object' || e === null || depth > 3) return false;
  const o = e as { code?: unknown; message?: unknown; driverError?: unknown; errors?: unknown };
  if (typeof o.code === 'string' && CONNECTION_ERROR_CODES.has(o.code)) return true;
  if (typeof o.message === 'string' && CONNECTION_ERROR_MESSAGES.test(o.message)) return true;
  if (o.driverError && isDatabaseUnavailableError(o.driverError, depth + 1)) return true;
  // Node's AggregateError when every address of the host refused (IPv4 and IPv6).
  return Array.isArray(o.errors) && o.errors.some((x) => isDatabaseUnavailableError(x, depth + 1));
}
