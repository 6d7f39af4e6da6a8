/**
 * The dry run's arithmetic: the same claims replayed with the active rule set and with the candidate
 * set, compared. Pure; the service feeds it one claim at a time.
 *
 * Definitions (block and warn findings only, as in the backtest):
 * - a candidate rule's `flaggedClaims` counts every claim of the range it fires on, waiting claims
 *   included; `adjudicated`, `firedDenied`, `anticipated` and the ratios count answered claims, as
 *   the backtest's rule rows do;
 * - the rule anticipates a denial when its category is among a denial CARC's categories or its own
 *   `carc` list names the CARC; `recallContribution` = anticipated / every denial of the range, and
 *   `uniqueAnticipated` counts the denials no other rule of the same set anticipates (what recall
 *   would lose without the rule);
 * - the claim lists (`wouldFlag`, `newlyFlagged`, `noLongerFlagged`) hold every claim of the range,
 *   waiting ones too (see `firstPass`), in claim id order, the first `listLimit` of them.
 */
import {
  addClaim,
  backtestReport,
  emptyTally,
  ratio,
  type BacktestReport,
  type BacktestTally,
  type CarcCategoryLookup,
  type Ratio,
} from '../reporting/backtest.js';
import type { FindingFact } from '../reporting/types.js';
import { isDeniedFirstPass, toBacktestClaim, type ReplayedClaim } from './replay.js';

export const DRY_RUN_LIST_LIMIT = 100;

/** A candidate rule as the dry run reports it. */
export interface CandidateRuleInfo {
  id: string;
  title: string;
  category: string;
  severity: string;
  level: string;
  /** `replaced`: an active rule has this id; `added`: a new rule. */
  change: 'added' | 'replaced';
}

export interface RuleDryRunStats {
  /** Claims of the range the rule flags (block/warn), waiting claims included. */
  flaggedClaims: number;
  /** … of them, answered by the payer. */
  adjudicated: number;
  /** … of those, denied (wholly or partly) at the first answer. */
  firedDenied: number;
  /** … of those, denied with a CARC the rule anticipates. */
  anticipated: number;
  /** firedDenied / adjudicated. */
  precision: Ratio;
  /** anticipated / adjudicated. */
  precisionMatching: Ratio;
  /** anticipated / every denial of the range. */
  recallContribution: Ratio;
  /** Denials the rule anticipates and no other rule of its set does. */
  uniqueAnticipated: number;
  /** uniqueAnticipated / every denial of the range. */
  uniqueRecallContribution: Ratio;
}

export interface CandidateRuleReport extends CandidateRuleInfo, RuleDryRunStats {
  /** The active rule with this id over the same claims; null for an added rule. */
  before: RuleDryRunStats | null;
}

export interface DryRunClaim {
  claimId: string;
  patientControlNumber: string;
  month: string;
  payerId: string;
  firstPass: ReplayedClaim['firstPass'];
  denialCarcs: string[];
  /** The rules that flag it: the candidate's (wouldFlag), the candidate set's (newlyFlagged), the active set's (noLongerFlagged). */
  rules: string[];
}

export interface DryRunClaimList {
  count: number;
  /** The first claims, in claim id order. */
  claims: DryRunClaim[];
}

export interface DryRunSide {
  ruleSetVersion: string;
  totals: BacktestReport['totals'];
}

export interface DryRunComparison {
  /** Claims replayed (replaced and voided claims are not). */
  claims: number;
  rules: CandidateRuleReport[];
  /** Claims a candidate rule flags. */
  wouldFlag: DryRunClaimList;
  /** Flagged by the candidate set, not by the active set. */
  newlyFlagged: DryRunClaimList;
  /** Flagged by the active set, not by the candidate set. */
  noLongerFlagged: DryRunClaimList;
  current: DryRunSide;
  candidate: DryRunSide;
}

interface Counts {
  flaggedClaims: number;
  adjudicated: number;
  firedDenied: number;
  anticipated: number;
  uniqueAnticipated: number;
}

const emptyCounts = (): Counts => ({
  flaggedClaims: 0,
  adjudicated: 0,
  firedDenied: 0,
  anticipated: 0,
  uniqueAnticipated: 0,
});

class ClaimList {
  count = 0;
  readonly claims: DryRunClaim[] = [];
  constructor(private readonly limit: number) {}
  add(c: ReplayedClaim, rules: string[]): void {
    this.count++;
    if (this.claims.length >= this.limit) return;
    this.claims.push({
      claimId: c.claimId,
      patientControlNumber: c.patientControlNumber,
      month: c.month,
      payerId: c.payerId,
      firstPass: c.firstPass,
      denialCarcs: [...c.denialCarcs],
      rules,
    });
  }
  view(): DryRunClaimList {
    return { count: this.count, claims: this.claims };
  }
}

