import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildRuleSet,
  formatRuleProblem,
  loadRuleSet,
  parseRuleFile,
  RuleLoadError,
  ruleSetVersion,
} from './rule-loader.js';
import { standardTestFacts } from './testing/engine-fixtures.js';

const FACTS = standardTestFacts();

/** A valid rule; `over` replaces whole top-level lines by key. */
function rule(over: Record<string, string | null> = {}, id = 'TEST-RULE'): string {
  const lines: Record<string, string | null> = {
    id: `id: ${id}`,
    version: 'version: 1',
    title: 'title: A test rule',
    category: 'category: units',
    severity: 'severity: warn',
    prevents: 'prevents: { carc: ["151"] }',
    level: null,
    when: 'when: { fact: claim.lineCount, operator: greaterThan, value: 2 }',
    message: 'message: "{{claim.lineCount}} lines"',
    fix: 'fix: Split the claim.',
    tests: 'tests:\n  - { name: many, expect: fire }\n  - { name: few, expect: pass }',
    ...over,
  };
  return `${Object.values(lines)
    .filter((l) => l !== null)
    .join('\n')}\n`;
}

function problems(files: Record<string, string>): string[] {
  try {
    buildRuleSet(
      Object.entries(files).map(([file, text]) => ({ file, text })),
      FACTS,
    );
  } catch (err) {
    if (err instanceof RuleLoadError) return err.problems.map(formatRuleProblem);
    throw err;
  }
  return [];
}

describe('rule files: schema', () => {
  it('loads a valid rule with defaults', () => {
    const set = parseRuleFile(rule(), 'ok.yaml', FACTS);
    expect(set.rules.map((r) => [r.id, r.level, r.carc, r.rarc, r.references, r.file, r.line])).toEqual([
      ['TEST-RULE', 'claim', ['151'], [], [], 'ok.yaml', 1],
    ]);
    expect(set.factsUsed).toEqual(['claim.lineCount']);
  });

  it('reads a rules: sequence, with each rule at its line', () => {
    const text = `rules:\n${[rule({}, 'RULE-A'), rule({}, 'RULE-B')]
      .map((r) =>
        r
          .trimEnd()
          .replace(/^/gm, '    ')
          .replace(/^ {4}id/m, '  - id'),
      )
      .join('\n')}\n`;
    const set = parseRuleFile(text, 'many.yaml', FACTS);
    expect(set.rules.map((r) => [r.id, r.line])).toEqual([
      ['RULE-A', 2],
      ['RULE-B', 14],
    ]);
  });

  it('names every field problem by file, line and path', () => {
    const text = rule({
      id: 'id: bad_id',
      version: 'version: 0',
      title: 'title: ""',
      category: 'category: nope',
      severity: 'severity: fatal',
      prevents: 'prevents: { carc: ["1234", 16], rarc: [N] }',
      level: 'level: claim\nextra: 1',
    });
    expect(problems({ 'r.yaml': text })).toEqual([
      'r.yaml:1: id: must be UPPER-KEBAB, like AUTH-REQUIRED',
      'r.yaml:2: version: must be a positive whole number',
      'r.yaml:3: title: must not be empty',
      'r.yaml:4: category: must be one of authorization, documentation, coding, medical-necessity, bundling, units, eligibility, identity, duplicate, timely-filing, billing-data, balancing, coordination-of-benefits',
      'r.yaml:5: severity: must be one of block, warn, info',
      'r.yaml:6: prevents.carc[0]: must be a CARC code like 197, 16, A1, B7 or P1',
      'r.yaml:6: prevents.rarc[0]: must be a RARC code like N54, M15 or MA130',
      'r.yaml:8: extra: unknown key',
    ]);
  });

  it('requires the required fields', () => {
    const text = rule({ title: null, fix: null, tests: null, message: 'message: hello' });
    expect(problems({ 'r.yaml': text })).toEqual([
      'r.yaml:1: title: required',
      'r.yaml:1: fix: required',
      'r.yaml:1: tests: required',
    ]);
  });

  it('checks scope fields', () => {
    const text = rule({
      level:
        'scope:\n  claimTypes: [vet]\n  payers: [60054]\n  effective: { from: 2024-02-01, to: 2024-01-01 }\n  region: west',
    });
    expect(problems({ 'r.yaml': text })).toEqual([
      'r.yaml:8: scope.claimTypes[0]: must be one of professional, institutional, dental',
      'r.yaml:9: scope.payers[0]: must be a quoted payer id',
      'r.yaml:10: scope.effective.to: from is after to',
      'r.yaml:11: scope.region: unknown key',
    ]);
  });

  it('needs a CARC on block and warn rules, not on info rules', () => {
    expect(problems({ 'r.yaml': rule({ prevents: 'prevents:\n  carc: []' }) })).toEqual([
      'r.yaml:7: prevents.carc: a warn rule names at least one CARC (only info rules may have none)',
    ]);
    expect(
      problems({ 'r.yaml': rule({ prevents: 'prevents:\n  carc: []', severity: 'severity: info' }) }),
    ).toEqual([]);
  });

  it('checks the shape of conditions', () => {
    const text = rule({
      when: [
        'when:',
        '  all:',
        '    - { all: [], fact: claim.lineCount }',
        '    - {}',
        '    - { any: [] }',
        '    - { not: { fact: claim.lineCount }, value: 1 }',
        '    - { fact: claim.lineCount, operator: exists, extra: 1 }',
      ].join('\n'),
    });
    expect(problems({ 'r.yaml': text })).toEqual([
      'r.yaml:9: when.all[0].all: needs at least one condition',
      'r.yaml:9: when.all[0]: a condition has exactly one of all, any, not or fact (found all, fact)',
      'r.yaml:10: when.all[1]: a condition needs one of all, any, not or fact',
      'r.yaml:11: when.all[2].any: needs at least one condition',
      'r.yaml:12: when.all[3].not.operator: required in a fact condition',
      'r.yaml:12: when.all[3].value: only a fact condition has value',
      'r.yaml:13: when.all[4].extra: unknown key',
    ]);
  });

  it('reports YAML syntax errors and empty files at their line', () => {
    expect(problems({ 'a.yaml': 'id: X\ntitle: [\nversion: 1\n', 'b.yaml': '# nothing\n' })).toEqual([
      'a.yaml:3: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'b.yaml:1: the file holds no rule',
    ]);
    expect(problems({ 'c.yaml': 'id: X\nid: Y\n' })).toEqual(['c.yaml:2: Map keys must be unique']);
  });

  it('checks the top level of a rules: file', () => {
    expect(problems({ 'a.yaml': 'rules: {}\nother: 1\n' })).toEqual([
      'a.yaml:1: rules: must be a sequence of rules',
      'a.yaml:2: other: unknown key (a file with rules: holds nothing else)',
    ]);
  });
});

