/**
 * Authorization facts: does an approved prior authorization on file cover each service line (this
 * patient, this code, this date, this provider, enough units), and is the number the claim quotes
 * (REF G1) one of this patient's authorizations for what is billed.
 *
 * One analysis per line answers every `line.authorization.*` fact: the authorizations linked to the
 * patient for the line's code are ranked (covers it > units exhausted > other provider > pending >
 * denied > cancelled > outside the period, nearest first), and the best one is "the" authorization
 * of the line. When the line quotes a number (line REF G1, else claim REF G1) that is on file for
 * its code, that authorization is judged, and a different one that would cover the line is named.
 */
import type { ClaimContext, LineRef } from '../claim-context.js';
import { defineFact, type FactDefinition } from '../fact.js';
import type { AuthorizationRecord } from '../../inputs/input-records.js';
import type { ServiceLine } from '../../x12/index.js';
import {
  billingNpi,
  daysBetween,
  lineDateFrom,
  lineProcedureCode,
  lineRenderingNpi,
  normalizeAuthNumber,
  requireLine,
  upperTrimmed,
} from './patient-record-support.js';

export const LINE_AUTHORIZATION_STATUSES = [
  'covered',
  'none',
  'expired',
  'not-yet-valid',
  'pending',
  'denied',
  'cancelled',
  'other-code',
  'other-provider',
  'units-exhausted',
] as const;
export type LineAuthorizationStatus = (typeof LINE_AUTHORIZATION_STATUSES)[number];

export const AUTHORIZATION_NUMBER_STATUSES = [
  'not-quoted',
  'on-file',
  'unknown',
  'other-patient',
  'other-code',
] as const;
export type AuthorizationNumberStatus = (typeof AUTHORIZATION_NUMBER_STATUSES)[number];

/** What the authorizations on file say about one line. */
export interface LineAuthorization {
  code: string;
  date: string | null;
  /** The number the line relies on (line REF G1, else claim REF G1), normalized; '' when none. */
  quoted: string;
  /** Whether `quoted` is one of this patient's authorizations for the line's code. */
  quotedOnFile: boolean;
  status: LineAuthorizationStatus;
  /** The authorization the status is about (covering, or closest); for other-code one for another code. */
  record: AuthorizationRecord | null;
  /** Units of the code billed against `record` by other claims (null without a record). */
  unitsElsewhere: number | null;
  /** Units of the code billed against `record` on this claim before this line. */
  unitsEarlierLines: number;
  /** Units this line bills (a missing count counts as 1). */
  unitsThisLine: number;
  /** The NPI the line is rendered by (line, else claim rendering, else billing provider). */
  renderingNpi: string;
  /** When the quoted authorization does not cover the line: another of the patient's that does. */
  alternative: AuthorizationRecord | null;
}

const STATUS_RANK: Record<LineAuthorizationStatus, number> = {
  covered: 0,
  'units-exhausted': 1,
  'other-provider': 2,
  pending: 3,
  denied: 4,
  cancelled: 5,
  expired: 6,
  'not-yet-valid': 6,
  'other-code': 7,
  none: 8,
};

interface Judgement {
  status: LineAuthorizationStatus;
  /** Days outside the period (0 inside). */
  distance: number;
  unitsElsewhere: number;
  unitsEarlierLines: number;
}

function lineUnits(line: ServiceLine): number {
  return line.units ?? 1;
}

/** The number a line relies on: its own REF G1, else the claim's. */
function quotedNumber(ctx: ClaimContext, line: ServiceLine): string {
  return normalizeAuthNumber(line.priorAuthorization) || normalizeAuthNumber(ctx.claim.priorAuthorization);
}

