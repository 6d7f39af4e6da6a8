import { Inject, Injectable, Logger } from '@nestjs/common';
import { nowIso } from '../database/column-types.js';
import { WriteLock } from '../database/write-lock.js';
import type { InputRecords } from '../inputs/input-records.js';
import type { JobContext, JobCounts, ScheduledJob } from '../jobs/job-types.js';
import { RULES_RUNTIME, type RulesRuntime } from '../rules/rules-runtime.js';
import { EvaluationDataRepository } from './evaluation-data.repository.js';
import { FindingsService } from './findings.service.js';
import {
  describeReevaluation,
  diffFindings,
  hasChanges,
  type ClaimChangeTimes,
  type ReasonContext,
  REEVALUATION_REASONS,
  type ReevaluationReason,
  reevaluationReasons,
  sourcesByCategory,
} from './reevaluation-change.js';
import { type ClaimEventRow, ReevaluationRepository } from './reevaluation.repository.js';

/** Open claims read per page of the candidate scan. */
const PAGE = 1000;
/** Candidates evaluated per batch (one write-lock hold, one findings diff). */
const BATCH = 500;

/** The claim_event kind of a re-evaluation that changed a claim's findings. */
export const REEVALUATED_EVENT = 'reevaluated';

interface Candidate {
  id: string;
  reasons: ReevaluationReason[];
}

/** What a run did, as the job reports it. */
interface RunCounts {
  candidates: number;
  evaluated: number;
  changed: number;
  findingsCleared: number;
  findingsAdded: number;
  ruleErrors: number;
  byReason: Record<ReevaluationReason, number>;
}

/**
 * The re-evaluation job (nightly): runs the rules again on the open claims (not paid in full,
 * replaced or voided; work not resolved or overridden; unanswered or still denied) whose facts changed
 * since their last evaluation: never evaluated, another rule set, records concerning the patient
 * (authorizations, documentation, eligibility, FHIR patients) or the payer (contract rates, the first
 * records that turn not-checked rules on) updated since, or another claim of the member received since.
 * Each claim whose findings changed gets a `reevaluated` claim event naming why, what was cleared and
 * added, and the risk before and after. Open claims are read a page at a time by index and the
 * candidates evaluated in batches behind the write lock, so imports and ingests can run in between.
 */
@Injectable()
export class ReevaluationService implements ScheduledJob {
  readonly name = 'reevaluate' as const;
  readonly description =
    'Runs the rules again on open claims whose facts changed (records, rules, claims) and records what changed';
  private readonly logger = new Logger(ReevaluationService.name);

  constructor(
    private readonly repo: ReevaluationRepository,
    private readonly findings: FindingsService,
    private readonly data: EvaluationDataRepository,
    private readonly lock: WriteLock,
    @Inject(RULES_RUNTIME) private readonly runtime: RulesRuntime,
  ) {}

  /**
   * candidates: open claims whose facts changed; evaluated: claims evaluated (the candidates, plus
   * any claim they replaced); changed: claims whose findings changed (each got a claim event);
   * findingsCleared / findingsAdded: over those claims; ruleErrors: rules that failed on a claim;
   * reasonRules, reasonAuthorization …: candidates per reason (a claim can have several).
   */
  async run(ctx: JobContext): Promise<JobCounts> {
    const counts: RunCounts = {
      candidates: 0,
      evaluated: 0,
      changed: 0,
      findingsCleared: 0,
      findingsAdded: 0,
      ruleErrors: 0,
      byReason: Object.fromEntries(REEVALUATION_REASONS.map((r) => [r, 0])) as Record<
        ReevaluationReason,
        number
      >,
    };
    const reasonContext: ReasonContext = {
      ruleSetVersion: this.findings.ruleSetVersion,
      sourcesByCategory: sourcesByCategory(this.runtime.ruleSet.rules),
      payers: await this.repo.payerWideChanges(),
    };
    // Claims evaluated after the last import and the last claim received need no lookups.
    const latest = await this.repo.latestChange();
    const records: RecordsCache = { version: null, records: null, readAt: null };
    const pending: Candidate[] = [];
    for await (const page of this.repo.openClaims(PAGE)) {
      const stale = page.filter((c) => c.evaluatedAt !== null && latest !== null && latest >= c.evaluatedAt);
      const times =
        stale.length > 0 ? await this.repo.changeTimes(stale) : new Map<string, ClaimChangeTimes>();
      for (const claim of page) {
        const reasons = reevaluationReasons(claim, times.get(claim.id) ?? {}, reasonContext);
        if (reasons.length === 0) continue;
        pending.push({ id: claim.id, reasons });
        counts.candidates++;
        for (const r of reasons) counts.byReason[r]++;
      }
      while (pending.length >= BATCH) await this.evaluate(pending.splice(0, BATCH), ctx, records, counts);
    }
    if (pending.length > 0) await this.evaluate(pending, ctx, records, counts);
    this.logger.log(
      `re-evaluation: ${counts.candidates} candidates, ${counts.changed} changed ` +
        `(${counts.findingsCleared} findings cleared, ${counts.findingsAdded} added)`,
    );
    const { byReason, ...totals } = counts;
    return {
      ...totals,
      ...Object.fromEntries(
        REEVALUATION_REASONS.map((r) => [`reason${r[0]!.toUpperCase()}${r.slice(1)}`, byReason[r]]),
      ),
    };
  }

  /**
   * Evaluates one batch behind the write lock (no import can change the records between reading them
   * and stamping the evaluation), diffs each claim's findings before and after, and records the
   * claims whose findings changed.
   */
  private evaluate(
    batch: readonly Candidate[],
    ctx: JobContext,
    cache: RecordsCache,
    counts: RunCounts,
  ): Promise<void> {
    return this.lock.run(async () => {
      const ids = batch.map((c) => c.id);
      const records = await this.currentRecords(cache);
      const before = await this.repo.findingsOf(ids);
      const summary = await this.findings.evaluateClaims(ids, records, cache.readAt ?? undefined);
      const after = await this.repo.findingsOf(ids);
      counts.evaluated += summary.claims;
      counts.ruleErrors += summary.ruleErrors;
      const at = nowIso();
      const events: ClaimEventRow[] = [];
      for (const candidate of batch) {
        const now = after.get(candidate.id);
        if (!now) continue;
        const was = before.get(candidate.id) ?? null;
        const change = diffFindings(was?.refs ?? [], now.refs);
        if (!hasChanges(change)) continue;
        counts.changed++;
        counts.findingsCleared += change.cleared.length;
        counts.findingsAdded += change.added.length;
        events.push({
          claimId: candidate.id,
          at,
          kind: REEVALUATED_EVENT,
          relatedId: ctx.runId,
          detail: describeReevaluation({
            reasons: candidate.reasons,
            change,
            riskBefore: was?.riskMilli ?? null,
            riskAfter: now.riskMilli,
          }),
        });
      }
      await this.repo.insertEvents(events);
    });
  }

  /** The input records, read again only when an import happened since they were read. */
  private async currentRecords(cache: RecordsCache): Promise<InputRecords> {
    const version = await this.repo.recordsVersion();
    if (cache.records === null || cache.version !== version) {
      // The evaluations are stamped with this time: a record another instance changes after it is
      // a change for the next run, even when its batch is evaluated later in this one.
      cache.readAt = nowIso();
      cache.records = await this.data.inputRecords();
      cache.version = version;
    }
    return cache.records;
  }
}

interface RecordsCache {
  version: string | null;
  records: InputRecords | null;
  /** Just before `records` were read. */
  readAt: string | null;
}
