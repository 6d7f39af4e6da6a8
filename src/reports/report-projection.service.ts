import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { newId, nowIso } from '../database/column-types.js';
import { WriteLock } from '../database/write-lock.js';
import { TransactionWriter } from '../ingest/transaction-writer.js';
import { RULES_RUNTIME, type RulesRuntime } from '../rules/rules-runtime.js';
import { classifyClaim } from '../reporting/backtest.js';
import {
  buildClaimReport,
  type ClaimReportInput,
  type ClaimReportRow,
  type LeakageItem,
  type RateLookup,
  type ReportContext,
} from '../reporting/claim-report.js';
import { contractRateLookup } from '../reporting/underpayment.js';
import { rollupClaims, rollupDelta, rollupLeakage, type LeakageFact } from '../reporting/rollup.js';
import { CARC_CATEGORIES, type CarcCategoriesHolder } from './carc-categories.provider.js';
import { claimReportValues, leakageValues } from './report-tables.js';
import { ReportsRepository, type ContractRateFact } from './reports.repository.js';
import { RiskModelStore } from './risk-model.store.js';

/** Claims read and written per transaction. */
const CHUNK = 500;

/** PLB reason codes that add money (interest, credits): not recoupments. */
const PLB_CREDITS = new Set(['L6', 'CS']);

export interface RefreshSummary {
  claims: number;
  items: number;
  months: number;
}

/**
 * Keeps the report tables current: `claim_report` and `leakage_item` rows for the claims a change
 * touched, then the rollups of every month those rows were or are in. Called after an ingest (the
 * file's claims, or the claims its remittances pay, and its PLB adjustments), after rule evaluation
 * (the evaluated claims) and after a risk model is fitted (every claim, for the new risk).
 */
