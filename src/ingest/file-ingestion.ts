import {
  type Claim,
  type ClaimPayment,
  formatCents,
  type RemittanceHeader,
  type RemittanceSummary,
  type X12Issue,
  type X12Item,
} from '../x12/index.js';
import type { ClaimWriterRepository, StoredClaim, StoredLine } from './claim-writer.repository.js';
import { deriveClaimStatus, type PaymentOutcome } from './claim-status.js';
import { decideSubmission, type PriorClaim, submissionKey } from './claim-submission.js';
import { type FileKind, kindOfTransactionSet } from './file-kind.js';
import type { IdGenerator } from '../database/id-generator.js';
import { CLAIM_COL, CLAIM_PAYMENT_COL, SERVICE_PAYMENT_COL } from './ingest-tables.js';
import {
  type ClaimCandidate,
  chooseClaim,
  type LineCandidate,
  matchServiceLines,
  type PaymentFacts,
} from './payment-matching.js';
import type { ReceivedFilesRepository } from './received-files.repository.js';
import type { RemittanceWriterRepository, StoredPayment } from './remittance-writer.repository.js';
import {
  cents,
  claimRows,
  type ClaimRowSet,
  eventRow,
  paymentRows,
  providerAdjustmentRows,
  remittancePayerId,
  remittanceRow,
} from './row-mappers.js';
import type { TransactionWriter } from './transaction-writer.js';

/** Claims per batch: one lookup of earlier submissions, then one multi-row INSERT per table. */
export const CLAIM_BATCH = 500;
/** Claim payments per batch: one lookup of candidate claims and one of their lines, then the INSERTs. */
export const PAYMENT_BATCH = 500;
const ISSUE_BATCH = 1000;
/** Issues kept in memory to record with a file that fails (its counts still cover all of them). */
export const KEPT_ISSUES = 10_000;
/** Items between two chances for the database connection's events to run (see TransactionWriter). */
const YIELD_EVERY = 32;

/** The repositories a file's ingestion writes through. */
export interface IngestRepositories {
  files: ReceivedFilesRepository;
  claims: ClaimWriterRepository;
  remittances: RemittanceWriterRepository;
}

/** The file being ingested. */
export interface IngestTarget {
  id: string;
  receivedAt: string;
}

/** What is known of a claim when payments are linked to it. */
interface ClaimTarget {
  id: string;
  status: string;
  submission: string;
  supersededById: string | null;
  paidCents: number;
  patientResponsibilityCents: number;
  /** The claim's row when it is in the batch being inserted (updated in place), else null. */
  row: unknown[] | null;
}

/** A payment being linked to a claim, for its totals and status. */
interface PaymentLink {
  outcome: PaymentOutcome;
  paidCents: number;
  patientResponsibilityCents: number;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].filter((v) => v !== '');
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Statement period, else the span of the SVC dates. */
function paymentFacts(p: ClaimPayment): PaymentFacts {
  let from = p.statementFrom;
  let to = p.statementTo ?? from;
  if (from === null) {
    for (const s of p.services) {
      if (s.serviceDate === null) continue;
      const end = s.serviceDateEnd ?? s.serviceDate;
      if (from === null || s.serviceDate < from) from = s.serviceDate;
      if (to === null || end > to) to = end;
    }
  }
  return { payerId: remittancePayerId(p.header), chargeCents: cents(p.charge), dateFrom: from, dateTo: to };
}

function outcomeOf(p: ClaimPayment, remittanceId: string): PaymentOutcome {
  return {
    remittanceId,
    statusCode: p.statusCode,
    paidCents: cents(p.paid),
    isReversal: p.isReversal,
    adjustments: p.adjustments,
    services: p.services.map((s) => ({
      chargeCents: cents(s.charge),
      paidCents: cents(s.paid),
      adjustments: s.adjustments,
    })),
  };
}

function describePayment(
  statusCode: string,
  paidCents: number,
  patientResponsibilityCents: number,
  payerClaimControlNumber: string,
): string {
  const icn = payerClaimControlNumber ? `, payer claim control number ${payerClaimControlNumber}` : '';
  return (
    `remittance CLP02 ${statusCode}${statusCode === '22' ? ' (reversal)' : ''}: paid ${formatCents(paidCents)},` +
    ` patient responsibility ${formatCents(patientResponsibilityCents)}${icn}`
  );
}

