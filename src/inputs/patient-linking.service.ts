import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newId, nowIso } from '../database/column-types.js';
import { passTurn } from '../database/event-loop-slice.js';
import { ClaimPatientLinker, type LinkRow, type ProblemRow } from './claim-patient-linker.js';
import type { LinkingSummary } from './import-result.js';
import { PatientLinkEntity } from './patient-link.entity.js';
import { PatientLinksRepository } from './patient-links.repository.js';
import { PatientProblemEntity } from './patient-problem.entity.js';

/**
 * Matches claims' patients to the stored records and stores the links and identity problems, in the
 * caller's transaction or one of its own: after an import every claim is matched again (the records
 * changed); after an 837 is ingested only its claims are.
 */
@Injectable()
export class PatientLinkingService {
  constructor(private readonly repo: PatientLinksRepository) {}

  /** Matches every claim again and replaces all links and problems. */
  relinkAll(manager?: EntityManager): Promise<LinkingSummary> {
    return this.run(manager, undefined);
  }

  /** Matches the given claims (e.g. those of a file just ingested) and replaces their links and problems. */
  relinkClaims(claimIds: readonly string[], manager?: EntityManager): Promise<LinkingSummary> {
    return this.run(manager, claimIds);
  }

  /** Matches the claims a received file brought. */
  relinkFile(fileId: string): Promise<LinkingSummary> {
    return this.repo.transaction((m) => this.relink(m, () => this.repo.claimIdsOfFile(m, fileId)));
  }

  private run(
    manager: EntityManager | undefined,
    claimIds: readonly string[] | undefined,
  ): Promise<LinkingSummary> {
    if (manager) return this.relink(manager, claimIds);
    return this.repo.transaction((m) => this.relink(m, claimIds));
  }

  /** `which`: every claim (undefined), the given ids, or a function that reads them (only when needed). */
  private async relink(
    m: EntityManager,
    which: readonly string[] | (() => Promise<readonly string[]>) | undefined,
  ): Promise<LinkingSummary> {
    const targets = await this.repo.loadTargets(m);
    const empty = Object.values(targets).every((t) => t.length === 0);
    // Nothing imported and a new file: no claim can link or miss anything, and the claims need no read.
    if (empty && typeof which === 'function') return { claims: 0, links: 0, probableLinks: 0, problems: 0 };
    const claimIds = typeof which === 'function' ? await which() : which;
    const linker = new ClaimPatientLinker(targets);
    const at = nowIso();
    await this.repo.clearClaims(m, claimIds);
    const summary: LinkingSummary = { claims: 0, links: 0, probableLinks: 0, problems: 0 };
    if (empty) {
      summary.claims = claimIds?.length ?? 0;
      if (!claimIds) await this.repo.replaceRosterProblems(m, []);
      return summary;
    }
    for await (const page of this.repo.claimIdentities(m, claimIds)) {
      const links: PatientLinkEntity[] = [];
      const problems: PatientProblemEntity[] = [];
      for (const claim of page) {
        // Matching is synchronous: let requests in between claims (see passTurn).
        await passTurn();
        const found = linker.link(claim);
        for (const l of found.links) links.push(linkEntity(claim.id, l, at));
        for (const p of found.problems) problems.push(problemEntity(claim.id, p, at));
      }
      await this.repo.insertLinks(m, links);
      await this.repo.insertProblems(m, problems);
      summary.claims += page.length;
      summary.links += links.length;
      summary.probableLinks += links.filter((l) => l.confidence === 'probable').length;
      summary.problems += problems.length;
    }
    if (!claimIds) {
      const roster = linker.rosterProblems().map((p) => problemEntity(null, p, at));
      await this.repo.replaceRosterProblems(m, roster);
      summary.problems += roster.length;
    }
    return summary;
  }
}

function linkEntity(claimId: string, l: LinkRow, at: string): PatientLinkEntity {
  return {
    id: newId(),
    claimId,
    targetKind: l.targetKind,
    targetId: l.targetId,
    method: l.method.slice(0, 40),
    scoreMilli: Math.round(l.score * 1000),
    confidence: l.confidence,
    linkedAt: at,
  };
}

function problemEntity(claimId: string | null, p: ProblemRow, at: string): PatientProblemEntity {
  return {
    id: newId(),
    claimId,
    targetKind: p.targetKind,
    targetId: p.targetId,
    kind: p.kind.slice(0, 32),
    reason: p.reason,
    detail: p.detail,
    foundAt: at,
  };
}
