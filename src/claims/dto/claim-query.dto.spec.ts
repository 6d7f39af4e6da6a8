import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { encodeCursor, parseSort } from '../../common/pagination.js';
import { CLAIM_SORT_FIELDS, ClaimDetailQueryDto, ListClaimsQueryDto } from './claim-query.dto.js';

// The same options as configureApp, so these are the answers clients get.
const pipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidNonWhitelisted: true,
  stopAtFirstError: false,
});
const ID = '019a1b2c-3d4e-7f00-8a00-0123456789ab';

async function problems(query: Record<string, unknown>, metatype: new () => object = ListClaimsQueryDto) {
  try {
    await pipe.transform(query, { type: 'query', metatype });
  } catch (e) {
    if (e instanceof BadRequestException) return (e.getResponse() as { message: string[] }).message;
    throw e;
  }
  return [];
}

async function parsed(query: Record<string, unknown>): Promise<ListClaimsQueryDto> {
  return (await pipe.transform(query, { type: 'query', metatype: ListClaimsQueryDto })) as ListClaimsQueryDto;
}

describe('ListClaimsQueryDto', () => {
  it('fills the defaults', async () => {
    const q = await parsed({});
    expect(q).toBeInstanceOf(ListClaimsQueryDto);
    expect(q).toMatchObject({ sort: '-receivedAt', limit: 50 });
  });

  it('converts query-string text to the types the service uses', async () => {
    const q = await parsed({
      payerId: 'P1',
      status: ['paid', 'denied,voided'],
      serviceDateFrom: '2024-02-29',
      serviceDateTo: '2024-02-29',
      billingNpi: '1234567890',
      renderingNpi: '0987654321',
      patient: "O'BRIEN",
      hasFindings: 'false',
      sort: 'patientLastName',
      limit: '500',
    });
    expect(q).toMatchObject({
      status: ['paid', 'denied', 'voided'],
      hasFindings: false,
      limit: 500,
      sort: 'patientLastName',
    });
  });

  it('lists every problem at once, each once', async () => {
    const all = await problems({
      payerId: '',
      status: 'paid,bogus',
      serviceDateFrom: '2026-02-30',
      serviceDateTo: '26-01-01',
      billingNpi: '123',
      renderingNpi: '12345678901',
      patient: '',
      hasFindings: 'yes',
      sort: 'id',
      limit: '0',
      cursor: 'not a cursor',
      color: 'red',
    });
    expect(all).toEqual([
      'property color should not exist',
      'payerId should not be empty',
      expect.stringMatching(/^each value in status must be one of the following values: submitted, paid/),
      'serviceDateFrom must be a real date written YYYY-MM-DD',
      'serviceDateTo must be a real date written YYYY-MM-DD',
      'billingNpi must be 10 digits',
      'renderingNpi must be 10 digits',
      'patient should not be empty',
      'hasFindings must be a boolean value',
      expect.stringMatching(/^sort must be one of the following values: receivedAt, -receivedAt/),
      'limit must be a whole number from 1 to 500',
      'cursor is not valid; use the nextCursor of a previous page',
    ]);
  });

  it.each([
    [{ limit: '501' }, 'limit must be a whole number from 1 to 500'],
    [{ limit: 'ten' }, 'limit must be a whole number from 1 to 500'],
    [{ limit: '2.5' }, 'limit must be a whole number from 1 to 500'],
    [{ limit: ['5', '6'] }, 'limit must be a whole number from 1 to 500'],
    [
      { serviceDateFrom: '2026-02-01', serviceDateTo: '2026-01-31' },
      'serviceDateTo must not be before serviceDateFrom',
    ],
    [{ serviceDateFrom: '2025-02-29' }, 'serviceDateFrom must be a real date written YYYY-MM-DD'],
    [{ serviceDateFrom: '2026-01-01T00:00:00Z' }, 'serviceDateFrom must be a real date written YYYY-MM-DD'],
    [{ billingNpi: '12345abcde' }, 'billingNpi must be 10 digits'],
    [{ billingNpi: ['1234567890', '1234567890'] }, 'billingNpi must be 10 digits'],
    [{ payerId: ['P1', 'P2'] }, 'payerId must be given once, as text'],
    [{ patient: 'x'.repeat(81) }, 'patient must be at most 80 characters'],
    [{ cursor: 'abc' }, expect.stringMatching(/^cursor is not valid/)],
  ])('refuses %j', async (query, problem) => {
    expect(await problems(query)).toEqual([problem]);
  });

  it('accepts a cursor issued for the same sort, and refuses it under another', async () => {
    const cursor = encodeCursor(parseSort('totalCharge', CLAIM_SORT_FIELDS), { value: 100, id: ID });
    expect(await problems({ sort: 'totalCharge', cursor })).toEqual([]);
    expect(await problems({ sort: '-totalCharge', cursor })).toEqual([
      expect.stringMatching(/^cursor is not valid \(issued for another sort\)/),
    ]);
    // the default sort is -receivedAt
    expect(await problems({ cursor })).toEqual([expect.stringMatching(/^cursor is not valid/)]);
  });

  it('reports a bad sort once, not again on the cursor', async () => {
    const cursor = encodeCursor(parseSort('totalCharge', CLAIM_SORT_FIELDS), { value: 100, id: ID });
    expect(await problems({ sort: 'nope', cursor })).toEqual([expect.stringMatching(/^sort must be one of/)]);
  });

  it('accepts the query with no filters, and SQL metacharacters as plain values', async () => {
    expect(await problems({})).toEqual([]);
    expect(await problems({ patient: "' OR 1=1 --", payerId: "'; DROP TABLE claim; --" })).toEqual([]);
  });
});

describe('ClaimDetailQueryDto', () => {
  it('accepts include=detail and nothing else', async () => {
    expect(await problems({ include: 'detail' }, ClaimDetailQueryDto)).toEqual([]);
    expect(await problems({}, ClaimDetailQueryDto)).toEqual([]);
    expect(await problems({ include: 'lines', x: '1' }, ClaimDetailQueryDto)).toEqual([
      'property x should not exist',
      'include must be one of the following values: detail',
    ]);
  });
});
