import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { UserActor } from '../auth/roles.js';
import { InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { nowIso } from '../database/column-types.js';
import { WriteLock } from '../database/write-lock.js';
import {
  decodeGapCursor,
  encodeGapCursor,
  type EncounterView,
  encounterGaps,
  type GapStatus,
  type GapView,
  groupByProvider,
  parseGapKey,
  type ProviderGroup,
} from './coding-gaps.js';
import {
  type EncounterDetails,
  type EncounterHeader,
  CodingGapsRepository,
  type GapFilter,
} from './coding-gaps.repository.js';

export interface CodingGapsQuery {
  providerNpi?: string;
  payerId?: string;
  fromMonth?: string;
  toMonth?: string;
  status: GapStatus;
  /** Encounters per page. */
  limit: number;
  cursor?: string;
}

export interface CodingGapsPage {
  providers: ProviderGroup[];
  nextCursor: string | null;
}

export interface GapStatusChange {
  gapKey: string;
  status: GapStatus;
  comment?: string;
}

type PagedEncounter = EncounterView & { providerNpi: string; providerName: string | null };

/** Candidate claims read per round while filling a page (most candidates have a matching gap). */
const CANDIDATE_BATCH = 100;
/** Rounds at most per page: the page ends early (with a cursor) rather than scan without end. */
const MAX_ROUNDS = 50;

/** The coding team's gap list and their status changes (each audited with the change). */
@Injectable()
export class CodingGapsService {
  constructor(
    private readonly repo: CodingGapsRepository,
    private readonly audit: AuditService,
    private readonly writeLock: WriteLock,
  ) {}

  /**
   * A page of encounters with gaps of the asked status, grouped by provider (provider NPI, date of
   * service, claim). Candidates are read in batches and their gaps computed, until the page has
   * `limit` encounters; one more tells whether there is a next page.
   */
  async list(q: CodingGapsQuery): Promise<CodingGapsPage> {
    const filter: GapFilter = {
      providerNpi: q.providerNpi,
      payerId: q.payerId,
      fromMonth: q.fromMonth,
      toMonth: q.toMonth,
      ...(q.status === 'open' ? {} : { storedStatus: q.status }),
    };
    let after = q.cursor === undefined ? null : decodeGapCursor(q.cursor);
    const page: PagedEncounter[] = [];
    let more = false;
    for (let round = 0; round < MAX_ROUNDS && !more; round++) {
      const batch = await this.repo.candidates(filter, after, CANDIDATE_BATCH);
      if (batch.length === 0) break;
      const details = await this.repo.details(batch);
      for (const h of batch) {
        const encounter = toEncounter(h, details, (g) => g.status === q.status);
        if (!encounter) continue;
        if (page.length === q.limit) {
          more = true;
          break;
        }
        page.push(encounter);
      }
      const last = batch[batch.length - 1]!;
      after = {
        providerNpi: last.providerNpi,
        serviceDate: last.serviceDateFrom ?? '',
        claimId: last.claimId,
      };
      if (batch.length < CANDIDATE_BATCH) break;
      // Scanned the limit of rounds without filling the page: stop here, the cursor goes on from
      // the last candidate read (the next page may start with fewer encounters, never skip any).
      if (round === MAX_ROUNDS - 1) more = true;
    }
    const lastShown = page[page.length - 1];
    const resumeAt =
      page.length === q.limit && lastShown
        ? {
            providerNpi: lastShown.providerNpi,
            serviceDate: lastShown.serviceDate ?? '',
            claimId: lastShown.claimId,
          }
        : after;
    return {
      providers: groupByProvider(page),
      nextCursor: more && resumeAt ? encodeGapCursor(resumeAt) : null,
    };
  }

  /**
   * Sets one gap's status (a comment is required to send it back to the provider). The gap must be
   * a current gap of the claim. The change and its audit event are written together or not at all.
   */
  async setStatus(actor: UserActor, claimId: string, change: GapStatusChange): Promise<GapView> {
    if (!parseGapKey(change.gapKey)) {
      throw new InvalidInputError(
        'gapKey must be <ruleId>:<lineNumber> or missed-charge:<code>, as the gap list gives it',
      );
    }
    const comment = change.comment?.trim() ? change.comment.trim() : null;
    if (change.status === 'sent-back' && comment === null) {
      throw new InvalidInputError('comment is required to send a gap back to the provider');
    }
    return this.writeLock.run(() =>
      this.repo.transaction(async (m) => {
        const header = await this.repo.encounter(claimId, m);
        if (!header) throw new NotFoundError('claim', claimId);
        const details = await this.repo.details([header], m);
        const gap = toEncounter(header, details, () => true)?.gaps.find((g) => g.gapKey === change.gapKey);
        if (!gap) throw new NotFoundError('coding gap', `${change.gapKey} of claim ${claimId}`);
        const updatedAt = nowIso();
        await this.repo.upsertState(
          {
            claimId,
            gapKey: change.gapKey,
            status: change.status,
            comment,
            updatedById: actor.userId,
            updatedByName: actor.username,
            updatedAt,
          },
          m,
        );
        // Never the comment itself in the audit log (free text may name the patient): only that there was one.
        await this.audit.record(
          actor,
          {
            action: 'coding-gap.update',
            targetType: 'claim',
            targetId: claimId,
            detail: { gapKey: change.gapKey, from: gap.status, to: change.status, comment: comment !== null },
          },
          m,
        );
        return { ...gap, status: change.status, comment, updatedBy: actor.username, updatedAt };
      }),
    );
  }
}

/** An encounter with the gaps `keep` accepts, or null when it has none. */
function toEncounter(
  h: EncounterHeader,
  d: EncounterDetails,
  keep: (g: GapView) => boolean,
): PagedEncounter | null {
  const gaps = encounterGaps({
    claimId: h.claimId,
    patientControlNumber: h.patientControlNumber,
    serviceDate: h.serviceDateFrom,
    payerId: h.payerId,
    providerNpi: h.providerNpi,
    providerName: d.providerNames.get(h.claimId) ?? null,
    findings: d.findings.get(h.claimId) ?? [],
    missedCharges: d.missedCharges.get(h.claimId) ?? [],
    notes: d.notes.get(h.claimId) ?? [],
    billed: d.billed.get(h.claimId) ?? { diagnoses: [], lines: [] },
    states: d.states.get(h.claimId) ?? new Map(),
  }).filter(keep);
  if (gaps.length === 0) return null;
  return {
    claimId: h.claimId,
    patientControlNumber: h.patientControlNumber,
    serviceDate: h.serviceDateFrom,
    payerId: h.payerId,
    providerNpi: h.providerNpi,
    providerName: d.providerNames.get(h.claimId) ?? null,
    gaps,
  };
}
