import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { ClaimEntity } from '../claims/claim.entity.js';
import { AuthorizationEntity } from '../inputs/authorization.entity.js';
import { ClinicalDocumentEntity } from '../inputs/clinical-document.entity.js';
import { ContractRateEntity } from '../inputs/contract-rate.entity.js';
import { EligibilityCoverageEntity } from '../inputs/eligibility-coverage.entity.js';
import type {
  AuthorizationRecord,
  AuthorizationStatus,
  CoverageStatus,
  InputRecords,
  RecordSource,
} from '../inputs/input-records.js';
import type { Claim } from '../x12/index.js';

/** A stored claim as evaluation reads it. */
export interface StoredClaim {
  id: string;
  claim: Claim;
  status: string;
  memberId: string;
  payerId: string;
}

const CHUNK = 500;

const splitCodes = (s: string): string[] => (s === '' ? [] : s.split(';'));

/** Reads what rule evaluation needs: claims with their parsed model, and every imported record. */
@Injectable()
export class EvaluationDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** The claims with these ids (any order). */
  async claimsByIds(ids: readonly string[]): Promise<StoredClaim[]> {
    const out: StoredClaim[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.manager.find(ClaimEntity, {
        select: { id: true, detail: true, status: true, subscriberMemberId: true, payerId: true },
        where: { id: In(ids.slice(i, i + CHUNK)) },
      });
      for (const r of rows) out.push(toStored(r));
    }
    return out;
  }

  /** Every claim of these members (exact member ids as received), for history and authorization units. */
  async claimsOfMembers(memberIds: readonly string[]): Promise<StoredClaim[]> {
    const unique = [...new Set(memberIds)];
    const out: StoredClaim[] = [];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await this.manager.find(ClaimEntity, {
        select: { id: true, detail: true, status: true, subscriberMemberId: true, payerId: true },
        where: { subscriberMemberId: In(unique.slice(i, i + CHUNK)) },
      });
      for (const r of rows) out.push(toStored(r));
    }
    return out;
  }

  /** Ids of the claims that these claims replaced or voided. */
  async claimsSupersededBy(ids: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.manager.find(ClaimEntity, {
        select: { id: true },
        where: { supersededById: In(ids.slice(i, i + CHUNK)) },
      });
      for (const r of rows) out.push(r.id);
    }
    return out;
  }

  async claimExists(id: string): Promise<boolean> {
    return (await this.manager.countBy(ClaimEntity, { id })) > 0;
  }

  /** Member ids of the claims with these ids. */
  async memberIdsOf(ids: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.manager.find(ClaimEntity, {
        select: { id: true, subscriberMemberId: true },
        where: { id: In(ids.slice(i, i + CHUNK)) },
      });
      for (const r of rows) out.push(r.subscriberMemberId);
    }
    return out;
  }

  /** Ids of all claims, in id order, a page at a time. */
  async *allClaimIds(pageSize = 2000): AsyncGenerator<string[]> {
    let after = '';
    for (;;) {
      const rows = await this.manager
        .createQueryBuilder(ClaimEntity, 'c')
        .select('c.id', 'id')
        .where('c.id > :after', { after })
        .orderBy('c.id', 'ASC')
        .limit(pageSize)
        .getRawMany<{ id: string }>();
      if (rows.length === 0) return;
      yield rows.map((r) => r.id);
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Every imported record of the kinds rules read (FHIR patients are identities only; rules do not read them). */
  async inputRecords(): Promise<InputRecords> {
    const m = this.manager;
    const [auths, docs, coverage, rates] = await Promise.all([
      m.find(AuthorizationEntity),
      m.find(ClinicalDocumentEntity),
      m.find(EligibilityCoverageEntity),
      m.find(ContractRateEntity),
    ]);
    return {
      authorizations: auths.map((a): AuthorizationRecord => ({
        authNumber: a.authNumber,
        payerId: a.payerId,
        memberId: a.memberId,
        patientLastName: a.patientLastName,
        patientFirstName: a.patientFirstName,
        patientDob: a.patientDob,
        procedureCode: a.procedureCode,
        unitsApproved: a.unitsApproved,
        startDate: a.startDate,
        endDate: a.endDate,
        status: a.status as AuthorizationStatus,
        providerNpi: a.providerNpi,
        origin: { source: a.source as RecordSource },
      })),
      documentation: docs.map((d) => ({
        documentId: d.documentId,
        memberId: d.memberId,
        patientLastName: d.patientLastName,
        patientFirstName: d.patientFirstName,
        patientDob: d.patientDob,
        serviceDate: d.serviceDate,
        documentType: d.documentType,
        diagnosisCodes: splitCodes(d.diagnosisCodes),
        procedureCodes: splitCodes(d.procedureCodes),
        authorNpi: d.authorNpi,
        signed: Boolean(d.signed),
        text: d.text,
        origin: { source: d.source as RecordSource },
      })),
      eligibility: coverage.map((c) => ({
        payerId: c.payerId,
        memberId: c.memberId,
        lastName: c.lastName,
        firstName: c.firstName,
        dob: c.dob,
        sex: c.sex as 'M' | 'F' | 'U',
        coverageStart: c.coverageStart,
        coverageEnd: c.coverageEnd,
        planName: c.planName,
        coverageStatus: c.coverageStatus as CoverageStatus,
        origin: { source: c.source as RecordSource },
      })),
      contracts: rates.map((r) => ({
        payerId: r.payerId,
        procedureCode: r.procedureCode,
        modifier: r.modifier,
        allowedCents: r.allowedCents,
        effectiveStart: r.effectiveStart,
        effectiveEnd: r.effectiveEnd,
        origin: { source: r.source as RecordSource },
      })),
      patients: [],
    };
  }
}

function toStored(r: ClaimEntity): StoredClaim {
  return {
    id: r.id,
    claim: r.detail as unknown as Claim,
    status: r.status,
    memberId: r.subscriberMemberId,
    payerId: r.payerId,
  };
}
