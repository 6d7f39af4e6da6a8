import { compileScope } from './compiler.js';
import { parseRuleFile } from './rule-loader.js';
import {
  claimFact,
  ComputeCounter,
  lineFact,
  standardTestFacts,
  testContext,
  testRule,
  testRuleFile,
} from './testing/engine-fixtures.js';

describe('compiled conditions', () => {
  const counter = new ComputeCounter();
  const facts = [
    ...standardTestFacts(counter),
    claimFact('claim.yes', 'boolean', () => true, counter),
    claimFact('claim.no', 'boolean', () => false, counter),
    claimFact('claim.expensive', 'boolean', () => true, counter),
    lineFact('line.expensive', 'boolean', () => true, counter),
  ];
  beforeEach(() => counter.reset());

  const ids = (text: string, claim = testContext()) =>
    parseRuleFile(text, 't.yaml', facts)
      .evaluate(claim)
      .findings.map((f) => f.ruleId);

  it('short-circuits all and any', () => {
    const text = testRuleFile(
      testRule({
        id: 'ALL',
        when: {
          all: [
            { fact: 'claim.no', operator: 'isTrue' },
            { fact: 'claim.expensive', operator: 'isTrue' },
          ],
        },
      }),
      testRule({
        id: 'ANY',
        when: {
          any: [
            { fact: 'claim.yes', operator: 'isTrue' },
            { fact: 'claim.expensive', operator: 'isTrue' },
          ],
        },
      }),
    );
    expect(ids(text)).toEqual(['ANY']);
    expect(counter.get('claim.expensive')).toBe(0);
    expect(counter.get('claim.yes')).toBe(1);
    expect(counter.get('claim.no')).toBe(1);
  });

  it('applies not around any node', () => {
    const text = testRuleFile(
      testRule({ id: 'NOT-FACT', when: { not: { fact: 'claim.no', operator: 'isTrue' } } }),
      testRule({
        id: 'NOT-ALL',
        when: {
          not: {
            all: [
              { fact: 'claim.yes', operator: 'isTrue' },
              { fact: 'claim.no', operator: 'isTrue' },
            ],
          },
        },
      }),
      testRule({ id: 'NOT-NOT', when: { not: { not: { fact: 'claim.no', operator: 'isTrue' } } } }),
      testRule({
        id: 'NOT-ANY',
        when: {
          not: {
            any: [
              { fact: 'claim.yes', operator: 'isTrue' },
              { fact: 'claim.no', operator: 'isTrue' },
            ],
          },
        },
      }),
    );
    expect(ids(text)).toEqual(['NOT-ALL', 'NOT-FACT']);
  });

  it('computes a claim fact once per claim across rules, and a line fact once per line', () => {
    const rules = ['A', 'B', 'C'].flatMap((id) => [
      testRule({ id: `CLAIM-${id}`, when: { fact: 'claim.lineCount', operator: 'greaterThan', value: 1 } }),
      testRule({
        id: `LINE-${id}`,
        level: 'line',
        when: {
          all: [
            { fact: 'line.units', operator: 'greaterThan', value: 0 },
            { fact: 'claim.lineCount', operator: 'lessThan', value: 9 },
          ],
        },
        message: '{{line.units}} of {{claim.lineCount}}',
      }),
    ]);
    const set = parseRuleFile(testRuleFile(...rules), 't.yaml', facts);
    const claim = testContext({ lines: [{}, {}, {}] });
    expect(set.evaluate(claim).findings).toHaveLength(12);
    expect(counter.get('claim.lineCount')).toBe(1);
    expect(counter.get('line.units')).toBe(3);
    set.evaluate(claim);
    expect(counter.get('claim.lineCount')).toBe(2);
    expect(counter.get('line.units')).toBe(6);
    set.evaluate(testContext({ lines: [{}, {}, {}, {}, {}, {}, {}, {}, {}, {}] }));
    expect(counter.get('claim.lineCount')).toBe(3);
    expect(counter.get('line.units')).toBe(16);
  });

  it('compares with another fact resolved at evaluation', () => {
    const set = parseRuleFile(
      testRuleFile(
        testRule({
          id: 'MORE-THAN-TOTAL',
          level: 'line',
          when: {
            fact: 'line.chargeCents',
            operator: 'greaterThan',
            value: { fact: 'claim.totalChargeCents' },
          },
        }),
        testRule({
          id: 'CODE-LISTED',
          level: 'line',
          when: { fact: 'line.procedureCode', operator: 'in', value: { fact: 'claim.codes' } },
        }),
      ),
      't.yaml',
      facts,
    );
    const r = set.evaluate(
      testContext({ totalCents: 15000, lines: [{ chargeCents: 10000 }, { chargeCents: 20000 }] }),
    );
    expect(r.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['CODE-LISTED', 1],
      ['CODE-LISTED', 2],
      ['MORE-THAN-TOTAL', 2],
    ]);
    expect(r.findings[2]!.evidence).toEqual({ 'line.chargeCents': 20000, 'claim.totalChargeCents': 15000 });
  });
});

describe('compiled scope', () => {
  it('is null when the rule applies to every claim', () => {
    expect(compileScope(undefined)).toBeNull();
    expect(compileScope({})).toBeNull();
    expect(compileScope({ claimTypes: ['professional', 'institutional', 'dental'] })).toBeNull();
  });

  it('checks claim type, payer and effective dates against the first date of service', () => {
    const scope = compileScope({
      claimTypes: ['professional'],
      payers: ['60054'],
      effective: { from: '2026-01-01', to: '2026-06-30' },
    })!;
    expect(scope(testContext({ payerId: '60054' }))).toBe(true);
    expect(scope(testContext({ payerId: '60054', claimType: 'dental' }))).toBe(false);
    expect(scope(testContext({ payerId: '99999' }))).toBe(false);
    expect(scope(testContext({ payerId: '60054', serviceDate: '2025-12-31' }))).toBe(false);
    expect(scope(testContext({ payerId: '60054', serviceDate: '2026-06-30' }))).toBe(true);
    expect(scope(testContext({ payerId: '60054', serviceDate: '2026-07-01' }))).toBe(false);
    expect(scope(testContext({ payerId: '60054', serviceDate: null }))).toBe(true);
    const open = compileScope({ effective: { from: null, to: '2025-12-31' } })!;
    expect(open(testContext({ serviceDate: '1999-01-01' }))).toBe(true);
    expect(open(testContext({ serviceDate: '2026-01-01' }))).toBe(false);
  });
});
