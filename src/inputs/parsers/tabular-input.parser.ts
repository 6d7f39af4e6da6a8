/**
 * Parser of the tabular inputs (authorizations, clinical documentation, eligibility roster, contract
 * fee schedule), given as CSV with a header row or as a JSON array of objects with the same keys.
 * Pure: text in, records and issues out. Every problem is reported (never only the first); a caller
 * rejects the whole upload when any issue is an error.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import {
  emptyInputRecords,
  type InputIssue,
  type InputParseResult,
  type RecordOrigin,
} from '../input-records.js';
import {
  parseBooleanText,
  parseCents,
  parseDate,
  parseEnum,
  parseIcd10,
  parseModifier,
  parseNpi,
  parseProcedureCode,
  parseSex,
  parseUnits,
  splitCodeList,
  type ValueResult,
} from './field-values.js';
import { decodeInput, isPlainObject, parseJsonText } from './input-text.js';
import {
  KIND_SPECS,
  expectedColumns,
  type FieldSpec,
  type FieldValue,
  type KindSpec,
  type TabularKind,
} from './tabular-specs.js';

export { TABULAR_KINDS, expectedColumns, type TabularKind } from './tabular-specs.js';

/** Where a row sits: a CSV line or a JSON path (`$[3]`). */
type RowPosition = { source: 'csv'; line: number } | { source: 'json'; path: string };

/** One cell before validation: CSV text, or any JSON value (with its path). */
interface RawCell {
  value: unknown;
  /** JSON path of the value (JSON only). */
  path?: string;
}

interface RawRow {
  position: RowPosition;
  cells: Map<string, RawCell>;
}

export function parseInputFile(
  kind: TabularKind,
  content: Buffer | string,
  fileName: string,
): InputParseResult {
  const spec = KIND_SPECS[kind];
  const records = emptyInputRecords();
  const issues: InputIssue[] = [];
  const decoded = decodeInput(content, fileName);
  if (!decoded.ok) return { records, issues: [decoded.issue] };
  const text = decoded.text;
  const firstChar = /\S/.exec(text)?.[0];
  if (firstChar === undefined) {
    issues.push({
      severity: 'error',
      code: 'INPUT_EMPTY',
      message: `${fileName}: the file is empty`,
      file: fileName,
    });
    return { records, issues };
  }

  const rows =
    firstChar === '[' || firstChar === '{'
      ? readJsonRows(text, fileName, issues)
      : readCsvRows(spec, text, fileName, issues);
  if (!rows) return { records, issues };

  const seenKeys = new Map<string, RowPosition>();
  for (const row of rows) {
    const values = validateRow(spec, row, fileName, issues);
    if (!values) continue;
    const origin: RecordOrigin =
      row.position.source === 'csv'
        ? { source: 'csv', line: row.position.line }
        : { source: 'json', path: row.position.path };
    const key = spec.key.map((column) => String(values[column])).join('\u0000');
    const first = seenKeys.get(key);
    if (first) {
      const keyText = spec.key.map((column) => `${column}=${JSON.stringify(values[column])}`).join(', ');
      issues.push(
        issueAt(
          row.position,
          spec.key[0],
          fileName,
          'INPUT_DUPLICATE_KEY',
          `duplicate key (${keyText}): ${describe(first)} and ${describe(row.position)} are the same record`,
          row.position.source === 'json' ? row.position.path : undefined,
        ),
      );
      continue;
    }
    seenKeys.set(key, row.position);
    (records[spec.target] as unknown[]).push(spec.build(values, origin));
  }
  // Report in file order (row-shape problems are found while reading, field problems after).
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { records, issues };
}

function describe(position: RowPosition): string {
  return position.source === 'csv' ? `line ${position.line}` : position.path;
}

function issueAt(
  position: RowPosition,
  column: string,
  file: string,
  code: InputIssue['code'],
  message: string,
  path?: string,
): InputIssue {
  if (position.source === 'csv') {
    return {
      severity: 'error',
      code,
      message: `${file} line ${position.line}, column ${column}: ${message}`,
      file,
      line: position.line,
      column,
    };
  }
  const at = path ?? `${position.path}.${column}`;
  return { severity: 'error', code, message: `${file} ${at}: ${message}`, file, path: at, column };
}

// ---------------------------------------------------------------------------------------------- CSV

