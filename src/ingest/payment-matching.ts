/**
 * Linking 835 claim payments to 837 claims and service payments to claim lines. Pure: the candidates
 * come from the database (or the batch in hand), the decision is made here.
 */

/** A claim whose CLM01 equals the payment's CLP01. */
export interface ClaimCandidate {
  id: string;
  payerId: string;
  totalChargeCents: number;
  serviceDateFrom: string | null;
  serviceDateTo: string | null;
  submission: string;
  supersededById: string | null;
  /** When the claim's file was received (ISO), then its place in that file: later wins a tie. */
  receivedAt: string;
  byteOffset: number;
}

/** What of a claim payment the tie-break reads. */
export interface PaymentFacts {
  /** The 835 payer id (REF 2U / N104). */
  payerId: string;
  /** CLP03. */
  chargeCents: number;
  /** Statement period (DTM 232/233), else the span of the SVC dates; null when none was sent. */
  dateFrom: string | null;
  dateTo: string | null;
}

/** The score of a candidate: see `chooseClaim`. */
export function candidateScore(payment: PaymentFacts, c: ClaimCandidate): number {
  let score = 0;
  // A reversal carries the charge negated.
  if (Math.abs(payment.chargeCents) === c.totalChargeCents) score += 4;
  if (payment.payerId !== '' && payment.payerId === c.payerId) score += 2;
  if (datesOverlap(payment.dateFrom, payment.dateTo, c.serviceDateFrom, c.serviceDateTo)) score += 2;
  if (c.supersededById === null) score += 1;
  // Repeats and voids are not what a payer pays: only chosen when nothing else has the CLM01.
  if (c.submission === 'duplicate' || c.submission === 'void') score -= 100;
  return score;
}

function datesOverlap(
  aFrom: string | null,
  aTo: string | null,
  bFrom: string | null,
  bTo: string | null,
): boolean {
  if (aFrom === null || bFrom === null) return false;
  return aFrom <= (bTo ?? bFrom) && bFrom <= (aTo ?? aFrom);
}

/**
 * Chooses the claim a payment pays among those with its CLP01 as CLM01. Every candidate scores:
 * same total charge (|CLP03| = CLM02) 4, same payer id 2, overlapping dates of service 2, not
 * superseded 1; duplicates and voids rank below all others. The highest score wins; a tie goes to
 * the most recently received claim (later file, then later in the file). Null when there is none.
 */
export function chooseClaim(
  payment: PaymentFacts,
  candidates: readonly ClaimCandidate[],
): ClaimCandidate | null {
  let best: ClaimCandidate | null = null;
  let bestScore = -Infinity;
  for (const c of candidates) {
    const score = candidateScore(payment, c);
    if (
      best === null ||
      score > bestScore ||
      (score === bestScore &&
        (c.receivedAt > best.receivedAt ||
          (c.receivedAt === best.receivedAt && c.byteOffset > best.byteOffset)))
    ) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** An SVC line as line matching reads it. */
export interface ServiceKey {
  /** REF 6R. */
  controlNumber: string;
  procedureCode: string;
  serviceDate: string | null;
}

/** A claim line as line matching reads it. */
export interface LineCandidate {
  id: string;
  lineNumber: number;
  procedureCode: string;
  serviceDate: string | null;
  controlNumber: string;
}

/**
 * The claim line each service payment pays (same order as `services`; null when none): first by the
 * REF 6R line item control number, then by procedure code and date of service (any date when the SVC
 * has none), lowest line number first. A line is paid by at most one SVC of the same claim payment.
 */
export function matchServiceLines(
  services: readonly ServiceKey[],
  lines: readonly LineCandidate[],
): (string | null)[] {
  const out: (string | null)[] = new Array<string | null>(services.length).fill(null);
  if (lines.length === 0) return out;
  const used = new Set<string>();
  const sorted = [...lines].sort((a, b) => a.lineNumber - b.lineNumber);
  for (let i = 0; i < services.length; i++) {
    const s = services[i]!;
    if (s.controlNumber === '') continue;
    const line = sorted.find((l) => !used.has(l.id) && l.controlNumber === s.controlNumber);
    if (line) {
      out[i] = line.id;
      used.add(line.id);
    }
  }
  for (let i = 0; i < services.length; i++) {
    if (out[i] !== null) continue;
    const s = services[i]!;
    const line = sorted.find(
      (l) =>
        !used.has(l.id) &&
        l.procedureCode === s.procedureCode &&
        (s.serviceDate === null || l.serviceDate === s.serviceDate),
    );
    if (line) {
      out[i] = line.id;
      used.add(line.id);
    }
  }
  return out;
}
