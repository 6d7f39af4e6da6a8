import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { newId, nowIso } from '../database/column-types.js';
import { WriteLock } from '../database/write-lock.js';
import { RULES_RUNTIME, type RulesRuntime } from '../rules/rules-runtime.js';
import {
  backtestReport,
  emptyTally,
  type BacktestReport,
  type BacktestTally,
} from '../reporting/backtest.js';
import { LEAKAGE_KINDS } from '../reporting/claim-report.js';
import { addDays } from '../reporting/deadlines.js';
import { fitAndCalibrate, predictClaim, type RiskTrainingRow } from '../reporting/risk-model.js';
import { emptyRollup, type RollupRow } from '../reporting/rollup.js';
import { CARC_CATEGORIES, type CarcCategoriesHolder } from './carc-categories.provider.js';
import type { DenialGroup, LeakageGroup, RiskGroup } from './dto/report-query.dto.js';
import { ReportProjectionService } from './report-projection.service.js';
import {
  type LeakageItemFilter,
  type LeakageItemRow,
  type ReportClaimFilter,
  type ReportClaimRow,
  type ReportFilter,
  type RollupDimension,
  ReportsRepository,
} from './reports.repository.js';
import { RiskModelStore } from './risk-model.store.js';

const ratio = (num: number, den: number): number | null =>
  den === 0 ? null : Math.round((num / den) * 10000) / 10000;

/** A row of a grouped report, with the query that lists the claims behind it. */
export interface ReportRow {
  key: string;
  label?: string;
  [measure: string]: unknown;
  drill: string;
}

export interface GroupedReport {
  report: string;
  filter: ReportFilter;
  groupBy: string;
  rows: ReportRow[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface ItemCursor {
  s: 'amount' | 'deadline';
  a: number;
  d: string | null;
  i: string;
}

function isItemCursor(v: unknown): v is ItemCursor {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    (c['s'] === 'amount' || c['s'] === 'deadline') &&
    Number.isSafeInteger(c['a']) &&
    (c['d'] === null || (typeof c['d'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c['d']))) &&
    typeof c['i'] === 'string' &&
    UUID.test(c['i'])
  );
}

const today = (): string => new Date().toISOString().slice(0, 10);

function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeCursor<T>(text: string, check: (v: unknown) => v is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!check(value))
    throw new InvalidInputError('cursor is not one this list issued', ['cursor is not valid']);
  return value;
}

/** The query string that lists the claims behind a report row. */
function drill(filter: ReportFilter, extra: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  const put = (k: string, v: string | undefined) => {
    if (v !== undefined && v !== '') q.set(k, v);
  };
  put('from', filter.fromMonth);
  put('to', filter.toMonth);
  put('payerId', filter.payerId);
  put('providerNpi', filter.providerNpi);
  put('claimType', filter.claimType);
  for (const [k, v] of Object.entries(extra)) put(k, v);
  return `/api/v1/reports/claims?${q.toString()}`;
}

/** A month filter for one month, narrowed by the report's own range. */
const monthFilter = (key: string): Record<string, string> => ({ from: key, to: key });

/**
 * The reports finance and billing read: denial rates, first-pass clean-claim rate, money at risk,
 * leakage, deadlines, backtest and calibration. Aggregates come from the rollups (never a scan of
 * claims); lists come from claim_report and leakage_item through indexes.
 */
@Injectable()
export class ReportsService {
  /** Within one dashboard answer, the same rollup sums are read once (several panels share them). */
  private readonly memo = new AsyncLocalStorage<Map<string, ReturnType<ReportsRepository['rollupSums']>>>();

  constructor(
    private readonly repo: ReportsRepository,
    private readonly projection: ReportProjectionService,
    private readonly risk: RiskModelStore,
    private readonly lock: WriteLock,
    @Inject(CARC_CATEGORIES) private readonly carcs: CarcCategoriesHolder,
    @Inject(RULES_RUNTIME) private readonly runtime: RulesRuntime,
  ) {}

