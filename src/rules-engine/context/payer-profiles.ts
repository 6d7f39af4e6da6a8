/**
 * Payer profiles: `rules/payers/*.yaml`, one payer (or several payer ids of one payer) per file, and
 * `default.yaml` (required) for every payer without a profile. A profile's omitted fields take the
 * default profile's values. A bad file stops the load with every problem as `file:line: path: message`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../../code-sets/code-set-paths.js';
import type { PayerProfile } from '../claim-context.js';
import { codeEntryProblem, createCodeMatcher } from './code-matcher.js';
import { readYaml, schemaProblems } from './yaml-source.js';

/** `rules/payers` of the package. */
export const DEFAULT_PAYERS_DIR = resolve(packageRoot, 'rules', 'payers');
export const DEFAULT_PROFILE_FILE = 'default.yaml';

/** The loaded profiles: a lookup by payer id (normalized: trimmed, upper case) falling back to the default. */
export interface PayerProfiles {
  forPayer(payerId: string): PayerProfile;
  /** The default profile first, then the others by file name. */
  readonly all: readonly PayerProfile[];
  readonly defaultProfile: PayerProfile;
}

/** Profiles that cannot be used, with every problem (`file:line: path: message`). */
export class PayerProfileError extends Error {
  override readonly name = 'PayerProfileError';
  constructor(readonly problems: string[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the payer profiles:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
  }
}

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
const codeEntry = text.superRefine((v, ctx) => {
  const problem = codeEntryProblem(v);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});
const pattern = z
  .string()
  .nullable()
  .superRefine((v, ctx) => {
    if (v === null) return;
    try {
      new RegExp(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `not a regular expression: ${(e as Error).message}` });
    }
  });

/** The fields of a profile file; all but `name` optional (the default profile must give every one). */
export const payerProfileSchema = z.strictObject({
  name: z.string().min(1),
  payerIds: z.array(text.pipe(z.string().min(1))).optional(),
  timelyFilingDays: z.int().positive().optional(),
  appealDays: z.int().positive().optional(),
  priorAuthCodes: z.array(codeEntry).optional(),
  attachmentCodes: z.array(codeEntry).optional(),
  memberIdPattern: pattern.optional(),
});
export type PayerProfileFields = z.infer<typeof payerProfileSchema>;

/** Overrides of profile fields (embedded rule tests): like a file, every field optional. */
export const payerOverrideSchema = payerProfileSchema.partial();
export type PayerProfileOverride = z.infer<typeof payerOverrideSchema>;

/** A whole-string regular expression from a pattern as written. */
export function wholeStringPattern(p: string | null): RegExp | null {
  return p === null ? null : new RegExp(`^(?:${p})$`);
}

/** A profile from validated fields, the omitted ones taken from `base`. */
export function buildPayerProfile(
  fields: PayerProfileOverride,
  base: PayerProfile | null,
  source: string,
): PayerProfile {
  const need = <T>(v: T | undefined, fallback: T | undefined, field: string): T => {
    if (v !== undefined) return v;
    if (fallback === undefined) throw new Error(`${source}: ${field} is required`);
    return fallback;
  };
  return {
    payerIds: (fields.payerIds ?? []).map(normalizeProfilePayerId),
    name: need(fields.name, base?.name, 'name'),
    timelyFilingDays: need(fields.timelyFilingDays, base?.timelyFilingDays, 'timelyFilingDays'),
    appealDays: need(fields.appealDays, base?.appealDays, 'appealDays'),
    priorAuthCodes: fields.priorAuthCodes
      ? createCodeMatcher(fields.priorAuthCodes)
      : need(undefined, base?.priorAuthCodes, 'priorAuthCodes'),
    attachmentCodes: fields.attachmentCodes
      ? createCodeMatcher(fields.attachmentCodes)
      : need(undefined, base?.attachmentCodes, 'attachmentCodes'),
    memberIdPattern:
      fields.memberIdPattern !== undefined
        ? wholeStringPattern(fields.memberIdPattern)
        : need(undefined, base === null ? undefined : base.memberIdPattern, 'memberIdPattern'),
    source,
  };
}

