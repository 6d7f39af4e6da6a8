import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createX12Transform, parseX12, parseX12Stream } from './parse-x12.js';
import { x12 } from './testing/x12-text.js';
import type { X12Item } from './x12-item.js';
import { X12ParseError } from './x12-issue.js';

function claims(n: number): string[] {
  const segs = [
    'ST*837*0001*005010X222A1',
    'BHT*0019*00*B1*20260101*1200*CH',
    'HL*1**20*1',
    'NM1*85*2*TEST CLINIC*****XX*1234567893',
    'HL*2*1*22*0',
    'SBR*P*18*******CI',
    'NM1*IL*1*TESTPATIENT*ANA****MI*M1',
    'NM1*PR*2*TESTPAYER*****PI*P1',
  ];
  for (let i = 1; i <= n; i++) {
    segs.push(`CLM*PCN${i}*${i}.25***11:B:1*Y*A*Y*Y`, 'HI*ABK:J209', 'LX*1', `SV1*HC:99213*${i}.25*UN*1***1`);
  }
  segs.push(`SE*${segs.length + 1}*0001`);
  return segs;
}

const REMIT = x12([
  'ST*835*0001',
  'BPR*I*150*C*CHK************20260201',
  'TRN*1*TRACE1*1999999999',
  'N1*PR*TESTPAYER',
  'N1*PE*TEST CLINIC*XX*1234567893',
  'LX*1',
  'CLP*PCN1*1*200*150*50*12*ICN1*11*1',
  'SVC*HC:99213*200*150**1',
  'CAS*PR*1*50',
  'SE*10*0001',
]);

describe('parseX12', () => {
  it('returns claims, remittances with their payments, transactions and ok', () => {
    const r = parseX12(x12(claims(3)) + REMIT);
    expect(r.claims.map((c) => [c.patientControlNumber, c.totalCharge])).toEqual([
      ['PCN1', 125],
      ['PCN2', 225],
      ['PCN3', 325],
    ]);
    expect(r.remittances).toHaveLength(1);
    expect(r.remittances[0]!.payments.map((p) => [p.patientControlNumber, p.paid])).toEqual([
      ['PCN1', 15000],
    ]);
    expect(r.remittances[0]!.totalClaimPaid).toBe(15000);
    expect(r.transactions.map((t) => t.kind)).toEqual(['837P', '835']);
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.segmentCount).toBeGreaterThan(20);
  });

  it('accepts a string and a Buffer alike', () => {
    const text = x12(claims(1));
    expect(parseX12(Buffer.from(text)).claims).toEqual(parseX12(text).claims);
  });

  it('throws a typed, positioned error when the input is not X12', () => {
    expect(() => parseX12('%PDF-1.7 not a claim file at all, sorry')).toThrow(X12ParseError);
    try {
      parseX12('');
    } catch (err) {
      expect((err as X12ParseError).code).toBe('X12_EMPTY_INPUT');
      expect((err as X12ParseError).position).toEqual({ segmentIndex: -1, line: 1, byteOffset: 0 });
    }
  });
});

describe('parseX12Stream', () => {
  it('yields the first claim before the source has delivered the rest (it streams)', async () => {
    const text = x12(claims(200));
    const cut = text.indexOf('CLM*PCN3*');
    let secondChunkSent = false;
    async function* source() {
      yield Buffer.from(text.slice(0, cut));
      secondChunkSent = true;
      yield Buffer.from(text.slice(cut));
    }
    const seen: string[] = [];
    let claimsBeforeSecondChunk = 0;
    for await (const item of parseX12Stream(source())) {
      if (item.kind === 'claim') {
        seen.push(item.claim.patientControlNumber);
        if (!secondChunkSent) claimsBeforeSecondChunk++;
      }
    }
    // PCN1 is complete once PCN2 starts; PCN2 only once PCN3 (in the second chunk) does.
    expect(claimsBeforeSecondChunk).toBe(1);
    expect(seen).toHaveLength(200);
  });

  it('reads a Node stream in small chunks with the same result as parseX12', async () => {
    const text = x12(claims(50)) + REMIT;
    const items: X12Item[] = [];
    for await (const item of parseX12Stream(Readable.from(Buffer.from(text), { highWaterMark: 13 })))
      items.push(item);
    const whole = parseX12(text);
    expect(items.filter((i) => i.kind === 'claim').map((i) => (i.kind === 'claim' ? i.claim : null))).toEqual(
      whole.claims,
    );
    expect(items.map((i) => i.kind).filter((k) => k !== 'claim')).toEqual([
      'transaction',
      'remittance-header',
      'claim-payment',
      'remittance',
      'transaction',
    ]);
  });

  it('rejects a source that is not X12 with X12ParseError', async () => {
    const run = async () => {
      for await (const _ of parseX12Stream(Readable.from([Buffer.from([0, 1, 2, 3, 0, 0, 0, 0])]))) void _;
    };
    await expect(run()).rejects.toBeInstanceOf(X12ParseError);
  });
});

describe('createX12Transform', () => {
  it('works in a pipeline with backpressure', async () => {
    const items: X12Item[] = [];
    await pipeline(Readable.from([Buffer.from(x12(claims(30)))]), createX12Transform(), async (source) => {
      for await (const item of source) items.push(item as X12Item);
    });
    expect(items.filter((i) => i.kind === 'claim')).toHaveLength(30);
  });

  it('fails the pipeline when the input is not X12', async () => {
    await expect(
      pipeline(
        Readable.from([Buffer.from('hello, world: this is plainly not an X12 interchange')]),
        createX12Transform(),
        async (s) => {
          for await (const _ of s) void _;
        },
      ),
    ).rejects.toBeInstanceOf(X12ParseError);
  });
});
