/**
 * What a digest holds and its headline figures. Pure: the service reads the rows and the report
 * figures, this sums and sorts them. A digest names claims by claim id, payer id and billing NPI only,
 * with amounts and dates: no patient identifier (name, member id, birth date, patient control number)
 * is ever part of it, because finance reads it and it may travel by mail.
 */
import type { OpenDeadlineAlert } from '../deadlines/deadline-alert.js';
import type { DigestPeriod } from './digest-period.js';

/**
 * A claim whose first answer from the payer, a denial (whole or partial), reached us in the period: the
 * 835 that brought it was received then, whatever date the payer put on it.
 */
export interface NewDenialRow {
  claimId: string;
  payerId: string;
  billingNpi: string;
  /** The date the payer put on its first answer (BPR16), YYYY-MM-DD: may be before the period. */
  firstRemitDate: string;
  firstPass: 'denied' | 'partial';
  deniedCents: number;
  denialCarcs: string[];
  /** The category each CARC is attributed to, as the reports count denials by category. */
  denialCategories: string[];
}

/** One line of a breakdown: a category, payer or CARC with its claims and denied money. */
export interface DenialBreakdown {
  key: string;
  /** Our short label of a CARC (rules/risk/carc-categories.yaml); empty for categories and payers. */
  label: string;
  claims: number;
  deniedCents: number;
}

export interface NewDenials {
  claims: number;
  deniedCents: number;
  /** A claim counts under each category its CARCs are attributed to (as the dashboard counts). */
  byCategory: DenialBreakdown[];
  byPayer: DenialBreakdown[];
  /** The CARCs on most new denials (a claim counts once per CARC). */
  topCarcs: DenialBreakdown[];
  /** Every new denial, largest denied amount first. */
  rows: NewDenialRow[];
}

/** Claims and expected denied money, for one payer or in total. */
export interface RiskLine {
  key: string;
  claims: number;
  expectedDeniedCents: number;
}

export interface MoneyAtRisk {
  /**
   * Open flagged claims: in the billing worklist's flagged queue (block/warn findings, no answer
   * from the payer yet, not worked) and not resolved or overridden there; money as the worklist
   * counts it (expected denied cents).
   */
  openFlagged: RiskLine & { byPayer: RiskLine[] };
  /** Every claim waiting for an answer: the dashboard's money at risk. */
  awaitingAnswer: RiskLine;
}

/** Leakage by kind as the leakage report computes it (all months, as of the digest's today). */
export interface LeakageTotals {
  byKind: { kind: string; items: number; amountCents: number }[];
  totalCents: number;
  /** Money saved by fixing flagged claims before a denial (reported apart from what was lost). */
  reworkAvoidedCents: number;
}

export interface DeadlineTotals {
  count: number;
  chargeCents: number;
  atRiskCents: number;
}

export interface ApproachingDeadlines extends DeadlineTotals {
  byKind: { filing: DeadlineTotals; appeal: DeadlineTotals };
  /** The open deadline alerts, earliest deadline first. */
  alerts: OpenDeadlineAlert[];
}

/** Everything a digest shows. */
export interface DigestReport {
  period: DigestPeriod;
  /** The day the digest was written for (the job's today, in `timeZone`). */
  today: string;
  timeZone: string;
  /** When it was written, ISO-8601 UTC. */
  generatedAt: string;
  newDenials: NewDenials;
  moneyAtRisk: MoneyAtRisk;
  leakage: LeakageTotals;
  deadlines: ApproachingDeadlines;
}

/** The headline figures kept with the digest row (digest.summary) and shown in the list. */
export interface DigestSummary {
  kind: DigestPeriod['kind'];
  periodFrom: string;
  periodTo: string;
  today: string;
  denials: number;
  deniedCents: number;
  atRiskClaims: number;
  atRiskCents: number;
  awaitingClaims: number;
  awaitingAtRiskCents: number;
  leakageCents: number;
  reworkAvoidedCents: number;
  deadlines: number;
  filingDeadlines: number;
  appealDeadlines: number;
  deadlineAtRiskCents: number;
  /** The category with the most denied money in the period, '' without denials. */
  topCategory: string;
}

/** What each leakage kind is called in a digest. */
export const LEAKAGE_LABELS: Readonly<Record<string, string>> = {
  denial: 'Denials not yet worked',
  'timely-filing': 'Timely-filing write-offs',
  underpayment: 'Underpayments against contract',
  'missed-charge': 'Missed charges',
  reversal: 'Reversals not paid again',
  recoupment: 'Recoupments (PLB)',
  rework: 'Cost of reworking denials',
};

