import { DEFAULT_DELIMITERS } from '../delimiters.js';
import type { Claim, ClaimType, TransactionContext } from '../models/claim.js';
import { Segment } from '../segment.js';
import type { BuilderContext, IssueDetail } from '../transaction-builder.js';
import type { X12Item } from '../x12-item.js';
import type { X12IssueCode, X12IssueSeverity } from '../x12-issue.js';
import { Claim837Builder } from './claim-837.builder.js';

interface RecordedIssue extends IssueDetail {
  severity: X12IssueSeverity;
  code: X12IssueCode;
  message: string;
  segmentIndex: number;
  segmentId: string;
}

const TRANSACTION: TransactionContext = Object.freeze({
  interchangeControlNumber: '000000001',
  interchangeSenderId: 'SUBMITTER',
  interchangeReceiverId: 'RECEIVER',
  usageIndicator: 'T',
  groupControlNumber: '1',
  groupVersion: '005010X222A1',
  transactionSetId: '837',
  transactionControlNumber: '0001',
  implementationReference: '005010X222A1',
  batchReference: '',
  creationDate: null,
  claimOrEncounter: '',
});

/**
 * Segments from `ID*e1*e2~` lines as the tokenizer would give them: after ST, so the first one has
 * index 3 (ISA, GS, ST before it), one segment per line.
 */
function segments(lines: string[]): Segment[] {
  let byteOffset = 0;
  return lines.map((text, i) => {
    const elements = text.split('*');
    const seg = new Segment(elements[0]!, elements, i + 3, i + 4, byteOffset, DEFAULT_DELIMITERS);
    byteOffset += text.length + 2;
    return seg;
  });
}

/** A BuilderContext that records what the builder reports and emits. */
function fakeContext(version: '5010' | '4010' = '5010') {
  const issues: RecordedIssue[] = [];
  const items: X12Item[] = [];
  const ctx: BuilderContext = {
    strict: false,
    version,
    transaction: TRANSACTION,
    issue: (severity, code, message, at, detail) =>
      issues.push({ severity, code, message, segmentIndex: at.segmentIndex, segmentId: at.id, ...detail }),
    emit: (item) => items.push(item),
  };
  const claims = (): Claim[] => items.flatMap((item) => (item.kind === 'claim' ? [item.claim] : []));
  return { ctx, issues, items, claims };
}

function build(lines: string[], labeledType: ClaimType | null, version: '5010' | '4010' = '5010') {
  const f = fakeContext(version);
  const sut = new Claim837Builder(f.ctx, labeledType);
  const segs = segments(lines);
  for (const seg of segs) sut.segment(seg);
  sut.end();
  const indexOf = (text: string, from = 0): number => segs[lines.indexOf(text, from)]!.segmentIndex;
  return { sut, ...f, claims: f.claims(), segs, indexOf };
}

const HEADER_837P = [
  'BHT*0019*00*BATCH01*20240115*1200*CH',
  'NM1*41*2*BILLING SERVICE*****46*SUB123',
  'PER*IC*JANE*TE*5555551234',
  'NM1*40*2*PAYER RECEIVER*****46*RCV456',
];

const PROFESSIONAL = [
  ...HEADER_837P,
  'HL*1**20*1',
  'PRV*BI*PXC*207Q00000X',
  'NM1*85*2*FAMILY CLINIC*****XX*1234567893',
  'N3*100 MAIN ST*SUITE 2',
  'N4*SPRINGFIELD*IL*62701*US',
  'REF*EI*371234567',
  'REF*LU*LOC1',
  'PER*IC*BILLING*TE*5555550000',
  'NM1*87*2',
  'N3*PO BOX 500',
  'N4*SPRINGFIELD*IL*62702',
  'NM1*PE*2*PLAN PAYEE*****PI*PP789',
  'N3*1 PLAN WAY',
  'N4*CHICAGO*IL*60601',
  'REF*EI*361111111',
  'HL*2*1*22*0',
  'SBR*P*18*GRP100*ACME GROUP*47****CI',
  'NM1*IL*1*DOE*JOHN*Q**JR*MI*MEM001',
  'N3*12 ELM ST',
  'N4*SPRINGFIELD*IL*62704',
  'DMG*D8*19800215*M',
  'REF*SY*123456789',
  'NM1*PR*2*ACME HEALTH*****PI*PAYER01',
  'N3*PO BOX 900',
  'N4*DALLAS*TX*75201',
  'REF*2U*ALTPAYER',
  // claim 1: every 2300 field, 2310x, 2320/2330, two lines
  'CLM*PCN001*250.50***11:B:1*Y*A*Y*Y*P*AA:EM::NY*01' + '*'.repeat(8) + '3',
  'DTP*431*D8*20240101',
  'DTP*439*D8*20231231',
  'DTP*435*D8*20240102',
  'DTP*096*D8*20240104',
  'PWK*OZ*BM***AC*ATT001',
  'CN1*02*100.00*5*CODE7*1.5*V1',
  'AMT*F5*20.00',
  'REF*G1*AUTH123',
  'REF*9F*REF456',
  'REF*F8*ORIG789',
  'REF*EA*MRN001',
  'REF*D9*CLEARINGHOUSE1',
  'NTE*ADD*FIRST NOTE',
  'NTE*ADD*SECOND NOTE',
  'CR1*LB*140',
  'HI*ABK:E119*ABF:I10*ABF:Z794',
  'HI*ABF:R51',
  'NM1*DN*1*REFER*RITA****XX*1111111112',
  'REF*G2*REFG2',
  'NM1*P3*1*PRIMARY*PAUL****XX*1111111120',
  'NM1*82*1*RENDER*RAY*R***XX*1222222220',
  'PRV*PE*PXC*207R00000X',
  'REF*G2*RENDG2',
  'NM1*77*2*SURGERY CENTER*****XX*1333333330',
  'N3*200 OAK ST',
  'N4*SPRINGFIELD*IL*62705',
  'NM1*DQ*1*SUPER*SAM****XX*1444444440',
  'SBR*S*01*GRP200******CI',
  'CAS*CO*45*10.00*1*94*5.00**97*1.50*1*253*0.50**59*2.00**16*1.00*2',
  'CAS*PR*1*30.00',
  'AMT*D*180.00',
  'AMT*EAF*30.00',
  'AMT*A8*10.50',
  'OI***Y*P**Y',
  'MOA***MA01',
  'NM1*IL*1*DOE*JANE****MI*OTHERMEM',
  'N3*12 ELM ST',
  'REF*SY*987654321',
  'NM1*PR*2*OTHER PLAN*****PI*OTHER01',
  'DTP*573*D8*20240201',
  'REF*F8*OTHERCLAIM1',
  'NM1*82*1*OTHER RENDERING',
  'REF*G2*NOTCLAIMLEVEL',
  'LX*1',
  'SV1*HC:99213:25:59:::OFFICE VISIT*150.50*UN*1*11**1:2:3**Y**Y*Y',
  'DTP*472*RD8*20240102-20240103',
  'DTP*471*D8*20240101',
  'REF*6R*LINE001',
  'REF*G1*LINEAUTH',
  'REF*9F*LINEREF',
  'AMT*T*1.00',
  'NTE*ADD*LINE NOTE',
  'PWK*CT*FX***AC*LINEATT',
  'LIN**N4*00002143380',
  'CTP****2.5*ME',
  'REF*XZ*RX123',
  'NM1*DK*1*ORDER*OLGA****XX*1555555550',
  'N3*300 PINE ST',
  'N4*SPRINGFIELD*IL*62706',
  'REF*G2*ORDG2',
  'SVD*OTHER01*120.00*HC:99213:25**1*3',
  'CAS*CO*45*30.50',
  'DTP*573*D8*20240201',
  'LX*2',
  'SV1*HC:81002*100*UN*2*11**4',
  'DTP*472*D8*20240105',
  // claim 2: same subscriber
  'CLM*PCN002*75***11:B:1*Y*A*Y*Y',
  'HI*ABK:J069',
  'LX*1',
  'SV1*HC:99212*75*UN*1***1',
  'DTP*472*D8*20240110',
  // claim 3: the patient is not the subscriber (2000C)
  'HL*3*1*22*1',
  'SBR*P**GRP300******CI',
  'NM1*IL*1*ROE*RICHARD****MI*MEM300',
  'NM1*PR*2*ACME HEALTH*****PI*PAYER01',
  'HL*4*3*23*0',
  'PAT*19',
  'NM1*QC*1*ROE*RILEY*M**III',
  'N3*9 BIRCH RD',
  'N4*SPRINGFIELD*IL*62707',
  'DMG*D8*20150630*F',
  'REF*Y4*PATREF',
  'CLM*PCN003*40***11:B:1*Y*A*Y*Y',
  'HI*ABK:J020',
  'LX*1',
  'SV1*HC:87880*40*UN*1***1',
  'DTP*472*D8*20240112',
];

