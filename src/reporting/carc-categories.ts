/**
 * The CARC catalogue of the reports: which denial category each Claim Adjustment Reason Code points at,
 * and which adjustments are not denials at all (patient share, contractual reductions). Data in
 * `rules/risk/carc-categories.yaml` (code values and our own short labels only: the X12 descriptions
 * are licensed). A bad file stops the load with every problem as `file:line: path: message`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../code-sets/code-set-paths.js';
import { normalizeCarc } from '../code-sets/code-formats.js';
import { RULE_CATEGORIES } from '../rules-engine/claim-context.js';
import { readYaml, schemaProblems } from '../rules-engine/context/yaml-source.js';

/** `rules/risk` of the package. */
export const DEFAULT_RISK_DIR = resolve(packageRoot, 'rules', 'risk');
export const CARC_CATEGORIES_FILE = 'carc-categories.yaml';

/**
 * The categories a denial can be grouped under: the 13 rule categories, `benefits` (plan limits and
 * exclusions no rule can check) and `other` (no better answer; every unknown CARC).
 */
export const DENIAL_CATEGORIES = [...RULE_CATEGORIES, 'benefits', 'other'] as const;
export type DenialCategory = (typeof DENIAL_CATEGORIES)[number];

/**
 * - `denial`: a denial in any group;
 * - `patient-share`: the patient's share when the group is PR (not a denial then), a denial otherwise;
 * - `not-denial`: never a denial (patient share, contractual and pricing reductions, other payers).
 */
export type CarcKind = 'denial' | 'patient-share' | 'not-denial';

export interface CarcEntry {
  carc: string;
  kind: CarcKind;
  /** For denials: primary first. Empty for the other kinds (categoriesOf answers ['other'] for them). */
  categories: readonly string[];
  /** Our own few words, not the X12 description. */
  label: string;
}

export interface CarcCategories {
  /** The categories of a CARC, primary first; `['other']` when unknown or not a denial code. Never empty. */
  categoriesOf(carc: string): string[];
  /** The first of `categoriesOf`. */
  primaryCategory(carc: string): string;
  /**
   * Whether a CAS adjustment (group CO/PR/OA/PI/CR, CARC) is a denial: false for the not-denial codes
   * in any group and for the patient-share codes in group PR; true otherwise, unknown codes included
   * (so PR-27 or PR-204 is a denial).
   */
  isDenial(group: string, carc: string): boolean;
  /** Our short label, null for a code the catalogue does not list. */
  label(carc: string): string | null;
  /** Every listed code, in CARC order (numbers first, then letter codes). */
  readonly all: readonly CarcEntry[];
}

/** A catalogue that cannot be used, with every problem (`file:line: path: message`). */
export class CarcCategoryError extends Error {
  override readonly name = 'CarcCategoryError';
  constructor(readonly problems: string[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the CARC categories:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
  }
}

/** Labels stay short: a few words of our own, never the official description. */
export const MAX_LABEL_LENGTH = 60;

const label = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_LABEL_LENGTH, `a short label of our own (at most ${MAX_LABEL_LENGTH} characters)`);
const category = z.enum(DENIAL_CATEGORIES, { error: `must be one of ${DENIAL_CATEGORIES.join(', ')}` });
const denialEntry = z.strictObject({
  categories: z
    .array(category)
    .min(1, 'needs at least one category')
    .superRefine((cats, ctx) => {
      const seen = new Set<string>();
      for (const c of cats) {
        if (seen.has(c)) ctx.addIssue({ code: 'custom', message: `${c} is listed twice` });
        seen.add(c);
      }
    }),
  label,
});

export const carcCategoriesSchema = z.strictObject({
  denials: z.record(z.string(), denialEntry),
  patientShare: z.record(z.string(), label).default({}),
  notDenial: z.record(z.string(), label).default({}),
});
export type CarcCategoriesFile = z.infer<typeof carcCategoriesSchema>;

