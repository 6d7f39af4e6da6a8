import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { ClaimEntity } from '../claims/claim.entity.js';
import { ClaimEvaluationEntity } from './claim-evaluation.entity.js';
import { FindingOverrideEntity } from './finding-override.entity.js';
import { FindingEntity } from './finding.entity.js';

const CHUNK = 500;

/** An override event's key: the same rule on the same claim line, whatever evaluation found it. */
export interface FindingKey {
  claimId: string;
  ruleId: string;
  lineNumber: number;
}

const keyOf = (k: FindingKey): string => `${k.claimId}\u0000${k.ruleId}\u0000${k.lineNumber}`;

/** The standing override of a finding key (its latest event is an override). */
export interface StandingOverride {
  reason: string;
  actor: string;
  at: string;
}

/** Findings, evaluations and overrides: the only code that touches those tables. */
@Injectable()
export class FindingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Replaces the findings and evaluation rows of these claims and sets claim.finding_count. */
  async replaceForClaims(
    m: EntityManager,
    claimIds: readonly string[],
    findings: readonly FindingEntity[],
    evaluations: readonly ClaimEvaluationEntity[],
  ): Promise<void> {
    for (let i = 0; i < claimIds.length; i += CHUNK) {
      const ids = claimIds.slice(i, i + CHUNK);
      await m.delete(FindingEntity, { claimId: In(ids) });
      await m.delete(ClaimEvaluationEntity, { claimId: In(ids) });
    }
    for (let i = 0; i < findings.length; i += CHUNK) {
      // Evidence is free-form JSON: TypeORM's deep-partial type cannot describe it.
      await m.insert(FindingEntity, findings.slice(i, i + CHUNK) as QueryDeepPartialEntity<FindingEntity>[]);
    }
    for (let i = 0; i < evaluations.length; i += CHUNK) {
      await m.insert(ClaimEvaluationEntity, evaluations.slice(i, i + CHUNK));
    }
    // finding_count drives the claims list's hasFindings filter: block and warn findings only.
    const counts = new Map<number, string[]>();
    for (const e of evaluations) {
      const list = counts.get(e.findingCount) ?? [];
      list.push(e.claimId);
      counts.set(e.findingCount, list);
    }
    for (const [count, ids] of counts) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        await m
          .createQueryBuilder()
          .update(ClaimEntity)
          .set({ findingCount: count })
          .where('id IN (:...ids)', { ids: ids.slice(i, i + CHUNK) })
          .execute();
      }
    }
  }

  /** Ids of claims not evaluated by this rule set version (never, or by another), at most `limit`. */
  async staleClaimIds(ruleSetVersion: string, limit: number): Promise<string[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(ClaimEntity, 'c')
      .leftJoin(ClaimEvaluationEntity, 'e', 'e.claim_id = c.id')
      .select('c.id', 'id')
      .where('e.claim_id IS NULL OR e.rule_set_version <> :v', { v: ruleSetVersion })
      .orderBy('c.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  findById(id: string): Promise<FindingEntity | null> {
    return this.dataSource.manager.findOneBy(FindingEntity, { id });
  }

  /** A claim's findings, in the order evaluation reported them (severity, rule, line). */
  findForClaim(claimId: string): Promise<FindingEntity[]> {
    return this.dataSource.manager.find(FindingEntity, { where: { claimId }, order: { id: 'ASC' } });
  }

  /** When each of these claims was first flagged (claims never flagged are absent). */
  async flaggedOf(claimIds: readonly string[]): Promise<Map<string, { at: string; riskMilli: number }>> {
    const out = new Map<string, { at: string; riskMilli: number }>();
    for (let i = 0; i < claimIds.length; i += CHUNK) {
      const rows = await this.dataSource.manager.find(ClaimEvaluationEntity, {
        select: { claimId: true, flaggedAt: true, flaggedRiskMilli: true },
        where: { claimId: In(claimIds.slice(i, i + CHUNK)), flaggedAt: Not(IsNull()) },
      });
      for (const r of rows) out.set(r.claimId, { at: r.flaggedAt!, riskMilli: r.flaggedRiskMilli });
    }
    return out;
  }

  evaluationOf(claimId: string): Promise<ClaimEvaluationEntity | null> {
    return this.dataSource.manager.findOneBy(ClaimEvaluationEntity, { claimId });
  }

  /** The standing overrides among these keys. */
  async standingOverrides(keys: readonly FindingKey[]): Promise<Map<string, StandingOverride>> {
    const out = new Map<string, StandingOverride>();
    const claimIds = [...new Set(keys.map((k) => k.claimId))];
    for (let i = 0; i < claimIds.length; i += CHUNK) {
      const events = await this.dataSource.manager.find(FindingOverrideEntity, {
        where: { claimId: In(claimIds.slice(i, i + CHUNK)) },
        order: { at: 'ASC', id: 'ASC' },
      });
      const latest = new Map<string, FindingOverrideEntity>();
      for (const e of events) latest.set(keyOf(e), e);
      for (const [k, e] of latest) {
        if (e.action === 'override') out.set(k, { reason: e.reason, actor: e.actor, at: e.at });
      }
    }
    return out;
  }

  /** The override history of one finding key, oldest first. */
  overrideHistory(key: FindingKey): Promise<FindingOverrideEntity[]> {
    return this.dataSource.manager.find(FindingOverrideEntity, {
      where: { claimId: key.claimId, ruleId: key.ruleId, lineNumber: key.lineNumber },
      order: { at: 'ASC', id: 'ASC' },
    });
  }

  async addOverrideEvent(
    event: FindingOverrideEntity,
    m: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await m.insert(FindingOverrideEntity, event);
  }

  /** Per rule: how many current findings it has, and how many of those stand overridden. */
  async ruleStats(): Promise<Map<string, { fired: number; overridden: number }>> {
    const m = this.dataSource.manager;
    const fired = await m
      .createQueryBuilder(FindingEntity, 'f')
      .select('f.rule_id', 'ruleId')
      .addSelect('COUNT(*)', 'n')
      .groupBy('f.rule_id')
      .getRawMany<{ ruleId: string; n: string | number }>();
    const out = new Map<string, { fired: number; overridden: number }>();
    for (const r of fired) out.set(r.ruleId, { fired: Number(r.n), overridden: 0 });
    // Overridden: current findings whose key's latest override event is an override.
    const events = await m.find(FindingOverrideEntity, { order: { at: 'ASC', id: 'ASC' } });
    const latest = new Map<string, FindingOverrideEntity>();
    for (const e of events) latest.set(keyOf(e), e);
    const standing = [...latest.values()].filter((e) => e.action === 'override');
    for (let i = 0; i < standing.length; i += CHUNK) {
      const part = standing.slice(i, i + CHUNK);
      const rows = await m.find(FindingEntity, {
        select: { claimId: true, ruleId: true, lineNumber: true },
        where: { claimId: In([...new Set(part.map((e) => e.claimId))]), ruleId: Not('') },
      });
      const current = new Set(rows.map(keyOf));
      for (const e of part) {
        if (!current.has(keyOf(e))) continue;
        const s = out.get(e.ruleId);
        if (s) s.overridden++;
      }
    }
    return out;
  }
}

export { keyOf as findingKeyString };
