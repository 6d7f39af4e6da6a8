import { InvalidInputError } from './domain-errors.js';
import {
  cursorProblem,
  decodeCursor,
  encodeCursor,
  parseSort,
  type SortFields,
  sortValues,
  toPage,
} from './pagination.js';

const FIELDS = {
  receivedAt: { kind: 'timestamp', nullable: false },
  serviceDateFrom: { kind: 'date', nullable: true },
  totalCharge: { kind: 'integer', nullable: false },
  patientLastName: { kind: 'text', nullable: false },
} as const satisfies SortFields<string>;

const ID = '019a1b2c-3d4e-7f00-8a00-0123456789ab';

describe('sortValues', () => {
  it('lists each field ascending and descending', () => {
    expect(sortValues({ a: { kind: 'text', nullable: false }, b: { kind: 'date', nullable: true } })).toEqual(
      ['a', '-a', 'b', '-b'],
    );
  });
});

describe('parseSort', () => {
  it('reads a field as ascending and a -field as descending', () => {
    expect(parseSort('totalCharge', FIELDS)).toEqual({
      key: 'totalCharge',
      direction: 'asc',
      text: 'totalCharge',
    });
    expect(parseSort('-receivedAt', FIELDS)).toEqual({
      key: 'receivedAt',
      direction: 'desc',
      text: '-receivedAt',
    });
  });

  it.each([
    '',
    '-',
    '--receivedAt',
    'receivedat',
    '+receivedAt',
    'id',
    'toString',
    '__proto__',
    'receivedAt ',
  ])('refuses %j, naming the accepted values', (text) => {
    expect(() => parseSort(text, FIELDS)).toThrow(InvalidInputError);
    expect(() => parseSort(text, FIELDS)).toThrow(
      /sort must be one of receivedAt, -receivedAt, serviceDateFrom/,
    );
  });
});

describe('cursor codec', () => {
  const byCharge = parseSort('-totalCharge', FIELDS);
  const byDate = parseSort('serviceDateFrom', FIELDS);
  const byName = parseSort('patientLastName', FIELDS);
  const byReceived = parseSort('-receivedAt', FIELDS);

  it.each([
    [byCharge, { value: 15000, id: ID }],
    [byCharge, { value: 0, id: ID }],
    [byDate, { value: '2026-01-05', id: ID }],
    [byDate, { value: null, id: ID }],
    [byName, { value: 'O\'BRIEN, "Jr" é', id: ID }],
    [byName, { value: '', id: ID }],
    [byReceived, { value: '2026-02-01T10:00:00.000Z', id: ID }],
  ])('round-trips %j %j as an opaque base64url token', (sort, cursor) => {
    const token = encodeCursor(sort, cursor);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(token, sort, FIELDS)).toEqual(cursor);
    expect(cursorProblem(token, sort, FIELDS)).toBeNull();
  });

  const raw = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['padding', `${encodeCursor(byCharge, { value: 1, id: ID })}=`],
    ['too long', 'A'.repeat(600)],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['an object', raw({ s: '-totalCharge', v: 1, id: ID })],
    ['two elements', raw(['-totalCharge', 1])],
    ['another sort', raw(['totalCharge', 1, ID])],
    ['another field', raw(['-receivedAt', 1, ID])],
    ['a string for an integer', raw(['-totalCharge', '1', ID])],
    ['a fraction for an integer', raw(['-totalCharge', 1.5, ID])],
    ['null for a field that is never null', raw(['-totalCharge', null, ID])],
    ['an id that is no UUID', raw(['-totalCharge', 1, "1' OR '1'='1"])],
    ['a number id', raw(['-totalCharge', 1, 7])],
  ])('refuses a cursor that is %s', (_why, token) => {
    expect(() => decodeCursor(token, byCharge, FIELDS)).toThrow(InvalidInputError);
    expect(cursorProblem(token, byCharge, FIELDS)).toMatch(/^cursor is not valid/);
  });

  it('refuses a token whose last character was edited into an alias of the same bytes', () => {
    const token = encodeCursor(byCharge, { value: 1, id: ID });
    // base64url's last character carries padding bits that Node ignores: flip them.
    const last = token.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const alias = [...alphabet].find(
      (ch) =>
        ch !== last &&
        Buffer.from(token.slice(0, -1) + ch, 'base64url').equals(Buffer.from(token, 'base64url')),
    );
    if (alias)
      expect(() => decodeCursor(token.slice(0, -1) + alias, byCharge, FIELDS)).toThrow(InvalidInputError);
  });

  it.each([
    [byDate, '2026-1-5'],
    [byReceived, '2026-02-01'],
    [byName, 'x'.repeat(201)],
  ])('refuses a value of the wrong shape for %j: %j', (sort, value) => {
    expect(() => decodeCursor(raw([sort.text, value, ID]), sort, FIELDS)).toThrow(InvalidInputError);
  });
});

describe('toPage', () => {
  const sort = parseSort('totalCharge', FIELDS);
  const rows = [1, 2, 3].map((n) => ({ id: `0000000${n}-0000-7000-8000-000000000000`, charge: n * 100 }));
  const position = (r: (typeof rows)[number]) => ({ value: r.charge, id: r.id });
  const present = (r: (typeof rows)[number]) => r.charge;

  it('drops the extra row and points the cursor after the last row shown', () => {
    const page = toPage(rows, 2, sort, position, present);
    expect(page.items).toEqual([100, 200]);
    expect(decodeCursor(page.nextCursor!, sort, FIELDS)).toEqual({ value: 200, id: rows[1]!.id });
  });

  it('answers no cursor when there is no extra row', () => {
    expect(toPage(rows, 3, sort, position, present)).toEqual({ items: [100, 200, 300], nextCursor: null });
    expect(toPage([], 3, sort, position, present)).toEqual({ items: [], nextCursor: null });
  });
});
