/**
 * ICD-10-CM importer: turns the CMS "Code Descriptions in Tabular Order" release into the compact
 * code-set file claimguard loads (`code-set-files.ts`).
 *
 * Input, detected from the bytes:
 * - the original CMS zip (`2026-code-descriptions-tabular-order.zip`): its `icd10cm_order_YYYY.txt` is
 *   read (the addenda files are ignored); when the zip also has `icd10cm_codes_YYYY.txt`, the number
 *   of billable codes is checked against it;
 * - `icd10cm_order_YYYY.txt` itself;
 * - a TSV (optionally gzip) with the header `code<TAB>billable<TAB>short_description[<TAB>…]`.
 *
 * The order file is fixed width (CMS `icd10OrderFiles.pdf`), one code or header per line, CRLF:
 *
 *     cols 1-5    order number (zero-padded)
 *     col  6      blank
 *     cols 7-13   code, no dot, left-justified, padded with blanks to 7
 *     col  14     blank
 *     col  15     1 = valid for HIPAA-covered transactions (billable), 0 = header
 *     col  16     blank
 *     cols 17-76  short description (60)
 *     col  77     blank
 *     cols 78-    long description (up to 323)
 *
 * Output rows: code, billable (1/0), short description, in CMS order. The long description is left
 * out to keep the committed file small. A fiscal year N is in force for dates of service from
 * N-1-10-01 to N-09-30 unless other dates are given (an April update would start on N-04-01).
 */
import { unzipSync } from 'fflate';
import { type CodeSetFile } from './code-set-files.js';
import { normalizeIcd10 } from './code-normalization.js';
import {
  CodeSetImportError,
  decodeText,
  isZip,
  maybeGunzip,
  sha256Hex,
  type SourceFile,
  splitLines,
} from './import-support.js';

export interface Icd10cmRow {
  code: string;
  billable: boolean;
  shortDescription: string;
}

export interface Icd10cmImportOptions {
  /** The fiscal year (2026 for the release in force from 2025-10-01); read from the zip entry name when omitted. */
  fiscalYear?: number;
  /** First date of service the release applies to (default: October 1 before the fiscal year). */
  effectiveFrom?: string;
  /** Last date of service (default: September 30 of the fiscal year). */
  effectiveTo?: string;
}

export interface Icd10cmImportResult {
  file: CodeSetFile;
  /** The conventional file name: `icd10cm-fy2026.tsv.gz` (plus `-from-YYYY-MM-DD` for a mid-year release). */
  fileName: string;
  fiscalYear: number;
  billable: number;
  headers: number;
}

export const ICD10CM_COLUMNS = ['code', 'billable', 'short_description'];

const ORDER_ENTRY = /^(?:.*\/)?icd10cm[_-]order[_-](\d{4})\.txt$/i;
const CODES_ENTRY = /^(?:.*\/)?icd10cm[_-]codes[_-](\d{4})\.txt$/i;

/** Parses the fixed-width order file. Throws on the first line that does not fit the layout. */
export function parseIcd10cmOrderFile(text: string, where = 'order file'): Icd10cmRow[] {
  const rows: Icd10cmRow[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const fail = (why: string): never => {
      throw new CodeSetImportError(`${where} line ${i + 1}: ${why}: ${JSON.stringify(line.slice(0, 80))}`);
    };
    if (!/^[0-9]{5} $/.test(line.slice(0, 6))) fail('expected a 5-digit order number in columns 1-5');
    const rawCode = line.slice(6, 13).trimEnd();
    if (line[13] !== ' ' || normalizeIcd10(rawCode) !== rawCode) fail('expected a code in columns 7-13');
    const flag = line[14];
    if (flag !== '0' && flag !== '1') fail('expected the billable flag 0 or 1 in column 15');
    if (line.length > 15 && line[15] !== ' ') fail('expected a blank in column 16');
    const shortDescription = line.slice(16, 76).trim();
    if (shortDescription === '') fail('empty short description');
    if (/\t/.test(shortDescription)) fail('tab in the short description');
    rows.push({ code: rawCode, billable: flag === '1', shortDescription });
  }
  return rows;
}

