/**
 * A worklist row as the billing team sees it: which queue it is in, the money at risk, the finding to
 * look at first, the deadline that matters and whose it is. Pure: the repository reads the rows, this
 * shapes them (and their CSV form).
 */
import { alertBadge, type AlertBadge } from '../deadlines/deadline-window.js';
import type { FindingFact } from '../reporting/types.js';
import type { WorkStatus } from './work-status.js';

/** flagged: findings, not yet answered by the payer; denied: denied (wholly or partly), not yet worked. */
/**
 * flagged: not yet answered, with findings; denied: denied or partly denied at first pass;
 * answered: paid, still listed because someone is working it (in progress, fixed, resubmitted).
 */
export type WorklistQueue = 'flagged' | 'denied' | 'answered';

/** One claim of the worklist as the repository reads it (claim_report, work_item, app_user). */
export interface WorklistRow {
  claimId: string;
  patientControlNumber: string;
  payerId: string;
  providerNpi: string;
  claimType: string;
  serviceDate: string | null;
  month: string;
  chargeCents: number;
  riskMilli: number;
  /** claim_report.first_pass: `pending` until the payer answers. */
  firstPass: string;
  /** block/warn findings, one per rule. */
  flags: FindingFact[];
  denialCarcs: string[];
  denialCategories: string[];
  anticipated: boolean;
  filingDeadline: string | null;
  appealDeadline: string | null;
  /** Expected denied cents while flagged, denied cents once denied (the order of `sort=risk`). */
  moneyAtRiskCents: number;
  /** The deadline order's key: the deadline, or 9999-12-31 when there is none (last). */
  deadlineKey: string;
  /** null: no work item yet (new). */
  workStatus: WorkStatus | null;
  assigneeId: string | null;
  assigneeUsername: string | null;
  /** The claim's open deadline alert (deadline_alert, raised by the deadlines job); null: none. */
  alertKind: string | null;
  alertDeadline: string | null;
}

/** A stored block/warn finding of a claim, for the "look at this first" line. */
export interface FindingSummary {
  ruleId: string;
  severity: string;
  message: string;
  amountCents: number;
}

export interface TopFinding {
  ruleId: string;
  severity: 'block' | 'warn';
  message: string;
}

/** `GET /api/v1/worklist` item (see the contract). */
export interface WorklistItem {
  claimId: string;
  patientControlNumber: string;
  payerId: string;
  providerNpi: string;
  claimType: string;
  serviceDate: string | null;
  month: string;
  chargeCents: number;
  moneyAtRiskCents: number;
  riskMilli: number;
  queue: WorklistQueue;
  categories: string[];
  topFinding: TopFinding | null;
  denialCarcs: string[];
  anticipated: boolean;
  deadline: string | null;
  deadlineKind: 'filing' | 'appeal' | null;
  status: WorkStatus;
  assignee: { id: string; username: string } | null;
  /** The open deadline alert (the deadlines job raised it: the deadline is within 7 days); null: none. */
  alert: AlertBadge | null;
}

/** The deadline key of a claim without one (sorts last). */
export const NO_DEADLINE = '9999-12-31';

/** Not answered: flagged; denied or partly denied: denied; paid (kept while being worked): answered. */
export function queueOf(firstPass: string): WorklistQueue {
  if (firstPass === 'pending') return 'flagged';
  return firstPass === 'denied' || firstPass === 'partial' ? 'denied' : 'answered';
}

/**
 * The deadline that matters: the timely-filing limit while the payer has not answered, the appeal
 * deadline once it denied (a claim denied as filed late has none: it is written off, not appealed).
 */
export function deadlineOf(row: Pick<WorklistRow, 'firstPass' | 'filingDeadline' | 'appealDeadline'>): {
  deadline: string | null;
  deadlineKind: 'filing' | 'appeal' | null;
} {
  const queue = queueOf(row.firstPass);
  if (queue === 'flagged') {
    return row.filingDeadline ? { deadline: row.filingDeadline, deadlineKind: 'filing' } : none();
  }
  if (queue === 'answered') return none();
  return row.appealDeadline ? { deadline: row.appealDeadline, deadlineKind: 'appeal' } : none();
}

const none = () => ({ deadline: null, deadlineKind: null });

/**
 * The finding to look at first: a block before a warn, then the one with the most money on its lines,
 * then the order the rules were stored in. Its message is the stored finding's (the most costly one of
 * that rule); a claim whose findings are not stored (report rows only) gets the rule's title.
 */
export function topFinding(
  flags: readonly FindingFact[],
  findings: readonly FindingSummary[],
  ruleTitle: (ruleId: string) => string | undefined,
): TopFinding | null {
  if (flags.length === 0) return null;
  const best = new Map<string, FindingSummary>();
  for (const f of findings) {
    const seen = best.get(f.ruleId);
    if (!seen || f.amountCents > seen.amountCents) best.set(f.ruleId, f);
  }
  const rank = (f: FindingFact) => (f.severity === 'block' ? 0 : 1);
  const chosen = flags
    .map((flag, order) => ({ flag, order, amount: best.get(flag.ruleId)?.amountCents ?? 0 }))
    .sort((a, b) => rank(a.flag) - rank(b.flag) || b.amount - a.amount || a.order - b.order)[0]!.flag;
  return {
    ruleId: chosen.ruleId,
    severity: chosen.severity === 'block' ? 'block' : 'warn',
    message: best.get(chosen.ruleId)?.message ?? ruleTitle(chosen.ruleId) ?? '',
  };
}

