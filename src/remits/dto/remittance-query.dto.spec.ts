import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { encodeCursor, parseSort } from '../../common/pagination.js';
import {
  ListRemittancesQueryDto,
  ListUnmatchedQueryDto,
  REMITTANCE_SORT_FIELDS,
  UNMATCHED_SORT,
  UNMATCHED_SORT_FIELDS,
} from './remittance-query.dto.js';

// The same options as configureApp, so these are the answers clients get.
const pipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidNonWhitelisted: true,
  stopAtFirstError: false,
});
const ID = '019a1b2c-3d4e-7f00-8a00-0123456789ab';

async function problems(query: Record<string, unknown>, metatype: new () => object) {
  try {
    await pipe.transform(query, { type: 'query', metatype });
  } catch (e) {
    if (e instanceof BadRequestException) return (e.getResponse() as { message: string[] }).message;
    throw e;
  }
  return [];
}

describe('ListRemittancesQueryDto', () => {
  it('fills the defaults and accepts good values', async () => {
    const q = await pipe.transform(
      {
        payerId: 'P1',
        paymentDateFrom: '2026-01-01',
        paymentDateTo: '2026-01-31',
        traceNumber: 'T1',
        limit: '5',
      },
      { type: 'query', metatype: ListRemittancesQueryDto },
    );
    expect(q).toMatchObject({ sort: '-receivedAt', limit: 5, traceNumber: 'T1' });
  });

  it('lists every problem at once', async () => {
    expect(
      await problems(
        {
          payerId: '',
          paymentDateFrom: '2026-13-01',
          paymentDateTo: 'yesterday',
          traceNumber: 'x'.repeat(51),
          sort: 'totalCharge',
          limit: '-1',
          page: '2',
        },
        ListRemittancesQueryDto,
      ),
    ).toEqual([
      'property page should not exist',
      'payerId should not be empty',
      'paymentDateFrom must be a real date written YYYY-MM-DD',
      'paymentDateTo must be a real date written YYYY-MM-DD',
      'traceNumber must be at most 50 characters',
      'sort must be one of the following values: receivedAt, -receivedAt, paymentDate, -paymentDate',
      'limit must be a whole number from 1 to 500',
    ]);
  });

  it('refuses a range that ends before it starts', async () => {
    expect(
      await problems({ paymentDateFrom: '2026-02-01', paymentDateTo: '2026-01-01' }, ListRemittancesQueryDto),
    ).toEqual(['paymentDateTo must not be before paymentDateFrom']);
  });

  it('checks the cursor against the sort', async () => {
    const cursor = encodeCursor(parseSort('paymentDate', REMITTANCE_SORT_FIELDS), { value: null, id: ID });
    expect(await problems({ sort: 'paymentDate', cursor }, ListRemittancesQueryDto)).toEqual([]);
    expect(await problems({ cursor }, ListRemittancesQueryDto)).toEqual([
      expect.stringMatching(/^cursor is not valid/),
    ]);
  });
});

describe('ListUnmatchedQueryDto', () => {
  it('accepts its own cursors and refuses others', async () => {
    const own = encodeCursor(parseSort(UNMATCHED_SORT, UNMATCHED_SORT_FIELDS), { value: ID, id: ID });
    const other = encodeCursor(parseSort('paymentDate', REMITTANCE_SORT_FIELDS), { value: null, id: ID });
    expect(await problems({ cursor: own, limit: '10' }, ListUnmatchedQueryDto)).toEqual([]);
    expect(await problems({ cursor: other, limit: '0', payerId: 'P1' }, ListUnmatchedQueryDto)).toEqual([
      'property payerId should not exist',
      'limit must be a whole number from 1 to 500',
      expect.stringMatching(/^cursor is not valid/),
    ]);
  });
});
