import { DEFAULT_DELIMITERS } from '../delimiters.js';
import type { TransactionContext } from '../models/claim.js';
import type { ClaimPayment, RemittanceHeader, RemittanceSummary } from '../models/remittance.js';
import { Segment } from '../segment.js';
import type { BuilderContext, IssueDetail } from '../transaction-builder.js';
import type { X12Item } from '../x12-item.js';
import type { X12IssueCode, X12IssueSeverity } from '../x12-issue.js';
import { Remittance835Builder } from './remittance-835.builder.js';

/** Index of the first segment after ST, as in a file with ISA, GS and ST before it. */
const FIRST_INDEX = 3;

/** Splits `~`-terminated text into segments numbered from FIRST_INDEX, one per line. */
function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let byteOffset = 200;
  for (const raw of text.split('~')) {
    const s = raw.trim();
    if (s === '') continue;
    const elements = s.split('*');
    const index = FIRST_INDEX + out.length;
    out.push(new Segment(elements[0]!, elements, index, index + 1, byteOffset, DEFAULT_DELIMITERS));
    byteOffset += Buffer.byteLength(s) + 2;
  }
  return out;
}

interface RecordedIssue {
  severity: X12IssueSeverity;
  code: X12IssueCode;
  message: string;
  segmentId: string;
  segmentIndex: number;
  elementIndex?: number;
  componentIndex?: number;
  path?: string;
}

/** Records what the builder reports, in order. */
class FakeContext implements BuilderContext {
  readonly strict = false;
  readonly transaction: TransactionContext = {
    interchangeControlNumber: '000000001',
    interchangeSenderId: 'PAYER',
    interchangeReceiverId: 'CLINIC',
    usageIndicator: 'P',
    groupControlNumber: '1',
    groupVersion: '005010X221A1',
    transactionSetId: '835',
    transactionControlNumber: '0001',
    implementationReference: '005010X221A1',
    batchReference: '',
    creationDate: null,
    claimOrEncounter: '',
  };
  readonly issues: RecordedIssue[] = [];
  readonly items: X12Item[] = [];
  /** 'header', 'payment PCN', 'remittance' and 'issue CODE', in the order they happened. */
  readonly events: string[] = [];

  constructor(readonly version: '5010' | '4010' = '5010') {}

  issue(
    severity: X12IssueSeverity,
    code: X12IssueCode,
    message: string,
    at: Segment,
    detail?: IssueDetail,
  ): void {
    this.issues.push({ severity, code, message, segmentId: at.id, segmentIndex: at.segmentIndex, ...detail });
    this.events.push(`issue ${code}`);
  }

  emit(item: X12Item): void {
    this.items.push(item);
    if (item.kind === 'remittance-header') this.events.push('header');
    else if (item.kind === 'claim-payment') this.events.push(`payment ${item.payment.patientControlNumber}`);
    else if (item.kind === 'remittance') this.events.push('remittance');
  }

  get headers(): RemittanceHeader[] {
    return this.items.flatMap((i) => (i.kind === 'remittance-header' ? [i.header] : []));
  }

  get payments(): ClaimPayment[] {
    return this.items.flatMap((i) => (i.kind === 'claim-payment' ? [i.payment] : []));
  }

  get remittance(): RemittanceSummary {
    const r = this.items.flatMap((i) => (i.kind === 'remittance' ? [i.remittance] : []));
    expect(r).toHaveLength(1);
    return r[0]!;
  }
}

function run(
  text: string,
  version: '5010' | '4010' = '5010',
): { ctx: FakeContext; sut: Remittance835Builder } {
  const ctx = new FakeContext(version);
  const sut = new Remittance835Builder(ctx);
  for (const s of segments(text)) sut.segment(s);
  sut.end();
  return { ctx, sut };
}

