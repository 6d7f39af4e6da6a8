import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { X12Issue } from '../x12/index.js';
import { ClaimEntity } from '../claims/claim.entity.js';
import { FileIssueEntity } from './file-issue.entity.js';
import type { FileKind } from './file-kind.js';
import {
  FILE_ISSUE_LIMIT,
  type FileIssueRecord,
  type FileStatus,
  type ReceivedFileDetail,
  type ReceivedFileRecord,
} from './ingest-result.js';
import type { IdGenerator } from '../database/id-generator.js';
import { FILE_ISSUE, RECEIVED_FILE } from './ingest-tables.js';
import { ReceivedFileEntity } from './received-file.entity.js';
import { issueRow } from './row-mappers.js';
import type { TransactionWriter } from './transaction-writer.js';

/** Where a page of files starts: after this (receivedAt, id), newest first. */
export interface FilePosition {
  receivedAt: string;
  id: string;
}

function toRecord(e: ReceivedFileEntity): ReceivedFileRecord {
  return {
    id: e.id,
    sha256: e.sha256,
    name: e.name,
    sizeBytes: e.sizeBytes,
    kind: e.kind as FileKind,
    status: e.status as FileStatus,
    transactionCount: e.transactionCount,
    claimCount: e.claimCount,
    paymentCount: e.paymentCount,
    errorCount: e.errorCount,
    warningCount: e.warningCount,
    failure: e.failure,
    receivedAt: e.receivedAt,
    processedAt: e.processedAt,
  };
}

function toIssueRecord(e: FileIssueEntity): FileIssueRecord {
  return {
    seq: e.seq,
    severity: e.severity,
    code: e.code,
    message: e.message,
    segmentIndex: e.segmentIndex,
    segmentId: e.segmentId,
    elementIndex: e.elementIndex,
    componentIndex: e.componentIndex,
    line: e.line,
    byteOffset: e.byteOffset,
    path: e.path,
  };
}

function recordRow(r: ReceivedFileRecord): unknown[] {
  return [
    r.id,
    r.sha256,
    r.name,
    r.sizeBytes,
    r.kind,
    r.status,
    r.transactionCount,
    r.claimCount,
    r.paymentCount,
    r.errorCount,
    r.warningCount,
    r.failure,
    r.receivedAt,
    r.processedAt,
  ];
}

/** received_file and file_issue: reads for the API, writes inside an ingest transaction. */
@Injectable()
export class ReceivedFilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findBySha256(sha256: string): Promise<ReceivedFileRecord | null> {
    const e = await this.dataSource.getRepository(ReceivedFileEntity).findOneBy({ sha256 });
    return e ? toRecord(e) : null;
  }

  /** A file with its first FILE_ISSUE_LIMIT issues in file order; null when there is no such file. */
  async getById(id: string): Promise<ReceivedFileDetail | null> {
    const e = await this.dataSource.getRepository(ReceivedFileEntity).findOneBy({ id });
    if (!e) return null;
    const issues = await this.dataSource.getRepository(FileIssueEntity).find({
      where: { fileId: id },
      order: { seq: 'ASC' },
      take: FILE_ISSUE_LIMIT + 1,
    });
    return {
      ...toRecord(e),
      issues: issues.slice(0, FILE_ISSUE_LIMIT).map(toIssueRecord),
      issuesTruncated: issues.length > FILE_ISSUE_LIMIT,
    };
  }

  /** Up to `limit` files received before `after` (all when null), newest first. */
  async listNewestFirst(limit: number, after: FilePosition | null): Promise<ReceivedFileRecord[]> {
    const qb = this.dataSource
      .getRepository(ReceivedFileEntity)
      .createQueryBuilder('f')
      .orderBy('f.receivedAt', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .limit(limit);
    if (after) {
      qb.where('(f.receivedAt < :at OR (f.receivedAt = :at AND f.id < :id))', {
        at: after.receivedAt,
        id: after.id,
      });
    }
    return (await qb.getMany()).map(toRecord);
  }

  async insert(w: TransactionWriter, record: ReceivedFileRecord): Promise<void> {
    await w.insert(RECEIVED_FILE, [recordRow(record)]);
  }

  /** Writes the outcome of a file: kind, status, counts, failure, processed time. */
  async saveOutcome(w: TransactionWriter, r: ReceivedFileRecord): Promise<void> {
    await w.update(
      {
        table: 'received_file',
        key: 'id',
        columns: [
          { name: 'kind', type: 'varchar' },
          { name: 'status', type: 'varchar' },
          { name: 'transaction_count', type: 'integer' },
          { name: 'claim_count', type: 'integer' },
          { name: 'payment_count', type: 'integer' },
          { name: 'error_count', type: 'integer' },
          { name: 'warning_count', type: 'integer' },
          { name: 'failure', type: 'varchar' },
          { name: 'processed_at', type: 'varchar' },
        ],
      },
      [
        [
          r.id,
          r.kind,
          r.status,
          r.transactionCount,
          r.claimCount,
          r.paymentCount,
          r.errorCount,
          r.warningCount,
          r.failure,
          r.processedAt,
        ],
      ],
    );
  }

  /** Stores issues; `firstSeq` is the file order of the first one. */
  async insertIssues(
    w: TransactionWriter,
    fileId: string,
    issues: readonly X12Issue[],
    firstSeq: number,
    ids: IdGenerator,
  ): Promise<void> {
    if (issues.length === 0) return;
    await w.insert(
      FILE_ISSUE,
      issues.map((issue, i) => issueRow(issue, fileId, firstSeq + i, ids)),
    );
  }

  /** Deletes a file record and (by cascade) its issues: used to retry a file that failed. */
  async remove(w: TransactionWriter, id: string): Promise<void> {
    await w.execute(
      w.dialect === 'sqlite'
        ? 'DELETE FROM "received_file" WHERE "id" = ?'
        : 'DELETE FROM "received_file" WHERE "id" = $1',
      [id],
    );
  }

  /** Ids of the claims a file brought, in id order. */
  async claimIdsOf(fileId: string): Promise<string[]> {
    const rows = await this.dataSource.manager.find(ClaimEntity, {
      select: { id: true },
      where: { fileId },
      order: { id: 'ASC' },
    });
    return rows.map((r) => r.id);
  }
}
