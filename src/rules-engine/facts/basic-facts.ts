/**
 * The basic facts every rule may use: who the payer is, the claim's dates, charges, codes and lines.
 *
 * Facts are called for every claim of a batch (hundreds of thousands a second), so what needs work
 * (normalized diagnosis codes, each line's codes, modifiers, dates and pointed diagnoses, the sum of
 * the line charges) is computed once per claim, on first use, into a {@link ClaimData} kept for the
 * claim being evaluated (a one-entry cache, see {@link lastOf}); facts then read it. The category
 * facts (`coding-facts.ts`, `bundling-facts.ts`, ...) use the same data through {@link claimData}.
 */
import { normalizeIcd10 } from '../../code-sets/code-normalization.js';
import type { Claim, ServiceLine } from '../../x12/index.js';
import type { ClaimContext, LineRef } from '../claim-context.js';
import { defineFact, type FactDefinition } from '../fact.js';
import { upperTrimmed } from './patient-record-support.js';

/** What the basic facts know about one line, computed once per claim. */
export interface LineData {
  /** The procedure code, trimmed and upper case ('' when the line has none). */
  procedureCode: string;
  /** The modifiers, trimmed and upper case, empty ones dropped. */
  modifiers: readonly string[];
  /** The units (1 when the line gives none). */
  units: number;
  /** DTP 472, else the claim's first date of service, else null. */
  serviceDate: string | null;
  /** The normalized diagnosis codes the line's pointers point at, in pointer order (pointers that point nowhere skipped). */
  diagnosisCodes: readonly string[];
  /** The pointers that point at no diagnosis of the claim, as text. */
  danglingPointers: readonly string[];
  /** Line REF G1, else the claim's. */
  priorAuthorization: string;
}

/** What the basic facts know about a claim, computed once. */
export interface ClaimData {
  /** Principal and other diagnoses (HI ABK/ABF, BK/BF), normalized (upper case, no dot), claim order. */
  diagnosisCodes: readonly string[];
  /** Every HI diagnosis by its 1-based order (what line pointers refer to), normalized; index 0 unused. */
  codeByOrder: readonly (string | undefined)[];
  /** The claim's first date of service (claim dates, else statement from), or null. */
  firstDate: string | null;
  lineChargeSum: number;
  lines: readonly LineData[];
}

/** A frozen empty list, shared by facts that answer "none" (no allocation per call). */
export const EMPTY: readonly string[] = Object.freeze([]);

/**
 * Memoizes a derivation per object (a claim or a context) in a WeakMap: computed on first use,
 * collected with the object.
 */
export function memoize<K extends object, V>(derive: (key: K) => V): (key: K) => V {
  const memo = new WeakMap<K, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined && !memo.has(key)) {
      value = derive(key);
      memo.set(key, value);
    }
    return value as V;
  };
}

/**
 * Memoizes a derivation for the last object it was asked about (the claim or context being
 * evaluated): the engine asks every fact of one claim before moving to the next, so one entry is
 * enough, costs one comparison, and leaves nothing behind per claim for the garbage collector (a
 * WeakMap entry per claim and derivation did: ephemerons are expensive to collect). Derivations are
 * pure functions of the object, so asking again about an earlier object just derives it again.
 */
export function lastOf<K extends object, V>(derive: (key: K) => V): (key: K) => V {
  let lastKey: K | null = null;
  let lastValue: V | undefined;
  return (key) => {
    if (key !== lastKey) {
      lastValue = derive(key);
      lastKey = key;
    }
    return lastValue as V;
  };
}

/** A diagnosis code in canonical form (`E119`); text that cannot be ICD-10-CM is only trimmed and upper-cased. */
export function normalizeDiagnosis(code: string): string {
  return normalizeIcd10(code) ?? code.trim().toUpperCase();
}

/** Re-exported: the shared canonical-code helper (patient-record-support.ts). */
export { upperTrimmed };
const upperTrim = upperTrimmed;

