import { importHcpcs } from './hcpcs-importer.js';

const TSV = [
  'code\tshort_description\tlong_description',
  'A4100\tNosht skin sub fda clrd nos\tNon-sheet form skin substitute',
  'G0008\tAdmin influenza virus vac\tAdministration of influenza virus vaccine',
  'GT\tInteractivetelecommunication\tVia interactive audio and video telecommunication systems',
  '',
].join('\n');
const source = (text: string) => ({ name: 'hcpcs_2026_jan.tsv', bytes: new TextEncoder().encode(text) });

describe('importHcpcs', () => {
  it('keeps code and short description, counts codes and modifiers, and records the release', () => {
    const sut = importHcpcs(source(TSV), { release: '2026-01' });
    expect(sut.fileName).toBe('hcpcs-2026-01.tsv.gz');
    expect([sut.procedureCodes, sut.modifiers]).toEqual([2, 1]);
    expect(sut.file.columns).toEqual(['code', 'short_description']);
    expect(sut.file.rows).toEqual([
      ['A4100', 'Nosht skin sub fda clrd nos'],
      ['G0008', 'Admin influenza virus vac'],
      ['GT', 'Interactivetelecommunication'],
    ]);
    expect(sut.file.meta).toMatchObject({
      kind: 'hcpcs',
      release: '2026-01',
      'effective-from': '2026-01-01',
      'source-file': 'hcpcs_2026_jan.tsv',
      'count-procedure': '2',
      'count-modifier': '1',
      'count-rows': '3',
    });
    expect(sut.file.meta['effective-dating']).toMatch(/per release/);
  });

  it('refuses a bad release', () => {
    expect(() => importHcpcs(source(TSV), { release: '2026-13' })).toThrow(/YYYY-MM/);
    expect(() => importHcpcs(source(TSV), { release: '2026' })).toThrow(/YYYY-MM/);
  });

  it('refuses CDT, CPT and duplicate codes, naming the line', () => {
    expect(() => importHcpcs(source(`${TSV}D0120\tPeriodic oral eval\tx\n`), { release: '2026-01' })).toThrow(
      'hcpcs_2026_jan.tsv line 5: "D0120" is not a HCPCS Level II code',
    );
    expect(() => importHcpcs(source(`${TSV}99213\tOffice visit\tx\n`), { release: '2026-01' })).toThrow(
      /not a HCPCS Level II code/,
    );
    expect(() => importHcpcs(source(`${TSV}GT\tagain\tx\n`), { release: '2026-01' })).toThrow(
      /GT appears twice/,
    );
  });

  it('refuses a file without the header line', () => {
    expect(() => importHcpcs(source('A4100\tx\n'), { release: '2026-01' })).toThrow(/must name the columns/);
  });
});