/** Units of `code` on this claim's lines before `index` that count against `record`. */
function earlierUnits(ctx: ClaimContext, index: number, code: string, record: AuthorizationRecord): number {
  const number = normalizeAuthNumber(record.authNumber);
  let sum = 0;
  const lines = ctx.claim.lines;
  for (let i = 0; i < index && i < lines.length; i++) {
    const other = lines[i]!;
    if (lineProcedureCode(other) !== code) continue;
    const d = lineDateFrom(ctx.claim, other);
    if (d === null || d < record.startDate || d > record.endDate) continue;
    const q = quotedNumber(ctx, other);
    if (q !== '' && q !== number) continue;
    sum += lineUnits(other);
  }
  return sum;
}

function judge(
  ctx: ClaimContext,
  ref: LineRef,
  code: string,
  date: string,
  r: AuthorizationRecord,
): Judgement {
  if (date < r.startDate) {
    return {
      status: 'not-yet-valid',
      distance: daysBetween(date, r.startDate),
      unitsElsewhere: 0,
      unitsEarlierLines: 0,
    };
  }
  if (date > r.endDate) {
    return {
      status: 'expired',
      distance: daysBetween(r.endDate, date),
      unitsElsewhere: 0,
      unitsEarlierLines: 0,
    };
  }
  if (r.status !== 'approved')
    return { status: r.status, distance: 0, unitsElsewhere: 0, unitsEarlierLines: 0 };
  if (r.providerNpi !== null && r.providerNpi !== '') {
    const npi = r.providerNpi.trim();
    if (npi !== lineRenderingNpi(ctx.claim, ref.line) && npi !== billingNpi(ctx.claim)) {
      return { status: 'other-provider', distance: 0, unitsElsewhere: 0, unitsEarlierLines: 0 };
    }
  }
  const unitsElsewhere = ctx.authorizationUnitsUsedElsewhere(normalizeAuthNumber(r.authNumber), code);
  const unitsEarlierLines = earlierUnits(ctx, ref.index, code, r);
  if (
    r.unitsApproved !== null &&
    unitsElsewhere + unitsEarlierLines + lineUnits(ref.line) > r.unitsApproved
  ) {
    return { status: 'units-exhausted', distance: 0, unitsElsewhere, unitsEarlierLines };
  }
  return { status: 'covered', distance: 0, unitsElsewhere, unitsEarlierLines };
}

function better(a: Judgement, b: Judgement): boolean {
  const ra = STATUS_RANK[a.status];
  const rb = STATUS_RANK[b.status];
  return ra < rb || (ra === rb && a.distance < b.distance);
}

function pickBest(
  ctx: ClaimContext,
  ref: LineRef,
  code: string,
  date: string,
  records: readonly AuthorizationRecord[],
): { record: AuthorizationRecord; judgement: Judgement } | null {
  let best: { record: AuthorizationRecord; judgement: Judgement } | null = null;
  for (const record of records) {
    const judgement = judge(ctx, ref, code, date, record);
    if (best === null || better(judgement, best.judgement)) best = { record, judgement };
    if (judgement.status === 'covered') break;
  }
  return best;
}

// The analyses of the claim being evaluated, by line index: the engine evaluates rule by rule, each
// over every line, so the facts of one line are asked for between those of the others. Reset when
// another context (or another claim or record list in the same context object) comes.
let cacheCtx: ClaimContext | null = null;
let cacheClaim: ClaimContext['claim'] | null = null;
let cacheAuths: ClaimContext['authorizations'] | null = null;
let cacheLines: (LineAuthorization | undefined)[] = [];

/** The authorization analysis of a line (computed once per claim evaluation and line). */
export function analyzeLineAuthorization(ctx: ClaimContext, ref: LineRef): LineAuthorization {
  if (cacheCtx !== ctx || cacheClaim !== ctx.claim || cacheAuths !== ctx.authorizations) {
    cacheCtx = ctx;
    cacheClaim = ctx.claim;
    cacheAuths = ctx.authorizations;
    cacheLines = [];
  }
  if (ctx.claim.lines[ref.index] !== ref.line) return analyze(ctx, ref);
  let value = cacheLines[ref.index];
  if (value === undefined) {
    value = analyze(ctx, ref);
    cacheLines[ref.index] = value;
  }
  return value;
}

