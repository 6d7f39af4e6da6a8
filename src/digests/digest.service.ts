import { randomUUID } from 'node:crypto';
import { lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve, sep } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/domain-errors.js';
import { decodeCursor, type Page, parseSort, toPage } from '../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { newId } from '../database/column-types.js';
import { WriteLock } from '../database/write-lock.js';
import { DeadlineAlertsRepository } from '../deadlines/deadline-alerts.repository.js';
import type { JobContext, JobCounts } from '../jobs/job-types.js';
import { LEAKAGE_KINDS } from '../reporting/claim-report.js';
import { CARC_CATEGORIES, type CarcCategoriesHolder } from '../reports/carc-categories.provider.js';
import { ReportsService } from '../reports/reports.service.js';
import {
  type DigestReport,
  type DigestSummary,
  digestSummary,
  type LeakageTotals,
  type MoneyAtRisk,
  summarizeDeadlines,
  summarizeNewDenials,
} from './digest-content.js';
import { renderDigestCsv } from './digest-csv.js';
import { renderDigestHtml } from './digest-html.js';
import {
  DIGEST_FILE_NAME,
  type DigestKind,
  type DigestPeriod,
  digestFileNames,
  digestPeriod,
} from './digest-period.js';
import { DIGEST_SORT, DIGEST_SORT_FIELDS } from './dto/digests-query.dto.js';
import { type DigestRow, DigestsRepository } from './digests.repository.js';
import { daysInstantsIn } from './zoned-day.js';

/** A digest as the API answers it. */
export interface DigestView {
  id: string;
  kind: DigestKind;
  periodFrom: string;
  periodTo: string;
  createdAt: string;
  runId: string | null;
  /** The headline figures (counts and integer cents). */
  summary: Partial<DigestSummary>;
  /** Where to read the files (404 once retention removed them). */
  htmlUrl: string;
  csvUrl: string;
}

/** A digest file read back for download. */
export interface DigestFile {
  /** The file's own name (`digest-daily-2026-03-01.html`), for Content-Disposition. */
  name: string;
  content: Buffer;
}

function parseSummary(text: string): Partial<DigestSummary> {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Partial<DigestSummary>) : {};
  } catch {
    return {};
  }
}

const toView = (r: DigestRow): DigestView => ({
  id: r.id,
  kind: r.kind,
  periodFrom: r.periodFrom,
  periodTo: r.periodTo,
  createdAt: r.createdAt,
  runId: r.runId,
  summary: parseSummary(r.summary),
  htmlUrl: `/api/v1/digests/${r.id}/html`,
  csvUrl: `/api/v1/digests/${r.id}/csv`,
});

/**
 * Digests: what happened in a period (new denials), what is at stake now (money at risk, leakage,
 * approaching deadlines), written to REPORTS_DIR/digests as HTML and CSV and listed in the digest
 * table. Every figure comes from the reports, the worklist's queue and the deadline alerts as they
 * count them; this only gathers and lays them out.
 */
@Injectable()
export class DigestService {
  constructor(
    private readonly repo: DigestsRepository,
    private readonly reports: ReportsService,
    private readonly alerts: DeadlineAlertsRepository,
    private readonly lock: WriteLock,
    @Inject(CARC_CATEGORIES) private readonly carcs: CarcCategoriesHolder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Writes the digest of `kind` for the job's today (files first, each under a temporary name then
   * renamed, then the row): running it again for the same day replaces the files and the row.
   */
  async write(kind: DigestKind, ctx: JobContext): Promise<JobCounts> {
    const period = digestPeriod(kind, ctx.today);
    // Read under the write lock: on SQLite a read between the statements of an ingest would see
    // half of it, and the figures of one digest must agree with each other.
    const report = await this.lock.run(() => this.compose(period, ctx));
    const summary = digestSummary(report);
    const html = renderDigestHtml(report);
    const csv = renderDigestCsv(report);
    const files = digestFileNames(period);
    await this.writeFile(files.html, html);
    await this.writeFile(files.csv, csv);
    await this.lock.run(() =>
      this.repo.upsert({
        id: newId(),
        kind,
        periodFrom: period.from,
        periodTo: period.to,
        createdAt: report.generatedAt,
        htmlFile: files.html,
        csvFile: files.csv,
        summary: JSON.stringify(summary),
        runId: ctx.runId,
      }),
    );
    return {
      denials: summary.denials,
      deniedCents: summary.deniedCents,
      atRiskClaims: summary.atRiskClaims,
      atRiskCents: summary.atRiskCents,
      leakageCents: summary.leakageCents,
      deadlines: summary.deadlines,
      bytes: Buffer.byteLength(html) + Buffer.byteLength(csv),
    };
  }