function candidateOfStored(c: StoredClaim): ClaimCandidate {
  return c;
}

function candidateOfRow(row: unknown[], claim: Claim, receivedAt: string): ClaimCandidate {
  return {
    id: row[CLAIM_COL.id] as string,
    payerId: claim.payer.id,
    totalChargeCents: cents(claim.totalCharge),
    serviceDateFrom: claim.serviceDateFrom,
    serviceDateTo: claim.serviceDateTo,
    submission: row[CLAIM_COL.submission] as string,
    supersededById: row[CLAIM_COL.supersededById] as string | null,
    receivedAt,
    byteOffset: claim.position.byteOffset,
  };
}

/**
 * One file's way into the database, inside its transaction: consumes the X12 items in order, turns
 * claims and claim payments into rows in batches, decides submissions (duplicate, replacement, void)
 * and links payments to claims, then leaves the totals for the file record. Not reusable: one per file.
 */
export class FileIngestion {
  kind: FileKind;
  transactionCount = 0;
  claimCount = 0;
  paymentCount = 0;
  matchedPaymentCount = 0;
  errorCount = 0;
  warningCount = 0;
  /** The first KEPT_ISSUES issues, to record with the file if it fails. */
  readonly keptIssues: X12Issue[] = [];

  private claims: Claim[] = [];
  private payments: ClaimPayment[] = [];
  private issues: X12Issue[] = [];
  private issueSeq = 0;
  private readonly remittanceIds = new Map<RemittanceHeader, string>();
  /** Whether unmatched claim payments may exist (checked once, then set when this file writes one). */
  private unmatchedMayExist: boolean | null = null;

  constructor(
    private readonly w: TransactionWriter,
    private readonly repos: IngestRepositories,
    private readonly file: IngestTarget,
    private readonly ids: IdGenerator,
    kind: FileKind,
  ) {
    this.kind = kind;
  }

  /** Reads every item; throws what the parser or the database throws (the caller rolls back). */
  async consume(items: AsyncIterable<X12Item>): Promise<void> {
    let n = 0;
    for await (const item of items) {
      switch (item.kind) {
        case 'claim':
          if (this.kind === 'unknown') this.kind = '837';
          if (this.payments.length) await this.flushPayments();
          this.claimCount++;
          this.claims.push(item.claim);
          if (this.claims.length >= CLAIM_BATCH) await this.flushClaims();
          break;
        case 'remittance-header':
          if (this.kind === 'unknown') this.kind = '835';
          if (this.claims.length) await this.flushClaims();
          await this.startRemittance(item.header);
          break;
        case 'claim-payment':
          if (this.claims.length) await this.flushClaims();
          this.paymentCount++;
          this.payments.push(item.payment);
          if (this.payments.length >= PAYMENT_BATCH) await this.flushPayments();
          break;
        case 'remittance':
          await this.flushPayments();
          await this.finishRemittance(item.remittance);
          break;
        case 'transaction':
          if (this.kind === 'unknown')
            this.kind = kindOfTransactionSet(item.transaction.context.transactionSetId);
          this.transactionCount++;
          break;
        case 'issue':
          await this.noteIssue(item.issue);
          break;
      }
      if (++n % YIELD_EVERY === 0) {
        const pause = this.w.yieldToDatabase();
        if (pause) await pause;
      }
    }
    await this.flushClaims();
    await this.flushPayments();
    await this.flushIssues();
  }

  /** Counts an issue, keeps it for a failure record, and queues it for storage. */
  async noteIssue(issue: X12Issue): Promise<void> {
    if (issue.severity === 'error') this.errorCount++;
    else this.warningCount++;
    if (this.keptIssues.length < KEPT_ISSUES) this.keptIssues.push(issue);
    this.issues.push(issue);
    if (this.issues.length >= ISSUE_BATCH) await this.flushIssues();
  }

