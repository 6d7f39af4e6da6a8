import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseX12 } from '../x12/index.js';
import type { SimClaim } from './encounters.js';
import { generatePractice, payerById } from './practice.js';
import { Rng } from './rng.js';
import { money, X12ClaimFile } from './x12-writer.js';

function claim(practice: ReturnType<typeof generatePractice>, over: Partial<SimClaim> = {}): SimClaim {
  const provider = practice.providers[0]!;
  return {
    id: 'S2601TEST1',
    type: 'professional',
    payer: payerById('TESTCOM01'),
    sequence: 'P',
    groupNumber: 'GRP1234',
    subscriber: {
      memberId: 'XKC123456789',
      lastName: 'QUILLFEATHER',
      firstName: 'MARIA',
      dob: '1970-05-06',
      sex: 'F',
      address: { line: '1 FAKE LANE', city: 'SAMPLEVILLE', state: 'PA', zip: '999990001' },
    },
    patientKey: 'P1',
    specialty: 'primary-care',
    visit: 'test',
    provider,
    providerNpi: provider.npi,
    location: practice.locations[0]!,
    serviceDate: '2026-01-12',
    diagnoses: ['E11.9', 'E78.5'],
    lines: [
      { code: '99214', modifiers: ['25'], units: 1, chargeCents: 16500, pointers: [1, 2], revenueCode: '' },
      { code: '83036', modifiers: [], units: 1, chargeCents: 3975, pointers: [1], revenueCode: '' },
    ],
    priorAuth: 'SA00000001',
    defects: [],
    ...over,
  };
}

describe('X12 837 writer', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'cg-x12w-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('formats cents exactly', () => {
    expect(money(15000)).toBe('150');
    expect(money(3075)).toBe('30.75');
    expect(money(1050)).toBe('10.5');
    expect(money(5)).toBe('0.05');
    expect(() => money(1.5)).toThrow(TypeError);
  });

  it('writes an 837P the project parser reads back with no issue, counts and amounts right', () => {
    const practice = generatePractice(new Rng('w'));
    const path = join(dir, 'p.x12');
    const w = new X12ClaimFile(path, 'professional', practice, '2026-02-03', 7);
    w.add(claim(practice));
    w.add(claim(practice, { id: 'S2601TEST2', sequence: 'S', priorAuth: '', groupNumber: '' }));
    const info = w.close();
    expect(info).toMatchObject({ claims: 2, interchangeControlNumber: '000000007' });
    const text = readFileSync(path, 'utf8');
    const segments = text.split('~\n').filter(Boolean);
    const st = segments.findIndex((s) => s.startsWith('ST*'));
    const se = segments.findIndex((s) => s.startsWith('SE*'));
    expect(segments[se]).toBe(`SE*${se - st + 1}*0001`);
    expect(segments.at(-2)).toBe('GE*1*7');
    expect(segments.at(-1)).toBe('IEA*1*000000007');
    const result = parseX12(text);
    expect(result.issues).toEqual([]);
    expect(result.claims).toHaveLength(2);
    const [a, b] = result.claims;
    expect(a!.patientControlNumber).toBe('S2601TEST1');
    expect(a!.totalCharge).toBe(20475);
    expect(a!.lines.map((l) => l.charge)).toEqual([16500, 3975]);
    expect(a!.priorAuthorization).toBe('SA00000001');
    expect(a!.transaction.creationDate).toBe('2026-02-03');
    expect(b!.subscriber.payerResponsibility).toBe('S');
  });

  it('writes an 837I the parser reads back with no issue', () => {
    const practice = generatePractice(new Rng('w'));
    const path = join(dir, 'i.x12');
    const w = new X12ClaimFile(path, 'institutional', practice, '2026-02-03', 8);
    w.add(
      claim(practice, {
        type: 'institutional',
        lines: [
          { code: '93306', modifiers: [], units: 1, chargeCents: 78000, pointers: [], revenueCode: '0483' },
        ],
      }),
    );
    w.close();
    const result = parseX12(readFileSync(path));
    expect(result.issues).toEqual([]);
    expect(result.claims[0]!.claimType).toBe('institutional');
    expect(result.claims[0]!.totalCharge).toBe(78000);
    expect(result.claims[0]!.lines[0]!.revenueCode).toBe('0483');
  });
});
