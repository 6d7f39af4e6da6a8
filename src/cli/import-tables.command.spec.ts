import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { importTablesCommand } from './import-tables.command.js';

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

describe('importTablesCommand', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimguard-tables-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('converts a CMS NCCI file into the table the rules read', async () => {
    const src = join(dir, 'ptp.txt');
    writeFileSync(
      src,
      [
        'CPT codes and descriptions only are copyright American Medical Association (notice line)',
        'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale',
        '29881\t29877\t\t20000101\t*\t1\tStandards of medical / surgical practice',
        '93000\t93005\t*\t19960101\t*\t0\tMisuse of column two code with column one code',
      ].join('\n'),
    );
    const out = sink();
    const err = sink();
    const code = await importTablesCommand(
      ['--ncci', src, '--out', join(dir, 'tables')],
      out.stream,
      err.stream,
    );
    expect([code, err.text()]).toEqual([0, '']);
    expect(out.text()).toContain('2 rows from 1 file(s)');
    const table = readFileSync(join(dir, 'tables', 'ncci-ptp.csv'), 'utf8');
    expect(table).toContain('29881,29877,1,2000-01-01,');
    expect(table).toContain('93000,93005,0,1996-01-01,');
  });

  it('exits 2 without a kind or files', async () => {
    const err = sink();
    expect(await importTablesCommand(['x.txt'], sink().stream, err.stream)).toBe(2);
    expect(err.text()).toContain('give --ncci or --mue');
    expect(await importTablesCommand(['--ncci', '--mue', 'x'], sink().stream, sink().stream)).toBe(2);
  });
});
