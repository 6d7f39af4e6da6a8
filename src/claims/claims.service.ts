import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/domain-errors.js';
import { decodeCursor, type Page, parseSort, toPage } from '../common/pagination.js';
import { PatientLinksRepository } from '../inputs/patient-links.repository.js';
import { RemitsService } from '../remits/remits.service.js';
import type { ClaimDiagnosisEntity } from './claim-diagnosis.entity.js';
import type { ClaimEventEntity } from './claim-event.entity.js';
import type { ClaimLineEntity } from './claim-line.entity.js';
import type { ClaimProviderEntity } from './claim-provider.entity.js';
import type { ClaimEntity } from './claim.entity.js';
import { type ClaimFilter, ClaimsRepository } from './claims.repository.js';
import {
  CLAIM_SORT_FIELDS,
  type ClaimDetailQueryDto,
  type ClaimSortKey,
  type ListClaimsQueryDto,
} from './dto/claim-query.dto.js';
import type {
  ClaimDetailDto,
  ClaimDiagnosisDto,
  ClaimEventDto,
  ClaimLineDto,
  ClaimProviderDto,
  ClaimSummaryDto,
} from './dto/claim-response.dto.js';

/** The value a claim list is sorted by, as cursors carry it. */
const SORT_VALUE: Record<ClaimSortKey, (c: ClaimEntity) => string | number | null> = {
  receivedAt: (c) => c.receivedAt,
  serviceDateFrom: (c) => c.serviceDateFrom,
  totalCharge: (c) => c.totalChargeCents,
  patientLastName: (c) => c.patientLastName,
};

/** Claim lists and claim detail (lines, diagnoses, providers, history and linked payments). */
@Injectable()
export class ClaimsService {
  constructor(
    @Inject(ClaimsRepository) private readonly claims: ClaimsRepository,
    @Inject(RemitsService) private readonly remits: RemitsService,
    @Inject(PatientLinksRepository) private readonly patientLinks: PatientLinksRepository,
  ) {}

  async list(query: ListClaimsQueryDto): Promise<Page<ClaimSummaryDto>> {
    const sort = parseSort(query.sort, CLAIM_SORT_FIELDS);
    const after = query.cursor ? decodeCursor(query.cursor, sort, CLAIM_SORT_FIELDS) : null;
    const filter: ClaimFilter = {
      payerId: query.payerId,
      statuses: query.status,
      serviceDateFrom: query.serviceDateFrom,
      serviceDateTo: query.serviceDateTo,
      billingNpi: query.billingNpi,
      renderingNpi: query.renderingNpi,
      patient: query.patient,
      hasFindings: query.hasFindings,
    };
    const rows = await this.claims.findSummaryPage(filter, sort, after, query.limit + 1);
    const position = (c: ClaimEntity) => ({ value: SORT_VALUE[sort.key](c), id: c.id });
    return toPage(rows, query.limit, sort, position, toClaimSummary);
  }

  async get(id: string, query: ClaimDetailQueryDto): Promise<ClaimDetailDto> {
    const claim = await this.claims.findById(id);
    if (!claim) throw new NotFoundError('claim', id);
    const [lines, diagnoses, providers, history, remittances, identity] = await Promise.all([
      this.claims.findLines(id),
      this.claims.findDiagnoses(id),
      this.claims.findProviders(id),
      this.claims.findHistory(id),
      this.remits.paymentsOfClaim(id),
      this.patientLinks.findForClaim(id),
    ]);
    return {
      ...toClaimSummary(claim),
      supersededById: claim.supersededById,
      duplicateOfId: claim.duplicateOfId,
      lines: lines.map(toLine),
      diagnoses: diagnoses.map(toDiagnosis),
      providers: providers.map(toProvider),
      history: history.map(toEvent),
      remittances,
      patientLinks: identity.links.map((l) => ({
        targetKind: l.targetKind,
        targetId: l.targetId,
        method: l.method,
        score: l.scoreMilli / 1000,
        confidence: l.confidence,
      })),
      patientProblems: identity.problems.map((p) => ({
        targetKind: p.targetKind,
        targetId: p.targetId,
        kind: p.kind,
        reason: p.reason,
        detail: p.detail,
      })),
      ...(query.include === 'detail' ? { detail: claim.detail } : {}),
    };
  }
}

function splitList(text: string): string[] {
  return text === '' ? [] : text.split(',');
}

function toClaimSummary(c: ClaimEntity): ClaimSummaryDto {
  return {
    id: c.id,
    fileId: c.fileId,
    claimType: c.claimType,
    patientControlNumber: c.patientControlNumber,
    status: c.status,
    submission: c.submission,
    frequencyCode: c.frequencyCode,
    payerId: c.payerId,
    payerName: c.payerName,
    subscriberMemberId: c.subscriberMemberId,
    patientLastName: c.patientLastName,
    patientFirstName: c.patientFirstName,
    patientBirthDate: c.patientBirthDate,
    billingNpi: c.billingNpi,
    billingName: c.billingName,
    renderingNpi: c.renderingNpi,
    serviceDateFrom: c.serviceDateFrom,
    serviceDateTo: c.serviceDateTo,
    totalChargeCents: c.totalChargeCents,
    paidCents: c.paidCents,
    patientResponsibilityCents: c.patientResponsibilityCents,
    findingCount: c.findingCount,
    receivedAt: c.receivedAt,
  };
}

function toLine(l: ClaimLineEntity): ClaimLineDto {
  return {
    id: l.id,
    lineNumber: l.lineNumber,
    procedureQualifier: l.procedureQualifier,
    procedureCode: l.procedureCode,
    modifiers: splitList(l.modifiers),
    revenueCode: l.revenueCode,
    chargeCents: l.chargeCents,
    units: l.units,
    unitBasis: l.unitBasis,
    placeOfService: l.placeOfService,
    serviceDate: l.serviceDate,
    serviceDateEnd: l.serviceDateEnd,
    controlNumber: l.controlNumber,
    ndc: l.ndc,
    diagnosisPointers: splitList(l.diagnosisPointers).map(Number),
    priorAuthorization: l.priorAuthorization,
    renderingNpi: l.renderingNpi,
  };
}

function toDiagnosis(d: ClaimDiagnosisEntity): ClaimDiagnosisDto {
  return {
    seq: d.seq,
    qualifier: d.qualifier,
    code: d.code,
    role: d.role,
    presentOnAdmission: d.presentOnAdmission,
  };
}

function toProvider(p: ClaimProviderEntity): ClaimProviderDto {
  return {
    role: p.role,
    npi: p.npi,
    taxId: p.taxId,
    lastOrOrgName: p.lastOrOrgName,
    firstName: p.firstName,
    taxonomy: p.taxonomy,
  };
}

function toEvent(e: ClaimEventEntity): ClaimEventDto {
  return { id: e.id, at: e.at, kind: e.kind, fileId: e.fileId, relatedId: e.relatedId, detail: e.detail };
}
