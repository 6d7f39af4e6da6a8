/**
 * The simulator's payer adjudication and 835 remittances: every 835 parses and balances, the
 * payments link to the simulated 837s the way ingest links them, the denial rate is realistic, the
 * codes are well formed, and the output is deterministic. Prints the measured rates.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { candidateScore, chooseClaim, type ClaimCandidate } from '../../src/ingest/payment-matching.js';
import { CARC_PATTERN } from '../../src/simulator/adjudication.js';
import { daysBetween } from '../../src/simulator/dates.js';
import { simulate, type SimulateResult, type TruthClaim } from '../../src/simulator/simulate.js';
import type { Claim } from '../../src/x12/models/claim.js';
import type { ClaimPayment } from '../../src/x12/models/remittance.js';
import { parseX12 } from '../../src/x12/index.js';

const OPTIONS = { seed: 'remit-1', months: 2, claimsPerMonth: 700, start: '2026-01' } as const;
const RARC_PATTERN = /^[A-Z]{1,2}\d{1,3}$/;

interface Truth {
  claims: TruthClaim[];
  summary: { claims: number; remittances: NonNullable<SimulateResult['remittances']> };
}

function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('simulator remittances (2 months × 700 claims)', () => {
  let work: string;
  let a: string;
  let result: SimulateResult;
  let truth: Truth;
  const claims = new Map<string, { claim: Claim; fileDate: string }>();
  const payments: { payment: ClaimPayment; file: string; payerId: string; paymentDate: string }[] = [];
  const plbReasons: string[] = [];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cg-sim-remit-'));
    a = join(work, 'a');
    result = simulate({ ...OPTIONS, out: a });
    truth = JSON.parse(readFileSync(join(a, 'truth.json'), 'utf8')) as Truth;
    for (const f of result.files.filter((x) => /\/837[pi]-\d+\.x12$/.test(x))) {
      const parsed = parseX12(readFileSync(join(a, f)));
      for (const c of parsed.claims) {
        claims.set(c.patientControlNumber, { claim: c, fileDate: c.transaction.creationDate ?? '' });
      }
    }
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('every 835 parses with no error (balancing included)', () => {
    const files = result.files.filter((x) => /\/835-[a-z0-9]+-\d{3}\.x12$/.test(x));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const parsed = parseX12(readFileSync(join(a, f)));
      const errors = parsed.issues.filter((i) => i.severity === 'error');
      expect({ file: f, errors: errors.slice(0, 3) }).toEqual({ file: f, errors: [] });
      expect(parsed.remittances).toHaveLength(1);
      const r = parsed.remittances[0]!;
      // The file sits in the folder of its payment month.
      expect(f.startsWith(`months/${r.header.paymentDate!.slice(0, 7)}/`)).toBe(true);
      expect(r.header.totalPayment).toBe(r.totalClaimPaid - r.totalProviderAdjustments);
      for (const p of r.providerAdjustments) plbReasons.push(p.reason);
      for (const p of r.payments) {
        payments.push({
          payment: p,
          file: f,
          payerId: r.header.payer.npi,
          paymentDate: r.header.paymentDate!,
        });
      }
    }
    const reversed = truth.claims.filter((c) => c.adjudication?.outcome === 'reversed').length;
    expect(payments).toHaveLength(truth.claims.length + 2 * reversed);
    expect(result.remittances!.files).toBe(files.length);
  });

  it('links every CLP to a simulated 837 claim the way ingest does (CLP01 = CLM01)', () => {
    expect(payments.length).toBeGreaterThan(0);
    for (const { payment: p, payerId, paymentDate } of payments) {
      const found = claims.get(p.patientControlNumber);
      expect({ clp: p.patientControlNumber, found: found !== undefined }).toEqual({
        clp: p.patientControlNumber,
        found: true,
      });
      const c = found!.claim;
      const candidate: ClaimCandidate = {
        id: c.patientControlNumber,
        payerId: c.payer.id,
        totalChargeCents: c.totalCharge,
        serviceDateFrom: c.serviceDateFrom,
        serviceDateTo: c.serviceDateTo,
        submission: 'original',
        supersededById: null,
        receivedAt: '2026-01-01T00:00:00Z',
        byteOffset: 0,
      };
      const dates = p.services.map((s) => s.serviceDate).filter((d): d is string => d !== null);
      const facts = {
        payerId,
        chargeCents: p.charge,
        dateFrom: dates[0] ?? null,
        dateTo: dates[0] ?? null,
      };
      expect(chooseClaim(facts, [candidate])).toBe(candidate);
      // Same charge, same payer, overlapping dates, not superseded: the full score.
      expect(candidateScore(facts, candidate)).toBe(9);
      // Paid 2–6 weeks after the 837 was sent (on the payer's weekly run); reversals later.
      const lag = daysBetween(found!.fileDate, paymentDate);
      expect(lag).toBeGreaterThanOrEqual(14);
      expect(lag).toBeLessThanOrEqual(p.isReversal || p.payerClaimControlNumber.endsWith('01') ? 90 : 48);
    }
  });

  it('denies 10–15% of claims by default, with the defect’s CARC, and pays what truth says', () => {
    const s = truth.summary.remittances;
    const n = truth.claims.length;
    const denied = truth.claims.filter((c) => c.adjudication!.outcome === 'denied');
    const defective = truth.claims.filter((c) => c.defects.length > 0);
    const deniedDefective = defective.filter((c) => c.adjudication!.outcome === 'denied').length;
    const clean = truth.claims.filter((c) => c.defects.length === 0);
    const unseen = clean.filter((c) => c.adjudication!.unseenDenial).length;
    const underpaid = truth.claims.filter((c) => c.adjudication!.underpaymentCents !== undefined);
    console.log(
      [
        `simulated adjudication (${n} claims, seed ${OPTIONS.seed}):`,
        `  denial rate ${((100 * denied.length) / n).toFixed(2)}% (${denied.length})`,
        `  defective claims denied ${deniedDefective}/${defective.length} (${((100 * deniedDefective) / defective.length).toFixed(1)}%)`,
        `  clean claims denied for unseen reasons ${unseen}/${clean.length} (${((100 * unseen) / clean.length).toFixed(2)}%)`,
        `  outcomes ${JSON.stringify(s.outcomes)}, underpayments ${underpaid.length}, ` +
          `835 files ${s.files}, PLB ${plbReasons.join(',')}`,
      ].join('\n'),
    );
    expect(s.denialRate).toBeCloseTo(denied.length / n, 4);
    expect(denied.length / n).toBeGreaterThanOrEqual(0.1);
    expect(denied.length / n).toBeLessThanOrEqual(0.15);
    expect(unseen).toBeGreaterThan(0);
    expect(s.outcomes.partial).toBeGreaterThan(0);
    expect(underpaid.length).toBeGreaterThan(0);
    expect(s.outcomes.reversed).toBeGreaterThan(0);
    expect(plbReasons.length).toBeGreaterThan(0);

    const byClaim = new Map<string, ClaimPayment[]>();
    for (const { payment } of payments) {
      const list = byClaim.get(payment.patientControlNumber) ?? [];
      list.push(payment);
      byClaim.set(payment.patientControlNumber, list);
    }
    for (const t of truth.claims) {
      const adj = t.adjudication!;
      const list = byClaim.get(t.claim)!;
      // Net paid over the claim's payments (a reversal cancels the first payment).
      expect({ claim: t.claim, paid: list.reduce((x, p) => x + p.paid, 0) }).toEqual({
        claim: t.claim,
        paid: adj.paidCents,
      });
      if (adj.outcome === 'denied') {
        expect(list[0]!.statusCode).toBe('4');
        const carcs = list[0]!.services.flatMap((s) => s.adjustments.map((x) => x.reason));
        expect(carcs.length).toBeGreaterThan(0);
        for (const c of carcs) expect(adj.carc).toContain(c);
        if (!adj.unseenDenial) {
          expect(t.defects[0]!.carc).toContain(adj.carc[0]);
        }
      }
    }
    // An underpayment: the shortfall is the contract's allowed minus what the payer allowed.
    for (const t of underpaid) {
      const p = byClaim.get(t.claim)![0]!;
      const reported = p.services.reduce((x, s) => x + (s.allowedAmount ?? 0), 0);
      expect(reported + t.adjudication!.underpaymentCents!).toBe(t.adjudication!.allowedCents);
    }
  });

  it('uses well-formed CARC and RARC codes and group codes', () => {
    for (const { payment } of payments) {
      for (const adj of [...payment.adjustments, ...payment.services.flatMap((s) => s.adjustments)]) {
        expect({ carc: adj.reason, ok: CARC_PATTERN.test(adj.reason) }).toEqual({
          carc: adj.reason,
          ok: true,
        });
        expect(['CO', 'PR', 'OA']).toContain(adj.group);
      }
      for (const r of payment.services.flatMap((s) => s.remarkCodes)) {
        expect({ rarc: r, ok: RARC_PATTERN.test(r) }).toEqual({ rarc: r, ok: true });
      }
    }
    for (const t of truth.claims)
      for (const c of t.adjudication!.carc) expect(CARC_PATTERN.test(c)).toBe(true);
  });

  it('is deterministic, and leaves the 837s unchanged when adjudication is off', () => {
    const b = join(work, 'b');
    const off = join(work, 'off');
    const again = simulate({ ...OPTIONS, out: b });
    expect(again.files).toEqual(result.files);
    for (const f of result.files) expect({ f, h: digest(join(b, f)) }).toEqual({ f, h: digest(join(a, f)) });
    const none = simulate({ ...OPTIONS, out: off, adjudication: false });
    expect(none.files.some((f) => f.includes('/835-'))).toBe(false);
    expect(none.remittances).toBeUndefined();
    for (const f of none.files.filter((x) => x !== 'truth.json' && x !== 'manifest.json')) {
      expect({ f, h: digest(join(off, f)) }).toEqual({ f, h: digest(join(a, f)) });
    }
  }, 30_000);
});
