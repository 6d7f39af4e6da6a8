import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitCmsLine, cmsDate, dayBefore } from './cms-import-support.js';
import { importCmsMue } from './cms-mue-importer.js';
import { importCmsNcci } from './cms-ncci-importer.js';
import { loadReferenceTables, DEFAULT_REFERENCE_TABLES_DIR } from './reference-tables.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cms-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A synthetic file in the layout of the CMS practitioner PTP text files (notice, split header, tab rows). */
const NCCI_TXT = [
  'CPT codes, descriptions and other data only are copyright American Medical Association (synthetic notice).',
  '',
  'Column1\tColumn2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier\tPTP Edit Rationale',
  '\t\t\t\t*=no data\t0=not allowed\t',
  '\t\t\t\t\t1=allowed\t',
  '\t\t\t\t\t9=not applicable\t',
  '29881\t29877\t\t20090101\t*\t1\tMisuse of column two code with column one code',
  '20610\t76942\t\t20150101\t*\t0\tStandards of medical / surgical practice',
  '97140\t97124\t*\t19960101\t20200101\t1\tMutually exclusive procedures',
  '11111\t22222\t\t20200101\t20200101\t1\tDeleted on its effective date',
  '33333\t44444\t\t2020-01-01\t*\t1\tBad date',
  '55555\t66666\t\t20200101\t*\t7\tBad modifier',
].join('\r\n');

const NCCI_CSV_PART2 = [
  '"Column 1","Column 2","*=in existence prior to 1996","Effective Date","Deletion Date","Modifier","PTP Edit Rationale"',
  '"43239","43235","","20000101","*","1","CPT Manual or CMS manual coding instructions, ""see note"""',
].join('\n');

const MUE_CSV = [
  '"CPT codes, descriptions and other data only are copyright American Medical Association (synthetic notice)."',
  '"HCPCS/CPT Code","Practitioner Services MUE Values","MUE Adjudication Indicator","MUE Rationale"',
  '"97110","6","3 Date of Service Edit: Clinical","Clinical: Data"',
  '"99213","1","2 Date of Service Edit: Policy","Code Descriptor / CPT Instruction"',
  '"J1885","8","3 Date of Service Edit: Clinical","Clinical: Data"',
  '"E0601","1","1 Line Edit","Nature of Equipment"',
  '"12345","x","2 Date of Service Edit: Policy","bad units"',
  '"23456","1","Policy","bad indicator"',
].join('\n');

describe('CMS line helpers', () => {
  it('split tab and quoted CSV lines; read CMS dates', () => {
    expect(splitCmsLine('a\t b \t"c"')).toEqual(['a', 'b', 'c']);
    expect(splitCmsLine('"a, b","c ""q""",d')).toEqual(['a, b', 'c "q"', 'd']);
    expect(cmsDate('20240229')).toBe('2024-02-29');
    expect(cmsDate('20230229')).toBeNull();
    expect(cmsDate('*')).toBeNull();
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
  });
});