/** Merges overrides into a profile (the payer ids stay unless given). */
export function overridePayerProfile(profile: PayerProfile, overrides: PayerProfileOverride): PayerProfile {
  const merged = buildPayerProfile(overrides, profile, profile.source);
  return overrides.payerIds === undefined ? { ...merged, payerIds: profile.payerIds } : merged;
}

export function normalizeProfilePayerId(id: string): string {
  return id.trim().toUpperCase();
}

/** Profiles from already-built profiles (tests, overrides). */
export function createPayerProfiles(
  defaultProfile: PayerProfile,
  others: readonly PayerProfile[],
): PayerProfiles {
  const byId = new Map<string, PayerProfile>();
  for (const p of others) for (const id of p.payerIds) byId.set(normalizeProfilePayerId(id), p);
  const all = Object.freeze([defaultProfile, ...others]);
  return {
    all,
    defaultProfile,
    forPayer: (payerId) => byId.get(normalizeProfilePayerId(payerId)) ?? defaultProfile,
  };
}

const REQUIRED_IN_DEFAULT = [
  'timelyFilingDays',
  'appealDays',
  'priorAuthCodes',
  'attachmentCodes',
  'memberIdPattern',
] as const;

/** Validates one profile file's text; returns the fields, or pushes problems. */
export function parsePayerProfile(
  yamlText: string,
  fileName: string,
  problems: string[],
  isDefault = false,
): PayerProfileFields | null {
  const source = readYaml(yamlText, fileName);
  if (source.errors.length) {
    problems.push(...source.errors);
    return null;
  }
  const result = payerProfileSchema.safeParse(source.value);
  const before = problems.length;
  if (!result.success) {
    problems.push(...schemaProblems(source, fileName, result.error.issues));
    return null;
  }
  const fields = result.data;
  if (isDefault) {
    for (const key of REQUIRED_IN_DEFAULT)
      if (fields[key] === undefined) problems.push(`${fileName}:1: ${key}: required in the default profile`);
    if (fields.payerIds !== undefined && fields.payerIds.length > 0)
      problems.push(
        `${fileName}:${source.lineAt(['payerIds'])}: payerIds: the default profile applies to no payer id`,
      );
  } else if (!fields.payerIds || fields.payerIds.length === 0) {
    problems.push(
      `${fileName}:${source.lineAt(['payerIds'])}: payerIds: a payer profile needs at least one payer id`,
    );
  }
  return problems.length === before ? fields : null;
}

/**
 * Loads `<dir>/default.yaml` (required) and every other `*.yaml`/`*.yml` file of `dir`. Throws
 * PayerProfileError naming every problem: bad YAML, unknown or invalid fields, a payer id in two files.
 */
export function loadPayerProfiles(dir: string = DEFAULT_PAYERS_DIR): PayerProfiles {
  const defaultPath = join(dir, DEFAULT_PROFILE_FILE);
  if (!existsSync(defaultPath))
    throw new PayerProfileError([`${defaultPath}: the default payer profile is required`]);
  const problems: string[] = [];
  const defaultFields = parsePayerProfile(readFileSync(defaultPath, 'utf8'), defaultPath, problems, true);
  const others: { fields: PayerProfileFields; path: string }[] = [];
  const owner = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(name) || name === DEFAULT_PROFILE_FILE) continue;
    const path = join(dir, name);
    const fields = parsePayerProfile(readFileSync(path, 'utf8'), path, problems);
    if (fields === null) continue;
    for (const id of fields.payerIds ?? []) {
      const key = normalizeProfilePayerId(id);
      const first = owner.get(key);
      if (first !== undefined) problems.push(`${path}: payerIds: payer id ${key} is already in ${first}`);
      else owner.set(key, path);
    }
    others.push({ fields, path });
  }
  if (problems.length > 0 || defaultFields === null) throw new PayerProfileError(problems);
  const defaultProfile = buildPayerProfile(defaultFields, null, basename(defaultPath));
  return createPayerProfiles(
    defaultProfile,
    others.map((o) => buildPayerProfile(o.fields, defaultProfile, basename(o.path))),
  );
}