function readCsvRows(spec: KindSpec, text: string, file: string, issues: InputIssue[]): RawRow[] | null {
  const bytes = Buffer.from(text, 'utf8');
  let parsed: { record: string[]; info: { bytes: number } }[];
  try {
    parsed = parseCsv(bytes, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as {
      record: string[];
      info: { bytes: number };
    }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    const detail = err instanceof Error ? err.message : String(err);
    issues.push({
      severity: 'error',
      code: 'INPUT_MALFORMED_CSV',
      message: `${file}${line ? ` line ${line}` : ''}: not valid CSV (${detail})`,
      file,
      ...(line ? { line } : {}),
    });
    return null;
  }
  const lines = new LineIndex(bytes);
  // csv-parse's own line count goes wrong on CRLF inside quoted cells, so each record's first line is
  // computed from the byte offset where the previous record ended (blank lines skipped).
  let previousEnd = 0;
  const withLines: { cells: string[]; line: number }[] = [];
  for (const { record, info } of parsed) {
    const line = lines.lineAt(lines.skipLineBreaks(previousEnd));
    previousEnd = info.bytes;
    if (record.every((cell) => cell.trim() === '')) continue;
    withLines.push({ cells: record, line });
  }
  if (withLines.length === 0) return [];

  const header = withLines[0];
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const expected = expectedColumns(spec.kind);
  const missing = expected.filter((column) => !names.includes(column));
  const repeated = expected.filter((column) => names.indexOf(column) !== names.lastIndexOf(column));
  if (missing.length > 0 || repeated.length > 0) {
    const problems = [
      missing.length > 0 ? `missing: ${missing.join(', ')}` : '',
      repeated.length > 0 ? `repeated: ${repeated.join(', ')}` : '',
    ].filter(Boolean);
    issues.push({
      severity: 'error',
      code: 'INPUT_HEADER_MISMATCH',
      message:
        `${file} line ${header.line}: the header row of a ${spec.kind} file must name these columns ` +
        `(any order, case-insensitive, extra columns ignored): ${expected.join(', ')}; ${problems.join('; ')}`,
      file,
      line: header.line,
    });
    return null;
  }

  const rows: RawRow[] = [];
  for (const { cells, line } of withLines.slice(1)) {
    const extraFilled = cells.slice(names.length).some((cell) => cell.trim() !== '');
    if (cells.length < names.length || extraFilled) {
      issues.push({
        severity: 'error',
        code: 'INPUT_MALFORMED_CSV',
        message: `${file} line ${line}: the record has ${cells.length} cells but the header has ${names.length}`,
        file,
        line,
      });
      continue;
    }
    const map = new Map<string, RawCell>();
    for (const column of expected) map.set(column, { value: cells[names.indexOf(column)] });
    rows.push({ position: { source: 'csv', line }, cells: map });
  }
  return rows;
}

/** Byte offsets of line starts, for turning csv-parse's byte counts into 1-based lines. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly bytes: Uint8Array) {
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) this.starts.push(i + 1);
    }
  }

  skipLineBreaks(offset: number): number {
    let i = offset;
    while (i < this.bytes.length && (this.bytes[i] === 0x0a || this.bytes[i] === 0x0d)) i++;
    return i;
  }

  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

// --------------------------------------------------------------------------------------------- JSON

function readJsonRows(text: string, file: string, issues: InputIssue[]): RawRow[] | null {
  const parsed = parseJsonText(text, file);
  if (!parsed.ok) {
    issues.push(parsed.issue);
    return null;
  }
  if (!Array.isArray(parsed.value)) {
    issues.push({
      severity: 'error',
      code: 'INPUT_NOT_AN_ARRAY',
      message: `${file} $: a JSON upload must be an array of records ([{...}, {...}]), not a single object or value`,
      file,
      path: '$',
    });
    return null;
  }
  const rows: RawRow[] = [];
  parsed.value.forEach((item: unknown, index: number) => {
    const path = `$[${index}]`;
    if (!isPlainObject(item)) {
      issues.push({
        severity: 'error',
        code: 'INPUT_NOT_AN_OBJECT',
        message: `${file} ${path}: each array element must be an object of column: value`,
        file,
        path,
      });
      return;
    }
    const cells = new Map<string, RawCell>();
    for (const [key, value] of Object.entries(item)) {
      const column = key.trim().toLowerCase();
      if (!cells.has(column)) cells.set(column, { value, path: `${path}${jsonKeyPath(key)}` });
    }
    rows.push({ position: { source: 'json', path }, cells });
  });
  return rows;
}

function jsonKeyPath(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

// ------------------------------------------------------------------------------------- validation

/** Validates every field of a row; the values by column, or null when any field failed. */
function validateRow(
  spec: KindSpec,
  row: RawRow,
  file: string,
  issues: InputIssue[],
): Record<string, FieldValue> | null {
  const values: Record<string, FieldValue> = {};
  let failed = false;
  const report = (column: string, code: InputIssue['code'], message: string, path?: string): void => {
    issues.push(issueAt(row.position, column, file, code, message, path));
    failed = true;
  };
  for (const fieldSpec of spec.fields) {
    const cell = row.cells.get(fieldSpec.column);
    const value = readField(fieldSpec, cell, (code, message, path) =>
      report(fieldSpec.column, code, message, path ?? cell?.path),
    );
    if (value !== undefined) values[fieldSpec.column] = value;
  }
  if (failed) return null;
  for (const [start, end] of spec.ranges) {
    const from = values[start];
    const to = values[end];
    if (typeof from === 'string' && typeof to === 'string' && from > to) {
      report(
        end,
        'INPUT_INVALID_DATE_RANGE',
        `${end} ${to} is before ${start} ${from}`,
        row.cells.get(end)?.path,
      );
    }
  }
  return failed ? null : values;
}

type Reporter = (code: InputIssue['code'], message: string, path?: string) => void;

/** Longest id or name cell accepted (free-text notes are bounded by the upload limit only). */
export const MAX_TEXT_CHARS = 1000;

/** One field's normalized value, or undefined after reporting its problem. */
function readField(spec: FieldSpec, cell: RawCell | undefined, report: Reporter): FieldValue | undefined {
  const { field } = spec;
  const raw = cell?.value;
  if (field.type === 'icd10List' || field.type === 'procedureCodeList') {
    return readCodeList(spec, raw, cell?.path, report);
  }
  const textValue = cellText(spec, raw, report);
  if (textValue === undefined) return undefined;
  if (textValue === '') {
    if (spec.required) {
      report('INPUT_MISSING_VALUE', `${spec.column} is required`);
      return undefined;
    }
    return field.type === 'text' || field.type === 'note' || field.type === 'modifier' ? '' : null;
  }
  const result = checkValue(spec, textValue);
  if (!result.ok) {
    report(result.code, result.message);
    return undefined;
  }
  return result.value;
}

function checkValue(spec: FieldSpec, text: string): ValueResult<FieldValue> {
  const { field } = spec;
  switch (field.type) {
    case 'text':
      if (text.length > MAX_TEXT_CHARS) {
        return {
          ok: false,
          code: 'INPUT_VALUE_TOO_LONG',
          message: `${spec.column} is ${text.length} characters long; at most ${MAX_TEXT_CHARS} are allowed`,
        };
      }
      return { ok: true, value: text };
    case 'note':
      return { ok: true, value: text.replace(/\r\n?/g, '\n') };
    case 'date':
      return parseDate(text);
    case 'units':
      return parseUnits(text);
    case 'money':
      return parseCents(text);
    case 'boolean':
      return parseBooleanText(text);
    case 'sex':
      return parseSex(text);
    case 'npi':
      return parseNpi(text);
    case 'procedureCode':
      return parseProcedureCode(text);
    case 'modifier':
      return parseModifier(text);
    case 'enum':
      return parseEnum(text, field.values, field.aliases);
    case 'icd10List':
    case 'procedureCodeList':
      throw new Error('code lists are read by readCodeList');
  }
}

/** A cell as trimmed text: CSV text as is, JSON strings, and JSON numbers/booleans where the field is one. */
function cellText(spec: FieldSpec, raw: unknown, report: Reporter): string | undefined {
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'string') return raw.trim();
  const type = spec.field.type;
  if (typeof raw === 'number' && (type === 'units' || type === 'money')) {
    if (!Number.isFinite(raw)) {
      report(
        type === 'money' ? 'INPUT_INVALID_AMOUNT' : 'INPUT_INVALID_NUMBER',
        `${spec.column}: ${raw} is not a number`,
      );
      return undefined;
    }
    // Plain decimal text of the number as written in most JSON (125.5 → "125.5"); a negative or
    // fractional count is then refused by the text rules like any CSV cell.
    return String(raw);
  }
  if (typeof raw === 'boolean' && type === 'boolean') return String(raw);
  const expected =
    type === 'units' || type === 'money'
      ? 'a string or number'
      : type === 'boolean'
        ? 'a string or boolean'
        : 'a string';
  report('INPUT_INVALID_TYPE', `${spec.column} must be ${expected}, got ${JSON.stringify(raw)}`);
  return undefined;
}

