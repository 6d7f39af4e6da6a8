/**
 * What the payer did with a claim, from its 835 claim payments in issue order (see `claimOutcome`).
 *
 * One payment's answer (`paymentAnswer`):
 * - a denial adjustment is a CAS the catalogue calls a denial (`CarcCategories.isDenial`: not patient
 *   share, not contractual) with a positive amount;
 * - a line is denied when it paid nothing (paid ≤ 0) and carries a denial adjustment. A paid line with
 *   a denial adjustment (units cut, say) is a reduction, not a denied line: underpayment and leakage
 *   reports see it, the denial counts do not;
 * - `denied`: CLP02 4; or nothing paid and a claim-level denial adjustment; or nothing paid and every
 *   reported line denied; or nothing paid, no lines reported, and a claim-level denial adjustment;
 * - `partial`: some lines denied while others were not (even when nothing was paid, e.g. the other
 *   lines went to the deductible), or something paid with a claim-level denial adjustment;
 * - `paid` otherwise, paid 0 included (all to the deductible: the payer allowed it).
 *
 * The claim (`claimOutcome`):
 * - first pass: the first payment that is neither a reversal nor a secondary/tertiary payment
 *   (CLP02 2, 3, 20, 21: another payer answered first; that answer is the claim's first pass). A
 *   claim with only secondary payments (billed to this payer as secondary) takes its first one.
 * - current: reversals (CLP02 22 or `isReversal`) cancel the payment they reverse (the latest standing
 *   one with the opposite charge and paid amounts, else the latest standing one). Then, in order:
 *   the latest standing payment that paid money (answer paid or partial) decides, so a later denial
 *   (a duplicate resubmission denied, say) does not undo a standing payment; else `reversed` when the
 *   last payment is a reversal or nothing stands; else the latest standing answer that is not a
 *   denial (paid 0, all to the deductible); else the latest standing denial.
 * - paidCents: Σ paid of every payment, reversals with their (negative) sign; reversedCents: Σ |paid|
 *   of the reversals.
 */
import { normalizeCarc } from '../code-sets/code-formats.js';
import { compareCarc, type CarcCategories } from './carc-categories.js';
import type { AdjustmentFact, ClaimOutcome, PaymentFact } from './types.js';

/** CLP02 values of a claim processed as secondary or tertiary (forwarded or not). */
export const SECONDARY_STATUS_CODES: readonly string[] = ['2', '3', '20', '21'];

/** CLP02 2, 3, 20, 21: the payer answered as secondary or tertiary payer. */
export function isSecondaryPayment(statusCode: string): boolean {
  return SECONDARY_STATUS_CODES.includes(statusCode.trim());
}

/** CLP02 22 or flagged as a reversal by whoever built the fact. */
export function isReversalPayment(payment: PaymentFact): boolean {
  return payment.isReversal || payment.statusCode.trim() === '22';
}

export interface PaymentAnswer {
  answer: 'paid' | 'partial' | 'denied';
  /** Denial CARCs behind the answer, largest amount first, without duplicates. Empty when paid. */
  denialCarcs: string[];
  /** The claim charge when denied; the denied lines' charges (and claim-level denied amounts) when partial. */
  deniedCents: number;
}