  private async flushIssues(): Promise<void> {
    if (this.issues.length === 0) return;
    const batch = this.issues;
    this.issues = [];
    await this.repos.files.insertIssues(this.w, this.file.id, batch, this.issueSeq, this.ids);
    this.issueSeq += batch.length;
  }

  private async startRemittance(header: RemittanceHeader): Promise<void> {
    const id = this.ids.next();
    this.remittanceIds.set(header, id);
    await this.repos.remittances.insertRemittance(
      this.w,
      remittanceRow(header, id, this.file.id, this.file.receivedAt),
    );
  }

  private async finishRemittance(summary: RemittanceSummary): Promise<void> {
    const id = this.remittanceIds.get(summary.header);
    if (id === undefined) return;
    this.remittanceIds.delete(summary.header);
    await this.repos.remittances.completeRemittance(
      this.w,
      id,
      summary.claimPaymentCount,
      cents(summary.totalProviderAdjustments),
      providerAdjustmentRows(summary, id, this.ids),
    );
  }

  private remittanceIdOf(header: RemittanceHeader): string {
    const id = this.remittanceIds.get(header);
    if (id === undefined) throw new Error('claim payment before its remittance header');
    return id;
  }

  private async mayHaveUnmatched(): Promise<boolean> {
    if (this.unmatchedMayExist === null) {
      this.unmatchedMayExist = await this.repos.remittances.anyUnmatched(this.w);
    }
    return this.unmatchedMayExist;
  }

  // ---- claims

  private async flushClaims(): Promise<void> {
    if (this.claims.length === 0) return;
    const batch = this.claims;
    this.claims = [];
    const { id: fileId, receivedAt } = this.file;
    const sets = batch.map((c) => claimRows(c, this.ids, fileId, receivedAt));
    const pcns = unique(batch.map((c) => c.patientControlNumber));
    const stored = pcns.length ? await this.repos.claims.findByPatientControlNumbers(this.w, pcns) : [];
    const unmatched =
      pcns.length && (await this.mayHaveUnmatched())
        ? await this.repos.remittances.findUnmatchedByPatientControlNumbers(this.w, pcns)
        : [];

    // Submissions, in file order: a claim earlier in the batch is a prior of the ones after it.
    const priorsByKey = new Map<string, PriorClaim[]>();
    for (const s of stored) {
      const key = submissionKey(s.patientControlNumber, s.billingNpi, s.payerId);
      const list = priorsByKey.get(key);
      const prior = { id: s.id, submission: s.submission, supersededById: s.supersededById };
      if (list) list.push(prior);
      else priorsByKey.set(key, [prior]);
    }
    const rowById = new Map<string, unknown[]>();
    const superseded: { id: string; supersededById: string; status: string }[] = [];
    const events: unknown[][] = [];
    for (let i = 0; i < batch.length; i++) {
      const claim = batch[i]!;
      const row = sets[i]!.claim;
      const id = row[CLAIM_COL.id] as string;
      rowById.set(id, row);
      if (claim.patientControlNumber === '') {
        events.push(eventRow(this.ids, id, receivedAt, 'received', fileId, null, 'received without CLM01'));
        continue;
      }
      const key = submissionKey(claim.patientControlNumber, claim.billingProvider?.npi ?? '', claim.payer.id);
      let priors = priorsByKey.get(key);
      if (!priors) priorsByKey.set(key, (priors = []));
      const d = decideSubmission(claim.frequencyCode, priors);
      row[CLAIM_COL.submission] = d.submission;
      row[CLAIM_COL.duplicateOfId] = d.duplicateOfId;
      if (d.submission === 'void') row[CLAIM_COL.status] = 'voided';
      events.push(
        eventRow(
          this.ids,
          id,
          receivedAt,
          'received',
          fileId,
          null,
          `received as ${d.submission} (CLM05-3 frequency ${claim.frequencyCode || 'not sent'})`,
        ),
      );
      if (d.duplicateOfId !== null) {
        events.push(
          eventRow(
            this.ids,
            id,
            receivedAt,
            'duplicate',
            fileId,
            d.duplicateOfId,
            `repeats claim ${d.duplicateOfId}`,
          ),
        );
      }
      if (d.supersedes !== null) {
        const target = d.supersedes;
        const verb = target.status === 'replaced' ? 'replaced' : 'voided';
        const inBatch = rowById.get(target.id);
        if (inBatch) {
          inBatch[CLAIM_COL.supersededById] = id;
          inBatch[CLAIM_COL.status] = target.status;
        } else {
          superseded.push({ id: target.id, supersededById: id, status: target.status });
        }
        for (const p of priors) if (p.id === target.id) p.supersededById = id;
        events.push(eventRow(this.ids, target.id, receivedAt, verb, fileId, id, `${verb} by claim ${id}`));
        events.push(
          eventRow(
            this.ids,
            id,
            receivedAt,
            d.submission === 'void' ? 'voids' : 'replaces',
            fileId,
            target.id,
            `${d.submission === 'void' ? 'voids' : 'replaces'} claim ${target.id}`,
          ),
        );
      }
      priors.push({ id, submission: d.submission, supersededById: null });
    }

    const late = unmatched.length
      ? await this.linkLatePayments(unmatched, batch, sets, stored, rowById, events)
      : null;

    await this.repos.claims.insertClaims(this.w, sets);
    await this.repos.claims.markSuperseded(this.w, superseded);
    if (late) {
      await this.repos.remittances.linkPayments(this.w, late.payments);
      await this.repos.remittances.linkServices(this.w, late.services);
      await this.repos.claims.savePaymentStates(this.w, late.storedStates);
    }
    await this.repos.claims.insertEvents(this.w, events);
  }