  /** Rollup sums, from the dashboard's memo when inside one. */
  private sums(
    ...args: Parameters<ReportsRepository['rollupSums']>
  ): ReturnType<ReportsRepository['rollupSums']> {
    const memo = this.memo.getStore();
    if (!memo) return this.repo.rollupSums(...args);
    const key = JSON.stringify(args);
    let hit = memo.get(key);
    if (!hit) {
      hit = this.repo.rollupSums(...args);
      memo.set(key, hit);
    }
    return hit;
  }

  /** Headline figures for the filter. */
  async summary(filter: ReportFilter) {
    const [claims] = await this.sums('claim', filter, ['none']);
    const leakage = await this.sums('leakage', filter, ['key']);
    const c = claims ?? emptyTotals();
    const byKind: Record<string, number> = {};
    for (const r of leakage) {
      const kind = r.key.split(':')[0]!;
      byKind[kind] = (byKind[kind] ?? 0) + r.amountCents;
    }
    const lost = LEAKAGE_KINDS.reduce((a, k) => a + (byKind[k] ?? 0), 0);
    return {
      report: 'summary',
      filter,
      claims: c.claims,
      adjudicated: c.adjudicated,
      pending: c.claims - c.adjudicated,
      denied: c.denied,
      denialRate: ratio(c.denied, c.adjudicated),
      cleanClaimRate: ratio(c.clean, c.adjudicated),
      chargeCents: c.chargeCents,
      paidCents: c.paidCents,
      deniedCents: c.deniedCents,
      anticipatedDenials: c.anticipated,
      moneyAtRiskCents: c.amountCents,
      meanPredictedRisk: ratio(c.predictedMilli / 1000, c.adjudicated),
      leakageCents: lost,
      leakageByKindCents: Object.fromEntries(LEAKAGE_KINDS.map((k) => [k, byKind[k] ?? 0])),
      reworkAvoidedCents: byKind['rework-avoided'] ?? 0,
      riskModel: this.riskModelInfo(),
    };
  }

  /** Denials and rates grouped by month, payer, provider, claim type, category or CARC. */
  async denials(filter: ReportFilter, groupBy: DenialGroup): Promise<GroupedReport> {
    if (groupBy === 'category' || groupBy === 'carc') {
      const [totals] = await this.sums('claim', filter, ['none']);
      const adjudicated = totals?.adjudicated ?? 0;
      const rows = (await this.sums(groupBy, filter, ['key']))
        .filter((r) => r.denied > 0)
        .sort((a, b) => b.denied - a.denied || (a.key < b.key ? -1 : 1))
        .map((r) => ({
          key: r.key,
          ...(groupBy === 'carc' ? { label: this.carcs.current.label(r.key) ?? '' } : {}),
          ...(groupBy === 'carc' ? { category: this.carcs.current.primaryCategory(r.key) } : {}),
          denied: r.denied,
          deniedCents: r.deniedCents,
          shareOfAdjudicated: ratio(r.denied, adjudicated),
          anticipated: r.anticipated,
          anticipatedRate: ratio(r.anticipated, r.denied),
          drill: drill(filter, { outcome: 'denied-or-partial', [groupBy]: r.key }),
        }));
      return { report: 'denials', filter, groupBy, rows };
    }
    const dim: RollupDimension = groupBy;
    const rows = (await this.sums('claim', filter, [dim]))
      .map((r) => {
        const key = r.group[dim] ?? '';
        return {
          key,
          claims: r.claims,
          adjudicated: r.adjudicated,
          denied: r.denied,
          denialRate: ratio(r.denied, r.adjudicated),
          clean: r.clean,
          cleanClaimRate: ratio(r.clean, r.adjudicated),
          chargeCents: r.chargeCents,
          paidCents: r.paidCents,
          deniedCents: r.deniedCents,
          drill: drill(
            filter,
            dim === 'month'
              ? { ...monthFilter(key), outcome: 'denied-or-partial' }
              : {
                  [dim === 'payer' ? 'payerId' : dim === 'provider' ? 'providerNpi' : 'claimType']: key,
                  outcome: 'denied-or-partial',
                },
          ),
        };
      })
      .sort((a, b) => (groupBy === 'month' ? (a.key < b.key ? -1 : 1) : b.denied - a.denied));
    return { report: 'denials', filter, groupBy, rows };
  }

