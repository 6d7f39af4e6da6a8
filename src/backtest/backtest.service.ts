import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputError } from '../common/domain-errors.js';
import { WriteLock } from '../database/write-lock.js';
import { EvaluationDataRepository, type StoredClaim } from '../findings/evaluation-data.repository.js';
import type { InputRecords } from '../inputs/input-records.js';
import {
  addClaim,
  backtestReport,
  emptyTally,
  type BacktestReport,
  type BacktestTally,
} from '../reporting/backtest.js';
import type { FindingFact } from '../reporting/types.js';
import {
  compareWithTruth,
  readTruthFile,
  type ObservedClaim,
  type TruthComparison,
  type TruthFileLike,
} from '../reporting/truth-comparison.js';
import { CARC_CATEGORIES, type CarcCategoriesHolder } from '../reports/carc-categories.provider.js';
import { type ReportFilter, ReportsRepository } from '../reports/reports.repository.js';
import { RULES_RUNTIME, type RulesRuntime } from '../rules/rules-runtime.js';
import { AnalysisSession } from '../rules-engine/context/context-builder.js';
import { buildCaseContext } from '../rules-engine/context/case-builder.js';
import { ALL_FACTS } from '../rules-engine/facts/index.js';
import { runEmbeddedCase, type RuleSet } from '../rules-engine/index.js';
import { buildCandidateRuleSet, type CandidateInput } from './candidate-rules.js';
import { DryRunTally, type DryRunComparison } from './dry-run.js';
import {
  flagsOf,
  replayedClaimOf,
  toBacktestClaim,
  type ReplayedClaim,
  type ReplayedClaimFlags,
} from './replay.js';

/** Claims evaluated per session of related claims (as FindingsService does). */
const CHUNK = 1000;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `replay()`: the backtest of the rules as they are now, evaluated afresh over the stored claims. */
export interface ReplayResult {
  filter: ReportFilter;
  ruleSetVersion: string;
  /** Claims replayed (claim_report rows of the filter, not replaced or voided). */
  claims: number;
  /** Rules that failed on a claim (a fact threw): the claim's other rules still ran. */
  ruleErrors: number;
  report: BacktestReport;
}

/** `replay()` with every claim's flags (internal: truth comparison, tests). */
export interface DetailedReplay extends ReplayResult {
  perClaim: ReplayedClaimFlags[];
}

/** `dryRun()`: a candidate rule file replayed next to the active rules. Nothing is stored. */
export interface DryRunResult extends DryRunComparison {
  filter: ReportFilter;
  fileName: string;
  /** The candidate's rule ids, replacing an active rule or added. */
  replaced: string[];
  added: string[];
  /** The candidate's embedded test cases, run as `claimguard rules test` runs them. */
  tests: {
    cases: number;
    passed: number;
    failed: number;
    failures: { ruleId: string; caseName: string; reason: string }[];
  };
  ruleErrors: { current: number; candidate: number };
}

/** `compareTruth()`: the replay and the simulator's answer key. */
export interface TruthReplayResult extends ReplayResult {
  truth: TruthComparison;
}

/**
 * Replays the rules over stored claims in memory and compares with what the payers answered: the
 * backtest of the rule set as it is now (not as it was when the claims were evaluated), a candidate
 * rule file's dry run, and the simulator's truth. Each claim is evaluated as FindingsService
 * evaluates it (its members' other claims as history, every imported record, as of its filing
 * date); the outcomes come from the report projection (`claim_report`). Nothing is written.
 */
@Injectable()
export class BacktestService {
  constructor(
    private readonly data: EvaluationDataRepository,
    private readonly reports: ReportsRepository,
    private readonly lock: WriteLock,
    @Inject(RULES_RUNTIME) private readonly runtime: RulesRuntime,
    @Inject(CARC_CATEGORIES) private readonly carcs: CarcCategoriesHolder,
  ) {}

