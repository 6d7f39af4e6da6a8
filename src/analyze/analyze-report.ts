/**
 * The output contract of `claimguard analyze` (docs/analyze.md): JSON for machines, a table for
 * people (one line per flagged claim, most money at risk first) and CSV (one row per finding).
 * Pure: the command feeds it evaluated claims.
 */
import type { FactValue } from '../rules-engine/fact.js';
import type { RuleCategory } from '../rules-engine/claim-context.js';
import { predictClaim, type RiskModel } from '../reporting/risk-model.js';
import { formatCents } from '../x12/values.js';
import type { Claim } from '../x12/index.js';

/** One finding as the report shows it. */
export interface ReportFinding {
  ruleId: string;
  ruleVersion: number;
  category: RuleCategory;
  severity: 'block' | 'warn' | 'info';
  carc: string[];
  rarc: string[];
  line: number | null;
  message: string;
  fix: string;
  evidence: Record<string, FactValue>;
}

export interface ReportClaim {
  claimId: string;
  payerId: string;
  memberId: string;
  totalCharge: string;
  serviceDate: string | null;
  risk: { score: number; expectedDenialAmount: string };
  notChecked: RuleCategory[];
  findings: ReportFinding[];
}

export interface ReportError {
  file: string;
  code: string;
  message: string;
  line: number;
  byteOffset: number;
}

export interface AnalyzeReport {
  asOf: string;
  ruleSet: { version: string; rules: number };
  summary: {
    claims: number;
    /** Claims with at least one block or warn finding. */
    flaggedClaims: number;
    /** Per category: claims with at least one finding (any severity) in it. */
    byCategory: Partial<Record<RuleCategory, number>>;
    /** Σ the charges of lines touched by a block or warn finding. */
    chargesAtRisk: string;
  };
  claims: ReportClaim[];
  errors: ReportError[];
}

/** A claim and what evaluation said about it. */
export interface EvaluatedClaim {
  claimId: string;
  claim: Claim;
  findings: readonly ReportFinding[];
  notChecked: readonly RuleCategory[];
}

const flagged = (f: { severity: string }): boolean => f.severity === 'block' || f.severity === 'warn';

/** Builds the report; claims keep their input order. */
export function buildAnalyzeReport(
  asOf: string,
  ruleSet: { version: string; rules: number },
  evaluated: readonly EvaluatedClaim[],
  errors: readonly ReportError[],
  /** The denial-risk model: offline, the priors of rules/risk/model.yaml (no remittance history). */
  model: RiskModel,
): AnalyzeReport {
  const byCategory: Partial<Record<RuleCategory, number>> = {};
  let flaggedClaims = 0;
  let atRisk = 0;
  const claims = evaluated.map((e): ReportClaim => {
    const lines = e.claim.lines.map((l) => ({ lineNumber: l.lineNumber, chargeCents: l.charge }));
    const causes = e.findings.filter(flagged);
    const risk = predictClaim(
      model,
      e.claim.payer.id,
      causes.map((f) => ({
        ruleId: f.ruleId,
        category: f.category,
        severity: f.severity,
        line: f.line,
        carc: f.carc,
      })),
      lines,
    );
    // Charges at risk: the lines a block or warn finding touches (every line for a claim-level one).
    const touched = new Set(causes.map((f) => f.line));
    atRisk += touched.has(null)
      ? e.claim.totalCharge
      : lines.filter((l) => touched.has(l.lineNumber)).reduce((a, l) => a + l.chargeCents, 0);
    if (e.findings.some(flagged)) flaggedClaims++;
    for (const c of new Set(e.findings.map((f) => f.category))) byCategory[c] = (byCategory[c] ?? 0) + 1;
    return {
      claimId: e.claimId,
      payerId: e.claim.payer.id,
      memberId: e.claim.subscriber.memberId,
      totalCharge: formatCents(e.claim.totalCharge),
      serviceDate: e.claim.serviceDateFrom,
      risk: {
        score: Math.round(risk.probability * 1000) / 1000,
        expectedDenialAmount: formatCents(risk.expectedDeniedCents),
      },
      notChecked: [...e.notChecked],
      findings: [...e.findings],
    };
  });
  return {
    asOf,
    ruleSet,
    summary: {
      claims: claims.length,
      flaggedClaims,
      byCategory: Object.fromEntries(Object.entries(byCategory).sort(([a], [b]) => a.localeCompare(b))),
      chargesAtRisk: formatCents(atRisk),
    },
    claims,
    errors: [...errors],
  };
}