/** Parses the TSV form (`code<TAB>billable<TAB>short_description…`, one header line). */
export function parseIcd10cmTsv(text: string, where = 'TSV'): Icd10cmRow[] {
  const lines = splitLines(text);
  const header = (lines[0] ?? '').split('\t');
  const col = (name: string): number => {
    const at = header.indexOf(name);
    if (at === -1) throw new CodeSetImportError(`${where}: the header line has no ${name} column`);
    return at;
  };
  const [codeAt, flagAt, shortAt] = [col('code'), col('billable'), col('short_description')];
  const rows: Icd10cmRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const cells = lines[i]!.split('\t');
    const code = normalizeIcd10(cells[codeAt] ?? '');
    const flag = cells[flagAt];
    const shortDescription = (cells[shortAt] ?? '').trim();
    if (code === null || (flag !== '0' && flag !== '1') || shortDescription === '')
      throw new CodeSetImportError(`${where} line ${i + 1}: expected code, billable 0/1, short description`);
    rows.push({ code, billable: flag === '1', shortDescription });
  }
  return rows;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function checkDate(date: string, what: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || addDays(date, 0) !== date)
    throw new CodeSetImportError(`${what} must be a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return date;
}

/** Builds the compact ICD-10-CM file from a CMS zip, an order file or a TSV (see the module comment). */
export function importIcd10cm(source: SourceFile, options: Icd10cmImportOptions = {}): Icd10cmImportResult {
  const meta: Record<string, string> = { kind: 'icd10cm' };
  const provenance: Record<string, string> = {
    'source-file': source.name,
    'source-sha256': sha256Hex(source.bytes),
  };
  let rows: Icd10cmRow[];
  let yearFromSource: number | undefined;
  let codesFileCount: number | undefined;

  if (isZip(source.bytes)) {
    const entries = unzipSync(source.bytes, {
      filter: (f) => ORDER_ENTRY.test(f.name) || CODES_ENTRY.test(f.name),
    });
    const orderNames = Object.keys(entries).filter((n) => ORDER_ENTRY.test(n));
    if (orderNames.length !== 1)
      throw new CodeSetImportError(
        `${source.name}: expected one icd10cm_order_YYYY.txt in the zip, found ${orderNames.length ? orderNames.join(', ') : 'none'}`,
      );
    const orderName = orderNames[0]!;
    const orderBytes = entries[orderName]!;
    yearFromSource = Number(ORDER_ENTRY.exec(orderName)![1]);
    provenance['source-entry'] = orderName;
    provenance['source-entry-sha256'] = sha256Hex(orderBytes);
    rows = parseIcd10cmOrderFile(decodeText(orderBytes), `${source.name}:${orderName}`);
    const codesName = Object.keys(entries).find((n) => CODES_ENTRY.test(n));
    if (codesName !== undefined)
      codesFileCount = splitLines(decodeText(entries[codesName]!)).filter((l) => l.trim() !== '').length;
  } else {
    const text = decodeText(maybeGunzip(source.bytes));
    const orderMatch = ORDER_ENTRY.exec(source.name);
    if (orderMatch) yearFromSource = Number(orderMatch[1]);
    rows = /^[0-9]{5} /.test(text)
      ? parseIcd10cmOrderFile(text, source.name)
      : parseIcd10cmTsv(text, source.name);
  }

  const fiscalYear = options.fiscalYear ?? yearFromSource;
  if (fiscalYear === undefined || !Number.isInteger(fiscalYear) || fiscalYear < 2015 || fiscalYear > 2100)
    throw new CodeSetImportError(
      `${source.name}: give the fiscal year (e.g. --fiscal-year 2026); it cannot be read from the file`,
    );
  if (yearFromSource !== undefined && yearFromSource !== fiscalYear)
    throw new CodeSetImportError(
      `${source.name}: the file is the FY${yearFromSource} release, but fiscal year ${fiscalYear} was given`,
    );
  if (rows.length === 0) throw new CodeSetImportError(`${source.name}: no codes`);

  const seen = new Set<string>();
  let billable = 0;
  for (const r of rows) {
    if (seen.has(r.code)) throw new CodeSetImportError(`${source.name}: code ${r.code} appears twice`);
    seen.add(r.code);
    if (r.billable) billable++;
  }
  const headers = rows.length - billable;
  if (codesFileCount !== undefined && codesFileCount !== billable)
    throw new CodeSetImportError(
      `${source.name}: ${billable} billable codes in the order file but ${codesFileCount} lines in the codes file`,
    );

  const defaultFrom = `${fiscalYear - 1}-10-01`;
  const effectiveFrom = checkDate(options.effectiveFrom ?? defaultFrom, 'effective-from');
  const effectiveTo = checkDate(options.effectiveTo ?? `${fiscalYear}-09-30`, 'effective-to');
  if (effectiveTo < effectiveFrom)
    throw new CodeSetImportError(`effective-to ${effectiveTo} is before effective-from ${effectiveFrom}`);

  Object.assign(meta, {
    title: 'ICD-10-CM diagnosis codes (CMS/CDC NCHS), code, billable flag and short description',
    license: 'public domain (US government work)',
    'fiscal-year': String(fiscalYear),
    'effective-from': effectiveFrom,
    'effective-to': effectiveTo,
    ...provenance,
    'count-billable': String(billable),
    'count-header': String(headers),
    'count-rows': String(rows.length),
  });
  return {
    file: {
      meta,
      columns: ICD10CM_COLUMNS,
      rows: rows.map((r) => [r.code, r.billable ? '1' : '0', r.shortDescription]),
    },
    fileName:
      effectiveFrom === defaultFrom
        ? `icd10cm-fy${fiscalYear}.tsv.gz`
        : `icd10cm-fy${fiscalYear}-from-${effectiveFrom}.tsv.gz`,
    fiscalYear,
    billable,
    headers,
  };
}
