import { parseRuleFile } from './rule-loader.js';
import {
  claimFact,
  lineFact,
  standardTestFacts,
  testContext,
  testRule,
  testRuleFile,
} from './testing/engine-fixtures.js';

const FACTS = [
  ...standardTestFacts(),
  claimFact('claim.broken', 'boolean', () => {
    throw new Error('no table');
  }),
  lineFact('line.brokenOnTwo', 'boolean', (l) => {
    if (l.lineNumber === 2) throw new Error('bad line');
    return true;
  }),
  claimFact('claim.eligible', 'boolean', () => false, undefined, 'eligibility'),
];

describe('RuleSet.evaluate', () => {
  it('makes findings with message, fix and evidence', () => {
    const set = parseRuleFile(
      testRuleFile(
        testRule({
          id: 'UNITS-HIGH',
          version: 3,
          severity: 'block',
          prevents: { carc: ['151'], rarc: ['N362'] },
          level: 'line',
          when: {
            all: [
              { fact: 'line.units', operator: 'greaterThan', value: 2 },
              { not: { fact: 'line.procedureCode', operator: 'in', value: ['J1100'] } },
            ],
          },
          message:
            '{{line.procedureCode}} billed with {{line.units}} units on a {{claim.totalChargeCents}} claim',
          fix: 'Check the units of {{line.procedureCode}}.',
        }),
      ),
      't.yaml',
      FACTS,
    );
    const result = set.evaluate(
      testContext({ lines: [{ units: 1 }, { lineNumber: 7, code: '97110', units: 4, chargeCents: 123456 }] }),
    );
    expect(result).toEqual({
      findings: [
        {
          ruleId: 'UNITS-HIGH',
          ruleVersion: 3,
          category: 'units',
          severity: 'block',
          carc: ['151'],
          rarc: ['N362'],
          line: 7,
          message: '97110 billed with 4 units on a 1,334.56 claim',
          fix: 'Check the units of 97110.',
          evidence: { 'line.units': 4, 'line.procedureCode': '97110', 'claim.totalChargeCents': 133456 },
        },
      ],
      notChecked: [],
      errors: [],
    });
  });

  it('orders findings by severity, rule id and line', () => {
    const always = { fact: 'claim.lineCount', operator: 'greaterThan', value: 0 };
    const lineAlways = { fact: 'line.units', operator: 'greaterThan', value: 0 };
    const set = parseRuleFile(
      testRuleFile(
        testRule({ id: 'B-INFO', severity: 'info', when: always }),
        testRule({ id: 'Z-BLOCK', severity: 'block', when: always }),
        testRule({ id: 'A-WARN', severity: 'warn', when: always }),
        testRule({ id: 'C-WARN-LINES', severity: 'warn', level: 'line', when: lineAlways }),
        testRule({ id: 'A-BLOCK', severity: 'block', when: always }),
      ),
      't.yaml',
      FACTS,
    );
    expect(set.rules.map((r) => r.id)).toEqual(['A-BLOCK', 'Z-BLOCK', 'A-WARN', 'C-WARN-LINES', 'B-INFO']);
    const r = set.evaluate(testContext({ lines: [{ lineNumber: 3 }, { lineNumber: 1 }] }));
    expect(r.findings.map((f) => `${f.severity} ${f.ruleId} ${f.line}`)).toEqual([
      'block A-BLOCK null',
      'block Z-BLOCK null',
      'warn A-WARN null',
      'warn C-WARN-LINES 1',
      'warn C-WARN-LINES 3',
      'info B-INFO null',
    ]);
  });

  it('skips rules out of scope', () => {
    const set = parseRuleFile(
      testRuleFile(
        testRule({
          id: 'PAYER-ONLY',
          scope: { payers: ['60054'], claimTypes: ['professional'] },
          when: { fact: 'claim.lineCount', operator: 'greaterThan', value: 0 },
        }),
        testRule({
          id: 'PAYER-MISSING-SOURCE',
          category: 'eligibility',
          scope: { payers: ['60054'] },
          when: { fact: 'claim.eligible', operator: 'isFalse' },
        }),
      ),
      't.yaml',
      FACTS,
    );
    const off = testContext({ payerId: 'OTHER', sources: { eligibility: false } });
    expect(set.evaluate(off)).toEqual({ findings: [], notChecked: [], errors: [] });
    expect(set.evaluate(testContext({ payerId: '60054' })).findings.map((f) => f.ruleId)).toEqual([
      'PAYER-MISSING-SOURCE',
      'PAYER-ONLY',
    ]);
  });

  it('reports the category of a rule over a missing source as not checked, sorted and unique', () => {
    const set = parseRuleFile(
      testRuleFile(
        testRule({
          id: 'ELIG',
          category: 'eligibility',
          when: { fact: 'claim.eligible', operator: 'isFalse' },
        }),
        testRule({
          id: 'AUTH-CLAIM',
          category: 'authorization',
          when: { fact: 'claim.hasAuthorization', operator: 'isFalse' },
        }),
        testRule({
          id: 'AUTH-LINE',
          category: 'authorization',
          level: 'line',
          when: { fact: 'line.units', operator: 'greaterThan', value: 0 },
          message: 'status {{line.authStatus}}',
        }),
        testRule({
          id: 'AUTH-OTHER',
          category: 'authorization',
          when: { fact: 'claim.lineCount', operator: 'greaterThan', value: 0 },
        }),
      ),
      't.yaml',
      FACTS,
    );
    expect(set.rule('AUTH-LINE')!.sources).toEqual(['authorizations']);
    expect(set.rule('AUTH-LINE')!.factsUsed).toEqual(['line.authStatus', 'line.units']);
    const none = set.evaluate(testContext({ sources: { authorizations: false, eligibility: false } }));
    expect(none.notChecked).toEqual(['authorization', 'eligibility']);
    // A category is not checked when any of its rules was skipped, even if another of its rules ran.
    expect(none.findings.map((f) => f.ruleId)).toEqual(['AUTH-OTHER']);
    const all = set.evaluate(testContext());
    expect(all.notChecked).toEqual([]);
    expect(all.findings.map((f) => f.ruleId)).toEqual(['AUTH-CLAIM', 'AUTH-LINE', 'AUTH-OTHER', 'ELIG']);
    expect(all.findings[1]!.message).toBe('status (none)');
  });

  it('turns a throwing fact into an error of each rule reading it, and goes on', () => {
    const set = parseRuleFile(
      testRuleFile(
        testRule({ id: 'BROKEN-A', when: { fact: 'claim.broken', operator: 'isTrue' } }),
        testRule({
          id: 'BROKEN-B',
          when: {
            any: [
              { fact: 'claim.broken', operator: 'isTrue' },
              { fact: 'claim.lineCount', operator: 'equal', value: 3 },
            ],
          },
        }),
        testRule({
          id: 'BROKEN-LINE',
          level: 'line',
          when: { fact: 'line.brokenOnTwo', operator: 'isTrue' },
        }),
        testRule({ id: 'FINE', when: { fact: 'claim.lineCount', operator: 'equal', value: 3 } }),
      ),
      't.yaml',
      FACTS,
    );
    const r = set.evaluate(testContext({ lines: [{}, {}, {}] }));
    expect(r.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['BROKEN-LINE', 1],
      ['BROKEN-LINE', 3],
      ['FINE', null],
    ]);
    expect(r.errors).toEqual([
      { ruleId: 'BROKEN-A', message: 'fact claim.broken failed: no table' },
      { ruleId: 'BROKEN-B', message: 'fact claim.broken failed: no table' },
      { ruleId: 'BROKEN-LINE', message: 'line 2: fact line.brokenOnTwo (line 2) failed: bad line' },
    ]);
  });

  it('evaluates one rule alone, saying whether it was in scope and checked', () => {
    const set = parseRuleFile(
      testRuleFile(
        testRule({
          id: 'AUTH',
          category: 'authorization',
          scope: { claimTypes: ['professional'] },
          when: { fact: 'claim.hasAuthorization', operator: 'isFalse' },
        }),
      ),
      't.yaml',
      FACTS,
    );
    expect(set.evaluateRule('AUTH', testContext({ claimType: 'dental' }))).toEqual({
      status: 'out-of-scope',
      missingSources: [],
      findings: [],
      errors: [],
    });
    expect(set.evaluateRule('AUTH', testContext({ sources: { authorizations: false } }))).toEqual({
      status: 'not-checked',
      missingSources: ['authorizations'],
      findings: [],
      errors: [],
    });
    const done = set.evaluateRule('AUTH', testContext());
    expect([done.status, done.findings.map((f) => f.ruleId)]).toEqual(['evaluated', ['AUTH']]);
    expect(() => set.evaluateRule('NOPE', testContext())).toThrow('no rule NOPE in the rule set');
  });
});
