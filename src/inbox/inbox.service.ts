import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { InvalidInputError } from '../common/domain-errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { nowIso } from '../database/column-types.js';
import { WriteLock } from '../database/write-lock.js';
import { fingerprintFile, type FileFingerprint } from '../ingest/file-hash.js';
import { IngestService, STORAGE_FAILURE } from '../ingest/ingest.service.js';
import type { ReceivedFileRecord } from '../ingest/ingest-result.js';
import type { ImportResult } from '../inputs/import-result.js';
import { parseUpload } from '../inputs/input-parsing.js';
import type { InputKind } from '../inputs/input-records.js';
import { InputsService } from '../inputs/inputs.service.js';
import { type JobContext, type JobCounts, JobIncompleteError, type ScheduledJob } from '../jobs/job-types.js';
import {
  archiveName,
  FAILED_FOLDER,
  type FileState,
  isIgnoredName,
  isSettled,
  PROCESSED_FOLDER,
  REPORT_SUFFIX,
} from './inbox-files.js';
import {
  type InboxOutcome,
  type InboxReport,
  limitIssues,
  plural,
  type ReportIssue,
  reportIssueOf,
  reportIssueOfX12Record,
} from './inbox-report.js';
import { INBOX_KIND_FOLDERS, type InboxRoute, SNIFF_HEAD_BYTES, sniffInboxFile } from './inbox-sniff.js';
import { type EarlierImport, InboxRepository } from './inbox.repository.js';

/** A file found in the inbox, as listed. */
interface Candidate {
  path: string;
  name: string;
  /** The kind folder it sits in, null at the top of the inbox. */
  folder: InputKind | null;
  listed: FileState;
}

/** What the database said about a taken file: everything the report and the audit event need. */
interface Handled {
  outcome: InboxOutcome;
  /** processed/ (ingested, imported, duplicate) or failed/ (failed, or a duplicate of an X12 file that failed). */
  archiveTo: typeof PROCESSED_FOLDER | typeof FAILED_FOLDER;
  kind: string;
  receivedFileId: string | null;
  importId: string | null;
  counts: Record<string, number>;
  issueCount: number;
  issues: ReportIssue[];
  message: string;
}

/** Why a file was not taken this run. */
type NotTaken = 'waiting' | 'gone';

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const errCode = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;

/** Read errors that will not go away by themselves: the file is archived as failed. */
const UNREADABLE = new Set(['EACCES', 'EPERM', 'EISDIR']);

const KIND_FOLDER_HINT = `if it is one of the inputs, put it in the inbox folder named for its kind (${INBOX_KIND_FOLDERS.map((k) => `${k}/`).join(', ')})`;

/**
 * The `inbox` job: every file dropped in INBOX_DIR is ingested through the same services as an upload
 * and archived with a report of what happened.
 *
 * - Which files: regular files at the top of the inbox, and in the kind folders
 *   `<inbox>/authorizations|documentation|eligibility|contracts|fhir/` (the folder names the kind).
 *   Dotfiles, `*.part|.tmp|.partial|.crdownload`, `*.report.json` and the `processed/` and `failed/`
 *   trees are left alone. Oldest first (modification time), so files that depend on each other (an
 *   837 before its 835) are read in the order they arrived.
 * - Still being written: a file modified less than INBOX_SETTLE_SECONDS ago, or whose size or time
 *   changed since it was listed or while it was hashed, stays where it is for a later run (`waiting`).
 * - What it is: sniffed from its first 64 KiB (see sniffInboxFile). X12 goes to IngestService.ingestPath
 *   (837, 835, and 271/278 which it hands to the inputs); inputs to InputsService.importPath.
 * - The same bytes again: ingest answers `duplicate` for X12; for inputs the inbox looks for an earlier
 *   import with the same SHA-256 (under the write lock, so that the check and the import are one step)
 *   and archives the file without importing it. Because the database outcome is committed before the
 *   file is moved, a process that dies in between finds the same bytes on the next run and archives
 *   them as a duplicate: nothing is stored twice.
 * - Where it goes: `<inbox>/processed/<today>/` (ingested, imported, duplicate; X12 with non-fatal
 *   issues included) or `<inbox>/failed/<today>/` (unreadable, rejected, unknown, or a duplicate of a
 *   file that failed), with `<name>.report.json` beside it. Names are never overwritten (`x-2.csv`).
 *   Moves are renames within the inbox (one file system). Jobs runs are serialized (one run at a time
 *   across instances, the job lease), so the free name chosen from the folder listing stays free.
 * - One audit event per file (`inbox.file`, as the run's actor), written once the outcome is known
 *   and before the move: a move that fails leaves the file to be archived (as a duplicate) next run.
 * - A broken file never stops the run. An unexpected error (the database down, a move refused) leaves
 *   the file in place to be retried next run; after the loop the run throws, naming how many files
 *   could not be processed, so that it is recorded as failed.
 */
