/**
 * Reading the answers of the two upload routes (X12 files, input records) for the uploads page.
 * Pure, so jest checks how issues are placed and how counts are summed up.
 */

/** A problem in an uploaded file, as either route reports it (X12 issue or input issue). */
export interface UploadIssue {
  severity: string;
  code?: string;
  message: string;
  line?: number | null;
  byteOffset?: number | null;
  segmentId?: string;
  elementIndex?: number | null;
  componentIndex?: number | null;
  path?: string | null;
  column?: string;
  segment?: string;
  element?: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Where an issue is, in the terms of its format: `line 12, 2300 CLM05-3 (byte 345)` for X12,
 * `line 4, column patient_dob` for CSV, `$[3].patient_dob` for JSON; `—` when the file as a whole.
 */
export function issuePosition(i: UploadIssue): string {
  const parts: string[] = [];
  if (i.line) parts.push(`line ${i.line}`);
  if (i.column) parts.push(`column ${i.column}`);
  let element: string | null = null;
  if (i.path && !i.path.startsWith('$')) element = i.path;
  else if (i.segmentId && i.elementIndex) {
    element = `${i.segmentId}${pad2(i.elementIndex)}${i.componentIndex ? `-${i.componentIndex}` : ''}`;
  } else if (i.segment) element = `${i.segment}${i.element ? ` ${i.element}` : ''}`;
  else if (i.segmentId) element = i.segmentId;
  if (element) parts.push(element);
  if (i.path?.startsWith('$')) parts.push(i.path);
  let text = parts.join(', ');
  if (i.byteOffset !== null && i.byteOffset !== undefined && i.byteOffset >= 0) {
    text += text ? ` (byte ${i.byteOffset})` : `byte ${i.byteOffset}`;
  }
  return text || '—';
}

/** The X12 route's answer (POST /api/v1/files). */
export interface FileResult {
  file: {
    id: string;
    kind: string;
    status: string;
    transactionCount: number;
    claimCount: number;
    paymentCount: number;
    errorCount: number;
    warningCount: number;
  };
  duplicate: boolean;
}

/** The inputs route's answer (POST /api/v1/inputs/:kind). */
export interface ImportResult {
  kind: string;
  records: Record<string, number>;
  inserted: number;
  updated: number;
  warnings: UploadIssue[];
  linking?: { claims: number; links: number; probableLinks?: number };
  evaluation: { claims: number; findings: number } | null;
}

/** One line saying what an X12 upload did. */
export function fileSummary(r: FileResult): string {
  const f = r.file;
  if (r.duplicate) return `Already received earlier (${f.kind}): nothing new was stored.`;
  const what = [
    `${f.transactionCount} transaction${f.transactionCount === 1 ? '' : 's'}`,
    f.claimCount ? `${f.claimCount} claim${f.claimCount === 1 ? '' : 's'}` : null,
    f.paymentCount ? `${f.paymentCount} payment${f.paymentCount === 1 ? '' : 's'}` : null,
  ].filter(Boolean);
  const problems =
    f.errorCount || f.warningCount
      ? `; ${f.errorCount} error${f.errorCount === 1 ? '' : 's'}, ${f.warningCount} warning${f.warningCount === 1 ? '' : 's'}`
      : '';
  return `${f.kind.toUpperCase()} ${f.status}: ${what.join(', ')}${problems}.`;
}

/** One line saying what an input import did. */
export function importSummary(r: ImportResult): string {
  const read = Object.entries(r.records)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  const parts = [
    `Read ${read.length ? read.join(', ') : 'no records'}`,
    `${r.inserted} new, ${r.updated} updated`,
    r.warnings.length ? `${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}` : null,
    r.linking ? `${r.linking.links} claim–patient link${r.linking.links === 1 ? '' : 's'}` : null,
    r.evaluation ? `${r.evaluation.claims} claims re-checked, ${r.evaluation.findings} findings` : null,
  ].filter(Boolean);
  return `${parts.join('; ')}.`;
}
