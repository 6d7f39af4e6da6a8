import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  csvHeader,
  jsonHead,
  kindNamedBy,
  looksLikeX12,
  SNIFF_HEAD_BYTES,
  sniffInboxFile,
} from './inbox-sniff.js';

const fixtures = join(process.cwd(), 'fixtures');
const read = (path: string): Buffer => readFileSync(join(fixtures, path));
const head = (content: Buffer | string): Buffer =>
  (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).subarray(0, SNIFF_HEAD_BYTES);
const sniff = (
  content: Buffer | string,
  name = 'file.txt',
  folder: Parameters<typeof sniffInboxFile>[2] = null,
) => sniffInboxFile(head(content), name, folder);

const AUTH_HEADER =
  'auth_number,payer_id,member_id,patient_last_name,patient_first_name,patient_dob,procedure_code,units_approved,start_date,end_date,status,provider_npi';

describe('sniffInboxFile: X12', () => {
  it.each(readdirSync(join(fixtures, 'x12/valid')).filter((f) => f.endsWith('.x12')))(
    'reads valid/%s as X12',
    (file) => {
      expect(sniff(read(`x12/valid/${file}`), file)).toEqual({ route: 'x12' });
    },
  );

  it('sends X12 that is broken after its ISA to ingest too (ingest reports its issues)', () => {
    expect(sniff(read('x12/invalid/missing-iea-truncated.x12'))).toEqual({ route: 'x12' });
    expect(sniff(read('x12/invalid/isa-105-chars.x12'))).toEqual({ route: 'x12' });
  });

  it('takes X12 content to ingest even in a kind folder', () => {
    expect(sniff(read('x12/valid/271-eligibility-response.x12'), 'r.x12', 'eligibility')).toEqual({
      route: 'x12',
    });
  });

  it('sees a BOM, leading white space, UTF-16 and a bare ST segment', () => {
    expect(looksLikeX12(Buffer.from('\uFEFF \r\n ISA*00*', 'utf8'))).toBe(true);
    expect(looksLikeX12(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ISA*00*', 'utf16le')]))).toBe(
      true,
    );
    const be = Buffer.from('ISA*00*', 'utf16le').swap16();
    expect(looksLikeX12(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(true);
    expect(looksLikeX12(Buffer.from('ST*835*0001~BPR*I~'))).toBe(true);
    expect(looksLikeX12(Buffer.from('ISAAC,NEWTON\n'))).toBe(false);
    expect(looksLikeX12(Buffer.from('STATUS,CODE\n'))).toBe(false);
    expect(looksLikeX12(Buffer.from(''))).toBe(false);
  });
});

describe('sniffInboxFile: inputs', () => {
  it.each([
    ['inputs/authorizations.csv', 'authorizations'],
    ['inputs/authorizations.json', 'authorizations'],
    ['inputs/documentation.csv', 'documentation'],
    ['inputs/eligibility.csv', 'eligibility'],
    ['inputs/contracts.csv', 'contracts'],
    ['inputs/fhir-bundle.json', 'fhir'],
    ['analyze/authorizations.csv', 'authorizations'],
    ['analyze/eligibility.csv', 'eligibility'],
    // Broken rows, but a header of its kind: the importer reports the rows.
    ['inputs/invalid/authorizations.csv', 'authorizations'],
    ['inputs/invalid/fhir-bundle.json', 'fhir'],
  ])('reads %s as %s from its content, whatever its name', (path, kind) => {
    expect(sniff(read(path), 'export.dat')).toEqual({ route: 'input', kind, decidedBy: 'content' });
  });

  it('lets a kind folder decide, whatever the content', () => {
    expect(sniff(read('inputs/contracts.csv'), 'x.csv', 'authorizations')).toEqual({
      route: 'input',
      kind: 'authorizations',
      decidedBy: 'folder',
    });
    expect(sniff(Buffer.from([0, 1, 2, 3]), 'junk.bin', 'fhir')).toMatchObject({
      route: 'input',
      kind: 'fhir',
    });
  });

  it('takes the kind a file name starts with when the header matches none (the importer then names the missing columns)', () => {
    expect(sniff(read('inputs/invalid/contracts-header.csv'), 'contracts-header.csv')).toEqual({
      route: 'input',
      kind: 'contracts',
      decidedBy: 'name',
    });
    expect(kindNamedBy('Authorizations-2026-11.csv')).toBe('authorizations');
    expect(kindNamedBy('auths.csv')).toBeNull();
  });

  it('settles a header that carries several kinds by the file name, and refuses it without one', () => {
    const both = `${AUTH_HEADER},allowed_amount,effective_start\n`;
    expect(sniff(both, 'contracts-2026.csv')).toEqual({
      route: 'input',
      kind: 'contracts',
      decidedBy: 'name',
    });
    const unnamed = sniff(both, 'mixed.csv');
    expect(unnamed.route).toBe('unknown');
    expect(unnamed.route === 'unknown' && unnamed.reason).toMatch(
      /several input kinds \(authorizations, contracts\)/,
    );
    // A name naming a kind the header does not carry does not override the content.
    expect(sniff(both, 'eligibility.csv').route).toBe('unknown');
  });

  it('names the closest kind and its missing columns when a header matches none', () => {
    const r = sniff('payer_id,procedure_code,effective_start\nA,99213,2024-01-01\n', 'rates.csv');
    expect(r.route).toBe('unknown');
    expect(r.route === 'unknown' && r.reason).toMatch(/closest: contracts, missing allowed_amount/);
    const prose = sniff(read('x12/invalid/not-x12-text.x12'), 'not-x12-text.x12');
    expect(prose.route === 'unknown' && prose.reason).toMatch(/CSV header row does not carry/);
  });

  it('recognizes a FHIR bundle from the first 64 KiB of a much larger file', () => {
    const entries = Array.from({ length: 4000 }, (_, i) => ({
      resource: { resourceType: 'Patient', id: `p${i}`, name: [{ family: 'TESTPATIENT', given: ['ALPHA'] }] },
    }));
    const big = JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: entries }, null, 2);
    expect(big.length).toBeGreaterThan(4 * SNIFF_HEAD_BYTES);
    expect(sniff(big, 'export.json')).toEqual({ route: 'input', kind: 'fhir', decidedBy: 'content' });
    // resourceType after a long first member still counts; a nested one does not.
    const late = JSON.stringify({ meta: { resourceType: 'Patient', tag: ['x'] }, resourceType: 'Bundle' });
    expect(sniff(late)).toMatchObject({ kind: 'fhir' });
  });

  it('refuses JSON objects that are not bundles, and JSON arrays of no known kind', () => {
    const patient = sniff('{"resourceType":"Patient","id":"p1"}');
    expect(patient.route === 'unknown' && patient.reason).toMatch(/resourceType "Patient"/);
    const plain = sniff('{"rows":[]}');
    expect(plain.route === 'unknown' && plain.reason).toMatch(/without a top-level resourceType/);
    const numbers = sniff('[1, 2, 3]');
    expect(numbers.route === 'unknown' && numbers.reason).toMatch(/first element is not an object/);
    const empty = sniff('[]', 'authorizations.json');
    expect(empty).toEqual({ route: 'input', kind: 'authorizations', decidedBy: 'name' });
  });

  it('refuses binary content, bytes that are not UTF-8, and empty files', () => {
    const zip = sniff(read('x12/invalid/binary-nul.x12'), 'binary-nul.x12');
    expect(zip.route === 'unknown' && zip.reason).toMatch(/not text/);
    expect(sniff(Buffer.from([0x61, 0x2c, 0xff, 0xfe, 0x0a])).route).toBe('unknown');
    expect(sniff(Buffer.alloc(0))).toEqual({ route: 'unknown', reason: 'the file is empty' });
    expect(sniff(' \n\t\n')).toEqual({ route: 'unknown', reason: 'the file holds only white space' });
  });

  it('reads a head cut inside a multi-byte character as text', () => {
    const text = `${AUTH_HEADER}\n${'AUTH-1,P,M,ÉLODIE,Ä,1980-01-01,99213,1,2024-01-01,2024-02-01,approved,\n'.repeat(2000)}`;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.length).toBeGreaterThan(SNIFF_HEAD_BYTES);
    // Cut every byte offset near the limit: some land inside É or Ä.
    for (let cut = SNIFF_HEAD_BYTES - 4; cut <= SNIFF_HEAD_BYTES; cut++) {
      expect(sniffInboxFile(bytes.subarray(0, cut), 'x.csv', null)).toMatchObject({ kind: 'authorizations' });
    }
  });
});

