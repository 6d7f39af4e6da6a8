/**
 * What a rule sees: one claim with everything preloaded (linked patient records, payer profile,
 * code sets, reference tables, history). Facts are pure functions of this; evaluation does no I/O.
 * Built by the context builder (`context-builder.ts`) from X12 claims plus input records, for the
 * offline `claimguard analyze`, for the service, for embedded rule tests and for the benchmark.
 */
import type { CodeSetRegistry } from '../code-sets/code-set-registry.js';
import type {
  AuthorizationRecord,
  ContractRateRecord,
  DocumentationRecord,
  EligibilityRecord,
} from '../inputs/input-records.js';
import type { AbbreviationMatcher } from '../lexicon/abbreviation-matcher.js';
import type { IdentityProblem, LinkConfidence, LinkMethod } from '../patient-matching/patient-matcher.js';
import type { Claim, ServiceLine } from '../x12/index.js';

/** The rule categories (the public contract of findings). */
export const RULE_CATEGORIES = [
  'authorization',
  'documentation',
  'coding',
  'medical-necessity',
  'bundling',
  'units',
  'eligibility',
  'identity',
  'duplicate',
  'timely-filing',
  'billing-data',
  'balancing',
  'coordination-of-benefits',
] as const;
export type RuleCategory = (typeof RULE_CATEGORIES)[number];

/**
 * The data sources a fact can depend on. When a source is not loaded at all for the claim's payer
 * (nothing imported), rules over it report their category as "not checked" instead of firing or passing.
 */
export const DATA_SOURCES = ['documentation', 'authorizations', 'eligibility', 'contracts'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

/** A record linked to the claim's patient by patient matching, with how it was linked. */
export interface Linked<R> {
  record: R;
  method: LinkMethod;
  /** 0..1 */
  score: number;
  confidence: LinkConfidence;
  /** Identity problems on this link (name-mismatch, dob-mismatch, member-id-typo, ...). */
  problems: IdentityProblem[];
}

/** A payer profile (rules/payers/*.yaml, or the default profile). */
export interface PayerProfile {
  /** Payer ids (2010BB NM109) this profile applies to; the default profile has none. */
  payerIds: string[];
  name: string;
  /** Days from the date of service (the claim's last date) within which a claim must be filed. */
  timelyFilingDays: number;
  /** Days from the remittance within which an appeal must be filed. */
  appealDays: number;
  /** Procedure codes (exact `73721`, or inclusive ranges `70010-76499`) that need prior authorization. */
  priorAuthCodes: CodeMatcher;
  /** Procedure codes that need documentation attached (PWK) when billed. */
  attachmentCodes: CodeMatcher;
  /** Member id pattern (a regular expression, whole-string) or null when the payer has none. */
  memberIdPattern: RegExp | null;
  /** Where the profile came from (file name), for evidence. */
  source: string;
}

/** Answers whether a procedure code is in a set of codes and ranges. */
export interface CodeMatcher {
  has(code: string): boolean;
  /** The entries as written, for evidence. */
  readonly entries: readonly string[];
}

/** NCCI procedure-to-procedure edit: column 2 is not paid with column 1 on the same day unless a modifier is allowed. */
export interface NcciPair {
  column1: string;
  column2: string;
  /** 0 no modifier allowed, 1 an NCCI-associated modifier allows it, 9 not applicable. */
  modifierIndicator: 0 | 1 | 9;
  effectiveStart: string;
  effectiveEnd: string | null;
}

/** Medically unlikely edit: the most units of a code one patient gets on one day from one provider. */
export interface MueLimit {
  code: string;
  maxUnits: number;
  /** 1 line edit, 2 date-of-service edit (absolute), 3 date-of-service edit (clinical). */
  adjudicationIndicator: 1 | 2 | 3;
  effectiveStart: string;
  effectiveEnd: string | null;
}

/** A payer's policy: which diagnosis families support a procedure (medical necessity). */
export interface DiagnosisCoverage {
  /** '*' for every payer. */
  payerId: string;
  procedureCode: string;
  /** ICD-10-CM families (prefixes without the dot) that support the procedure. */
  coveredDiagnoses: string[];
  effectiveStart: string;
  effectiveEnd: string | null;
}

/** Reference tables, loaded once (rules/tables/, plus operator-imported CMS files). */
export interface ReferenceTables {
  /** NCCI PTP pairs in force on a date, for a column-1 code. */
  ncciPairs(column1: string, dateOfService: string): readonly NcciPair[];
  /** The MUE limit in force on a date, or null. */
  mue(code: string, dateOfService: string): MueLimit | null;
  /** The coverage policies for a procedure under a payer ('*' policies included), in force on a date. */
  diagnosisCoverage(
    payerId: string,
    procedureCode: string,
    dateOfService: string,
  ): readonly DiagnosisCoverage[];
  /** Where each table came from, for evidence and `GET /api/v1/rules`. */
  readonly sources: readonly { table: string; source: string; rows: number }[];
}

/** An earlier claim of the same patient (for duplicate checks and authorization units used). */
export interface HistoryClaim {
  /** Database id, or CLM01 offline. */
  id: string;
  claim: Claim;
}

/** Everything one claim is checked against. */
export interface ClaimContext {
  /** The claim as parsed from the 837 (the same model is stored in claim.detail). */
  claim: Claim;
  /** Database id, or CLM01 offline. */
  claimId: string;
  /** The filing date the claim is judged at (`--as-of`, else BHT04, else today in the service). */
  asOf: string;
  payer: PayerProfile;
  codeSets: CodeSetRegistry;
  tables: ReferenceTables;
  lexicon: AbbreviationMatcher;
  /** Records linked to the claim's patient (documentation: any date; facts filter by date of service). */
  coverage: readonly Linked<EligibilityRecord>[];
  documentation: readonly Linked<DocumentationRecord>[];
  authorizations: readonly Linked<AuthorizationRecord>[];
  /** Identity problems of the claim's match as a whole (missing-patient, ambiguous-match, member-id-collision) per source. */
  identityProblems: readonly {
    source: 'eligibility' | 'documentation' | 'authorizations';
    problem: IdentityProblem;
  }[];
  /** Duplicate-record problems on the roster that involve the claim's patient. */
  duplicateRecords: readonly IdentityProblem[];
  /** Authorizations by number (normalized: upper case, no spaces), whoever they belong to: for "quoted auth is for another patient". */
  authorizationsByNumber(authNumber: string): readonly AuthorizationRecord[];
  /** Units of `procedureCode` billed against `authNumber` by OTHER claims (active originals and replacements, not voided). */
  authorizationUnitsUsedElsewhere(authNumber: string, procedureCode: string): number;
  /** Contract rates of the claim's payer for a code (any modifier), all periods. */
  contractRates(procedureCode: string): readonly ContractRateRecord[];
  /** Earlier claims of the same patient (same normalized member id and payer), oldest first; replaced and voided ones excluded. */
  history: readonly HistoryClaim[];
  /**
   * Later claims of the same patient (same member id and payer, active) whose first date of service
   * falls within this claim's dates: with `history`, every claim that can bill a service on this
   * claim's dates (a missed charge is only missed when no claim bills it). Optional for hand-built
   * contexts; absent means none.
   */
  concurrentClaims?: readonly HistoryClaim[];
  /** Which sources are loaded for this claim's payer population; a false one makes its rules "not checked". */
  sources: Readonly<Record<DataSource, boolean>>;
}

/** The line a line-level rule is looking at. */
export interface LineRef {
  line: ServiceLine;
  /** 0-based index into claim.lines. */
  index: number;
}