@Injectable()
export class InboxService implements ScheduledJob {
  readonly name = 'inbox' as const;
  readonly description =
    'Ingest the files dropped in the inbox folder (X12, CSV/JSON inputs, FHIR bundles) and archive each with a report';
  private readonly logger = new Logger('InboxService');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ingest: IngestService,
    private readonly inputs: InputsService,
    private readonly repo: InboxRepository,
    private readonly audit: AuditService,
    private readonly lock: WriteLock,
  ) {}

  async run(ctx: JobContext): Promise<JobCounts> {
    const inbox = this.config.inboxDir;
    await mkdir(inbox, { recursive: true });
    const counts = { files: 0, ingested: 0, imported: 0, duplicates: 0, failed: 0, waiting: 0, errors: 0 };
    const problems: string[] = [];
    for (const file of await this.list(inbox)) {
      try {
        const result = await this.take(file, ctx);
        if (result === 'gone') continue;
        counts.files++;
        if (result === 'waiting') counts.waiting++;
        else if (result === 'duplicate') counts.duplicates++;
        else counts[result]++;
      } catch (err) {
        counts.files++;
        counts.errors++;
        // Not the file's name: exports are often named after the patient, and this text goes to the
        // log and the job run. The file stays in the inbox, where the operator sees it.
        problems.push(message(err));
        this.logger.error(`an inbox file was left for the next run: ${message(err)}`);
        await this.audit.recordQuietly(ctx.actor, {
          action: 'inbox.file',
          targetType: 'file',
          outcome: 'failed',
          detail: { kind: 'unknown', outcome: 'error' },
        });
      }
    }
    if (counts.errors > 0) {
      // Recorded as failed with these counts (what the others came to).
      throw new JobIncompleteError(
        `${plural(counts.errors, 'inbox file')} could not be processed and ${counts.errors === 1 ? 'stays' : 'stay'} in the inbox for the next run (${problems[0]})`,
        counts,
      );
    }
    return counts;
  }

  /** The candidate files, oldest first (then by folder and name, for a stable order). */
  private async list(inbox: string): Promise<Candidate[]> {
    const found: Omit<Candidate, 'listed'>[] = [];
    for (const entry of await readdir(inbox, { withFileTypes: true })) {
      if (entry.isFile() && !isIgnoredName(entry.name)) {
        found.push({ path: join(inbox, entry.name), name: entry.name, folder: null });
      } else if (entry.isDirectory() && (INBOX_KIND_FOLDERS as readonly string[]).includes(entry.name)) {
        const folder = entry.name as InputKind;
        const dir = join(inbox, folder);
        for (const inner of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
          if (inner.isFile() && !isIgnoredName(inner.name)) {
            found.push({ path: join(dir, inner.name), name: inner.name, folder });
          }
        }
      }
    }
    const listed: Candidate[] = [];
    for (const f of found) {
      const st = await stat(f.path).catch(() => null);
      if (st?.isFile()) listed.push({ ...f, listed: { size: st.size, mtimeMs: st.mtimeMs } });
    }
    return listed.sort(
      (a, b) =>
        a.listed.mtimeMs - b.listed.mtimeMs ||
        (a.folder ?? '').localeCompare(b.folder ?? '') ||
        a.name.localeCompare(b.name),
    );
  }

  /** Takes one file: checks that it has settled, hands it to ingest or the inputs, and archives it. */
  private async take(file: Candidate, ctx: JobContext): Promise<InboxOutcome | NotTaken> {
    const before = await stateOf(file.path);
    if (before === null) return 'gone';
    if (!isSettled(file.listed, before, Date.now(), this.config.jobs.inboxSettleSeconds)) return 'waiting';

    let fingerprint: FileFingerprint;
    try {
      fingerprint = await fingerprintFile(file.path);
    } catch (err) {
      if (errCode(err) === 'ENOENT') return 'gone';
      if (!UNREADABLE.has(errCode(err) ?? '')) throw err;
      const handled = notRead(`The file could not be read (${errCode(err)}); nothing was stored.`);
      await this.finish(file, ctx, { sha256: '', sizeBytes: before.size }, handled);
      return handled.outcome;
    }
    // Written to while it was hashed: still being written after all.
    const after = await stateOf(file.path);
    if (after === null) return 'gone';
    if (!isSettled(before, after, Date.now(), 0) || fingerprint.sizeBytes !== after.size) return 'waiting';

    const route = sniffInboxFile(fingerprint.head.subarray(0, SNIFF_HEAD_BYTES), file.name, file.folder);
    const handled = await this.store(file, route, fingerprint.sha256);
    await this.finish(file, ctx, fingerprint, handled);
    return handled.outcome;
  }

  /** Hands the file to the service its route names; the outcome once the database has it. */
  private async store(file: Candidate, route: InboxRoute, sha256: string): Promise<Handled> {
    if (route.route === 'x12') {
      // A 271/278 imported earlier through the inputs API has no received-file record for ingest to
      // find: the import is the earlier copy. Otherwise ingest decides (it also retries a file that
      // failed for a database error).
      const earlier = await this.repo.importBySha256(sha256);
      if (earlier && !(await this.repo.hasReceivedFile(sha256))) return duplicateOfImport(earlier);
      return this.ingestX12(file);
    }
    // The check and the import are one step for this process's writers (the lock is re-entrant:
    // importPath runs inside it).
    return this.lock.run(async () => {
      const earlier = await this.repo.importBySha256(sha256);
      if (earlier) return duplicateOfImport(earlier);
      if (route.route === 'unknown') return unknownFile(route.reason);
      return this.importInput(file, route.kind);
    });
  }

  private async ingestX12(file: Candidate): Promise<Handled> {
    const { file: f, duplicate } = await this.ingest.ingestPath(file.path, file.name);
    const ids = { receivedFileId: f.id, importId: null };
    if (duplicate) {
      return {
        outcome: 'duplicate',
        archiveTo: f.status === 'failed' ? FAILED_FOLDER : PROCESSED_FOLDER,
        kind: f.kind,
        ...ids,
        counts: {},
        issueCount: 0,
        issues: [],
        message:
          `The same bytes were received before as file ${f.id} (${f.name}, ${f.receivedAt.slice(0, 10)}, ${f.status}); nothing was stored again.` +
          (f.status === 'failed' && f.failure ? ` That file failed: ${f.failure}.` : ''),
      };
    }
    // The database, not the file, was the problem: an error, so the file stays for the next run
    // (ingest tries a file that failed this way again).
    if (f.status === 'failed' && f.failure === STORAGE_FAILURE) throw new Error(STORAGE_FAILURE);

    let issues: ReportIssue[];
    let issueCount = f.errorCount + f.warningCount;
    if ((f.kind === '271' || f.kind === '278') && (f.status === 'failed' || issueCount > 0)) {
      // A response's record keeps only a summary of its problems (the inputs read it): its positioned
      // issues are read again (the parser is pure; nothing is written).
      const all = parseUpload('x12', await readFile(file.path), file.name).issues;
      issues = limitIssues(all).map(reportIssueOf);
      issueCount = all.length;
    } else {
      const detail = issueCount > 0 ? await this.ingest.getFile(f.id) : null;
      issues = limitIssues(detail?.issues ?? []).map(reportIssueOfX12Record);
    }
    if (f.status === 'failed') {
      const response = f.kind === '271' || f.kind === '278';
      return {
        outcome: 'failed',
        archiveTo: FAILED_FOLDER,
        kind: f.kind,
        ...ids,
        counts: x12Counts(f),
        issueCount,
        issues,
        // A rejected response's failure text lists every problem: the issues do that here.
        message: response
          ? `Not stored: the ${f.kind} response was rejected with ${plural(f.errorCount, 'error')} (see issues); nothing from it was imported.`
          : `Not stored: ${f.failure ?? 'not readable as X12'}.`,
      };
    }
    return {
      outcome: 'ingested',
      archiveTo: PROCESSED_FOLDER,
      kind: f.kind,
      ...ids,
      counts: x12Counts(f),
      issueCount,
      issues,
      message: ingestedMessage(f),
    };
  }

  private async importInput(file: Candidate, kind: InputKind): Promise<Handled> {
    let r: ImportResult;
    try {
      r = await this.inputs.importPath(kind, file.path, file.name);
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      return {
        outcome: 'failed',
        archiveTo: FAILED_FOLDER,
        kind,
        receivedFileId: null,
        importId: null,
        counts: {},
        issueCount: err.issues.length,
        issues: limitIssues(err.issues).map(reportIssueOf),
        message: `${err.message}.`,
      };
    }
    const read = Object.values(r.records).reduce((a, b) => a + b, 0);
    return {
      outcome: 'imported',
      archiveTo: PROCESSED_FOLDER,
      kind,
      receivedFileId: null,
      importId: r.importId,
      counts: { ...r.records, inserted: r.inserted, updated: r.updated, warnings: r.warnings.length },
      issueCount: r.warnings.length,
      issues: limitIssues(r.warnings).map(reportIssueOf),
      message:
        `${kind} imported: ${plural(read, 'record')} read (${r.inserted} new, ${r.updated} updated)` +
        (r.warnings.length > 0 ? `, ${plural(r.warnings.length, 'warning')}.` : '.'),
    };
  }

  /** Records the audit event, then moves the file to its archive folder and writes its report. */
  private async finish(
    file: Candidate,
    ctx: JobContext,
    fingerprint: { sha256: string; sizeBytes: number },
    handled: Handled,
  ): Promise<void> {
    const target =
      handled.importId !== null
        ? { targetType: 'input', targetId: handled.importId }
        : {
            targetType: 'file',
            ...(handled.receivedFileId !== null ? { targetId: handled.receivedFileId } : {}),
          };
    // No PHI: the kind, the outcome and the bytes' SHA-256. Not the file's name: exports are often
    // named after the patient, and the audit log can never be purged (the report beside the file,
    // which retention removes, has the name).
    await this.audit.record(ctx.actor, {
      action: 'inbox.file',
      ...target,
      outcome: handled.outcome === 'failed' ? 'failed' : 'ok',
      detail: { kind: handled.kind, outcome: handled.outcome, sha256: fingerprint.sha256 },
    });

    const dir = join(this.config.inboxDir, handled.archiveTo, ctx.today);
    await mkdir(dir, { recursive: true });
    const name = archiveName(file.name, new Set(await readdir(dir)));
    await rename(file.path, join(dir, name));
    const report: InboxReport = {
      file: file.name,
      folder: file.folder,
      archivedAs: name,
      sha256: fingerprint.sha256,
      sizeBytes: fingerprint.sizeBytes,
      kind: handled.kind,
      outcome: handled.outcome,
      receivedFileId: handled.receivedFileId,
      importId: handled.importId,
      counts: handled.counts,
      issueCount: handled.issueCount,
      issues: handled.issues,
      message: handled.message,
      runId: ctx.runId,
      at: nowIso(),
    };
    // 'wx': never overwrite (the name was chosen free of both the file and its report).
    await writeFile(join(dir, name + REPORT_SUFFIX), `${JSON.stringify(report, null, 2)}\n`, { flag: 'wx' });
  }
}

