import { parseX12, type X12ParseResult, X12ParseError } from '../../src/x12/index.js';
import { HANG_BOUND_MS } from '../support/hang-bound.js';
import { announceMissingCorpus, corpusAvailable, readCorpusFile, readManifest } from './corpus-files.js';

announceMissingCorpus('corpus');
const manifest = corpusAvailable ? readManifest() : [];
const describeCorpus = corpusAvailable ? describe : describe.skip;

/** Parses in chunks of `size` through the same reader, to check the result does not depend on chunking. */
function parseChunked(buf: Buffer, size: number): X12ParseResult {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return parseX12(Buffer.concat(parts));
}

describeCorpus('shared X12 corpus (../shared/corpus/x12)', () => {
  it('lists every one of the 49 files', () => {
    expect(manifest).toHaveLength(49);
  });

  // jest refuses an empty table, and a plain clone has no manifest: give it one placeholder row then.
  const rows = manifest.length ? manifest.map((m) => [m.file, m] as const) : [['(no corpus)', null] as const];
  describe.each(rows)('%s', (_file, maybeEntry) => {
    const entry = maybeEntry!;
    let result: X12ParseResult;
    let buf: Buffer;

    beforeAll(() => {
      buf = readCorpusFile(entry.file);
      const started = Date.now();
      result = parseX12(buf);
      // No hang: even the largest corpus file (330 KB) takes milliseconds.
      expect(Date.now() - started).toBeLessThan(HANG_BOUND_MS);
    });

    it('yields the CLM / CLP counts the manifest declares', () => {
      expect(result.claims.length).toBe(entry.clm ?? 0);
      expect(result.remittances.reduce((n, r) => n + r.payments.length, 0)).toBe(entry.clp ?? 0);
    });

    it('gives every issue a code and a position inside the file', () => {
      for (const issue of result.issues) {
        expect(issue.code).toMatch(/^X12_[A-Z0-9_]+$/);
        expect(issue.message.length).toBeGreaterThan(5);
        expect(issue.line).toBeGreaterThanOrEqual(1);
        expect(issue.byteOffset).toBeGreaterThanOrEqual(0);
        expect(issue.byteOffset).toBeLessThanOrEqual(buf.length);
        expect(issue.segmentIndex).toBeGreaterThanOrEqual(-1);
      }
      if (entry.invalid) expect(result.issues.length).toBeGreaterThan(0);
      expect(result.issues.filter((i) => i.code === 'X12_TRANSACTION_FAILED')).toEqual([]);
    });

    it('produces no silent garbage: claims and payments carry ids, exact cents and plain dates', () => {
      for (const claim of result.claims) {
        expect(claim.patientControlNumber).not.toBe('');
        expect(Number.isSafeInteger(claim.totalCharge)).toBe(true);
        expect(['professional', 'institutional', 'dental']).toContain(claim.claimType);
        for (const line of claim.lines) {
          expect(Number.isSafeInteger(line.charge)).toBe(true);
          if (line.serviceDate !== null) expect(line.serviceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      }
      for (const r of result.remittances) {
        expect(Number.isSafeInteger(r.header.totalPayment)).toBe(true);
        for (const p of r.payments) {
          expect(p.patientControlNumber).not.toBe('');
          expect(Number.isSafeInteger(p.paid)).toBe(true);
          for (const s of p.services) expect(Number.isSafeInteger(s.paid)).toBe(true);
        }
      }
    });

    it('reads the same in 1-byte, 7-byte and 4 KiB chunks', () => {
      const whole = JSON.stringify([result.claims, result.remittances, result.issues]);
      for (const size of [1, 7, 4096]) {
        const r = parseChunked(buf, size);
        expect(JSON.stringify([r.claims, r.remittances, r.issues])).toBe(whole);
      }
    });
  });

  it('routes the mislabeled files on content, not on GS08', () => {
    const kinds = (file: string) => parseX12(readCorpusFile(file)).transactions.map((t) => t.kind);
    expect(kinds('837d/Inteligenz__X12Parser__Spec_4.1.1_PatientIsNotSubscriber.txt.x12')).toEqual(['837D']);
    expect(kinds('837i/Inteligenz__X12Parser__Spec_3.1.2_TwoClaimsForTheSameProvider.txt.x12')).toEqual([
      '837I',
    ]);
  });

  it('reads the real 271 eligibility response: payer, subscriber, dependent and benefits', () => {
    const r = parseX12(readCorpusFile('other/LinuxForHealth__x12__dependent-health-benefit-check.271.x12'));
    expect(r.transactions.map((t) => t.kind)).toEqual(['271']);
    expect(r.issues).toEqual([]);
    // One item for the subscriber (it only encloses the dependent: HL04 = 1, no EB) and one for MARY.
    expect(r.eligibility).toHaveLength(2);
    const [subscriber, dependent] = r.eligibility;
    expect(subscriber!.source.party).toMatchObject({
      lastOrOrgName: 'ABC COMPANY',
      idQualifier: 'PI',
      id: '841610001',
    });
    expect(subscriber!.receiver.party).toMatchObject({
      entityIdCode: '1P',
      lastOrOrgName: 'BONE AND JOIN CLINIC',
    });
    expect(subscriber!.subscriber).toMatchObject({
      lastName: 'SMITH',
      firstName: 'JOHN',
      memberId: '123456789',
      birthDate: '1963-05-19',
      sex: 'M',
      hasDependents: true,
      benefits: [],
    });
    expect(subscriber!.dependent).toBeNull();
    const mary = dependent!.dependent!;
    expect(dependent!.subscriber).toBe(subscriber!.subscriber);
    expect(mary).toMatchObject({
      entityIdCode: '03',
      lastName: 'SMITH',
      firstName: 'MARY',
      birthDate: '1998-10-14',
      sex: 'F',
      relationshipCode: '19',
      traceNumbers: [{ type: '2', number: '93175-012547', originatorId: '9877281234' }],
      dates: [{ qualifier: '346', value: { from: '2006-01-01', to: '2006-01-01' } }],
    });
    expect(mary.benefits.map((b) => b.informationCode)).toEqual(['1', 'L', '1', 'B', 'B']);
    expect(mary.benefits[0]).toMatchObject({
      serviceTypes: ['30'],
      planCoverageDescription: 'GOLD 123 PLAN',
    });
    expect(mary.benefits[1]!.relatedEntities).toEqual([
      expect.objectContaining({ entityIdCode: 'P3', lastOrOrgName: 'JONES', firstName: 'MARCUS' }),
    ]);
    expect(mary.benefits[2]!.serviceTypes).toEqual([
      '1',
      '33',
      '35',
      '47',
      '86',
      '88',
      '98',
      'AL',
      'MH',
      'UC',
    ]);
    expect(
      mary.benefits.slice(3).map((b) => [b.insuranceType, b.timePeriod, b.amount, b.inPlanNetwork]),
    ).toEqual([
      ['HM', '27', 1000, 'Y'],
      ['HM', '27', 3000, 'N'],
    ]);
  });

  it('keeps the real 278 request and the 270 inquiry as kind other: a request is not a response', () => {
    const request = parseX12(readCorpusFile('other/Inteligenz__X12Parser__Example_3_1_1_Request.txt.x12'));
    expect(request.transactions.map((t) => t.kind)).toEqual(['other']);
    expect(request.servicesReviews).toEqual([]);
    expect(request.issues.map((i) => i.code)).toEqual(['X12_BOM_SKIPPED']);
    const inquiry = parseX12(
      readCorpusFile('other/LinuxForHealth__x12__dependent-health-benefit-check.270.x12'),
    );
    expect(inquiry.transactions.map((t) => t.kind)).toEqual(['other']);
    expect(inquiry.eligibility).toEqual([]);
  });

  it('reports the known defects of the files marked invalid or deviant', () => {
    const codes = (file: string) => new Set(parseX12(readCorpusFile(file)).issues.map((i) => i.code));
    expect(codes('837p/imsweb__x12-parser__x12_bad_first_line.txt.x12')).toContain('X12_ISA_LENGTH');
    expect(codes('837p/imsweb__x12-parser__x12_valid.txt.x12')).toContain('X12_SE_COUNT_MISMATCH');
    expect(codes('837p/imsweb__x12-parser__x12_no_isa_line.txt.x12')).toContain('X12_ISA_MISSING');
    expect(codes('835/keironstoddart__edi-835-parser__blue_cross_nc_sample.txt.x12')).toContain(
      'X12_NO_ENVELOPE',
    );
    expect(codes('other/xlate__staedi__invalid999.edi.x12')).toContain('X12_SE_COUNT_MISMATCH');
    expect(codes('835/Inteligenz__X12Parser__835_DeIdent_01.dat.x12')).toContain('X12_VERSION_4010');
  });

  it('never throws X12ParseError on a corpus file (all hold X12)', () => {
    for (const m of manifest) {
      expect(() => parseX12(readCorpusFile(m.file))).not.toThrow(X12ParseError);
    }
  });
});
