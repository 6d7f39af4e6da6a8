import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/domain-errors.js';
import { decodeCursor, type Page, parseSort, toPage } from '../common/pagination.js';
import type { ClaimPaymentEntity } from './claim-payment.entity.js';
import {
  type ListRemittancesQueryDto,
  type ListUnmatchedQueryDto,
  REMITTANCE_SORT_FIELDS,
  UNMATCHED_SORT,
  UNMATCHED_SORT_FIELDS,
} from './dto/remittance-query.dto.js';
import type {
  AdjustmentDto,
  ClaimPaymentDto,
  ClaimPaymentSummaryDto,
  LinkedClaimPaymentDto,
  ProviderAdjustmentDto,
  RemittanceBasicsDto,
  RemittanceDetailDto,
  RemittanceSummaryDto,
  ServicePaymentDto,
  UnmatchedClaimPaymentDto,
} from './dto/remittance-response.dto.js';
import type { PaymentAdjustmentEntity } from './payment-adjustment.entity.js';
import type { ProviderAdjustmentEntity } from './provider-adjustment.entity.js';
import { type PaymentParts, type PaymentScope, RemitsRepository } from './remits.repository.js';
import type { RemittanceEntity } from './remittance.entity.js';
import type { ServicePaymentEntity } from './service-payment.entity.js';

/** Remittances, their claim payments, and the payments no claim matched. */
@Injectable()
export class RemitsService {
  constructor(@Inject(RemitsRepository) private readonly remits: RemitsRepository) {}

  async list(query: ListRemittancesQueryDto): Promise<Page<RemittanceSummaryDto>> {
    const sort = parseSort(query.sort, REMITTANCE_SORT_FIELDS);
    const after = query.cursor ? decodeCursor(query.cursor, sort, REMITTANCE_SORT_FIELDS) : null;
    const filter = {
      payerId: query.payerId,
      paymentDateFrom: query.paymentDateFrom,
      paymentDateTo: query.paymentDateTo,
      traceNumber: query.traceNumber,
    };
    const rows = await this.remits.findRemittancePage(filter, sort, after, query.limit + 1);
    return toPage(rows, query.limit, sort, (r) => ({ value: r[sort.key], id: r.id }), toRemittanceSummary);
  }

  async get(id: string): Promise<RemittanceDetailDto> {
    const remittance = await this.remits.findRemittanceById(id);
    if (!remittance) throw new NotFoundError('remittance', id);
    const [payments, plb] = await Promise.all([
      this.paymentsWithParts({ remittanceId: id }),
      this.remits.findProviderAdjustments(id),
    ]);
    return {
      ...toRemittanceSummary(remittance),
      payeeTaxId: remittance.payeeTaxId,
      interchangeControlNumber: remittance.interchangeControlNumber,
      transactionControlNumber: remittance.transactionControlNumber,
      claimPayments: payments,
      providerAdjustments: plb.map(toProviderAdjustment),
    };
  }

  async listUnmatched(query: ListUnmatchedQueryDto): Promise<Page<UnmatchedClaimPaymentDto>> {
    const sort = parseSort(UNMATCHED_SORT, UNMATCHED_SORT_FIELDS);
    const after = query.cursor ? decodeCursor(query.cursor, sort, UNMATCHED_SORT_FIELDS) : null;
    const rows = await this.remits.findUnmatchedPage(after, query.limit + 1);
    const shown = rows.slice(0, query.limit);
    const remittances = await this.remits.findRemittancesByIds([
      ...new Set(shown.map((p) => p.remittanceId)),
    ]);
    const byId = new Map(remittances.map((r) => [r.id, r]));
    return toPage(
      rows,
      query.limit,
      sort,
      (p) => ({ value: p.id, id: p.id }),
      (p) => ({ ...toPaymentSummary(p), remittance: toRemittanceBasics(byId.get(p.remittanceId)!) }),
    );
  }

  /** The claim payments linked to a claim with their parts and remittance, oldest remittance first. */
  async paymentsOfClaim(claimId: string): Promise<LinkedClaimPaymentDto[]> {
    const payments = await this.paymentsWithParts({ claimId });
    const remittances = await this.remits.findRemittancesByIds([
      ...new Set(payments.map((p) => p.remittanceId)),
    ]);
    const byId = new Map(remittances.map((r) => [r.id, r]));
    return payments
      .map((p) => ({ ...p, remittance: toRemittanceBasics(byId.get(p.remittanceId)!) }))
      .sort((a, b) => compareText(a.remittance.receivedAt, b.remittance.receivedAt));
  }

