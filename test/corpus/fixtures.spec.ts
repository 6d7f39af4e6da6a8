import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseX12, type X12Issue, X12ParseError, type X12ParseResult } from '../../src/x12/index.js';
import { projectRoot } from './corpus-files.js';

/** One entry of fixtures/x12/expected.json (see fixtures/x12/README.md). */
interface FixtureExpectation {
  file: string;
  description: string;
  transactions: { kind: string }[];
  claims: number;
  payments: number;
  firstClaim?: { patientControlNumber: string; totalCharge: number; lines: number };
  issues: (Partial<X12Issue> & Pick<X12Issue, 'code' | 'severity'>)[];
  otherIssues: 'none' | 'warnings-only' | 'any';
  fatal: boolean;
}

const dir = join(projectRoot, 'fixtures', 'x12');
const expectations = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as FixtureExpectation[];

function matches(actual: X12Issue, expected: FixtureExpectation['issues'][number]): boolean {
  return Object.entries(expected).every(([k, v]) => actual[k as keyof X12Issue] === v);
}

describe('own X12 fixtures (fixtures/x12/expected.json)', () => {
  it('has an expectation for each fixture file', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(expectations.map((e) => [e.file, e] as const))('%s', (_file, exp) => {
    const input = readFileSync(join(dir, exp.file));

    if (exp.fatal) {
      it(`cannot be read as X12 and says why: ${exp.issues[0]?.code}`, () => {
        let thrown: unknown;
        try {
          parseX12(input);
        } catch (err) {
          thrown = err;
        }
        expect(thrown).toBeInstanceOf(X12ParseError);
        const err = thrown as X12ParseError;
        expect(err.code).toBe(exp.issues[0]!.code);
        expect(err.issues).toEqual([expect.objectContaining(exp.issues[0]!)]);
      });
      return;
    }

    let result: X12ParseResult;
    beforeAll(() => {
      result = parseX12(input);
    });

    it('routes its transaction sets and counts claims and payments', () => {
      expect(result.transactions.map((t) => ({ kind: t.kind }))).toEqual(exp.transactions);
      expect(result.claims).toHaveLength(exp.claims);
      expect(result.remittances.reduce((n, r) => n + r.payments.length, 0)).toBe(exp.payments);
      if (exp.firstClaim) {
        const c = result.claims[0]!;
        expect({
          patientControlNumber: c.patientControlNumber,
          totalCharge: c.totalCharge,
          lines: c.lines.length,
        }).toEqual(exp.firstClaim);
      }
    });

    it('reports the expected issues at the expected positions', () => {
      const unmatched = [...result.issues];
      for (const want of exp.issues) {
        const i = unmatched.findIndex((a) => matches(a, want));
        expect({ want, found: i !== -1, got: result.issues }).toMatchObject({ found: true });
        unmatched.splice(i, 1);
      }
      if (exp.otherIssues === 'none') expect(unmatched).toEqual([]);
      if (exp.otherIssues === 'warnings-only')
        expect(unmatched.filter((i) => i.severity === 'error')).toEqual([]);
    });
  });
});