const SECTIONS = ['denials', 'patientShare', 'notDenial'] as const;
const KIND_OF_SECTION: Record<(typeof SECTIONS)[number], CarcKind> = {
  denials: 'denial',
  patientShare: 'patient-share',
  notDenial: 'not-denial',
};

/** CARC order: numeric codes by value, then letter codes by letter and number (A1 < B7 < B15). */
export function compareCarc(a: string, b: string): number {
  const key = (c: string): [number, number] =>
    /^\d+$/.test(c) ? [0, Number(c)] : [c.charCodeAt(0), Number(c.slice(1)) || 0];
  const [a0, a1] = key(a);
  const [b0, b1] = key(b);
  if (a0 !== b0) return a0 - b0;
  if (a1 !== b1) return a1 - b1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A CARC as the catalogue keys it: canonical when it is a valid code (`045` → `45`), else trimmed upper case. */
function carcKey(carc: string): string {
  return normalizeCarc(carc) ?? carc.trim().toUpperCase();
}

/** The lookup over already-validated entries (tests, other sources). */
export function createCarcCategories(entries: readonly CarcEntry[]): CarcCategories {
  const byCode = new Map<string, CarcEntry>();
  for (const e of entries) byCode.set(carcKey(e.carc), e);
  const all = Object.freeze([...byCode.values()].sort((a, b) => compareCarc(a.carc, b.carc)));
  const categoriesOf = (carc: string): string[] => {
    const e = byCode.get(carcKey(carc));
    return e && e.categories.length > 0 ? [...e.categories] : ['other'];
  };
  return {
    all,
    categoriesOf,
    primaryCategory: (carc) => categoriesOf(carc)[0]!,
    isDenial(group, carc) {
      const e = byCode.get(carcKey(carc));
      if (e === undefined || e.kind === 'denial') return true;
      if (e.kind === 'not-denial') return false;
      return group.trim().toUpperCase() !== 'PR';
    },
    label: (carc) => byCode.get(carcKey(carc))?.label ?? null,
  };
}

/** Validates the catalogue's text; returns its entries, or pushes problems and returns null. */
export function parseCarcCategories(
  yamlText: string,
  fileName: string,
  problems: string[],
): CarcEntry[] | null {
  const source = readYaml(yamlText, fileName);
  if (source.errors.length) {
    problems.push(...source.errors);
    return null;
  }
  const before = problems.length;
  const result = carcCategoriesSchema.safeParse(source.value);
  if (!result.success) {
    problems.push(...schemaProblems(source, fileName, result.error.issues));
    return null;
  }
  const entries: CarcEntry[] = [];
  const sectionOf = new Map<string, string>();
  for (const section of SECTIONS) {
    for (const [code, value] of Object.entries(result.data[section])) {
      const at = `${fileName}:${source.lineAt([section], code)}: ${section}.${code}`;
      if (normalizeCarc(code) !== code) {
        problems.push(
          `${at}: not a CARC code (1-3 digits without leading zeros, or a letter and 1-2 digits)`,
        );
        continue;
      }
      const first = sectionOf.get(code);
      if (first !== undefined) {
        problems.push(`${at}: already listed under ${first}`);
        continue;
      }
      sectionOf.set(code, section);
      entries.push(
        typeof value === 'string'
          ? { carc: code, kind: KIND_OF_SECTION[section], categories: [], label: value }
          : { carc: code, kind: 'denial', categories: value.categories, label: value.label },
      );
    }
  }
  return problems.length === before ? entries : null;
}

/** Loads `<dir>/carc-categories.yaml`. Throws CarcCategoryError naming every problem. */
export function loadCarcCategories(dir: string = DEFAULT_RISK_DIR): CarcCategories {
  const path = resolve(dir, CARC_CATEGORIES_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CarcCategoryError([
      `${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    ]);
  }
  const problems: string[] = [];
  const entries = parseCarcCategories(text, path, problems);
  if (entries === null || problems.length > 0) throw new CarcCategoryError(problems);
  return createCarcCategories(entries);
}