  /** The backtest of `ruleSet` (default: the active rules) over the claims of the filter. */
  async replay(filter: ReportFilter, ruleSet: RuleSet = this.runtime.ruleSet): Promise<ReplayResult> {
    const carcs = this.carcs.current;
    const tally: BacktestTally = emptyTally();
    const { ruleErrors } = await this.evaluate(filter, [ruleSet], (claim, [flags]) => {
      addClaim(tally, toBacktestClaim(claim, flags!), carcs);
    });
    return this.replayResult(filter, ruleSet, tally, ruleErrors[0]!);
  }

  /** `replay()` with each claim's flags and fired rules. */
  async replayDetailed(
    filter: ReportFilter,
    ruleSet: RuleSet = this.runtime.ruleSet,
  ): Promise<DetailedReplay> {
    const carcs = this.carcs.current;
    const tally: BacktestTally = emptyTally();
    const perClaim: ReplayedClaimFlags[] = [];
    const { ruleErrors } = await this.evaluate(filter, [ruleSet], (claim, [flags]) => {
      addClaim(tally, toBacktestClaim(claim, flags!), carcs);
      perClaim.push({ ...claim, flags: flags!, firedRules: flags!.map((f) => f.ruleId) });
    });
    return { ...this.replayResult(filter, ruleSet, tally, ruleErrors[0]!), perClaim };
  }

  /**
   * Replays the active rules and the active rules with the candidate's in place (same id: replaced;
   * else added) over the same claims. InvalidInputError with every problem of the file
   * (`file:line: path: message`) when the candidate does not load.
   */
  async dryRun(candidate: CandidateInput, filter: ReportFilter): Promise<DryRunResult> {
    checkFilter(filter);
    const current = this.runtime.ruleSet;
    const merged = buildCandidateRuleSet(current, candidate, ALL_FACTS);
    const env = this.runtime.env;
    // The candidate's own embedded cases (a failing case does not stop the dry run: it is reported).
    const own = merged.rules.flatMap((r) => {
      const rule = merged.ruleSet.rule(r.id)!;
      return rule.tests.map((testCase) =>
        runEmbeddedCase(merged.ruleSet, rule, testCase, (raw) =>
          buildCaseContext(raw as unknown as Record<string, unknown>, env),
        ),
      );
    });
    const failures = own
      .filter((r) => !r.passed)
      .map((r) => ({ ruleId: r.ruleId, caseName: r.caseName, reason: r.reason ?? 'failed' }));

    const replaced = new Set(merged.replaced);
    const tally = new DryRunTally(
      merged.rules.map((r) => ({
        id: r.id,
        title: r.title,
        category: r.category,
        severity: r.severity,
        level: r.level,
        change: replaced.has(r.id) ? ('replaced' as const) : ('added' as const),
      })),
      this.carcs.current,
    );
    const { ruleErrors } = await this.evaluate(filter, [current, merged.ruleSet], (claim, [before, after]) =>
      tally.add(claim, before!, after!),
    );
    return {
      filter,
      fileName: merged.fileName,
      replaced: [...merged.replaced],
      added: [...merged.added],
      ...tally.result({ current: current.version, candidate: merged.ruleSet.version }),
      tests: {
        cases: own.length,
        passed: own.length - failures.length,
        failed: failures.length,
        failures,
      },
      ruleErrors: { current: ruleErrors[0]!, candidate: ruleErrors[1]! },
    };
  }

  /**
   * Replays the active rules and compares with the simulator's truth.json, claims paired by CLM01
   * (the truth claim id). A truth file that cannot be read or is malformed: InvalidInputError.
   */
  async compareTruth(filter: ReportFilter, truthPath: string): Promise<TruthReplayResult> {
    checkFilter(filter);
    let truth: TruthFileLike;
    try {
      truth = await readTruthFile(truthPath);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new InvalidInputError(message);
    }
    const { perClaim, ...replay } = await this.replayDetailed(filter);
    return { ...replay, truth: compareWithTruth(truth, observedByControlNumber(perClaim)) };
  }

