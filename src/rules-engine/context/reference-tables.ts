/**
 * Reference tables the rules read: NCCI procedure-to-procedure pairs, medically unlikely edits and
 * diagnosis coverage policies. Small illustrative samples ship in `rules/tables/` (`ncci-ptp.csv`,
 * `mue.csv`, `diagnosis-coverage.csv`); an operator imports the full CMS files into an operator folder
 * (default `./data/tables/`, see `cms-ncci-importer.ts`, `cms-mue-importer.ts`), and a table found
 * there replaces the shipped sample of the same name. Lookups are Map based, filtered by the date
 * of service.
 *
 * File format: UTF-8 CSV, comma separated, no quoting; lines starting with `#` are comments (the
 * first one names the source), then a header line with exactly the expected columns. Dates are
 * `YYYY-MM-DD`; an empty end date means open-ended.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { packageRoot } from '../../code-sets/code-set-paths.js';
import type { DiagnosisCoverage, MueLimit, NcciPair, ReferenceTables } from '../claim-context.js';

/** `rules/tables` of the package. */
export const DEFAULT_REFERENCE_TABLES_DIR = resolve(packageRoot, 'rules', 'tables');

/** The operator's imported tables: REFERENCE_TABLES_DIR, else `./data/tables`, relative to `cwd`. */
export function defaultOperatorTablesDir(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): string {
  const v = env['REFERENCE_TABLES_DIR']?.trim();
  const dir = v ? v : './data/tables';
  return isAbsolute(dir) ? dir : resolve(cwd, dir);
}

export const TABLE_FILES = {
  ncci: 'ncci-ptp.csv',
  mue: 'mue.csv',
  diagnosisCoverage: 'diagnosis-coverage.csv',
} as const;
export type TableName = keyof typeof TABLE_FILES;

export const TABLE_COLUMNS: Record<TableName, readonly string[]> = {
  ncci: ['column1', 'column2', 'modifier_indicator', 'effective_start', 'effective_end'],
  mue: ['code', 'max_units', 'adjudication_indicator', 'effective_start', 'effective_end'],
  diagnosisCoverage: ['payer_id', 'procedure_code', 'covered_diagnoses', 'effective_start', 'effective_end'],
};

