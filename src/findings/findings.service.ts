import { relative } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, actorName } from '../auth/roles.js';
import { ConflictError, NotFoundError } from '../common/domain-errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { newId, nowIso } from '../database/column-types.js';
import { passTurn } from '../database/event-loop-slice.js';
import { WriteLock } from '../database/write-lock.js';
import { RULES_RUNTIME, type RulesRuntime } from '../rules/rules-runtime.js';
import { AnalysisSession } from '../rules-engine/context/context-builder.js';
import type { InputRecords } from '../inputs/input-records.js';
import { predictClaim } from '../reporting/risk-model.js';
import { ReportProjectionService } from '../reports/report-projection.service.js';
import { RiskModelStore } from '../reports/risk-model.store.js';
import type { ClaimEvaluationEntity } from './claim-evaluation.entity.js';
import { EvaluationDataRepository, type StoredClaim } from './evaluation-data.repository.js';
import type { FindingEntity } from './finding.entity.js';
import { type FindingKey, findingKeyString, FindingsRepository } from './findings.repository.js';

/** Claims evaluated per transaction (and per session of related claims). */
const CHUNK = 1000;

/** What an evaluation pass did. */
export interface EvaluationSummary {
  ruleSetVersion: string;
  claims: number;
  findings: number;
  /** Rules that failed on a claim (a fact threw): the claim's other rules still ran. */
  ruleErrors: number;
}

/** A finding as the API shows it, with its standing override. */
export interface FindingView {
  id: string;
  ruleId: string;
  ruleVersion: number;
  category: string;
  severity: string;
  carc: string[];
  rarc: string[];
  line: number | null;
  message: string;
  fix: string;
  evidence: Record<string, unknown>;
  amountCents: number;
  foundAt: string;
  override: { reason: string; by: string; at: string } | null;
}

/** `GET /api/v1/claims/:id/findings`. */
export interface ClaimFindingsView {
  claimId: string;
  evaluated: boolean;
  ruleSetVersion: string | null;
  evaluatedAt: string | null;
  asOf: string | null;
  notChecked: string[];
  /**
   * The denial risk with the active model (fitted from remittances, or the priors): probability,
   * expected denied cents, the payer's base rate of unexplained denials and what each finding adds.
   */
  risk: {
    score: number;
    expectedDenialCents: number;
    /** The payer's base rate of unexplained denials, and its share of the score (shares sum to 1). */
    base: number;
    baseShare: number;
    contributions: ReturnType<typeof predictClaim>['contributions'];
  };
  errors: { ruleId: string; message: string }[];
  findings: FindingView[];
}

/** A rule with how often it fired and how many of those findings stand overridden. */
export interface RuleView {
  id: string;
  version: number;
  title: string;
  category: string;
  severity: string;
  level: string;
  carc: string[];
  rarc: string[];
  sources: string[];
  /** The rule's references (payer policy, the X12 element it reads: the claim page names the element). */
  references: string[];
  file: string;
  fired: number;
  overridden: number;
}

const split = (s: string): string[] => (s === '' ? [] : s.split(';'));

/**
 * Runs the rule set on stored claims and keeps the findings: on ingest (the new claims), after an
 * import (every claim: authorizations, documentation or coverage changed; unless EVALUATE_ON_IMPORT
 * is off, when the nightly ReevaluationService re-runs the open claims whose facts changed), and at
 * start-up for claims the current rule set has not evaluated (the rules changed). Findings carry rule id and
 * version, the rule set version and the evidence; overrides are kept apart and survive re-evaluation.
 */