/** "1234.50" → 123450: exact, for ordering (formatCents always writes two decimals). */
/** A table cell: at most `max` characters (the JSON and CSV carry the whole message). */
const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

const cents = (money: string): number => Number(money.replace('.', ''));

/** For people: a summary, then one line per flagged claim, most expected denial first. */
export function renderReportTable(report: AnalyzeReport): string {
  const s = report.summary;
  const out: string[] = [
    `as of ${report.asOf}; rule set ${report.ruleSet.version} (${report.ruleSet.rules} rules)`,
    `${s.claims} claims, ${s.flaggedClaims} flagged, charges at risk ${s.chargesAtRisk}`,
  ];
  const rows = report.claims
    .filter((c) => c.findings.some(flagged))
    .sort(
      (a, b) =>
        cents(b.risk.expectedDenialAmount) - cents(a.risk.expectedDenialAmount) ||
        a.claimId.localeCompare(b.claimId),
    );
  if (rows.length > 0) {
    out.push('');
    const header = ['claim', 'payer', 'service', 'charge', 'at risk', 'risk', 'top finding'];
    const table = rows.map((c) => {
      const top = c.findings.find(flagged)!;
      const more = c.findings.filter(flagged).length - 1;
      return [
        c.claimId,
        c.payerId,
        c.serviceDate ?? '',
        c.totalCharge,
        c.risk.expectedDenialAmount,
        c.risk.score.toFixed(2),
        `${top.severity.toUpperCase()} ${top.ruleId}${top.carc.length ? ` (CARC ${top.carc.join('/')})` : ''}${
          top.line !== null ? ` line ${top.line}` : ''
        }: ${clip(top.message, 110)}${more > 0 ? ` (+${more} more)` : ''}`,
      ];
    });
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
    const fmt = (r: string[]) =>
      r
        .map((v, i) =>
          i === r.length - 1 ? v : i >= 3 && i <= 5 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!),
        )
        .join('  ');
    out.push(fmt(header), ...table.map(fmt));
  }
  const notChecked = new Set(report.claims.flatMap((c) => c.notChecked));
  if (notChecked.size > 0) out.push('', `not checked (no data loaded): ${[...notChecked].sort().join(', ')}`);
  if (report.errors.length > 0) {
    out.push('', `${report.errors.length} input errors:`);
    for (const e of report.errors)
      out.push(`  ${e.file} line ${e.line} byte ${e.byteOffset}: ${e.message} [${e.code}]`);
  }
  return `${out.join('\n')}\n`;
}

const csvCell = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** One row per finding (claims without findings get none). */
export function renderReportCsv(report: AnalyzeReport): string {
  const header = [
    'claim_id',
    'payer_id',
    'member_id',
    'service_date',
    'total_charge',
    'risk_score',
    'expected_denial_amount',
    'rule_id',
    'rule_version',
    'category',
    'severity',
    'carc',
    'rarc',
    'line',
    'message',
    'fix',
  ];
  const rows = [header.join(',')];
  for (const c of report.claims) {
    for (const f of c.findings) {
      rows.push(
        [
          c.claimId,
          c.payerId,
          c.memberId,
          c.serviceDate ?? '',
          c.totalCharge,
          c.risk.score.toFixed(3),
          c.risk.expectedDenialAmount,
          f.ruleId,
          String(f.ruleVersion),
          f.category,
          f.severity,
          f.carc.join(';'),
          f.rarc.join(';'),
          f.line === null ? '' : String(f.line),
          f.message,
          f.fix,
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return `${rows.join('\n')}\n`;
}
