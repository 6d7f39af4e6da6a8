import { Injectable } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntityTarget,
  type FindOptionsSelect,
  In,
  type ObjectLiteral,
} from 'typeorm';
import { newId, nowIso } from '../database/column-types.js';
import { normalizeMemberId } from '../patient-matching/identity-normalization.js';
import { AuthorizationEntity } from './authorization.entity.js';
import { ClinicalDocumentEntity } from './clinical-document.entity.js';
import { ContractRateEntity } from './contract-rate.entity.js';
import { EligibilityCoverageEntity } from './eligibility-coverage.entity.js';
import { FhirPatientEntity } from './fhir-patient.entity.js';
import { InputImportEntity } from './input-import.entity.js';
import type {
  AuthorizationRecord,
  ContractRateRecord,
  DocumentationRecord,
  EligibilityRecord,
  FhirPatientRecord,
  InputRecords,
} from './input-records.js';

/** Rows per upsert statement: well under SQLite's bound-parameter limit for the widest table (20 columns). */
const CHUNK = 500;

/**
 * How one kind of record is stored: its entity, the natural key a re-import updates on (entity
 * property names, matching the table's unique index), the column the existing-key lookup narrows by,
 * and the mapping to a row.
 */
interface RecordTable<R, E extends ObjectLiteral> {
  entity: EntityTarget<E>;
  key: (keyof E & string)[];
  lookup: keyof E & string;
  toRow: (r: R) => Omit<E, 'id' | 'importId' | 'updatedAt'>;
}

const AUTHORIZATIONS: RecordTable<AuthorizationRecord, AuthorizationEntity> = {
  entity: AuthorizationEntity,
  key: ['authNumber', 'procedureCode'],
  lookup: 'authNumber',
  toRow: (r) => ({
    authNumber: r.authNumber,
    procedureCode: r.procedureCode,
    payerId: r.payerId,
    memberId: r.memberId,
    memberKey: normalizeMemberId(r.memberId),
    patientLastName: r.patientLastName,
    patientFirstName: r.patientFirstName,
    patientDob: r.patientDob,
    unitsApproved: r.unitsApproved,
    startDate: r.startDate,
    endDate: r.endDate,
    status: r.status,
    providerNpi: r.providerNpi,
    source: r.origin.source,
  }),
};

const DOCUMENTS: RecordTable<DocumentationRecord, ClinicalDocumentEntity> = {
  entity: ClinicalDocumentEntity,
  key: ['documentId'],
  lookup: 'documentId',
  toRow: (r) => ({
    documentId: r.documentId,
    memberId: r.memberId,
    memberKey: normalizeMemberId(r.memberId),
    patientLastName: r.patientLastName,
    patientFirstName: r.patientFirstName,
    patientDob: r.patientDob,
    serviceDate: r.serviceDate,
    documentType: r.documentType,
    diagnosisCodes: r.diagnosisCodes.join(';'),
    procedureCodes: r.procedureCodes.join(';'),
    authorNpi: r.authorNpi,
    signed: r.signed,
    text: r.text,
    source: r.origin.source,
  }),
};

const COVERAGES: RecordTable<EligibilityRecord, EligibilityCoverageEntity> = {
  entity: EligibilityCoverageEntity,
  key: ['payerId', 'memberKey', 'coverageStart'],
  lookup: 'memberKey',
  toRow: (r) => ({
    payerId: r.payerId,
    memberId: r.memberId,
    memberKey: normalizeMemberId(r.memberId),
    lastName: r.lastName,
    firstName: r.firstName,
    dob: r.dob,
    sex: r.sex,
    coverageStart: r.coverageStart,
    coverageEnd: r.coverageEnd,
    planName: r.planName,
    coverageStatus: r.coverageStatus,
    source: r.origin.source,
  }),
};

const CONTRACT_RATES: RecordTable<ContractRateRecord, ContractRateEntity> = {
  entity: ContractRateEntity,
  key: ['payerId', 'procedureCode', 'modifier', 'effectiveStart'],
  lookup: 'procedureCode',
  toRow: (r) => ({
    payerId: r.payerId,
    procedureCode: r.procedureCode,
    modifier: r.modifier,
    allowedCents: r.allowedCents,
    effectiveStart: r.effectiveStart,
    effectiveEnd: r.effectiveEnd,
    source: r.origin.source,
  }),
};

const FHIR_PATIENTS: RecordTable<FhirPatientRecord, FhirPatientEntity> = {
  entity: FhirPatientEntity,
  key: ['patientId'],
  lookup: 'patientId',
  toRow: (r) => ({
    patientId: r.patientId,
    memberId: r.memberId,
    memberKey: normalizeMemberId(r.memberId),
    lastName: r.lastName,
    firstName: r.firstName,
    dob: r.dob,
    sex: r.sex,
    source: r.origin.source,
  }),
};

