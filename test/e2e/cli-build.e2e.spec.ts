import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../corpus/corpus-files.js';

/**
 * The shipped artefact: compile src/ exactly as `nest build` does (tsconfig.build.json) into a
 * temporary folder and run the compiled `claimguard` CLI as a user would. Catches ESM resolution and
 * build-config problems that ts-jest cannot see.
 */
describe('compiled claimguard CLI (e2e)', () => {
  let out: string;

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'claimguard-build-'));
    execFileSync(
      process.execPath,
      [
        join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        'tsconfig.build.json',
        '--outDir',
        out,
      ],
      { cwd: projectRoot, stdio: 'pipe' },
    );
    // The compiled files are ES modules, as in dist/, and find their dependencies as an installed
    // package does.
    writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'module' }));
    symlinkSync(join(projectRoot, 'node_modules'), join(out, 'node_modules'), 'dir');
  }, 120_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [join(out, 'cli', 'main.js'), ...args], {
      cwd: projectRoot,
      encoding: 'utf8',
    });

  it('inspects a remittance and exits 0', () => {
    const r = cli('inspect', 'fixtures/x12/valid/835-full.x12');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('claim payments: 4 (paid 245.00)');
  });

  it('exits 1 with positioned issues for a broken file', () => {
    const r = cli('inspect', 'fixtures/x12/invalid/clm02-charge-mismatch.x12');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /error X12_CLAIM_CHARGE_MISMATCH at clm02-charge-mismatch\.x12, line \d+, byte \d+, CLM02/,
    );
  });

  it('exits 2 with usage for a bad command line', () => {
    expect(cli('nonsense').status).toBe(2);
    expect(cli('inspect', '--max-issues', 'lots', 'x.x12').stderr).toContain(
      '--max-issues must be a whole number',
    );
  });

  // The build lives in a temporary folder, away from the package's rules/: name it.
  const rules = join(projectRoot, 'rules');
  const demo = (name: string) => join('fixtures', 'analyze', name);

  it('analyzes the demo claims offline and prints the JSON contract', () => {
    const r = cli(
      'analyze',
      demo('demo-837p.x12'),
      '--eligibility',
      demo('eligibility.csv'),
      '--documentation',
      demo('documentation.csv'),
      '--auths',
      demo('authorizations.csv'),
      '--contracts',
      demo('contracts.csv'),
      '--rules',
      rules,
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      asOf: string;
      summary: { claims: number; flaggedClaims: number };
    };
    expect(report.asOf).toBe('2026-02-20');
    expect(report.summary).toMatchObject({ claims: 10, flaggedClaims: 9 });
  });

  it('exits 1 when --fail-on is met, and 2 for unreadable input', () => {
    expect(cli('analyze', demo('demo-837p.x12'), '--rules', rules, '--fail-on', 'block').status).toBe(1);
    const missing = cli('analyze', demo('no-such.x12'), '--rules', rules);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });

  it('lists the rules', () => {
    const r = cli('rules', 'list', rules, '--json');
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as { version: string; rules: { id: string }[] };
    expect(list.version).toMatch(/^[0-9a-f]{12}$/);
    expect(list.rules.length).toBeGreaterThanOrEqual(40);
  });
});