@Injectable()
export class ReportProjectionService {
  private readonly logger = new Logger('ReportProjection');

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ReportsRepository,
    private readonly lock: WriteLock,
    private readonly risk: RiskModelStore,
    @Inject(CARC_CATEGORIES) private readonly carcs: CarcCategoriesHolder,
    @Inject(RULES_RUNTIME) private readonly runtime: RulesRuntime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.reportRefresh;
  }

  /** Rebuilds the rows of these claims and the rollups of their months. */
  refreshClaims(ids: readonly string[]): Promise<RefreshSummary> {
    return this.lock.run(async () => {
      const summary: RefreshSummary = { claims: 0, items: 0, months: 0 };
      if (ids.length === 0) return summary;
      const months = new Set<string>();
      const ctx = await this.context();
      // A claim's row depends on the other submissions of the same claim (replaced, repeated, worked):
      // they are refreshed with it.
      const unique = [...new Set([...ids, ...(await this.repo.sameClaimSubmissions(ids))])];
      for (let i = 0; i < unique.length; i += CHUNK) {
        const part = await this.refreshChunk(unique.slice(i, i + CHUNK), ctx, months, true);
        summary.claims += part.claims;
        summary.items += part.items;
      }
      summary.months = months.size;
      return summary;
    });
  }

  /** After an ingest: the file's claims (and those they replaced) or the claims it pays, and its PLBs. */
  refreshFile(fileId: string): Promise<RefreshSummary> {
    return this.lock.run(async () => {
      const claimIds = [
        ...(await this.repo.claimIdsOfFile(fileId)),
        ...(await this.repo.claimIdsPaidByFile(fileId)),
      ];
      const remittances = await this.repo.remittanceIdsOfFile(fileId);
      const months = new Set<string>();
      const plb = await this.refreshRemittances(remittances, months, true);
      const summary = await this.refreshClaims(claimIds);
      summary.items += plb;
      return summary;
    });
  }

  /**
   * Everything again: every claim's and remittance's rows (a chunk per transaction), then every
   * month's rollups (a month per transaction). Nothing is cleared first, so the reports keep
   * answering with the previous figures while it runs; if it stops halfway, running it again
   * finishes the job (claims are never deleted, so no row is left behind).
   */
  rebuildAll(): Promise<RefreshSummary> {
    return this.lock.run(async () => {
      const ctx = await this.context();
      const months = new Set<string>();
      const summary: RefreshSummary = { claims: 0, items: 0, months: 0 };
      // From scratch the rollups are built once per month at the end, not claim by claim.
      for await (const ids of this.repo.allClaimIds(CHUNK)) {
        const part = await this.refreshChunk(ids, ctx, months, false);
        summary.claims += part.claims;
        summary.items += part.items;
      }
      summary.items += await this.refreshRemittances(await this.repo.allRemittanceIds(), months, false);
      summary.months = await this.rebuildMonths([...new Set([...months, ...(await this.storedMonths())])]);
      this.logger.log(`report tables rebuilt: ${summary.claims} claims, ${summary.months} months`);
      return summary;
    });
  }

  /** Rebuilds the rollups of every month from the stored claim_report and leakage_item rows. */
  rebuildRollups(): Promise<number> {
    return this.lock.run(async () => this.rebuildMonths(await this.storedMonths()));
  }

  /** Every month with report rows, items or rollups. */
  private async storedMonths(): Promise<string[]> {
    const w = await TransactionWriter.begin(this.dataSource);
    try {
      const months = await this.repo.allMonths(w);
      await w.commit();
      return months;
    } catch (err) {
      await w.rollback();
      throw err;
    }
  }

  /** The report context: CARC categories, the active risk model, payer terms, contract rates. */
  private async context(): Promise<ReportContext> {
    const rates = await this.repo.contractRates();
    const byPayer = new Map<string, ContractRateFact[]>();
    for (const r of rates) {
      const list = byPayer.get(r.payerId) ?? [];
      list.push(r);
      byPayer.set(r.payerId, list);
    }
    const lookups = new Map<string, RateLookup>();
    const payers = this.runtime.env.payers;
    const rework = this.config.reworkCostCents;
    return {
      carcs: this.carcs.current,
      model: this.risk.model,
      payerTerms: (payerId) => {
        const p = payers.forPayer(payerId);
        return { appealDays: p.appealDays, timelyFilingDays: p.timelyFilingDays };
      },
      rates: (payerId) => {
        let f = lookups.get(payerId);
        if (!f) {
          f = contractRateLookup(byPayer.get(payerId) ?? [], payerId);
          lookups.set(payerId, f);
        }
        return f;
      },
      reworkCents: (claimType) =>
        claimType === 'institutional' ? rework.institutional : rework.professional,
    };
  }

  /**
   * Rebuilds the rows of these claims; with `updateRollups`, adds the difference they make to the
   * rollups (new rows' sums minus old rows' sums) in the same transaction.
   */
  private async refreshChunk(
    ids: readonly string[],
    ctx: ReportContext,
    months: Set<string>,
    updateRollups: boolean,
  ): Promise<{ claims: number; items: number }> {
    const basics = await this.repo.claimBasics(ids);
    const present = basics.map((b) => b.id);
    const [lines, payments, findings, flagged, submissions] = await Promise.all([
      this.repo.linesOf(present),
      this.repo.paymentsOf(present),
      this.repo.findingsOf(present),
      this.repo.flaggedOf(present),
      this.repo.submissionsOf(basics.map((b) => b.patientControlNumber)),
    ]);
    const at = nowIso();
    const reportRows: unknown[][] = [];
    const itemRows: unknown[][] = [];
    const newRows: ClaimReportRow[] = [];
    const newItems: LeakageFact[] = [];
    for (const b of basics) {
      const pays = payments.get(b.id) ?? [];
      const firstRemit = pays[0]?.date ?? null;
      // A later submission of the same claim (same CLM01 and payer) after the payer's answer (or
      // after this one, while unanswered) means someone worked it.
      let resubmittedOn: string | null = null;
      // An empty CLM01 pairs with nothing (claims without one are not submissions of each other).
      for (const s of b.patientControlNumber === '' ? [] : submissions) {
        if (s.id === b.id || s.patientControlNumber !== b.patientControlNumber || s.payerId !== b.payerId)
          continue;
        if (s.receivedAt <= b.receivedAt) continue;
        const day = s.receivedAt.slice(0, 10);
        if (firstRemit !== null && day < firstRemit) continue;
        if (resubmittedOn === null || day > resubmittedOn) resubmittedOn = day;
      }
      const f = flagged.get(b.id);
      const input: ClaimReportInput = {
        claimId: b.id,
        claimType: b.claimType,
        patientControlNumber: b.patientControlNumber,
        status: b.status,
        chargeCents: b.chargeCents,
        payerId: b.payerId,
        providerNpi: b.providerNpi,
        serviceDate: b.serviceDate,
        serviceDateTo: b.serviceDateTo,
        submittedDate: b.submittedDate,
        lines: lines.get(b.id) ?? [],
        payments: pays,
        findings: findings.get(b.id) ?? [],
        flaggedAt: f?.flaggedAt ?? null,
        flaggedRiskMilli: f?.riskMilli ?? 0,
        resubmittedOn: resubmittedOn ?? (b.supersededById ? b.submittedDate : null),
      };
      const report = buildClaimReport(input, ctx);
      const r = report.row;
      const anticipated = classifyClaim(
        {
          claimId: r.claimId,
          month: r.month,
          payerId: r.payerId,
          providerNpi: r.providerNpi,
          claimType: r.claimType,
          chargeCents: r.chargeCents,
          outcome: report.outcome,
          findings: r.flags,
        },
        ctx.carcs,
      ).anticipated;
      months.add(r.month);
      newRows.push(r);
      reportRows.push(claimReportValues(r, anticipated, at));
      const owner = {
        claimId: b.id,
        remittanceId: null,
        month: r.month,
        payerId: r.payerId,
        providerNpi: r.providerNpi,
        claimType: r.claimType,
      };
      for (const item of report.items) {
        itemRows.push(leakageValues(newId(), owner, item));
        newItems.push({ ...owner, kind: item.kind, category: item.category, amountCents: item.amountCents });
      }
    }
    const w = await TransactionWriter.begin(this.dataSource);
    try {
      const before = updateRollups
        ? [
            ...rollupClaims(await this.repo.claimReportsOf(w, ids), ctx.carcs),
            ...rollupLeakage(await this.repo.leakageFactsOf(w, 'claim_id', ids)),
          ]
        : [];
      for (const r of before) months.add(r.month);
      await this.repo.deleteClaimReports(w, ids);
      await this.repo.insertClaimReports(w, reportRows);
      await this.repo.insertLeakageItems(w, itemRows);
      if (updateRollups) {
        const after = [...rollupClaims(newRows, ctx.carcs), ...rollupLeakage(newItems)];
        await this.repo.applyRollupDeltas(w, rollupDelta(before, after));
      }
      await w.commit();
    } catch (err) {
      await w.rollback();
      throw err;
    }
    return { claims: reportRows.length, items: itemRows.length };
  }

  /** PLB adjustments that withhold money (recoupments), as leakage items of their remittance. */
  private async refreshRemittances(
    remittanceIds: readonly string[],
    months: Set<string>,
    updateRollups: boolean,
  ): Promise<number> {
    if (remittanceIds.length === 0) return 0;
    const adjustments = await this.repo.providerAdjustments(remittanceIds);
    const rows: unknown[][] = [];
    const facts: LeakageFact[] = [];
    for (const a of adjustments) {
      // In a PLB a positive amount is taken from the payment; a negative one is added to it.
      if (a.amountCents <= 0 || PLB_CREDITS.has(a.reason)) continue;
      const month = a.date.slice(0, 7);
      const item: LeakageItem = {
        kind: 'recoupment',
        category: `plb-${a.reason.toLowerCase()}`,
        lineNumber: 0,
        amountCents: a.amountCents,
        deadline: null,
        detail: `PLB ${a.reason}${a.reference ? ` ${a.reference}` : ''}: withheld from the payment of ${a.date}`,
      };
      const owner = {
        claimId: null,
        remittanceId: a.remittanceId,
        month,
        payerId: a.payerId,
        providerNpi: a.payeeNpi,
        claimType: '',
      };
      rows.push(leakageValues(newId(), owner, item));
      facts.push({ ...owner, kind: item.kind, category: item.category, amountCents: item.amountCents });
      months.add(month);
    }
    const w = await TransactionWriter.begin(this.dataSource);
    try {
      const before = rollupLeakage(await this.repo.leakageFactsOf(w, 'remittance_id', remittanceIds));
      for (const r of before) months.add(r.month);
      await this.repo.deleteRemittanceItems(w, remittanceIds);
      await this.repo.insertLeakageItems(w, rows);
      if (updateRollups) await this.repo.applyRollupDeltas(w, rollupDelta(before, rollupLeakage(facts)));
      await w.commit();
    } catch (err) {
      await w.rollback();
      throw err;
    }
    return rows.length;
  }

  /** Rebuilds the rollups of these months, one transaction each. */
  private async rebuildMonths(months: readonly string[]): Promise<number> {
    const carcs = this.carcs.current;
    for (const month of months) {
      const w = await TransactionWriter.begin(this.dataSource);
      try {
        const rows = await this.repo.claimReportsOfMonth(w, month);
        const rollups = [...rollupClaims(rows, carcs), ...(await this.repo.leakageRollupOfMonth(w, month))];
        await this.repo.replaceRollupsOfMonth(w, month, rollups);
        await w.commit();
      } catch (err) {
        await w.rollback();
        throw err;
      }
    }
    return months.length;
  }
}