/** What each deadline kind is called in a digest. */
export const DEADLINE_LABELS: Readonly<Record<string, string>> = {
  filing: 'Timely-filing limit',
  appeal: 'Appeal deadline',
};

/** CARCs listed in the "top CARCs" table. */
export const TOP_CARCS = 10;

const byClaimsThenMoney = (a: DenialBreakdown, b: DenialBreakdown): number =>
  b.claims - a.claims || b.deniedCents - a.deniedCents || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const byMoneyThenClaims = (a: DenialBreakdown, b: DenialBreakdown): number =>
  b.deniedCents - a.deniedCents || b.claims - a.claims || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function tally(into: Map<string, DenialBreakdown>, key: string, deniedCents: number, label = ''): void {
  const line = into.get(key) ?? { key, label, claims: 0, deniedCents: 0 };
  line.claims++;
  line.deniedCents += deniedCents;
  into.set(key, line);
}

/**
 * The new denials of a period summed: totals, by category (each attributed category of a claim),
 * by payer, and the top CARCs (each CARC of a claim once) labelled with `carcLabel`.
 */
export function summarizeNewDenials(
  rows: readonly NewDenialRow[],
  carcLabel: (carc: string) => string | null,
  topCarcs = TOP_CARCS,
): NewDenials {
  const categories = new Map<string, DenialBreakdown>();
  const payers = new Map<string, DenialBreakdown>();
  const carcs = new Map<string, DenialBreakdown>();
  let deniedCents = 0;
  for (const r of rows) {
    deniedCents += r.deniedCents;
    tally(payers, r.payerId, r.deniedCents);
    for (const c of new Set(r.denialCategories)) tally(categories, c, r.deniedCents);
    for (const carc of new Set(r.denialCarcs)) tally(carcs, carc, r.deniedCents, carcLabel(carc) ?? '');
  }
  return {
    claims: rows.length,
    deniedCents,
    byCategory: [...categories.values()].sort(byMoneyThenClaims),
    byPayer: [...payers.values()].sort(byMoneyThenClaims),
    topCarcs: [...carcs.values()].sort(byClaimsThenMoney).slice(0, topCarcs),
    rows: [...rows].sort(
      (a, b) =>
        b.deniedCents - a.deniedCents ||
        (a.firstRemitDate < b.firstRemitDate ? -1 : a.firstRemitDate > b.firstRemitDate ? 1 : 0) ||
        (a.claimId < b.claimId ? -1 : 1),
    ),
  };
}

/** Counts and money of the open deadline alerts, in total and per kind. */
export function summarizeDeadlines(alerts: readonly OpenDeadlineAlert[]): ApproachingDeadlines {
  const totals = (list: readonly OpenDeadlineAlert[]): DeadlineTotals => ({
    count: list.length,
    chargeCents: list.reduce((a, x) => a + x.chargeCents, 0),
    atRiskCents: list.reduce((a, x) => a + x.atRiskCents, 0),
  });
  return {
    ...totals(alerts),
    byKind: {
      filing: totals(alerts.filter((a) => a.kind === 'filing')),
      appeal: totals(alerts.filter((a) => a.kind === 'appeal')),
    },
    alerts: [...alerts],
  };
}

/** The headline figures of a digest. */
export function digestSummary(r: DigestReport): DigestSummary {
  return {
    kind: r.period.kind,
    periodFrom: r.period.from,
    periodTo: r.period.to,
    today: r.today,
    denials: r.newDenials.claims,
    deniedCents: r.newDenials.deniedCents,
    atRiskClaims: r.moneyAtRisk.openFlagged.claims,
    atRiskCents: r.moneyAtRisk.openFlagged.expectedDeniedCents,
    awaitingClaims: r.moneyAtRisk.awaitingAnswer.claims,
    awaitingAtRiskCents: r.moneyAtRisk.awaitingAnswer.expectedDeniedCents,
    leakageCents: r.leakage.totalCents,
    reworkAvoidedCents: r.leakage.reworkAvoidedCents,
    deadlines: r.deadlines.count,
    filingDeadlines: r.deadlines.byKind.filing.count,
    appealDeadlines: r.deadlines.byKind.appeal.count,
    deadlineAtRiskCents: r.deadlines.atRiskCents,
    topCategory: r.newDenials.byCategory[0]?.key ?? '',
  };
}