/** A table file that cannot be used, with every problem (`file:line: column: message`). */
export class ReferenceTableError extends Error {
  override readonly name = 'ReferenceTableError';
  constructor(readonly problems: string[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the reference tables:\n` +
        problems
          .slice(0, 50)
          .map((p) => `  - ${p}`)
          .join('\n') +
        (problems.length > 50 ? `\n  ... and ${problems.length - 50} more` : ''),
    );
  }
}

export interface ReferenceTableData {
  ncci: readonly NcciPair[];
  mue: readonly MueLimit[];
  diagnosisCoverage: readonly DiagnosisCoverage[];
  sources?: readonly { table: string; source: string; rows: number }[];
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const CODE = /^[A-Z0-9]{4,7}$/;
const ICD_FAMILY = /^[A-Z][0-9A-Z]{0,6}$/;

function inForce(row: { effectiveStart: string; effectiveEnd: string | null }, date: string): boolean {
  return row.effectiveStart <= date && (row.effectiveEnd === null || date <= row.effectiveEnd);
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const EMPTY: readonly never[] = Object.freeze([]);

/** Tables over rows already read (tests, the case builder, loaders). */
export function createReferenceTables(data: ReferenceTableData): ReferenceTables {
  const ncci = new Map<string, NcciPair[]>();
  for (const p of data.ncci) push(ncci, p.column1, p);
  const mue = new Map<string, MueLimit[]>();
  for (const m of data.mue) push(mue, m.code, m);
  // Latest start first: the first limit in force is the one that applies.
  for (const list of mue.values()) list.sort((a, b) => (a.effectiveStart < b.effectiveStart ? 1 : -1));
  const coverage = new Map<string, DiagnosisCoverage[]>();
  for (const c of data.diagnosisCoverage) push(coverage, `${c.payerId}\u0000${c.procedureCode}`, c);
  const sources = Object.freeze(
    (
      data.sources ?? [
        { table: 'ncci-ptp', source: 'in memory', rows: data.ncci.length },
        { table: 'mue', source: 'in memory', rows: data.mue.length },
        { table: 'diagnosis-coverage', source: 'in memory', rows: data.diagnosisCoverage.length },
      ]
    ).map((s) => Object.freeze({ ...s })),
  );
  return {
    ncciPairs(column1, dateOfService) {
      const list = ncci.get(column1.trim().toUpperCase());
      if (!list) return EMPTY;
      return list.filter((p) => inForce(p, dateOfService));
    },
    mue(code, dateOfService) {
      const list = mue.get(code.trim().toUpperCase());
      if (!list) return null;
      for (const m of list) if (inForce(m, dateOfService)) return m;
      return null;
    },
    diagnosisCoverage(payerId, procedureCode, dateOfService) {
      const code = procedureCode.trim().toUpperCase();
      const payer = payerId.trim().toUpperCase();
      const own = payer === '*' ? undefined : coverage.get(`${payer}\u0000${code}`);
      const all = coverage.get(`*\u0000${code}`);
      if (!own && !all) return EMPTY;
      return [...(own ?? []), ...(all ?? [])].filter((c) => inForce(c, dateOfService));
    },
    sources,
  };
}

interface Row {
  line: number;
  cells: Record<string, string>;
}

/** Reads a claimguard table: `#` comments (the first `# source:` one kept), header, rows. */
export function readTableText(
  text: string,
  fileName: string,
  columns: readonly string[],
  problems: string[],
): { source: string; rows: Row[] } {
  const lines = text.split(/\r?\n/);
  let source = '';
  let header: string[] | null = null;
  const rows: Row[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = i === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const m = /^#\s*source:\s*(.*)$/i.exec(line);
      if (m && source === '') source = m[1]!.trim();
      continue;
    }
    const cells = line.split(',').map((c) => c.trim());
    if (header === null) {
      header = cells;
      if (cells.join(',') !== columns.join(',')) {
        problems.push(`${fileName}:${i + 1}: header is ${cells.join(',')}, expected ${columns.join(',')}`);
        return { source, rows: [] };
      }
      continue;
    }
    if (cells.length !== columns.length) {
      problems.push(`${fileName}:${i + 1}: ${cells.length} cells, expected ${columns.length}`);
      continue;
    }
    const record: Record<string, string> = {};
    columns.forEach((c, k) => (record[c] = cells[k]!));
    rows.push({ line: i + 1, cells: record });
  }
  if (header === null) problems.push(`${fileName}:1: no header line (${columns.join(',')})`);
  return { source, rows };
}

function dates(
  row: Row,
  fileName: string,
  problems: string[],
): { effectiveStart: string; effectiveEnd: string | null } | null {
  const start = row.cells['effective_start']!;
  const end = row.cells['effective_end']!;
  let ok = true;
  if (!DATE.test(start)) {
    problems.push(`${fileName}:${row.line}: effective_start: "${start}" is not a YYYY-MM-DD date`);
    ok = false;
  }
  if (end !== '' && !DATE.test(end)) {
    problems.push(`${fileName}:${row.line}: effective_end: "${end}" is not a YYYY-MM-DD date or empty`);
    ok = false;
  }
  if (ok && end !== '' && end < start) {
    problems.push(`${fileName}:${row.line}: effective_end ${end} is before effective_start ${start}`);
    ok = false;
  }
  return ok ? { effectiveStart: start, effectiveEnd: end === '' ? null : end } : null;
}

function code(row: Row, column: string, fileName: string, problems: string[]): string | null {
  const v = row.cells[column]!.toUpperCase();
  if (CODE.test(v)) return v;
  problems.push(`${fileName}:${row.line}: ${column}: "${row.cells[column]}" is not a procedure code`);
  return null;
}

export function parseNcciTable(
  text: string,
  fileName: string,
  problems: string[],
): { source: string; rows: NcciPair[] } {
  const t = readTableText(text, fileName, TABLE_COLUMNS.ncci, problems);
  const rows: NcciPair[] = [];
  for (const row of t.rows) {
    const c1 = code(row, 'column1', fileName, problems);
    const c2 = code(row, 'column2', fileName, problems);
    const mi = row.cells['modifier_indicator']!;
    if (mi !== '0' && mi !== '1' && mi !== '9')
      problems.push(`${fileName}:${row.line}: modifier_indicator: "${mi}" is not 0, 1 or 9`);
    const d = dates(row, fileName, problems);
    if (c1 === null || c2 === null || d === null || (mi !== '0' && mi !== '1' && mi !== '9')) continue;
    rows.push({ column1: c1, column2: c2, modifierIndicator: Number(mi) as 0 | 1 | 9, ...d });
  }
  return { source: t.source, rows };
}

export function parseMueTable(
  text: string,
  fileName: string,
  problems: string[],
): { source: string; rows: MueLimit[] } {
  const t = readTableText(text, fileName, TABLE_COLUMNS.mue, problems);
  const rows: MueLimit[] = [];
  for (const row of t.rows) {
    const c = code(row, 'code', fileName, problems);
    const units = row.cells['max_units']!;
    const unitsOk = /^\d{1,6}$/.test(units);
    if (!unitsOk) problems.push(`${fileName}:${row.line}: max_units: "${units}" is not a whole number`);
    const ai = row.cells['adjudication_indicator']!;
    const aiOk = ai === '1' || ai === '2' || ai === '3';
    if (!aiOk) problems.push(`${fileName}:${row.line}: adjudication_indicator: "${ai}" is not 1, 2 or 3`);
    const d = dates(row, fileName, problems);
    if (c === null || !unitsOk || !aiOk || d === null) continue;
    rows.push({ code: c, maxUnits: Number(units), adjudicationIndicator: Number(ai) as 1 | 2 | 3, ...d });
  }
  return { source: t.source, rows };
}

export function parseDiagnosisCoverageTable(
  text: string,
  fileName: string,
  problems: string[],
): { source: string; rows: DiagnosisCoverage[] } {
  const t = readTableText(text, fileName, TABLE_COLUMNS.diagnosisCoverage, problems);
  const rows: DiagnosisCoverage[] = [];
  for (const row of t.rows) {
    const payer = row.cells['payer_id']!.toUpperCase();
    if (payer === '') problems.push(`${fileName}:${row.line}: payer_id: empty (use * for every payer)`);
    const c = code(row, 'procedure_code', fileName, problems);
    const families = row.cells['covered_diagnoses']!.split(';')
      .map((f) => f.trim().toUpperCase().replace('.', ''))
      .filter((f) => f !== '');
    const bad = families.filter((f) => !ICD_FAMILY.test(f));
    if (families.length === 0) problems.push(`${fileName}:${row.line}: covered_diagnoses: empty`);
    for (const f of bad)
      problems.push(`${fileName}:${row.line}: covered_diagnoses: "${f}" is not an ICD-10-CM family`);
    const d = dates(row, fileName, problems);
    if (payer === '' || c === null || families.length === 0 || bad.length > 0 || d === null) continue;
    rows.push({ payerId: payer, procedureCode: c, coveredDiagnoses: families, ...d });
  }
  return { source: t.source, rows };
}

/** A path relative to the package when inside it (stable evidence), else as given. */
function displayPath(path: string): string {
  const rel = relative(packageRoot, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel.split(sep).join('/');
}

export interface LoadReferenceTablesOptions {
  /** The operator's imported tables (each file found replaces the shipped one); null: none. Default {@link defaultOperatorTablesDir}. */
  operatorDir?: string | null;
}

/**
 * Loads the three tables from `dir` (the shipped samples), each replaced by the operator's file of
 * the same name when `operatorDir` has one. Throws ReferenceTableError naming every problem.
 */
export function loadReferenceTables(
  dir: string = DEFAULT_REFERENCE_TABLES_DIR,
  options: LoadReferenceTablesOptions = {},
): ReferenceTables {
  const operatorDir = options.operatorDir === undefined ? defaultOperatorTablesDir() : options.operatorDir;
  const problems: string[] = [];
  const pick = (table: TableName): string | null => {
    const file = TABLE_FILES[table];
    if (operatorDir !== null) {
      const p = join(operatorDir, file);
      if (existsSync(p)) return p;
    }
    const shipped = join(dir, file);
    if (existsSync(shipped)) return shipped;
    problems.push(`${shipped}: table not found`);
    return null;
  };
  const sources: { table: string; source: string; rows: number }[] = [];
  const read = <R>(
    table: TableName,
    parse: (text: string, fileName: string, problems: string[]) => { source: string; rows: R[] },
  ): R[] => {
    const path = pick(table);
    if (path === null) return [];
    const { source, rows } = parse(readFileSync(path, 'utf8'), path, problems);
    const shown = displayPath(path);
    sources.push({
      table: TABLE_FILES[table].replace(/\.csv$/, ''),
      source: source ? `${shown} (${source})` : shown,
      rows: rows.length,
    });
    return rows;
  };
  const ncci = read('ncci', parseNcciTable);
  const mue = read('mue', parseMueTable);
  const diagnosisCoverage = read('diagnosisCoverage', parseDiagnosisCoverageTable);
  if (problems.length > 0) throw new ReferenceTableError(problems);
  return createReferenceTables({ ncci, mue, diagnosisCoverage, sources });
}
