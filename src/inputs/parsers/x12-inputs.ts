/**
 * X12 inputs: 271 eligibility responses become EligibilityRecords and 278 services review responses
 * become AuthorizationRecords. The X12 engine (src/x12) reads the file; this module decides what each
 * member or service means for claimguard and turns the engine's positioned issues into InputIssues.
 *
 * 271, one record per subscriber or dependent that carries a coverage status:
 * - coverageStatus from the first EB whose EB01 is a status code (EB03 30 "health benefit plan
 *   coverage" or no service type preferred): 1 active, 2 active full risk capitation, 3 active
 *   services capitated, 4 active capitated to primary care physician, 5 active pending investigation
 *   → 'active'; 6 inactive, 7 inactive pending eligibility update, 8 inactive pending investigation
 *   → 'inactive'. Other EB01 codes (co-pay, deductible, limitations, contact entity...) are benefit
 *   details and are not records.
 * - coverageStart / coverageEnd from DTP on that EB, then on the member: 346 plan begin / 347 plan end,
 *   348 / 349 benefit begin / end, 356 / 357 eligibility begin / end, or an RD8 range in 291 plan, 292
 *   benefit or 307 eligibility; a single D8 291 / 307 date is a coverage confirmed for that day only
 *   (start = end). No date at all: the BHT04 response date, start = end, with a warning.
 * - planName from that EB05, else any EB05 of the member, else the REF 18 plan number, else the REF 6P
 *   group number. payerId is the 2100A NM109; memberId the member's NM109, else the subscriber's.
 * - A subscriber that only encloses dependents (HL04 = 1, no EB) gives no record; a member the payer
 *   rejects (AAA) gives a warning and no record.
 *
 * 278 (responses only, BHT02 = 11), one record per service procedure code:
 * - each 2000F service with an SV1/SV2/SV3 procedure, or the 2000E event's own SVn when it has no
 *   services; the service's values fall back to the event's.
 * - status from HCR01: A1 certified in total, A2 certified partial, A6 modified → 'approved'; A3 not
 *   certified → 'denied'; A4 pended, CT contact payer, D deferred → 'pending'; C cancelled →
 *   'cancelled'. NA (no action required: no authorization needed) gives no record, with a warning.
 * - authNumber is HCR02 (certification number), else REF BB, else REF NT; unitsApproved from SV104 /
 *   SV205 / SV306, else HSD02; startDate / endDate from DTP AAH (or 007 / 036), else DTP 472.
 * - procedureCode normalized with normalizeProcedureCode; a code of another shape (revenue code only,
 *   NDC) gives no record and an INPUT_INVALID_CODE warning. providerNpi is the NPI of the service's
 *   2010FA provider, else the event's 2010EA provider (SJ service provider first), else null.
 */
import { normalizeProcedureCode } from '../../code-sets/code-normalization.js';
import {
  type EligibilityBenefit,
  type EligibilityResponse,
  type QualifiedDate,
  type ReviewDecision,
  type ReviewEvent,
  type ServicesReview,
  type X12Issue,
  X12ParseError,
  type X12ParseResult,
  parseX12,
} from '../../x12/index.js';
import {
  type AuthorizationRecord,
  type AuthorizationStatus,
  type CoverageStatus,
  type EligibilityRecord,
  type InputIssue,
  type InputParseResult,
  emptyInputRecords,
} from '../input-records.js';

/** EB01 codes that state a coverage status, and the status they mean. */
export const EB01_COVERAGE_STATUS: Readonly<Record<string, CoverageStatus>> = {
  '1': 'active',
  '2': 'active',
  '3': 'active',
  '4': 'active',
  '5': 'active',
  '6': 'inactive',
  '7': 'inactive',
  '8': 'inactive',
};

/** HCR01 action codes and the authorization status they mean (NA: no record). */
export const HCR01_AUTHORIZATION_STATUS: Readonly<Record<string, AuthorizationStatus>> = {
  A1: 'approved',
  A2: 'approved',
  A6: 'approved',
  A3: 'denied',
  A4: 'pending',
  CT: 'pending',
  D: 'pending',
  C: 'cancelled',
};

