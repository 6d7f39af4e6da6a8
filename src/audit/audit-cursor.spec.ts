import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor.js';

describe('audit cursor', () => {
  it('round-trips a position', () => {
    const p = { at: '2026-03-01T10:11:12.345Z', id: 42 };
    expect(decodeAuditCursor(encodeAuditCursor(p))).toEqual(p);
  });

  it('refuses anything it did not write', () => {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
    for (const text of [
      '',
      'not a cursor!',
      enc({ at: '2026-03-01T10:11:12Z', id: 1 }),
      enc(['2026-03-01', 1]),
      enc(['2026-03-01T10:11:12Z', '1']),
      enc(['2026-03-01T10:11:12Z', 0]),
      enc(['2026-03-01T10:11:12Z', 1.5]),
      enc(['2026-03-01T10:11:12Z', 1, 2]),
      `${encodeAuditCursor({ at: '2026-03-01T10:11:12Z', id: 1 })}x`,
    ]) {
      expect({ text, decoded: decodeAuditCursor(text) }).toEqual({ text, decoded: null });
    }
  });
});
