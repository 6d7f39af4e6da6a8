/**
 * The baseline for bench:ingest: what a typical TypeORM application does with the same files. The project's
 * streaming parser reads them (so parsing costs the same on both sides), and the rows go in through
 * `manager.save()`, one claim (or claim payment) at a time: the claim entity, then the array of its lines,
 * of its diagnoses and of its providers and its history event, inside one transaction per file. Claim
 * payments are matched the usual way: a lookup of the claim by CLP01 and of its lines (linked to the services
 * by the same pure rule the ingest uses), then the claim's totals and status are saved with an event.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { ClaimDiagnosisEntity } from '../../src/claims/claim-diagnosis.entity.js';
import { ClaimEventEntity } from '../../src/claims/claim-event.entity.js';
import { ClaimLineEntity } from '../../src/claims/claim-line.entity.js';
import { ClaimProviderEntity } from '../../src/claims/claim-provider.entity.js';
import { ClaimEntity } from '../../src/claims/claim.entity.js';
import { newId, nowIso } from '../../src/database/column-types.js';
import { matchServiceLines } from '../../src/ingest/payment-matching.js';
import { ReceivedFileEntity } from '../../src/ingest/received-file.entity.js';
import { ClaimPaymentEntity } from '../../src/remits/claim-payment.entity.js';
import { PaymentAdjustmentEntity } from '../../src/remits/payment-adjustment.entity.js';
import { ProviderAdjustmentEntity } from '../../src/remits/provider-adjustment.entity.js';
import { RemarkCodeEntity } from '../../src/remits/remark-code.entity.js';
import { RemittanceEntity } from '../../src/remits/remittance.entity.js';
import { ServicePaymentEntity } from '../../src/remits/service-payment.entity.js';
import type { Claim, Provider } from '../../src/x12/models/claim.js';
import type { Adjustment } from '../../src/x12/models/common.js';
import type { ClaimPayment, RemittanceHeader, RemittanceSummary } from '../../src/x12/models/remittance.js';
import { parseX12Stream } from '../../src/x12/index.js';

export interface BaselineFile {
  id: string;
  kind: string;
  claimCount: number;
  paymentCount: number;
  errorCount: number;
}

const HIGH_WATER_MARK = 1 << 20;

/** Reads the file once: the SHA-256 is updated as the parser consumes the bytes. */
async function* hashing(path: string, hash: Hash): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(path, { highWaterMark: HIGH_WATER_MARK })) {
    hash.update(chunk as Buffer);
    yield chunk as Buffer;
  }
}

async function newFile(manager: EntityManager, path: string, kind: string): Promise<ReceivedFileEntity> {
  const file = new ReceivedFileEntity();
  file.id = newId();
  // Filled in at the end; the row must exist first for the foreign keys.
  file.sha256 = file.id;
  file.name = basename(path);
  file.sizeBytes = (await stat(path)).size;
  file.kind = kind;
  file.status = 'processing';
  file.transactionCount = 0;
  file.claimCount = 0;
  file.paymentCount = 0;
  file.errorCount = 0;
  file.warningCount = 0;
  file.failure = null;
  file.receivedAt = nowIso();
  file.processedAt = null;
  return manager.save(file);
}

async function finishFile(
  manager: EntityManager,
  file: ReceivedFileEntity,
  sha256: string,
): Promise<BaselineFile> {
  const duplicate = await manager.findOneBy(ReceivedFileEntity, { sha256 });
  if (duplicate) throw new Error(`${file.name} was already received as ${duplicate.id}`);
  file.sha256 = sha256;
  file.status = 'processed';
  file.processedAt = nowIso();
  await manager.save(file);
  return {
    id: file.id,
    kind: file.kind,
    claimCount: file.claimCount,
    paymentCount: file.paymentCount,
    errorCount: file.errorCount,
  };
}

function providerNpi(providers: readonly Provider[], role: string): string {
  return providers.find((p) => p.role === role)?.npi ?? '';
}

function event(
  claimId: string,
  kind: string,
  fileId: string,
  relatedId: string | null,
  detail: string,
): ClaimEventEntity {
  const e = new ClaimEventEntity();
  e.id = newId();
  e.claimId = claimId;
  e.at = nowIso();
  e.kind = kind;
  e.fileId = fileId;
  e.relatedId = relatedId;
  e.detail = detail;
  return e;
}

function submission(frequencyCode: string): string {
  if (frequencyCode === '7') return 'replacement';
  if (frequencyCode === '8') return 'void';
  return 'original';
}

