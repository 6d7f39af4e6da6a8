/**
 * One claim in money: from what was billed, what the payer answered and what the rules found, the
 * claim's reporting row (outcome, denial, risk, deadlines) and its leakage items (unworked denial,
 * timely-filing write-off, underpaid lines, missed charges, reversal, rework cost, rework avoided).
 * Pure: the report projection (src/reports) feeds it rows read from the database.
 */
import type { CarcCategories } from './carc-categories.js';
import { addDays } from './deadlines.js';
import { claimOutcome } from './outcome.js';
import { predictClaim, type RiskModel } from './risk-model.js';
import { attributedCategories } from './rollup.js';
import { lineUnderpayments } from './underpayment.js';
import type { BilledLineFact, ClaimOutcome, FindingFact, PaymentFact } from './types.js';

/** A finding as stored, with the procedures a missed-charge finding says were documented and not billed. */
export interface StoredFindingFact extends FindingFact {
  /** Codes from the evidence fact `claim.documentation.unbilledProcedures`; empty for other findings. */
  unbilledProcedures: string[];
}

export interface ClaimReportInput {
  claimId: string;
  claimType: string;
  patientControlNumber: string;
  /** The claim's derived status (submitted, paid, denied, replaced, voided …). */
  status: string;
  chargeCents: number;
  payerId: string;
  /** Rendering NPI, else billing NPI. */
  providerNpi: string;
  serviceDate: string | null;
  /** The last date of service (the filing limit counts from it); the first when absent. */
  serviceDateTo?: string | null;
  /** The day the 837 was received (the submission as claimguard saw it). */
  submittedDate: string;
  lines: BilledLineFact[];
  payments: PaymentFact[];
  findings: StoredFindingFact[];
  /** When an evaluation first found block/warn findings on the claim, and its risk then (thousandths). */
  flaggedAt: string | null;
  flaggedRiskMilli: number;
  /** The latest later submission of the same claim (same CLM01 and payer, or its replacement), if any. */
  resubmittedOn: string | null;
}

/** Per payer: the windows deadlines are counted with (rules/payers). */
export interface PayerTerms {
  appealDays: number;
  timelyFilingDays: number;
}

/** Contract allowed cents per unit for a procedure/modifier on a date; null without a rate. */
export type RateLookup = (
  procedureCode: string,
  modifier: string,
  serviceDate: string | null,
) => number | null;

export interface ReportContext {
  carcs: CarcCategories;
  model: RiskModel;
  payerTerms(payerId: string): PayerTerms;
  rates(payerId: string): RateLookup;
  /** Rework cost per denied claim, by claim type (professional, institutional, dental). */
  reworkCents(claimType: string): number;
}

export type LeakageKind =
  | 'denial'
  | 'timely-filing'
  | 'underpayment'
  | 'missed-charge'
  | 'reversal'
  | 'recoupment'
  | 'rework'
  | 'rework-avoided';

/** Kinds that are money lost or at stake; `rework-avoided` is money saved and is reported apart. */
export const LEAKAGE_KINDS: readonly LeakageKind[] = [
  'denial',
  'timely-filing',
  'underpayment',
  'missed-charge',
  'reversal',
  'recoupment',
  'rework',
];

export interface LeakageItem {
  kind: LeakageKind;
  /** Denial category, `contract` for underpayments, `plb` for recoupments … */
  category: string;
  lineNumber: number;
  amountCents: number;
  /** The date by which to act (appeal deadline), when there is one. */
  deadline: string | null;
  detail: string;
}

/** A claim_report row (see the migration 1764700000000). */
export interface ClaimReportRow {
  claimId: string;
  month: string;
  serviceDate: string | null;
  submittedDate: string;
  payerId: string;
  providerNpi: string;
  claimType: string;
  patientControlNumber: string;
  status: string;
  chargeCents: number;
  paidCents: number;
  firstPass: ClaimOutcome['firstPass'];
  currentOutcome: ClaimOutcome['current'];
  firstRemitDate: string | null;
  denialCarcs: string[];
  denialCategory: string;
  /** The category each denial CARC is attributed to (as the rollups count them), unique. */
  denialCategories: string[];
  deniedCents: number;
  /** block/warn findings, one per rule: what the backtest reads. */
  flags: FindingFact[];
  findingCount: number;
  riskMilli: number;
  expectedDenialCents: number;
  underpaidCents: number;
  missedChargeCents: number;
  reversedCents: number;
  reworkCents: number;
  fixed: boolean;
  reworkAvoidedCents: number;
  worked: boolean;
  appealDeadline: string | null;
  filingDeadline: string | null;
}

