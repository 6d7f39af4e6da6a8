/**
 * The code sets claimguard checks claims against, in memory: one Map per ICD-10-CM release and per
 * HCPCS release, the place-of-service table, and any customer-licensed lists. Pure: the registry does
 * no I/O (`code-set-loader.ts` reads the files).
 *
 * Every lookup answers with a status and a sentence saying why, never a bare boolean: "not in the
 * code set" (`unknown`), "cannot be such a code" (`malformed`), "no code set for that date"
 * (`no-code-set`) and "only the format was checked" (`format-only`) are different facts for a coder.
 */
import {
  formatIcd10,
  normalizeIcd10,
  normalizeModifier,
  normalizeProcedureCode,
  procedureCodeSystem,
  type ProcedureCodeSystem,
} from './code-normalization.js';
import {
  LICENSED_FORMAT,
  type LicensedKind,
  normalizeLicensedCode,
  normalizeNpi,
  normalizePlaceOfService,
  npiCheckDigitValid,
} from './code-formats.js';

/** One ICD-10-CM release. `codes` maps the canonical code to `1` or `0` (billable flag) + short description. */
export interface Icd10Release {
  fiscalYear: number;
  /** First and last date of service (YYYY-MM-DD, inclusive) the release applies to. */
  effectiveFrom: string;
  effectiveTo: string;
  codes: Map<string, string>;
  /** The file's metadata (source, sha256, counts), for display. */
  meta?: Record<string, string>;
}

/** One HCPCS Level II release: in force from `effectiveFrom` until a later release (no per-code dates). */
export interface HcpcsRelease {
  /** `YYYY-MM`. */
  release: string;
  effectiveFrom: string;
  /** Procedure codes (5 characters) and modifiers (2 characters) → short description. */
  codes: Map<string, string>;
  meta?: Record<string, string>;
}

/** A customer's licensed list: canonical code → description (possibly empty). */
export interface LicensedList {
  kind: LicensedKind;
  codes: Map<string, string>;
  meta?: Record<string, string>;
}

export interface CodeSetData {
  icd10cm?: readonly Icd10Release[];
  hcpcs?: readonly HcpcsRelease[];
  /** Two-digit POS code → name. */
  placeOfService?: ReadonlyMap<string, string>;
  licensed?: Partial<Record<LicensedKind, LicensedList>>;
}

interface Answer<S extends string> {
  status: S;
  /** The code in canonical form, or null when the text cannot be read as this kind of code. */
  code: string | null;
  /** The short description, when the code set has one. */
  description?: string;
  /** One sentence for a person: what was found and on what basis. */
  message: string;
}

export type Icd10Status = 'billable' | 'header' | 'unknown' | 'malformed' | 'no-code-set';

export interface Icd10Answer extends Answer<Icd10Status> {
  /** The fiscal year of the release used, or null when none applies (`malformed`, `no-code-set`). */
  fiscalYear: number | null;
  /** How the code stands in the other loaded releases, when that differs (a deleted, added or expanded code). */
  otherYears?: { fiscalYear: number; status: 'billable' | 'header' | 'unknown' }[];
}

export type HcpcsStatus = 'valid' | 'unknown' | 'malformed' | 'no-code-set';

export interface HcpcsAnswer extends Answer<HcpcsStatus> {
  /** The HCPCS release used (`2026-01`), or null. */
  release: string | null;
}

export type ProcedureStatus = 'valid' | 'unknown' | 'format-only' | 'malformed' | 'no-code-set';

export interface ProcedureAnswer extends Answer<ProcedureStatus> {
  system: ProcedureCodeSystem | null;
  /** What answered: the HCPCS table, the customer's licensed CPT list, or the format alone. */
  basis: 'hcpcs' | 'licensed' | 'format-only';
  /** The HCPCS release used, for HCPCS codes. */
  release?: string | null;
}

export type ModifierAnswer = Omit<ProcedureAnswer, 'system'> & { system: 'cpt' | 'hcpcs' | null };

export type LicensedStatus = 'valid' | 'unknown' | 'format-only' | 'malformed';

export interface LicensedAnswer extends Answer<LicensedStatus> {
  kind: LicensedKind;
  /** `licensed`: the customer's list answered; `format-only`: no list is loaded, only the shape was checked. */
  basis: 'licensed' | 'format-only';
}

export type PlaceOfServiceAnswer = Answer<'valid' | 'unknown' | 'malformed'>;

export type NpiAnswer = Answer<'valid' | 'bad-check-digit' | 'malformed'>;

/** A loaded code set, for a status page or the CLI. */
export interface LoadedCodeSet {
  name: string;
  effective: string;
  count: number;
  meta: Record<string, string>;
}