  /**
   * Claims that arrive after their remittance: links the unmatched claim payments with these CLM01s
   * to the best claim among the batch and those on file. New claims' rows are updated in place.
   */
  private async linkLatePayments(
    unmatched: readonly StoredPayment[],
    batch: readonly Claim[],
    sets: readonly ClaimRowSet[],
    stored: readonly StoredClaim[],
    rowById: ReadonlyMap<string, unknown[]>,
    events: unknown[][],
  ): Promise<{
    payments: { paymentId: string; claimId: string }[];
    services: { servicePaymentId: string; claimLineId: string }[];
    storedStates: { id: string; paidCents: number; patientResponsibilityCents: number; status: string }[];
  }> {
    const candidates: ClaimCandidate[] = stored.map(candidateOfStored);
    const linesOfNew = new Map<string, LineCandidate[]>();
    for (let i = 0; i < batch.length; i++) {
      const set = sets[i]!;
      candidates.push(candidateOfRow(set.claim, batch[i]!, this.file.receivedAt));
      linesOfNew.set(set.claim[CLAIM_COL.id] as string, set.lineKeys);
    }
    const pcnOf = new Map<string, string>();
    for (const s of stored) pcnOf.set(s.id, s.patientControlNumber);
    for (const [id, row] of rowById) pcnOf.set(id, row[CLAIM_COL.patientControlNumber] as string);
    const byPcn = groupBy(candidates, (c) => pcnOf.get(c.id)!);
    const storedById = new Map(stored.map((c) => [c.id, c]));
    const detail = await this.repos.remittances.findDetailOfPayments(
      this.w,
      unmatched.map((p) => p.id),
    );
    const chosen = unmatched.map((p) => {
      let from = p.statementFrom;
      let to = p.statementTo ?? from;
      if (from === null) {
        for (const s of detail.get(p.id)?.services ?? []) {
          if (s.serviceDate === null) continue;
          if (from === null || s.serviceDate < from) from = s.serviceDate;
          if (to === null || s.serviceDate > to) to = s.serviceDate;
        }
      }
      const facts = { payerId: p.payerId, chargeCents: p.chargeCents, dateFrom: from, dateTo: to };
      return chooseClaim(facts, byPcn.get(p.patientControlNumber) ?? []);
    });
    const storedChosen = unique(chosen.filter((c) => c !== null && !rowById.has(c.id)).map((c) => c!.id));
    const storedLines = groupBy(
      storedChosen.length
        ? await this.repos.claims.findLinesOfClaims(this.w, storedChosen)
        : ([] as StoredLine[]),
      (l) => l.claimId,
    );

    const payments: { paymentId: string; claimId: string }[] = [];
    const services: { servicePaymentId: string; claimLineId: string }[] = [];
    const targets = new Map<string, { claim: ClaimTarget; links: PaymentLink[] }>();
    for (let i = 0; i < unmatched.length; i++) {
      const claim = chosen[i];
      if (!claim) continue;
      const p = unmatched[i]!;
      const d = detail.get(p.id) ?? { adjustments: [], services: [] };
      payments.push({ paymentId: p.id, claimId: claim.id });
      const lineIds = matchServiceLines(
        d.services,
        linesOfNew.get(claim.id) ?? storedLines.get(claim.id) ?? [],
      );
      lineIds.forEach((lineId, k) => {
        if (lineId !== null) services.push({ servicePaymentId: d.services[k]!.id, claimLineId: lineId });
      });
      events.push(
        eventRow(
          this.ids,
          claim.id,
          this.file.receivedAt,
          'remittance',
          this.file.id,
          p.id,
          describePayment(p.statusCode, p.paidCents, p.patientResponsibilityCents, ''),
        ),
      );
      this.targetFor(targets, claim.id, rowById.get(claim.id) ?? null, storedById).links.push({
        outcome: {
          remittanceId: p.remittanceId,
          statusCode: p.statusCode,
          paidCents: p.paidCents,
          isReversal: p.isReversal,
          adjustments: d.adjustments,
          services: d.services,
        },
        paidCents: p.paidCents,
        patientResponsibilityCents: p.patientResponsibilityCents,
      });
    }
    const states = await this.settle(targets);
    const storedStates = states.filter((s) => !rowById.has(s.id));
    return { payments, services, storedStates };
  }

