import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { WriteLock } from '../database/write-lock.js';
import { FindingsService } from '../findings/findings.service.js';
import { ReportProjectionService } from '../reports/report-projection.service.js';
import { DataSource } from 'typeorm';
import { InvalidInputError } from '../common/domain-errors.js';
import { decodeCursor, parseSort, toPage } from '../common/pagination.js';
import { newId, nowIso } from '../database/column-types.js';
import { parseX12Stream, type X12Issue, type X12IssueCode, X12ParseError } from '../x12/index.js';
import { InputsService } from '../inputs/inputs.service.js';
import { PatientLinkingService } from '../inputs/patient-linking.service.js';
import { ClaimWriterRepository } from './claim-writer.repository.js';
import { fingerprintFile } from './file-hash.js';
import { FILE_SORT, FILE_SORT_FIELDS } from './dto/list-files.query.js';
import { FileIngestion, KEPT_ISSUES } from './file-ingestion.js';
import { sniffFileKind } from './file-kind.js';
import { IdGenerator } from '../database/id-generator.js';
import type {
  FileIssueRecord,
  IngestResult,
  ReceivedFileDetail,
  ReceivedFilePage,
  ReceivedFileRecord,
} from './ingest-result.js';
import { ReceivedFilesRepository } from './received-files.repository.js';
import { RemittanceWriterRepository } from './remittance-writer.repository.js';
import { TransactionWriter } from './transaction-writer.js';

/** What a failed file's record says when the database, not the file, was the problem (details go to the log). */
export const STORAGE_FAILURE =
  'the file could not be stored because of a database error; nothing from it was kept (see the server log)';