/** The categories a claim is in the queue for: the denial's (what the payer said) first, then the findings'. */
export function categoriesOf(row: Pick<WorklistRow, 'firstPass' | 'flags' | 'denialCategories'>): string[] {
  const out = new Set<string>();
  if (queueOf(row.firstPass) === 'denied') for (const c of row.denialCategories) out.add(c);
  for (const f of row.flags) if (f.category) out.add(f.category);
  return [...out];
}

/** `today` (YYYY-MM-DD) is what the alert's days left count from. */
export function toWorklistItem(
  row: WorklistRow,
  findings: readonly FindingSummary[],
  ruleTitle: (ruleId: string) => string | undefined,
  today: string,
): WorklistItem {
  const queue = queueOf(row.firstPass);
  return {
    claimId: row.claimId,
    patientControlNumber: row.patientControlNumber,
    payerId: row.payerId,
    providerNpi: row.providerNpi,
    claimType: row.claimType,
    serviceDate: row.serviceDate,
    month: row.month,
    chargeCents: row.chargeCents,
    moneyAtRiskCents: row.moneyAtRiskCents,
    riskMilli: row.riskMilli,
    queue,
    categories: categoriesOf(row),
    topFinding: topFinding(row.flags, findings, ruleTitle),
    denialCarcs: queue === 'denied' ? row.denialCarcs : [],
    // Anticipated: a rule had flagged the claim before the payer denied it.
    anticipated: queue === 'denied' && row.anticipated,
    ...deadlineOf(row),
    status: row.workStatus ?? 'new',
    assignee:
      row.assigneeId === null
        ? null
        : { id: row.assigneeId, username: row.assigneeUsername ?? '(unknown user)' },
    alert: alertBadge(row.alertKind, row.alertDeadline, today),
  };
}

/**
 * An item as one flat CSV row (the export is read in spreadsheets and by clearinghouse tools): no
 * nested objects, lists joined by `;`. Money columns keep their `…Cents` names (the CSV writer turns
 * them into dollars).
 */
export function toCsvRow(item: WorklistItem): Record<string, unknown> {
  return {
    claimId: item.claimId,
    patientControlNumber: item.patientControlNumber,
    queue: item.queue,
    status: item.status,
    assignee: item.assignee?.username ?? '',
    payerId: item.payerId,
    providerNpi: item.providerNpi,
    claimType: item.claimType,
    serviceDate: item.serviceDate ?? '',
    month: item.month,
    chargeCents: item.chargeCents,
    moneyAtRiskCents: item.moneyAtRiskCents,
    riskPercent: (item.riskMilli / 10).toFixed(1),
    deadline: item.deadline ?? '',
    deadlineKind: item.deadlineKind ?? '',
    categories: item.categories.join(';'),
    topRuleId: item.topFinding?.ruleId ?? '',
    topSeverity: item.topFinding?.severity ?? '',
    topMessage: item.topFinding?.message ?? '',
    denialCarcs: item.denialCarcs.join(';'),
    anticipated: item.queue === 'denied' ? (item.anticipated ? 'yes' : 'no') : '',
    alertKind: item.alert?.kind ?? '',
    alertDeadline: item.alert?.deadline ?? '',
    alertDaysLeft: item.alert?.daysLeft ?? '',
  };
}

/** A claim_report row's columns that decide its place in the worklist. */
export interface QueueFacts {
  worked: boolean;
  firstPass: string;
  currentOutcome: string;
  findingCount: number;
  expectedDenialCents: number;
  deniedCents: number;
  filingDeadline: string | null;
  appealDeadline: string | null;
}

/** Where a claim stands in the worklist (the claim page says why it is, or is not, in the queue). */
export interface QueuePlace {
  inQueue: boolean;
  queue: WorklistQueue;
  moneyAtRiskCents: number;
  deadline: string | null;
  deadlineKind: 'filing' | 'appeal' | null;
}

const DENIED = ['denied', 'partial'];

/**
 * The worklist's queue condition (the repository's QUEUE_SQL) for one claim: not yet worked, and
 * either flagged and unanswered, or denied at first pass and still denied.
 */
export function queuePlace(r: QueueFacts): QueuePlace {
  const queue = queueOf(r.firstPass);
  const inQueue =
    !r.worked &&
    ((r.firstPass === 'pending' && r.findingCount > 0) ||
      (DENIED.includes(r.firstPass) && DENIED.includes(r.currentOutcome)));
  return {
    inQueue,
    queue,
    moneyAtRiskCents: queue === 'flagged' ? r.expectedDenialCents : r.deniedCents,
    ...deadlineOf(r),
  };
}