/** Reads 271 and 278 responses from an X12 upload. Never throws for bad content: every problem is an issue. */
export function parseX12Inputs(content: Buffer | string, fileName: string): InputParseResult {
  const records = emptyInputRecords();
  const issues: InputIssue[] = [];
  const text = typeof content === 'string' ? content : content.toString('latin1');
  if (text.trim() === '') {
    issues.push({
      severity: 'error',
      code: 'INPUT_EMPTY',
      message: `${fileName}: the file is empty`,
      file: fileName,
    });
    return { records, issues };
  }
  let parsed: X12ParseResult;
  try {
    parsed = parseX12(content);
  } catch (err) {
    if (err instanceof X12ParseError) {
      for (const i of err.issues) issues.push(toInputIssue(i, fileName));
      return { records, issues };
    }
    throw err;
  }
  for (const i of parsed.issues) issues.push(toInputIssue(i, fileName));

  const wanted = parsed.transactions.filter((t) => t.kind === '271' || t.kind === '278');
  if (wanted.length === 0) {
    const first = parsed.transactions[0];
    const found = parsed.transactions.map(describeTransaction);
    issues.push({
      severity: 'error',
      code: 'X12_WRONG_TRANSACTION',
      message:
        `${fileName}: holds no 271 eligibility response or 278 services review response` +
        (found.length ? ` (found: ${[...new Set(found)].join(', ')})` : ' (no transaction set at all)'),
      file: fileName,
      ...(first
        ? { line: first.position.line, byteOffset: first.position.byteOffset, segment: 'ST', element: 'ST01' }
        : {}),
    });
    return { records, issues };
  }
  for (const t of parsed.transactions) {
    if (t.kind === '271' || t.kind === '278') continue;
    issues.push({
      severity: 'warning',
      code: 'X12_WRONG_TRANSACTION',
      message: `${fileName}: ${describeTransaction(t)} ${t.context.transactionControlNumber} is not a 271 or 278 response; skipped`,
      file: fileName,
      line: t.position.line,
      byteOffset: t.position.byteOffset,
      segment: 'ST',
      element: 'ST01',
    });
  }

  for (const e of parsed.eligibility) {
    const r = eligibilityRecord(e, fileName, issues);
    if (r) records.eligibility.push(r);
  }
  for (const review of parsed.servicesReviews)
    authorizationRecords(review, fileName, issues, records.authorizations);
  return { records, issues };
}

function describeTransaction(t: X12ParseResult['transactions'][number]): string {
  if (t.context.transactionSetId === '278') return '278 request (BHT02 not 11)';
  return t.kind === 'other' ? t.context.transactionSetId || '(empty ST01)' : t.kind;
}

/** An X12 engine issue as an input issue: line, byte offset, segment id and element (`DTP03`, `SV101-2`). */
export function toInputIssue(i: X12Issue, file: string): InputIssue {
  const issue: InputIssue = {
    severity: i.severity,
    code: i.code,
    message: i.path ? `${i.message} (${i.path})` : i.message,
    file,
    line: i.line,
    byteOffset: i.byteOffset,
  };
  if (i.segmentId) issue.segment = i.segmentId;
  if (i.segmentId && i.elementIndex) {
    issue.element =
      `${i.segmentId}${String(i.elementIndex).padStart(2, '0')}` +
      (i.componentIndex ? `-${i.componentIndex}` : '');
  }
  return issue;
}

// ---- 271

