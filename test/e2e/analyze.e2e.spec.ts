import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { analyzeCommand } from '../../src/analyze/analyze.command.js';
import type { AnalyzeReport } from '../../src/analyze/analyze-report.js';
import { loadRiskConfig, predictClaim, priorModel } from '../../src/reporting/risk-model.js';
import { projectRoot } from '../corpus/corpus-files.js';

const demo = (name: string) => join(projectRoot, 'fixtures', 'analyze', name);
const INPUTS = [
  '--eligibility',
  demo('eligibility.csv'),
  '--documentation',
  demo('documentation.csv'),
  '--auths',
  demo('authorizations.csv'),
  '--contracts',
  demo('contracts.csv'),
];

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  return {
    stream: new Writable({
      write(chunk: Buffer, _e, done) {
        text += chunk.toString();
        done();
      },
    }),
    text: () => text,
  };
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await analyzeCommand(args, out.stream, err.stream);
  return { code, out: out.text(), err: err.text() };
}

/** `claimguard analyze` in-process on the worked example (fixtures/analyze/README.md). */
describe('claimguard analyze (e2e)', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'claimguard-analyze-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds exactly the denial each demo claim was written to show', async () => {
    const r = await run(demo('demo-837p.x12'), ...INPUTS, '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as AnalyzeReport;
    const flagged = Object.fromEntries(
      report.claims.map((c) => [
        c.claimId,
        c.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId),
      ]),
    );
    expect(flagged).toEqual({
      DEMO001: [],
      DEMO002: ['AUTH-REQUIRED'],
      DEMO003: ['DOC-DIAGNOSIS-UNDOCUMENTED'],
      DEMO004: ['ELIG-COVERAGE-ENDED'],
      DEMO005: ['BUNDLING-NCCI-PTP'],
      DEMO006: ['TF-PAST-LIMIT'],
      DEMO007: ['DOC-ABBREVIATION-CONFLICT'],
      DEMO008: ['CODING-EM-SAME-DAY-PROCEDURE'],
      DEMO009: ['IDENT-MEMBER-ID-MISMATCH'],
      DEMO010: ['AUTH-UNITS-EXCEEDED'],
    });
    expect(report.asOf).toBe('2026-02-20');
    expect(report.summary.claims).toBe(10);
    expect(report.summary.flaggedClaims).toBe(9);
    expect(report.errors).toEqual([]);
    const d2 = report.claims.find((c) => c.claimId === 'DEMO002')!;
    expect(d2).toMatchObject({
      payerId: 'TESTPAYER',
      memberId: 'ZZT000102',
      totalCharge: '950.00',
      serviceDate: '2026-02-03',
    });
    expect(d2.findings[0]).toMatchObject({
      category: 'authorization',
      severity: 'block',
      carc: ['197'],
      line: 1,
    });
    expect(d2.findings[0]!.evidence['line.procedureCode']).toBe('73721');
    // Offline there is no remittance history: the risk model's priors (rules/risk/model.yaml).
    const expected = predictClaim(
      priorModel(loadRiskConfig()),
      d2.payerId,
      [
        {
          ruleId: d2.findings[0]!.ruleId,
          category: 'authorization',
          severity: 'block',
          line: 1,
          carc: ['197'],
        },
      ],
      [{ lineNumber: 1, chargeCents: 95_000 }],
    );
    expect(expected.probability).toBeGreaterThan(0.8);
    expect(d2.risk).toEqual({
      score: Math.round(expected.probability * 1000) / 1000,
      expectedDenialAmount: (expected.expectedDeniedCents / 100).toFixed(2),
    });
  });

  it('reports the categories it could not check when a source is missing', async () => {
    const r = await run(demo('demo-837p.x12'), '--format', 'json');
    const report = JSON.parse(r.out) as AnalyzeReport;
    expect(report.claims[0]!.notChecked).toEqual(
      expect.arrayContaining(['authorization', 'documentation', 'eligibility', 'identity']),
    );
  });

  it('judges filing at --as-of, writes --out, and renders a table and CSV', async () => {
    const out = join(scratch, 'report.csv');
    const r = await run(
      demo('demo-837p.x12'),
      ...INPUTS,
      '--as-of',
      '2026-06-30',
      '--format',
      'csv',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const csv = readFileSync(out, 'utf8').split('\n');
    expect(csv[0]).toMatch(/^claim_id,payer_id,member_id,service_date,total_charge,risk_score/);
    // At 2026-06-30 every February claim is past TESTPAYER's 90 days.
    expect(csv.filter((l) => l.includes(',TF-PAST-LIMIT,')).length).toBe(10);
    const table = await run(demo('demo-837p.x12'), ...INPUTS);
    const rows = table.out.split('\n').filter((l) => l.startsWith('DEMO'));
    expect(rows).toHaveLength(9);
    expect(rows[0]).toMatch(/^DEMO010 .* AUTH-UNITS-EXCEEDED/); // most money at risk first
  });

  it('reads a record option given several times', async () => {
    const notes = readFileSync(demo('documentation.csv'), 'utf8').split('\n');
    const first = join(scratch, 'notes-1.csv');
    const second = join(scratch, 'notes-2.csv');
    writeFileSync(first, notes.slice(0, 6).join('\n'));
    writeFileSync(second, [notes[0], ...notes.slice(6)].join('\n'));
    const args = INPUTS.filter((_, i) => i < 2 || i > 3);
    const r = await run(
      demo('demo-837p.x12'),
      ...args,
      '--documentation',
      first,
      '--documentation',
      second,
      '--format',
      'json',
    );
    const report = JSON.parse(r.out) as AnalyzeReport;
    const byId = Object.fromEntries(report.claims.map((c) => [c.claimId, c.findings.map((f) => f.ruleId)]));
    expect(byId['DEMO001']).toEqual([]);
    expect(byId['DEMO007']).toContain('DOC-ABBREVIATION-CONFLICT');
    expect(report.claims.every((c) => !c.notChecked.includes('documentation'))).toBe(true);
  });

  it('exits 1 when --fail-on is met', async () => {
    expect((await run(demo('demo-837p.x12'), ...INPUTS, '--fail-on', 'block')).code).toBe(1);
    expect((await run(demo('demo-837p.x12'), ...INPUTS, '--fail-on', 'warn')).code).toBe(1);
  });

  it('exits 2 with a clear message for bad arguments and unreadable input', async () => {
    const cases: [string[], string][] = [
      [[], 'name at least one X12 837 file'],
      [[demo('demo-837p.x12'), '--as-of', '2026-02-30'], '--as-of must be a date'],
      [[demo('demo-837p.x12'), '--format', 'xml'], '--format must be one of table, json, csv'],
      [[demo('demo-837p.x12'), '--fail-on', 'info'], '--fail-on must be block or warn'],
      [[demo('demo-837p.x12'), '--bogus'], "Unknown option '--bogus'"],
      [[demo('nothing-here.x12')], 'no such file'],
      [[demo('eligibility.csv')], 'is not X12'],
    ];
    for (const [args, message] of cases) {
      const r = await run(...args);
      expect([r.code, r.err]).toEqual([2, expect.stringContaining(message)]);
    }
    const bad = join(scratch, 'bad-roster.csv');
    writeFileSync(
      bad,
      'payer_id,member_id,last_name,first_name,dob,sex,coverage_start,coverage_end,plan_name\nP,M,L,F,1980-02-30,F,2025-01-01,,X\n',
    );
    const r = await run(demo('demo-837p.x12'), '--eligibility', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad-roster.csv line 2, column dob');
  });

  it('reports X12 problems in errors and still checks the readable claims', async () => {
    const broken = readFileSync(demo('demo-837p.x12'), 'utf8').replace(
      'DTP*472*D8*20260203',
      'DTP*472*D8*20260299',
    );
    const file = join(scratch, 'broken.x12');
    writeFileSync(file, broken);
    const r = await run(file, '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as AnalyzeReport;
    expect(report.errors[0]).toMatchObject({ file: 'broken.x12', code: 'X12_INVALID_DATE' });
    expect(report.errors[0]!.line).toBeGreaterThan(0);
    expect(report.summary.claims).toBeGreaterThanOrEqual(9);
  });
});
