import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { x12 } from '../../x12/testing/x12-text.js';
import { parseX12Inputs } from './x12-inputs.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'x12');
const fixture = (name: string) => readFileSync(join(fixtures, name));

function set(id: '271' | '278', levels: string[], purpose = '11'): string[] {
  const head =
    id === '271'
      ? [
          'ST*271*0001*005010X279A1',
          `BHT*0022*${purpose}*REF1*20240301*1200`,
          'HL*1**20*1',
          'NM1*PR*2*TESTPAYER INSURANCE*****PI*TESTPYR01',
          'HL*2*1*21*1',
          'NM1*1P*2*TESTPROVIDER CLINIC*****XX*1234567893',
        ]
      : [
          'ST*278*0001*005010X217',
          `BHT*0007*${purpose}*REF1*20240305*0900`,
          'HL*1**20*1',
          'NM1*X3*2*TESTPAYER INSURANCE*****PI*TESTPYR01',
          'HL*2*1*21*1',
          'NM1*1P*2*TESTPROVIDER CLINIC*****XX*1234567893',
          'HL*3*2*22*1',
          'NM1*IL*1*TESTPATIENT*ALPHA****MI*ZZT000123',
        ];
  const body = [...head, ...levels];
  return [...body, `SE*${body.length + 1}*0001`];
}