/**
 * Files in: hash, sniff, parse and store, one transaction per file. The single entry point for the
 * HTTP upload, the CLI and the benchmark is `ingestPath`.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger('IngestService');
  private readonly ids = new IdGenerator();

  constructor(
    private readonly dataSource: DataSource,
    private readonly files: ReceivedFilesRepository,
    private readonly claims: ClaimWriterRepository,
    private readonly remittances: RemittanceWriterRepository,
    private readonly patientLinking: PatientLinkingService,
    private readonly inputs: InputsService,
    private readonly lock: WriteLock,
    /** Absent (null) when rules are not evaluated on ingest (EVALUATE_ON_INGEST=false, some tests). */
    @Optional() @Inject(FindingsService) private readonly findings: FindingsService | null = null,
    @Optional() @Inject(APP_CONFIG) private readonly config: AppConfig | null = null,
    /** Absent in tests that build the service by hand; REPORT_REFRESH=false turns it off. */
    @Optional()
    @Inject(ReportProjectionService)
    private readonly reports: ReportProjectionService | null = null,
  ) {}

  /**
   * Ingests the file at `path`, received as `originalName`:
   * - the same bytes (SHA-256) already on file: returns that record with `duplicate: true` and writes
   *   nothing (a file that failed for a database error is tried again; one that is not X12 is not);
   * - otherwise streams it through the X12 parser into the database in one transaction, and returns
   *   the record with status `processed` (with its issues counted and stored);
   * - when the content is not X12 at all or a database error occurs, rolls back and records the file
   *   as `failed`, with its issues, in a fresh transaction; nothing else from it is kept.
   * Files are ingested one at a time in a process (the WriteLock): SQLite has a single connection, and
   * claims that refer to each other across files (duplicates, replacements, late payments) need a
   * defined order. The new claims are then matched to patients and evaluated by the rules.
   */
  ingestPath(path: string, originalName: string): Promise<IngestResult> {
    return this.lock.run(() => this.ingestNow(path, originalName));
  }

  /** A file and its issues; null when unknown. */
  getFile(id: string): Promise<ReceivedFileDetail | null> {
    return this.files.getById(id);
  }

  /** Files newest first, `limit` per page. Throws InvalidInputError for a cursor not issued by this list. */
  async listFiles(limit: number, cursor: string | undefined): Promise<ReceivedFilePage> {
    const sort = parseSort(FILE_SORT, FILE_SORT_FIELDS);
    const after = cursor ? decodeCursor(cursor, sort, FILE_SORT_FIELDS) : null;
    const rows = await this.files.listNewestFirst(
      limit + 1,
      after && { receivedAt: String(after.value), id: after.id },
    );
    return toPage(
      rows,
      limit,
      sort,
      (r) => ({ value: r.receivedAt, id: r.id }),
      (r) => r,
    );
  }

  /**
   * An upload streamed to `path` by the HTTP layer: ingests it and deletes it (the rows and the claim
   * models in `claim.detail` are what is kept, not the bytes). A file that is not X12 at all is the
   * client's problem: InvalidInputError with its positioned issues (its failed record is kept and can
   * be read by id). Other outcomes are returned as they are, failed ones included.
   */
  async ingestUpload(path: string, originalName: string): Promise<IngestResult> {
    let result: IngestResult;
    try {
      result = await this.ingestPath(path, originalName);
    } finally {
      await rm(path, { force: true });
    }
    const file = result.file;
    // Not X12, or a 271/278 whose content was rejected: the client's problem, not the server's.
    if (file.status === 'failed' && (file.kind === 'unknown' || file.kind === '271' || file.kind === '278')) {
      const detail = await this.files.getById(file.id);
      throw new InvalidInputError(
        `file ${file.id} (${file.name}) is ${file.failure ?? 'not readable as X12'}`,
        [file.failure ?? 'not readable as X12'],
        (detail?.issues ?? []).map(toX12Issue),
      );
    }
    return result;
  }

  private async ingestNow(path: string, originalName: string): Promise<IngestResult> {
    const fingerprint = await fingerprintFile(path);
    const existing = await this.files.findBySha256(fingerprint.sha256);
    if (existing && !(existing.status === 'failed' && existing.kind !== 'unknown')) {
      return { file: existing, duplicate: true };
    }
    const record: ReceivedFileRecord = {
      id: existing?.id ?? newId(),
      sha256: fingerprint.sha256,
      name: originalName,
      sizeBytes: fingerprint.sizeBytes,
      kind: archiveKind(fingerprint.head)
        ? 'unknown'
        : sniffFileKind(fingerprint.head, fingerprint.wholeFile),
      status: 'processing',
      transactionCount: 0,
      claimCount: 0,
      paymentCount: 0,
      errorCount: 0,
      warningCount: 0,
      failure: null,
      receivedAt: nowIso(),
      processedAt: null,
    };

    if (record.kind === '271' || record.kind === '278')
      return this.ingestResponse(record, path, existing !== null);

    const w = await TransactionWriter.begin(this.dataSource);
    const run = new FileIngestion(
      w,
      { files: this.files, claims: this.claims, remittances: this.remittances },
      record,
      this.ids,
      record.kind,
    );
    try {
      if (existing) await this.files.remove(w, existing.id);
      await this.files.insert(w, record);
      // An archive is not X12 as a whole: the tolerant reader would otherwise skip its headers as
      // garbage and ingest a stored (uncompressed) member it happens to find.
      const archive = archiveKind(fingerprint.head);
      if (archive) {
        const message = `a ${archive} archive, not an X12 file; send the X12 file itself`;
        throw new X12ParseError('X12_NOT_X12', message, [
          {
            severity: 'error',
            code: 'X12_NOT_X12',
            message,
            segmentIndex: -1,
            segmentId: '',
            line: 1,
            byteOffset: 0,
          },
        ]);
      }
      await run.consume(parseX12Stream(createReadStream(path, { highWaterMark: 1 << 20 })));
      const done: ReceivedFileRecord = {
        ...record,
        // Read as X12 without a single transaction set (an empty envelope): X12, but nothing known.
        kind: run.kind === 'unknown' ? 'x12-other' : run.kind,
        status: 'processed',
        transactionCount: run.transactionCount,
        claimCount: run.claimCount,
        paymentCount: run.paymentCount,
        errorCount: run.errorCount,
        warningCount: run.warningCount,
        processedAt: nowIso(),
      };
      await this.files.saveOutcome(w, done);
      await w.commit();
      let evaluated = false;
      if (done.kind === '837' && done.claimCount > 0) {
        await this.linkPatients(done);
        evaluated = await this.evaluate(done);
      }
      // Evaluation refreshes the report rows of the claims it evaluated; otherwise (an 835, or rules
      // off on ingest) the file's claims, the claims it pays and its PLB adjustments are refreshed here.
      if (!evaluated && (done.kind === '837' || done.kind === '835')) await this.refreshReports(done);
      return { file: done, duplicate: false };
    } catch (err) {
      await w.rollback().catch((e: unknown) => this.logger.error(`rollback failed: ${String(e)}`));
      return this.recordFailure(record, run, err, existing !== null);
    }
  }

  /**
   * An eligibility (271) or services-review (278) response: its coverage spans and authorizations go
   * to the inputs (validated whole, nothing written on an error), and the file is recorded with the
   * outcome. A rejected file is recorded as failed, its problems (with positions) in `failure`.
   */
  private async ingestResponse(
    record: ReceivedFileRecord,
    path: string,
    replacesEarlier: boolean,
  ): Promise<IngestResult> {
    let outcome: ReceivedFileRecord;
    try {
      const imported = await this.inputs.importPath('x12', path, record.name);
      outcome = {
        ...record,
        status: 'processed',
        transactionCount: imported.records.eligibility + imported.records.authorizations,
        warningCount: imported.warnings.length,
        processedAt: nowIso(),
      };
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      const shown = err.problems.slice(0, 20);
      const more = err.problems.length - shown.length;
      outcome = {
        ...record,
        status: 'failed',
        errorCount: err.problems.length,
        failure: `${err.message}: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
        processedAt: nowIso(),
      };
    }
    const w = await TransactionWriter.begin(this.dataSource);
    try {
      if (replacesEarlier) await this.files.remove(w, record.id);
      await this.files.insert(w, outcome);
      await w.commit();
    } catch (err) {
      await w.rollback().catch(() => undefined);
      throw err;
    }
    return { file: outcome, duplicate: false };
  }

  /**
   * Matches the new claims' patients to the imported records. Links are derived data, rebuilt by
   * every import: a failure here is logged and leaves the file ingested.
   */
  private async linkPatients(file: ReceivedFileRecord): Promise<void> {
    try {
      await this.patientLinking.relinkFile(file.id);
    } catch (err) {
      this.logger.error(
        `patient matching for file ${file.id} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /**
   * Runs the rules on the new claims. Findings are derived data (re-made by every evaluation, and by
   * the start-up pass for claims left unevaluated): a failure here is logged and leaves the file ingested.
   */
  private async evaluate(file: ReceivedFileRecord): Promise<boolean> {
    if (!this.findings || this.config?.evaluateOnIngest === false) return false;
    try {
      await this.findings.evaluateClaims(await this.files.claimIdsOf(file.id));
      return true;
    } catch (err) {
      this.logger.error(
        `rule evaluation for file ${file.id} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
      return false;
    }
  }

  /** Report rows are derived data too: a failure is logged (POST /api/v1/reports/rebuild redoes them). */
  private async refreshReports(file: ReceivedFileRecord): Promise<void> {
    if (!this.reports?.enabled) return;
    try {
      await this.reports.refreshFile(file.id);
    } catch (err) {
      this.logger.error(
        `report refresh for file ${file.id} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** Records a file that could not be ingested, with its issues, in a transaction of its own. */
  private async recordFailure(
    record: ReceivedFileRecord,
    run: FileIngestion,
    err: unknown,
    replacesEarlier: boolean,
  ): Promise<IngestResult> {
    const issues: X12Issue[] = [...run.keptIssues];
    let errorCount = run.errorCount;
    let warningCount = run.warningCount;
    let failure: string;
    let kind = run.kind;
    if (err instanceof X12ParseError) {
      const seen = new Set(issues);
      for (const issue of err.issues) {
        if (seen.has(issue)) continue;
        if (issues.length < KEPT_ISSUES) issues.push(issue);
        if (issue.severity === 'error') errorCount++;
        else warningCount++;
      }
      failure = `not readable as X12: ${err.message}`;
      kind = 'unknown';
    } else {
      const full = storageFullCode(err);
      this.logger.error(
        // The file's id, not its name: a name is the uploader's words and may name a patient. A full
        // disk is said in one plain line (the operator's fix is to free space), not as a stack trace.
        full
          ? `ingest of file ${record.id} failed: the database or disk is full (${full}); nothing from the file was kept; free disk space, then ingest it again`
          : `ingest of file ${record.id} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      // Still the storage failure: the inbox and a later ingest of the same bytes try it again.
      failure = STORAGE_FAILURE;
    }
    const failed: ReceivedFileRecord = {
      ...record,
      kind,
      status: 'failed',
      errorCount,
      warningCount,
      failure,
      processedAt: nowIso(),
    };
    const w = await TransactionWriter.begin(this.dataSource);
    try {
      if (replacesEarlier) await this.files.remove(w, failed.id);
      await this.files.insert(w, failed);
      await this.files.insertIssues(w, failed.id, issues, 0, this.ids);
      await w.commit();
    } catch (storeErr) {
      await w.rollback().catch(() => undefined);
      // Another process stored the same bytes meanwhile: theirs is the record.
      const other = await this.files.findBySha256(failed.sha256);
      if (other) return { file: other, duplicate: true };
      throw storeErr;
    }
    return { file: failed, duplicate: false };
  }
}

/** A stored issue in the engine's shape (for error bodies). */
function toX12Issue(r: FileIssueRecord): X12Issue {
  return {
    severity: r.severity === 'error' ? 'error' : 'warning',
    code: r.code as X12IssueCode,
    message: r.message,
    segmentIndex: r.segmentIndex,
    segmentId: r.segmentId,
    ...(r.elementIndex !== null ? { elementIndex: r.elementIndex } : {}),
    ...(r.componentIndex !== null ? { componentIndex: r.componentIndex } : {}),
    line: r.line,
    byteOffset: r.byteOffset,
    ...(r.path !== null ? { path: r.path } : {}),
  };
}

/**
 * The code of an error that means the database's disk is full, or null: SQLITE_FULL (better-sqlite3,
 * copied onto TypeORM's QueryFailedError), PostgreSQL's disk_full (SQLSTATE 53100), ENOSPC or EDQUOT.
 */
export function storageFullCode(err: unknown): string | null {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && ['SQLITE_FULL', '53100', 'ENOSPC', 'EDQUOT'].includes(code)
    ? code
    : null;
}

/** The archive format a file starts with (zip, gzip, 7z, rar, bzip2), or null. */
function archiveKind(head: Buffer): string | null {
  const b = head;
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && [3, 5, 7].includes(b[2]!)) return 'zip';
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (b.length >= 6 && b.toString('latin1', 0, 6) === '7z\xbc\xaf\x27\x1c') return '7z';
  if (b.length >= 4 && b.toString('latin1', 0, 4) === 'Rar!') return 'rar';
  if (b.length >= 3 && b.toString('latin1', 0, 3) === 'BZh') return 'bzip2';
  return null;
}
