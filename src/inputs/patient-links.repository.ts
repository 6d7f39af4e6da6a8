import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsSelect, In, IsNull } from 'typeorm';
import { ClaimEntity } from '../claims/claim.entity.js';
import { AuthorizationEntity } from './authorization.entity.js';
import { ClinicalDocumentEntity } from './clinical-document.entity.js';
import { EligibilityCoverageEntity } from './eligibility-coverage.entity.js';
import { FhirPatientEntity } from './fhir-patient.entity.js';
import { PatientLinkEntity } from './patient-link.entity.js';
import { PatientProblemEntity } from './patient-problem.entity.js';

/** The kinds of record a claim's patient is matched to. */
export type LinkTargetKind = 'eligibility' | 'documentation' | 'authorization' | 'fhir-patient';

/** A stored record's identity, as matching reads it. */
export interface TargetIdentity {
  id: string;
  payerId: string | null;
  memberId: string;
  lastName: string;
  firstName: string;
  dob: string | null;
  /** Documentation only: the note's date of service. */
  serviceDate?: string;
}

/** A claim's patient, as matching reads it: the subscriber's member id with the patient's name and DOB. */
export interface ClaimIdentity {
  id: string;
  payerId: string;
  memberId: string;
  lastName: string;
  firstName: string;
  dob: string | null;
  serviceDateFrom: string | null;
  serviceDateTo: string | null;
}

const CHUNK = 500;
/** Claims read per page when every claim is matched again. */
const CLAIM_PAGE = 5000;

