import { jest } from '@jest/globals';
import { Claim837Builder } from './builders/claim-837.builder.js';
import { parseX12 } from './parse-x12.js';
import { isaHeader, x12 } from './testing/x12-text.js';

/** A small valid 837P transaction set (13 segments, ST..SE). */
function claimSet(control = '0001', pcn = 'PCN1', charge = '100'): string[] {
  return [
    `ST*837*${control}*005010X222A1`,
    'BHT*0019*00*B1*20260101*1200*CH',
    'NM1*41*2*TESTSUBMITTER*****46*S1',
    'NM1*40*2*TESTRECEIVER*****46*R1',
    'HL*1**20*1',
    'NM1*85*2*TEST CLINIC*****XX*1234567893',
    'HL*2*1*22*0',
    'SBR*P*18*******CI',
    'NM1*IL*1*TESTPATIENT*ANA****MI*M1',
    'NM1*PR*2*TESTPAYER*****PI*P1',
    `CLM*${pcn}*${charge}***11:B:1*Y*A*Y*Y`,
    'HI*ABK:J209',
    'LX*1',
    `SV1*HC:99213*${charge}*UN*1***1`,
    'DTP*472*D8*20260105',
    `SE*16*${control}`,
  ];
}

const codes = (text: string, strict = false) => parseX12(text, { strict }).issues.map((i) => i.code);

