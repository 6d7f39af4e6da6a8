import { HttpExceptionFilter, isDatabaseUnavailableError } from './http-exception.filter.js';

/** A pg-like error: a plain object with a code (another realm's Error would not pass instanceof). */
const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailableError', () => {
  it.each([
    ['ECONNREFUSED'],
    ['ECONNRESET'],
    ['ETIMEDOUT'],
    ['EPIPE'],
    ['57P01'],
    ['57P02'],
    ['57P03'],
    ['08000'],
    ['08003'],
    ['08006'],
  ])('counts %s as the database being unavailable', (code) => {
    expect(isDatabaseUnavailableError(pgError(code))).toBe(true);
    // TypeORM's QueryFailedError keeps the driver's error.
    expect(isDatabaseUnavailableError({ message: 'query failed', driverError: { code } })).toBe(true);
  });

  it('recognises the pg messages without a code, and an AggregateError of refusals', () => {
    expect(isDatabaseUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailableError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailableError(new Error('database "x" is not currently accepting connections'))).toBe(
      true,
    );
    expect(isDatabaseUnavailableError(new AggregateError([pgError('ECONNREFUSED')], ''))).toBe(true);
  });

  it('leaves query errors, constraint violations and non-errors alone (they stay 500 or their own status)', () => {
    expect(isDatabaseUnavailableError(pgError('23505', 'duplicate key value'))).toBe(false);
    expect(isDatabaseUnavailableError(pgError('42P01', 'relation "x" does not exist'))).toBe(false);
    expect(isDatabaseUnavailableError(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailableError(null)).toBe(false);
    expect(isDatabaseUnavailableError('ECONNREFUSED')).toBe(false);
  });

  it('answers 503 with Retry-After and a plain message, no stack and no SQL', () => {
    const headers: Record<string, string> = {};
    let status = 0;
    let sent = '';
    const res = {
      headersSent: false,
      removeHeader: () => undefined,
      setHeader: (k: string, v: string) => (headers[k] = v),
      status(s: number) {
        status = s;
        return this;
      },
      type() {
        return this;
      },
      send(b: string) {
        sent = b;
        return this;
      },
    };
    const req = { accepts: () => 'application/json' };
    const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) };
    const err = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
      query: 'SELECT * FROM claims',
    });
    new HttpExceptionFilter().catch(err, host as never);
    expect(status).toBe(503);
    expect(headers['Retry-After']).toMatch(/^\d+$/);
    const body = JSON.parse(sent) as Record<string, unknown>;
    expect(body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'the database is unavailable; try again shortly',
    });
    expect(sent).not.toMatch(/SELECT|administrator|at .*:\d+/);
  });
});