  // ---- claim payments

  private async flushPayments(): Promise<void> {
    if (this.payments.length === 0) return;
    const batch = this.payments;
    this.payments = [];
    const sets = batch.map((p) => paymentRows(p, this.remittanceIdOf(p.header), this.ids));
    const pcns = unique(batch.map((p) => p.patientControlNumber));
    const stored = pcns.length ? await this.repos.claims.findByPatientControlNumbers(this.w, pcns) : [];
    const byPcn = groupBy(stored, (c) => c.patientControlNumber);
    const storedById = new Map(stored.map((c) => [c.id, c]));
    const chosen = batch.map((p) => {
      const candidates = byPcn.get(p.patientControlNumber);
      return candidates ? chooseClaim(paymentFacts(p), candidates) : null;
    });
    const claimIds = unique(chosen.filter((c) => c !== null).map((c) => c.id));
    const lines = groupBy(
      claimIds.length ? await this.repos.claims.findLinesOfClaims(this.w, claimIds) : [],
      (l) => l.claimId,
    );

    const events: unknown[][] = [];
    const targets = new Map<string, { claim: ClaimTarget; links: PaymentLink[] }>();
    for (let i = 0; i < batch.length; i++) {
      const claim = chosen[i];
      const set = sets[i]!;
      if (!claim) {
        this.unmatchedMayExist = true;
        continue;
      }
      const p = batch[i]!;
      this.matchedPaymentCount++;
      set.payment[CLAIM_PAYMENT_COL.claimId] = claim.id;
      set.payment[CLAIM_PAYMENT_COL.matchStatus] = 'matched';
      const lineIds = matchServiceLines(
        p.services.map((s) => ({
          controlNumber: s.controlNumber,
          procedureCode: s.procedure.code,
          serviceDate: s.serviceDate,
        })),
        lines.get(claim.id) ?? [],
      );
      for (let k = 0; k < lineIds.length; k++) set.services[k]![SERVICE_PAYMENT_COL.claimLineId] = lineIds[k];
      const paid = cents(p.paid);
      const responsibility = cents(p.patientResponsibility);
      events.push(
        eventRow(
          this.ids,
          claim.id,
          this.file.receivedAt,
          'remittance',
          this.file.id,
          set.payment[CLAIM_PAYMENT_COL.id] as string,
          describePayment(p.statusCode, paid, responsibility, p.payerClaimControlNumber),
        ),
      );
      this.targetFor(targets, claim.id, null, storedById).links.push({
        outcome: outcomeOf(p, set.payment[1] as string),
        paidCents: paid,
        patientResponsibilityCents: responsibility,
      });
    }
    // Before the inserts: a history read must see only the payments linked before this batch.
    const states = await this.settle(targets);
    await this.repos.remittances.insertPayments(this.w, sets);
    await this.repos.claims.insertEvents(this.w, events);
    await this.repos.claims.savePaymentStates(this.w, states);
  }

