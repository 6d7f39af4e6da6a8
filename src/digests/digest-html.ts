/**
 * A digest as one self-contained HTML document: tables of figures that read the same in a browser
 * and in a mail client. No script, no external resource (one <style> element, served with a CSP that
 * allows inline styles and nothing else), every value escaped. Pure.
 */
import { centsToDecimal } from '../common/csv.js';
import { escapeHtml } from '../web/page-shell.js';
import { DEADLINE_ALERT_DAYS } from '../deadlines/deadline-alert.js';
import {
  DEADLINE_LABELS,
  type DenialBreakdown,
  type DigestReport,
  LEAKAGE_LABELS,
  type RiskLine,
} from './digest-content.js';

/** Rows of a long list (new denials, deadlines) the HTML shows; the CSV has them all. */
export const HTML_LIST_ROWS = 100;

/** Integer cents as `$1,234.56` (`-$5.00`): exact, from the integer digits. */
export function dollars(cents: number): string {
  const text = centsToDecimal(cents);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = '00'] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}$${grouped}.${fraction}`;
}

/** A whole number with thousands separators. */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

const STYLE = `body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1b1b1b;margin:24px;max-width:1000px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 8px;padding-bottom:4px;border-bottom:2px solid #d6d6d6}
h3{font-size:15px;margin:18px 0 6px}
p{margin:4px 0 10px}
.meta,.note{color:#555;font-size:13px}
table{border-collapse:collapse;margin:0 0 12px;font-size:14px}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid #d0d0d0;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f1f3f5}
.num{text-align:right;white-space:nowrap}
.mono{font-family:Menlo,Consolas,monospace;font-size:13px}
tr.total td{font-weight:600;background:#fafafa}`;

interface Col<T> {
  label: string;
  cell: (row: T) => string;
  num?: boolean;
  mono?: boolean;
}

const e = (v: string | number): string => escapeHtml(String(v));

function table<T>(
  columns: readonly Col<T>[],
  rows: readonly T[],
  empty: string,
  total?: readonly string[],
): string {
  const cls = (c: Col<T>) => (c.num ? ' class="num"' : c.mono ? ' class="mono"' : '');
  const head = columns
    .map((c) => `<th scope="col"${c.num ? ' class="num"' : ''}>${e(c.label)}</th>`)
    .join('');
  const body =
    rows.length === 0
      ? `<tr><td colspan="${columns.length}">${e(empty)}</td></tr>`
      : rows
          .map((r) => `<tr>${columns.map((c) => `<td${cls(c)}>${e(c.cell(r))}</td>`).join('')}</tr>`)
          .join('\n');
  const foot = total
    ? `\n<tr class="total">${total.map((t, i) => `<td${columns[i]?.num ? ' class="num"' : ''}>${e(t)}</td>`).join('')}</tr>`
    : '';
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}${foot}\n</tbody>\n</table>`;
}

const breakdownColumns = (first: string, withLabel = false): Col<DenialBreakdown>[] => [
  { label: first, cell: (r) => r.key, mono: withLabel },
  ...(withLabel ? [{ label: 'Meaning', cell: (r: DenialBreakdown) => r.label }] : []),
  { label: 'Claims', cell: (r) => count(r.claims), num: true },
  { label: 'Denied', cell: (r) => dollars(r.deniedCents), num: true },
];

const riskColumns: Col<RiskLine>[] = [
  { label: 'Payer', cell: (r) => r.key, mono: true },
  { label: 'Claims', cell: (r) => count(r.claims), num: true },
  { label: 'Expected denied', cell: (r) => dollars(r.expectedDeniedCents), num: true },
];

function more(shown: number, total: number): string {
  return total > shown
    ? `<p class="note">The ${count(shown)} largest of ${count(total)} are listed; the CSV lists them all.</p>`
    : '';
}

/** The digest as an HTML document. */
export function renderDigestHtml(r: DigestReport): string {
  const { period, newDenials: d, moneyAtRisk: risk, leakage, deadlines } = r;
  const kindTitle = period.kind === 'daily' ? 'Daily digest' : 'Weekly digest';
  const days = period.from === period.to ? period.to : `${period.from} to ${period.to}`;
  const title = `claimguard ${kindTitle.toLowerCase()}: ${days}`;

  const headline = table<[string, string, string]>(
    [
      { label: 'Figure', cell: (x) => x[0] },
      { label: 'Claims', cell: (x) => x[1], num: true },
      { label: 'Amount', cell: (x) => x[2], num: true },
    ],
    [
      ['New denials in the period (denied)', count(d.claims), dollars(d.deniedCents)],
      [
        'Money at risk now: open flagged claims (expected denied)',
        count(risk.openFlagged.claims),
        dollars(risk.openFlagged.expectedDeniedCents),
      ],
      [
        'All claims awaiting an answer (expected denied)',
        count(risk.awaitingAnswer.claims),
        dollars(risk.awaitingAnswer.expectedDeniedCents),
      ],
      ['Leakage to date (all kinds)', '', dollars(leakage.totalCents)],
      [
        `Deadlines within ${DEADLINE_ALERT_DAYS} days (money at risk)`,
        count(deadlines.count),
        dollars(deadlines.atRiskCents),
      ],
    ],
    '',
  );

  const denialRows = d.rows.slice(0, HTML_LIST_ROWS);
  const denials = `<h2>New denials</h2>
<p>Claims whose first answer from the payer, a denial in whole or in part, reached claimguard ${
    period.from === period.to ? `on ${e(period.to)}` : `from ${e(period.from)} to ${e(period.to)}`
  } (the day the 835 was received, in ${e(r.timeZone)}), whatever date the payer put on it: <strong>${e(count(d.claims))}</strong> claims, <strong>${e(dollars(d.deniedCents))}</strong> denied.
Replaced and voided claims are counted by the claim that replaced them, as on the dashboard.</p>
<h3>By category</h3>
<p class="note">A claim whose denial codes point to several categories counts under each.</p>
${table(breakdownColumns('Category'), d.byCategory, 'No denials in the period.')}
<h3>By payer</h3>
${table(breakdownColumns('Payer'), d.byPayer, 'No denials in the period.', ['Total', count(d.claims), dollars(d.deniedCents)])}
<h3>Top denial reasons (CARC)</h3>
${table(breakdownColumns('CARC', true), d.topCarcs, 'No denials in the period.')}
<h3>Largest new denials</h3>
${table(
  [
    { label: 'Claim id', cell: (x) => x.claimId, mono: true },
    { label: 'Payer', cell: (x) => x.payerId, mono: true },
    { label: 'Billing NPI', cell: (x) => x.billingNpi, mono: true },
    { label: 'Payer’s date', cell: (x) => x.firstRemitDate },
    { label: 'Outcome', cell: (x) => x.firstPass },
    { label: 'CARCs', cell: (x) => x.denialCarcs.join(', ') },
    { label: 'Denied', cell: (x) => dollars(x.deniedCents), num: true },
  ],
  denialRows,
  'No denials in the period.',
)}
${more(denialRows.length, d.rows.length)}`;

  const riskSection = `<h2>Money at risk now</h2>
<p>Open flagged claims: findings of the rules, no answer from the payer yet, not yet worked (the
billing worklist's flagged queue, not resolved or overridden): <strong>${e(count(risk.openFlagged.claims))}</strong>
claims, <strong>${e(dollars(risk.openFlagged.expectedDeniedCents))}</strong> expected to be denied.
All claims awaiting an answer: ${e(count(risk.awaitingAnswer.claims))} claims,
${e(dollars(risk.awaitingAnswer.expectedDeniedCents))} expected to be denied (the dashboard's money at risk).</p>
${table(riskColumns, risk.openFlagged.byPayer, 'No open flagged claims.', [
  'Total',
  count(risk.openFlagged.claims),
  dollars(risk.openFlagged.expectedDeniedCents),
])}`;

  const leakageSection = `<h2>Leakage to date</h2>
<p>Money lost or at stake, all months, as the leakage report counts it on ${e(r.today)}.</p>
${table(
  [
    { label: 'Kind', cell: (x: { kind: string }) => LEAKAGE_LABELS[x.kind] ?? x.kind },
    { label: 'Items', cell: (x: { items: number }) => count(x.items), num: true },
    { label: 'Amount', cell: (x: { amountCents: number }) => dollars(x.amountCents), num: true },
  ],
  leakage.byKind,
  'No leakage.',
  ['Total', count(leakage.byKind.reduce((a, k) => a + k.items, 0)), dollars(leakage.totalCents)],
)}
<p>Rework avoided (flagged claims fixed before a denial): <strong>${e(dollars(leakage.reworkAvoidedCents))}</strong>.</p>`;

  const alertRows = deadlines.alerts.slice(0, HTML_LIST_ROWS);
  const deadlineSection = `<h2>Approaching deadlines</h2>
<p>Open deadline alerts on ${e(r.today)}: <strong>${e(count(deadlines.count))}</strong> claims,
${e(dollars(deadlines.atRiskCents))} at risk (${e(count(deadlines.byKind.filing.count))} timely-filing limits,
${e(count(deadlines.byKind.appeal.count))} appeal deadlines).</p>
${table(
  [
    { label: 'Deadline', cell: (x) => x.deadline },
    { label: 'Days left', cell: (x) => count(x.daysLeft), num: true },
    { label: 'Kind', cell: (x) => DEADLINE_LABELS[x.kind] ?? x.kind },
    { label: 'Claim id', cell: (x) => x.claimId, mono: true },
    { label: 'Payer', cell: (x) => x.payerId, mono: true },
    { label: 'Billing NPI', cell: (x) => x.billingNpi, mono: true },
    { label: 'Charge', cell: (x) => dollars(x.chargeCents), num: true },
    { label: 'At risk', cell: (x) => dollars(x.atRiskCents), num: true },
  ],
  alertRows,
  'No deadline is approaching.',
)}
${more(alertRows.length, deadlines.alerts.length)}`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<h1>${e(kindTitle)}: ${e(days)}</h1>
<p class="meta">Written ${e(r.generatedAt.slice(0, 16).replace('T', ' '))} UTC for ${e(r.today)} (${e(r.timeZone)}).
Claims are named by claim id, payer id and billing NPI only: no patient identifiers.</p>
${headline}
${denials}
${riskSection}
${leakageSection}
${deadlineSection}
</body>
</html>
`;
}