describe('rule files: facts, operators, values', () => {
  const when = (...conds: string[]): string =>
    ['when:', '  all:', ...conds.map((c) => `    - ${c}`)].join('\n');

  it('names unknown facts and operators', () => {
    const text = rule({
      when: when(
        '{ fact: claim.nope, operator: equal, value: 1 }',
        '{ fact: claim.lineCount, operator: biggerThan, value: 1 }',
        '{ fact: claim.lineCount, operator: equal, value: { fact: claim.other } }',
      ),
    });
    expect(problems({ 'r.yaml': text })).toEqual([
      'r.yaml:9: when.all[0].fact: unknown fact claim.nope',
      'r.yaml:10: when.all[1].operator: unknown operator biggerThan',
      'r.yaml:11: when.all[2].value.fact: unknown fact claim.other',
    ]);
  });

  it('rejects an operator that does not fit the fact type', () => {
    const text = rule({
      when: when(
        '{ fact: claim.payerId, operator: lessThan, value: "A" }',
        '{ fact: claim.lineCount, operator: isTrue }',
        '{ fact: claim.codes, operator: matches, value: "9.*" }',
        '{ fact: claim.codes, operator: in, value: ["99213"] }',
        '{ fact: claim.hasAuthorization, operator: isEmpty }',
      ),
    });
    expect(problems({ 'r.yaml': text })).toEqual([
      'r.yaml:9: when.all[0].operator: lessThan does not fit claim.payerId (string); it takes number, date',
      'r.yaml:10: when.all[1].operator: isTrue does not fit claim.lineCount (number); it takes boolean',
      'r.yaml:11: when.all[2].operator: matches does not fit claim.codes (string[]); it takes string',
      'r.yaml:12: when.all[3].operator: in does not fit claim.codes (string[]); it takes string, number, date, boolean',
      'r.yaml:13: when.all[4].operator: isEmpty does not fit claim.hasAuthorization (boolean); it takes string, string[], object[]',
    ]);
  });

  it('requires or forbids value per operator, and checks its type', () => {
    const text = rule({
      when: when(
        '{ fact: claim.lineCount, operator: equal }',
        '{ fact: claim.hasAuthorization, operator: isTrue, value: true }',
        '{ fact: claim.lineCount, operator: greaterThan, value: "2" }',
        '{ fact: claim.serviceDate, operator: lessThan, value: 2026-1-1 }',
        '{ fact: claim.payerId, operator: in, value: [] }',
        '{ fact: claim.payerId, operator: in, value: ["A", 1] }',
        '{ fact: claim.codes, operator: contains, value: 99213 }',
        '{ fact: claim.payerId, operator: matches, value: "(" }',
        '{ fact: claim.payerId, operator: startsWithAny, value: "6" }',
        '{ fact: claim.payerId, operator: matches, value: { fact: claim.payerId } }',
        '{ fact: claim.lineCount, operator: equal, value: { fact: claim.payerId } }',
        '{ fact: claim.lineCount, operator: exists, params: { x: 1 } }',
      ),
    });
    expect(problems({ 'r.yaml': text })).toEqual([
      'r.yaml:9: when.all[0]: equal needs a value',
      'r.yaml:10: when.all[1].value: isTrue takes no value',
      'r.yaml:11: when.all[2].value: must be a number',
      'r.yaml:12: when.all[3].value: must be a date YYYY-MM-DD',
      'r.yaml:13: when.all[4].value: in needs a non-empty list',
      'r.yaml:14: when.all[5].value: every item must be a string',
      'r.yaml:15: when.all[6].value: must be a string (a list element)',
      'r.yaml:16: when.all[7].value: not a valid regular expression: Invalid regular expression: /(/: Unterminated group',
      'r.yaml:17: when.all[8].value: must be a non-empty list of prefixes (strings)',
      'r.yaml:18: when.all[9].value: matches takes a literal value, not another fact',
      'r.yaml:19: when.all[10].value: equal on a number fact compares with a number fact; claim.payerId is string',
      'r.yaml:20: when.all[11].params: claim.lineCount takes no params',
    ]);
  });

  it('rejects line facts in a claim-level rule, in conditions and messages', () => {
    const text = rule({
      when: when('{ fact: line.units, operator: greaterThan, value: 1 }'),
      message: 'message: "{{line.procedureCode}} {{claim.nope}} {{claim.lineCount}}"',
      fix: 'fix: "Check {{line.units}}"',
    });
    expect(problems({ 'r.yaml': text })).toEqual([
      'r.yaml:9: when.all[0].fact: line fact line.units in a claim-level rule (set level: line)',
      'r.yaml:10: message: line fact line.procedureCode quoted in a claim-level rule (set level: line)',
      'r.yaml:10: message: unknown fact claim.nope quoted',
      'r.yaml:11: fix: line fact line.units quoted in a claim-level rule (set level: line)',
    ]);
    expect(
      problems({
        'r.yaml': rule({
          level: 'level: line',
          when: when('{ fact: line.units, operator: greaterThan, value: { fact: claim.lineCount } }'),
          message: 'message: "{{line.procedureCode}} {{claim.lineCount}}"',
        }),
      }),
    ).toEqual([]);
  });

  it('checks the embedded tests', () => {
    const onlyFire = rule({
      tests: 'tests:\n  - { name: a, expect: fire }\n  - { name: a, expect: fire, lines: [1] }',
    });
    expect(problems({ 'r.yaml': onlyFire })).toEqual([
      'r.yaml:10: tests: needs at least one case with expect: pass',
      'r.yaml:12: tests[1].name: duplicate case name "a"',
      'r.yaml:12: tests[1].lines: lines is only for line-level rules',
    ]);
    const onlyPass = rule({
      level: 'level: line',
      when: 'when: { fact: line.units, operator: greaterThan, value: 2 }',
      tests: 'tests:\n  - { name: a, expect: pass, lines: [1] }\n  - { name: b, expect: maybe }',
    });
    expect(problems({ 'r.yaml': onlyPass })).toEqual([
      'r.yaml:13: tests[1].expect: must be one of fire, pass, not-checked',
    ]);
    const noFire = rule({
      level: 'level: line',
      when: 'when: { fact: line.units, operator: greaterThan, value: 2 }',
      tests: 'tests:\n  - { name: a, expect: pass, lines: [1] }\n  - { name: b, expect: not-checked }',
    });
    expect(problems({ 'r.yaml': noFire })).toEqual([
      'r.yaml:11: tests: needs at least one case with expect: fire',
      'r.yaml:12: tests[0].lines: lines is only for expect: fire',
    ]);
  });

  it('still checks the condition of a rule whose other fields are invalid', () => {
    const text = rule({ version: 'version: x', when: 'when: { fact: claim.nope, operator: exists }' });
    expect(problems({ 'r.yaml': text })).toEqual([
      'r.yaml:2: version: must be a positive whole number',
      'r.yaml:7: when.fact: unknown fact claim.nope',
    ]);
  });

  it('reports duplicate ids across files, and every file’s problems in one error', () => {
    expect(
      problems({
        'a.yaml': rule(),
        'b.yaml': `rules:\n  - ${rule({ severity: 'severity: bad' }, 'OTHER').trimEnd().replace(/\n/g, '\n    ')}`,
        'c.yaml': rule(),
      }),
    ).toEqual([
      'b.yaml:6: rules[0].severity: must be one of block, warn, info',
      'c.yaml:1: id: duplicate rule id TEST-RULE (first in a.yaml:1)',
    ]);
  });

  it('formats the error message with every problem', () => {
    expect(() => parseRuleFile(rule({ id: 'id: x' }), 'x.yaml', FACTS)).toThrow(
      new RuleLoadError([
        { file: 'x.yaml', line: 1, path: 'id', message: 'must be UPPER-KEBAB, like AUTH-REQUIRED' },
      ]),
    );
    expect(() => parseRuleFile(rule({ id: 'id: x', version: 'version: 0' }), 'x.yaml', FACTS)).toThrow(
      '2 problems in the rules:\n  x.yaml:1: id: must be UPPER-KEBAB, like AUTH-REQUIRED\n  x.yaml:2: version: must be a positive whole number',
    );
  });
});