@Injectable()
export class FindingsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FindingsService');

  constructor(
    private readonly findings: FindingsRepository,
    private readonly data: EvaluationDataRepository,
    private readonly lock: WriteLock,
    @Inject(RULES_RUNTIME) private readonly runtime: RulesRuntime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly risk: RiskModelStore,
    private readonly reports: ReportProjectionService,
    private readonly audit: AuditService,
  ) {}

  /** At start-up, in the background: claims not evaluated by this rule set are evaluated. */
  onApplicationBootstrap(): void {
    if (!this.config.evaluateOnStart) return;
    this.evaluateStale().then(
      (s) =>
        s.claims > 0 && this.logger.log(`evaluated ${s.claims} claims with rule set ${s.ruleSetVersion}`),
      (err: unknown) =>
        this.logger.error(`start-up evaluation failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  get ruleSetVersion(): string {
    return this.runtime.ruleSet.version;
  }

  /**
   * Evaluates the given claims (with their members' other claims as history), and the claims they
   * replaced or voided (whose findings are cleared). `records`: the input records already read (a
   * caller evaluating many batches reads them once), with `factsAt`, the time just before they were
   * read; both read here when omitted.
   */
  async evaluateClaims(
    ids: readonly string[],
    records?: InputRecords,
    factsAt?: string,
  ): Promise<EvaluationSummary> {
    const summary = this.emptySummary();
    if (ids.length === 0) return summary;
    const claimIds = [...ids, ...(await this.data.claimsSupersededBy(ids))];
    if (records === undefined) {
      factsAt = nowIso();
      records = await this.data.inputRecords();
    }
    for (let i = 0; i < claimIds.length; i += CHUNK) {
      this.add(summary, await this.evaluateChunk(claimIds.slice(i, i + CHUNK), records, factsAt));
    }
    return summary;
  }

  /** Evaluates every claim. */
  async evaluateAll(): Promise<EvaluationSummary> {
    const summary = this.emptySummary();
    const factsAt = nowIso();
    const records = await this.data.inputRecords();
    for await (const ids of this.data.allClaimIds(CHUNK))
      this.add(summary, await this.evaluateChunk(ids, records, factsAt));
    return summary;
  }

  /** Evaluates the claims the current rule set has not evaluated yet. */
  async evaluateStale(): Promise<EvaluationSummary> {
    const summary = this.emptySummary();
    let records: InputRecords | null = null;
    let factsAt: string | undefined;
    for (;;) {
      const ids = await this.findings.staleClaimIds(this.ruleSetVersion, CHUNK);
      if (ids.length === 0) return summary;
      if (records === null) {
        factsAt = nowIso();
        records = await this.data.inputRecords();
      }
      this.add(summary, await this.evaluateChunk(ids, records, factsAt));
    }
  }

  private emptySummary(): EvaluationSummary {
    return { ruleSetVersion: this.ruleSetVersion, claims: 0, findings: 0, ruleErrors: 0 };
  }

  private add(total: EvaluationSummary, part: EvaluationSummary): void {
    total.claims += part.claims;
    total.findings += part.findings;
    total.ruleErrors += part.ruleErrors;
  }

  /**
   * `factsAt`: when the records were read (just before). It is the evaluation's stamp
   * (claim_evaluation.evaluated_at), so that a record changed after that read, by another instance
   * or the command line, counts as a change for the re-evaluation job even when this chunk is
   * evaluated later.
   */
  private evaluateChunk(
    ids: readonly string[],
    records: InputRecords,
    factsAt?: string,
  ): Promise<EvaluationSummary> {
    return this.lock.run(async () => {
      const targets = await this.data.claimsByIds(ids);
      const related = await this.data.claimsOfMembers(targets.map((t) => t.memberId));
      const claims = new Map<string, StoredClaim>();
      for (const c of [...related, ...targets]) claims.set(c.id, c);
      const { ruleSet, env } = this.runtime;
      const session = new AnalysisSession({
        claims: [...claims.values()].map((c) => ({ id: c.id, claim: c.claim, status: c.status })),
        records,
        ...env,
      });
      const at = nowIso();
      const evaluatedAt = factsAt ?? at;
      const flagged = await this.findings.flaggedOf(targets.map((t) => t.id));
      const findingRows: FindingEntity[] = [];
      const evaluations: ClaimEvaluationEntity[] = [];
      let ruleErrors = 0;
      for (const target of targets) {
        // Rules run synchronously: let requests in between claims (see passTurn).
        await passTurn();
        // A replaced or voided claim will not be paid as sent: its findings would only be noise.
        if (target.status === 'replaced' || target.status === 'voided') {
          evaluations.push({
            claimId: target.id,
            ruleSetVersion: ruleSet.version,
            evaluatedAt,
            asOf: '',
            notChecked: '',
            findingCount: 0,
            riskMilli: 0,
            expectedDenialCents: 0,
            errors: [],
            flaggedAt: flagged.get(target.id)?.at ?? null,
            flaggedRiskMilli: flagged.get(target.id)?.riskMilli ?? 0,
          });
          continue;
        }
        const ctx = session.contextFor(target.id);
        const result = ruleSet.evaluate(ctx);
        ruleErrors += result.errors.length;
        const chargeOf = new Map(target.claim.lines.map((l) => [l.lineNumber, l.charge]));
        for (const f of result.findings) {
          findingRows.push({
            id: newId(),
            claimId: target.id,
            ruleId: f.ruleId,
            ruleVersion: f.ruleVersion,
            ruleSetVersion: ruleSet.version,
            category: f.category,
            severity: f.severity,
            carc: f.carc.join(';'),
            rarc: f.rarc.join(';'),
            lineNumber: f.line ?? 0,
            message: f.message,
            fix: f.fix,
            evidence: f.evidence as Record<string, unknown>,
            amountCents: f.line === null ? target.claim.totalCharge : (chargeOf.get(f.line) ?? 0),
            foundAt: at,
          });
        }
        const risk = predictClaim(
          this.risk.model,
          target.payerId,
          result.findings.filter((f) => f.severity !== 'info'),
          target.claim.lines.map((l) => ({ lineNumber: l.lineNumber, chargeCents: l.charge })),
        );
        const riskMilli = Math.round(risk.probability * 1000);
        const blocking = result.findings.some((f) => f.severity !== 'info');
        const before = flagged.get(target.id);
        evaluations.push({
          claimId: target.id,
          ruleSetVersion: ruleSet.version,
          evaluatedAt,
          asOf: ctx.asOf,
          notChecked: result.notChecked.join(';'),
          findingCount: result.findings.filter((f) => f.severity !== 'info').length,
          riskMilli,
          expectedDenialCents: risk.expectedDeniedCents,
          errors: result.errors,
          flaggedAt: before?.at ?? (blocking ? at : null),
          flaggedRiskMilli: before?.riskMilli ?? (blocking ? riskMilli : 0),
        });
      }
      await this.findings.transaction((m) =>
        this.findings.replaceForClaims(
          m,
          targets.map((t) => t.id),
          findingRows,
          evaluations,
        ),
      );
      if (this.reports.enabled) await this.reports.refreshClaims(targets.map((t) => t.id));
      return {
        ruleSetVersion: ruleSet.version,
        claims: targets.length,
        findings: findingRows.length,
        ruleErrors,
      };
    });
  }

  /** A claim's findings with their overrides; NotFoundError when the claim does not exist. */
  async claimFindings(claimId: string): Promise<ClaimFindingsView> {
    const evaluation = await this.findings.evaluationOf(claimId);
    if (!evaluation && !(await this.data.claimExists(claimId))) throw new NotFoundError('claim', claimId);
    const rows = await this.findings.findForClaim(claimId);
    const overrides = await this.findings.standingOverrides(rows);
    const [stored] = await this.data.claimsByIds([claimId]);
    const closed = !stored || stored.status === 'replaced' || stored.status === 'voided';
    const risk = closed
      ? { probability: 0, expectedDeniedCents: 0, base: 0, baseShare: 0, contributions: [] }
      : predictClaim(
          this.risk.model,
          stored.payerId,
          rows
            .filter((f) => f.severity === 'block' || f.severity === 'warn')
            .map((f) => ({
              ruleId: f.ruleId,
              category: f.category,
              severity: f.severity as 'block' | 'warn',
              line: f.lineNumber === 0 ? null : f.lineNumber,
              carc: split(f.carc),
            })),
          stored.claim.lines.map((l) => ({ lineNumber: l.lineNumber, chargeCents: l.charge })),
        );
    return {
      claimId,
      evaluated: evaluation !== null,
      ruleSetVersion: evaluation?.ruleSetVersion ?? null,
      evaluatedAt: evaluation?.evaluatedAt ?? null,
      asOf: evaluation?.asOf ?? null,
      notChecked: split(evaluation?.notChecked ?? ''),
      risk: {
        score: Math.round(risk.probability * 1000) / 1000,
        expectedDenialCents: risk.expectedDeniedCents,
        base: risk.base,
        baseShare: risk.baseShare,
        contributions: risk.contributions,
      },
      errors: evaluation?.errors ?? [],
      findings: rows.map((f) => toView(f, overrides.get(findingKeyString(f)) ?? null)),
    };
  }

  /** Overrides a finding (reason required): it stands until revoked, across re-evaluations. */
  async override(findingId: string, actor: Actor, reason: string): Promise<FindingView> {
    return this.recordOverride(findingId, actor, reason, 'override');
  }

  /** Revokes a standing override (reason required); the finding counts again. */
  async revokeOverride(findingId: string, actor: Actor, reason: string): Promise<FindingView> {
    return this.recordOverride(findingId, actor, reason, 'revoke');
  }

  /**
   * Writes an override or its revocation, recorded under the actor's name, with its audit event
   * (`finding.override` / `finding.revoke`): when the event cannot be written the request fails.
   */
  private recordOverride(
    findingId: string,
    actor: Actor,
    reason: string,
    action: 'override' | 'revoke',
  ): Promise<FindingView> {
    return this.lock.run(async () => {
      const finding = await this.findings.findById(findingId);
      if (!finding) throw new NotFoundError('finding', findingId);
      const key: FindingKey = finding;
      const standing = (await this.findings.standingOverrides([key])).get(findingKeyString(key)) ?? null;
      if (action === 'override' && standing) {
        throw new ConflictError(
          `finding ${findingId} is already overridden (by ${standing.actor} at ${standing.at})`,
        );
      }
      if (action === 'revoke' && !standing)
        throw new ConflictError(`finding ${findingId} has no override to revoke`);
      const at = nowIso();
      const by = actorName(actor);
      // The override and its audit event in one transaction: both or neither. The reason stays with
      // the override (free text may name the patient); the audit event says there was one.
      await this.findings.transaction(async (m) => {
        await this.findings.addOverrideEvent(
          {
            id: newId(),
            claimId: key.claimId,
            ruleId: key.ruleId,
            lineNumber: key.lineNumber,
            action,
            reason,
            actor: by,
            at,
          },
          m,
        );
        await this.audit.record(
          actor,
          {
            action: action === 'override' ? 'finding.override' : 'finding.revoke',
            targetType: 'claim',
            targetId: key.claimId,
            detail: {
              findingId,
              ruleId: key.ruleId,
              line: key.lineNumber === 0 ? null : key.lineNumber,
              reasonLength: reason.length,
            },
          },
          m,
        );
      });
      return toView(finding, action === 'override' ? { reason, actor: by, at } : null);
    });
  }

  /** Every rule of the loaded set with how often it fired and was overridden. */
  async rules(): Promise<{ ruleSetVersion: string; rules: RuleView[] }> {
    const stats = await this.findings.ruleStats();
    const { ruleSet } = this.runtime;
    return {
      ruleSetVersion: ruleSet.version,
      rules: ruleSet.rules.map((r) => {
        const d = r.definition;
        const s = stats.get(d.id) ?? { fired: 0, overridden: 0 };
        return {
          id: d.id,
          version: d.version,
          title: d.title,
          category: d.category,
          severity: d.severity,
          level: d.level,
          carc: [...d.prevents.carc],
          rarc: [...d.prevents.rarc],
          sources: [...r.sources],
          references: [...d.references],
          // Relative to the rules folder: no server paths in answers.
          file: relative(this.runtime.rulesDir, r.file),
          fired: s.fired,
          overridden: s.overridden,
        };
      }),
    };
  }
}

function toView(
  f: FindingEntity,
  override: { reason: string; actor: string; at: string } | null,
): FindingView {
  return {
    id: f.id,
    ruleId: f.ruleId,
    ruleVersion: f.ruleVersion,
    category: f.category,
    severity: f.severity,
    carc: split(f.carc),
    rarc: split(f.rarc),
    line: f.lineNumber === 0 ? null : f.lineNumber,
    message: f.message,
    fix: f.fix,
    evidence: f.evidence,
    amountCents: f.amountCents,
    foundAt: f.foundAt,
    override: override && { reason: override.reason, by: override.actor, at: override.at },
  };
}
