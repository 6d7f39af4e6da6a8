import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  standardTestFacts,
  testContext,
  testRule,
  type TestClaim,
} from '../rules-engine/testing/engine-fixtures.js';
import { rulesListCommand, rulesTestCommand } from './rules.command.js';

const facts = standardTestFacts();
const buildCase = (raw: Record<string, unknown>) => testContext((raw.claim ?? {}) as TestClaim);

function capture(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { out, text: () => chunks.join('') };
}

describe('claimguard rules', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimguard-rules-cli-'));
    mkdirSync(join(dir, 'units'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (rule: Record<string, unknown>) =>
    writeFileSync(join(dir, 'units', `${String(rule.id)}.yaml`), JSON.stringify(rule));

  it('test: exit 0 when every case passes, 1 with the failures listed', async () => {
    write(
      testRule({
        id: 'MANY-LINES',
        when: { fact: 'claim.lineCount', operator: 'greaterThan', value: 1 },
        tests: [
          { name: 'fires', expect: 'fire', claim: { lines: [{}, {}] } },
          { name: 'passes', expect: 'pass', claim: {} },
        ],
      }),
    );
    const ok = capture();
    expect(await rulesTestCommand(dir, ok.out, { facts, buildCase })).toBe(0);
    expect(ok.text()).toMatch(/^1 rule, 2 cases: 2 passed, 0 failed \(rule set [0-9a-f]{12}\)\n$/);
    write(
      testRule({
        id: 'BAD-CASE',
        when: { fact: 'claim.lineCount', operator: 'greaterThan', value: 1 },
        tests: [
          { name: 'fires', expect: 'fire', claim: {} },
          { name: 'passes', expect: 'pass', claim: {} },
        ],
      }),
    );
    const bad = capture();
    expect(await rulesTestCommand(dir, bad.out, { facts, buildCase })).toBe(1);
    expect(bad.text().split('\n')[0]).toBe(
      `FAIL BAD-CASE (${join(dir, 'units', 'BAD-CASE.yaml')}:1) "fires" [fire]: expected fire but no finding`,
    );
  });

  it('test and list: exit 1 with every load problem', async () => {
    write(testRule({ id: 'X', version: 0, when: { fact: 'claim.nope', operator: 'exists' } }));
    const c = capture();
    expect(await rulesListCommand(dir, c.out, { format: 'table' }, { facts })).toBe(1);
    expect(c.text()).toBe(
      `2 problems in the rules:\n${join(dir, 'units', 'X.yaml')}:1: version: must be a positive whole number\n` +
        `${join(dir, 'units', 'X.yaml')}:1: when.fact: unknown fact claim.nope\n`,
    );
  });

  it('list: a table or JSON', async () => {
    write(
      testRule({ id: 'MANY-LINES', when: { fact: 'claim.lineCount', operator: 'greaterThan', value: 1 } }),
    );
    const table = capture();
    expect(await rulesListCommand(dir, table.out, { format: 'table' }, { facts })).toBe(0);
    const lines = table.text().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'ID          VER  CATEGORY  SEVERITY  LEVEL  CARC  TITLE',
      'MANY-LINES  1    units     warn      claim  151   A test rule',
    ]);
    expect(lines[2]).toMatch(/^1 rule \(rule set [0-9a-f]{12}\)$/);
    const json = capture();
    expect(await rulesListCommand(dir, json.out, { format: 'json' }, { facts })).toBe(0);
    const doc = JSON.parse(json.text()) as { version: string; rules: Record<string, unknown>[] };
    expect(doc.rules).toEqual([
      {
        id: 'MANY-LINES',
        version: 1,
        title: 'A test rule',
        category: 'units',
        severity: 'warn',
        level: 'claim',
        carc: ['151'],
        rarc: [],
        scope: null,
        file: join(dir, 'units', 'MANY-LINES.yaml'),
        line: 1,
        factsUsed: ['claim.lineCount'],
        sources: [],
        tests: 2,
      },
    ]);
  });
});