export interface ClaimReport {
  row: ClaimReportRow;
  outcome: ClaimOutcome;
  items: LeakageItem[];
}

/** Denial CARCs kept per claim (largest amounts first). */
export const MAX_DENIAL_CARCS = 20;

/** Claims in these states are not (or no longer) expected to be paid as sent. */
const CLOSED_STATUSES = new Set(['replaced', 'voided']);

export function buildClaimReport(input: ClaimReportInput, ctx: ReportContext): ClaimReport {
  const outcome = claimOutcome(input.payments, ctx.carcs);
  const terms = ctx.payerTerms(input.payerId);
  const month = (input.serviceDate ?? input.submittedDate).slice(0, 7);
  const closed = CLOSED_STATUSES.has(input.status);
  const deniedFirst = outcome.firstPass === 'denied' || outcome.firstPass === 'partial';
  const stillDenied = outcome.current === 'denied' || outcome.current === 'partial';

  // One flag per rule (a line rule may fire on several lines): the backtest counts claims, not lines.
  const flagsByRule = new Map<string, FindingFact>();
  for (const f of input.findings) {
    if (f.severity === 'info' || flagsByRule.has(f.ruleId)) continue;
    flagsByRule.set(f.ruleId, {
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      line: null,
      carc: f.carc,
    });
  }
  const blocking = input.findings.filter((f) => f.severity !== 'info');
  const risk = closed
    ? { probability: 0, expectedDeniedCents: 0 }
    : predictClaim(
        ctx.model,
        input.payerId,
        blocking,
        input.lines.map((l) => ({ lineNumber: l.lineNumber, chargeCents: l.chargeCents })),
      );

  const worked = input.resubmittedOn !== null || closed;
  // The main denial CARC's category; an ambiguous CARC (16) goes to the category a finding pointed at.
  const denialCategory = outcome.denialCarcs.length
    ? attributedCategories([outcome.denialCarcs[0]!], new Set(blocking.map((f) => f.category)), ctx.carcs)[0]!
    : '';
  const timelyFilingLoss = deniedFirst && denialCategory === 'timely-filing';
  const items: LeakageItem[] = [];
  let appealDeadline: string | null = null;
  if (deniedFirst && stillDenied && !worked) {
    if (timelyFilingLoss) {
      items.push({
        kind: 'timely-filing',
        category: 'timely-filing',
        lineNumber: 0,
        amountCents: outcome.deniedCents,
        deadline: null,
        detail: `denied as filed late (CARC ${outcome.denialCarcs.join(', ')}); written off unless proof of timely filing exists`,
      });
    } else {
      appealDeadline = outcome.firstRemitDate ? addDays(outcome.firstRemitDate, terms.appealDays) : null;
      items.push({
        kind: 'denial',
        category: denialCategory,
        lineNumber: 0,
        amountCents: outcome.deniedCents,
        deadline: appealDeadline,
        detail: `denied (CARC ${outcome.denialCarcs.join(', ')}), not yet corrected or appealed`,
      });
    }
  }

  // Underpayments on the standing payment: the last one that is not a reversal.
  let underpaid = 0;
  const standing = [...input.payments].reverse().find((p) => !p.isReversal);
  if (standing && !closed) {
    for (const u of lineUnderpayments(standing.services, ctx.rates(input.payerId))) {
      underpaid += u.shortfallCents;
      items.push({
        kind: 'underpayment',
        category: 'contract',
        lineNumber: u.lineNumber ?? 0,
        amountCents: u.shortfallCents,
        deadline: null,
        detail: `${u.procedureCode}: contract ${u.expectedCents}¢, ${u.basis === 'allowed' ? 'allowed' : 'paid + patient share'} ${u.actualCents}¢`,
      });
    }
  }

  let missed = 0;
  const rateOf = ctx.rates(input.payerId);
  for (const f of input.findings) {
    for (const code of f.unbilledProcedures) {
      const rate = rateOf(code, '', input.serviceDate);
      missed += rate ?? 0;
      items.push({
        kind: 'missed-charge',
        category: f.category,
        lineNumber: 0,
        amountCents: rate ?? 0,
        deadline: null,
        detail:
          rate === null
            ? `${code} documented, not billed (no contract rate on file: amount unknown)`
            : `${code} documented, not billed (valued at the contract rate)`,
      });
    }
  }

  // A replaced or voided claim's reversal is the payer undoing what its successor is paid for.
  if (outcome.reversedCents > 0 && !closed) {
    const net = Math.max(0, outcome.reversedCents - repaidAfterLastReversal(input.payments));
    if (net > 0) {
      items.push({
        kind: 'reversal',
        category: 'reversal',
        lineNumber: 0,
        amountCents: net,
        deadline: null,
        detail: `${outcome.reversedCents}¢ reversed, ${outcome.reversedCents - net}¢ paid again since`,
      });
    }
  }

  const rework = deniedFirst ? ctx.reworkCents(input.claimType) : 0;
  if (rework > 0) {
    items.push({
      kind: 'rework',
      category: denialCategory,
      lineNumber: 0,
      amountCents: rework,
      deadline: null,
      detail: `estimated cost of working a ${input.claimType} denial`,
    });
  }
  // Fixed: flagged once, clean at its last evaluation, not denied. Not a replaced or voided claim: its
  // findings were cleared because it will not be paid as sent, not because it was fixed.
  const fixed = !closed && input.flaggedAt !== null && blocking.length === 0 && !deniedFirst;
  const reworkAvoided = fixed
    ? Math.round((input.flaggedRiskMilli * ctx.reworkCents(input.claimType)) / 1000)
    : 0;
  if (reworkAvoided > 0) {
    items.push({
      kind: 'rework-avoided',
      category: '',
      lineNumber: 0,
      amountCents: reworkAvoided,
      deadline: null,
      detail: `flagged ${input.flaggedAt!.slice(0, 10)} at ${(input.flaggedRiskMilli / 10).toFixed(1)}% risk, fixed before a denial`,
    });
  }

  // The filing limit matters while the payer has not (or not finally) answered.
  const needsFiling =
    !closed && (outcome.firstPass === 'pending' || (stillDenied && !worked && !timelyFilingLoss));
  const lastDate = input.serviceDateTo ?? input.serviceDate;
  const filingDeadline = needsFiling && lastDate ? addDays(lastDate, terms.timelyFilingDays) : null;

  const row: ClaimReportRow = {
    claimId: input.claimId,
    month,
    serviceDate: input.serviceDate,
    submittedDate: input.submittedDate,
    payerId: input.payerId,
    providerNpi: input.providerNpi,
    claimType: input.claimType,
    patientControlNumber: input.patientControlNumber,
    status: input.status,
    chargeCents: input.chargeCents,
    paidCents: outcome.paidCents,
    firstPass: outcome.firstPass,
    currentOutcome: outcome.current,
    firstRemitDate: outcome.firstRemitDate,
    // At most 20 (they are stored in 120 characters, and the rollups must read back what they added).
    denialCarcs: outcome.denialCarcs.slice(0, MAX_DENIAL_CARCS),
    denialCategory,
    denialCategories: attributedCategories(
      outcome.denialCarcs.slice(0, MAX_DENIAL_CARCS),
      new Set(blocking.map((f) => f.category)),
      ctx.carcs,
    ),
    deniedCents: outcome.deniedCents,
    flags: [...flagsByRule.values()],
    findingCount: blocking.length,
    riskMilli: Math.round(risk.probability * 1000),
    expectedDenialCents: risk.expectedDeniedCents,
    underpaidCents: underpaid,
    missedChargeCents: missed,
    reversedCents: outcome.reversedCents,
    reworkCents: rework,
    fixed,
    reworkAvoidedCents: reworkAvoided,
    worked,
    appealDeadline,
    filingDeadline,
  };
  return { row, outcome, items };
}

/** Σ paid by the payments after the last reversal. */
function repaidAfterLastReversal(payments: readonly PaymentFact[]): number {
  let last = -1;
  payments.forEach((p, i) => {
    if (p.isReversal) last = i;
  });
  let sum = 0;
  for (let i = last + 1; i < payments.length; i++) sum += payments[i]!.paidCents;
  return sum;
}

/** `flags` as stored: `RULE|category|carc,carc` joined by `;`. */
export function encodeFlags(flags: readonly FindingFact[]): string {
  return flags.map((f) => `${f.ruleId}|${f.category}|${f.severity}|${f.carc.join(',')}`).join(';');
}

export function decodeFlags(text: string): FindingFact[] {
  if (text === '') return [];
  return text.split(';').map((entry) => {
    const [ruleId = '', category = '', severity = 'warn', carc = ''] = entry.split('|');
    return {
      ruleId,
      category,
      severity: severity === 'block' ? 'block' : 'warn',
      line: null,
      carc: carc === '' ? [] : carc.split(','),
    };
  });
}
