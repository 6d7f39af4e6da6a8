import { InvalidInputError } from '../common/domain-errors.js';
import { buildRuleSet } from '../rules-engine/index.js';
import {
  standardTestFacts,
  testContext,
  testRule,
  testRuleFile,
} from '../rules-engine/testing/engine-fixtures.js';
import { buildCandidateRuleSet, candidateFileName, MAX_CANDIDATE_BYTES } from './candidate-rules.js';

const facts = standardTestFacts();
const active = buildRuleSet(
  [
    {
      file: 'units/many-lines.yaml',
      text: JSON.stringify(
        testRule({ id: 'MANY-LINES', when: { fact: 'claim.lineCount', operator: 'greaterThan', value: 2 } }),
      ),
    },
    {
      file: 'units/big.yaml',
      text: JSON.stringify(
        testRule({
          id: 'BIG',
          when: { fact: 'claim.totalChargeCents', operator: 'greaterThan', value: 50000 },
        }),
      ),
    },
  ],
  facts,
);

const fired = (rs: { evaluate: typeof active.evaluate }, lines: number, cents = 10000) =>
  rs
    .evaluate(testContext({ lines: Array.from({ length: lines }, () => ({ chargeCents: cents })) }))
    .findings.map((f) => f.ruleId);

describe('buildCandidateRuleSet', () => {
  it('replaces the active rule with the same id and adds the others', () => {
    const yaml = testRuleFile(
      testRule({ id: 'MANY-LINES', when: { fact: 'claim.lineCount', operator: 'greaterThan', value: 1 } }),
      testRule({ id: 'CODE-99215', when: { fact: 'claim.codes', operator: 'contains', value: '99215' } }),
    );
    const c = buildCandidateRuleSet(active, { yaml, fileName: 'rules/units/many-lines.yaml' }, facts);
    expect(c.fileName).toBe('many-lines.yaml');
    expect(c.replaced).toEqual(['MANY-LINES']);
    expect(c.added).toEqual(['CODE-99215']);
    expect(c.ruleSet.rules.map((r) => r.id).sort()).toEqual(['BIG', 'CODE-99215', 'MANY-LINES']);
    expect(c.ruleSet.rule('MANY-LINES')!.file).toBe('many-lines.yaml');
    expect(c.ruleSet.version).toMatch(/^[0-9a-f]{12}$/);
    expect(c.ruleSet.version).not.toBe(active.version);
    // Two lines: the active rule does not fire, the candidate's does.
    expect(fired(active, 2)).toEqual([]);
    expect(fired(c.ruleSet, 2)).toEqual(['MANY-LINES']);
    expect(fired(c.ruleSet, 6)).toEqual(['BIG', 'MANY-LINES']);
    // The active set is untouched.
    expect(active.rules.map((r) => r.id).sort()).toEqual(['BIG', 'MANY-LINES']);
  });

  it('reports every problem as file:line: path: message', () => {
    const yaml = [
      'id: BROKEN',
      'version: 1',
      'title: A broken rule',
      'category: units',
      'severity: loud',
      'prevents: { carc: ["151"] }',
      'when:',
      '  fact: claim.nothing',
      '  operator: equal',
      '  value: 1',
      'message: m',
      'fix: f',
    ].join('\n');
    let error: unknown;
    try {
      buildCandidateRuleSet(active, { yaml }, facts);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const e = error as InvalidInputError;
    expect(e.message).toBe('3 problems in the candidate rule file candidate.yaml');
    expect(e.problems).toEqual([
      'candidate.yaml:1: tests: required',
      expect.stringMatching(/^candidate\.yaml:5: severity: /),
      'candidate.yaml:8: when.fact: unknown fact claim.nothing',
    ]);
  });

  it('names the line of a YAML syntax error, refuses duplicate ids and files over the limit', () => {
    expect(() => buildCandidateRuleSet(active, { yaml: 'id: X\ntitle: [open\nfix: y\n' }, facts)).toThrow(
      expect.objectContaining({ problems: [expect.stringMatching(/^candidate\.yaml:3: /)] }),
    );
    const twice = testRuleFile(
      testRule({ id: 'SAME', when: { fact: 'claim.lineCount', operator: 'greaterThan', value: 1 } }),
      testRule({ id: 'SAME', when: { fact: 'claim.lineCount', operator: 'greaterThan', value: 2 } }),
    );
    expect(() => buildCandidateRuleSet(active, { yaml: twice }, facts)).toThrow(
      expect.objectContaining({ problems: [expect.stringContaining('duplicate rule id SAME')] }),
    );
    expect(() =>
      buildCandidateRuleSet(active, { yaml: `# ${'x'.repeat(MAX_CANDIDATE_BYTES)}` }, facts),
    ).toThrow(expect.objectContaining({ message: 'the candidate rule file is too large' }));
    expect(() => buildCandidateRuleSet(active, { yaml: '' }, facts)).toThrow(
      expect.objectContaining({ problems: ['candidate.yaml:1: the file holds no rule'] }),
    );
  });

  it('keeps only the last segment of a file name', () => {
    expect(candidateFileName(undefined)).toBe('candidate.yaml');
    expect(candidateFileName('')).toBe('candidate.yaml');
    expect(candidateFileName('/etc/rules/a.yaml')).toBe('a.yaml');
    expect(candidateFileName('C:\\rules\\b.yml')).toBe('b.yml');
    expect(candidateFileName('..')).toBe('candidate.yaml');
    expect(candidateFileName('a\nb.yaml')).toBe('ab.yaml');
  });
});