  /** First-pass clean-claim rate by month. */
  async cleanClaims(filter: ReportFilter): Promise<GroupedReport> {
    const rows = (await this.sums('claim', filter, ['month']))
      .sort((a, b) => (a.month < b.month ? -1 : 1))
      .map((r) => ({
        key: r.month,
        adjudicated: r.adjudicated,
        clean: r.clean,
        cleanClaimRate: ratio(r.clean, r.adjudicated),
        drill: drill(filter, { ...monthFilter(r.month), outcome: 'paid' }),
      }));
    return { report: 'clean-claims', filter, groupBy: 'month', rows };
  }

  /** Expected denied money of claims still waiting for an answer. */
  async moneyAtRisk(filter: ReportFilter, groupBy: RiskGroup): Promise<GroupedReport> {
    if (groupBy === 'category') {
      const rows = (await this.sums('category', filter, ['key']))
        .filter((r) => r.amountCents > 0)
        .sort((a, b) => b.amountCents - a.amountCents)
        .map((r) => ({
          key: r.key,
          flaggedChargeCents: r.amountCents,
          drill: drill(filter, { outcome: 'pending', flaggedCategory: r.key }),
        }));
      return { report: 'money-at-risk', filter, groupBy, rows };
    }
    const dim: RollupDimension = groupBy;
    const rows = (await this.sums('claim', filter, [dim]))
      .map((r) => {
        const key = r.group[dim] ?? '';
        return {
          key,
          pendingClaims: r.claims - r.adjudicated,
          expectedDeniedCents: r.amountCents,
          drill: drill(
            filter,
            dim === 'month'
              ? { ...monthFilter(key), outcome: 'pending' }
              : {
                  [dim === 'payer' ? 'payerId' : dim === 'provider' ? 'providerNpi' : 'claimType']: key,
                  outcome: 'pending',
                },
          ),
        };
      })
      .filter((r) => r.pendingClaims > 0)
      .sort((a, b) =>
        groupBy === 'month' ? (a.key < b.key ? -1 : 1) : b.expectedDeniedCents - a.expectedDeniedCents,
      );
    return { report: 'money-at-risk', filter, groupBy, rows };
  }