  /** Everything a digest of `period` shows, read now. */
  async compose(period: DigestPeriod, ctx: Pick<JobContext, 'today' | 'timeZone'>): Promise<DigestReport> {
    const carcs = this.carcs.current;
    // New denials are those received in the period's days in the job time zone.
    const received = daysInstantsIn(ctx.timeZone, period.from, period.to);
    const [denials, flaggedByPayer, summary, leakage, alerts] = await Promise.all([
      this.repo.newDenials(received.start, received.end),
      this.repo.openFlaggedByPayer(),
      this.reports.summary({}),
      this.reports.leakage({}, 'kind', ctx.today),
      this.alerts.openAlerts(ctx.today),
    ]);
    const moneyAtRisk: MoneyAtRisk = {
      openFlagged: {
        key: 'total',
        claims: flaggedByPayer.reduce((a, p) => a + p.claims, 0),
        expectedDeniedCents: flaggedByPayer.reduce((a, p) => a + p.expectedDeniedCents, 0),
        byPayer: flaggedByPayer,
      },
      awaitingAnswer: {
        key: 'total',
        claims: summary.pending,
        expectedDeniedCents: summary.moneyAtRiskCents,
      },
    };
    const byKind = new Map(leakage.rows.map((r) => [r.key, r]));
    const leakageTotals: LeakageTotals = {
      byKind: LEAKAGE_KINDS.map((kind) => ({
        kind,
        items: Number(byKind.get(kind)?.['items'] ?? 0),
        amountCents: Number(byKind.get(kind)?.['amountCents'] ?? 0),
      })),
      totalCents: leakage.totalCents,
      reworkAvoidedCents: leakage.rows.reduce((a, r) => a + Number(r['reworkAvoidedCents'] ?? 0), 0),
    };
    return {
      period,
      today: ctx.today,
      timeZone: ctx.timeZone,
      generatedAt: new Date().toISOString(),
      newDenials: summarizeNewDenials(denials, (carc) => carcs.label(carc)),
      moneyAtRisk,
      leakage: leakageTotals,
      deadlines: summarizeDeadlines(alerts),
    };
  }

  /** Digests (of one kind, or all) newest first, a page at a time. */
  async list(kind: DigestKind | undefined, limit: number, cursor?: string): Promise<Page<DigestView>> {
    const sort = parseSort(DIGEST_SORT, DIGEST_SORT_FIELDS);
    const after = cursor === undefined ? null : decodeCursor(cursor, sort, DIGEST_SORT_FIELDS);
    const rows = await this.repo.list(
      kind,
      after && { createdAt: String(after.value), id: after.id },
      limit + 1,
    );
    return toPage(rows, limit, sort, (r) => ({ value: r.createdAt, id: r.id }), toView);
  }

  async get(id: string): Promise<DigestView> {
    const row = await this.repo.byId(id);
    if (!row) throw new NotFoundError('digest', id);
    return toView(row);
  }

  /**
   * A digest's HTML or CSV file, read by the name stored with it and only inside REPORTS_DIR. 404
   * when the digest does not exist or its file is gone (removed by retention or by hand).
   */
  async file(id: string, format: 'html' | 'csv'): Promise<DigestFile> {
    const row = await this.repo.byId(id);
    if (!row) throw new NotFoundError('digest', id);
    const name = format === 'html' ? row.htmlFile : row.csvFile;
    const gone = () => new NotFoundError(`the ${format.toUpperCase()} file of digest`, id);
    const path = this.pathOf(name);
    if (path === null) throw gone();
    try {
      // A regular file only: a link placed there could point anywhere.
      if (!(await lstat(path)).isFile()) throw gone();
      return { name: basename(path), content: await readFile(path) };
    } catch (err) {
      if (
        (err as NodeJS.ErrnoException).code === 'ENOENT' ||
        (err as NodeJS.ErrnoException).code === 'ENOTDIR'
      )
        throw gone();
      throw err;
    }
  }

  /** The absolute path of a stored file name, or null when the name is not a digest file's. */
  private pathOf(name: string): string | null {
    if (!DIGEST_FILE_NAME.test(name)) return null;
    const root = resolve(this.config.reportsDir);
    const path = resolve(root, name);
    return path.startsWith(root + sep) ? path : null;
  }

  /** Writes `content` to the stored name under a temporary name, then renames it into place. */
  private async writeFile(name: string, content: string): Promise<void> {
    const path = this.pathOf(name);
    if (path === null) throw new Error(`not a digest file name: ${name}`);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, content, { encoding: 'utf8', mode: 0o640 });
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }
}
