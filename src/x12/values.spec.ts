import fc from 'fast-check';
import { formatCents, parseCents, parseDate, parseDateValue, parseQuantity } from './values.js';

describe('parseCents', () => {
  it.each([
    ['125', 12500],
    ['125.5', 12550],
    ['125.05', 12505],
    ['-12.5', -1250],
    ['.75', 75],
    ['0', 0],
    ['10.500', 1050],
    ['+3', 300],
    ['99999999.99', 9999999999],
  ])('reads %s as %i cents', (input, cents) => {
    expect(parseCents(input)).toBe(cents);
  });

  it('is exact where float sums are not', () => {
    const sum = ['0.1', '0.2'].map((v) => parseCents(v)!).reduce((a, b) => a + b, 0);
    expect(sum).toBe(30);
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it.each(['ABC', '1.2.3', '12.345', '1e5', '-', '.', '12,50', ' 12'])('rejects %j as NaN', (input) => {
    expect(parseCents(input)).toBeNaN();
  });

  it('returns null for an empty element', () => {
    expect(parseCents('')).toBeNull();
  });
});

describe('formatCents', () => {
  it.each([
    [12550, '125.50'],
    [-1250, '-12.50'],
    [5, '0.05'],
    [0, '0.00'],
  ])('formats %i as %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });
});

describe('parseDate', () => {
  it('turns CCYYMMDD into a plain date, never an instant', () => {
    expect(parseDate('20261002')).toBe('2026-10-02');
    expect(parseDate('20240229')).toBe('2024-02-29');
  });

  it('reads 4010 YYMMDD with a pivot at 50', () => {
    expect(parseDate('110503')).toBe('2011-05-03');
    expect(parseDate('990101')).toBe('1999-01-01');
  });

  it.each(['20230229', '20261301', '20261000', '2026100', 'abcdefgh', '20261032'])('rejects %s', (input) => {
    expect(parseDate(input)).toBeUndefined();
  });
});

describe('parseDateValue', () => {
  it('reads D8 and RD8', () => {
    expect(parseDateValue('D8', '20260105')).toEqual({ from: '2026-01-05', to: '2026-01-05' });
    expect(parseDateValue('RD8', '20260105-20260109')).toEqual({ from: '2026-01-05', to: '2026-01-09' });
    expect(parseDateValue('DT', '202601051230')).toEqual({ from: '2026-01-05', to: '2026-01-05' });
  });

  it('rejects a broken range', () => {
    expect(parseDateValue('RD8', '20260105-2026')).toBeUndefined();
  });
});

describe('parseQuantity', () => {
  it('reads units', () => {
    expect(parseQuantity('1')).toBe(1);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('')).toBeNull();
    expect(parseQuantity('x')).toBeNaN();
  });
});

describe('fast paths agree with the reference grammar', () => {
  const reference = (v: string): number | null => {
    if (v === '') return null;
    const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(v);
    if (!m || (m[2] === '' && !m[3])) return NaN;
    const frac = (m[3] ?? '').padEnd(2, '0');
    if (frac.length > 2 && !/^0*$/.test(frac.slice(2))) return NaN;
    const cents = Number(m[2] || '0') * 100 + Number(frac.slice(0, 2));
    return m[1] === '-' ? -cents : cents;
  };

  it('parseCents matches on a grid of shapes', () => {
    const samples = [
      '0',
      '7',
      '12',
      '12.',
      '12.3',
      '12.34',
      '12.345',
      '12.340',
      '-0.01',
      '+5',
      '.5',
      '-.5',
      '1-2',
    ];
    for (const a of samples)
      for (const b of ['', '0', '9']) expect(parseCents(a + b)).toEqual(reference(a + b));
  });
});

describe('fast paths agree with the regex grammar on random input', () => {
  // Reference implementations: the X12 R-type grammar written as regexes, independent of values.ts.
  const centsRef = (v: string): number | null => {
    if (v === '') return null;
    const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(v);
    if (!m || (m[2] === '' && !m[3])) return NaN;
    const f = m[3] ?? '';
    if (f.length > 2 && !/^0*$/.test(f.slice(2))) return NaN;
    const cents = Number(m[2] || '0') * 100 + Number(f.slice(0, 2).padEnd(2, '0'));
    if (!Number.isSafeInteger(cents)) return NaN;
    return m[1] === '-' ? -cents : cents;
  };
  const dateRef = (v: string): string | null | undefined => {
    if (v === '') return null;
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v) ?? /^(\d{2})(\d{2})(\d{2})$/.exec(v);
    if (!m) return undefined;
    const y = m[1]!.length === 2 ? (Number(m[1]) < 50 ? 2000 : 1900) + Number(m[1]) : Number(m[1]);
    const d = new Date(Date.UTC(y, Number(m[2]) - 1, Number(m[3])));
    if (d.getUTCFullYear() !== y || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
      return undefined;
    }
    return `${String(y).padStart(4, '0')}-${m[2]}-${m[3]}`;
  };
  const qtyRef = (v: string): number | null =>
    v === '' ? null : /^[+-]?(\d+\.?\d*|\.\d+)$/.test(v) ? Number(v) : NaN;
  const anyText = fc.string({ maxLength: 18 });

  it('parseCents', () => {
    const amountLike = fc.stringMatching(/^[+-]?\d{0,16}(\.\d{0,4})?$/);
    fc.assert(
      fc.property(fc.oneof(amountLike, anyText), (v) => Object.is(parseCents(v), centsRef(v))),
      { numRuns: 5000 },
    );
  });

  it('parseDate', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\d{8}$/), fc.stringMatching(/^\d{6}$/), anyText), (v) => {
        // Years before 100 are not dates of service; Date.UTC maps them to 19xx.
        if (/^00\d{6}$/.test(v)) return true;
        return parseDate(v) === dateRef(v);
      }),
      { numRuns: 5000 },
    );
  });

  it('parseQuantity', () => {
    const numberLike = fc.stringMatching(/^[+-]?\d{0,16}\.?\d{0,4}\.?$/);
    fc.assert(
      fc.property(fc.oneof(numberLike, anyText), (v) => Object.is(parseQuantity(v), qtyRef(v))),
      { numRuns: 5000 },
    );
  });

  it('rejects a quantity too large to be a finite number (found by the fuzz campaign)', () => {
    expect(parseQuantity('9'.repeat(400))).toBeNaN();
  });
});
