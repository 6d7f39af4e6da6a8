import { Writable } from 'node:stream';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspectCommand, inspectFile } from './inspect.command.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'x12');

function sink(): { out: Writable; text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { out, text: () => chunks.join('') };
}

describe('claimguard inspect', () => {
  it('summarises a clean remittance and exits 0', async () => {
    const { out, text } = sink();
    const code = await inspectCommand(
      [join(fixtures, 'valid', '835-full.x12')],
      { strict: false, json: false, maxIssues: 50 },
      out,
    );
    expect(code).toBe(0);
    expect(text()).toContain('transaction sets: 1 × 835');
    expect(text()).toContain('claim payments: 4');
    expect(text()).toContain('issues: 0 errors, 0 warnings');
  });

  it('lists positioned issues, exits 1 on errors, and honours --strict', async () => {
    const file = join(fixtures, 'invalid', 'se01-wrong.x12');
    const lenient = await inspectFile(file, { strict: false });
    expect([lenient.errors, lenient.warnings]).toEqual([0, 1]);
    const { out, text } = sink();
    const code = await inspectCommand([file], { strict: true, json: false, maxIssues: 50 }, out);
    expect(code).toBe(1);
    expect(text()).toMatch(/error X12_SE_COUNT_MISMATCH at se01-wrong\.x12, line \d+, byte \d+, SE01/);
  });

  it('reports a file that is not X12, or missing, without throwing', async () => {
    const notX12 = await inspectFile(join(fixtures, 'invalid', 'not-x12-text.x12'), { strict: false });
    expect(notX12.readable).toBe(false);
    expect(notX12.issues.map((i) => i.code)).toEqual(['X12_NOT_X12']);
    const missing = await inspectFile(join(fixtures, 'no-such-file.x12'), { strict: false });
    expect(missing.readable).toBe(false);
    expect(missing.issues[0]!.message).toMatch(/cannot read file: .*ENOENT/);
  });

  it('writes one JSON line per file with --json', async () => {
    const { out, text } = sink();
    await inspectCommand(
      [join(fixtures, 'valid', '837p-basic.x12')],
      { strict: false, json: true, maxIssues: 50 },
      out,
    );
    const report = JSON.parse(text().trim());
    expect(report).toMatchObject({ claims: 2, transactions: { '837P': 1 }, errors: 0 });
  });
});