function eligibilityRecord(
  e: EligibilityResponse,
  file: string,
  issues: InputIssue[],
): EligibilityRecord | null {
  const m = e.dependent ?? e.subscriber;
  const who = `${m.lastName || '(no name)'}${m.firstName ? `, ${m.firstName}` : ''}`;
  const warn = (code: string, message: string) =>
    issues.push({
      severity: 'warning',
      code,
      message: `${file}: 271 member ${who}: ${message}`,
      file,
      line: m.position.line,
      byteOffset: m.position.byteOffset,
      segment: 'HL',
    });

  if (m.benefits.length === 0) {
    if (m.rejections.length > 0 || e.source.rejections.length > 0) {
      const r = m.rejections[0] ?? e.source.rejections[0]!;
      warn('X12_REQUEST_REJECTED', `the payer could not answer (AAA03 ${r.reason || '(none)'}); no record`);
    } else if (!m.hasDependents) {
      warn('INPUT_MISSING_VALUE', 'no EB eligibility segment; no record');
    }
    return null;
  }
  const status = statusBenefit(m.benefits);
  if (status === null) {
    warn('INPUT_MISSING_VALUE', 'no EB segment with a coverage status (EB01 1-8); no record');
    return null;
  }
  const memberId = m.memberId || e.subscriber.memberId;
  if (memberId === '') {
    warn('INPUT_MISSING_VALUE', 'no member id (NM109) on the member or its subscriber; no record');
    return null;
  }
  let span = coverageSpan([status.dates, m.dates]);
  if (span === null) {
    const day = e.transaction.creationDate;
    if (day === null) {
      warn('INPUT_MISSING_VALUE', 'no coverage date (DTP 346/347, 291, 307...) and no BHT04 date; no record');
      return null;
    }
    warn(
      'INPUT_MISSING_VALUE',
      `no coverage date (DTP 346/347, 291, 307...); coverage recorded for the response date ${day} only`,
    );
    span = { start: day, end: day };
  }
  const planRef =
    m.references.find((r) => r.qualifier === '18') ?? m.references.find((r) => r.qualifier === '6P');
  return {
    payerId: e.source.party.id,
    memberId,
    lastName: m.lastName,
    firstName: m.firstName,
    dob: m.birthDate,
    sex: m.sex === 'M' || m.sex === 'F' ? m.sex : 'U',
    coverageStart: span.start,
    coverageEnd: span.end,
    planName:
      status.planCoverageDescription ||
      m.benefits.find((b) => b.planCoverageDescription !== '')?.planCoverageDescription ||
      planRef?.value ||
      '',
    coverageStatus: EB01_COVERAGE_STATUS[status.informationCode]!,
    origin: { source: 'x12-271', line: m.position.line },
  };
}

/** The EB that states the member's coverage status: plan-level (EB03 30 or none) first. */
function statusBenefit(benefits: EligibilityBenefit[]): EligibilityBenefit | null {
  const withStatus = benefits.filter((b) => EB01_COVERAGE_STATUS[b.informationCode] !== undefined);
  return (
    withStatus.find((b) => b.serviceTypes.length === 0 || b.serviceTypes.includes('30')) ??
    withStatus[0] ??
    null
  );
}

/** Coverage start and end from the first date list that has a start (see the module comment). */
function coverageSpan(lists: QualifiedDate[][]): { start: string; end: string | null } | null {
  for (const dates of lists) {
    const q = (...codes: string[]) => dates.find((d) => codes.includes(d.qualifier))?.value;
    const begin = q('346', '348', '356');
    const finish = q('347', '349', '357');
    const range = dates.find(
      (d) => ['291', '292', '307'].includes(d.qualifier) && d.value.from !== d.value.to,
    );
    const single = q('291', '307');
    const start = begin?.from ?? range?.value.from ?? single?.from;
    if (start === undefined) continue;
    const end =
      finish?.from ?? range?.value.to ?? (begin === undefined && range === undefined ? single!.to : null);
    return { start, end };
  }
  return null;
}

// ---- 278