describe('importCmsNcci', () => {
  it('streams CMS PTP files into the claimguard table the loader reads', async () => {
    writeFileSync(join(dir, 'ccipra-v321r0-f1.txt'), NCCI_TXT);
    writeFileSync(join(dir, 'ccipra-v321r0-f2.csv'), NCCI_CSV_PART2);
    const out = join(dir, 'operator');
    const result = await importCmsNcci(
      [join(dir, 'ccipra-v321r0-f1.txt'), join(dir, 'ccipra-v321r0-f2.csv')],
      {
        outDir: out,
        importedAt: '2026-01-02',
      },
    );
    expect(result).toEqual({
      outPath: join(out, 'ncci-ptp.csv'),
      files: [join(dir, 'ccipra-v321r0-f1.txt'), join(dir, 'ccipra-v321r0-f2.csv')],
      rows: 4,
      skippedLines: 8,
      rejected: [
        'ccipra-v321r0-f1.txt:11: effective date "2020-01-01" is not YYYYMMDD',
        'ccipra-v321r0-f1.txt:12: modifier indicator "7" is not 0, 1 or 9',
      ],
      rejectedCount: 2,
    });
    expect(readFileSync(result.outPath, 'utf8')).toBe(
      [
        '# source: CMS NCCI PTP edits, imported by claimguard on 2026-01-02 from ccipra-v321r0-f1.txt; ccipra-v321r0-f2.csv',
        'column1,column2,modifier_indicator,effective_start,effective_end',
        '29881,29877,1,2009-01-01,',
        '20610,76942,0,2015-01-01,',
        '97140,97124,1,1996-01-01,2019-12-31',
        '43239,43235,1,2000-01-01,',
        '',
      ].join('\n'),
    );
    expect(existsSync(`${result.outPath}.partial`)).toBe(false);
    const tables = loadReferenceTables(DEFAULT_REFERENCE_TABLES_DIR, { operatorDir: out });
    expect(tables.ncciPairs('29881', '2026-01-10').map((p) => p.column2)).toEqual(['29877']);
    expect(tables.ncciPairs('29880', '2026-01-10')).toEqual([]);
    expect(tables.mue('99213', '2026-01-10')?.maxUnits).toBe(1);
  });

  it('can leave out edits that ended before a date', async () => {
    writeFileSync(join(dir, 'f1.txt'), NCCI_TXT);
    const result = await importCmsNcci(join(dir, 'f1.txt'), {
      outDir: dir,
      endedBefore: '2021-01-01',
      importedAt: '2026-01-02',
    });
    expect(result.rows).toBe(2);
  });

  // Streaming keeps memory flat whatever the size (read line by line); this checks a large file
  // round-trips row for row. Not a timed test: the limit only guards against a hang on a busy machine.
  it('imports a large file row for row', async () => {
    const path = join(dir, 'big.txt');
    const lines = ['Column1\tColumn2\t*\tEffective Date\tDeletion Date\tModifier\tPTP Edit Rationale'];
    for (let i = 0; i < 50_000; i++)
      lines.push(`${10000 + (i % 80000)}\t${20000 + (i % 70000)}\t\t20200101\t*\t${i % 2}\tR`);
    writeFileSync(path, lines.join('\n'));
    const result = await importCmsNcci(path, { outDir: join(dir, 'o'), importedAt: '2026-01-02' });
    expect(result.rows).toBe(50_000);
    expect(
      loadReferenceTables(DEFAULT_REFERENCE_TABLES_DIR, { operatorDir: join(dir, 'o') }).sources[0]!.rows,
    ).toBe(50_000);
  }, 60_000);
});

describe('importCmsMue', () => {
  it('streams the CMS MUE file into the claimguard table', async () => {
    writeFileSync(join(dir, 'MCR_MUE_PractitionerServices.csv'), MUE_CSV);
    const out = join(dir, 'operator');
    const result = await importCmsMue(join(dir, 'MCR_MUE_PractitionerServices.csv'), {
      outDir: out,
      effectiveStart: '2026-01-01',
      importedAt: '2026-01-02',
    });
    expect(result.rows).toBe(4);
    expect(result.skippedLines).toBe(2);
    expect(result.rejected).toEqual([
      'MCR_MUE_PractitionerServices.csv:7: MUE value "x" is not a whole number',
      'MCR_MUE_PractitionerServices.csv:8: adjudication indicator "Policy" does not start with 1, 2 or 3',
    ]);
    expect(readFileSync(result.outPath, 'utf8')).toBe(
      [
        '# source: CMS MUE table, imported by claimguard on 2026-01-02 from MCR_MUE_PractitionerServices.csv; limits in force from 2026-01-01',
        'code,max_units,adjudication_indicator,effective_start,effective_end',
        '97110,6,3,2026-01-01,',
        '99213,1,2,2026-01-01,',
        'J1885,8,3,2026-01-01,',
        'E0601,1,1,2026-01-01,',
        '',
      ].join('\n'),
    );
    const tables = loadReferenceTables(DEFAULT_REFERENCE_TABLES_DIR, { operatorDir: out });
    expect(tables.mue('97110', '2026-01-10')).toEqual({
      code: '97110',
      maxUnits: 6,
      adjudicationIndicator: 3,
      effectiveStart: '2026-01-01',
      effectiveEnd: null,
    });
    expect(tables.mue('97110', '2025-12-31')).toBeNull();
  });

  it('reads tab-delimited MUE text and rejects a bad effective date', async () => {
    writeFileSync(
      join(dir, 'mue.txt'),
      'HCPCS/CPT Code\tPractitioner Services MUE Values\tMUE Adjudication Indicator\tMUE Rationale\n99213\t1\t2 Date of Service Edit: Policy\tx\n',
    );
    const result = await importCmsMue(join(dir, 'mue.txt'), {
      outDir: join(dir, 'o'),
      importedAt: '2026-01-02',
    });
    expect(result.rows).toBe(1);
    expect(readFileSync(result.outPath, 'utf8').split('\n')[2]).toBe('99213,1,2,2000-01-01,');
    await expect(
      importCmsMue(join(dir, 'mue.txt'), { outDir: dir, effectiveStart: '2026/01/01' }),
    ).rejects.toThrow('effectiveStart 2026/01/01 is not YYYY-MM-DD');
  });
});
