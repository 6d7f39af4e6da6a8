import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeEntryProblem, createCodeMatcher } from './code-matcher.js';
import { loadPayerProfiles, PayerProfileError } from './payer-profiles.js';

const DEFAULT = `name: Default
timelyFilingDays: 365
appealDays: 180
priorAuthCodes: [70551-70553, E0601]
attachmentCodes: ['17999']
memberIdPattern: null
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): void {
  writeFileSync(join(dir, name), text);
}

function problems(): string[] {
  try {
    loadPayerProfiles(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(PayerProfileError);
    return (e as PayerProfileError).problems.map((p) => p.replace(dir + '/', ''));
  }
  throw new Error('loaded');
}

describe('code matcher', () => {
  it('matches exact codes and same-shape inclusive ranges', () => {
    const m = createCodeMatcher(['73721', '70010-76499', 'E0100-E0105', '0001T-0999T']);
    expect(m.entries).toEqual(['73721', '70010-76499', 'E0100-E0105', '0001T-0999T']);
    expect(m.has('73721')).toBe(true);
    expect(m.has(' 70010 ')).toBe(true);
    expect(m.has('76499')).toBe(true);
    expect(m.has('76500')).toBe(false);
    expect(m.has('7372F')).toBe(false);
    expect(m.has('e0103')).toBe(true);
    expect(m.has('E0106')).toBe(false);
    expect(m.has('E010')).toBe(false);
    expect(m.has('0042T')).toBe(true);
    expect(m.has('99213')).toBe(false);
  });

  it('rejects bad entries', () => {
    expect(codeEntryProblem('73721')).toBeNull();
    expect(codeEntryProblem('7372-73721')).toBe('"7372-73721": both ends of a range need the same length');
    expect(codeEntryProblem('E0100-10105')).toBe(
      '"E0100-10105": both ends of a range need letters and digits in the same places',
    );
    expect(codeEntryProblem('73723-73721')).toBe(
      '"73723-73721": the range must run upwards between two different codes',
    );
    expect(codeEntryProblem('73-72-1')).toBe('"73-72-1" is not a code or a range (one "-" at most)');
    expect(codeEntryProblem('7 721')).toMatch(/is not 4 to 7 letters and digits/);
  });
});

describe('loadPayerProfiles', () => {
  it('loads the shipped profiles', () => {
    const payers = loadPayerProfiles();
    expect(payers.all.map((p) => p.source)).toEqual([
      'default.yaml',
      'example-commercial.yaml',
      'example-medicare-part-b.yaml',
      'simma01.yaml',
      'simmcd01.yaml',
      'testpayer.yaml',
    ]);
    const d = payers.defaultProfile;
    expect(d).toMatchObject({ payerIds: [], timelyFilingDays: 365, appealDays: 180, memberIdPattern: null });
    for (const code of [
      '70551',
      '72158',
      '73221',
      '73721',
      '74183',
      '70496',
      '71275',
      '72131',
      '73206',
      '73706',
      '74178',
      '78815',
      '95811',
      'E0260',
      'E0601',
      'K0823',
    ])
      expect([code, d.priorAuthCodes.has(code)]).toEqual([code, true]);
    expect(d.priorAuthCodes.has('99213')).toBe(false);
    expect(d.attachmentCodes.entries).toEqual(['17999', '20999', '64999']);
    const t = payers.forPayer(' testpayer ');
    expect(t).toMatchObject({
      name: 'Test payer (synthetic)',
      timelyFilingDays: 90,
      appealDays: 60,
      memberIdPattern: null,
    });
    expect(t.priorAuthCodes.has('73721')).toBe(true);
    expect(t.priorAuthCodes.has('97110')).toBe(true);
    const mcr = payers.forPayer('TESTMCR01');
    expect(mcr.timelyFilingDays).toBe(365);
    expect(mcr.memberIdPattern?.test('1EG4TE5MK73')).toBe(true);
    expect(mcr.memberIdPattern?.test('1EG4TE5MK7')).toBe(false);
    expect(mcr.memberIdPattern?.test('1SG4TE5MK73')).toBe(false);
    expect(mcr.attachmentCodes.entries).toEqual(['17999', '20999', '64999']);
    const com = payers.forPayer('TESTCOM01');
    expect(com.timelyFilingDays).toBe(180);
    expect(com.memberIdPattern?.test('ABC123456789')).toBe(true);
    expect(com.memberIdPattern?.test('XABC123456789')).toBe(false);
    expect(payers.forPayer('60054')).toBe(d);
  });

  it('inherits omitted fields from the default profile', () => {
    write('default.yaml', DEFAULT);
    write('a.yaml', 'name: A\npayerIds: [P1, 2]\ntimelyFilingDays: 90\nmemberIdPattern: "[A-Z]{2}[0-9]+"\n');
    const payers = loadPayerProfiles(dir);
    const a = payers.forPayer('2');
    expect(payers.forPayer('p1')).toBe(a);
    expect(a).toMatchObject({
      name: 'A',
      payerIds: ['P1', '2'],
      timelyFilingDays: 90,
      appealDays: 180,
      source: 'a.yaml',
    });
    expect(a.priorAuthCodes.entries).toEqual(['70551-70553', 'E0601']);
    expect(a.memberIdPattern?.test('AB123')).toBe(true);
    expect(a.memberIdPattern?.test('AB123X')).toBe(false);
  });

  it('requires default.yaml', () => {
    expect(() => loadPayerProfiles(dir)).toThrow(/default payer profile is required/);
  });

  it('names every problem with file and line', () => {
    write('default.yaml', 'name: Default\ntimelyFilingDays: 365\n');
    write(
      'b.yaml',
      'name: B\npayerIds: [P1]\ntimelyFilingDays: -3\npriorAuthCodes:\n  - "73721"\n  - 73723-73721\ncolour: red\nmemberIdPattern: "(("\n',
    );
    write('c.yaml', 'name: C\npayerIds: [p1]\n');
    write('d.yaml', 'name: [unclosed\n');
    write('e.yaml', 'name: E\n');
    expect(problems()).toEqual([
      'default.yaml:1: appealDays: required in the default profile',
      'default.yaml:1: priorAuthCodes: required in the default profile',
      'default.yaml:1: attachmentCodes: required in the default profile',
      'default.yaml:1: memberIdPattern: required in the default profile',
      'b.yaml:3: timelyFilingDays: Too small: expected number to be >0',
      'b.yaml:6: priorAuthCodes.1: "73723-73721": the range must run upwards between two different codes',
      expect.stringMatching(/^b\.yaml:8: memberIdPattern: not a regular expression: /),
      'b.yaml:7: colour: unknown field',
      expect.stringMatching(/^d\.yaml:2: not valid YAML: /),
      'e.yaml:1: payerIds: a payer profile needs at least one payer id',
    ]);
  });

  it('rejects a payer id in two files', () => {
    write('default.yaml', DEFAULT);
    write('b.yaml', 'name: B\npayerIds: [P1]\n');
    write('c.yaml', 'name: C\npayerIds: [" p1"]\n');
    expect(problems()).toEqual([`c.yaml: payerIds: payer id P1 is already in ${join(dir, 'b.yaml')}`]);
  });
});