/** A balanced remittance: paid claim with two lines, denied claim, reversal, PLB with two pairs. */
const FULL = `
BPR*I*80.00*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20240315~
TRN*1*EFT12345*1512345678~
CUR*PR*USD~
REF*EV*RECEIVER01~
DTM*405*20240314~
N1*PR*ACME HEALTH PLAN~
N3*PO BOX 100*SUITE 5~
N4*DALLAS*TX*75201~
REF*2U*PAYER01~
REF*NF*12345~
PER*CX*CLAIMS DEPT*TE*8005551212*EX*123~
PER*BL*EDI SUPPORT*EM*edi@acme.example~
N1*PE*GOOD CLINIC*XX*1234567893~
N3*1 MAIN ST~
N4*AUSTIN*TX*78701~
REF*TJ*741234567~
RDM*EM*JANE DOE*remit@clinic.example~
LX*1~
TS3*1234567893*11*20241231*3*570.00~
CLP*PCN001*1*300.00*200.00*50.00*12*ICN0001*11*1~
NM1*QC*1*DOE*JOHN*Q***MI*MEMBER01~
NM1*IL*1*DOE*MARY****MI*MEMBER00~
NM1*82*1*SMITH*ANNA****XX*1111111112~
DTM*232*20240301~
DTM*233*20240302~
DTM*050*20240305~
REF*EA*MRN777~
AMT*AU*250.00~
MOA***MA01*N1~
SVC*HC:99213:25:59*200.00*140.00**1~
DTM*472*20240301~
CAS*CO*45*30.00~
CAS*PR*2*30.00~
REF*6R*LINE1~
AMT*B6*170.00~
LQ*HE*N130~
SVC*HC:81002*100.00*60.00*0300*2*HC:81003*3~
DTM*150*20240301~
DTM*151*20240302~
CAS*PR*1*20.00~
CAS*CO*45*20.00~
CLP*PCN002*4*150.00*0**12*ICN0002*11*1~
NM1*QC*1*ROE*JANE****MI*MEMBER02~
CAS*CO*29*150.00~
LX*2~
CLP*PCN003*22*-120.00*-100.00**12*ICN0003*11*8~
NM1*QC*1*POE*EDGAR****MI*MEMBER03~
SVC*HC:97110*-120.00*-100.00**-1~
DTM*472*20240210~
CAS*CO*45*-20.00~
PLB*1234567893*20241231*WO:ICN0999*25.00*L6*-5.00~
`;