async function saveClaim(manager: EntityManager, fileId: string, claim: Claim): Promise<void> {
  const c = new ClaimEntity();
  c.id = newId();
  c.fileId = fileId;
  c.claimType = claim.claimType;
  c.version = claim.version;
  c.patientControlNumber = claim.patientControlNumber;
  c.frequencyCode = claim.frequencyCode;
  c.submission = submission(claim.frequencyCode);
  c.supersededById = null;
  c.duplicateOfId = null;
  c.status = 'submitted';
  c.totalChargeCents = claim.totalCharge;
  c.paidCents = 0;
  c.patientResponsibilityCents = 0;
  c.payerId = claim.payer.id;
  c.payerName = claim.payer.name;
  c.subscriberMemberId = claim.subscriber.memberId;
  c.subscriberLastName = claim.subscriber.lastName;
  c.subscriberFirstName = claim.subscriber.firstName;
  c.subscriberBirthDate = claim.subscriber.birthDate;
  const patient = claim.patient ?? claim.subscriber;
  c.patientLastName = patient.lastName;
  c.patientFirstName = patient.firstName;
  c.patientBirthDate = patient.birthDate;
  c.patientSex = patient.sex;
  c.billingNpi = claim.billingProvider?.npi ?? '';
  c.billingTaxId = claim.billingProvider?.taxId ?? '';
  c.billingName = claim.billingProvider?.party.lastOrOrgName ?? '';
  c.renderingNpi = claim.renderingProvider?.npi || providerNpi(claim.lines[0]?.providers ?? [], 'rendering');
  c.referringNpi = claim.referringProvider?.npi ?? '';
  c.facilityCode = claim.facilityCode;
  c.serviceDateFrom = claim.serviceDateFrom;
  c.serviceDateTo = claim.serviceDateTo;
  c.priorAuthorization = claim.priorAuthorization;
  c.payerClaimControlNumber = claim.payerClaimControlNumber;
  c.interchangeControlNumber = claim.transaction.interchangeControlNumber;
  c.transactionControlNumber = claim.transaction.transactionControlNumber;
  c.segmentIndex = claim.position.segmentIndex;
  c.line = claim.position.line;
  c.byteOffset = claim.position.byteOffset;
  c.findingCount = 0;
  c.detail = claim as unknown as Record<string, unknown>;
  c.receivedAt = nowIso();
  await manager.save(c);

  const lines: ClaimLineEntity[] = [];
  for (const line of claim.lines) {
    const l = new ClaimLineEntity();
    l.id = newId();
    l.claimId = c.id;
    l.lineNumber = line.lineNumber;
    l.procedureQualifier = line.procedure?.qualifier ?? '';
    l.procedureCode = line.procedure?.code ?? '';
    l.modifiers = line.procedure?.modifiers.join(',') ?? '';
    l.revenueCode = line.revenueCode;
    l.chargeCents = line.charge;
    l.units = line.units;
    l.unitBasis = line.unitBasis;
    l.placeOfService = line.placeOfService;
    l.serviceDate = line.serviceDate;
    l.serviceDateEnd = line.serviceDateEnd;
    l.controlNumber = line.controlNumber;
    l.ndc = line.drug?.code ?? '';
    l.diagnosisPointers = line.diagnosisPointers.join(',');
    l.priorAuthorization = line.priorAuthorization;
    l.renderingNpi = providerNpi(line.providers, 'rendering');
    lines.push(l);
  }
  await manager.save(lines);
  const diagnoses: ClaimDiagnosisEntity[] = [];
  for (const dx of claim.diagnoses) {
    const d = new ClaimDiagnosisEntity();
    d.id = newId();
    d.claimId = c.id;
    d.seq = dx.order;
    d.qualifier = dx.qualifier;
    d.code = dx.code;
    d.role = dx.role;
    d.presentOnAdmission = dx.presentOnAdmission;
    diagnoses.push(d);
  }
  await manager.save(diagnoses);
  const providers: ClaimProviderEntity[] = [];
  for (const provider of claim.billingProvider
    ? [claim.billingProvider, ...claim.providers]
    : claim.providers) {
    const p = new ClaimProviderEntity();
    p.id = newId();
    p.claimId = c.id;
    p.role = provider.role;
    p.npi = provider.npi;
    p.taxId = provider.taxId;
    p.lastOrOrgName = provider.party.lastOrOrgName;
    p.firstName = provider.party.firstName;
    p.taxonomy = provider.taxonomy;
    providers.push(p);
  }
  await manager.save(providers);
  await manager.save(event(c.id, 'received', fileId, null, `received as ${c.submission}`));
}

