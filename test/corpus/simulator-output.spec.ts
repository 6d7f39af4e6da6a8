/**
 * The simulator's output, end to end: deterministic (same seed, same bytes), readable by the
 * project's own parsers without errors, and its injected defects found by the rule pack. Prints the
 * recall of every rule category with injected defects and the findings on clean claims.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalysis } from '../../src/analyze/analyze.command.js';
import { parseUpload, type UploadKind } from '../../src/inputs/input-parsing.js';
import { DEFAULT_RULES_DIR } from '../../src/rules-engine/context/context-builder.js';
import { simulate } from '../../src/simulator/simulate.js';
import type { TruthClaim } from '../../src/simulator/simulate.js';
import { parseX12 } from '../../src/x12/index.js';

const CLAIMS = 300;
const MONTH = '2026-01';

function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else
        out.set(
          r,
          createHash('sha256')
            .update(readFileSync(join(dir, r)))
            .digest('hex'),
        );
    }
  };
  walk('');
  return out;
}

describe('simulator output (1 month)', () => {
  let work: string;
  let a: string;
  let truth: { seed: string; claims: TruthClaim[]; summary: { claims: number } };

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cg-sim-'));
    a = join(work, 'a');
    simulate({
      out: a,
      seed: 'corpus-1',
      months: 1,
      claimsPerMonth: CLAIMS,
      start: MONTH,
      maxClaimsPerFile: 120,
    });
    truth = JSON.parse(readFileSync(join(a, 'truth.json'), 'utf8')) as typeof truth;
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('is deterministic: the same seed gives the same bytes, another seed different ones', () => {
    const b = join(work, 'b');
    const c = join(work, 'c');
    simulate({
      out: b,
      seed: 'corpus-1',
      months: 1,
      claimsPerMonth: CLAIMS,
      start: MONTH,
      maxClaimsPerFile: 120,
    });
    simulate({
      out: c,
      seed: 'corpus-2',
      months: 1,
      claimsPerMonth: CLAIMS,
      start: MONTH,
      maxClaimsPerFile: 120,
    });
    const ha = hashes(a);
    expect(ha.size).toBeGreaterThan(8);
    expect([...hashes(b).entries()]).toEqual([...ha.entries()]);
    const hc = hashes(c);
    const same = [...ha.keys()].filter((k) => hc.get(k) === ha.get(k));
    // Only the payer profiles and the fee schedule (fixed by the charge master) may coincide.
    expect(same.filter((k) => !k.startsWith('rules-payers/') && k !== 'contracts.csv')).toEqual([]);
  });

  it('writes the claims asked for, split in files of at most the maximum, listed in truth.json', () => {
    expect(truth.claims).toHaveLength(CLAIMS);
    expect(truth.summary.claims).toBe(CLAIMS);
    expect(new Set(truth.claims.map((c) => c.claim)).size).toBe(CLAIMS);
    const injected = truth.claims.filter((c) => c.defects.length > 0).length / CLAIMS;
    expect(injected).toBeGreaterThan(0.06);
    expect(injected).toBeLessThan(0.2);
  });

  it('every X12 file parses with no error and every claim balances', () => {
    const dir = join(a, 'months', MONTH);
    const x12 = readdirSync(dir).filter((f) => f.endsWith('.x12'));
    expect(x12.some((f) => f.startsWith('837p'))).toBe(true);
    expect(x12.some((f) => f.startsWith('837i'))).toBe(true);
    let claims = 0;
    for (const f of x12) {
      const result = parseX12(readFileSync(join(dir, f)));
      const errors = result.issues.filter((i) => i.severity === 'error');
      expect({ file: f, errors }).toEqual({ file: f, errors: [] });
      expect(result.claims.length).toBeLessThanOrEqual(120);
      for (const c of result.claims) {
        expect(c.lines.reduce((s, l) => s + l.charge, 0)).toBe(c.totalCharge);
        const t = truth.claims.find((x) => x.claim === c.patientControlNumber)!;
        expect(t.file).toBe(`months/${MONTH}/${f}`);
        expect(c.totalCharge).toBe(t.chargeCents);
      }
      claims += result.claims.length;
    }
    expect(claims).toBe(CLAIMS);
  });

  it('every input file passes its importer with no error', () => {
    const files: [UploadKind, string][] = [
      ['eligibility', 'eligibility.csv'],
      ['contracts', 'contracts.csv'],
      ['documentation', `months/${MONTH}/documentation.csv`],
      ['fhir', `months/${MONTH}/documentation-fhir.json`],
      ['authorizations', `months/${MONTH}/authorizations.csv`],
    ];
    for (const [kind, file] of files) {
      const parsed = parseUpload(kind, readFileSync(join(a, file)), file);
      const errors = parsed.issues.filter((i) => i.severity === 'error');
      expect({ file, errors: errors.slice(0, 5) }).toEqual({ file, errors: [] });
      const count =
        parsed.records.eligibility.length +
        parsed.records.contracts.length +
        parsed.records.documentation.length +
        parsed.records.authorizations.length;
      expect(count).toBeGreaterThan(0);
    }
  });

  it('writes payer profiles identical to the ones shipped in rules/payers', () => {
    const written = readdirSync(join(work, 'a', 'rules-payers'));
    expect(written.length).toBeGreaterThan(0);
    for (const f of written) {
      expect(readFileSync(join(work, 'a', 'rules-payers', f), 'utf8')).toBe(
        readFileSync(join(DEFAULT_RULES_DIR, 'payers', f), 'utf8'),
      );
    }
  });

  it('the rule pack finds the injected defects (recall ≥ 0.9 per category)', async () => {
    // A denser sample for recall: the default mix with every rate ×3.5 (about 40% of claims).
    // SIM_SEED, SIM_CLAIMS and SIM_SCALE override the sample for a manual run.
    const seed = process.env['SIM_SEED'] ?? 'recall-1';
    const claims = Number(process.env['SIM_CLAIMS'] ?? 400);
    const scale = Number(process.env['SIM_SCALE'] ?? 3.5);
    const dense = join(work, 'dense');
    simulate({ out: dense, seed, months: 1, claimsPerMonth: claims, start: MONTH, defectScale: scale });
    const denseTruth = JSON.parse(readFileSync(join(dense, 'truth.json'), 'utf8')) as typeof truth;
    // The rules with the simulator's own payer profiles added.
    const rules = join(work, 'rules');
    cpSync(DEFAULT_RULES_DIR, rules, { recursive: true });
    for (const f of readdirSync(join(dense, 'rules-payers'))) {
      copyFileSync(join(dense, 'rules-payers', f), join(rules, 'payers', f));
    }
    const dir = join(dense, 'months', MONTH);
    const x12 = readdirSync(dir)
      .filter((f) => f.endsWith('.x12'))
      .map((f) => join(dir, f));
    const { report } = await runAnalysis([
      ...x12,
      '--eligibility',
      join(dense, 'eligibility.csv'),
      '--contracts',
      join(dense, 'contracts.csv'),
      '--documentation',
      join(dir, 'documentation.csv'),
      '--fhir',
      join(dir, 'documentation-fhir.json'),
      '--auths',
      join(dir, 'authorizations.csv'),
      '--rules',
      rules,
    ]);
    expect(report.errors).toEqual([]);
    const byId = new Map(report.claims.map((c) => [c.claimId, c]));
    const perCategory = new Map<
      string,
      { injected: number; caught: number; kinds: Map<string, [number, number]> }
    >();
    const missed: string[] = [];
    const cleanFindings = new Map<string, number>();
    let clean = 0;
    let cleanFlagged = 0;
    const notChecked = new Map<string, number>();
    for (const t of denseTruth.claims) {
      const r = byId.get(t.claim)!;
      expect(r).toBeDefined();
      for (const n of r.notChecked) notChecked.set(n, (notChecked.get(n) ?? 0) + 1);
      const fired = new Set(r.findings.map((f) => f.ruleId));
      if (t.defects.length === 0) {
        clean++;
        if (r.findings.some((f) => f.severity !== 'info')) cleanFlagged++;
        for (const f of r.findings) {
          if (process.env['SIM_DEBUG']) console.log(t.claim, f.ruleId, f.message);
          const key = `${f.ruleId} (${f.severity})`;
          cleanFindings.set(key, (cleanFindings.get(key) ?? 0) + 1);
        }
      }
      for (const d of t.defects) {
        const s = perCategory.get(d.category) ?? { injected: 0, caught: 0, kinds: new Map() };
        const k = s.kinds.get(d.kind) ?? [0, 0];
        s.injected++;
        k[1]++;
        if (d.expectedRules.some((id) => fired.has(id))) {
          s.caught++;
          k[0]++;
        } else {
          missed.push(
            `${t.claim} ${d.kind}: fired ${[...fired].join(',') || '(none)'}; not checked ${r.notChecked.join(',') || '(none)'}`,
          );
        }
        s.kinds.set(d.kind, k);
        perCategory.set(d.category, s);
      }
    }
    const lines = [...perCategory.entries()]
      .sort(([x], [y]) => x.localeCompare(y))
      .map(
        ([cat, s]) =>
          `  ${cat.padEnd(25)} ${String(s.caught).padStart(3)}/${String(s.injected).padEnd(3)} recall ${(s.caught / s.injected).toFixed(3)}  (` +
          [...s.kinds.entries()].map(([k, [c, n]]) => `${k} ${c}/${n}`).join(', ') +
          ')',
      );
    console.log(
      [
        `simulator recall by rule category (${denseTruth.claims.length} claims, defect rates ×${scale}, seed ${seed}):`,
        ...lines,
        `clean claims: ${clean}, with a block/warn finding: ${cleanFlagged} (${((100 * cleanFlagged) / clean).toFixed(1)}%)`,
        `findings on clean claims: ${[...cleanFindings.entries()].map(([k, v]) => `${k} x${v}`).join(', ') || 'none'}`,
        `not checked: ${[...notChecked.entries()].map(([k, v]) => `${k} x${v}`).join(', ') || 'none'}`,
        ...(missed.length ? ['missed:', ...missed.map((m) => `  ${m}`)] : []),
      ].join('\n'),
    );
    expect(perCategory.size).toBeGreaterThanOrEqual(10);
    for (const [cat, s] of perCategory) {
      expect({ cat, recall: s.caught / s.injected >= 0.9 }).toEqual({ cat, recall: true });
    }
    expect(cleanFlagged / clean).toBeLessThan(0.05);
  }, 60_000);
});