function analyze(ctx: ClaimContext, ref: LineRef): LineAuthorization {
  const line = ref.line;
  const code = lineProcedureCode(line);
  const date = lineDateFrom(ctx.claim, line);
  const quoted = quotedNumber(ctx, line);
  const result: LineAuthorization = {
    code,
    date,
    quoted,
    quotedOnFile: false,
    status: 'none',
    record: null,
    unitsElsewhere: null,
    unitsEarlierLines: 0,
    unitsThisLine: lineUnits(line),
    renderingNpi: lineRenderingNpi(ctx.claim, line),
    alternative: null,
  };
  if (code === '' || date === null) return result;

  const forCode: AuthorizationRecord[] = [];
  const quotedForCode: AuthorizationRecord[] = [];
  let otherQuoted: AuthorizationRecord | null = null;
  let otherInPeriod: AuthorizationRecord | null = null;
  for (const l of ctx.authorizations) {
    const r = l.record;
    const isQuoted = quoted !== '' && normalizeAuthNumber(r.authNumber) === quoted;
    if (upperTrimmed(r.procedureCode) === code) {
      forCode.push(r);
      if (isQuoted) quotedForCode.push(r);
    } else if (isQuoted) {
      otherQuoted ??= r;
    } else if (date >= r.startDate && date <= r.endDate) {
      otherInPeriod ??= r;
    }
  }
  const otherCode = otherQuoted ?? otherInPeriod;

  if (forCode.length === 0) {
    if (otherCode !== null) {
      result.status = 'other-code';
      result.record = otherCode;
    }
    return result;
  }

  result.quotedOnFile = quotedForCode.length > 0;
  const best = pickBest(ctx, ref, code, date, result.quotedOnFile ? quotedForCode : forCode)!;
  result.status = best.judgement.status;
  result.record = best.record;
  if (best.judgement.status !== 'expired' && best.judgement.status !== 'not-yet-valid') {
    result.unitsElsewhere = best.judgement.unitsElsewhere;
    result.unitsEarlierLines = best.judgement.unitsEarlierLines;
  }
  if (best.record.status === 'approved' && result.unitsElsewhere === null) {
    result.unitsElsewhere = ctx.authorizationUnitsUsedElsewhere(
      normalizeAuthNumber(best.record.authNumber),
      code,
    );
  }
  if (result.quotedOnFile && result.status !== 'covered' && forCode.length > quotedForCode.length) {
    const others = forCode.filter((r) => normalizeAuthNumber(r.authNumber) !== quoted);
    const alt = pickBest(ctx, ref, code, date, others);
    if (alt !== null && alt.judgement.status === 'covered') result.alternative = alt.record;
  }
  return result;
}

/** Units left on the line's authorization before this line, or null (no record, or no unit limit). */
export function unitsRemaining(a: LineAuthorization): number | null {
  if (a.record === null || a.record.unitsApproved === null || a.status === 'other-code') return null;
  return a.record.unitsApproved - (a.unitsElsewhere ?? 0) - a.unitsEarlierLines;
}