  /** Leakage in money by kind, month, payer, provider or category, with deadlines ahead. */
  async leakage(filter: ReportFilter, groupBy: LeakageGroup, asOf = today()) {
    const dims: RollupDimension[] =
      groupBy === 'kind' || groupBy === 'category'
        ? ['key']
        : [groupBy === 'month' ? 'month' : groupBy === 'payer' ? 'payer' : 'provider', 'key'];
    const sums = await this.sums('leakage', filter, dims);
    const groups = new Map<string, { byKind: Record<string, number>; items: number; avoided: number }>();
    for (const r of sums) {
      const [kind = '', category = ''] = r.key.split(':');
      const key =
        groupBy === 'kind'
          ? kind
          : groupBy === 'category'
            ? category
            : (r.group[groupBy === 'month' ? 'month' : groupBy === 'payer' ? 'payer' : 'provider'] ?? '');
      if (groupBy === 'category' && kind === 'rework-avoided') continue;
      const g = groups.get(key) ?? { byKind: {}, items: 0, avoided: 0 };
      if (kind === 'rework-avoided') g.avoided += r.amountCents;
      else {
        g.byKind[kind] = (g.byKind[kind] ?? 0) + r.amountCents;
        g.items += r.claims;
      }
      groups.set(key, g);
    }
    const rows: ReportRow[] = [...groups.entries()]
      .map(([key, g]) => {
        const amount = Object.values(g.byKind).reduce((a, b) => a + b, 0);
        const extra: Record<string, string | undefined> =
          groupBy === 'kind'
            ? { kind: key }
            : groupBy === 'category'
              ? { category: key }
              : groupBy === 'month'
                ? { from: key, to: key }
                : { [groupBy === 'payer' ? 'payerId' : 'providerNpi']: key };
        return {
          key,
          items: g.items,
          amountCents: amount,
          ...(groupBy === 'kind' ? {} : { byKindCents: g.byKind }),
          reworkAvoidedCents: g.avoided,
          drill: leakageDrill(filter, extra),
        };
      })
      .sort((a, b) => (groupBy === 'month' ? (a.key < b.key ? -1 : 1) : b.amountCents - a.amountCents));
    const horizon = addDays(asOf, 7);
    const [appeals, filing] = await Promise.all([
      this.repo.itemDeadlineTotals('denial', asOf, horizon, filter),
      this.repo.filingDeadlineTotals(asOf, addDays(asOf, 30), filter),
    ]);
    return {
      report: 'leakage',
      filter,
      groupBy,
      asOf,
      rows,
      totalCents: rows.reduce((a, r) => a + (r['amountCents'] as number), 0),
      ahead: {
        appealsDueIn7Days: appeals,
        filingLimitIn30Days: filing,
      },
    };
  }

