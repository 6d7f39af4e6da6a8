import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseX12 } from '../parse-x12.js';
import { x12 } from '../testing/x12-text.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'x12');
const fixture = (name: string) => readFileSync(join(fixtures, name));

/** A 271 body (ST..SE) around the given member segments, SE01 counted. */
function set271(members: string[]): string[] {
  const body = [
    'ST*271*0001*005010X279A1',
    'BHT*0022*11*REF1*20240301*1200',
    'HL*1**20*1',
    'NM1*PR*2*TESTPAYER INSURANCE*****PI*TESTPYR01',
    'HL*2*1*21*1',
    'NM1*1P*2*TESTPROVIDER CLINIC*****XX*1234567893',
    ...members,
  ];
  return [...body, `SE*${body.length + 1}*0001`];
}

describe('Eligibility271Builder', () => {
  it('reads payer, receiver, subscribers, a dependent and their benefits (fixture)', () => {
    const r = parseX12(fixture('valid/271-eligibility-response.x12'));
    expect(r.issues).toEqual([]);
    expect(r.transactions.map((t) => t.kind)).toEqual(['271']);
    expect(r.claims).toEqual([]);
    expect(r.eligibility).toHaveLength(4);

    const [alpha, beta, gamma, delta] = r.eligibility;
    expect(alpha!.purpose).toBe('11');
    expect(alpha!.transaction.batchReference).toBe('TESTREQ0701');
    expect(alpha!.transaction.creationDate).toBe('2024-03-01');
    expect(alpha!.source.party).toMatchObject({
      entityIdCode: 'PR',
      lastOrOrgName: 'TESTPAYER INSURANCE',
      idQualifier: 'PI',
      id: 'TESTPYR01',
    });
    expect(alpha!.receiver.party).toMatchObject({ entityIdCode: '1P', idQualifier: 'XX', id: '1234567893' });
    expect(alpha!.dependent).toBeNull();
    const a = alpha!.subscriber;
    expect(a).toMatchObject({
      entityIdCode: 'IL',
      lastName: 'TESTPATIENT',
      firstName: 'ALPHA',
      idQualifier: 'MI',
      memberId: 'ZZT000123',
      birthDate: '1980-01-01',
      sex: 'F',
      relationshipCode: '18',
      hasDependents: false,
      traceNumbers: [{ type: '2', number: 'TESTTRN0701', originatorId: '9999999999' }],
      address: {
        line1: '100 TEST STREET',
        line2: '',
        city: 'TESTCITY',
        state: 'MN',
        postalCode: '55401',
        country: '',
      },
      dates: [
        { qualifier: '346', value: { from: '2024-01-01', to: '2024-01-01' } },
        { qualifier: '347', value: { from: '2024-12-31', to: '2024-12-31' } },
      ],
      rejections: [],
    });
    expect(a.position).toEqual({ segmentIndex: 8, line: 9, byteOffset: expect.any(Number) });
    expect(a.benefits).toHaveLength(3);
    expect(a.benefits[0]).toMatchObject({
      informationCode: '1',
      coverageLevel: 'IND',
      serviceTypes: ['30'],
      insuranceType: '',
      planCoverageDescription: 'TEST GOLD PPO',
      amount: null,
      references: [{ qualifier: '18', value: 'ZZPLAN01' }],
    });
    expect(a.benefits[1]).toMatchObject({
      informationCode: 'B',
      serviceTypes: ['98'],
      insuranceType: 'PR',
      timePeriod: '27',
      amount: 2500,
    });
    expect(a.benefits[2]).toMatchObject({
      informationCode: 'C',
      timePeriod: '23',
      amount: 50000,
      messages: ['DEDUCTIBLE APPLIES TO IN-NETWORK SERVICES'],
    });

    expect(beta!.subscriber).toMatchObject({ firstName: 'BETA', memberId: 'ZZT000456', sex: 'M' });
    expect(beta!.subscriber.dates).toEqual([
      { qualifier: '291', value: { from: '2023-01-01', to: '2023-12-31' } },
    ]);
    expect(beta!.subscriber.benefits.map((b) => [b.informationCode, b.planCoverageDescription])).toEqual([
      ['6', 'TEST SILVER HMO'],
    ]);

    expect(gamma!.dependent).toBeNull();
    expect(gamma!.subscriber).toMatchObject({ firstName: 'GAMMA', hasDependents: true, benefits: [] });

    expect(delta!.subscriber).toBe(gamma!.subscriber);
    const d = delta!.dependent!;
    expect(d).toMatchObject({
      entityIdCode: '03',
      lastName: 'TESTDEPENDENT',
      firstName: 'DELTA',
      memberId: '',
      birthDate: '2010-03-03',
      sex: 'F',
      relationshipCode: '19',
    });
    expect(d.benefits.map((b) => b.informationCode)).toEqual(['1', 'L']);
    expect(d.benefits[0]!.serviceTypes).toEqual(['30', '1', '98']);
    expect(d.benefits[0]!.insuranceType).toBe('HM');
    expect(d.benefits[1]!.relatedEntities).toEqual([
      expect.objectContaining({
        entityIdCode: 'P3',
        lastOrOrgName: 'TESTDOCTOR',
        idQualifier: 'XX',
        id: '9876543213',
      }),
    ]);
    expect(delta!.position.line).toBe(32);
  });

  it('reads AAA rejections at the member and the source', () => {
    const r = parseX12(
      x12(set271(['HL*3*2*22*0', 'NM1*IL*1*TESTPATIENT*ZETA****MI*ZZT000999', 'AAA*Y**75*C'])),
    );
    expect(r.issues).toEqual([]);
    expect(r.eligibility[0]!.subscriber.rejections).toEqual([
      {
        validRequest: 'Y',
        reason: '75',
        followUpAction: 'C',
        position: expect.objectContaining({ line: 1 }),
      },
    ]);
    expect(r.eligibility[0]!.subscriber.benefits).toEqual([]);
  });

  it('reports bad content at its element with the loop path', () => {
    const r = parseX12(
      x12(
        set271([
          'HL*3*2*22*0',
          'NM1*IL*1*TESTPATIENT*ETA****MI*ZZT000321',
          'DTP*346*D8*20240230',
          'EB*1**30',
          'EB***30**PLAN',
          'EB*ZZ',
          'EB*B**98***27*ABC',
        ]),
      ),
    );
    expect(r.issues.map((i) => [i.code, i.severity, i.segmentId, i.elementIndex, i.path])).toEqual([
      ['X12_INVALID_DATE', 'error', 'DTP', 3, '2100C DTP03'],
      ['X12_REQUIRED_ELEMENT_MISSING', 'error', 'EB', 1, '2110C EB01'],
      ['X12_INVALID_CODE', 'warning', 'EB', 1, '2110C EB01'],
      ['X12_INVALID_AMOUNT', 'error', 'EB', 7, '2110C EB07'],
    ]);
    // Still read: the member and its four EBs.
    expect(r.eligibility[0]!.subscriber.benefits).toHaveLength(4);
    expect(r.eligibility[0]!.subscriber.dates).toEqual([]);
  });

  it('warns about HL levels that do not fit the 271 hierarchy', () => {
    const r = parseX12(
      x12(
        set271([
          'HL*4*2*22*0',
          'NM1*IL*1*TESTPATIENT*THETA****MI*ZZT000111',
          'HL*4*1*23*0',
          'NM1*03*1*TESTPATIENT*IOTA',
          'HL*6*4*99*0',
          'NM1*ZZ*1*SKIPPED',
        ]),
      ),
    );
    // HL01 3 expected (4 sent); the second HL*4 is the 4th (fine) but its parent 1 is no subscriber.
    expect(r.issues.map((i) => [i.code, i.elementIndex])).toEqual([
      ['X12_HL_STRUCTURE', 1],
      ['X12_HL_STRUCTURE', 2],
      ['X12_HL_STRUCTURE', 1],
      ['X12_HL_STRUCTURE', 3],
    ]);
    expect(r.eligibility.map((e) => (e.dependent ?? e.subscriber).firstName)).toEqual(['THETA', 'IOTA']);
  });

  it('keeps the 270 inquiry as kind other with nothing emitted', () => {
    const r = parseX12(fixture('valid/270-eligibility.x12'));
    expect(r.transactions.map((t) => t.kind)).toEqual(['other']);
    expect(r.eligibility).toEqual([]);
  });
});