function period(r: AuthorizationRecord): string {
  return `${r.startDate} to ${r.endDate}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The sentence billing staff read: what is on file for this line and why it does (not) cover it. */
export function explainLineAuthorization(ctx: ClaimContext, a: LineAuthorization): string {
  const member = ctx.claim.subscriber.memberId || '(no member id)';
  const r = a.record;
  if (a.code === '') return 'the line has no procedure code to authorize';
  if (a.date === null) return 'the line has no date of service';
  const service = `${a.code} on ${a.date}`;
  let text: string;
  switch (a.status) {
    case 'covered':
      text =
        `${r!.authNumber} (approved, ${period(r!)}) covers member ${member} for ${service}` +
        (r!.unitsApproved === null
          ? ''
          : `; ${unitsRemaining(a)! - a.unitsThisLine} of ${r!.unitsApproved} units remain after this line`);
      break;
    case 'none':
      text = `no authorization for ${a.code} is on file for member ${member} (needed for ${service})`;
      break;
    case 'other-code':
      text = `no authorization for ${a.code} is on file for member ${member}; ${r!.authNumber} on file is for ${r!.procedureCode} (${r!.status}, ${period(r!)})`;
      break;
    case 'expired':
      text = `no approved authorization covers member ${member} for ${service} (closest: ${r!.authNumber}, ${r!.status} ${period(r!)}, expired ${r!.endDate}, ${plural(daysBetween(r!.endDate, a.date), 'day')} before the service)`;
      break;
    case 'not-yet-valid':
      text = `no approved authorization covers member ${member} for ${service} (closest: ${r!.authNumber}, ${r!.status} ${period(r!)}, starts ${r!.startDate}, ${plural(daysBetween(a.date, r!.startDate), 'day')} after the service)`;
      break;
    case 'pending':
      text = `authorization ${r!.authNumber} for ${a.code} (${period(r!)}) is still pending with the payer: it is not approved`;
      break;
    case 'denied':
      text = `authorization ${r!.authNumber} for ${a.code} (${period(r!)}) was denied by the payer`;
      break;
    case 'cancelled':
      text = `authorization ${r!.authNumber} for ${a.code} (${period(r!)}) was cancelled`;
      break;
    case 'other-provider':
      text = `authorization ${r!.authNumber} for ${a.code} (${period(r!)}) is for provider NPI ${r!.providerNpi}, but the line is rendered by NPI ${a.renderingNpi || '(none)'} and billed by NPI ${billingNpi(ctx.claim) || '(none)'}`;
      break;
    case 'units-exhausted': {
      const used = (a.unitsElsewhere ?? 0) + a.unitsEarlierLines + a.unitsThisLine;
      text =
        `authorization ${r!.authNumber} approves ${plural(r!.unitsApproved!, 'unit')} of ${a.code}; ` +
        `other claims used ${a.unitsElsewhere ?? 0}, earlier lines of this claim ${a.unitsEarlierLines}, this line bills ${a.unitsThisLine}: ` +
        `${used} in all, ${used - r!.unitsApproved!} over`;
      break;
    }
  }
  if (a.alternative !== null) {
    text += `; ${a.alternative.authNumber} on file (approved, ${period(a.alternative)}) covers it: quote that number instead`;
  }
  return text;
}

/** Whether a number is one of this patient's authorizations, for the given codes, another patient's, or unknown. */
export function checkAuthorizationNumber(
  ctx: ClaimContext,
  rawNumber: string,
  codes: readonly string[],
): { status: AuthorizationNumberStatus; codesOnFile: string[] } {
  const number = normalizeAuthNumber(rawNumber);
  if (number === '') return { status: 'not-quoted', codesOnFile: [] };
  const codesOnFile: string[] = [];
  for (const l of ctx.authorizations) {
    if (normalizeAuthNumber(l.record.authNumber) !== number) continue;
    const code = upperTrimmed(l.record.procedureCode);
    if (codes.includes(code)) return { status: 'on-file', codesOnFile: [code] };
    if (!codesOnFile.includes(code)) codesOnFile.push(code);
  }
  if (codesOnFile.length > 0) return { status: 'other-code', codesOnFile: codesOnFile.sort() };
  if (ctx.authorizationsByNumber(number).length > 0) return { status: 'other-patient', codesOnFile: [] };
  return { status: 'unknown', codesOnFile: [] };
}

function explainNumber(
  ctx: ClaimContext,
  rawNumber: string,
  codes: readonly string[],
  check: { status: AuthorizationNumberStatus; codesOnFile: string[] },
): string {
  const number = normalizeAuthNumber(rawNumber);
  const member = ctx.claim.subscriber.memberId || '(no member id)';
  const billed = codes.length ? codes.join(', ') : '(no procedure code)';
  switch (check.status) {
    case 'not-quoted':
      return 'no authorization number is quoted';
    case 'on-file':
      return `${number} is on file for member ${member} for ${check.codesOnFile.join(', ')}`;
    case 'other-code':
      return `${number} is on file for member ${member} for ${check.codesOnFile.join(', ')}, not for the billed ${billed}`;
    case 'other-patient':
      return `${number} is on file, but for a different patient than member ${member}`;
    case 'unknown':
      return `${number} is not on file for any patient`;
  }
}

function claimCodes(ctx: ClaimContext): string[] {
  const out: string[] = [];
  for (const l of ctx.claim.lines) {
    const c = lineProcedureCode(l);
    if (c !== '' && !out.includes(c)) out.push(c);
  }
  return out;
}

function lineCodes(line: ServiceLine): string[] {
  const c = lineProcedureCode(line);
  return c === '' ? [] : [c];
}

const S = 'authorizations' as const;

export const AUTHORIZATION_FACTS: readonly FactDefinition[] = [
  defineFact<boolean>({
    name: 'line.priorAuthRequired',
    scope: 'line',
    type: 'boolean',
    description: "The payer profile lists the line's procedure code as needing prior authorization.",
    compute: (ctx, ref) => {
      const code = lineProcedureCode(requireLine(ref).line);
      return code !== '' && ctx.payer.priorAuthCodes.has(code);
    },
  }),
  defineFact<string>({
    name: 'line.authorization.quotedNumber',
    scope: 'line',
    type: 'string',
    description:
      "The authorization number the line relies on: its own REF G1, else the claim's (normalized); '' when none.",
    compute: (ctx, ref) => quotedNumber(ctx, requireLine(ref).line),
  }),
  defineFact<boolean>({
    name: 'line.authorization.applies',
    scope: 'line',
    type: 'boolean',
    source: S,
    description:
      "The line's authorization matters: the payer requires one for the code, the line quotes its own number (REF G1), or the claim's number is on file for the code.",
    compute: (ctx, ref) => {
      const r = requireLine(ref);
      const code = lineProcedureCode(r.line);
      if (code === '') return false;
      if (ctx.payer.priorAuthCodes.has(code) || normalizeAuthNumber(r.line.priorAuthorization) !== '')
        return true;
      // Only a quoted number can be on file (no analysis needed for the many lines that quote none).
      if (quotedNumber(ctx, r.line) === '') return false;
      return analyzeLineAuthorization(ctx, r).quotedOnFile;
    },
  }),
  defineFact<string>({
    name: 'line.authorization.status',
    scope: 'line',
    type: 'string',
    source: S,
    description:
      "What the patient's authorizations say about the line: covered | none | expired | not-yet-valid | pending | denied | cancelled | other-code | other-provider | units-exhausted.",
    compute: (ctx, ref) => analyzeLineAuthorization(ctx, requireLine(ref)).status,
  }),
  defineFact<string>({
    name: 'line.authorization.explanation',
    scope: 'line',
    type: 'string',
    source: S,
    description:
      'One sentence for billing staff: the authorization judged (number, status, period, units) and why it does or does not cover the line.',
    compute: (ctx, ref) => explainLineAuthorization(ctx, analyzeLineAuthorization(ctx, requireLine(ref))),
  }),
  defineFact<string>({
    name: 'line.authorization.number',
    scope: 'line',
    type: 'string',
    source: S,
    description:
      "The number of the authorization the line's status is about (covering or closest); '' when none.",
    compute: (ctx, ref) => analyzeLineAuthorization(ctx, requireLine(ref)).record?.authNumber ?? '',
  }),
  defineFact<string | null>({
    name: 'line.authorization.startDate',
    scope: 'line',
    type: 'date',
    source: S,
    description: "First day of the line's authorization; null when none.",
    compute: (ctx, ref) => analyzeLineAuthorization(ctx, requireLine(ref)).record?.startDate ?? null,
  }),
  defineFact<string | null>({
    name: 'line.authorization.endDate',
    scope: 'line',
    type: 'date',
    source: S,
    description: "Last day of the line's authorization; null when none.",
    compute: (ctx, ref) => analyzeLineAuthorization(ctx, requireLine(ref)).record?.endDate ?? null,
  }),
  defineFact<number | null>({
    name: 'line.authorization.unitsApproved',
    scope: 'line',
    type: 'number',
    source: S,
    description: "Units the line's authorization approves; null when none or no unit limit.",
    compute: (ctx, ref) => analyzeLineAuthorization(ctx, requireLine(ref)).record?.unitsApproved ?? null,
  }),
  defineFact<number | null>({
    name: 'line.authorization.unitsUsedElsewhere',
    scope: 'line',
    type: 'number',
    source: S,
    description:
      "Units of the code billed against the line's authorization by other claims; null when no authorization.",
    compute: (ctx, ref) => analyzeLineAuthorization(ctx, requireLine(ref)).unitsElsewhere,
  }),
  defineFact<number | null>({
    name: 'line.authorization.unitsRemaining',
    scope: 'line',
    type: 'number',
    source: S,
    description:
      'Units left on the authorization for this line: approved minus other claims minus earlier lines of this claim (negative when overdrawn); null without a unit limit.',
    compute: (ctx, ref) => unitsRemaining(analyzeLineAuthorization(ctx, requireLine(ref))),
  }),
  defineFact<string | null>({
    name: 'line.authorization.providerNpi',
    scope: 'line',
    type: 'string',
    source: S,
    description:
      "The NPI the line's authorization is bound to; null when it is for any provider or there is none.",
    compute: (ctx, ref) => analyzeLineAuthorization(ctx, requireLine(ref)).record?.providerNpi ?? null,
  }),
  defineFact<string>({
    name: 'line.authorization.numberStatus',
    scope: 'line',
    type: 'string',
    source: S,
    description:
      "The line's own REF G1: not-quoted | on-file (this patient's, for the line's code) | other-code | other-patient | unknown.",
    compute: (ctx, ref) => {
      const line = requireLine(ref).line;
      return checkAuthorizationNumber(ctx, line.priorAuthorization, lineCodes(line)).status;
    },
  }),
  defineFact<string>({
    name: 'line.authorization.numberExplanation',
    scope: 'line',
    type: 'string',
    source: S,
    description: "What is on file for the line's own REF G1 number.",
    compute: (ctx, ref) => {
      const line = requireLine(ref).line;
      const codes = lineCodes(line);
      return explainNumber(
        ctx,
        line.priorAuthorization,
        codes,
        checkAuthorizationNumber(ctx, line.priorAuthorization, codes),
      );
    },
  }),
  defineFact<string>({
    name: 'claim.authorization.quotedNumber',
    scope: 'claim',
    type: 'string',
    description: "The claim's REF G1 authorization number, normalized (upper case, no spaces); '' when none.",
    compute: (ctx) => normalizeAuthNumber(ctx.claim.priorAuthorization),
  }),
  defineFact<string>({
    name: 'claim.authorization.numberStatus',
    scope: 'claim',
    type: 'string',
    source: S,
    description:
      "The claim's REF G1: not-quoted | on-file (this patient's, for a billed code) | other-code | other-patient | unknown.",
    compute: (ctx) => checkAuthorizationNumber(ctx, ctx.claim.priorAuthorization, claimCodes(ctx)).status,
  }),
  defineFact<string>({
    name: 'claim.authorization.numberExplanation',
    scope: 'claim',
    type: 'string',
    source: S,
    description: "What is on file for the claim's REF G1 number.",
    compute: (ctx) => {
      const codes = claimCodes(ctx);
      return explainNumber(
        ctx,
        ctx.claim.priorAuthorization,
        codes,
        checkAuthorizationNumber(ctx, ctx.claim.priorAuthorization, codes),
      );
    },
  }),
];