function lineData(claim: Claim, line: ServiceLine, codeByOrder: readonly (string | undefined)[]): LineData {
  const proc = line.procedure;
  let modifiers = EMPTY;
  if (proc !== null && proc.modifiers.length > 0) {
    const out: string[] = [];
    for (const m of proc.modifiers) {
      const u = upperTrim(m);
      if (u !== '') out.push(u);
    }
    modifiers = out;
  }
  let diagnosisCodes = EMPTY;
  let danglingPointers = EMPTY;
  if (line.diagnosisPointers.length > 0) {
    const codes: string[] = [];
    const dangling: string[] = [];
    for (const p of line.diagnosisPointers) {
      const code = codeByOrder[p];
      if (code === undefined) dangling.push(String(p));
      else codes.push(code);
    }
    diagnosisCodes = codes;
    if (dangling.length > 0) danglingPointers = dangling;
  }
  return {
    procedureCode: proc === null ? '' : upperTrim(proc.code),
    modifiers,
    units: line.units ?? 1,
    serviceDate: line.serviceDate ?? claim.serviceDateFrom ?? claim.statementFrom,
    diagnosisCodes,
    danglingPointers,
    priorAuthorization: line.priorAuthorization !== '' ? line.priorAuthorization : claim.priorAuthorization,
  };
}

/** The claim's precomputed data (computed on first use, then kept while the same claim is asked about). */
export const claimData: (claim: Claim) => ClaimData = lastOf(deriveClaimData);

function deriveClaimData(claim: Claim): ClaimData {
  const diagnosisCodes: string[] = [];
  const codeByOrder: (string | undefined)[] = [undefined];
  for (const d of claim.diagnoses) {
    const code = normalizeDiagnosis(d.code);
    if (d.order > 0) codeByOrder[d.order] = code;
    if (d.role === 'principal' || d.role === 'other') diagnosisCodes.push(code);
  }
  let lineChargeSum = 0;
  for (const l of claim.lines) lineChargeSum += l.charge;
  const lines: LineData[] = [];
  for (const l of claim.lines) lines.push(lineData(claim, l, codeByOrder));
  return {
    diagnosisCodes,
    codeByOrder,
    firstDate: claim.serviceDateFrom ?? claim.statementFrom,
    lineChargeSum,
    lines,
  };
}

/** The data of the line a line fact is asked about. */
export function lineDataOf(ctx: ClaimContext, line: LineRef | null): LineData {
  return claimData(ctx.claim).lines[(line as LineRef).index]!;
}

const claimFacts: FactDefinition[] = [
  defineFact<string>({
    name: 'claim.payerId',
    scope: 'claim',
    type: 'string',
    description: 'The payer id of the claim (2010BB NM109), as sent.',
    compute: (ctx) => ctx.claim.payer.id,
  }),
  defineFact<string>({
    name: 'claim.claimType',
    scope: 'claim',
    type: 'string',
    description: 'The kind of claim: professional (837P), institutional (837I) or dental (837D).',
    compute: (ctx) => ctx.claim.claimType,
  }),
  defineFact<string>({
    name: 'claim.frequencyCode',
    scope: 'claim',
    type: 'string',
    description: 'The claim frequency type code (CLM05-3): 1 original, 7 replacement, 8 void.',
    compute: (ctx) => ctx.claim.frequencyCode,
  }),
  defineFact<string>({
    name: 'claim.payerSequence',
    scope: 'claim',
    type: 'string',
    description:
      "The payer's responsibility sequence for this claim (SBR01): P primary, S secondary, T tertiary, A-H fourth to eleventh, U unknown.",
    compute: (ctx) => ctx.claim.subscriber.payerResponsibility,
  }),
  defineFact<string>({
    name: 'claim.patientControlNumber',
    scope: 'claim',
    type: 'string',
    description: "The practice's claim id (CLM01 patient control number).",
    compute: (ctx) => ctx.claim.patientControlNumber,
  }),
  defineFact<string>({
    name: 'claim.memberId',
    scope: 'claim',
    type: 'string',
    description: "The subscriber's member id as sent on the claim (2010BA NM109).",
    compute: (ctx) => ctx.claim.subscriber.memberId,
  }),
  defineFact<string | null>({
    name: 'claim.serviceDateFrom',
    scope: 'claim',
    type: 'date',
    description:
      "The claim's first date of service (earliest line date, else the statement from date), or null when the claim has none.",
    compute: (ctx) => claimData(ctx.claim).firstDate,
  }),
  defineFact<string | null>({
    name: 'claim.serviceDateTo',
    scope: 'claim',
    type: 'date',
    description:
      "The claim's last date of service (latest line date, else the statement through date), or null when the claim has none.",
    compute: (ctx) => ctx.claim.serviceDateTo ?? ctx.claim.statementTo,
  }),
  defineFact<string>({
    name: 'claim.asOf',
    scope: 'claim',
    type: 'date',
    description:
      'The date the claim is judged at: the filing date given (--as-of), else the 837 creation date (BHT04), else today.',
    compute: (ctx) => ctx.asOf,
  }),
  defineFact<number>({
    name: 'claim.totalChargeCents',
    scope: 'claim',
    type: 'number',
    description: 'The total claim charge (CLM02) in cents.',
    compute: (ctx) => ctx.claim.totalCharge,
  }),
  defineFact<number>({
    name: 'claim.lineChargeSumCents',
    scope: 'claim',
    type: 'number',
    description: "The sum of the service lines' charges (SV102, SV203, SV302) in cents.",
    compute: (ctx) => claimData(ctx.claim).lineChargeSum,
  }),
  defineFact<readonly string[]>({
    name: 'claim.diagnosisCodes',
    scope: 'claim',
    type: 'string[]',
    description:
      "The claim's principal and other diagnosis codes (HI ABK/ABF), principal first, upper case without the dot (E119).",
    compute: (ctx) => claimData(ctx.claim).diagnosisCodes,
  }),
  defineFact<string>({
    name: 'claim.priorAuthorization',
    scope: 'claim',
    type: 'string',
    description: "The claim's prior authorization number (2300 REF G1), '' when none is sent.",
    compute: (ctx) => ctx.claim.priorAuthorization,
  }),
  defineFact<string>({
    name: 'claim.placeOfService',
    scope: 'claim',
    type: 'string',
    description:
      "The claim's place of service (CLM05-1) on a professional or dental claim; '' on an institutional claim (where CLM05-1 is the facility type).",
    compute: (ctx) => (ctx.claim.claimType === 'institutional' ? '' : ctx.claim.facilityCode),
  }),
  defineFact<number>({
    name: 'claim.lineCount',
    scope: 'claim',
    type: 'number',
    description: 'The number of service lines on the claim.',
    compute: (ctx) => ctx.claim.lines.length,
  }),
];