describe('parseX12Inputs', () => {
  it('turns a 271 into one eligibility record per member with a coverage status', () => {
    const { records, issues } = parseX12Inputs(fixture('valid/271-eligibility-response.x12'), '271.x12');
    expect(issues).toEqual([]);
    expect(records.authorizations).toEqual([]);
    expect(records.eligibility).toEqual([
      {
        payerId: 'TESTPYR01',
        memberId: 'ZZT000123',
        lastName: 'TESTPATIENT',
        firstName: 'ALPHA',
        dob: '1980-01-01',
        sex: 'F',
        coverageStart: '2024-01-01',
        coverageEnd: '2024-12-31',
        planName: 'TEST GOLD PPO',
        coverageStatus: 'active',
        origin: { source: 'x12-271', line: 9 },
      },
      {
        payerId: 'TESTPYR01',
        memberId: 'ZZT000456',
        lastName: 'TESTPATIENT',
        firstName: 'BETA',
        dob: '1975-06-15',
        sex: 'M',
        coverageStart: '2023-01-01',
        coverageEnd: '2023-12-31',
        planName: 'TEST SILVER HMO',
        coverageStatus: 'inactive',
        origin: { source: 'x12-271', line: 23 },
      },
      {
        // The dependent shares the subscriber's member id; the subscriber itself (no EB) gives no record.
        payerId: 'TESTPYR01',
        memberId: 'ZZT000789',
        lastName: 'TESTDEPENDENT',
        firstName: 'DELTA',
        dob: '2010-03-03',
        sex: 'F',
        coverageStart: '2024-01-01',
        coverageEnd: null,
        planName: 'TEST FAMILY HMO',
        coverageStatus: 'active',
        origin: { source: 'x12-271', line: 32 },
      },
    ]);
  });

  it('turns a 278 response into one authorization record per service code', () => {
    const { records, issues } = parseX12Inputs(fixture('valid/278-services-review-response.x12'), '278.x12');
    expect(issues).toEqual([]);
    expect(records.eligibility).toEqual([]);
    const common = {
      authNumber: 'ZZAUTH0001',
      payerId: 'TESTPYR01',
      memberId: 'ZZT000123',
      patientLastName: 'TESTPATIENT',
      patientFirstName: 'ALPHA',
      patientDob: '1980-01-01',
      startDate: '2024-03-10',
      endDate: '2024-06-09',
      providerNpi: '9876543213',
    };
    expect(records.authorizations).toEqual([
      {
        ...common,
        procedureCode: '27447',
        unitsApproved: 1,
        status: 'approved',
        origin: { source: 'x12-278', line: 20 },
      },
      {
        ...common,
        procedureCode: '73721',
        unitsApproved: 2,
        status: 'denied',
        origin: { source: 'x12-278', line: 26 },
      },
    ]);
  });

  it('maps HCR01 to statuses and falls back to REF BB, HSD units and DTP 472', () => {
    const event = (hcr: string, code: string) => [
      'HL*4*3*EV*0',
      hcr,
      'REF*BB*ZZBB' + code,
      'DTP*472*D8*20240315',
      'HSD*VS*6',
      `SV1*hc:${code.toLowerCase()}`,
    ];
    const hl = (lines: string[], n: number) =>
      lines.map((s) => (s.startsWith('HL*4') ? `HL*${n}*3*EV*0` : s));
    const text = x12(
      set('278', [
        ...hl(event('HCR*A4', '97110'), 4),
        ...hl(event('HCR*CT', '97112'), 5),
        ...hl(event('HCR*C', '97116'), 6),
        ...hl(event('HCR*A6', 'G0283'), 7),
        ...hl(event('HCR*NA', '97140'), 8),
      ]),
      { after: '\n' },
    );
    const { records, issues } = parseX12Inputs(text, 'statuses.x12');
    expect(
      records.authorizations.map((a) => [a.authNumber, a.procedureCode, a.status, a.unitsApproved]),
    ).toEqual([
      ['ZZBB97110', '97110', 'pending', 6],
      ['ZZBB97112', '97112', 'pending', 6],
      ['ZZBB97116', '97116', 'cancelled', 6],
      ['ZZBBG0283', 'G0283', 'approved', 6],
    ]);
    expect(records.authorizations[0]).toMatchObject({
      startDate: '2024-03-15',
      endDate: '2024-03-15',
      providerNpi: null,
    });
    expect(issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'X12_NO_AUTHORIZATION_REQUIRED',
        line: 35,
        segment: 'HL',
      }),
    ]);
  });

  it('maps X12 issues to input issues with line, byte offset, segment and element', () => {
    const { records, issues } = parseX12Inputs(fixture('invalid/278-response-bad-content.x12'), 'bad.x12');
    expect(records.authorizations).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'X12_INVALID_CODE',
        file: 'bad.x12',
        line: 15,
        byteOffset: 492,
        segment: 'HCR',
        element: 'HCR01',
      }),
      expect.objectContaining({
        severity: 'error',
        code: 'X12_INVALID_DATE',
        line: 16,
        byteOffset: 519,
        segment: 'DTP',
        element: 'DTP03',
      }),
      expect.objectContaining({
        severity: 'error',
        code: 'X12_REQUIRED_ELEMENT_MISSING',
        line: 20,
        byteOffset: 585,
        segment: 'SV1',
        element: 'SV101-2',
      }),
      expect.objectContaining({
        severity: 'error',
        code: 'X12_INVALID_NUMBER',
        line: 21,
        byteOffset: 608,
        segment: 'HSD',
        element: 'HSD02',
      }),
    ]);
  });

  it('rejects a file that holds no 271 or 278 response', () => {
    const { records, issues } = parseX12Inputs(fixture('valid/837p-basic.x12'), 'claims.x12');
    expect(records.eligibility).toEqual([]);
    expect(records.authorizations).toEqual([]);
    expect(issues).toEqual([
      {
        severity: 'error',
        code: 'X12_WRONG_TRANSACTION',
        message: expect.stringContaining('found: 837P'),
        file: 'claims.x12',
        line: 3,
        byteOffset: expect.any(Number),
        segment: 'ST',
        element: 'ST01',
      },
    ]);
  });

  it('rejects a 278 request: it is not a response', () => {
    const text = x12(set('278', ['HL*4*3*EV*0', 'UM*HS*I*3', 'SV1*HC:27447'], '13'));
    const { records, issues } = parseX12Inputs(text, 'request.x12');
    expect(records.authorizations).toEqual([]);
    expect(issues.map((i) => [i.code, i.severity])).toEqual([['X12_WRONG_TRANSACTION', 'error']]);
    expect(issues[0]!.message).toContain('278 request');
  });

  it('reports empty and non-X12 uploads', () => {
    expect(parseX12Inputs(Buffer.alloc(0), 'empty.x12').issues.map((i) => i.code)).toEqual(['INPUT_EMPTY']);
    const prose = parseX12Inputs('this is not an X12 file at all', 'prose.txt');
    expect(prose.issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'X12_NOT_X12', line: 1 }),
    ]);
  });

  it('warns about rejected and undatable 271 members; dates coverage from a single DTP 307 day or the response date', () => {
    const text = x12(
      set('271', [
        'HL*3*2*22*0',
        'NM1*IL*1*TESTPATIENT*KAPPA****MI*ZZT000555',
        'AAA*Y**72*C',
        'HL*4*2*22*0',
        'NM1*IL*1*TESTPATIENT*LAMBDA****MI*ZZT000556',
        'EB*5*IND*30*MC',
        'HL*5*2*22*0',
        'NM1*IL*1*TESTPATIENT*MU****MI*ZZT000557',
        'EB*1*IND*1',
        'DTP*307*D8*20240301',
        'EB*B*IND*98',
        'HL*6*2*22*0',
        'NM1*IL*1*TESTPATIENT*NU****MI*ZZT000558',
        'EB*B*IND*98**TEST PLAN*27*20',
      ]),
      { after: '\n' },
    );
    const { records, issues } = parseX12Inputs(text, 'edge.x12');
    expect(
      records.eligibility.map((r) => [
        r.firstName,
        r.coverageStatus,
        r.coverageStart,
        r.coverageEnd,
        r.planName,
        r.sex,
      ]),
    ).toEqual([
      ['LAMBDA', 'active', '2024-03-01', '2024-03-01', '', 'U'],
      ['MU', 'active', '2024-03-01', '2024-03-01', '', 'U'],
    ]);
    expect(issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['X12_REQUEST_REJECTED', 'warning', 9],
      ['INPUT_MISSING_VALUE', 'warning', 12],
      ['INPUT_MISSING_VALUE', 'warning', 20],
    ]);
    expect(issues[1]!.message).toContain('response date 2024-03-01');
    expect(issues[2]!.message).toContain('EB01 1-8');
  });
});