  private targetFor(
    targets: Map<string, { claim: ClaimTarget; links: PaymentLink[] }>,
    claimId: string,
    row: unknown[] | null,
    stored: ReadonlyMap<string, StoredClaim>,
  ): { claim: ClaimTarget; links: PaymentLink[] } {
    let t = targets.get(claimId);
    if (t) return t;
    let claim: ClaimTarget;
    if (row) {
      claim = {
        id: claimId,
        status: row[CLAIM_COL.status] as string,
        submission: row[CLAIM_COL.submission] as string,
        supersededById: row[CLAIM_COL.supersededById] as string | null,
        paidCents: row[CLAIM_COL.paidCents] as number,
        patientResponsibilityCents: row[CLAIM_COL.patientResponsibilityCents] as number,
        row,
      };
    } else {
      claim = { ...stored.get(claimId)!, row: null };
    }
    t = { claim, links: [] };
    targets.set(claimId, t);
    return t;
  }

  /**
   * New totals and derived status of the claims that got payments. The status reads only the latest
   * payments (see deriveClaimStatus), so earlier ones are loaded only when the latest new one is a
   * reversal of a claim that was already paid (its correction may have come earlier in the same
   * remittance). Claims replaced, voided or void keep their status; their totals still change.
   */
  private async settle(
    targets: Map<string, { claim: ClaimTarget; links: PaymentLink[] }>,
  ): Promise<{ id: string; paidCents: number; patientResponsibilityCents: number; status: string }[]> {
    if (targets.size === 0) return [];
    const keepsStatus = (c: ClaimTarget) =>
      c.supersededById !== null ||
      c.submission === 'void' ||
      c.status === 'replaced' ||
      c.status === 'voided';
    const needHistory: string[] = [];
    for (const { claim, links } of targets.values()) {
      const last = links[links.length - 1]!.outcome;
      if (claim.row === null && !keepsStatus(claim) && claim.status !== 'submitted' && last.isReversal) {
        needHistory.push(claim.id);
      }
    }
    const history = new Map<string, PaymentOutcome[]>();
    if (needHistory.length) {
      const earlier = await this.repos.remittances.findLinkedToClaims(this.w, needHistory);
      const detail = await this.repos.remittances.findDetailOfPayments(
        this.w,
        earlier.map((p) => p.id),
      );
      for (const p of earlier) {
        const d = detail.get(p.id) ?? { adjustments: [], services: [] };
        const list = history.get(p.claimId!) ?? [];
        list.push({
          remittanceId: p.remittanceId,
          statusCode: p.statusCode,
          paidCents: p.paidCents,
          isReversal: p.isReversal,
          adjustments: d.adjustments,
          services: d.services,
        });
        history.set(p.claimId!, list);
      }
    }
    const out: { id: string; paidCents: number; patientResponsibilityCents: number; status: string }[] = [];
    for (const { claim, links } of targets.values()) {
      let paid = claim.paidCents;
      let responsibility = claim.patientResponsibilityCents;
      for (const l of links) {
        paid += l.paidCents;
        responsibility += l.patientResponsibilityCents;
      }
      const outcomes = [...(history.get(claim.id) ?? []), ...links.map((l) => l.outcome)];
      const status = keepsStatus(claim) ? claim.status : deriveClaimStatus(outcomes);
      if (claim.row) {
        claim.row[CLAIM_COL.paidCents] = paid;
        claim.row[CLAIM_COL.patientResponsibilityCents] = responsibility;
        claim.row[CLAIM_COL.status] = status;
      }
      out.push({ id: claim.id, paidCents: paid, patientResponsibilityCents: responsibility, status });
    }
    return out;
  }
}