describe('X12Reader envelopes', () => {
  it('reads a clean interchange without issues and summarises the transaction set', () => {
    const r = parseX12(x12(claimSet()));
    expect(r.issues).toEqual([]);
    expect(r.claims).toHaveLength(1);
    expect(r.transactions).toEqual([
      expect.objectContaining({
        kind: '837P',
        segmentCount: 16,
        claimCount: 1,
        errorCount: 0,
        context: expect.objectContaining({
          interchangeControlNumber: '000000001',
          groupControlNumber: '1',
          transactionControlNumber: '0001',
          implementationReference: '005010X222A1',
          groupVersion: '005010X222A1',
        }),
      }),
    ]);
  });

  it('reports a wrong SE01 at SE01 as a warning, and as an error in strict mode', () => {
    const text = x12(claimSet().map((s) => (s.startsWith('SE*') ? 'SE*15*0001' : s)));
    const lenient = parseX12(text).issues;
    expect(lenient).toEqual([
      expect.objectContaining({
        code: 'X12_SE_COUNT_MISMATCH',
        severity: 'warning',
        segmentId: 'SE',
        elementIndex: 1,
        segmentIndex: 17,
        byteOffset: text.indexOf('SE*15') + 3,
      }),
    ]);
    expect(parseX12(text, { strict: true }).issues[0]!.severity).toBe('error');
  });

  it('checks every control number against its header', () => {
    const text = x12(claimSet().map((s) => (s.startsWith('SE*') ? 'SE*16*9999' : s)))
      .replace('GE*1*1~', 'GE*1*2~')
      .replace('IEA*1*000000001~', 'IEA*1*000000002~');
    expect(codes(text)).toEqual([
      'X12_SE_CONTROL_MISMATCH',
      'X12_GE_CONTROL_MISMATCH',
      'X12_IEA_CONTROL_MISMATCH',
    ]);
    const issues = parseX12(text).issues;
    expect(issues.every((i) => i.severity === 'error' && i.elementIndex === 2)).toBe(true);
  });

  it('checks GE01 and IEA01 counts', () => {
    const text = x12([...claimSet('0001'), ...claimSet('0002', 'PCN2')])
      .replace('GE*2*1~', 'GE*3*1~')
      .replace('IEA*1*', 'IEA*2*');
    expect(codes(text)).toEqual(['X12_GE_COUNT_MISMATCH', 'X12_IEA_COUNT_MISMATCH']);
    expect(parseX12(text).claims.map((c) => c.patientControlNumber)).toEqual(['PCN1', 'PCN2']);
  });

  it('reports missing trailers at the end of a truncated file and keeps complete claims', () => {
    const text = x12(claimSet()).split('SE*16')[0]!;
    const r = parseX12(text);
    expect(r.issues.map((i) => i.code)).toEqual(['X12_SE_MISSING', 'X12_GE_MISSING', 'X12_IEA_MISSING']);
    expect(r.issues.every((i) => i.segmentId === 'DTP')).toBe(true);
    expect(r.claims).toHaveLength(1);
  });

  it('closes a transaction set that a new ST interrupts', () => {
    const first = claimSet('0001').slice(0, -1);
    const text = x12([...first, ...claimSet('0002', 'PCN2')]);
    const r = parseX12(text);
    expect(r.issues.map((i) => [i.code, i.segmentId, i.segmentIndex])).toEqual([
      ['X12_SE_MISSING', 'ST', 17],
    ]);
    expect(r.claims.map((c) => c.patientControlNumber)).toEqual(['PCN1', 'PCN2']);
  });

  it('reports segments outside any transaction set', () => {
    const text = isaHeader() + 'GS*HC*S*R*20260101*1200*1*X*005010X222A1~REF*EA*X~GE*0*1~IEA*1*000000001~';
    expect(parseX12(text).issues).toEqual([
      expect.objectContaining({ code: 'X12_SEGMENT_OUTSIDE_TRANSACTION', segmentId: 'REF', segmentIndex: 2 }),
    ]);
  });

  it('isolates a transaction set whose builder fails and reads the next one', () => {
    const spy = jest.spyOn(Claim837Builder.prototype, 'segment');
    spy.mockImplementationOnce(() => {
      throw new Error('boom');
    });
    try {
      const r = parseX12(x12([...claimSet('0001'), ...claimSet('0002', 'PCN2')]));
      expect(r.issues).toEqual([
        expect.objectContaining({ code: 'X12_TRANSACTION_FAILED', segmentId: 'BHT', severity: 'error' }),
      ]);
      expect(r.claims.map((c) => c.patientControlNumber)).toEqual(['PCN2']);
      expect(r.transactions.map((t) => t.errorCount)).toEqual([1, 0]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('X12Reader routing', () => {
  it('routes on content when GS08 and ST03 both say professional but the lines are institutional', () => {
    const set = claimSet().map((s) =>
      s.startsWith('SV1')
        ? 'SV2*0450*HC:99283*100*UN*1'
        : s.startsWith('CLM')
          ? 'CLM*PCN1*100***13:A:1**A*Y*Y'
          : s,
    );
    const r = parseX12(x12(set));
    expect(r.transactions[0]!.kind).toBe('837I');
    expect(r.claims[0]!.claimType).toBe('institutional');
    expect(r.issues.map((i) => i.code)).toEqual(['X12_VERSION_LABEL_MISMATCH']);
  });

  it('warns when ST03 and GS08 disagree', () => {
    const set = claimSet().map((s) => (s.startsWith('ST*') ? 'ST*837*0001*005010X223A2' : s));
    const r = parseX12(x12(set));
    expect(r.issues.map((i) => i.code)).toContain('X12_VERSION_LABEL_CONFLICT');
    expect(r.claims[0]!.claimType).toBe('professional');
  });

  it('flags 4010 files and still reads them', () => {
    const text = x12(claimSet().map((s) => (s.startsWith('ST*') ? 'ST*837*0001' : s)))
      .replace('*00501*', '*00401*')
      .replace('005010X222A1', '004010X098A1');
    const r = parseX12(text);
    expect(r.issues.map((i) => i.code)).toContain('X12_VERSION_4010');
    expect(r.claims[0]!.version).toBe('4010');
  });

  it('counts other healthcare transaction sets and warns about foreign ones', () => {
    const r = parseX12(
      x12([
        'ST*270*0001*005010X279A1',
        'BHT*0022*13*X*20260101*1200',
        'SE*3*0001',
        'ST*850*0002',
        'SE*2*0002',
      ]),
    );
    expect(r.transactions.map((t) => t.kind)).toEqual(['other', 'other']);
    expect(r.issues.map((i) => i.code)).toEqual(['X12_UNSUPPORTED_TRANSACTION']);
  });
});
