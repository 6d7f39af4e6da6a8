import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCommand, parseDemoArgs } from './demo.command.js';

describe('demo command (without the database)', () => {
  it('parses its options with the demo defaults', () => {
    expect(parseDemoArgs([])).toEqual({
      out: './data/demo',
      months: 3,
      claimsPerMonth: 700,
      seed: 'demo',
      ingest: true,
    });
    expect(() => parseDemoArgs(['--months', '0'])).toThrow(RangeError);
  });

  it('simulates and reports with --no-ingest; rejects bad options with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-demo-'));
    try {
      let out = '';
      let err = '';
      const sink = (f: (t: string) => void) => ({ write: (t: string) => (f(t), true) });
      const code = await demoCommand(
        ['--out', dir, '--months', '1', '--claims-per-month', '40', '--no-ingest'],
        sink((t) => (out += t)),
        sink((t) => (err += t)),
      );
      expect(code).toBe(0);
      expect(out).toMatch(/40 claims, \d+ files; \d+ remittances, denial rate/);
      expect(
        await demoCommand(
          ['--months', 'x'],
          sink(() => {}),
          sink((t) => (err += t)),
        ),
      ).toBe(2);
      expect(err).toMatch(/--months/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
