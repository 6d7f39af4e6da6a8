import type { FactValue } from './fact.js';
import { compileTemplate, formatDollars, formatFactValue, parseTemplate, templateFacts } from './template.js';

describe('message templates', () => {
  it('parses placeholders, with or without spaces', () => {
    expect(parseTemplate('A {{claim.x}} and {{ line.y }}.')).toEqual({
      texts: ['A ', ' and ', '.'],
      names: ['claim.x', 'line.y'],
    });
    expect(templateFacts('{{a}} {{b}} {{a}}')).toEqual(['a', 'b']);
    expect(parseTemplate('no placeholders')).toEqual({ texts: ['no placeholders'], names: [] });
  });

  it('formats values', () => {
    expect(formatFactValue('claim.codes', ['99213', '25'])).toBe('99213, 25');
    expect(formatFactValue('claim.codes', [])).toBe('(none)');
    expect(formatFactValue('claim.x', null)).toBe('(none)');
    expect(formatFactValue('claim.totalChargeCents', 123450)).toBe('1,234.50');
    expect(formatFactValue('claim.paidCents', [5, 1234567])).toBe('0.05, 12,345.67');
    expect(formatFactValue('claim.units', 1234)).toBe('1234');
    expect(formatFactValue('claim.flag', true)).toBe('yes');
    expect(formatFactValue('claim.flag', false)).toBe('no');
    expect(formatFactValue('claim.obj', { a: 1 })).toBe('{"a":1}');
  });

  it('formats cents as dollars', () => {
    expect(formatDollars(0)).toBe('0.00');
    expect(formatDollars(-100001)).toBe('-1,000.01');
    expect(formatDollars(100000000)).toBe('1,000,000.00');
  });

  it('compiles once, reading each placeholder through its reader', () => {
    const values: Record<string, FactValue> = { 'claim.payerId': '60054', 'claim.totalCents': 250000 };
    const asked: string[] = [];
    const render = compileTemplate<Record<string, FactValue>>(
      '{{claim.payerId}} owes {{claim.totalCents}}',
      (name) => {
        asked.push(name);
        return (env) => env[name] ?? null;
      },
    );
    expect(asked).toEqual(['claim.payerId', 'claim.totalCents']);
    expect(render(values)).toBe('60054 owes 2,500.00');
    expect(compileTemplate('static', () => () => null)({})).toBe('static');
  });
});
