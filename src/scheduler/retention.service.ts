import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { WriteLock } from '../database/write-lock.js';
import { addDays } from '../reporting/deadlines.js';
import type { JobContext, JobCounts, ScheduledJob } from '../jobs/job-types.js';
import { RetentionRepository } from './retention.repository.js';

/** An upload's temporary file older than this was left by a request that died: it is removed. */
const UPLOAD_LEFTOVER_MS = 24 * 3600_000;

const DATE_FOLDER = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The names multer gives the uploads it streams to UPLOAD_DIR (16 random bytes in hex,
 * src/common/upload-storage.ts): only such files are removed there, whatever else an operator
 * keeps in that folder (a database, other software's files).
 */
const UPLOAD_NAME = /^[0-9a-f]{32}$/;

interface Removed {
  files: number;
  bytes: number;
}

/**
 * Retention: removes raw files and old job logs past their configured age, never claim data.
 * - Inbox archives: `processed/<day>/` and `failed/<day>/` folders (the day the inbox archived them)
 *   older than RAW_FILE_RETENTION_DAYS are deleted whole (files and their reports). The day comes
 *   from the folder name, not the file's time: a file written long ago and archived today is kept
 *   its full period.
 * - Upload leftovers: files in UPLOAD_DIR named as multer names uploads and older than a day (an
 *   upload is deleted as soon as it is ingested; anything older was left by a request that died).
 *   Nothing else in that folder is touched.
 * - Job logs: finished job runs and cleared deadline alerts older than JOB_LOG_RETENTION_DAYS.
 * Claims, remittances, findings, imports, worklist history, digests and the audit log stay.
 */
@Injectable()
export class RetentionService implements ScheduledJob {
  readonly name = 'retention' as const;
  readonly description =
    'Delete archived inbox files and old job logs past their retention (never claim data)';
  private readonly logger = new Logger('RetentionService');

  constructor(
    private readonly repo: RetentionRepository,
    private readonly lock: WriteLock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(ctx: JobContext): Promise<JobCounts> {
    const { rawFileRetentionDays, jobLogRetentionDays } = this.config.jobs;
    // Folders of days before this one are past retention (kept: exactly RAW_FILE_RETENTION_DAYS days).
    const firstKeptDay = addDays(ctx.today, -rawFileRetentionDays + 1);
    const archives: Removed = { files: 0, bytes: 0 };
    for (const tree of ['processed', 'failed']) {
      const r = await this.removeOldDayFolders(join(this.config.inboxDir, tree), firstKeptDay);
      archives.files += r.files;
      archives.bytes += r.bytes;
    }
    const leftovers = await this.removeOldFiles(
      this.config.uploadDir,
      Date.parse(ctx.startedAt) - UPLOAD_LEFTOVER_MS,
      (name) => UPLOAD_NAME.test(name),
    );
    const cutoff = new Date(Date.parse(ctx.startedAt) - jobLogRetentionDays * 86_400_000).toISOString();
    const { runs, alerts } = await this.lock.run(async () => ({
      runs: await this.repo.deleteJobRunsBefore(cutoff),
      alerts: await this.repo.deleteClearedAlertsBefore(cutoff),
    }));
    return {
      archivedFilesRemoved: archives.files,
      archivedBytesRemoved: archives.bytes,
      uploadLeftoversRemoved: leftovers.files,
      jobRunsRemoved: runs,
      clearedAlertsRemoved: alerts,
    };
  }

  /** Deletes the `YYYY-MM-DD` folders under `dir` dated before `firstKeptDay`; other names are left alone. */
  private async removeOldDayFolders(dir: string, firstKeptDay: string): Promise<Removed> {
    const removed: Removed = { files: 0, bytes: 0 };
    for (const entry of await entriesOf(dir)) {
      if (!entry.isDirectory() || !DATE_FOLDER.test(entry.name) || entry.name >= firstKeptDay) continue;
      const day = join(dir, entry.name);
      try {
        const r = await sizeOfTree(day);
        await rm(day, { recursive: true });
        removed.files += r.files;
        removed.bytes += r.bytes;
      } catch (err) {
        this.logger.warn(`${day} not removed: ${message(err)}`);
      }
    }
    return removed;
  }

  /** Deletes the regular files directly in `dir` named as `named` accepts and last modified before `before` (ms). */
  private async removeOldFiles(
    dir: string,
    before: number,
    named: (name: string) => boolean,
  ): Promise<Removed> {
    const removed: Removed = { files: 0, bytes: 0 };
    for (const entry of await entriesOf(dir)) {
      if (!entry.isFile() || !named(entry.name)) continue;
      const path = join(dir, entry.name);
      try {
        const st = await lstat(path);
        if (st.mtimeMs >= before) continue;
        await rm(path);
        removed.files++;
        removed.bytes += st.size;
      } catch (err) {
        this.logger.warn(`${path} not removed: ${message(err)}`);
      }
    }
    return removed;
  }
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Regular files and their bytes under `dir`, at any depth (symbolic links are not followed). */
async function sizeOfTree(dir: string): Promise<Removed> {
  const total: Removed = { files: 0, bytes: 0 };
  for (const entry of await entriesOf(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const r = await sizeOfTree(path);
      total.files += r.files;
      total.bytes += r.bytes;
    } else if (entry.isFile()) {
      total.files++;
      total.bytes += (await lstat(path)).size;
    }
  }
  return total;
}

/** The entries of `dir`; none when it does not exist. */
async function entriesOf(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