/** One (non-reversal) payment's answer; see the module comment for the definitions. */
export function paymentAnswer(payment: PaymentFact, carcs: CarcCategories): PaymentAnswer {
  const denials = (adjustments: readonly AdjustmentFact[]): AdjustmentFact[] =>
    adjustments.filter((a) => a.amountCents > 0 && carcs.isDenial(a.group, a.carc));
  const claimDenials = denials(payment.adjustments);
  const lines = payment.services.map((s) => ({ service: s, denials: denials(s.adjustments) }));
  const deniedLines = lines.filter((l) => l.service.paidCents <= 0 && l.denials.length > 0);
  const nothingPaid = payment.paidCents <= 0;

  let answer: PaymentAnswer['answer'];
  if (payment.statusCode.trim() === '4') answer = 'denied';
  else if (nothingPaid && claimDenials.length > 0) answer = 'denied';
  else if (nothingPaid && lines.length > 0 && deniedLines.length === lines.length) answer = 'denied';
  else if (deniedLines.length > 0 || claimDenials.length > 0) answer = 'partial';
  else answer = 'paid';

  if (answer === 'paid') return { answer, denialCarcs: [], deniedCents: 0 };
  if (answer === 'denied') {
    return {
      answer,
      denialCarcs: rankCarcs([...claimDenials, ...lines.flatMap((l) => l.denials)]),
      deniedCents: payment.chargeCents,
    };
  }
  return {
    answer,
    denialCarcs: rankCarcs([...claimDenials, ...deniedLines.flatMap((l) => l.denials)]),
    deniedCents:
      deniedLines.reduce((s, l) => s + l.service.chargeCents, 0) +
      claimDenials.reduce((s, a) => s + a.amountCents, 0),
  };
}

/** CARCs (canonical: `045` → `45`) by total amount, largest first, then in CARC order; each once. */
function rankCarcs(adjustments: readonly AdjustmentFact[]): string[] {
  const totals = new Map<string, number>();
  for (const a of adjustments) {
    const code = normalizeCarc(a.carc) ?? a.carc.trim().toUpperCase();
    totals.set(code, (totals.get(code) ?? 0) + a.amountCents);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || compareCarc(a[0], b[0])).map(([code]) => code);
}

/** The claim's outcome from its payments in issue order; `pending` when there is none. */
export function claimOutcome(payments: readonly PaymentFact[], carcs: CarcCategories): ClaimOutcome {
  let firstRemitDate: string | null = null;
  let lastRemitDate: string | null = null;
  let paidCents = 0;
  let reversedCents = 0;
  for (const p of payments) {
    if (firstRemitDate === null || p.date < firstRemitDate) firstRemitDate = p.date;
    if (lastRemitDate === null || p.date > lastRemitDate) lastRemitDate = p.date;
    paidCents += p.paidCents;
    if (isReversalPayment(p)) reversedCents += Math.abs(p.paidCents);
  }

  const answers = payments.filter((p) => !isReversalPayment(p));
  const first = answers.find((p) => !isSecondaryPayment(p.statusCode)) ?? answers[0];
  const firstAnswer = first ? paymentAnswer(first, carcs) : null;

  // Reversals cancel what they reverse; what stands decides the current answer.
  const standing: PaymentFact[] = [];
  for (const p of payments) {
    if (!isReversalPayment(p)) {
      standing.push(p);
      continue;
    }
    let i = -1;
    for (let j = standing.length - 1; j >= 0; j--) {
      if (standing[j]!.paidCents === -p.paidCents && standing[j]!.chargeCents === -p.chargeCents) {
        i = j;
        break;
      }
    }
    if (i < 0) i = standing.length - 1;
    if (i >= 0) standing.splice(i, 1);
  }
  const standingAnswers = standing.map((p) => paymentAnswer(p, carcs).answer);
  const latest = (accept: (p: PaymentFact, answer: PaymentAnswer['answer']) => boolean): number =>
    standing.findLastIndex((p, i) => accept(p, standingAnswers[i]!));
  const paying = latest((p, a) => a !== 'denied' && p.paidCents > 0);
  const notDenied = latest((_, a) => a !== 'denied');
  const last = payments[payments.length - 1];
  let current: ClaimOutcome['current'];
  if (last === undefined) current = 'pending';
  else if (paying >= 0) current = standingAnswers[paying]!;
  else if (isReversalPayment(last) || standing.length === 0) current = 'reversed';
  else if (notDenied >= 0) current = standingAnswers[notDenied]!;
  else current = standingAnswers[standingAnswers.length - 1]!;

  return {
    firstPass: firstAnswer ? firstAnswer.answer : 'pending',
    current,
    firstRemitDate,
    lastRemitDate,
    denialCarcs: firstAnswer ? firstAnswer.denialCarcs : [],
    deniedCents: firstAnswer ? firstAnswer.deniedCents : 0,
    paidCents,
    reversedCents,
  };
}