/** Accumulates the dry run claim by claim. */
export class DryRunTally {
  private claims = 0;
  private readonly currentTally: BacktestTally = emptyTally();
  private readonly candidateTally: BacktestTally = emptyTally();
  private readonly ids: ReadonlySet<string>;
  private readonly after = new Map<string, Counts>();
  private readonly before = new Map<string, Counts>();
  private readonly wouldFlag: ClaimList;
  private readonly newlyFlagged: ClaimList;
  private readonly noLongerFlagged: ClaimList;

  constructor(
    private readonly rules: readonly CandidateRuleInfo[],
    private readonly carcs: CarcCategoryLookup,
    listLimit = DRY_RUN_LIST_LIMIT,
  ) {
    this.ids = new Set(rules.map((r) => r.id));
    for (const r of rules) {
      this.after.set(r.id, emptyCounts());
      if (r.change === 'replaced') this.before.set(r.id, emptyCounts());
    }
    this.wouldFlag = new ClaimList(listLimit);
    this.newlyFlagged = new ClaimList(listLimit);
    this.noLongerFlagged = new ClaimList(listLimit);
  }

  /** One claim with the flags of the active set and of the candidate set (block/warn, one per rule). */
  add(claim: ReplayedClaim, current: readonly FindingFact[], candidate: readonly FindingFact[]): void {
    this.claims++;
    addClaim(this.currentTally, toBacktestClaim(claim, [...current]), this.carcs);
    addClaim(this.candidateTally, toBacktestClaim(claim, [...candidate]), this.carcs);

    const denialCarcs = isDeniedFirstPass(claim.firstPass)
      ? [...new Set(claim.denialCarcs)].map((carc) => ({ carc, categories: this.carcs.categoriesOf(carc) }))
      : [];
    this.count(this.after, claim, candidate, denialCarcs);
    this.count(this.before, claim, current, denialCarcs);

    const fromCandidate = candidate.filter((f) => this.ids.has(f.ruleId)).map((f) => f.ruleId);
    if (fromCandidate.length > 0) this.wouldFlag.add(claim, fromCandidate);
    if (current.length === 0 && candidate.length > 0)
      this.newlyFlagged.add(
        claim,
        candidate.map((f) => f.ruleId),
      );
    if (current.length > 0 && candidate.length === 0)
      this.noLongerFlagged.add(
        claim,
        current.map((f) => f.ruleId),
      );
  }

  private count(
    counts: Map<string, Counts>,
    claim: ReplayedClaim,
    flags: readonly FindingFact[],
    denialCarcs: readonly { carc: string; categories: readonly string[] }[],
  ): void {
    if (counts.size === 0 || flags.length === 0) return;
    const adjudicated = claim.firstPass !== 'pending';
    const denied = isDeniedFirstPass(claim.firstPass);
    const anticipating = flags.map((f) =>
      denialCarcs.some((d) => d.categories.includes(f.category) || f.carc.includes(d.carc)),
    );
    const anticipatingRules = flags.filter((_, i) => anticipating[i]).length;
    flags.forEach((f, i) => {
      const c = counts.get(f.ruleId);
      if (c === undefined) return;
      c.flaggedClaims++;
      if (!adjudicated) return;
      c.adjudicated++;
      if (!denied) return;
      c.firedDenied++;
      if (!anticipating[i]) return;
      c.anticipated++;
      if (anticipatingRules === 1) c.uniqueAnticipated++;
    });
  }

  result(versions: { current: string; candidate: string }): DryRunComparison {
    const current = backtestReport(this.currentTally);
    const candidate = backtestReport(this.candidateTally);
    const denials = this.currentTally.totals.denied;
    const stats = (c: Counts): RuleDryRunStats => ({
      flaggedClaims: c.flaggedClaims,
      adjudicated: c.adjudicated,
      firedDenied: c.firedDenied,
      anticipated: c.anticipated,
      precision: ratio(c.firedDenied, c.adjudicated),
      precisionMatching: ratio(c.anticipated, c.adjudicated),
      recallContribution: ratio(c.anticipated, denials),
      uniqueAnticipated: c.uniqueAnticipated,
      uniqueRecallContribution: ratio(c.uniqueAnticipated, denials),
    });
    return {
      claims: this.claims,
      rules: this.rules.map((r) => {
        const before = this.before.get(r.id);
        return { ...r, ...stats(this.after.get(r.id)!), before: before ? stats(before) : null };
      }),
      wouldFlag: this.wouldFlag.view(),
      newlyFlagged: this.newlyFlagged.view(),
      noLongerFlagged: this.noLongerFlagged.view(),
      current: { ruleSetVersion: versions.current, totals: current.totals },
      candidate: { ruleSetVersion: versions.candidate, totals: candidate.totals },
    };
  }
}
