import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TruthClaim } from '../simulator/simulate.js';
import {
  compareWithTruth,
  type ObservedClaim,
  readTruthFile,
  type TruthClaimLike,
  type TruthFileLike,
} from './truth-comparison.js';

const adj = (outcome: 'paid' | 'denied' | 'partial' | 'reversed') => ({
  outcome,
  paidCents: 0,
  allowedCents: 0,
  patientCents: 0,
  carc: [],
  paidDate: '2026-02-20',
});
const defect = (kind: string, expectedRules: string[]) => ({ kind, expectedRules });

// Entries as the simulator writes them (the fields the comparison ignores are left out).
const TRUTH: TruthFileLike = {
  defectCatalogue: [{ kind: 'coverage-ended' }, { kind: 'auth-missing' }, { kind: 'filed-late' }],
  claims: [
    { claim: 'S1', defects: [], adjudication: adj('paid') }, // clean, paid, not flagged
    { claim: 'S2', defects: [], adjudication: adj('paid') }, // clean but flagged; observed denied
    {
      claim: 'S3',
      defects: [defect('coverage-ended', ['ELIG-COVERAGE-ENDED'])],
      adjudication: adj('denied'),
    },
    {
      claim: 'S4',
      defects: [defect('auth-missing', ['AUTH-REQUIRED', 'AUTH-NUMBER-INVALID'])],
      adjudication: adj('denied'),
    }, // caught by its second expected rule
    { claim: 'S5', defects: [defect('auth-missing', ['AUTH-REQUIRED'])], adjudication: adj('paid') }, // slipped, missed
    {
      claim: 'S6',
      defects: [defect('coverage-ended', ['ELIG-COVERAGE-ENDED'])],
      adjudication: adj('denied'),
    }, // not stored
    {
      claim: 'S7',
      defects: [defect('coverage-ended', ['ELIG-COVERAGE-ENDED']), defect('note-missing', ['DOC-MISSING'])],
      adjudication: adj('partial'),
    },
    { claim: 'S8', defects: [], adjudication: adj('reversed') }, // first pass was a payment
    { claim: 'S9', defects: [], adjudication: adj('paid') }, // no remittance ingested yet
    { claim: 'S10', defects: [] }, // simulated without adjudication
  ],
};

const obs = (firstPass: ObservedClaim['firstPass'], ...firedRules: string[]): ObservedClaim => ({
  firstPass,
  firedRules,
});
const OBSERVED = new Map<string, ObservedClaim>([
  ['S1', obs('paid')],
  ['S2', obs('denied', 'DUP-SAME-SERVICE')],
  ['S3', obs('denied', 'ELIG-COVERAGE-ENDED')],
  ['S4', obs('denied', 'AUTH-NUMBER-INVALID')],
  ['S5', obs('paid', 'ELIG-COVERAGE-ENDED')],
  ['S7', obs('partial', 'DOC-MISSING')],
  ['S8', obs('paid')],
  ['S9', obs('pending')],
  ['S10', obs('paid')],
  ['X1', obs('paid')], // not a simulated claim
]);