  private replayResult(
    filter: ReportFilter,
    ruleSet: RuleSet,
    tally: BacktestTally,
    ruleErrors: number,
  ): ReplayResult {
    return {
      filter,
      ruleSetVersion: ruleSet.version,
      claims: tally.totals.claims,
      ruleErrors,
      report: backtestReport(tally, { carcs: this.carcs.current }),
    };
  }

  /**
   * Evaluates every rule set on each claim of the filter (claim id order, a chunk at a time) and
   * hands the claim with each set's flags to `visit`. Returns the rule errors per set.
   */
  private async evaluate(
    filter: ReportFilter,
    ruleSets: readonly RuleSet[],
    visit: (claim: ReplayedClaim, flags: FindingFact[][]) => void,
  ): Promise<{ ruleErrors: number[] }> {
    checkFilter(filter);
    const ruleErrors = ruleSets.map(() => 0);
    let records: InputRecords | null = null;
    for await (const page of this.reports.reportRows(filter, CHUNK)) {
      const rows = page.filter((r) => r.status !== 'replaced' && r.status !== 'voided');
      if (rows.length === 0) continue;
      // Read under the write lock, as evaluation does: an ingest or import is never seen half done.
      const loaded = await this.lock.run(async () => {
        records ??= await this.data.inputRecords();
        const targets = await this.data.claimsByIds(rows.map((r) => r.claimId));
        const related = await this.data.claimsOfMembers(targets.map((t) => t.memberId));
        return { records, targets, related };
      });
      const claims = new Map<string, StoredClaim>();
      for (const c of [...loaded.related, ...loaded.targets]) claims.set(c.id, c);
      const session = new AnalysisSession({
        claims: [...claims.values()].map((c) => ({ id: c.id, claim: c.claim, status: c.status })),
        records: loaded.records,
        ...this.runtime.env,
      });
      const targets = new Map(loaded.targets.map((t) => [t.id, t]));
      for (const row of rows) {
        const target = targets.get(row.claimId);
        // Gone since the page was read, or closed since the projection ran.
        if (!target || target.status === 'replaced' || target.status === 'voided') continue;
        const ctx = session.contextFor(target.id);
        const flags = ruleSets.map((rs, i) => {
          const result = rs.evaluate(ctx);
          ruleErrors[i]! += result.errors.length;
          return flagsOf(result.findings);
        });
        visit(replayedClaimOf(row), flags);
      }
    }
    return { ruleErrors };
  }
}

/**
 * The observed claims by CLM01. A CLM01 sent twice (and neither replaced nor voided) is observed
 * once: the rules fired on either, and the first answer of the first claim answered.
 */
export function observedByControlNumber(claims: readonly ReplayedClaimFlags[]): Map<string, ObservedClaim> {
  const out = new Map<string, { firedRules: string[]; firstPass: ObservedClaim['firstPass'] }>();
  for (const c of claims) {
    const seen = out.get(c.patientControlNumber);
    if (!seen) {
      out.set(c.patientControlNumber, { firedRules: [...c.firedRules], firstPass: c.firstPass });
      continue;
    }
    for (const r of c.firedRules) if (!seen.firedRules.includes(r)) seen.firedRules.push(r);
    if (seen.firstPass === 'pending') seen.firstPass = c.firstPass;
  }
  return out;
}

/** Months written YYYY-MM, the first not after the last: InvalidInputError naming the bad one. */
export function checkFilter(filter: ReportFilter): void {
  const problems: string[] = [];
  if (filter.fromMonth !== undefined && !MONTH.test(filter.fromMonth))
    problems.push(`from must be a month written YYYY-MM, got ${JSON.stringify(filter.fromMonth)}`);
  if (filter.toMonth !== undefined && !MONTH.test(filter.toMonth))
    problems.push(`to must be a month written YYYY-MM, got ${JSON.stringify(filter.toMonth)}`);
  if (problems.length === 0 && filter.fromMonth && filter.toMonth && filter.fromMonth > filter.toMonth)
    problems.push(`from (${filter.fromMonth}) must not be after to (${filter.toMonth})`);
  if (problems.length > 0) throw new InvalidInputError(problems.join('; '), problems);
}