describe('loadRuleSet', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimguard-rules-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads yaml files recursively, not payers/, tables/, lexicon/ or risk/', () => {
    mkdirSync(join(dir, 'units', 'deep'), { recursive: true });
    for (const skip of ['payers', 'tables', 'lexicon', 'risk']) {
      mkdirSync(join(dir, skip));
      writeFileSync(join(dir, skip, 'x.yaml'), 'not: a rule\n');
    }
    writeFileSync(join(dir, 'units', 'a.yaml'), rule({}, 'RULE-A'));
    writeFileSync(join(dir, 'units', 'deep', 'b.yml'), rule({}, 'RULE-B'));
    writeFileSync(join(dir, 'README.md'), '# not a rule');
    const set = loadRuleSet(dir, FACTS);
    expect(set.rules.map((r) => [r.id, r.file])).toEqual([
      ['RULE-A', join(dir, 'units', 'a.yaml')],
      ['RULE-B', join(dir, 'units', 'deep', 'b.yml')],
    ]);
    expect(set.version).toBe(
      ruleSetVersion([
        { file: 'units/deep/b.yml', text: rule({}, 'RULE-B') },
        { file: 'units/a.yaml', text: rule({}, 'RULE-A') },
      ]),
    );
    expect(set.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('names problems with the path as loaded', () => {
    mkdirSync(join(dir, 'units'));
    writeFileSync(join(dir, 'units', 'a.yaml'), rule({ version: 'version: -1' }));
    expect(() => loadRuleSet(dir, FACTS)).toThrow(
      `${join(dir, 'units', 'a.yaml')}:2: version: must be a positive whole number`,
    );
  });

  it('loads an empty folder as an empty rule set, and fails on a missing one', () => {
    expect(loadRuleSet(dir, FACTS).rules).toEqual([]);
    expect(() => loadRuleSet(join(dir, 'missing'), FACTS)).toThrow(
      `${join(dir, 'missing')}:0: no such folder`,
    );
  });

  it('versions change with any file name or content', () => {
    const a = ruleSetVersion([{ file: 'a.yaml', text: 'x' }]);
    expect(ruleSetVersion([{ file: 'a.yaml', text: 'x' }])).toBe(a);
    expect(ruleSetVersion([{ file: 'b.yaml', text: 'x' }])).not.toBe(a);
    expect(ruleSetVersion([{ file: 'a.yaml', text: 'y' }])).not.toBe(a);
  });
});