/** 837: one claim at a time: save(claim), then save() of its lines, diagnoses and providers. */
export async function baseline837(dataSource: DataSource, path: string): Promise<BaselineFile> {
  return dataSource.transaction(async (manager) => {
    const file = await newFile(manager, path, '837');
    const hash = createHash('sha256');
    for await (const item of parseX12Stream(hashing(path, hash))) {
      if (item.kind === 'claim') {
        await saveClaim(manager, file.id, item.claim);
        file.claimCount++;
      } else if (item.kind === 'transaction') file.transactionCount++;
      else if (item.kind === 'issue') {
        if (item.issue.severity === 'error') file.errorCount++;
        else file.warningCount++;
      }
    }
    return finishFile(manager, file, hash.digest('hex'));
  });
}

function addAdjustments(
  out: PaymentAdjustmentEntity[],
  claimPaymentId: string,
  servicePaymentId: string | null,
  adjustments: readonly Adjustment[],
): void {
  for (const adjustment of adjustments) {
    const a = new PaymentAdjustmentEntity();
    a.id = newId();
    a.claimPaymentId = claimPaymentId;
    a.servicePaymentId = servicePaymentId;
    a.groupCode = adjustment.group;
    a.reasonCode = adjustment.reason;
    a.amountCents = adjustment.amount;
    a.quantity = adjustment.quantity;
    out.push(a);
  }
}

function addRemarks(
  out: RemarkCodeEntity[],
  claimPaymentId: string,
  servicePaymentId: string | null,
  codes: readonly string[],
): void {
  for (const code of codes) {
    const r = new RemarkCodeEntity();
    r.id = newId();
    r.claimPaymentId = claimPaymentId;
    r.servicePaymentId = servicePaymentId;
    r.code = code;
    out.push(r);
  }
}

function claimStatus(payment: ClaimPayment): string {
  if (payment.isReversal) return 'reversed';
  if (payment.statusCode === '4') return 'denied';
  if (payment.paid < payment.charge && payment.services.some((s) => s.paid === 0)) return 'partially-paid';
  return 'paid';
}

async function saveRemittance(
  manager: EntityManager,
  fileId: string,
  header: RemittanceHeader,
): Promise<RemittanceEntity> {
  const r = new RemittanceEntity();
  r.id = newId();
  r.fileId = fileId;
  r.payerId = header.payer.npi || header.payer.id;
  r.payerName = header.payer.name;
  r.payeeName = header.payee.name;
  r.payeeNpi = header.payee.npi;
  r.payeeTaxId = header.payee.taxId;
  r.traceNumber = header.traceNumber;
  r.paymentDate = header.paymentDate;
  r.totalPaymentCents = header.totalPayment;
  r.handlingCode = header.handlingCode;
  r.paymentMethod = header.paymentMethod;
  r.creditDebit = header.creditDebit;
  // Known once the transaction set ends.
  r.claimPaymentCount = 0;
  r.providerAdjustmentCents = 0;
  r.interchangeControlNumber = header.transaction.interchangeControlNumber;
  r.transactionControlNumber = header.transaction.transactionControlNumber;
  r.receivedAt = nowIso();
  return manager.save(r);
}

