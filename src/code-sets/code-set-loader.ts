/**
 * Loads the code sets at start-up: the committed public sets (`rules/tables/code-sets/*.tsv.gz`),
 * the place-of-service table (`rules/tables/place-of-service.tsv`) and, when present, the customer's
 * licensed lists (`licensed-<kind>.tsv.gz` in the licensed directory, default `./data/code-sets`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CodeSetFile, CodeSetFileError, readCodeSetFile } from './code-set-files.js';
import { isLicensedKind, LICENSED_KINDS, type LicensedKind } from './code-formats.js';
import {
  CodeSetRegistry,
  type HcpcsRelease,
  type Icd10Release,
  type LicensedList,
  normalizeDateOfService,
} from './code-set-registry.js';
import { licensedFileName } from './licensed-code-importer.js';

export interface LoadCodeSetsOptions {
  /** The customer's licensed lists; skipped when absent. */
  licensedDir?: string;
}

function need(file: CodeSetFile, key: string, where: string): string {
  const v = file.meta[key];
  if (v === undefined || v === '') throw new CodeSetFileError(`${where}: metadata ${key} missing`);
  return v;
}

function needDate(file: CodeSetFile, key: string, where: string): string {
  const v = normalizeDateOfService(need(file, key, where));
  if (v === null) throw new CodeSetFileError(`${where}: metadata ${key} is not a date`);
  return v;
}

function checkColumns(file: CodeSetFile, expected: string[], where: string): void {
  if (file.columns.join('\t') !== expected.join('\t'))
    throw new CodeSetFileError(`${where}: columns ${file.columns.join(',')}, expected ${expected.join(',')}`);
}

export function icd10ReleaseFromFile(file: CodeSetFile, where = 'ICD-10-CM file'): Icd10Release {
  checkColumns(file, ['code', 'billable', 'short_description'], where);
  const codes = new Map<string, string>();
  for (const [code, flag, description] of file.rows) codes.set(code!, flag! + description!);
  const fiscalYear = Number(need(file, 'fiscal-year', where));
  return {
    fiscalYear,
    effectiveFrom: needDate(file, 'effective-from', where),
    effectiveTo: needDate(file, 'effective-to', where),
    codes,
    meta: file.meta,
  };
}

export function hcpcsReleaseFromFile(file: CodeSetFile, where = 'HCPCS file'): HcpcsRelease {
  checkColumns(file, ['code', 'short_description'], where);
  return {
    release: need(file, 'release', where),
    effectiveFrom: needDate(file, 'effective-from', where),
    codes: new Map(file.rows.map(([code, description]) => [code!, description!])),
    meta: file.meta,
  };
}

export function licensedListFromFile(file: CodeSetFile, where = 'licensed list'): LicensedList {
  checkColumns(file, ['code', 'description'], where);
  const kind = need(file, 'licensed-kind', where);
  if (!isLicensedKind(kind)) throw new CodeSetFileError(`${where}: unknown licensed-kind ${kind}`);
  return { kind, codes: new Map(file.rows.map(([code, d]) => [code!, d!])), meta: file.meta };
}

/** Reads a `code<TAB>name` table with one header line (the POS table). */
export function readPlaceOfServiceTable(path: string): Map<string, string> {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).slice(1);
  const table = new Map<string, string>();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const [code, name] = line.split('\t');
    if (!/^[0-9]{2}$/.test(code ?? '') || !name)
      throw new CodeSetFileError(`${path}: bad row ${JSON.stringify(line)}`);
    table.set(code!, name.trim());
  }
  return table;
}

/**
 * Loads every code set: `<tablesDir>/code-sets/*.tsv.gz` (ICD-10-CM and HCPCS releases, told apart by
 * their `kind`), `<tablesDir>/place-of-service.tsv`, and `licensed-<kind>.tsv.gz` from
 * `options.licensedDir` when that directory exists. A malformed file stops the load (a code set that
 * silently failed to load would make every claim look wrong).
 */
export function loadCodeSets(tablesDir: string, options: LoadCodeSetsOptions = {}): CodeSetRegistry {
  const setsDir = join(tablesDir, 'code-sets');
  if (!existsSync(setsDir)) throw new CodeSetFileError(`code-set directory ${setsDir} not found`);
  const icd10cm: Icd10Release[] = [];
  const hcpcs: HcpcsRelease[] = [];
  for (const name of readdirSync(setsDir).sort()) {
    if (!name.endsWith('.tsv.gz')) continue;
    const path = join(setsDir, name);
    const file = readCodeSetFile(path);
    const kind = file.meta['kind'];
    if (kind === 'icd10cm') icd10cm.push(icd10ReleaseFromFile(file, path));
    else if (kind === 'hcpcs') hcpcs.push(hcpcsReleaseFromFile(file, path));
    else throw new CodeSetFileError(`${path}: kind ${JSON.stringify(kind)} does not belong in ${setsDir}`);
  }
  const posPath = join(tablesDir, 'place-of-service.tsv');
  const placeOfService = existsSync(posPath) ? readPlaceOfServiceTable(posPath) : new Map<string, string>();

  const licensed: Partial<Record<LicensedKind, LicensedList>> = {};
  if (options.licensedDir !== undefined && existsSync(options.licensedDir)) {
    for (const kind of LICENSED_KINDS) {
      const path = join(options.licensedDir, licensedFileName(kind));
      if (!existsSync(path)) continue;
      const list = licensedListFromFile(readCodeSetFile(path), path);
      if (list.kind !== kind) throw new CodeSetFileError(`${path}: holds a ${list.kind} list`);
      licensed[kind] = list;
    }
  }
  return new CodeSetRegistry({ icd10cm, hcpcs, placeOfService, licensed });
}