describe('compareWithTruth', () => {
  const r = compareWithTruth(TRUTH, OBSERVED);

  it('pairs the claims', () => {
    expect(r.claims).toEqual({ inTruth: 10, observed: 9, missing: 1, notInTruth: 1 });
  });

  it('counts injected and caught defects per kind, catalogue order first', () => {
    expect(Object.keys(r.defects)).toEqual(['coverage-ended', 'auth-missing', 'filed-late', 'note-missing']);
    expect(r.defects['coverage-ended']).toEqual({
      injected: 3, // S3 S6 S7
      missing: 1, // S6
      caught: 1, // S3 (S7 fired DOC-MISSING only)
      recall: 0.5,
      payerDenied: 3,
    });
    expect(r.defects['auth-missing']).toEqual({
      injected: 2,
      missing: 0,
      caught: 1,
      recall: 0.5,
      payerDenied: 1,
    });
    expect(r.defects['note-missing']).toEqual({
      injected: 1,
      missing: 0,
      caught: 1,
      recall: 1,
      payerDenied: 1,
    });
    expect(r.defects['filed-late']).toEqual({
      injected: 0,
      missing: 0,
      caught: 0,
      recall: null,
      payerDenied: 0,
    });
  });

  it('compares the outcomes, a reversal reading as paid', () => {
    expect(r.outcomes).toEqual({
      agree: 6, // S1 S3 S4 S5 S7 S8
      disagree: 1, // S2
      pending: 1, // S9
      noTruthOutcome: 1, // S10
      confusion: {
        paid: { paid: 2, denied: 1, pending: 1 },
        denied: { denied: 2 },
        partial: { partial: 1 },
        reversed: { paid: 1 },
        none: { paid: 1 },
      },
    });
  });

  it('counts the clean claims that were flagged', () => {
    // Clean and stored: S1 S2 S8 S9 S10; flagged: S2.
    expect(r.falseFlags).toEqual({ cleanClaims: 5, flagged: 1, rate: 0.2 });
  });

  it('gives nulls, not NaN, on empty input', () => {
    const e = compareWithTruth({ claims: [] }, new Map());
    expect(e).toEqual({
      claims: { inTruth: 0, observed: 0, missing: 0, notInTruth: 0 },
      defects: {},
      outcomes: { agree: 0, disagree: 0, pending: 0, noTruthOutcome: 0, confusion: {} },
      falseFlags: { cleanClaims: 0, flagged: 0, rate: null },
    });
  });

  it("accepts the simulator's truth entries as they are", () => {
    const entry: TruthClaim = {
      claim: 'S2601000001',
      file: 'months/2026-01/837p-001.x12',
      month: '2026-01',
      type: 'professional',
      payerId: 'SIMA1',
      serviceDate: '2026-01-05',
      chargeCents: 15000,
      defects: [
        { kind: 'auth-missing', category: 'authorization', expectedRules: ['AUTH-REQUIRED'], carc: ['197'] },
      ],
      adjudication: { ...adj('denied'), carc: ['197'] },
    };
    const like: TruthClaimLike = entry;
    const c = compareWithTruth(
      { claims: [like] },
      new Map([['S2601000001', obs('denied', 'AUTH-REQUIRED')]]),
    );
    expect(c.defects['auth-missing']).toMatchObject({ injected: 1, caught: 1, recall: 1, payerDenied: 1 });
  });
});

describe('readTruthFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimguard-truth-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses a truth file', async () => {
    const path = join(dir, 'truth.json');
    writeFileSync(path, `${JSON.stringify({ seed: '1', claims: TRUTH.claims, summary: {} })}\n`);
    const t = await readTruthFile(path);
    expect(t.claims).toHaveLength(10);
    expect(compareWithTruth(t, OBSERVED).claims.observed).toBe(9);
  });

  it('names the path when the file is missing', async () => {
    const path = join(dir, 'nope.json');
    await expect(readTruthFile(path)).rejects.toThrow(`truth file ${path} not found`);
  });

  it('names the path when the file is not JSON', async () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"claims":[');
    await expect(readTruthFile(path)).rejects.toThrow(`truth file ${path} is not valid JSON`);
  });

  it('names the path when the shape is wrong', async () => {
    const noClaims = join(dir, 'no-claims.json');
    writeFileSync(noClaims, '{"seed":"1"}');
    await expect(readTruthFile(noClaims)).rejects.toThrow(`truth file ${noClaims} is malformed`);
    const badEntry = join(dir, 'bad-entry.json');
    writeFileSync(badEntry, '{"claims":[{"claim":"S1","defects":[]},{"claim":2}]}');
    await expect(readTruthFile(badEntry)).rejects.toThrow('claims[1] needs a "claim" id');
    const nullFile = join(dir, 'null.json');
    writeFileSync(nullFile, 'null');
    await expect(readTruthFile(nullFile)).rejects.toThrow(`truth file ${nullFile} is malformed`);
  });
});