function readCodeList(
  spec: FieldSpec,
  raw: unknown,
  path: string | undefined,
  report: Reporter,
): FieldValue | undefined {
  let pieces: { text: string; path?: string }[];
  if (raw === undefined || raw === null) pieces = [];
  else if (typeof raw === 'string') pieces = splitCodeList(raw).map((text) => ({ text }));
  else if (Array.isArray(raw)) {
    pieces = [];
    let bad = false;
    raw.forEach((item: unknown, i: number) => {
      const itemPath = path ? `${path}[${i}]` : undefined;
      if (typeof item !== 'string') {
        report(
          'INPUT_INVALID_TYPE',
          `${spec.column}[${i}] must be a string code, got ${JSON.stringify(item)}`,
          itemPath,
        );
        bad = true;
      } else if (item.trim() !== '') pieces.push({ text: item.trim(), path: itemPath });
    });
    if (bad) return undefined;
  } else {
    report(
      'INPUT_INVALID_TYPE',
      `${spec.column} must be a ";"-separated string or an array of strings, got ${JSON.stringify(raw)}`,
    );
    return undefined;
  }
  if (pieces.length === 0) {
    if (spec.required) {
      report('INPUT_MISSING_VALUE', `${spec.column} is required`);
      return undefined;
    }
    return [];
  }
  const check = spec.field.type === 'icd10List' ? parseIcd10 : parseProcedureCode;
  const codes: string[] = [];
  let bad = false;
  for (const piece of pieces) {
    const result = check(piece.text);
    if (!result.ok) {
      report(result.code, result.message, piece.path);
      bad = true;
    } else if (!codes.includes(result.value)) codes.push(result.value);
  }
  return bad ? undefined : codes;
}
