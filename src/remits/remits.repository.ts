import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import type { Cursor, Sort } from '../common/pagination.js';
import { fetchKeysetPage } from '../database/keyset-query.js';
import { ClaimPaymentEntity } from './claim-payment.entity.js';
import { REMITTANCE_SORT_FIELDS, type RemittanceSortKey } from './dto/remittance-query.dto.js';
import { PaymentAdjustmentEntity } from './payment-adjustment.entity.js';
import { ProviderAdjustmentEntity } from './provider-adjustment.entity.js';
import { RemarkCodeEntity } from './remark-code.entity.js';
import { RemittanceEntity } from './remittance.entity.js';
import { ServicePaymentEntity } from './service-payment.entity.js';

/** What a remittance list may be narrowed by (all optional, combined with AND). */
export interface RemittanceFilter {
  payerId?: string;
  paymentDateFrom?: string;
  paymentDateTo?: string;
  traceNumber?: string;
}

/** Which claim payments' parts to load: those of one remittance, or those linked to one claim. */
export type PaymentScope = { remittanceId: string } | { claimId: string };

/** The parts of a set of claim payments, each list in stored order. */
export interface PaymentParts {
  services: ServicePaymentEntity[];
  adjustments: PaymentAdjustmentEntity[];
  remarks: RemarkCodeEntity[];
}

const SORT_COLUMNS: Record<RemittanceSortKey, string> = {
  receivedAt: 'r.receivedAt',
  paymentDate: 'r.paymentDate',
};

/** The only code that reads remittances, claim payments and their parts from the database. */
@Injectable()
export class RemitsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** One page of remittance headers in keyset order after `after`; fetches `limit` rows. */
  findRemittancePage(
    filter: RemittanceFilter,
    sort: Sort<RemittanceSortKey>,
    after: Cursor | null,
    limit: number,
  ): Promise<RemittanceEntity[]> {
    return fetchKeysetPage(() => this.filtered(filter), {
      column: SORT_COLUMNS[sort.key],
      id: 'r.id',
      nullable: REMITTANCE_SORT_FIELDS[sort.key].nullable,
      direction: sort.direction,
      after,
      limit,
    });
  }

  findRemittanceById(id: string): Promise<RemittanceEntity | null> {
    return this.dataSource.getRepository(RemittanceEntity).findOneBy({ id });
  }

  /** Remittance headers by id (for the claim payments that point at them). */
  findRemittancesByIds(ids: string[]): Promise<RemittanceEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(RemittanceEntity).findBy({ id: In(ids) });
  }

  /** The PLB adjustments of a remittance, in stored order. */
  findProviderAdjustments(remittanceId: string): Promise<ProviderAdjustmentEntity[]> {
    return this.dataSource
      .getRepository(ProviderAdjustmentEntity)
      .find({ where: { remittanceId }, order: { id: 'ASC' } });
  }

  /** The claim payments of one remittance, or those linked to one claim, in file order. */
  findClaimPayments(scope: PaymentScope): Promise<ClaimPaymentEntity[]> {
    const where = 'remittanceId' in scope ? { remittanceId: scope.remittanceId } : { claimId: scope.claimId };
    return this.dataSource
      .getRepository(ClaimPaymentEntity)
      .find({ where, order: { segmentIndex: 'ASC', id: 'ASC' } });
  }

  /**
   * Service payments, adjustments and remark codes of the claim payments in scope. Selected through
   * a subquery rather than an id list: a remittance can hold thousands of claim payments, more than
   * a statement may bind.
   */
  async findPaymentParts(scope: PaymentScope): Promise<PaymentParts> {
    const [column, value] =
      'remittanceId' in scope ? ['remittance_id', scope.remittanceId] : ['claim_id', scope.claimId];
    const inScope = `IN (SELECT p.id FROM claim_payment p WHERE p.${column} = :scopeId)`;
    const parts = <T extends { claimPaymentId: string }>(entity: new () => T, order: string) =>
      this.dataSource
        .getRepository(entity)
        .createQueryBuilder('x')
        .where(`x.claimPaymentId ${inScope}`, { scopeId: value })
        .orderBy('x.claimPaymentId', 'ASC')
        .addOrderBy(order, 'ASC')
        .getMany();
    const [services, adjustments, remarks] = await Promise.all([
      parts(ServicePaymentEntity, 'x.seq'),
      parts(PaymentAdjustmentEntity, 'x.id'),
      parts(RemarkCodeEntity, 'x.id'),
    ]);
    return { services, adjustments, remarks };
  }

  /**
   * One page of claim payments no claim was matched to, newest first (id descending: ids are
   * UUIDv7, given at ingest), answered from the (match_status, id) index.
   */
  findUnmatchedPage(after: Cursor | null, limit: number): Promise<ClaimPaymentEntity[]> {
    const q = this.dataSource
      .getRepository(ClaimPaymentEntity)
      .createQueryBuilder('p')
      .where('p.matchStatus = :status', { status: 'unmatched' });
    if (after) q.andWhere('p.id < :afterId', { afterId: after.id });
    return q.orderBy('p.id', 'DESC').limit(limit).getMany();
  }

  private filtered(f: RemittanceFilter): SelectQueryBuilder<RemittanceEntity> {
    const q = this.dataSource.getRepository(RemittanceEntity).createQueryBuilder('r');
    if (f.payerId !== undefined) q.andWhere('r.payerId = :payerId', { payerId: f.payerId });
    if (f.paymentDateFrom !== undefined) {
      q.andWhere('r.paymentDate >= :paymentDateFrom', { paymentDateFrom: f.paymentDateFrom });
    }
    if (f.paymentDateTo !== undefined) {
      q.andWhere('r.paymentDate <= :paymentDateTo', { paymentDateTo: f.paymentDateTo });
    }
    if (f.traceNumber !== undefined)
      q.andWhere('r.traceNumber = :traceNumber', { traceNumber: f.traceNumber });
    return q;
  }
}