/** Reads identities for matching and replaces the links and problems it produces. */
@Injectable()
export class PatientLinksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Every stored record of each kind, identity columns only. */
  async loadTargets(manager: EntityManager): Promise<Record<LinkTargetKind, TargetIdentity[]>> {
    const [coverages, documents, authorizations, patients] = await Promise.all([
      manager.find(EligibilityCoverageEntity, {
        select: cols('id', 'payerId', 'memberId', 'lastName', 'firstName', 'dob'),
      }),
      manager.find(ClinicalDocumentEntity, {
        select: cols('id', 'memberId', 'patientLastName', 'patientFirstName', 'patientDob', 'serviceDate'),
      }),
      manager.find(AuthorizationEntity, {
        select: cols('id', 'payerId', 'memberId', 'patientLastName', 'patientFirstName', 'patientDob'),
      }),
      manager.find(FhirPatientEntity, { select: cols('id', 'memberId', 'lastName', 'firstName', 'dob') }),
    ]);
    return {
      eligibility: coverages.map((c) => ({ ...pick(c), payerId: c.payerId })),
      documentation: documents.map((d) => ({
        id: d.id,
        payerId: null,
        memberId: d.memberId,
        lastName: d.patientLastName,
        firstName: d.patientFirstName,
        dob: d.patientDob,
        serviceDate: d.serviceDate,
      })),
      authorization: authorizations.map((a) => ({
        id: a.id,
        payerId: a.payerId,
        memberId: a.memberId,
        lastName: a.patientLastName,
        firstName: a.patientFirstName,
        dob: a.patientDob,
      })),
      'fhir-patient': patients.map((p) => ({ ...pick(p), payerId: null })),
    };
  }

  /** Claims in id order, a page at a time: all of them, or those with the given ids. */
  async *claimIdentities(
    manager: EntityManager,
    claimIds?: readonly string[],
  ): AsyncGenerator<ClaimIdentity[]> {
    const columns: (keyof ClaimEntity & string)[] = [
      'id',
      'payerId',
      'subscriberMemberId',
      'patientLastName',
      'patientFirstName',
      'patientBirthDate',
      'serviceDateFrom',
      'serviceDateTo',
    ];
    if (claimIds) {
      for (let i = 0; i < claimIds.length; i += CHUNK) {
        const rows = await manager.find(ClaimEntity, {
          select: cols(...columns),
          where: { id: In(claimIds.slice(i, i + CHUNK)) },
        });
        yield rows.map(toClaimIdentity);
      }
      return;
    }
    let after = '';
    for (;;) {
      const rows = await manager
        .createQueryBuilder(ClaimEntity, 'c')
        .select(columns.map((s) => `c.${s}`))
        .where('c.id > :after', { after })
        .orderBy('c.id', 'ASC')
        .take(CLAIM_PAGE)
        .getMany();
      if (rows.length === 0) return;
      yield rows.map(toClaimIdentity);
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Ids of the claims a received file brought. */
  async claimIdsOfFile(manager: EntityManager, fileId: string): Promise<string[]> {
    const rows = await manager.find(ClaimEntity, {
      select: cols('id'),
      where: { fileId },
      order: { id: 'ASC' },
    });
    return rows.map((r) => r.id);
  }

  /** Removes the links and claim problems of the given claims (all claims when omitted). */
  async clearClaims(manager: EntityManager, claimIds?: readonly string[]): Promise<void> {
    if (!claimIds) {
      await manager.createQueryBuilder().delete().from(PatientLinkEntity).execute();
      await manager
        .createQueryBuilder()
        .delete()
        .from(PatientProblemEntity)
        .where('claim_id IS NOT NULL')
        .execute();
      return;
    }
    for (let i = 0; i < claimIds.length; i += CHUNK) {
      const ids = claimIds.slice(i, i + CHUNK);
      await manager.delete(PatientLinkEntity, { claimId: In(ids) });
      await manager.delete(PatientProblemEntity, { claimId: In(ids) });
    }
  }

  /** Replaces the roster-level problems (those on no claim, such as duplicate records). */
  async replaceRosterProblems(manager: EntityManager, problems: PatientProblemEntity[]): Promise<void> {
    await manager.delete(PatientProblemEntity, { claimId: IsNull() });
    await this.insertProblems(manager, problems);
  }

  async insertLinks(manager: EntityManager, links: PatientLinkEntity[]): Promise<void> {
    for (let i = 0; i < links.length; i += CHUNK)
      await manager.insert(PatientLinkEntity, links.slice(i, i + CHUNK));
  }

  async insertProblems(manager: EntityManager, problems: PatientProblemEntity[]): Promise<void> {
    for (let i = 0; i < problems.length; i += CHUNK) {
      await manager.insert(PatientProblemEntity, problems.slice(i, i + CHUNK));
    }
  }

  /** A claim's links and problems, for its detail page. */
  async findForClaim(
    claimId: string,
  ): Promise<{ links: PatientLinkEntity[]; problems: PatientProblemEntity[] }> {
    const m = this.dataSource.manager;
    const [links, problems] = await Promise.all([
      m.find(PatientLinkEntity, {
        where: { claimId },
        order: { targetKind: 'ASC', scoreMilli: 'DESC', targetId: 'ASC' },
      }),
      m.find(PatientProblemEntity, {
        where: { claimId },
        order: { targetKind: 'ASC', kind: 'ASC', id: 'ASC' },
      }),
    ]);
    return { links, problems };
  }

  /** Problems of one kind (or all), oldest first, `limit` at most. */
  listProblems(kind: string | undefined, limit: number): Promise<PatientProblemEntity[]> {
    return this.dataSource.manager.find(PatientProblemEntity, {
      where: kind ? { kind } : {},
      order: { id: 'ASC' },
      take: limit,
    });
  }
}

/** TypeORM's select object for the given columns. */
function cols<E>(...names: (keyof E & string)[]): FindOptionsSelect<E> {
  return Object.fromEntries(names.map((n) => [n, true])) as FindOptionsSelect<E>;
}

function pick(e: { id: string; memberId: string; lastName: string; firstName: string; dob: string | null }) {
  return { id: e.id, memberId: e.memberId, lastName: e.lastName, firstName: e.firstName, dob: e.dob };
}

function toClaimIdentity(c: ClaimEntity): ClaimIdentity {
  return {
    id: c.id,
    payerId: c.payerId,
    memberId: c.subscriberMemberId,
    lastName: c.patientLastName,
    firstName: c.patientFirstName,
    dob: c.patientBirthDate,
    serviceDateFrom: c.serviceDateFrom,
    serviceDateTo: c.serviceDateTo,
  };
}
