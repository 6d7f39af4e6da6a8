import type {
  Claim,
  ClaimPayment,
  Provider,
  RemittanceHeader,
  RemittanceSummary,
  X12Issue,
} from '../x12/index.js';
import type { IdGenerator } from '../database/id-generator.js';

/**
 * X12 models to table rows (arrays in the column order of ingest-tables.ts): positional arrays, not
 * objects, because a file of a million claims becomes ten million rows and every allocation counts.
 */

/** Integer cents for a column that cannot be NULL: an unreadable amount (NaN, already an issue) is 0. */
export function cents(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Cents for a nullable column. */
function centsOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function numberOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A claim line as payment linking needs it. */
export interface LineKey {
  id: string;
  claimId: string;
  lineNumber: number;
  procedureCode: string;
  serviceDate: string | null;
  controlNumber: string;
}

/** Everything one claim becomes. */
export interface ClaimRowSet {
  claim: unknown[];
  lines: unknown[][];
  diagnoses: unknown[][];
  providers: unknown[][];
  lineKeys: LineKey[];
}

/** The providers stored for a claim: billing, pay-to, pay-to plan, then the 2310x claim-level ones. */
export function claimLevelProviders(claim: Claim): Provider[] {
  const out: Provider[] = [];
  if (claim.billingProvider) out.push(claim.billingProvider);
  if (claim.payToProvider) out.push(claim.payToProvider);
  if (claim.payToPlan) out.push(claim.payToPlan);
  for (const p of claim.providers) out.push(p);
  return out;
}

function providerName(p: Provider | null): string {
  if (!p) return '';
  const { lastOrOrgName, firstName, entityType } = p.party;
  return entityType === '1' && firstName ? `${lastOrOrgName}, ${firstName}` : lastOrOrgName;
}

function lineRenderingNpi(claim: Claim, index: number): string {
  const line = claim.lines[index];
  if (!line) return '';
  for (const p of line.providers) if (p.role === 'rendering') return p.npi;
  return '';
}

/**
 * The rows of one claim: the claim (submission 'original', status 'submitted' until ingest decides
 * otherwise), its lines, HI diagnoses and claim-level providers. `claim.detail` is the whole model.
 */
export function claimRows(claim: Claim, ids: IdGenerator, fileId: string, receivedAt: string): ClaimRowSet {
  const id = ids.next();
  const patient = claim.patient;
  const subscriber = claim.subscriber;
  const billing = claim.billingProvider;
  const professional = claim.facilityCodeQualifier === 'B';
  const row: unknown[] = [
    id,
    fileId,
    claim.claimType,
    claim.version,
    claim.patientControlNumber,
    claim.frequencyCode,
    'original',
    null,
    null,
    'submitted',
    cents(claim.totalCharge),
    0,
    0,
    claim.payer.id,
    claim.payer.name,
    subscriber.memberId,
    subscriber.lastName,
    subscriber.firstName,
    subscriber.birthDate,
    patient ? patient.lastName : subscriber.lastName,
    patient ? patient.firstName : subscriber.firstName,
    patient ? patient.birthDate : subscriber.birthDate,
    patient ? patient.sex : subscriber.sex,
    billing ? billing.npi : '',
    billing ? billing.taxId : '',
    providerName(billing),
    claim.renderingProvider?.npi || lineRenderingNpi(claim, 0),
    claim.referringProvider?.npi ?? '',
    claim.facilityCode,
    claim.serviceDateFrom,
    claim.serviceDateTo,
    claim.priorAuthorization,
    claim.payerClaimControlNumber,
    claim.transaction.interchangeControlNumber,
    claim.transaction.transactionControlNumber,
    claim.position.segmentIndex,
    claim.position.line,
    claim.position.byteOffset,
    0,
    JSON.stringify(claim),
    receivedAt,
  ];

  const lines: unknown[][] = [];
  const lineKeys: LineKey[] = [];
  for (let i = 0; i < claim.lines.length; i++) {
    const l = claim.lines[i]!;
    const lineId = ids.next();
    const procedureCode = l.procedure?.code ?? '';
    lines.push([
      lineId,
      id,
      l.lineNumber,
      l.procedure?.qualifier ?? '',
      procedureCode,
      l.procedure ? l.procedure.modifiers.join(',') : '',
      l.revenueCode,
      cents(l.charge),
      numberOrNull(l.units),
      l.unitBasis,
      // An 837P/837D line without SV105 takes the claim's place of service (CLM05-1).
      l.placeOfService || (professional ? claim.facilityCode : ''),
      l.serviceDate,
      l.serviceDateEnd,
      l.controlNumber,
      l.drug?.code ?? '',
      l.diagnosisPointers.join(','),
      l.priorAuthorization,
      lineRenderingNpi(claim, i),
    ]);
    lineKeys.push({
      id: lineId,
      claimId: id,
      lineNumber: l.lineNumber,
      procedureCode,
      serviceDate: l.serviceDate,
      controlNumber: l.controlNumber,
    });
  }

  const diagnoses: unknown[][] = [];
  for (const d of claim.diagnoses) {
    diagnoses.push([ids.next(), id, d.order, d.qualifier, d.code, d.role, d.presentOnAdmission]);
  }

  const providers: unknown[][] = [];
  for (const p of claimLevelProviders(claim)) {
    providers.push([
      ids.next(),
      id,
      p.role,
      p.npi,
      p.taxId,
      p.party.lastOrOrgName,
      p.party.firstName,
      p.taxonomy,
    ]);
  }
  return { claim: row, lines, diagnoses, providers, lineKeys };
}

/** A claim_event row. */
export function eventRow(
  ids: IdGenerator,
  claimId: string,
  at: string,
  kind: string,
  fileId: string | null,
  relatedId: string | null,
  detail: string,
): unknown[] {
  return [ids.next(), claimId, at, kind, fileId, relatedId, detail];
}

/** The 835 payer id a claim's 2010BB NM109 should equal: REF 2U or N104 (XV/PI), else N104. */
export function remittancePayerId(header: RemittanceHeader): string {
  return header.payer.npi || header.payer.id;
}

/** A remittance row; its claim payment count and PLB total are filled in when its summary arrives. */
export function remittanceRow(
  header: RemittanceHeader,
  id: string,
  fileId: string,
  receivedAt: string,
): unknown[] {
  return [
    id,
    fileId,
    remittancePayerId(header),
    header.payer.name,
    header.payee.name,
    header.payee.npi,
    header.payee.taxId,
    header.traceNumber,
    header.paymentDate,
    cents(header.totalPayment),
    header.handlingCode,
    header.paymentMethod,
    header.creditDebit,
    0,
    0,
    header.transaction.interchangeControlNumber,
    header.transaction.transactionControlNumber,
    receivedAt,
  ];
}

/** PLB rows of a remittance summary. */
export function providerAdjustmentRows(
  summary: RemittanceSummary,
  remittanceId: string,
  ids: IdGenerator,
): unknown[][] {
  return summary.providerAdjustments.map((a) => [
    ids.next(),
    remittanceId,
    a.providerId,
    a.fiscalPeriodDate,
    a.reason,
    a.reference,
    cents(a.amount),
  ]);
}

/** Everything one claim payment becomes. */
export interface PaymentRowSet {
  payment: unknown[];
  services: unknown[][];
  adjustments: unknown[][];
  remarks: unknown[][];
}

/** The rows of one CLP: the claim payment (unmatched until linked), SVC lines, CAS (claim and line), remark codes. */
export function paymentRows(p: ClaimPayment, remittanceId: string, ids: IdGenerator): PaymentRowSet {
  const id = ids.next();
  const person = p.patient ?? p.insured;
  const payment: unknown[] = [
    id,
    remittanceId,
    null,
    'unmatched',
    p.patientControlNumber,
    p.statusCode,
    cents(p.charge),
    cents(p.paid),
    centsOrNull(p.patientResponsibility),
    p.claimFilingIndicator,
    p.payerClaimControlNumber,
    p.facilityCode,
    p.frequencyCode,
    p.isReversal,
    person?.lastOrOrgName ?? '',
    person?.firstName ?? '',
    p.patient?.id || p.insured?.id || '',
    p.statementFrom,
    p.statementTo,
    p.position.segmentIndex,
    p.position.line,
    p.position.byteOffset,
  ];
  const services: unknown[][] = [];
  const adjustments: unknown[][] = [];
  const remarks: unknown[][] = [];
  for (const a of p.adjustments) {
    adjustments.push([ids.next(), id, null, a.group, a.reason, cents(a.amount), numberOrNull(a.quantity)]);
  }
  for (const info of p.adjudicationInfo) {
    for (const code of info.remarkCodes) if (code) remarks.push([ids.next(), id, null, code]);
  }
  for (let i = 0; i < p.services.length; i++) {
    const s = p.services[i]!;
    const serviceId = ids.next();
    services.push([
      serviceId,
      id,
      null,
      i + 1,
      s.procedure.qualifier,
      s.procedure.code,
      s.procedure.modifiers.join(','),
      s.revenueCode,
      cents(s.charge),
      cents(s.paid),
      centsOrNull(s.allowedAmount),
      numberOrNull(s.units),
      s.serviceDate,
      s.serviceDateEnd,
      s.controlNumber,
    ]);
    for (const a of s.adjustments) {
      adjustments.push([
        ids.next(),
        id,
        serviceId,
        a.group,
        a.reason,
        cents(a.amount),
        numberOrNull(a.quantity),
      ]);
    }
    for (const code of s.remarkCodes) if (code) remarks.push([ids.next(), id, serviceId, code]);
  }
  return { payment, services, adjustments, remarks };
}

/** A file_issue row. */
export function issueRow(issue: X12Issue, fileId: string, seq: number, ids: IdGenerator): unknown[] {
  return [
    ids.next(),
    fileId,
    seq,
    issue.severity,
    issue.code,
    issue.message,
    issue.segmentIndex,
    issue.segmentId,
    issue.elementIndex ?? null,
    issue.componentIndex ?? null,
    issue.line,
    issue.byteOffset,
    issue.path ?? null,
  ];
}
