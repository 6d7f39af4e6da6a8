/**
 * A digest as one CSV a spreadsheet opens: every line has the same columns, the first naming the
 * section it belongs to (`new-denials-by-payer`, `deadline` …), so a filter on that column gives any
 * table of the HTML digest. Money in dollars with two decimals (from integer cents, exact); text
 * cells neutralised against formula injection (src/common/csv.ts). Pure.
 */
import { CSV_BOM, csvMoney, toCsv, type CsvValue } from '../common/csv.js';
import { DEADLINE_LABELS, type DigestReport, LEAKAGE_LABELS } from './digest-content.js';

export const DIGEST_CSV_HEADER = [
  'section',
  'key',
  'label',
  'count',
  'amountDollars',
  'chargeDollars',
  'claimId',
  'payerId',
  'billingNpi',
  'date',
  'daysLeft',
] as const;

interface Line {
  section: string;
  key: string;
  label?: string;
  count?: number;
  amountCents?: number;
  chargeCents?: number;
  claimId?: string;
  payerId?: string;
  billingNpi?: string;
  date?: string;
  daysLeft?: number;
}

const cells = (l: Line): CsvValue[] => [
  l.section,
  l.key,
  l.label,
  l.count,
  l.amountCents === undefined ? undefined : csvMoney(l.amountCents),
  l.chargeCents === undefined ? undefined : csvMoney(l.chargeCents),
  l.claimId,
  l.payerId,
  l.billingNpi,
  l.date,
  l.daysLeft,
];

/** The digest's lines, in the order of the HTML digest. */
export function digestCsvLines(r: DigestReport): Line[] {
  const { period, newDenials: d, moneyAtRisk: risk, leakage, deadlines } = r;
  const lines: Line[] = [
    { section: 'digest', key: 'kind', label: period.kind },
    { section: 'digest', key: 'periodFrom', date: period.from },
    { section: 'digest', key: 'periodTo', date: period.to },
    { section: 'digest', key: 'today', date: r.today, label: r.timeZone },
    { section: 'digest', key: 'generatedAt', label: r.generatedAt },
    {
      section: 'new-denials',
      key: 'total',
      label: 'New denials in the period',
      count: d.claims,
      amountCents: d.deniedCents,
    },
  ];
  for (const c of d.byCategory)
    lines.push({
      section: 'new-denials-by-category',
      key: c.key,
      count: c.claims,
      amountCents: c.deniedCents,
    });
  for (const p of d.byPayer)
    lines.push({
      section: 'new-denials-by-payer',
      key: p.key,
      count: p.claims,
      amountCents: p.deniedCents,
      payerId: p.key,
    });
  for (const c of d.topCarcs)
    lines.push({
      section: 'new-denials-by-carc',
      key: c.key,
      label: c.label,
      count: c.claims,
      amountCents: c.deniedCents,
    });
  for (const n of d.rows)
    lines.push({
      section: 'new-denial',
      key: n.firstPass,
      label: `CARC ${n.denialCarcs.join(' ')}`,
      amountCents: n.deniedCents,
      claimId: n.claimId,
      payerId: n.payerId,
      billingNpi: n.billingNpi,
      date: n.firstRemitDate,
    });
  lines.push(
    {
      section: 'money-at-risk',
      key: 'open-flagged',
      label: 'Open flagged claims (expected denied)',
      count: risk.openFlagged.claims,
      amountCents: risk.openFlagged.expectedDeniedCents,
    },
    {
      section: 'money-at-risk',
      key: 'awaiting-answer',
      label: 'All claims awaiting an answer (expected denied)',
      count: risk.awaitingAnswer.claims,
      amountCents: risk.awaitingAnswer.expectedDeniedCents,
    },
  );
  for (const p of risk.openFlagged.byPayer)
    lines.push({
      section: 'money-at-risk-by-payer',
      key: p.key,
      count: p.claims,
      amountCents: p.expectedDeniedCents,
      payerId: p.key,
    });
  for (const k of leakage.byKind)
    lines.push({
      section: 'leakage',
      key: k.kind,
      label: LEAKAGE_LABELS[k.kind] ?? k.kind,
      count: k.items,
      amountCents: k.amountCents,
    });
  lines.push(
    {
      section: 'leakage',
      key: 'total',
      label: 'Leakage to date',
      count: leakage.byKind.reduce((a, k) => a + k.items, 0),
      amountCents: leakage.totalCents,
    },
    {
      section: 'leakage',
      key: 'rework-avoided',
      label: 'Rework avoided (reported apart)',
      amountCents: leakage.reworkAvoidedCents,
    },
    {
      section: 'deadlines',
      key: 'total',
      label: 'Open deadline alerts',
      count: deadlines.count,
      amountCents: deadlines.atRiskCents,
      chargeCents: deadlines.chargeCents,
      date: r.today,
    },
  );
  for (const kind of ['filing', 'appeal'] as const) {
    const t = deadlines.byKind[kind];
    lines.push({
      section: 'deadlines',
      key: kind,
      label: DEADLINE_LABELS[kind],
      count: t.count,
      amountCents: t.atRiskCents,
      chargeCents: t.chargeCents,
    });
  }
  for (const a of deadlines.alerts)
    lines.push({
      section: 'deadline',
      key: a.kind,
      label: DEADLINE_LABELS[a.kind] ?? a.kind,
      amountCents: a.atRiskCents,
      chargeCents: a.chargeCents,
      claimId: a.claimId,
      payerId: a.payerId,
      billingNpi: a.billingNpi,
      date: a.deadline,
      daysLeft: a.daysLeft,
    });
  return lines;
}

/** The digest as CSV text, with a UTF-8 byte order mark (spreadsheets then read labels right). */
export function renderDigestCsv(r: DigestReport): string {
  return CSV_BOM + toCsv(DIGEST_CSV_HEADER, digestCsvLines(r).map(cells));
}