function authorizationRecords(
  review: ServicesReview,
  file: string,
  issues: InputIssue[],
  into: AuthorizationRecord[],
): void {
  const patient = review.dependent ?? review.subscriber;
  const event = review.event;
  const who = `${patient.lastName || '(no name)'}${patient.firstName ? `, ${patient.firstName}` : ''}`;
  if (event === null) {
    const r = patient.rejections[0] ?? review.subscriber.rejections[0];
    issues.push({
      severity: 'warning',
      code: 'X12_REQUEST_REJECTED',
      message: `${file}: 278 response for ${who}: the UMO rejected the request (AAA03 ${r?.reason || '(none)'}); no record`,
      file,
      line: review.position.line,
      byteOffset: review.position.byteOffset,
      segment: 'HL',
    });
    return;
  }
  const levels: ReviewDecision[] = event.services.length ? event.services : [event];
  for (const level of levels) {
    const warn = (code: string, message: string) =>
      issues.push({
        severity: 'warning',
        code,
        message: `${file}: 278 response for ${who}: ${message}`,
        file,
        line: level.position.line,
        byteOffset: level.position.byteOffset,
        segment: 'HL',
      });
    const pick = <T>(f: (d: ReviewDecision) => T | null | '', ...fallback: ReviewDecision[]): T | null => {
      for (const d of [level, ...fallback]) {
        const v = f(d);
        if (v !== null && v !== '') return v as T;
      }
      return null;
    };
    const up = level === event ? [] : [event];
    const action = pick((d) => d.actionCode, ...up);
    if (action === null) {
      warn('INPUT_MISSING_VALUE', 'no HCR decision on the service or its event; no record');
      continue;
    }
    if (action === 'NA') {
      warn('X12_NO_AUTHORIZATION_REQUIRED', 'HCR01 NA: the UMO says no authorization is required; no record');
      continue;
    }
    const status = HCR01_AUTHORIZATION_STATUS[action];
    if (status === undefined) continue; // reported by the engine as X12_INVALID_CODE
    if (level.procedure === null) {
      const um = pick((d) => d.request?.serviceType ?? '', ...up);
      warn(
        'INPUT_MISSING_VALUE',
        `no SV1/SV2/SV3 procedure code${um ? ` (UM03 service type ${um} only)` : ''}; no record`,
      );
      continue;
    }
    // A composite without its code is an engine error already (SVn01-2 required).
    if (level.procedure.code === '') continue;
    const procedureCode = normalizeProcedureCode(level.procedure.code);
    if (procedureCode === null) {
      warn(
        'INPUT_INVALID_CODE',
        `procedure "${level.procedure.qualifier}:${level.procedure.code}" is not a CPT, HCPCS or CDT code; no record`,
      );
      continue;
    }
    const authNumber =
      pick((d) => d.certificationNumber, ...up) ??
      pick((d) => d.authorizationNumber, ...up) ??
      pick((d) => d.administrativeReference, ...up);
    if (authNumber === null) {
      warn(
        'INPUT_MISSING_VALUE',
        `${procedureCode}: no certification number (HCR02, REF BB or REF NT); no record`,
      );
      continue;
    }
    const span = pick((d) => d.certificationEffective, ...up) ?? pick((d) => d.serviceDate, ...up);
    if (span === null) {
      warn(
        'INPUT_MISSING_VALUE',
        `${procedureCode}: no certification or service date (DTP AAH, 472); no record`,
      );
      continue;
    }
    const units = level.units ?? pick((d) => d.quantities[0]?.quantity ?? null, ...up);
    into.push({
      authNumber,
      payerId: review.umo.party.id,
      memberId: patient.memberId || review.subscriber.memberId,
      patientLastName: patient.lastName,
      patientFirstName: patient.firstName,
      patientDob: patient.birthDate,
      procedureCode,
      unitsApproved: units,
      startDate: span.from,
      endDate: span.to,
      status,
      providerNpi: providerNpi(level, event),
      origin: { source: 'x12-278', line: level.position.line },
    });
  }
}

/** NPI of the service's provider, else the event's (SJ service provider first, then any). */
function providerNpi(level: ReviewDecision, event: ReviewEvent): string | null {
  const own = level.providers.find((p) => p.npi !== '');
  if (own) return own.npi;
  const sj = event.providers.find((p) => p.npi !== '' && p.party.entityIdCode === 'SJ');
  return (sj ?? event.providers.find((p) => p.npi !== ''))?.npi ?? null;
}