describe('Remittance835Builder', () => {
  describe('a balanced remittance', () => {
    const { ctx, sut } = run(FULL);

    it('reports no issues', () => {
      expect(ctx.issues).toEqual([]);
    });

    it('builds the header from BPR, TRN, CUR, REF, DTM 405 and emits it once', () => {
      expect(ctx.headers).toHaveLength(1);
      const h = ctx.headers[0]!;
      expect(h).toMatchObject({
        version: '5010',
        handlingCode: 'I',
        totalPayment: 8000,
        creditDebit: 'C',
        paymentMethod: 'ACH',
        paymentFormat: 'CCP',
        paymentDate: '2024-03-15',
        traceNumber: 'EFT12345',
        traceOriginatorId: '1512345678',
        productionDate: '2024-03-14',
        currency: 'USD',
        references: [{ qualifier: 'EV', value: 'RECEIVER01' }],
        position: { segmentIndex: 3, line: 4, byteOffset: 200 },
      });
      expect(h.transaction).toBe(ctx.transaction);
      expect(ctx.transaction.batchReference).toBe('EFT12345');
    });

    it('builds the payer (1000A) with address, REF 2U id and PER contacts', () => {
      expect(ctx.headers[0]!.payer).toEqual({
        entityIdCode: 'PR',
        name: 'ACME HEALTH PLAN',
        idQualifier: '',
        id: '',
        npi: 'PAYER01',
        taxId: '',
        address: {
          line1: 'PO BOX 100',
          line2: 'SUITE 5',
          city: 'DALLAS',
          state: 'TX',
          postalCode: '75201',
          country: '',
        },
        references: [
          { qualifier: '2U', value: 'PAYER01' },
          { qualifier: 'NF', value: '12345' },
        ],
        contacts: [
          {
            functionCode: 'CX',
            name: 'CLAIMS DEPT',
            numbers: [
              { qualifier: 'TE', value: '8005551212' },
              { qualifier: 'EX', value: '123' },
            ],
          },
          {
            functionCode: 'BL',
            name: 'EDI SUPPORT',
            numbers: [{ qualifier: 'EM', value: 'edi@acme.example' }],
          },
        ],
        delivery: null,
      });
    });

    it('builds the payee (1000B) with NPI, REF TJ tax id and RDM', () => {
      expect(ctx.headers[0]!.payee).toEqual({
        entityIdCode: 'PE',
        name: 'GOOD CLINIC',
        idQualifier: 'XX',
        id: '1234567893',
        npi: '1234567893',
        taxId: '741234567',
        address: {
          line1: '1 MAIN ST',
          line2: '',
          city: 'AUSTIN',
          state: 'TX',
          postalCode: '78701',
          country: '',
        },
        references: [{ qualifier: 'TJ', value: '741234567' }],
        contacts: [],
        delivery: { method: 'EM', name: 'JANE DOE', number: 'remit@clinic.example' },
      });
    });

    it('emits the header, then each payment, then the summary', () => {
      expect(ctx.events).toEqual([
        'header',
        'payment PCN001',
        'payment PCN002',
        'payment PCN003',
        'remittance',
      ]);
      for (const p of ctx.payments) expect(p.header).toBe(ctx.headers[0]);
      expect(ctx.remittance.header).toBe(ctx.headers[0]);
      expect(sut.paymentCount).toBe(3);
      expect(sut.claimCount).toBe(0);
    });

    it('builds a paid claim with its parties, dates, references, amounts and MOA', () => {
      const p = ctx.payments[0]!;
      expect(p).toMatchObject({
        headerNumber: '1',
        patientControlNumber: 'PCN001',
        statusCode: '1',
        charge: 30000,
        paid: 20000,
        patientResponsibility: 5000,
        claimFilingIndicator: '12',
        payerClaimControlNumber: 'ICN0001',
        facilityCode: '11',
        frequencyCode: '1',
        drgCode: '',
        drgWeight: null,
        dischargeFraction: null,
        isReversal: false,
        correctedPatient: null,
        crossoverCarrier: null,
        correctedPriorityPayer: null,
        adjustments: [],
        statementFrom: '2024-03-01',
        statementTo: '2024-03-02',
        receivedDate: '2024-03-05',
        references: [{ qualifier: 'EA', value: 'MRN777' }],
        amounts: [{ qualifier: 'AU', amount: 25000 }],
        position: { segmentIndex: 22, line: 23 },
      });
      expect(p.patient).toEqual({
        entityIdCode: 'QC',
        entityType: '1',
        lastOrOrgName: 'DOE',
        firstName: 'JOHN',
        middleName: 'Q',
        suffix: '',
        idQualifier: 'MI',
        id: 'MEMBER01',
      });
      expect(p.insured?.firstName).toBe('MARY');
      expect(p.renderingProvider).toMatchObject({
        entityIdCode: '82',
        lastOrOrgName: 'SMITH',
        id: '1111111112',
      });
      expect(p.dates.map((d) => d.qualifier)).toEqual(['232', '233', '050']);
      expect(p.dates[0]!.value).toEqual({ from: '2024-03-01', to: '2024-03-01' });
      expect(p.adjudicationInfo).toEqual([
        { kind: 'MOA', remarkCodes: ['MA01', 'N1'], elements: ['MOA', '', '', 'MA01', 'N1'] },
      ]);
    });

    it('builds service payments with modifiers, line CAS, REF 6R, AMT B6 and LQ HE', () => {
      const [s1, s2] = ctx.payments[0]!.services;
      expect(ctx.payments[0]!.services).toHaveLength(2);
      expect(s1).toEqual({
        procedure: { qualifier: 'HC', code: '99213', modifiers: ['25', '59'], description: '' },
        charge: 20000,
        paid: 14000,
        revenueCode: '',
        units: 1,
        originalProcedure: null,
        originalUnits: null,
        serviceDate: '2024-03-01',
        serviceDateEnd: '2024-03-01',
        dates: [{ qualifier: '472', value: { from: '2024-03-01', to: '2024-03-01' } }],
        adjustments: [
          { group: 'CO', reason: '45', amount: 3000, quantity: null },
          { group: 'PR', reason: '2', amount: 3000, quantity: null },
        ],
        controlNumber: 'LINE1',
        references: [{ qualifier: '6R', value: 'LINE1' }],
        allowedAmount: 17000,
        amounts: [{ qualifier: 'B6', amount: 17000 }],
        remarkCodes: ['N130'],
        position: { segmentIndex: 32, line: 33, byteOffset: expect.any(Number) },
      });
      expect(s2).toMatchObject({
        procedure: { qualifier: 'HC', code: '81002', modifiers: [] },
        charge: 10000,
        paid: 6000,
        revenueCode: '0300',
        units: 2,
        originalProcedure: { qualifier: 'HC', code: '81003', modifiers: [], description: '' },
        originalUnits: 3,
        serviceDate: '2024-03-01',
        serviceDateEnd: '2024-03-02',
        allowedAmount: null,
        remarkCodes: [],
        adjustments: [
          { group: 'PR', reason: '1', amount: 2000, quantity: null },
          { group: 'CO', reason: '45', amount: 2000, quantity: null },
        ],
      });
    });

    it('builds a denied claim (CLP02 4) with claim-level CAS and no services', () => {
      const p = ctx.payments[1]!;
      expect(p).toMatchObject({
        headerNumber: '1',
        patientControlNumber: 'PCN002',
        statusCode: '4',
        charge: 15000,
        paid: 0,
        patientResponsibility: null,
        isReversal: false,
        services: [],
        adjustments: [{ group: 'CO', reason: '29', amount: 15000, quantity: null }],
      });
      expect(p.patient?.lastOrOrgName).toBe('ROE');
    });

    it('builds a reversal (CLP02 22) with negative amounts under the next LX', () => {
      const p = ctx.payments[2]!;
      expect(p).toMatchObject({
        headerNumber: '2',
        patientControlNumber: 'PCN003',
        statusCode: '22',
        isReversal: true,
        charge: -12000,
        paid: -10000,
        frequencyCode: '8',
      });
      expect(p.services[0]).toMatchObject({
        charge: -12000,
        paid: -10000,
        units: -1,
        adjustments: [{ group: 'CO', reason: '45', amount: -2000, quantity: null }],
      });
    });

    it('reads each PLB reason/reference/amount pair and sums the remittance', () => {
      const plbAt = { segmentIndex: 53, line: 54, byteOffset: expect.any(Number) };
      expect(ctx.remittance).toEqual({
        header: ctx.headers[0],
        claimPaymentCount: 3,
        totalClaimPaid: 10000,
        providerAdjustments: [
          {
            providerId: '1234567893',
            fiscalPeriodDate: '2024-12-31',
            reason: 'WO',
            reference: 'ICN0999',
            amount: 2500,
            position: plbAt,
          },
          {
            providerId: '1234567893',
            fiscalPeriodDate: '2024-12-31',
            reason: 'L6',
            reference: '',
            amount: -500,
            position: plbAt,
          },
        ],
        totalProviderAdjustments: 2000,
      });
    });
  });

  it('reads all six CAS triplets with quantities', () => {
    const { ctx } = run(`
      BPR*I*0*C*NON************20240315~
      CLP*PCN9*1*600.00*0**12~
      CAS*CO*45*10.00*1*97*20.00**253*30.00*2*B7*40.00**A1*50.00**16*450.00*3~
    `);
    expect(ctx.issues).toEqual([]);
    expect(ctx.payments[0]!.adjustments).toEqual([
      { group: 'CO', reason: '45', amount: 1000, quantity: 1 },
      { group: 'CO', reason: '97', amount: 2000, quantity: null },
      { group: 'CO', reason: '253', amount: 3000, quantity: 2 },
      { group: 'CO', reason: 'B7', amount: 4000, quantity: null },
      { group: 'CO', reason: 'A1', amount: 5000, quantity: null },
      { group: 'CO', reason: '16', amount: 45000, quantity: 3 },
    ]);
  });

  describe('balancing', () => {
    it('reports SVC02 − line CAS ≠ SVC03 at the SVC', () => {
      const { ctx } = run(`
        BPR*I*80.00*C*CHK************20240315~
        N1*PR*PAYER~
        LX*1~
        CLP*A1*1*100.00*80.00~
        SVC*HC:99213*100.00*75.00~
        CAS*CO*45*20.00~
      `);
      expect(ctx.issues).toEqual([
        {
          severity: 'error',
          code: 'X12_SERVICE_PAYMENT_MISMATCH',
          message: expect.stringContaining('SVC02 100.00 − adjustments 20.00 = 80.00, but SVC03 is 75.00'),
          segmentId: 'SVC',
          segmentIndex: 7,
          elementIndex: 3,
          path: '2110 SVC03',
        },
      ]);
    });

    it('reports CLP03 − claim CAS − line CAS ≠ CLP04 at the CLP', () => {
      const { ctx } = run(`
        BPR*I*90.00*C*CHK************20240315~
        LX*1~
        CLP*A1*1*125.00*90.00~
        CAS*CO*45*25.00~
      `);
      expect(ctx.issues).toEqual([
        {
          severity: 'error',
          code: 'X12_CLAIM_PAYMENT_MISMATCH',
          message: expect.stringContaining('CLP03 125.00 − adjustments 25.00 = 100.00, but CLP04 is 90.00'),
          segmentId: 'CLP',
          segmentIndex: 5,
          elementIndex: 4,
          path: '2100 CLP04',
        },
      ]);
    });

    it('counts claim-level and line-level CAS together for the claim', () => {
      const { ctx } = run(`
        BPR*I*70.00*C*CHK************20240315~
        CLP*A1*1*100.00*70.00~
        CAS*OA*23*10.00~
        SVC*HC:99213*100.00*80.00~
        CAS*CO*45*20.00~
      `);
      expect(ctx.issues).toEqual([]);
    });

    it('reports ΣCLP04 − ΣPLB ≠ BPR02 at the BPR', () => {
      const { ctx } = run(`
        BPR*I*95.00*C*CHK************20240315~
        TRN*1*CHK1*1512345678~
        CLP*A1*1*100.00*100.00~
        PLB*1234567893*20241231*WO:ICN1*10.00~
      `);
      expect(ctx.issues).toEqual([
        {
          severity: 'error',
          code: 'X12_REMITTANCE_TOTAL_MISMATCH',
          message: expect.stringContaining('ΣCLP04 100.00 − ΣPLB 10.00 = 90.00, but BPR02 is 95.00'),
          segmentId: 'BPR',
          segmentIndex: 3,
          elementIndex: 2,
          path: 'BPR02',
        },
      ]);
    });
  });

  it('emits each payment as soon as the next CLP starts, before that claim is complete', () => {
    const ctx = new FakeContext();
    const sut = new Remittance835Builder(ctx);
    const segs = segments(`
      BPR*I*30.00*C*CHK************20240315~
      LX*1~
      CLP*A1*1*10.00*10.00~
      SVC*HC:99213*10.00*10.00~
      CLP*A2*1*20.00*20.00~
      SVC*HC:99214*20.00*20.00~
    `);
    sut.segment(segs[0]!);
    expect(ctx.events).toEqual([]);
    sut.segment(segs[1]!); // LX closes the header
    expect(ctx.events).toEqual(['header']);
    sut.segment(segs[2]!);
    sut.segment(segs[3]!);
    expect(ctx.events).toEqual(['header']);
    sut.segment(segs[4]!); // second CLP: the first payment is complete
    expect(ctx.events).toEqual(['header', 'payment A1']);
    expect(ctx.payments[0]!.services.map((s) => s.procedure.code)).toEqual(['99213']);
    sut.segment(segs[5]!);
    expect(sut.paymentCount).toBe(1);
    sut.end();
    expect(ctx.events).toEqual(['header', 'payment A1', 'payment A2', 'remittance']);
    expect(ctx.payments[1]!.services.map((s) => s.procedure.code)).toEqual(['99214']);
    expect(ctx.issues).toEqual([]);
  });

  describe('bad values', () => {
    it('reports an invalid amount at its element, uses 0, and does not balance on it', () => {
      const { ctx } = run(`
        BPR*I*10.00*C*CHK************20240315~
        CLP*A1*1*10.00*9.999~
      `);
      expect(ctx.issues).toEqual([
        {
          severity: 'error',
          code: 'X12_INVALID_AMOUNT',
          message: 'CLP04 "9.999" is not a valid amount (at most two decimals)',
          segmentId: 'CLP',
          segmentIndex: 4,
          elementIndex: 4,
          path: '2100 CLP04',
        },
      ]);
      expect(ctx.payments[0]!.paid).toBe(0);
    });

    it('reports missing required CLP, SVC and BPR elements', () => {
      const { ctx } = run(`
        BPR*I**C*CHK~
        CLP**1*10.00~
        SVC**10.00~
      `);
      expect(ctx.issues.map((i) => [i.code, i.segmentId, i.elementIndex, i.path])).toEqual([
        ['X12_REQUIRED_ELEMENT_MISSING', 'BPR', 2, 'BPR02'],
        ['X12_REQUIRED_ELEMENT_MISSING', 'CLP', 1, '2100 CLP01'],
        ['X12_REQUIRED_ELEMENT_MISSING', 'CLP', 4, '2100 CLP04'],
        ['X12_REQUIRED_ELEMENT_MISSING', 'SVC', 1, '2110 SVC01'],
        ['X12_REQUIRED_ELEMENT_MISSING', 'SVC', 3, '2110 SVC03'],
      ]);
      expect(ctx.issues[1]!.message).toBe('CLP01 (patient control number) is required but empty');
    });

    it('reports invalid dates and numbers', () => {
      const { ctx } = run(`
        BPR*I*0*C*NON************20241301~
        CLP*A1*1*0*0~
        DTM*232*2024-03-01~
        SVC*HC:99213*0*0**x~
      `);
      expect(ctx.issues.map((i) => [i.code, i.segmentId, i.elementIndex, i.path])).toEqual([
        ['X12_INVALID_DATE', 'BPR', 16, 'BPR16'],
        ['X12_INVALID_DATE', 'DTM', 2, '2100 DTM02'],
        ['X12_INVALID_NUMBER', 'SVC', 5, '2110 SVC05'],
      ]);
      expect(ctx.headers[0]!.paymentDate).toBeNull();
      expect(ctx.payments[0]!.dates).toEqual([]);
    });

    it('reports a procedure code that is not split by the component separator', () => {
      const { ctx } = run(`
        BPR*I*0*C*NON~
        CLP*A1*1*0*0~
        SVC*HC>99213*0*0~
      `);
      expect(ctx.issues).toMatchObject([
        { code: 'X12_REQUIRED_ELEMENT_MISSING', segmentId: 'SVC', elementIndex: 1, componentIndex: 2 },
      ]);
    });

    it('warns about an SVC before any CLP and ignores it', () => {
      const { ctx } = run(`
        BPR*I*0*C*NON~
        LX*1~
        SVC*HC:99213*10.00*10.00~
        CAS*CO*45*1.00~
      `);
      expect(ctx.issues.map((i) => [i.severity, i.code, i.segmentId, i.segmentIndex])).toEqual([
        ['warning', 'X12_UNEXPECTED_SEGMENT', 'SVC', 5],
        ['warning', 'X12_UNEXPECTED_SEGMENT', 'CAS', 6],
      ]);
      expect(ctx.payments).toEqual([]);
      expect(ctx.remittance.claimPaymentCount).toBe(0);
    });

    it('reports a transaction without BPR once, at its first segment', () => {
      const { ctx } = run(`
        TRN*1*CHK1*1512345678~
        CLP*A1*1*10.00*10.00~
      `);
      expect(ctx.issues).toMatchObject([
        { code: 'X12_REQUIRED_ELEMENT_MISSING', segmentId: 'TRN', segmentIndex: 3 },
      ]);
    });
  });

  it('parses a 4010 remittance the same way', () => {
    const { ctx } = run(
      `
      BPR*H*56.52*C*NON************20040315~
      TRN*1*A04B001017.07504*1346000128~
      DTM*405*20040308~
      N1*PR*ASHTABULA COUNTY ADAMH BD~
      N1*PE*LAKE AREA RECOVERY CENTER *FI*346608640~
      REF*PQ*1017~
      LX*1~
      CLP*444444*1*56.70*56.52*0*MC*0000000655555555*53~
      NM1*QC*1*FUDD*ELMER*S***MI*1333333~
      SVC*HC:H0005:HF:H9*56.70*56.52**6~
      DTM*472*20040205~
      CAS*CO*42*0.18*0~
      REF*6R*444444~
      PLB*123456*19960930*CV:9876514*0.00~
    `,
      '4010',
    );
    expect(ctx.issues).toEqual([]);
    const h = ctx.headers[0]!;
    expect(h).toMatchObject({
      version: '4010',
      handlingCode: 'H',
      totalPayment: 5652,
      productionDate: '2004-03-08',
    });
    expect(h.payee).toMatchObject({ taxId: '346608640', references: [{ qualifier: 'PQ', value: '1017' }] });
    expect(ctx.payments[0]!.services[0]).toMatchObject({
      procedure: { code: 'H0005', modifiers: ['HF', 'H9'] },
      units: 6,
      controlNumber: '444444',
      adjustments: [{ group: 'CO', reason: '42', amount: 18, quantity: 0 }],
    });
    expect(ctx.remittance.providerAdjustments[0]).toMatchObject({
      reason: 'CV',
      reference: '9876514',
      amount: 0,
    });
  });
});