async function savePayment(
  manager: EntityManager,
  fileId: string,
  remittanceId: string,
  payment: ClaimPayment,
): Promise<void> {
  const claim = await manager.findOne(ClaimEntity, {
    where: { patientControlNumber: payment.patientControlNumber },
    select: { id: true, status: true, paidCents: true, patientResponsibilityCents: true },
    order: { receivedAt: 'DESC' },
  });
  const lines = claim
    ? await manager.find(ClaimLineEntity, {
        where: { claimId: claim.id },
        select: { id: true, lineNumber: true, procedureCode: true, serviceDate: true, controlNumber: true },
      })
    : [];

  const p = new ClaimPaymentEntity();
  p.id = newId();
  p.remittanceId = remittanceId;
  p.claimId = claim?.id ?? null;
  p.matchStatus = claim ? 'matched' : 'unmatched';
  p.patientControlNumber = payment.patientControlNumber;
  p.statusCode = payment.statusCode;
  p.chargeCents = payment.charge;
  p.paidCents = payment.paid;
  p.patientResponsibilityCents = payment.patientResponsibility;
  p.claimFilingIndicator = payment.claimFilingIndicator;
  p.payerClaimControlNumber = payment.payerClaimControlNumber;
  p.facilityCode = payment.facilityCode;
  p.frequencyCode = payment.frequencyCode;
  p.isReversal = payment.isReversal;
  p.patientLastName = payment.patient?.lastOrOrgName ?? '';
  p.patientFirstName = payment.patient?.firstName ?? '';
  p.memberId = payment.patient?.id || payment.insured?.id || '';
  p.statementFrom = payment.statementFrom;
  p.statementTo = payment.statementTo;
  p.segmentIndex = payment.position.segmentIndex;
  p.line = payment.position.line;
  p.byteOffset = payment.position.byteOffset;
  await manager.save(p);
  const services: ServicePaymentEntity[] = [];
  const adjustments: PaymentAdjustmentEntity[] = [];
  const remarks: RemarkCodeEntity[] = [];
  addAdjustments(adjustments, p.id, null, payment.adjustments);
  addRemarks(
    remarks,
    p.id,
    null,
    payment.adjudicationInfo.flatMap((info) => info.remarkCodes),
  );
  const lineIds = matchServiceLines(
    payment.services.map((s) => ({
      controlNumber: s.controlNumber,
      procedureCode: s.procedure.code,
      serviceDate: s.serviceDate,
    })),
    lines,
  );
  for (let i = 0; i < payment.services.length; i++) {
    const service = payment.services[i]!;
    const s = new ServicePaymentEntity();
    s.id = newId();
    s.claimPaymentId = p.id;
    s.claimLineId = lineIds[i] ?? null;
    s.seq = i + 1;
    s.procedureQualifier = service.procedure.qualifier;
    s.procedureCode = service.procedure.code;
    s.modifiers = service.procedure.modifiers.join(',');
    s.revenueCode = service.revenueCode;
    s.chargeCents = service.charge;
    s.paidCents = service.paid;
    s.allowedCents = service.allowedAmount;
    s.units = service.units;
    s.serviceDate = service.serviceDate;
    s.serviceDateEnd = service.serviceDateEnd;
    s.controlNumber = service.controlNumber;
    services.push(s);
    addAdjustments(adjustments, p.id, s.id, service.adjustments);
    addRemarks(remarks, p.id, s.id, service.remarkCodes);
  }
  await manager.save(services);
  await manager.save(adjustments);
  await manager.save(remarks);

  if (claim) {
    claim.paidCents += payment.paid;
    claim.patientResponsibilityCents += payment.patientResponsibility ?? 0;
    claim.status = claimStatus(payment);
    await manager.save(ClaimEntity, claim);
    const what = `remittance CLP02 ${payment.statusCode}: paid ${payment.paid} cents`;
    await manager.save(event(claim.id, 'remittance', fileId, p.id, what));
  }
}

async function finishRemittance(
  manager: EntityManager,
  remittance: RemittanceEntity,
  summary: RemittanceSummary,
): Promise<void> {
  remittance.claimPaymentCount = summary.claimPaymentCount;
  remittance.providerAdjustmentCents = summary.totalProviderAdjustments;
  await manager.save(remittance);
  const adjustments: ProviderAdjustmentEntity[] = [];
  for (const adjustment of summary.providerAdjustments) {
    const a = new ProviderAdjustmentEntity();
    a.id = newId();
    a.remittanceId = remittance.id;
    a.providerId = adjustment.providerId;
    a.fiscalPeriodDate = adjustment.fiscalPeriodDate;
    a.reason = adjustment.reason;
    a.reference = adjustment.reference;
    a.amountCents = adjustment.amount;
    adjustments.push(a);
  }
  await manager.save(adjustments);
}

/** 835: save(remittance), then one claim payment at a time with save() of its services, CAS and remarks. */
export async function baseline835(dataSource: DataSource, path: string): Promise<BaselineFile> {
  return dataSource.transaction(async (manager) => {
    const file = await newFile(manager, path, '835');
    const hash = createHash('sha256');
    const open = new Map<RemittanceHeader, RemittanceEntity>();
    for await (const item of parseX12Stream(hashing(path, hash))) {
      switch (item.kind) {
        case 'remittance-header':
          open.set(item.header, await saveRemittance(manager, file.id, item.header));
          break;
        case 'claim-payment': {
          const remittance = open.get(item.payment.header);
          if (!remittance) throw new Error('claim payment before its remittance header');
          await savePayment(manager, file.id, remittance.id, item.payment);
          file.paymentCount++;
          break;
        }
        case 'remittance': {
          const remittance = open.get(item.remittance.header);
          if (remittance) {
            await finishRemittance(manager, remittance, item.remittance);
            open.delete(item.remittance.header);
          }
          break;
        }
        case 'transaction':
          file.transactionCount++;
          break;
        case 'issue':
          if (item.issue.severity === 'error') file.errorCount++;
          else file.warningCount++;
          break;
        default:
          break;
      }
    }
    return finishFile(manager, file, hash.digest('hex'));
  });
}