/** Size and modification time now; null when the file is gone. */
async function stateOf(path: string): Promise<FileState | null> {
  try {
    const st = await stat(path);
    return st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs } : null;
  } catch (err) {
    if (errCode(err) === 'ENOENT') return null;
    throw err;
  }
}

function duplicateOfImport(earlier: EarlierImport): Handled {
  return {
    outcome: 'duplicate',
    archiveTo: PROCESSED_FOLDER,
    kind: earlier.kind,
    receivedFileId: null,
    importId: earlier.id,
    counts: {},
    issueCount: 0,
    issues: [],
    message: `The same bytes were imported before (import ${earlier.id}, ${earlier.importedAt.slice(0, 10)}); nothing was imported again.`,
  };
}

/** A file archived as failed without anything read from it. */
function notRead(message: string): Handled {
  return {
    outcome: 'failed',
    archiveTo: FAILED_FOLDER,
    kind: 'unknown',
    receivedFileId: null,
    importId: null,
    counts: {},
    issueCount: 0,
    issues: [],
    message,
  };
}

function unknownFile(reason: string): Handled {
  return notRead(
    `Not read: ${reason}. Claimguard reads X12 (837, 835, 271, 278), FHIR bundles and the CSV/JSON inputs; ${KIND_FOLDER_HINT}.`,
  );
}

function x12Counts(f: ReceivedFileRecord): Record<string, number> {
  return {
    transactions: f.transactionCount,
    claims: f.claimCount,
    payments: f.paymentCount,
    errors: f.errorCount,
    warnings: f.warningCount,
  };
}

function ingestedMessage(f: ReceivedFileRecord): string {
  const issues =
    f.errorCount + f.warningCount > 0
      ? `; ${plural(f.errorCount, 'error')} and ${plural(f.warningCount, 'warning')} (see issues)`
      : '';
  if (f.kind === '271' || f.kind === '278') {
    return `${f.kind} response ingested: ${plural(f.transactionCount, 'coverage or authorization record')}${issues}.`;
  }
  const read = [
    ...(f.kind === '837' || f.claimCount > 0 ? [plural(f.claimCount, 'claim')] : []),
    ...(f.kind === '835' || f.paymentCount > 0 ? [plural(f.paymentCount, 'payment')] : []),
  ];
  const what = read.length > 0 ? `${read.join(' and ')} in ` : '';
  return `${f.kind} file ingested: ${what}${plural(f.transactionCount, 'transaction set')}${issues}.`;
}
