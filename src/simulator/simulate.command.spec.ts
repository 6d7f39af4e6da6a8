import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseSimulateArgs, simulateCommand } from './simulate.command.js';

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('claimguard simulate', () => {
  it('parses its options', () => {
    expect(
      parseSimulateArgs([
        '--months',
        '2',
        '--claims-per-month',
        '50',
        '--seed',
        'abc',
        '--out',
        '/tmp/x',
        '--start',
        '2025-11',
        '--defect-rate',
        'note-missing=0.02',
        '--defect-rate',
        'filed-late=0',
        '--max-claims-per-file',
        '10',
      ]),
    ).toEqual({
      out: '/tmp/x',
      seed: 'abc',
      months: 2,
      claimsPerMonth: 50,
      start: '2025-11',
      defectRates: { 'note-missing': 0.02, 'filed-late': 0 },
      maxClaimsPerFile: 10,
    });
  });

  it('refuses bad arguments with exit 2 and says why', async () => {
    const out = sink();
    const err = sink();
    const code = await simulateCommand(
      ['--months', '0', '--start', '2026-13', '--defect-rate', 'bogus=1', '--defect-rate', 'note-missing=2'],
      out.stream,
      err.stream,
    );
    expect(code).toBe(2);
    const text = err.text();
    expect(text).toMatch(/--months must be a whole number ≥ 1/);
    expect(text).toMatch(/--out DIR is required/);
    expect(text).toMatch(/--start must be a month YYYY-MM/);
    expect(text).toMatch(/kind among coverage-ended/);
    expect(text).toMatch(/between 0 and 1, got "2"/);
  });

  it('writes a small history and reports it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-simcmd-'));
    try {
      const out = sink();
      const err = sink();
      const code = await simulateCommand(
        ['--months', '2', '--claims-per-month', '40', '--seed', '7', '--out', dir, '--start', '2025-12'],
        out.stream,
        err.stream,
      );
      expect({ code, err: err.text() }).toEqual({ code: 0, err: '' });
      expect(out.text()).toMatch(/2025-12: 40 claims written/);
      expect(out.text()).toMatch(/2026-01: 40 claims written/);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
        claims: number;
        files: string[];
      };
      expect(manifest.claims).toBe(80);
      expect(manifest.files).toEqual(
        expect.arrayContaining(['truth.json', 'eligibility.csv', 'months/2026-01/documentation.csv']),
      );
      const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as {
        claims: { claim: string }[];
      };
      expect(truth.claims).toHaveLength(80);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