describe('Claim837Builder', () => {
  describe('5010 837P', () => {
    const run = () => build(PROFESSIONAL, 'professional');

    it('emits one claim per CLM without issues and counts them', () => {
      const { sut, claims, issues, items } = run();
      expect(issues).toEqual([]);
      expect(items.every((i) => i.kind === 'claim')).toBe(true);
      expect(claims.map((c) => c.patientControlNumber)).toEqual(['PCN001', 'PCN002', 'PCN003']);
      expect(claims.map((c) => c.claimType)).toEqual(['professional', 'professional', 'professional']);
      expect(sut.claimCount).toBe(3);
      expect(sut.paymentCount).toBe(0);
    });

    it('copies BHT into its own transaction context shared by the claims', () => {
      const { claims } = run();
      const tx = claims[0]!.transaction;
      expect(tx).not.toBe(TRANSACTION);
      expect(tx).toEqual({
        ...TRANSACTION,
        batchReference: 'BATCH01',
        creationDate: '2024-01-15',
        claimOrEncounter: 'CH',
      });
      expect(claims[2]!.transaction).toBe(tx);
      expect(TRANSACTION.batchReference).toBe('');
      expect(claims[0]!.version).toBe('5010');
    });

    it('reads the submitter, receiver, billing provider, pay-to and pay-to plan', () => {
      const c = run().claims[0]!;
      expect(c.submitter).toEqual({
        entityIdCode: '41',
        entityType: '2',
        lastOrOrgName: 'BILLING SERVICE',
        firstName: '',
        middleName: '',
        suffix: '',
        idQualifier: '46',
        id: 'SUB123',
      });
      expect(c.receiver?.lastOrOrgName).toBe('PAYER RECEIVER');
      expect(c.receiver?.id).toBe('RCV456');
      expect(c.billingProvider).toEqual({
        role: 'billing',
        party: {
          entityIdCode: '85',
          entityType: '2',
          lastOrOrgName: 'FAMILY CLINIC',
          firstName: '',
          middleName: '',
          suffix: '',
          idQualifier: 'XX',
          id: '1234567893',
        },
        npi: '1234567893',
        taxId: '371234567',
        // PRV BI comes before the NM1 it describes
        taxonomy: '207Q00000X',
        address: {
          line1: '100 MAIN ST',
          line2: 'SUITE 2',
          city: 'SPRINGFIELD',
          state: 'IL',
          postalCode: '62701',
          country: 'US',
        },
        references: [{ qualifier: 'LU', value: 'LOC1' }],
      });
      expect(c.payToProvider).toMatchObject({
        role: 'pay-to',
        npi: '',
        address: { line1: 'PO BOX 500', line2: '', city: 'SPRINGFIELD', state: 'IL', postalCode: '62702' },
      });
      expect(c.payToPlan).toMatchObject({
        role: 'pay-to-plan',
        party: { lastOrOrgName: 'PLAN PAYEE', idQualifier: 'PI', id: 'PP789' },
        taxId: '361111111',
        address: { line1: '1 PLAN WAY', city: 'CHICAGO', state: 'IL', postalCode: '60601' },
      });
    });

    it('reads the 2000B subscriber and 2010BB payer, shared by the claims of the HL', () => {
      const [c1, c2, c3] = run().claims;
      expect(c1!.subscriber).toEqual({
        payerResponsibility: 'P',
        relationshipCode: '18',
        groupNumber: 'GRP100',
        groupName: 'ACME GROUP',
        insuranceTypeCode: '47',
        claimFilingIndicator: 'CI',
        memberId: 'MEM001',
        lastName: 'DOE',
        firstName: 'JOHN',
        middleName: 'Q',
        suffix: 'JR',
        birthDate: '1980-02-15',
        sex: 'M',
        address: {
          line1: '12 ELM ST',
          line2: '',
          city: 'SPRINGFIELD',
          state: 'IL',
          postalCode: '62704',
          country: '',
        },
        references: [{ qualifier: 'SY', value: '123456789' }],
      });
      expect(c1!.payer).toEqual({
        name: 'ACME HEALTH',
        id: 'PAYER01',
        idQualifier: 'PI',
        address: {
          line1: 'PO BOX 900',
          line2: '',
          city: 'DALLAS',
          state: 'TX',
          postalCode: '75201',
          country: '',
        },
        references: [{ qualifier: '2U', value: 'ALTPAYER' }],
      });
      expect(c1!.patient).toBeNull();
      expect(c2!.subscriber).toBe(c1!.subscriber);
      expect(c2!.payer).toBe(c1!.payer);
      expect(c2!.billingProvider).toBe(c1!.billingProvider);
      expect(c3!.billingProvider).toBe(c1!.billingProvider);
      expect(c3!.subscriber).not.toBe(c1!.subscriber);
      expect(c3!.payer).not.toBe(c1!.payer);
    });

    it('reads every 2300 claim field', () => {
      const c = run().claims[0]!;
      expect(c).toMatchObject({
        patientControlNumber: 'PCN001',
        totalCharge: 25050,
        facilityCode: '11',
        facilityCodeQualifier: 'B',
        frequencyCode: '1',
        providerSignature: 'Y',
        assignmentParticipation: 'A',
        benefitsAssignment: 'Y',
        releaseOfInformation: 'Y',
        patientSignatureSource: 'P',
        relatedCauses: ['AA', 'EM'],
        accidentState: 'NY',
        specialProgram: '01',
        delayReasonCode: '3',
        onsetDate: '2024-01-01',
        accidentDate: '2023-12-31',
        admissionDate: '2024-01-02',
        dischargeDate: '2024-01-04',
        statementFrom: null,
        statementTo: null,
        priorAuthorization: 'AUTH123',
        referralNumber: 'REF456',
        payerClaimControlNumber: 'ORIG789',
        medicalRecordNumber: 'MRN001',
        patientAmountPaid: 2000,
        note: 'FIRST NOTE\nSECOND NOTE',
        attachments: [{ reportType: 'OZ', transmissionCode: 'BM', controlNumber: 'ATT001' }],
        contract: {
          typeCode: '02',
          amount: 10000,
          percent: 5,
          code: 'CODE7',
          termsDiscountPercent: 1.5,
          versionId: 'V1',
        },
        institutional: null,
        dental: null,
        serviceDateFrom: '2024-01-02',
        serviceDateTo: '2024-01-05',
      });
      expect(c.dates.map((d) => [d.qualifier, d.value.from, d.value.to])).toEqual([
        ['431', '2024-01-01', '2024-01-01'],
        ['439', '2023-12-31', '2023-12-31'],
        ['435', '2024-01-02', '2024-01-02'],
        ['096', '2024-01-04', '2024-01-04'],
      ]);
      expect(c.references).toEqual([
        { qualifier: 'G1', value: 'AUTH123' },
        { qualifier: '9F', value: 'REF456' },
        { qualifier: 'F8', value: 'ORIG789' },
        { qualifier: 'EA', value: 'MRN001' },
        { qualifier: 'D9', value: 'CLEARINGHOUSE1' },
      ]);
      const clm = PROFESSIONAL.findIndex((l) => l.startsWith('CLM*PCN001'));
      expect(c.position).toEqual({ segmentIndex: clm + 3, line: clm + 4, byteOffset: expect.any(Number) });
    });

    it('numbers diagnoses across HI segments, principal first', () => {
      const c = run().claims[0]!;
      expect(c.diagnoses).toEqual([
        {
          qualifier: 'ABK',
          code: 'E119',
          order: 1,
          role: 'principal',
          presentOnAdmission: '',
          codeSystem: 'ICD-10-CM',
        },
        {
          qualifier: 'ABF',
          code: 'I10',
          order: 2,
          role: 'other',
          presentOnAdmission: '',
          codeSystem: 'ICD-10-CM',
        },
        {
          qualifier: 'ABF',
          code: 'Z794',
          order: 3,
          role: 'other',
          presentOnAdmission: '',
          codeSystem: 'ICD-10-CM',
        },
        {
          qualifier: 'ABF',
          code: 'R51',
          order: 4,
          role: 'other',
          presentOnAdmission: '',
          codeSystem: 'ICD-10-CM',
        },
      ]);
      expect(c.lines.map((l) => l.diagnosisPointers)).toEqual([[1, 2, 3], [4]]);
    });

    it('reads the 2310x providers by entity code, and ignores 2330x providers', () => {
      const c = run().claims[0]!;
      expect(c.providers.map((p) => [p.role, p.party.lastOrOrgName, p.npi])).toEqual([
        ['referring', 'REFER', '1111111112'],
        ['primary-care', 'PRIMARY', '1111111120'],
        ['rendering', 'RENDER', '1222222220'],
        ['service-facility', 'SURGERY CENTER', '1333333330'],
        ['supervising', 'SUPER', '1444444440'],
      ]);
      expect(c.referringProvider).toBe(c.providers[0]);
      expect(c.referringProvider!.references).toEqual([{ qualifier: 'G2', value: 'REFG2' }]);
      expect(c.renderingProvider).toEqual({
        role: 'rendering',
        party: {
          entityIdCode: '82',
          entityType: '1',
          lastOrOrgName: 'RENDER',
          firstName: 'RAY',
          middleName: 'R',
          suffix: '',
          idQualifier: 'XX',
          id: '1222222220',
        },
        npi: '1222222220',
        taxId: '',
        taxonomy: '207R00000X',
        address: null,
        references: [{ qualifier: 'G2', value: 'RENDG2' }],
      });
      expect(c.serviceFacility?.address).toEqual({
        line1: '200 OAK ST',
        line2: '',
        city: 'SPRINGFIELD',
        state: 'IL',
        postalCode: '62705',
        country: '',
      });
      expect(c.attendingProvider).toBeNull();
      expect(c.operatingProvider).toBeNull();
    });

    it('reads 2320/2330 coordination of benefits with all six CAS triplets', () => {
      const c = run().claims[0]!;
      expect(c.otherPayers).toEqual([
        {
          payerResponsibility: 'S',
          relationshipCode: '01',
          groupNumber: 'GRP200',
          claimFilingIndicator: 'CI',
          adjustments: [
            { group: 'CO', reason: '45', amount: 1000, quantity: 1 },
            { group: 'CO', reason: '94', amount: 500, quantity: null },
            { group: 'CO', reason: '97', amount: 150, quantity: 1 },
            { group: 'CO', reason: '253', amount: 50, quantity: null },
            { group: 'CO', reason: '59', amount: 200, quantity: null },
            { group: 'CO', reason: '16', amount: 100, quantity: 2 },
            { group: 'PR', reason: '1', amount: 3000, quantity: null },
          ],
          paidAmount: 18000,
          remainingPatientLiability: 3000,
          nonCoveredAmount: 1050,
          subscriber: {
            entityIdCode: 'IL',
            entityType: '1',
            lastOrOrgName: 'DOE',
            firstName: 'JANE',
            middleName: '',
            suffix: '',
            idQualifier: 'MI',
            id: 'OTHERMEM',
          },
          payer: {
            entityIdCode: 'PR',
            entityType: '2',
            lastOrOrgName: 'OTHER PLAN',
            firstName: '',
            middleName: '',
            suffix: '',
            idQualifier: 'PI',
            id: 'OTHER01',
          },
          adjudicationDate: '2024-02-01',
          references: [
            { qualifier: 'SY', value: '987654321' },
            { qualifier: 'F8', value: 'OTHERCLAIM1' },
          ],
        },
      ]);
    });

    it('reads every 2400 line field with its 2410 drug, 2420 provider and 2430 adjudication', () => {
      const c = run().claims[0]!;
      const lx = PROFESSIONAL.indexOf('LX*1');
      expect(c.lines[0]).toEqual({
        lineNumber: 1,
        procedure: { qualifier: 'HC', code: '99213', modifiers: ['25', '59'], description: 'OFFICE VISIT' },
        revenueCode: '',
        charge: 15050,
        unitBasis: 'UN',
        units: 1,
        placeOfService: '11',
        diagnosisPointers: [1, 2, 3],
        emergency: 'Y',
        epsdt: 'Y',
        familyPlanning: 'Y',
        nonCoveredCharge: null,
        prosthesisCode: '',
        oralCavity: [],
        teeth: [],
        serviceDate: '2024-01-02',
        serviceDateEnd: '2024-01-03',
        dates: [
          { qualifier: '472', value: { from: '2024-01-02', to: '2024-01-03' } },
          { qualifier: '471', value: { from: '2024-01-01', to: '2024-01-01' } },
        ],
        controlNumber: 'LINE001',
        priorAuthorization: 'LINEAUTH',
        referralNumber: 'LINEREF',
        references: [
          { qualifier: '6R', value: 'LINE001' },
          { qualifier: 'G1', value: 'LINEAUTH' },
          { qualifier: '9F', value: 'LINEREF' },
        ],
        drug: {
          qualifier: 'N4',
          code: '00002143380',
          quantity: 2.5,
          unit: 'ME',
          prescriptionNumber: 'RX123',
        },
        providers: [
          {
            role: 'ordering',
            party: {
              entityIdCode: 'DK',
              entityType: '1',
              lastOrOrgName: 'ORDER',
              firstName: 'OLGA',
              middleName: '',
              suffix: '',
              idQualifier: 'XX',
              id: '1555555550',
            },
            npi: '1555555550',
            taxId: '',
            taxonomy: '',
            address: {
              line1: '300 PINE ST',
              line2: '',
              city: 'SPRINGFIELD',
              state: 'IL',
              postalCode: '62706',
              country: '',
            },
            references: [{ qualifier: 'G2', value: 'ORDG2' }],
          },
        ],
        adjudications: [
          {
            payerId: 'OTHER01',
            paidAmount: 12000,
            procedure: { qualifier: 'HC', code: '99213', modifiers: ['25'], description: '' },
            paidUnits: 1,
            bundledLineNumber: '3',
            adjustments: [{ group: 'CO', reason: '45', amount: 3050, quantity: null }],
            adjudicationDate: '2024-02-01',
          },
        ],
        note: 'LINE NOTE',
        attachments: [{ reportType: 'CT', transmissionCode: 'FX', controlNumber: 'LINEATT' }],
        position: { segmentIndex: lx + 3, line: lx + 4, byteOffset: expect.any(Number) },
      });
      expect(c.lines[1]).toMatchObject({
        lineNumber: 2,
        procedure: { qualifier: 'HC', code: '81002', modifiers: [], description: '' },
        charge: 10000,
        units: 2,
        serviceDate: '2024-01-05',
        serviceDateEnd: '2024-01-05',
        drug: null,
        providers: [],
        adjudications: [],
      });
    });

    it('gives the patient of a 2000C loop to its claims', () => {
      const c = run().claims[2]!;
      expect(c.subscriber).toMatchObject({
        relationshipCode: '',
        groupNumber: 'GRP300',
        lastName: 'ROE',
        memberId: 'MEM300',
      });
      expect(c.patient).toEqual({
        relationshipCode: '19',
        lastName: 'ROE',
        firstName: 'RILEY',
        middleName: 'M',
        suffix: 'III',
        memberId: '',
        birthDate: '2015-06-30',
        sex: 'F',
        address: {
          line1: '9 BIRCH RD',
          line2: '',
          city: 'SPRINGFIELD',
          state: 'IL',
          postalCode: '62707',
          country: '',
        },
        references: [{ qualifier: 'Y4', value: 'PATREF' }],
      });
      expect(c.serviceDateFrom).toBe('2024-01-12');
      expect(c.serviceDateTo).toBe('2024-01-12');
    });
  });

  describe('5010 837I', () => {
    const INSTITUTIONAL = [
      'BHT*0019*00*INST01*20240301*0800*CH',
      'NM1*41*2*HOSPITAL*****46*H1',
      'NM1*40*2*MEDICARE*****46*M1',
      'HL*1**20*1',
      'PRV*BI*PXC*282N00000X',
      'NM1*85*2*GENERAL HOSPITAL*****XX*1666666660',
      'N3*1 HOSPITAL DR',
      'N4*CAPITAL*PA*17101',
      'REF*EI*251234567',
      'HL*2*1*22*0',
      'SBR*P*18*******MA',
      'NM1*IL*1*SMITH*ANNA****MI*1EG4TE5MK73',
      'DMG*D8*19450310*F',
      'NM1*PR*2*MEDICARE A*****PI*12345',
      'CLM*INST001*1500***11:A:7**A*Y*Y',
      'DTP*096*TM*1130',
      'DTP*434*RD8*20240220-20240224',
      'DTP*435*DT*202402200830',
      'CL1*1*7*01',
      'REF*EA*MRN777',
      'HI*ABK:I214:::::::Y',
      'HI*ABJ:R079',
      'HI*APR:R0789',
      'HI*ABF:E119:::::::N*ABF:I10:::::::Y',
      'HI*ABN:W010XXA',
      'HI*BBR:02703ZZ:D8:20240221',
      'HI*BBQ:B2111ZZ:D8:20240220',
      'HI*BI:70:RD8:20240101-20240105',
      'HI*BH:11:D8:20240219*BH:A1:D8:19450310',
      'HI*BE:80:::4*BE:A1:::250.00',
      'HI*BG:17*BG:A9',
      'HI*DR:291',
      'NM1*71*1*ATTEND*ALICE****XX*1777777770',
      'PRV*AT*PXC*207RC0000X',
      'NM1*72*1*OPERATE*OSCAR****XX*1888888880',
      'NM1*ZZ*1*OTHEROP*OTTO****XX*1999999990',
      'LX*1',
      'SV2*0120**1000*DA*4**100',
      'DTP*472*RD8*20240220-20240223',
      'LX*2',
      'SV2*0450*HC:99285*500*UN*1',
      'DTP*472*D8*20240220',
    ];

    it('reads CL1, the type of bill and the HI institutional codes', () => {
      const { claims, issues } = build(INSTITUTIONAL, 'institutional');
      expect(issues).toEqual([]);
      const c = claims[0]!;
      expect(c.claimType).toBe('institutional');
      expect(c.dental).toBeNull();
      expect(c.institutional).toEqual({
        typeOfBill: '0117',
        admissionType: '1',
        admissionSource: '7',
        patientStatus: '01',
        drg: '291',
        valueCodes: [
          { code: '80', amount: 400 },
          { code: 'A1', amount: 25000 },
        ],
        occurrenceCodes: [
          { code: '11', date: '2024-02-19' },
          { code: 'A1', date: '1945-03-10' },
        ],
        occurrenceSpans: [{ code: '70', from: '2024-01-01', to: '2024-01-05' }],
        conditionCodes: ['17', 'A9'],
        procedures: [
          { qualifier: 'BBR', code: '02703ZZ', date: '2024-02-21', principal: true },
          { qualifier: 'BBQ', code: 'B2111ZZ', date: '2024-02-20', principal: false },
        ],
      });
      expect(c.diagnoses.map((d) => [d.order, d.role, d.code, d.presentOnAdmission])).toEqual([
        [1, 'principal', 'I214', 'Y'],
        [2, 'admitting', 'R079', ''],
        [3, 'reason-for-visit', 'R0789', ''],
        [4, 'other', 'E119', 'N'],
        [5, 'other', 'I10', 'Y'],
        [6, 'external-cause', 'W010XXA', ''],
      ]);
    });

    it('reads claim dates (a TM hour is no date), attending and operating providers, SV2 lines', () => {
      const c = build(INSTITUTIONAL, 'institutional').claims[0]!;
      expect(c).toMatchObject({
        facilityCode: '11',
        facilityCodeQualifier: 'A',
        frequencyCode: '7',
        statementFrom: '2024-02-20',
        statementTo: '2024-02-24',
        admissionDate: '2024-02-20',
        dischargeDate: null,
        medicalRecordNumber: 'MRN777',
        serviceDateFrom: '2024-02-20',
        serviceDateTo: '2024-02-23',
      });
      expect(c.dates.map((d) => d.qualifier)).toEqual(['434', '435']);
      expect(c.attendingProvider).toMatchObject({
        role: 'attending',
        npi: '1777777770',
        taxonomy: '207RC0000X',
      });
      expect(c.operatingProvider).toMatchObject({ role: 'operating', npi: '1888888880' });
      expect(c.providers.map((p) => p.role)).toEqual(['attending', 'operating', 'other-operating']);
      expect(c.billingProvider?.taxonomy).toBe('282N00000X');
      expect(c.lines[0]).toMatchObject({
        revenueCode: '0120',
        procedure: null,
        charge: 100000,
        unitBasis: 'DA',
        units: 4,
        nonCoveredCharge: 10000,
        diagnosisPointers: [],
        serviceDate: '2024-02-20',
        serviceDateEnd: '2024-02-23',
      });
      expect(c.lines[1]).toMatchObject({
        revenueCode: '0450',
        procedure: { qualifier: 'HC', code: '99285' },
        charge: 50000,
        nonCoveredCharge: null,
      });
    });
  });

  describe('5010 837D', () => {
    const DENTAL = [
      'BHT*0019*00*DENT01*20240401*0900*CH',
      'NM1*41*2*DENTAL BILLING*****46*D1',
      'NM1*40*2*DENTAL PAYER*****46*DP1',
      'HL*1**20*1',
      'NM1*85*2*SMILE DENTAL*****XX*1212121212',
      'REF*EI*951234567',
      'HL*2*1*22*0',
      'SBR*P*18*DGRP******CI',
      'NM1*IL*1*BRIGHT*BETTY****MI*DMEM1',
      'NM1*PR*2*DENTAL PAYER*****PI*DP1',
      'CLM*DENT001*300***11:B:1*Y*A*Y*Y',
      'DN1*24*12',
      'DN2*1*M',
      'DN2*32*E',
      'HI*ABK:K0262*ABF:K029',
      'NM1*82*1*DENTIST*DAN****XX*1313131313',
      'PRV*PE*PXC*1223G0001X',
      'LX*1',
      'SV3*AD:D2392*200*11**R*2*****1:2',
      'TOO*JP*3*M:O:D',
      'TOO*JP*4*B',
      'DTP*472*D8*20240320',
      'LX*2',
      'SV3*AD:D4341*100**10:20',
      'DTP*472*D8*20240321',
    ];

    it('reads SV3, TOO and DN1/DN2', () => {
      const { claims, issues } = build(DENTAL, 'dental');
      expect(issues).toEqual([]);
      const c = claims[0]!;
      expect(c.claimType).toBe('dental');
      expect(c.institutional).toBeNull();
      expect(c.dental).toEqual({
        orthoTotalMonths: 24,
        orthoRemainingMonths: 12,
        toothStatus: [
          { tooth: '1', status: 'M' },
          { tooth: '32', status: 'E' },
        ],
      });
      expect(c.lines[0]).toMatchObject({
        procedure: { qualifier: 'AD', code: 'D2392', modifiers: [] },
        charge: 20000,
        unitBasis: '',
        units: 2,
        placeOfService: '11',
        prosthesisCode: 'R',
        oralCavity: [],
        teeth: [
          { code: '3', surfaces: ['M', 'O', 'D'] },
          { code: '4', surfaces: ['B'] },
        ],
        diagnosisPointers: [1, 2],
        serviceDate: '2024-03-20',
      });
      expect(c.lines[1]).toMatchObject({
        charge: 10000,
        units: 1,
        placeOfService: '',
        oralCavity: ['10', '20'],
        teeth: [],
        diagnosisPointers: [],
      });
      expect(c.serviceDateFrom).toBe('2024-03-20');
      expect(c.serviceDateTo).toBe('2024-03-21');
    });
  });

  describe('4010', () => {
    it('reads NM108 24/34 tax ids, FA service facilities, ICD-9 codes and a claim-level service date', () => {
      const { claims, issues } = build(
        [
          'BHT*0019*00*0123*19990210*1023*CH',
          'REF*87*004010X098A1',
          'NM1*41*2*SUBMITTER*****46*S1',
          'NM1*40*2*RECEIVER*****46*R1',
          'HL*1**20*1',
          'NM1*85*2*OLD CLINIC*****24*587654321',
          'HL*2*1*22*0',
          'SBR*P*18*******CI',
          'NM1*IL*1*OLD*OSCAR****MI*M1',
          'NM1*PR*2*OLD PAYER*****PI*P1',
          'CLM*OLD1*80***11::1*Y*A*Y*Y',
          'DTP*472*D8*19990209',
          'HI*BF:4019*BK:25000',
          'NM1*FA*2*OLD FACILITY*****24*111111111',
          'LX*1',
          'SV1*HC:99213*80*UN*1***1',
        ],
        'professional',
        '4010',
      );
      expect(issues).toEqual([]);
      const c = claims[0]!;
      expect(c.version).toBe('4010');
      expect(c.billingProvider).toMatchObject({ npi: '', taxId: '587654321' });
      expect(c.serviceFacility).toMatchObject({ role: 'service-facility', taxId: '111111111' });
      // a principal sent after another code is moved first, and the order follows
      expect(c.diagnoses.map((d) => [d.order, d.qualifier, d.code, d.codeSystem])).toEqual([
        [1, 'BK', '25000', 'ICD-9-CM'],
        [2, 'BF', '4019', 'ICD-9-CM'],
      ]);
      expect(c.serviceDateFrom).toBe('1999-02-09');
      expect(c.serviceDateTo).toBe('1999-02-09');
    });
  });

  describe('issues', () => {
    const subscriberLoop = [
      'BHT*0019*00*B*20240101*1200*CH',
      'NM1*41*2*S*****46*1',
      'NM1*40*2*R*****46*2',
      'HL*1**20*1',
      'NM1*85*2*CLINIC*****XX*1234567893',
      'HL*2*1*22*0',
      'SBR*P*18*******CI',
      'NM1*IL*1*DOE*JOHN****MI*M1',
      'NM1*PR*2*PAYER*****PI*P1',
    ];

    it('reports CLM02 not equal to the sum of the line charges at CLM02, in dollars', () => {
      const lines = [
        ...subscriberLoop,
        'CLM*MISMATCH*100***11:B:1',
        'LX*1',
        'SV1*HC:99213*60*UN*1',
        'LX*2',
        'SV1*HC:99214*30.25*UN*1',
      ];
      const { issues, indexOf, claims } = build(lines, 'professional');
      expect(issues).toEqual([
        {
          severity: 'error',
          code: 'X12_CLAIM_CHARGE_MISMATCH',
          message: expect.stringMatching(/100\.00.*90\.25/),
          segmentIndex: indexOf('CLM*MISMATCH*100***11:B:1'),
          segmentId: 'CLM',
          elementIndex: 2,
          path: '2300 CLM02',
        },
      ]);
      expect(claims[0]!.totalCharge).toBe(10000);
      expect(claims[0]!.lines.map((l) => l.charge)).toEqual([6000, 3025]);
    });

    it('reports a label that disagrees with the content once, at the first service segment', () => {
      const lines = [
        ...subscriberLoop,
        'CLM*A*10***11:B:1',
        'LX*1',
        'SV1*HC:99213*10*UN*1',
        'CLM*B*10***11:B:1',
        'LX*1',
        'SV1*HC:99213*10*UN*1',
      ];
      const { issues, claims, indexOf } = build(lines, 'institutional');
      expect(issues).toEqual([
        {
          severity: 'warning',
          code: 'X12_VERSION_LABEL_MISMATCH',
          message: expect.stringContaining('institutional'),
          segmentIndex: indexOf('SV1*HC:99213*10*UN*1'),
          segmentId: 'SV1',
          path: '2400 SV1',
        },
      ]);
      expect(claims.map((c) => c.claimType)).toEqual(['professional', 'professional']);
      expect(claims.map((c) => c.institutional)).toEqual([null, null]);
    });

    it('types a claim without lines from CLM05-2, then the label, and warns at its CLM', () => {
      const lines = [...subscriberLoop, 'CLM*NOLINES1*0***11:A:1', 'CLM*NOLINES2*0***11:B:1'];
      const unlabeled = build(lines, null);
      expect(unlabeled.claims.map((c) => c.claimType)).toEqual(['institutional', 'professional']);
      expect(unlabeled.claims[0]!.institutional?.typeOfBill).toBe('0111');
      expect(unlabeled.issues.map((i) => [i.code, i.segmentIndex])).toEqual([
        ['X12_CLAIM_WITHOUT_LINES', unlabeled.indexOf('CLM*NOLINES1*0***11:A:1')],
        ['X12_CLAIM_WITHOUT_LINES', unlabeled.indexOf('CLM*NOLINES2*0***11:B:1')],
      ]);
      expect(build(lines, 'dental').claims.map((c) => c.claimType)).toEqual(['institutional', 'dental']);
    });

    it('reports missing and invalid values with their element and path, and keeps reading', () => {
      const lines = [
        ...subscriberLoop,
        'CLM**12.5x***11:B:1',
        'DTP*431*D8*20240230',
        'HI*ABK',
        'LX*1',
        'SV1*HC:99213*12.345*UN*one***1:x',
        'DTP*472*RD8*20240101-2024013',
        'LX*2',
        'SV1*HC:99213**UN*1',
      ];
      const { issues, claims, indexOf } = build(lines, 'professional');
      const clm = indexOf('CLM**12.5x***11:B:1');
      const sv1 = indexOf('SV1*HC:99213*12.345*UN*one***1:x');
      expect(
        issues.map(({ code, segmentIndex, elementIndex, componentIndex, path }) => ({
          code,
          segmentIndex,
          elementIndex,
          componentIndex,
          path,
        })),
      ).toEqual([
        {
          code: 'X12_REQUIRED_ELEMENT_MISSING',
          segmentIndex: clm,
          elementIndex: 1,
          componentIndex: undefined,
          path: '2300 CLM01',
        },
        {
          code: 'X12_INVALID_AMOUNT',
          segmentIndex: clm,
          elementIndex: 2,
          componentIndex: undefined,
          path: '2300 CLM02',
        },
        {
          code: 'X12_INVALID_DATE',
          segmentIndex: clm + 1,
          elementIndex: 3,
          componentIndex: undefined,
          path: '2300 DTP03',
        },
        {
          code: 'X12_REQUIRED_ELEMENT_MISSING',
          segmentIndex: clm + 2,
          elementIndex: 1,
          componentIndex: 2,
          path: '2300 HI01-2',
        },
        {
          code: 'X12_INVALID_AMOUNT',
          segmentIndex: sv1,
          elementIndex: 2,
          componentIndex: undefined,
          path: '2400 SV102',
        },
        {
          code: 'X12_INVALID_NUMBER',
          segmentIndex: sv1,
          elementIndex: 4,
          componentIndex: undefined,
          path: '2400 SV104',
        },
        {
          code: 'X12_INVALID_NUMBER',
          segmentIndex: sv1,
          elementIndex: 7,
          componentIndex: 2,
          path: '2400 SV107-2',
        },
        {
          code: 'X12_INVALID_DATE',
          segmentIndex: sv1 + 1,
          elementIndex: 3,
          componentIndex: undefined,
          path: '2400 DTP03',
        },
        {
          code: 'X12_REQUIRED_ELEMENT_MISSING',
          segmentIndex: sv1 + 3,
          elementIndex: 2,
          componentIndex: undefined,
          path: '2400 SV102',
        },
      ]);
      const c = claims[0]!;
      expect(c.totalCharge).toBe(0);
      expect(c.onsetDate).toBeNull();
      expect(c.lines).toHaveLength(2);
      expect(c.lines[0]).toMatchObject({ charge: 0, units: null, diagnosisPointers: [1], serviceDate: null });
    });

    it('warns when HL01 does not count up or HL02 is not the enclosing loop', () => {
      const lines = [
        'HL*1**20*1',
        'NM1*85*2*CLINIC*****XX*1234567893',
        'HL*2*3*22*0',
        'SBR*P*18*******CI',
        'NM1*IL*1*DOE*JOHN****MI*M1',
        'NM1*PR*2*PAYER*****PI*P1',
        'HL*2*1*22*0',
        'HL*4*9*23*0',
      ];
      const { issues, indexOf } = build(lines, 'professional');
      expect(issues.map((i) => [i.code, i.segmentIndex, i.elementIndex, i.path])).toEqual([
        ['X12_HL_STRUCTURE', indexOf('HL*2*3*22*0'), 2, 'HL02'],
        ['X12_HL_STRUCTURE', indexOf('HL*2*1*22*0'), 1, 'HL01'],
        ['X12_HL_STRUCTURE', indexOf('HL*4*9*23*0'), 2, 'HL02'],
      ]);
    });
  });

  describe('segments in unexpected places', () => {
    it('keeps unmodelled loops from taking the data of their neighbours', () => {
      const { claims, issues, indexOf } = build(
        [
          'NM1*41*2*S*****46*1',
          'NM1*XX*2*UNKNOWN HEADER PARTY',
          'N3*NOT AN ADDRESS OF ANYONE',
          'HL*1**20*1',
          'NM1*85*2*CLINIC*****XX*1234567893',
          'NM1*QB*2*NOT A 2010 LOOP',
          'REF*EI*999999999',
          'HL*2*1*22*0',
          'SBR*P*18*******CI',
          'PAT*****D8*20240101',
          'NM1*IL*1*DOE*JOHN****MI*M1',
          'N3*1 REAL ST',
          'NM1*QD*1*RESPONSIBLE*PARTY',
          'N3*NOT THE SUBSCRIBER ADDRESS',
          'DMG*D8*19000101*F',
          'NM1*PR*2*PAYER*****PI*P1',
          'CLM*C1*10***11:B:1',
          'LX*1',
          'SV1*HC:99213*10*UN*1',
          'LQ*UT*01.02',
          'FRM*1*Y',
          'HL*3*2*99*0',
          'NM1*QC*1*NOT*A PATIENT',
        ],
        'professional',
      );
      const c = claims[0]!;
      expect(c.submitter?.id).toBe('1');
      expect(c.receiver).toBeNull();
      expect(c.billingProvider?.taxId).toBe('');
      expect(c.subscriber.address?.line1).toBe('1 REAL ST');
      expect(c.subscriber.birthDate).toBeNull();
      expect(c.subscriber.sex).toBe('');
      expect(c.lines).toHaveLength(1);
      expect(issues.map((i) => [i.code, i.segmentIndex, i.path])).toEqual([
        ['X12_HL_STRUCTURE', indexOf('HL*3*2*99*0'), 'HL03'],
      ]);
    });

    it('reports segments out of place and reads on', () => {
      const { claims, issues, indexOf } = build(
        [
          'LX*1',
          'SV1*HC:99213*10*UN*1',
          'CLM*ORPHAN*10***11:B:1',
          'CAS*CO*45*1.00',
          'TOO*JP*3',
          'LIN**N4*00002143380',
          'SVD*P1*5',
          'SV1*HC:99213*5*UN*1',
          'SV2*0450*HC:99285*5*UN*1',
          'LX*3',
          'LX*4',
          'SV1*HC:99213*0*UN*1',
          'HI*ABK:E119',
          'SBR*S*01*******CI',
          'CL1*1*1*01',
        ],
        'professional',
      );
      const at = (text: string) => indexOf(text);
      expect(issues.map((i) => [i.code, i.segmentIndex, i.path])).toEqual([
        ['X12_UNEXPECTED_SEGMENT', at('LX*1'), 'Header LX'],
        ['X12_UNEXPECTED_SEGMENT', at('SV1*HC:99213*10*UN*1'), 'Header SV1'],
        ['X12_HL_STRUCTURE', at('CLM*ORPHAN*10***11:B:1'), '2300 CLM'],
        ['X12_REQUIRED_ELEMENT_MISSING', at('CLM*ORPHAN*10***11:B:1'), '2010BB NM1'],
        ['X12_UNEXPECTED_SEGMENT', at('CAS*CO*45*1.00'), '2300 CAS'],
        ['X12_UNEXPECTED_SEGMENT', at('TOO*JP*3'), '2300 TOO'],
        ['X12_UNEXPECTED_SEGMENT', at('LIN**N4*00002143380'), '2300 LIN'],
        ['X12_UNEXPECTED_SEGMENT', at('SVD*P1*5'), '2300 SVD'],
        ['X12_UNEXPECTED_SEGMENT', at('SV1*HC:99213*5*UN*1'), '2300 SV1'],
        ['X12_UNEXPECTED_SEGMENT', at('SV2*0450*HC:99285*5*UN*1'), '2400 SV2'],
        ['X12_UNEXPECTED_SEGMENT', at('SV2*0450*HC:99285*5*UN*1'), '2400 SV2'],
        ['X12_REQUIRED_ELEMENT_MISSING', at('LX*3'), '2400 LX'],
        ['X12_UNEXPECTED_SEGMENT', at('HI*ABK:E119'), '2400 HI'],
        ['X12_UNEXPECTED_SEGMENT', at('SBR*S*01*******CI'), '2400 SBR'],
        ['X12_UNEXPECTED_SEGMENT', at('CL1*1*1*01'), '2400 CL1'],
      ]);
      expect(issues[9]!.message).toContain('without its own LX; read as a new service line');
      expect(issues[10]!.message).toContain('in a professional claim; read as a institutional line');
      const c = claims[0]!;
      expect(c.claimType).toBe('professional');
      expect(c.subscriber.memberId).toBe('');
      expect(c.payer.name).toBe('');
      expect(c.diagnoses).toEqual([]);
      expect(c.otherPayers).toEqual([]);
      expect(c.lines.map((l) => [l.lineNumber, l.charge, l.revenueCode])).toEqual([
        [1, 500, ''],
        [2, 500, '0450'],
        [3, 0, ''],
        [4, 0, ''],
      ]);
    });

    it('reads HI repetitions, RDT dates, VY links, statement-period dates; reports bad HI values', () => {
      const { claims, issues, indexOf } = build(
        [
          'HL*1**20*1',
          'NM1*85*2*CLINIC*****XX*1234567893',
          'HL*2*1*22*0',
          'SBR*P*18*******CI',
          'NM1*IL*1*DOE*JOHN****MI*M1',
          'DMG*D8*19801332*M',
          'NM1*PR*2*PAYER*****PI*P1',
          'CLM*C1*10***13:A:1',
          'DTP*434*RD8*20240301-20240305',
          'DTP*435*RDT*202403010800-202403051200',
          'HI*ABK:E119^ABF:I10*ABF:Z00',
          'HI*BE:80:::1.234*BI:70:RD8:20240105-2024*BH:11:D8:20240231',
          'LX*A',
          'SV2*0250**10*UN*1',
          'LIN**N4*00002143380',
          'REF*VY*LINK1',
          'REF*XY*OTHER',
        ],
        'institutional',
      );
      const hi = indexOf('HI*BE:80:::1.234*BI:70:RD8:20240105-2024*BH:11:D8:20240231');
      expect(issues.map((i) => [i.code, i.segmentIndex, i.elementIndex, i.componentIndex, i.path])).toEqual([
        ['X12_INVALID_DATE', indexOf('DMG*D8*19801332*M'), 2, undefined, '2010BA DMG02'],
        ['X12_INVALID_AMOUNT', hi, 1, 5, '2300 HI01-5'],
        ['X12_INVALID_DATE', hi, 2, 4, '2300 HI02-4'],
        ['X12_INVALID_DATE', hi, 3, 4, '2300 HI03-4'],
        ['X12_INVALID_NUMBER', indexOf('LX*A'), 1, undefined, '2400 LX01'],
      ]);
      const c = claims[0]!;
      expect(c.diagnoses.map((d) => [d.order, d.code])).toEqual([
        [1, 'E119'],
        [2, 'I10'],
        [3, 'Z00'],
      ]);
      expect(c.dates[1]).toEqual({ qualifier: '435', value: { from: '2024-03-01', to: '2024-03-05' } });
      expect(c.institutional).toMatchObject({
        valueCodes: [{ code: '80', amount: null }],
        occurrenceSpans: [{ code: '70', from: null, to: null }],
        occurrenceCodes: [{ code: '11', date: null }],
      });
      expect(c.lines[0]).toMatchObject({
        lineNumber: 1,
        serviceDate: null,
        references: [{ qualifier: 'XY', value: 'OTHER' }],
      });
      expect(c.lines[0]!.drug?.prescriptionNumber).toBe('LINK1');
      expect([c.serviceDateFrom, c.serviceDateTo]).toEqual(['2024-03-01', '2024-03-05']);
    });

    it('names every provider role it knows', () => {
      const codes = [
        'DN',
        'P3',
        '82',
        '71',
        '72',
        'ZZ',
        '77',
        'FA',
        'TL',
        'LI',
        'DQ',
        'DK',
        'QB',
        'PW',
        '45',
        'DD',
        '85',
        'XX',
      ];
      const { claims } = build(
        [
          'HL*1**20*1',
          'HL*2*1*22*0',
          'NM1*PR*2*PAYER*****PI*P1',
          'CLM*C1*10***11:B:1',
          ...codes.map((code) => `NM1*${code}*1*NAME`),
          'LX*1',
          'SV1*HC:99213*10*UN*1',
        ],
        'professional',
      );
      expect(claims[0]!.providers.map((p) => p.role)).toEqual([
        'referring',
        'primary-care',
        'rendering',
        'attending',
        'operating',
        'other-operating',
        'service-facility',
        'service-facility',
        'service-facility',
        'service-facility',
        'supervising',
        'ordering',
        'purchased-service',
        'ambulance-pickup',
        'ambulance-dropoff',
        'assistant-surgeon',
        'billing',
        'other',
      ]);
    });
  });

  it('streams: the first claim is emitted at the next CLM, before that claim’s lines arrive', () => {
    const { ctx, items } = fakeContext();
    const sut = new Claim837Builder(ctx, 'professional');
    const lines = [
      'HL*1**20*1',
      'NM1*85*2*CLINIC*****XX*1234567893',
      'HL*2*1*22*0',
      'SBR*P*18*******CI',
      'NM1*IL*1*DOE*JOHN****MI*M1',
      'NM1*PR*2*PAYER*****PI*P1',
      'CLM*FIRST*10***11:B:1',
      'LX*1',
      'SV1*HC:99213*10*UN*1',
      'CLM*SECOND*20***11:B:1',
      'LX*1',
      'SV1*HC:99213*20*UN*1',
    ];
    const segs = segments(lines);
    const second = lines.indexOf('CLM*SECOND*20***11:B:1');
    for (const seg of segs.slice(0, second)) sut.segment(seg);
    expect(items).toHaveLength(0);
    sut.segment(segs[second]!);
    expect(items).toHaveLength(1);
    expect(items[0]!.kind === 'claim' && items[0]!.claim.patientControlNumber).toBe('FIRST');
    expect(items[0]!.kind === 'claim' && items[0]!.claim.lines).toHaveLength(1);
    for (const seg of segs.slice(second + 1)) sut.segment(seg);
    expect(items).toHaveLength(1);
    sut.end();
    expect(items).toHaveLength(2);
    expect(sut.claimCount).toBe(2);
  });
});
