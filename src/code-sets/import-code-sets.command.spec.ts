import { zipSync } from 'fflate';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCodeSetFile } from './code-set-files.js';
import { runCodeSetsImport } from './import-code-sets.command.js';

async function run(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCodeSetsImport(argv, (l) => lines.push(l));
  return { code, lines };
}

const line = (order: number, code: string, flag: 0 | 1, short: string) =>
  `${String(order).padStart(5, '0')} ${code.padEnd(7)} ${flag} ${short.padEnd(60)} ${short}`;

describe('runCodeSetsImport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-cmd-'));

  it('imports an ICD-10-CM zip for a fiscal year', async () => {
    const zip = join(dir, '2026-code-descriptions-tabular-order.zip');
    const order = [
      line(1, 'E11', 0, 'Type 2 diabetes mellitus'),
      line(2, 'E119', 1, 'T2DM w/o complications'),
    ].join('\r\n');
    writeFileSync(zip, zipSync({ 'icd10cm_order_2026.txt': new TextEncoder().encode(order) }));
    const out = join(dir, 'out');
    const sut = await run('import-code-sets', '--icd10cm', zip, '--fiscal-year', '2026', '--out', out);
    expect(sut.code).toBe(0);
    expect(sut.lines[0]).toMatch(
      /icd10cm-fy2026\.tsv\.gz: ICD-10-CM FY2026 \(2025-10-01\.\.2026-09-30\), 1 billable, 1 headers/,
    );
    expect(readCodeSetFile(join(out, 'icd10cm-fy2026.tsv.gz')).rows).toEqual([
      ['E11', '0', 'Type 2 diabetes mellitus'],
      ['E119', '1', 'T2DM w/o complications'],
    ]);
  });

  it('imports a HCPCS TSV for a release', async () => {
    const tsv = join(dir, 'h.tsv');
    writeFileSync(tsv, 'code\tshort_description\tlong_description\nA4100\tSkin sub\tx\nGT\tTele\ty\n');
    const sut = await run('--hcpcs', tsv, '--release', '2026-01', '--out', join(dir, 'out'));
    expect(sut).toEqual({
      code: 0,
      lines: [
        expect.stringMatching(
          /hcpcs-2026-01\.tsv\.gz: HCPCS Level II 2026-01 \(from 2026-01-01\), 1 codes, 1 modifiers/,
        ),
      ],
    });
  });

  it('imports a licensed list and lists rejected rows', async () => {
    const csv = join(dir, 'rarc.csv');
    writeFileSync(csv, 'code,description\nN130,Consult plan\nXX1,bad\n');
    const out = join(dir, 'licensed');
    const sut = await run('--licensed', 'rarc', csv, '--out', out);
    expect(sut.code).toBe(0);
    expect(sut.lines[0]).toMatch(
      /licensed-rarc\.tsv\.gz: 1 rarc codes \(1 with a description\), 0 duplicates skipped, 1 rows rejected/,
    );
    expect(sut.lines[1]).toMatch(/line 3: "XX1"/);
    expect(existsSync(join(out, 'licensed-rarc.tsv.gz'))).toBe(true);
  });

  it('exits 2 on usage errors', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('--icd10cm', 'a', '--hcpcs', 'b')).code).toBe(2);
    expect((await run('--hcpcs', 'b')).lines[0]).toBe('error: --hcpcs needs --release YYYY-MM');
    expect((await run('--licensed', 'ncci', 'f.csv')).code).toBe(2);
    expect((await run('--icd10cm', 'a.zip', '--fiscal-year', 'next')).code).toBe(2);
    expect((await run('--bogus')).code).toBe(2);
  });

  it('exits 1 when the source is missing or wrong, and 0 for --help', async () => {
    const missing = await run(
      '--hcpcs',
      join(dir, 'none.tsv'),
      '--release',
      '2026-01',
      '--out',
      join(dir, 'o2'),
    );
    expect(missing.code).toBe(1);
    expect(missing.lines[0]).toMatch(/^error: .*ENOENT/);
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, 'nothing here\n');
    expect((await run('--hcpcs', bad, '--release', '2026-01', '--out', join(dir, 'o2'))).code).toBe(1);
    expect((await run('--help')).code).toBe(0);
  });
});