/** What an accepted import wrote. */
export interface StoredImport {
  importId: string;
  importedAt: string;
  inserted: number;
  updated: number;
}

/** The file an import came from. */
export interface ImportFileInfo {
  kind: string;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  warningCount: number;
}

/** Stores imported records: one transaction per upload, updating records whose natural key exists. */
@Injectable()
export class InputRecordsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes every record of one upload and its import-log row, then runs `afterWrite` (the patient
   * matching that depends on them) in the same transaction: all or nothing.
   */
  saveImport<T>(
    file: ImportFileInfo,
    records: InputRecords,
    afterWrite: (manager: EntityManager) => Promise<T>,
  ): Promise<StoredImport & { after: T }> {
    return this.dataSource.transaction(async (manager) => {
      const importId = newId();
      const importedAt = nowIso();
      const counts = { inserted: 0, updated: 0 };
      const add = (c: { inserted: number; updated: number }): void => {
        counts.inserted += c.inserted;
        counts.updated += c.updated;
      };
      const stamp = { importId, updatedAt: importedAt };
      add(await upsertAll(manager, AUTHORIZATIONS, records.authorizations, stamp));
      add(await upsertAll(manager, DOCUMENTS, records.documentation, stamp));
      add(await upsertAll(manager, COVERAGES, records.eligibility, stamp));
      add(await upsertAll(manager, CONTRACT_RATES, records.contracts, stamp));
      add(await upsertAll(manager, FHIR_PATIENTS, records.patients, stamp));
      await manager.insert(InputImportEntity, {
        id: importId,
        kind: file.kind,
        fileName: file.fileName.slice(0, 255),
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
        insertedCount: counts.inserted,
        updatedCount: counts.updated,
        warningCount: file.warningCount,
        importedAt,
      });
      const after = await afterWrite(manager);
      return { importId, importedAt, ...counts, after };
    });
  }

  /** Imports, newest first. */
  listImports(limit: number): Promise<InputImportEntity[]> {
    return this.dataSource
      .getRepository(InputImportEntity)
      .find({ order: { importedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** How many records of each kind are stored. */
  async counts(): Promise<
    Record<'authorizations' | 'documentation' | 'eligibility' | 'contracts' | 'patients', number>
  > {
    const m = this.dataSource.manager;
    const [authorizations, documentation, eligibility, contracts, patients] = await Promise.all([
      m.count(AuthorizationEntity),
      m.count(ClinicalDocumentEntity),
      m.count(EligibilityCoverageEntity),
      m.count(ContractRateEntity),
      m.count(FhirPatientEntity),
    ]);
    return { authorizations, documentation, eligibility, contracts, patients };
  }
}

/**
 * Inserts new records and updates existing ones (same natural key), keeping an updated record's id so
 * that links to it stay valid. Existing ids are looked up by one indexed column, in chunks.
 */
async function upsertAll<R, E extends ObjectLiteral>(
  manager: EntityManager,
  table: RecordTable<R, E>,
  records: readonly R[],
  stamp: { importId: string; updatedAt: string },
): Promise<{ inserted: number; updated: number }> {
  if (records.length === 0) return { inserted: 0, updated: 0 };
  const keyOf = (row: Record<string, unknown>): string => table.key.map((k) => String(row[k])).join('\u0000');
  // The parsers reject duplicate keys in a file; keys that collide only after normalization (member
  // ids typed two ways) keep the later record, as a later import would.
  const byKey = new Map<string, Record<string, unknown>>();
  for (const r of records) {
    const row = { ...table.toRow(r), ...stamp } as Record<string, unknown>;
    byKey.set(keyOf(row), row);
  }
  const rows = [...byKey.values()];
  const existing = new Map<string, string>();
  const lookupValues = [...new Set(rows.map((r) => r[table.lookup]))];
  for (let i = 0; i < lookupValues.length; i += CHUNK) {
    const found = await manager.find(table.entity, {
      select: Object.fromEntries(['id', ...table.key].map((k) => [k, true])) as FindOptionsSelect<E>,
      where: { [table.lookup]: In(lookupValues.slice(i, i + CHUNK)) } as never,
    });
    for (const f of found as Record<string, unknown>[]) existing.set(keyOf(f), String(f.id));
  }
  let updated = 0;
  for (const row of rows) {
    const id = existing.get(keyOf(row));
    if (id) updated++;
    row.id = id ?? newId();
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await manager.upsert(table.entity, rows.slice(i, i + CHUNK) as never, {
      conflictPaths: table.key,
      skipUpdateIfNoValuesChanged: false,
    });
  }
  return { inserted: rows.length - updated, updated };
}