const lineFacts: FactDefinition[] = [
  defineFact<number>({
    name: 'line.number',
    scope: 'line',
    type: 'number',
    description: 'The line number (LX01).',
    compute: (_ctx, line) => (line as LineRef).line.lineNumber,
  }),
  defineFact<string>({
    name: 'line.procedureCode',
    scope: 'line',
    type: 'string',
    description:
      "The line's procedure code (CPT/HCPCS, or CDT on a dental claim), upper case; '' when the line has none (an institutional line with a revenue code only).",
    compute: (ctx, line) => lineDataOf(ctx, line).procedureCode,
  }),
  defineFact<readonly string[]>({
    name: 'line.modifiers',
    scope: 'line',
    type: 'string[]',
    description: "The line's procedure modifiers, upper case, in the order sent.",
    compute: (ctx, line) => lineDataOf(ctx, line).modifiers,
  }),
  defineFact<number>({
    name: 'line.units',
    scope: 'line',
    type: 'number',
    description: "The line's units of service (SV104, SV205; SV306 on dental), 1 when none are sent.",
    compute: (ctx, line) => lineDataOf(ctx, line).units,
  }),
  defineFact<number>({
    name: 'line.chargeCents',
    scope: 'line',
    type: 'number',
    description: "The line's charge (SV102, SV203, SV302) in cents.",
    compute: (_ctx, line) => (line as LineRef).line.charge,
  }),
  defineFact<string | null>({
    name: 'line.serviceDate',
    scope: 'line',
    type: 'date',
    description:
      "The line's date of service: its own DTP 472 (the first day of a range), else the claim's first date of service.",
    compute: (ctx, line) => lineDataOf(ctx, line).serviceDate,
  }),
  defineFact<readonly string[]>({
    name: 'line.diagnosisCodes',
    scope: 'line',
    type: 'string[]',
    description:
      "The diagnosis codes the line's diagnosis pointers point at, in pointer order, upper case without the dot (pointers that point nowhere are left out).",
    compute: (ctx, line) => lineDataOf(ctx, line).diagnosisCodes,
  }),
  defineFact<string>({
    name: 'line.revenueCode',
    scope: 'line',
    type: 'string',
    description: "The line's revenue code (SV201, institutional claims), '' when none.",
    compute: (_ctx, line) => (line as LineRef).line.revenueCode,
  }),
  defineFact<string>({
    name: 'line.priorAuthorization',
    scope: 'line',
    type: 'string',
    description:
      "The prior authorization number for the line: the line's own REF G1, else the claim's, '' when neither is sent.",
    compute: (ctx, line) => lineDataOf(ctx, line).priorAuthorization,
  }),
];

/** The basic claim and line facts. */
export const BASIC_FACTS: readonly FactDefinition[] = [...claimFacts, ...lineFacts];
