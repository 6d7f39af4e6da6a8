import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import {
  type Cents,
  formatCents,
  formatIssue,
  parseX12Stream,
  type TransactionKind,
  type X12Issue,
  X12ParseError,
} from '../x12/index.js';

export interface InspectOptions {
  strict: boolean;
  json: boolean;
  maxIssues: number;
}

/** What `claimguard inspect` reports for one file. */
export interface FileReport {
  file: string;
  readable: boolean;
  transactions: Partial<Record<TransactionKind, number>>;
  claims: number;
  claimCharges: Cents;
  claimPayments: number;
  paidTotal: Cents;
  errors: number;
  warnings: number;
  issues: X12Issue[];
}

/** Streams each file through the X12 reader and writes a report; returns 1 when any file has errors. */
export async function inspectCommand(
  files: string[],
  options: InspectOptions,
  out: NodeJS.WritableStream,
): Promise<number> {
  let exit = 0;
  for (const file of files) {
    const report = await inspectFile(file, options);
    if (!report.readable || report.errors > 0) exit = 1;
    out.write(options.json ? `${JSON.stringify(report)}\n` : renderReport(report, options.maxIssues));
  }
  return exit;
}

export async function inspectFile(
  file: string,
  options: Pick<InspectOptions, 'strict'>,
): Promise<FileReport> {
  const report: FileReport = {
    file,
    readable: true,
    transactions: {},
    claims: 0,
    claimCharges: 0,
    claimPayments: 0,
    paidTotal: 0,
    errors: 0,
    warnings: 0,
    issues: [],
  };
  try {
    const source = createReadStream(file, { highWaterMark: 1 << 20 });
    for await (const item of parseX12Stream(source, { strict: options.strict })) {
      switch (item.kind) {
        case 'claim':
          report.claims++;
          report.claimCharges += item.claim.totalCharge;
          break;
        case 'claim-payment':
          report.claimPayments++;
          report.paidTotal += item.payment.paid;
          break;
        case 'transaction':
          report.transactions[item.transaction.kind] = (report.transactions[item.transaction.kind] ?? 0) + 1;
          break;
        case 'issue':
          if (item.issue.severity === 'error') report.errors++;
          else report.warnings++;
          report.issues.push(item.issue);
          break;
      }
    }
  } catch (err) {
    report.readable = false;
    if (err instanceof X12ParseError) {
      report.errors += err.issues.length;
      report.issues.push(...err.issues.filter((i) => !report.issues.includes(i)));
    } else {
      const message = err instanceof Error ? err.message : String(err);
      report.errors++;
      report.issues.push({
        severity: 'error',
        code: 'X12_NOT_X12',
        message: `cannot read file: ${message}`,
        segmentIndex: -1,
        segmentId: '',
        line: 1,
        byteOffset: 0,
      });
    }
  }
  return report;
}

function renderReport(r: FileReport, maxIssues: number): string {
  const kinds = Object.entries(r.transactions)
    .map(([k, n]) => `${n} × ${k}`)
    .join(', ');
  const lines = [
    `${r.file}`,
    `  transaction sets: ${kinds || 'none'}`,
    `  claims: ${r.claims} (charges ${formatCents(r.claimCharges)})`,
    `  claim payments: ${r.claimPayments} (paid ${formatCents(r.paidTotal)})`,
    `  issues: ${r.errors} errors, ${r.warnings} warnings`,
    ...r.issues.slice(0, maxIssues).map((i) => `    ${formatIssue(i, basename(r.file))}`),
  ];
  if (r.issues.length > maxIssues) lines.push(`    … ${r.issues.length - maxIssues} more`);
  return `${lines.join('\n')}\n`;
}