/** YYYY-MM-DD (or the X12 D8 form YYYYMMDD) as YYYY-MM-DD, or null when it is not a calendar date. */
export function normalizeDateOfService(raw: string): string | null {
  const text = raw.trim();
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** The fiscal year a date of service falls in: FY N runs from N-1-10-01 to N-09-30. */
export function fiscalYearOf(dateOfService: string): number {
  const year = Number(dateOfService.slice(0, 4));
  return dateOfService.slice(5) >= '10-01' ? year + 1 : year;
}

const ICD_STATUS = (value: string | undefined): 'billable' | 'header' | 'unknown' =>
  value === undefined ? 'unknown' : value[0] === '1' ? 'billable' : 'header';

export class CodeSetRegistry {
  private readonly icd: readonly Icd10Release[];
  private readonly hcpcsReleases: readonly HcpcsRelease[];
  private readonly pos: ReadonlyMap<string, string>;
  private readonly licensed: Partial<Record<LicensedKind, LicensedList>>;

  constructor(data: CodeSetData = {}) {
    this.icd = [...(data.icd10cm ?? [])].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    this.hcpcsReleases = [...(data.hcpcs ?? [])].sort((a, b) =>
      a.effectiveFrom.localeCompare(b.effectiveFrom),
    );
    for (const list of [this.icd, this.hcpcsReleases]) {
      for (let i = 1; i < list.length; i++)
        if (list[i]!.effectiveFrom === list[i - 1]!.effectiveFrom)
          throw new Error(`two code-set releases start on ${list[i]!.effectiveFrom}`);
    }
    this.pos = data.placeOfService ?? new Map();
    this.licensed = { ...(data.licensed ?? {}) };
  }

  /** The ICD-10-CM release in force on a date of service (the latest-starting one covering it), or null. */
  icd10Release(dateOfService: string): Icd10Release | null {
    const dos = normalizeDateOfService(dateOfService);
    if (dos === null) return null;
    for (let i = this.icd.length - 1; i >= 0; i--) {
      const r = this.icd[i]!;
      if (r.effectiveFrom <= dos && dos <= r.effectiveTo) return r;
    }
    return null;
  }

  /** The HCPCS release in force on a date of service (the latest one started by then), or null. */
  hcpcsRelease(dateOfService: string): HcpcsRelease | null {
    const dos = normalizeDateOfService(dateOfService);
    if (dos === null) return null;
    for (let i = this.hcpcsReleases.length - 1; i >= 0; i--) {
      if (this.hcpcsReleases[i]!.effectiveFrom <= dos) return this.hcpcsReleases[i]!;
    }
    return null;
  }

  /** Is this ICD-10-CM code billable, a header (category/subcategory), or not in the release in force on the date? */
  icd10(rawCode: string, dateOfService: string): Icd10Answer {
    const code = normalizeIcd10(rawCode);
    if (code === null)
      return {
        status: 'malformed',
        code: null,
        fiscalYear: null,
        message: `${JSON.stringify(rawCode)} cannot be an ICD-10-CM code (3 to 7 letters and digits: E11.9, C4A.0, QA0.0)`,
      };
    const shown = formatIcd10(code);
    const dos = normalizeDateOfService(dateOfService);
    if (dos === null)
      return {
        status: 'no-code-set',
        code,
        fiscalYear: null,
        message: `no ICD-10-CM code set can be chosen: ${JSON.stringify(dateOfService)} is not a date of service (YYYY-MM-DD)`,
      };
    const release = this.icd10Release(dos);
    if (release === null)
      return {
        status: 'no-code-set',
        code,
        fiscalYear: null,
        message: `no ICD-10-CM code set loaded for date of service ${dos} (FY${fiscalYearOf(dos)}); loaded: ${this.describeIcdCoverage()}`,
      };
    const value = release.codes.get(code);
    const status = ICD_STATUS(value);
    const otherYears = this.icd
      .filter((r) => r !== release)
      .map((r) => ({ fiscalYear: r.fiscalYear, status: ICD_STATUS(r.codes.get(code)) }))
      .filter((o) => o.status !== status);
    const elsewhere = otherYears.length
      ? `; in ${otherYears.map((o) => `FY${o.fiscalYear} it is ${o.status === 'unknown' ? 'not a code' : o.status}`).join(', ')}`
      : '';
    const answer: Icd10Answer = { status, code, fiscalYear: release.fiscalYear, message: '' };
    if (value !== undefined) answer.description = value.slice(1);
    if (otherYears.length) answer.otherYears = otherYears;
    answer.message =
      status === 'billable'
        ? `${shown} is a billable ICD-10-CM FY${release.fiscalYear} code${elsewhere}`
        : status === 'header'
          ? `${shown} is an ICD-10-CM FY${release.fiscalYear} header, not billable: a more specific code is required${elsewhere}`
          : `${shown} is not in ICD-10-CM FY${release.fiscalYear}${elsewhere}`;
    return answer;
  }

  /** Is this HCPCS Level II code (5 characters) in the HCPCS release in force on the date? */
  hcpcs(rawCode: string, dateOfService: string): HcpcsAnswer {
    const code = normalizeProcedureCode(rawCode);
    if (code === null || procedureCodeSystem(code) !== 'hcpcs')
      return {
        status: 'malformed',
        code: null,
        release: null,
        message: `${JSON.stringify(rawCode)} cannot be a HCPCS Level II code (a letter HCPCS uses, then 4 digits)`,
      };
    return this.fromHcpcs(code, dateOfService, 'code');
  }

  private fromHcpcs(code: string, dateOfService: string, what: 'code' | 'modifier'): HcpcsAnswer {
    const dos = normalizeDateOfService(dateOfService);
    const release = dos === null ? null : this.hcpcsRelease(dos);
    if (release === null)
      return {
        status: 'no-code-set',
        code,
        release: null,
        message:
          dos === null
            ? `no HCPCS release can be chosen: ${JSON.stringify(dateOfService)} is not a date of service (YYYY-MM-DD)`
            : `no HCPCS release loaded for date of service ${dos}; loaded: ${
                this.hcpcsReleases.map((r) => `${r.release} (from ${r.effectiveFrom})`).join(', ') || 'none'
              }`,
      };
    const description = release.codes.get(code);
    if (description === undefined)
      return {
        status: 'unknown',
        code,
        release: release.release,
        message: `${code} is not a HCPCS Level II ${what} in the ${release.release} release`,
      };
    return {
      status: 'valid',
      code,
      release: release.release,
      description,
      message: `${code} is a HCPCS Level II ${what} in the ${release.release} release`,
    };
  }

  /**
   * A procedure code of any shape: HCPCS Level II against the HCPCS table; CPT (Category I, II, III)
   * against the customer's licensed CPT list when one is loaded, else by format only; CDT (D-codes,
   * ADA) by format only.
   */
  procedureCode(rawCode: string, dateOfService: string): ProcedureAnswer {
    const code = normalizeProcedureCode(rawCode);
    const system = code === null ? null : procedureCodeSystem(code);
    if (code === null || system === null)
      return {
        status: 'malformed',
        code: null,
        system: null,
        basis: 'format-only',
        message: `${JSON.stringify(rawCode)} is not a procedure code: CPT (5 digits, or 4 digits + F/T), HCPCS Level II (letter + 4 digits) or CDT (D + 4 digits)`,
      };
    if (system === 'hcpcs') {
      return { ...this.fromHcpcs(code, dateOfService, 'code'), system, basis: 'hcpcs' };
    }
    if (system === 'cdt')
      return {
        status: 'format-only',
        code,
        system,
        basis: 'format-only',
        message: `${code} has the CDT (dental) format; CDT is licensed by the ADA and no list is loaded, so only the format was checked`,
      };
    const { kind: _kind, ...answer } = this.fromLicensed('cpt', code);
    return { ...answer, system };
  }

  /**
   * A procedure modifier: HCPCS Level II modifiers (starting with a letter) against the HCPCS table;
   * CPT modifiers (starting with a digit: 25, 59, 1P) by format only.
   */
  modifier(rawModifier: string, dateOfService: string): ModifierAnswer {
    const code = normalizeModifier(rawModifier);
    if (code === null)
      return {
        status: 'malformed',
        code: null,
        system: null,
        basis: 'format-only',
        message: `${JSON.stringify(rawModifier)} is not a modifier (two letters or digits)`,
      };
    if (/^[0-9]/.test(code))
      return {
        status: 'format-only',
        code,
        system: 'cpt',
        basis: 'format-only',
        message: `${code} has the format of a CPT modifier; CPT is licensed and modifiers are not checked against a list`,
      };
    return { ...this.fromHcpcs(code, dateOfService, 'modifier'), system: 'hcpcs', basis: 'hcpcs' };
  }

  private fromLicensed(kind: LicensedKind, code: string): LicensedAnswer {
    const list = this.licensed[kind];
    if (list === undefined)
      return {
        status: 'format-only',
        code,
        kind,
        basis: 'format-only',
        message: `${code} has the ${kind} format; no licensed ${kind} list is loaded, so only the format was checked (format-only)`,
      };
    const description = list.codes.get(code);
    if (description === undefined)
      return {
        status: 'unknown',
        code,
        kind,
        basis: 'licensed',
        message: `${code} is not in the licensed ${kind} list`,
      };
    const answer: LicensedAnswer = {
      status: 'valid',
      code,
      kind,
      basis: 'licensed',
      message: `${code} is in the licensed ${kind} list`,
    };
    if (description !== '') answer.description = description;
    return answer;
  }

  /** A code of a licensed kind: answered from the customer's list when one is loaded, else by format only. */
  licensedCode(kind: LicensedKind, rawCode: string): LicensedAnswer {
    const code = normalizeLicensedCode(kind, rawCode);
    if (code === null)
      return {
        status: 'malformed',
        code: null,
        kind,
        basis: this.licensed[kind] ? 'licensed' : 'format-only',
        message: `${JSON.stringify(rawCode)} is not a ${kind} code (${LICENSED_FORMAT[kind]})`,
      };
    return this.fromLicensed(kind, code);
  }

  /** CPT (Category I, II or III) only; use procedureCode for a code of unknown system. */
  cpt(rawCode: string): LicensedAnswer {
    return this.licensedCode('cpt', rawCode);
  }

  /** NUBC revenue code (`0450`; `450` is read as `0450`). */
  revenueCode(rawCode: string): LicensedAnswer {
    return this.licensedCode('revenue', rawCode);
  }

  /** Claim Adjustment Reason Code. */
  carc(rawCode: string): LicensedAnswer {
    return this.licensedCode('carc', rawCode);
  }

  /** Remittance Advice Remark Code. */
  rarc(rawCode: string): LicensedAnswer {
    return this.licensedCode('rarc', rawCode);
  }

  /** NUCC provider taxonomy code. */
  taxonomy(rawCode: string): LicensedAnswer {
    return this.licensedCode('taxonomy', rawCode);
  }

  /** CMS place of service, from the POS table (`11` Office). */
  placeOfService(rawCode: string): PlaceOfServiceAnswer {
    const code = normalizePlaceOfService(rawCode);
    if (code === null)
      return {
        status: 'malformed',
        code: null,
        message: `${JSON.stringify(rawCode)} is not a place-of-service code (2 digits)`,
      };
    const name = this.pos.get(code);
    if (name === undefined)
      return { status: 'unknown', code, message: `${code} is not an assigned CMS place-of-service code` };
    return { status: 'valid', code, description: name, message: `${code} is place of service "${name}"` };
  }

  /** NPI: 10 digits starting with 1 or 2, with a valid check digit (Luhn over 80840 + the first 9 digits). */
  npi(raw: string): NpiAnswer {
    const code = normalizeNpi(raw);
    if (code === null)
      return {
        status: 'malformed',
        code: null,
        message: `${JSON.stringify(raw)} is not an NPI (10 digits starting with 1 or 2)`,
      };
    return npiCheckDigitValid(code)
      ? { status: 'valid', code, message: `${code} is a well-formed NPI (check digit valid)` }
      : { status: 'bad-check-digit', code, message: `${code} fails the NPI check digit (a typo is likely)` };
  }

  /** Whether a customer-licensed list of this kind is loaded. */
  hasLicensedList(kind: LicensedKind): boolean {
    return this.licensed[kind] !== undefined;
  }

  /** The fiscal years of the loaded ICD-10-CM releases, oldest first. */
  icd10FiscalYears(): number[] {
    return this.icd.map((r) => r.fiscalYear);
  }

  /** What is loaded, with each file's metadata. */
  loaded(): LoadedCodeSet[] {
    return [
      ...this.icd.map((r) => ({
        name: `ICD-10-CM FY${r.fiscalYear}`,
        effective: `${r.effectiveFrom}..${r.effectiveTo}`,
        count: r.codes.size,
        meta: r.meta ?? {},
      })),
      ...this.hcpcsReleases.map((r) => ({
        name: `HCPCS Level II ${r.release}`,
        effective: `${r.effectiveFrom}.. (until a later release)`,
        count: r.codes.size,
        meta: r.meta ?? {},
      })),
      ...(this.pos.size
        ? [{ name: 'CMS place of service', effective: 'current', count: this.pos.size, meta: {} }]
        : []),
      ...Object.values(this.licensed).map((l) => ({
        name: `licensed ${l.kind}`,
        effective: 'as imported',
        count: l.codes.size,
        meta: l.meta ?? {},
      })),
    ];
  }

  private describeIcdCoverage(): string {
    return this.icd.length
      ? this.icd.map((r) => `FY${r.fiscalYear} (${r.effectiveFrom}..${r.effectiveTo})`).join(', ')
      : 'none';
  }
}