  private async paymentsWithParts(scope: PaymentScope): Promise<ClaimPaymentDto[]> {
    const [payments, parts] = await Promise.all([
      this.remits.findClaimPayments(scope),
      this.remits.findPaymentParts(scope),
    ]);
    return assemblePayments(payments, parts);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Hangs services, adjustments and remarks under their claim payment (and service, when service-level). */
function assemblePayments(payments: ClaimPaymentEntity[], parts: PaymentParts): ClaimPaymentDto[] {
  const servicesOf = groupBy(parts.services, (s) => s.claimPaymentId);
  const adjustmentsOf = groupBy(parts.adjustments, (a) => a.servicePaymentId ?? `claim:${a.claimPaymentId}`);
  const remarksOf = groupBy(parts.remarks, (r) => r.servicePaymentId ?? `claim:${r.claimPaymentId}`);
  return payments.map((p) => ({
    ...toPaymentSummary(p),
    adjustments: (adjustmentsOf.get(`claim:${p.id}`) ?? []).map(toAdjustment),
    remarkCodes: (remarksOf.get(`claim:${p.id}`) ?? []).map((r) => r.code),
    services: (servicesOf.get(p.id) ?? []).map((s) =>
      toServicePayment(
        s,
        (adjustmentsOf.get(s.id) ?? []).map(toAdjustment),
        (remarksOf.get(s.id) ?? []).map((r) => r.code),
      ),
    ),
  }));
}

function splitList(text: string): string[] {
  return text === '' ? [] : text.split(',');
}

function toRemittanceSummary(r: RemittanceEntity): RemittanceSummaryDto {
  return {
    id: r.id,
    fileId: r.fileId,
    payerId: r.payerId,
    payerName: r.payerName,
    payeeName: r.payeeName,
    payeeNpi: r.payeeNpi,
    traceNumber: r.traceNumber,
    paymentDate: r.paymentDate,
    totalPaymentCents: r.totalPaymentCents,
    providerAdjustmentCents: r.providerAdjustmentCents,
    handlingCode: r.handlingCode,
    paymentMethod: r.paymentMethod,
    creditDebit: r.creditDebit,
    claimPaymentCount: r.claimPaymentCount,
    receivedAt: r.receivedAt,
  };
}

function toRemittanceBasics(r: RemittanceEntity): RemittanceBasicsDto {
  return {
    id: r.id,
    payerId: r.payerId,
    payerName: r.payerName,
    traceNumber: r.traceNumber,
    paymentDate: r.paymentDate,
    receivedAt: r.receivedAt,
  };
}

function toPaymentSummary(p: ClaimPaymentEntity): ClaimPaymentSummaryDto {
  return {
    id: p.id,
    remittanceId: p.remittanceId,
    claimId: p.claimId,
    matchStatus: p.matchStatus,
    patientControlNumber: p.patientControlNumber,
    statusCode: p.statusCode,
    chargeCents: p.chargeCents,
    paidCents: p.paidCents,
    patientResponsibilityCents: p.patientResponsibilityCents,
    claimFilingIndicator: p.claimFilingIndicator,
    payerClaimControlNumber: p.payerClaimControlNumber,
    facilityCode: p.facilityCode,
    frequencyCode: p.frequencyCode,
    isReversal: p.isReversal,
    patientLastName: p.patientLastName,
    patientFirstName: p.patientFirstName,
    memberId: p.memberId,
    statementFrom: p.statementFrom,
    statementTo: p.statementTo,
  };
}

function toServicePayment(
  s: ServicePaymentEntity,
  adjustments: AdjustmentDto[],
  remarkCodes: string[],
): ServicePaymentDto {
  return {
    id: s.id,
    claimLineId: s.claimLineId,
    seq: s.seq,
    procedureQualifier: s.procedureQualifier,
    procedureCode: s.procedureCode,
    modifiers: splitList(s.modifiers),
    revenueCode: s.revenueCode,
    chargeCents: s.chargeCents,
    paidCents: s.paidCents,
    allowedCents: s.allowedCents,
    units: s.units,
    serviceDate: s.serviceDate,
    serviceDateEnd: s.serviceDateEnd,
    controlNumber: s.controlNumber,
    adjustments,
    remarkCodes,
  };
}

function toAdjustment(a: PaymentAdjustmentEntity): AdjustmentDto {
  return {
    groupCode: a.groupCode,
    reasonCode: a.reasonCode,
    amountCents: a.amountCents,
    quantity: a.quantity,
  };
}

function toProviderAdjustment(a: ProviderAdjustmentEntity): ProviderAdjustmentDto {
  return {
    id: a.id,
    providerId: a.providerId,
    fiscalPeriodDate: a.fiscalPeriodDate,
    reason: a.reason,
    reference: a.reference,
    amountCents: a.amountCents,
  };
}