  /** Leakage items, largest first or by deadline, each with its claim. */
  async leakageItems(
    filter: LeakageItemFilter,
    sort: 'amount' | 'deadline',
    limit: number,
    cursor: string | undefined,
  ): Promise<Page<LeakageItemRow>> {
    // The cursor names its sort, so a page of one order is never continued in the other.
    const after = cursor ? decodeCursor(cursor, isItemCursor) : null;
    if (after && after.s !== sort)
      throw new InvalidInputError('cursor was issued for another sort', ['cursor is not valid']);
    const rows = await this.repo.leakageItems(
      filter,
      limit + 1,
      after && { amountCents: after.a, deadline: after.d, id: after.i },
      sort,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ s: sort, a: last.amountCents, d: last.deadline, i: last.id })
          : null,
    };
  }

  /** Claims behind a report row. */
  async claims(
    filter: ReportClaimFilter,
    limit: number,
    cursor: string | undefined,
  ): Promise<Page<ReportClaimRow>> {
    const after = cursor
      ? decodeCursor(cursor, (v): v is string => typeof v === 'string' && UUID.test(v))
      : null;
    const rows = await this.repo.reportClaims(filter, limit + 1, after);
    const items = rows.slice(0, limit);
    return {
      items,
      nextCursor: rows.length > limit && items.length ? encodeCursor(items[items.length - 1]!.claimId) : null,
    };
  }

  /** Appeal deadlines of unworked denials and filing limits within `within` days of `asOf`. */
  async deadlines(filter: ReportFilter, within: number, asOf: string, limit: number) {
    const to = addDays(asOf, within);
    const [appeals, filing, appealTotals, filingTotals] = await Promise.all([
      this.repo.leakageItems(
        { ...filter, kind: 'denial', deadlineFrom: asOf, deadlineTo: to },
        limit,
        null,
        'deadline',
      ),
      this.repo.filingDeadlines(asOf, to, filter, limit),
      this.repo.itemDeadlineTotals('denial', asOf, to, filter),
      this.repo.filingDeadlineTotals(asOf, to, filter),
    ]);
    return {
      report: 'deadlines',
      filter,
      asOf,
      within,
      appeals: { ...appealTotals, rows: appeals },
      filing: {
        ...filingTotals,
        rows: filing.map((c) => ({
          claimId: c.claimId,
          patientControlNumber: c.patientControlNumber,
          payerId: c.payerId,
          serviceDate: c.serviceDate,
          filingDeadline: c.filingDeadline,
          firstPass: c.firstPass,
          chargeCents: c.chargeCents,
        })),
      },
    };
  }

  /** The backtest of the stored evaluations (current rule set at each claim's filing date) against the 835s. */
  async backtest(
    filter: ReportFilter,
  ): Promise<BacktestReport & { filter: ReportFilter; ruleSetVersion: string }> {
    const tally = await this.backtestTally(filter);
    return {
      ...backtestReport(tally, { carcs: this.carcs.current }),
      filter,
      ruleSetVersion: this.runtime.ruleSet.version,
      // Per-rule figures are kept per payer and month only: say so when the filter is finer.
      ...(filter.providerNpi || filter.claimType
        ? {
            note: 'the per-rule table covers every provider and claim type (rules are kept per payer and month)',
          }
        : {}),
    };
  }

  async backtestTally(filter: ReportFilter): Promise<BacktestTally> {
    const [claims, categories, rules, carcs] = await Promise.all([
      this.sums('claim', filter, ['none']),
      this.sums('category', filter, ['key']),
      this.sums('rule', filter, ['key']),
      this.sums('carc', filter, ['key']),
    ]);
    return tallyFromRollups(claims[0] ?? null, categories, rules, carcs, (id) => this.ruleCategory(id));
  }

  private ruleCategory(ruleId: string): string {
    return this.runtime.ruleSet.rules.find((r) => r.definition.id === ruleId)?.definition.category ?? '';
  }

  /** The calibration of the active model (measured on held-out months when it was fitted). */
  calibration() {
    const active = this.risk.active;
    return {
      report: 'calibration',
      riskModel: this.riskModelInfo(),
      calibration: active?.calibration ?? null,
      note: active
        ? undefined
        : 'no model fitted yet: risks use the priors of rules/risk/model.yaml (POST /api/v1/reports/risk-model fits one)',
    };
  }

  private riskModelInfo() {
    const active = this.risk.active;
    return active
      ? { id: active.id, fittedAt: active.fittedAt, source: 'fitted' as const }
      : { id: null, fittedAt: null, source: 'priors' as const };
  }

  /**
   * Fits the risk model on every adjudicated claim (calibration measured on the last held-out months
   * first), activates it and rescores every claim.
   */
  fitRiskModel(): Promise<{
    id: string;
    fittedAt: string;
    calibration: unknown;
    trainedOn: unknown;
    rescored: number;
  }> {
    return this.lock.run(async () => {
      const rows: RiskTrainingRow[] = [];
      const carcs = this.carcs.current;
      for await (const page of this.repo.reportRows({})) {
        for (const r of page) {
          if (r.firstPass === 'pending' || r.status === 'replaced' || r.status === 'voided') continue;
          const denied = r.firstPass === 'denied' || r.firstPass === 'partial';
          rows.push({
            claimId: r.claimId,
            month: r.month,
            payerId: r.payerId,
            findings: r.flags,
            denied,
            denialCategories: denied ? [...new Set(r.denialCarcs.flatMap((k) => carcs.categoriesOf(k)))] : [],
          });
        }
      }
      if (rows.length === 0) {
        throw new InvalidInputError('no adjudicated claims to fit a risk model on', [
          'ingest 835 remittances for the claims first',
        ]);
      }
      const fittedAt = nowIso();
      const result = fitAndCalibrate(rows, this.risk.config, fittedAt);
      const id = newId();
      await this.risk.activate({
        id,
        fittedAt,
        model: result.model,
        calibration: { ...result.calibration, holdout: result.holdout },
      });
      const rescored = await this.projection.rebuildAll();
      return {
        id,
        fittedAt,
        calibration: { ...result.calibration, holdout: result.holdout },
        trainedOn: result.model.trainedOn,
        rescored: rescored.claims,
      };
    });
  }

  /** One claim in money: its report row, leakage items, and its denial risk explained. */
  async claimReport(claimId: string) {
    const report = await this.repo.reportClaim(claimId);
    if (!report) throw new NotFoundError('claim', claimId);
    const [findings, lines, items] = await Promise.all([
      this.repo.findingsOf([claimId]),
      this.repo.linesOf([claimId]),
      this.repo.leakageItems({}, 200, null, 'amount', claimId),
    ]);
    const risk = predictClaim(
      this.risk.model,
      report.payerId,
      (findings.get(claimId) ?? []).filter((f) => f.severity !== 'info'),
      (lines.get(claimId) ?? []).map((l) => ({ lineNumber: l.lineNumber, chargeCents: l.chargeCents })),
    );
    return {
      claim: report,
      leakage: items,
      risk: { riskModel: this.riskModelInfo(), ...risk },
    };
  }

  /** Everything the finance dashboard shows, in one answer. */
  dashboard(filter: ReportFilter) {
    return this.memo.run(new Map(), () => this.dashboardNow(filter));
  }

  private async dashboardNow(filter: ReportFilter) {
    const [summary, byMonth, byPayer, byCategory, byCarc, byProvider, leakage, backtest] = await Promise.all([
      this.summary(filter),
      this.denials(filter, 'month'),
      this.denials(filter, 'payer'),
      this.denials(filter, 'category'),
      this.denials(filter, 'carc'),
      this.denials(filter, 'provider'),
      this.leakage(filter, 'kind'),
      this.backtest(filter),
    ]);
    return {
      report: 'dashboard',
      filter,
      summary,
      denialsByMonth: byMonth.rows,
      denialsByPayer: byPayer.rows,
      denialsByCategory: byCategory.rows,
      topCarcs: byCarc.rows.slice(0, 15),
      denialsByProvider: byProvider.rows.slice(0, 25),
      leakage: { rows: leakage.rows, totalCents: leakage.totalCents, ahead: leakage.ahead },
      backtest: { totals: backtest.totals, categories: backtest.categories },
      calibration: this.calibration(),
    };
  }

  /** Rebuilds every report table (after a change of CARC mapping or of rework costs). */
  rebuild() {
    return this.projection.rebuildAll();
  }
}