describe('csvHeader', () => {
  it('reads the first record with content, quoted cells included', () => {
    expect(csvHeader('\r\n\n,,\n"a,b", "c""d" ,e\r\nx,y,z\n')).toEqual(['a,b', 'c"d', 'e']);
    expect(csvHeader('one\rtwo')).toEqual(['one']);
    expect(csvHeader('"line\nbreak",x\n')).toEqual(['line\nbreak', 'x']);
  });

  it('gives null when there is no header in the head', () => {
    expect(csvHeader('')).toBeNull();
    expect(csvHeader('\n\n')).toBeNull();
    expect(csvHeader('"never closed,a,b')).toBeNull();
  });
});

describe('jsonHead', () => {
  it("gives the first record's own keys, not nested ones", () => {
    expect(jsonHead('[{"a": 1, "b": {"c": [1, {"d": 2}]}, "e\\u0041": "x"}, {"z": 1}]')).toEqual({
      firstRecordKeys: ['a', 'b', 'eA'],
    });
  });

  it('gives nothing for a record cut off by the end of the head', () => {
    expect(jsonHead('[{"a": 1, "b": "unterminated')).toEqual({});
    expect(jsonHead('[{"a": 1, "b"')).toEqual({});
  });

  it('gives the resourceType of the top object only', () => {
    expect(jsonHead('{"id": "x", "resourceType" : "Bundle"}')).toEqual({ resourceType: 'Bundle' });
    expect(jsonHead('{"entry": [{"resourceType": "Patient"}]}')).toEqual({});
    expect(jsonHead('{"resourceType": 3}')).toEqual({});
  });
});
