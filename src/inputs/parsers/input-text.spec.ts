import { parseJsonText } from './input-text.js';

describe('parseJsonText', () => {
  it('refuses an object naming a key twice, with the line of the second', () => {
    const r = parseJsonText('[\n{"a": 1,\n "a": 2}\n]', 'f.json');
    expect(r).toEqual({
      ok: false,
      issue: expect.objectContaining({ code: 'INPUT_DUPLICATE_JSON_KEY', line: 3 }),
    });
    if (!r.ok) expect(r.issue.message).toMatch(/duplicate key "a"/);
  });

  it('compares keys after unescaping, and at any depth', () => {
    expect(parseJsonText('{"x":{"a\\u0062":1,"ab":2}}', 'f.json').ok).toBe(false);
    const deep = '{"a":'.repeat(10_000) + '{"k":1,"k":2}' + '}'.repeat(10_000);
    expect(parseJsonText(deep, 'f.json').ok).toBe(false);
  });

  it('accepts the same key in sibling objects, keys that only look alike, and strings holding quotes and commas', () => {
    for (const text of [
      '[{"a":1},{"a":2}]',
      '{"a":{"a":{"a":1}}}',
      '{"a":"x\\",\\"a\\":1","b":[{"a":1},{"a":[1,{"a":2}]}]}',
      '{"a":1,"A":2," a":3}',
    ]) {
      expect(parseJsonText(text, 'f.json')).toEqual({ ok: true, value: JSON.parse(text) });
    }
  });
});