function leakageDrill(filter: ReportFilter, extra: Record<string, string | undefined>): string {
  return drill(filter, extra).replace('/api/v1/reports/claims?', '/api/v1/reports/leakage/items?');
}

const emptyTotals = (): RollupRow => emptyRollup('', '', '', '', 'claim', '');

/** The backtest tally from rollup sums (see src/reporting/rollup.ts for what each measure holds). */
export function tallyFromRollups(
  claims: RollupRow | null,
  categories: readonly RollupRow[],
  rules: readonly RollupRow[],
  carcs: readonly RollupRow[],
  ruleCategory: (ruleId: string) => string,
): BacktestTally {
  const t = emptyTally();
  if (claims) {
    t.totals.claims = claims.claims;
    t.totals.adjudicated = claims.adjudicated;
    t.totals.flagged = claims.flagged;
    t.totals.flaggedDenied = claims.flaggedDenied;
    t.totals.denied = claims.denied;
    t.totals.anticipated = claims.anticipated;
    t.totals.deniedCents = claims.deniedCents;
    t.totals.anticipatedCents = claims.anticipatedCents;
  }
  for (const r of categories) {
    t.categories[r.key] = {
      flagged: r.flagged,
      flaggedDenied: r.flaggedDenied,
      flaggedMatching: r.flaggedMatching,
      denials: r.denied,
      anticipated: r.anticipated,
      deniedCents: r.deniedCents,
    };
  }
  for (const r of rules) {
    t.rules[r.key] = {
      category: ruleCategory(r.key),
      fired: r.flagged,
      firedDenied: r.flaggedDenied,
      firedMatching: r.flaggedMatching,
    };
  }
  for (const r of carcs) {
    t.carcs[r.key] = { denials: r.denied, anticipated: r.anticipated, deniedCents: r.deniedCents };
  }
  return t;
}
