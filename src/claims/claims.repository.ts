import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import type { Cursor, Sort } from '../common/pagination.js';
import { fetchKeysetPage } from '../database/keyset-query.js';
import { ClaimDiagnosisEntity } from './claim-diagnosis.entity.js';
import { ClaimEventEntity } from './claim-event.entity.js';
import { ClaimLineEntity } from './claim-line.entity.js';
import { ClaimProviderEntity } from './claim-provider.entity.js';
import { ClaimEntity } from './claim.entity.js';
import { CLAIM_SORT_FIELDS, type ClaimSortKey, type ClaimStatus } from './dto/claim-query.dto.js';

/** What a claim list may be narrowed by (all optional, combined with AND). */
export interface ClaimFilter {
  payerId?: string;
  statuses?: ClaimStatus[];
  serviceDateFrom?: string;
  serviceDateTo?: string;
  billingNpi?: string;
  renderingNpi?: string;
  /** Member id (exact) or the start of the patient last name (ASCII case-insensitive). */
  patient?: string;
  hasFindings?: boolean;
}

/** Property paths of the sort columns; each has a (column, id) index. */
const SORT_COLUMNS: Record<ClaimSortKey, string> = {
  receivedAt: 'c.receivedAt',
  serviceDateFrom: 'c.serviceDateFrom',
  totalCharge: 'c.totalChargeCents',
  patientLastName: 'c.patientLastName',
};

/** Columns a list row needs: everything but the (large) parsed model. */
const SUMMARY_COLUMNS = [
  'id',
  'fileId',
  'claimType',
  'patientControlNumber',
  'status',
  'submission',
  'frequencyCode',
  'payerId',
  'payerName',
  'subscriberMemberId',
  'patientLastName',
  'patientFirstName',
  'patientBirthDate',
  'billingNpi',
  'billingName',
  'renderingNpi',
  'serviceDateFrom',
  'serviceDateTo',
  'totalChargeCents',
  'paidCents',
  'patientResponsibilityCents',
  'findingCount',
  'receivedAt',
].map((c) => `c.${c}`);

/** Lowercases ASCII letters only: what SQLite's lower() does, so both databases match alike. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
}

/**
 * The half-open range [low, high) of strings that start with `prefix` in code point order (SQLite's
 * BINARY collation, PostgreSQL's "C"): high is the prefix with its last code point incremented. A
 * range, unlike LIKE, is answered from an expression index on both databases.
 */
export function prefixRange(prefix: string): { low: string; high: string | null } {
  const points = [...prefix];
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!;
    let next = last + 1;
    if (next === 0xd800) next = 0xe000; // skip the surrogate block
    if (next <= 0x10ffff) return { low: prefix, high: points.join('') + String.fromCodePoint(next) };
  }
  return { low: prefix, high: null };
}

/** The only code that reads claims and their parts from the database. */
@Injectable()
export class ClaimsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** One page of claim summaries (no `detail`), in keyset order after `after`; fetches `limit` rows. */
  findSummaryPage(
    filter: ClaimFilter,
    sort: Sort<ClaimSortKey>,
    after: Cursor | null,
    limit: number,
  ): Promise<ClaimEntity[]> {
    return fetchKeysetPage(() => this.filtered(filter), {
      column: SORT_COLUMNS[sort.key],
      id: 'c.id',
      nullable: CLAIM_SORT_FIELDS[sort.key].nullable,
      direction: sort.direction,
      after,
      limit,
    });
  }

  /** The claim with its parsed model, or null. */
  findById(id: string): Promise<ClaimEntity | null> {
    return this.dataSource.getRepository(ClaimEntity).findOneBy({ id });
  }

  /** The claim's service lines in LX order. */
  findLines(claimId: string): Promise<ClaimLineEntity[]> {
    return this.dataSource
      .getRepository(ClaimLineEntity)
      .find({ where: { claimId }, order: { lineNumber: 'ASC', id: 'ASC' } });
  }

  /** The claim's diagnoses, principal first. */
  findDiagnoses(claimId: string): Promise<ClaimDiagnosisEntity[]> {
    return this.dataSource
      .getRepository(ClaimDiagnosisEntity)
      .find({ where: { claimId }, order: { seq: 'ASC', id: 'ASC' } });
  }

  /** The claim's providers, in the order they were stored. */
  findProviders(claimId: string): Promise<ClaimProviderEntity[]> {
    return this.dataSource
      .getRepository(ClaimProviderEntity)
      .find({ where: { claimId }, order: { id: 'ASC' } });
  }

  /** The claim's history, oldest first. */
  findHistory(claimId: string): Promise<ClaimEventEntity[]> {
    return this.dataSource
      .getRepository(ClaimEventEntity)
      .find({ where: { claimId }, order: { at: 'ASC', id: 'ASC' } });
  }

  private filtered(f: ClaimFilter): SelectQueryBuilder<ClaimEntity> {
    const q = this.dataSource.getRepository(ClaimEntity).createQueryBuilder('c').select(SUMMARY_COLUMNS);
    if (f.payerId !== undefined) q.andWhere('c.payerId = :payerId', { payerId: f.payerId });
    if (f.statuses !== undefined && f.statuses.length > 0) {
      q.andWhere('c.status IN (:...statuses)', { statuses: f.statuses });
    }
    if (f.serviceDateFrom !== undefined) {
      q.andWhere('c.serviceDateFrom >= :serviceDateFrom', { serviceDateFrom: f.serviceDateFrom });
    }
    if (f.serviceDateTo !== undefined) {
      q.andWhere('c.serviceDateFrom <= :serviceDateTo', { serviceDateTo: f.serviceDateTo });
    }
    if (f.billingNpi !== undefined) q.andWhere('c.billingNpi = :billingNpi', { billingNpi: f.billingNpi });
    if (f.renderingNpi !== undefined) {
      q.andWhere('c.renderingNpi = :renderingNpi', { renderingNpi: f.renderingNpi });
    }
    if (f.patient !== undefined) this.wherePatient(q, f.patient);
    if (f.hasFindings !== undefined) q.andWhere(f.hasFindings ? 'c.findingCount > 0' : 'c.findingCount = 0');
    return q;
  }

  /**
   * Member id exactly, or last name by prefix over the lower(patient_last_name) expression index
   * (PostgreSQL compares it in the "C" collation, as the index is built, so the range means "starts with").
   */
  private wherePatient(q: SelectQueryBuilder<ClaimEntity>, patient: string): void {
    const lastName =
      this.dataSource.options.type === 'postgres'
        ? 'LOWER(c.patientLastName) COLLATE "C"'
        : 'LOWER(c.patientLastName)';
    const { low, high } = prefixRange(asciiLower(patient));
    q.andWhere(
      new Brackets((w) => {
        w.where('c.subscriberMemberId = :patientMemberId', { patientMemberId: patient });
        w.orWhere(
          new Brackets((n) => {
            n.where(`${lastName} >= :patientLow`, { patientLow: low });
            if (high !== null) n.andWhere(`${lastName} < :patientHigh`, { patientHigh: high });
          }),
        );
      }),
    );
  }
}
