import { IdGenerator } from './id-generator.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('IdGenerator', () => {
  it('makes distinct UUIDv7s that sort in the order they were made', () => {
    const sut = new IdGenerator();
    const ids = Array.from({ length: 20_000 }, () => sut.next());
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('carries the current time in the first 48 bits', () => {
    const before = Date.now();
    const id = new IdGenerator().next();
    const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 1);
  });
});
