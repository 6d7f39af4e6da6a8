import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseX12 } from '../parse-x12.js';
import { x12 } from '../testing/x12-text.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'x12');
const fixture = (name: string) => readFileSync(join(fixtures, name));

/** A 278 body (ST..SE) with BHT02 `purpose`, around the given member/event segments, SE01 counted. */
function set278(levels: string[], purpose = '11'): string[] {
  const body = [
    'ST*278*0001*005010X217',
    `BHT*0007*${purpose}*REF1*20240305*0900`,
    'HL*1**20*1',
    'NM1*X3*2*TESTPAYER INSURANCE*****PI*TESTPYR01',
    'HL*2*1*21*1',
    'NM1*1P*2*TESTPROVIDER CLINIC*****XX*1234567893',
    'HL*3*2*22*1',
    'NM1*IL*1*TESTPATIENT*ALPHA****MI*ZZT000123',
    ...levels,
  ];
  return [...body, `SE*${body.length + 1}*0001`];
}

describe('ServicesReview278Builder', () => {
  it('reads the UMO, requester, subscriber, event and its certified and denied services (fixture)', () => {
    const r = parseX12(fixture('valid/278-services-review-response.x12'));
    expect(r.issues).toEqual([]);
    expect(r.transactions.map((t) => t.kind)).toEqual(['278']);
    expect(r.servicesReviews).toHaveLength(1);
    const review = r.servicesReviews[0]!;
    expect(review).toMatchObject({
      purpose: '11',
      transactionType: '18',
      transaction: { batchReference: 'TESTREQ0801', creationDate: '2024-03-05', transactionSetId: '278' },
      umo: { party: { entityIdCode: 'X3', lastOrOrgName: 'TESTPAYER INSURANCE', id: 'TESTPYR01' }, npi: '' },
      requester: { party: { entityIdCode: '1P', id: '1234567893' }, npi: '1234567893' },
      subscriber: {
        entityIdCode: 'IL',
        lastName: 'TESTPATIENT',
        firstName: 'ALPHA',
        memberId: 'ZZT000123',
        birthDate: '1980-01-01',
        sex: 'F',
      },
      dependent: null,
    });
    const ev = review.event!;
    expect(ev).toMatchObject({
      actionCode: 'A2',
      certificationNumber: 'ZZAUTH0001',
      decisionReason: '',
      administrativeReference: 'ZZADMIN0001',
      authorizationNumber: '',
      request: {
        requestCategory: 'HS',
        certificationType: 'I',
        serviceType: '2',
        facilityCode: '11',
        facilityCodeQualifier: 'B',
        levelOfService: '',
      },
      certificationEffective: { from: '2024-03-10', to: '2024-06-09' },
      serviceDate: null,
      diagnoses: [{ qualifier: 'ABK', code: 'M1711' }],
      traceNumbers: [{ type: '2', number: 'TESTTRN0801', originatorId: '9999999999' }],
      procedure: null,
    });
    expect(ev.providers).toEqual([
      expect.objectContaining({
        npi: '9876543213',
        party: expect.objectContaining({ entityIdCode: 'SJ', lastOrOrgName: 'TESTDOCTOR' }),
      }),
    ]);
    expect(ev.position.line).toBe(12);
    expect(review.position).toEqual(ev.position);

    expect(ev.services).toHaveLength(2);
    const [knee, mri] = ev.services;
    expect(knee).toMatchObject({
      actionCode: 'A1',
      certificationNumber: 'ZZAUTH0001',
      request: { serviceType: '2', facilityCode: '' },
      serviceDate: { from: '2024-03-10', to: '2024-06-09' },
      certificationEffective: null,
      serviceLineType: 'professional',
      procedure: { qualifier: 'HC', code: '27447', modifiers: [] },
      charge: 1200000,
      unitBasis: 'UN',
      units: 1,
      providers: [],
    });
    expect(knee!.position.line).toBe(20);
    expect(mri).toMatchObject({
      actionCode: 'A3',
      certificationNumber: '',
      decisionReason: '0U',
      request: { serviceType: '4' },
      procedure: { qualifier: 'HC', code: '73721', modifiers: ['RT'] },
      charge: 85000,
      units: 2,
      messages: ['NOT CERTIFIED BEFORE CONSERVATIVE THERAPY'],
    });
  });

  it('does not read a 278 request as a response (corpus-style BHT02 13)', () => {
    const r = parseX12(
      x12(set278(['HL*4*3*EV*0', 'UM*SC*I*3*11:B*****Y', 'HI*ABF:M1711', 'HSD*VS*1'], '13')),
    );
    expect(r.transactions.map((t) => t.kind)).toEqual(['other']);
    expect(r.servicesReviews).toEqual([]);
    expect(r.issues).toEqual([]);
  });

  it('reads a dependent, REF BB, DTP 007/036, SV2 and HSD, and the certification dates', () => {
    const r = parseX12(
      x12(
        set278([
          'HL*4*3*23*1',
          'NM1*QC*1*TESTDEPENDENT*DELTA',
          'DMG*D8*20100303*F',
          'INS*N*19',
          'HL*5*4*EV*0',
          'UM*AR*I*48*21:A',
          'HCR*A6',
          'REF*BB*ZZAUTH0042',
          'DTP*007*D8*20240401',
          'DTP*036*D8*20240430',
          'HSD*DY*5',
          'SV2*0120*HC:99223*3000.00*DA*5',
          'NM1*FA*2*TESTHOSPITAL*****XX*1112223338',
        ]),
      ),
    );
    expect(r.issues).toEqual([]);
    const review = r.servicesReviews[0]!;
    expect(review.dependent).toMatchObject({
      entityIdCode: 'QC',
      firstName: 'DELTA',
      relationshipCode: '19',
    });
    expect(review.event).toMatchObject({
      actionCode: 'A6',
      certificationNumber: '',
      authorizationNumber: 'ZZAUTH0042',
      certificationEffective: { from: '2024-04-01', to: '2024-04-30' },
      certificationExpiration: '2024-04-30',
      quantities: [{ qualifier: 'DY', quantity: 5, unit: '', periodQualifier: '', periods: null }],
      serviceLineType: 'institutional',
      revenueCode: '0120',
      procedure: { code: '99223' },
      units: 5,
      unitBasis: 'DA',
      providers: [expect.objectContaining({ npi: '1112223338' })],
      services: [],
    });
  });

  it('emits a member the UMO rejected without any event', () => {
    const body = set278([]).filter((s) => !s.startsWith('SE*'));
    const r = parseX12(x12([...body, 'AAA*N**75*C', `SE*${body.length + 2}*0001`]));
    expect(r.issues).toEqual([]);
    expect(r.servicesReviews).toHaveLength(1);
    expect(r.servicesReviews[0]!.event).toBeNull();
    expect(r.servicesReviews[0]!.subscriber.rejections.map((a) => a.reason)).toEqual(['75']);
  });

  it('reports bad content at its element with the loop path (invalid fixture)', () => {
    const r = parseX12(fixture('invalid/278-response-bad-content.x12'));
    expect(r.transactions.map((t) => t.kind)).toEqual(['278']);
    expect(
      r.issues.map((i) => [
        i.code,
        i.severity,
        i.line,
        i.byteOffset,
        i.elementIndex,
        i.componentIndex,
        i.path,
      ]),
    ).toEqual([
      ['X12_INVALID_CODE', 'error', 15, 492, 1, undefined, '2000E HCR01'],
      ['X12_INVALID_DATE', 'error', 16, 519, 3, undefined, '2000E DTP03'],
      ['X12_REQUIRED_ELEMENT_MISSING', 'error', 20, 585, 1, 2, '2000F SV101-2'],
      ['X12_INVALID_NUMBER', 'error', 21, 608, 2, undefined, '2000F HSD02'],
    ]);
    // Still read.
    expect(r.servicesReviews[0]!.event!.services[0]!.actionCode).toBe('A1');
  });

  it('requires a certification number when certified and warns when a denial has no reason', () => {
    const r = parseX12(
      x12(set278(['HL*4*3*EV*1', 'HCR*A1', 'HL*5*4*SS*0', 'HCR*A3', 'SV1*HC:97110**UN*4', 'HL*6*3*SS*0'])),
    );
    expect(r.issues.map((i) => [i.code, i.severity, i.segmentId, i.elementIndex])).toEqual([
      ['X12_REQUIRED_ELEMENT_MISSING', 'error', 'HCR', 2],
      ['X12_REQUIRED_ELEMENT_MISSING', 'warning', 'HCR', 3],
      ['X12_HL_STRUCTURE', 'warning', 'HL', 2],
    ]);
    expect(r.servicesReviews[0]!.event!.services).toHaveLength(2);
  });
});
