import type { DataSource } from 'typeorm';
import { ClaimDiagnosisEntity } from '../../src/claims/claim-diagnosis.entity.js';
import { ClaimEventEntity } from '../../src/claims/claim-event.entity.js';
import { ClaimLineEntity } from '../../src/claims/claim-line.entity.js';
import { ClaimProviderEntity } from '../../src/claims/claim-provider.entity.js';
import { ClaimEntity } from '../../src/claims/claim.entity.js';
import { newId } from '../../src/database/column-types.js';
import { ReceivedFileEntity } from '../../src/ingest/received-file.entity.js';
import { ClaimPaymentEntity } from '../../src/remits/claim-payment.entity.js';
import { PaymentAdjustmentEntity } from '../../src/remits/payment-adjustment.entity.js';
import { ProviderAdjustmentEntity } from '../../src/remits/provider-adjustment.entity.js';
import { RemarkCodeEntity } from '../../src/remits/remark-code.entity.js';
import { RemittanceEntity } from '../../src/remits/remittance.entity.js';
import { ServicePaymentEntity } from '../../src/remits/service-payment.entity.js';

/**
 * Claims and remittances written straight through the entities (not through ingest), for the query
 * tests: several payers, statuses, dates (some missing), providers and names, ties in every sort
 * column, one claim with everything (lines, diagnoses, providers, history, two payments with
 * service payments, adjustments and remarks), matched and unmatched claim payments, PLB.
 */

/** Binary (code point) order, as SQLite's BINARY and PostgreSQL's "C" collations compare. */
export function compareBinary(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Scenario {
  claims: ClaimEntity[];
  /** The claim with lines, diagnoses, providers, history and two linked payments. */
  full: ClaimEntity;
  lines: ClaimLineEntity[];
  events: ClaimEventEntity[];
  remittances: RemittanceEntity[];
  payments: ClaimPaymentEntity[];
  /** Payments linked to `full`, in the order they should be listed. */
  fullPayments: ClaimPaymentEntity[];
  unmatched: ClaimPaymentEntity[];
  services: ServicePaymentEntity[];
  providerAdjustments: ProviderAdjustmentEntity[];
}

type ClaimSeed = Pick<
  ClaimEntity,
  | 'patientLastName'
  | 'patientFirstName'
  | 'subscriberMemberId'
  | 'payerId'
  | 'status'
  | 'serviceDateFrom'
  | 'totalChargeCents'
  | 'billingNpi'
  | 'renderingNpi'
  | 'findingCount'
  | 'receivedAt'
>;

// Names are uppercase ASCII letters (plus one mixed-case name alone under its initial) so that every
// collation a test database may have orders them the same way.
const CLAIMS: ClaimSeed[] = [
  c(
    'SMITH',
    'JOHN',
    'M001',
    'P1',
    'paid',
    '2026-01-05',
    15000,
    '1111111111',
    '2222222222',
    2,
    '2026-02-01T10:00:00.000Z',
  ),
  c(
    'SMITH',
    'ANNA',
    'M002',
    'P1',
    'denied',
    '2026-01-10',
    15000,
    '1111111111',
    '3333333333',
    0,
    '2026-02-01T10:00:00.000Z',
  ),
  c(
    'SMITHERS',
    'ROSE',
    'M003',
    'P2',
    'partially-paid',
    null,
    9900,
    '4444444444',
    '2222222222',
    1,
    '2026-02-02T08:00:00.000Z',
  ),
  c(
    'SMYTHE',
    'KIM',
    'M004',
    'P2',
    'submitted',
    '2026-01-20',
    50000,
    '1111111111',
    '2222222222',
    0,
    '2026-02-03T09:30:00.000Z',
  ),
  c(
    'ADAMS',
    'LEE',
    'X12345',
    'P1',
    'pending',
    null,
    1200,
    '4444444444',
    '3333333333',
    0,
    '2026-02-03T09:30:00.000Z',
  ),
  c(
    'BROWN',
    'AMY',
    'M006',
    'P3',
    'reversed',
    '2025-12-31',
    7000,
    '1111111111',
    '5555555555',
    3,
    '2026-01-15T12:00:00.000Z',
  ),
  c(
    'JONES',
    'TED',
    'M007',
    'P1',
    'replaced',
    '2026-01-02',
    2500,
    '1111111111',
    '2222222222',
    0,
    '2026-01-20T12:00:00.000Z',
  ),
  c(
    'JONES',
    'TED',
    'M007',
    'P1',
    'submitted',
    '2026-01-02',
    2600,
    '1111111111',
    '2222222222',
    0,
    '2026-01-25T12:00:00.000Z',
  ),
  c(
    'McDonald',
    'IAN',
    'M009',
    'P2',
    'voided',
    null,
    15000,
    '4444444444',
    '5555555555',
    0,
    '2026-02-04T00:00:00.000Z',
  ),
  c(
    'WILSON',
    'EVE',
    'M010',
    'P1',
    'paid',
    '2026-01-05',
    800,
    '1111111111',
    '2222222222',
    1,
    '2026-02-05T00:00:00.000Z',
  ),
  c(
    'ADAMS',
    'LEE',
    'X12345',
    'P2',
    'submitted',
    null,
    1200,
    '4444444444',
    '3333333333',
    0,
    '2026-02-06T00:00:00.000Z',
  ),
  c(
    'GARCIA',
    'LUZ',
    'M012',
    'P3',
    'paid',
    '2026-02-28',
    31000,
    '6666666666',
    '2222222222',
    0,
    '2026-02-06T00:00:00.000Z',
  ),
];

function c(
  patientLastName: string,
  patientFirstName: string,
  subscriberMemberId: string,
  payerId: string,
  status: string,
  serviceDateFrom: string | null,
  totalChargeCents: number,
  billingNpi: string,
  renderingNpi: string,
  findingCount: number,
  receivedAt: string,
): ClaimSeed {
  return {
    patientLastName,
    patientFirstName,
    subscriberMemberId,
    payerId,
    status,
    serviceDateFrom,
    totalChargeCents,
    billingNpi,
    renderingNpi,
    findingCount,
    receivedAt,
  };
}

function claimRow(fileId: string, i: number, s: ClaimSeed): ClaimEntity {
  return Object.assign(new ClaimEntity(), {
    id: newId(),
    fileId,
    claimType: 'professional',
    version: '5010',
    patientControlNumber: `PCN${String(i + 1).padStart(3, '0')}`,
    frequencyCode: '1',
    submission: 'original',
    supersededById: null,
    duplicateOfId: null,
    paidCents: 0,
    patientResponsibilityCents: 0,
    payerName: `Payer ${s.payerId}`,
    subscriberLastName: s.patientLastName,
    subscriberFirstName: s.patientFirstName,
    subscriberBirthDate: '1970-01-01',
    patientBirthDate: '1970-01-01',
    patientSex: 'F',
    billingTaxId: '123456789',
    billingName: `Clinic ${s.billingNpi.slice(0, 1)}`,
    referringNpi: '',
    facilityCode: '11',
    serviceDateTo: s.serviceDateFrom,
    priorAuthorization: '',
    payerClaimControlNumber: '',
    interchangeControlNumber: '000000001',
    transactionControlNumber: '0001',
    segmentIndex: 10 + i * 20,
    line: 10 + i * 20,
    byteOffset: 400 + i * 900,
    detail: { patientControlNumber: `PCN${String(i + 1).padStart(3, '0')}`, seeded: true },
    ...s,
  });
}

function fileRow(kind: string, n: number): ReceivedFileEntity {
  return Object.assign(new ReceivedFileEntity(), {
    id: newId(),
    sha256: `${kind}${n}`.padEnd(64, '0'),
    name: `seed-${kind}-${n}.x12`,
    sizeBytes: 1000,
    kind,
    status: 'processed',
    transactionCount: 1,
    claimCount: 0,
    paymentCount: 0,
    errorCount: 0,
    warningCount: 0,
    failure: null,
    receivedAt: '2026-02-01T00:00:00.000Z',
    processedAt: '2026-02-01T00:00:01.000Z',
  });
}

function remittanceRow(
  fileId: string,
  payerId: string,
  traceNumber: string,
  paymentDate: string | null,
  receivedAt: string,
): RemittanceEntity {
  return Object.assign(new RemittanceEntity(), {
    id: newId(),
    fileId,
    payerId,
    payerName: `Payer ${payerId}`,
    payeeName: 'Clinic 1',
    payeeNpi: '1111111111',
    payeeTaxId: '123456789',
    traceNumber,
    paymentDate,
    totalPaymentCents: 0,
    handlingCode: 'I',
    paymentMethod: 'ACH',
    creditDebit: 'C',
    claimPaymentCount: 0,
    providerAdjustmentCents: 0,
    interchangeControlNumber: '000000002',
    transactionControlNumber: '0001',
    receivedAt,
  });
}

function paymentRow(
  remittanceId: string,
  claim: ClaimEntity | null,
  segmentIndex: number,
  over: Partial<ClaimPaymentEntity> = {},
): ClaimPaymentEntity {
  return Object.assign(new ClaimPaymentEntity(), {
    id: newId(),
    remittanceId,
    claimId: claim?.id ?? null,
    matchStatus: claim ? 'matched' : 'unmatched',
    patientControlNumber: claim?.patientControlNumber ?? `UNK${segmentIndex}`,
    statusCode: '1',
    chargeCents: claim?.totalChargeCents ?? 1000,
    paidCents: 0,
    patientResponsibilityCents: null,
    claimFilingIndicator: 'CI',
    payerClaimControlNumber: `PCCN${segmentIndex}`,
    facilityCode: '11',
    frequencyCode: '1',
    isReversal: false,
    patientLastName: claim?.patientLastName ?? 'DOE',
    patientFirstName: claim?.patientFirstName ?? 'JANE',
    memberId: claim?.subscriberMemberId ?? 'U1',
    statementFrom: null,
    statementTo: null,
    segmentIndex,
    line: segmentIndex,
    byteOffset: segmentIndex * 40,
    ...over,
  });
}

function serviceRow(
  claimPaymentId: string,
  seq: number,
  over: Partial<ServicePaymentEntity>,
): ServicePaymentEntity {
  return Object.assign(new ServicePaymentEntity(), {
    id: newId(),
    claimPaymentId,
    claimLineId: null,
    seq,
    procedureQualifier: 'HC',
    procedureCode: '99213',
    modifiers: '',
    revenueCode: '',
    chargeCents: 0,
    paidCents: 0,
    allowedCents: null,
    units: 1,
    serviceDate: '2026-01-05',
    serviceDateEnd: null,
    controlNumber: '',
    ...over,
  });
}

function adjustment(
  claimPaymentId: string,
  servicePaymentId: string | null,
  groupCode: string,
  reasonCode: string,
  amountCents: number,
  quantity: number | null = null,
): PaymentAdjustmentEntity {
  return Object.assign(new PaymentAdjustmentEntity(), {
    id: newId(),
    claimPaymentId,
    servicePaymentId,
    groupCode,
    reasonCode,
    amountCents,
    quantity,
  });
}

function remark(claimPaymentId: string, servicePaymentId: string | null, code: string): RemarkCodeEntity {
  return Object.assign(new RemarkCodeEntity(), { id: newId(), claimPaymentId, servicePaymentId, code });
}

/** Writes the scenario through the entities' repositories and returns what it wrote. */
export async function seedScenario(ds: DataSource): Promise<Scenario> {
  const f837 = fileRow('837', 1);
  const f835 = fileRow('835', 1);
  await ds.getRepository(ReceivedFileEntity).insert([f837, f835]);

  const claims = CLAIMS.map((s, i) => claimRow(f837.id, i, s));
  const full = claims[0]!;
  claims[6]!.supersededById = claims[7]!.id;
  claims[7]!.frequencyCode = '7';
  claims[7]!.submission = 'replacement';
  claims[10]!.duplicateOfId = claims[4]!.id;
  claims[10]!.submission = 'duplicate';
  full.paidCents = 11000;
  full.patientResponsibilityCents = 2000;
  full.detail = {
    patientControlNumber: full.patientControlNumber,
    lines: [{ procedure: '99213' }, { procedure: '85025' }],
  };
  // save, not insert: insert's typing refuses the simple-json `detail` record.
  await ds.getRepository(ClaimEntity).save(claims);

  const lines = [
    Object.assign(new ClaimLineEntity(), lineRow(full.id, 2, '85025', '', 5000, '1')),
    Object.assign(new ClaimLineEntity(), lineRow(full.id, 1, '99213', '25,59', 10000, '1,2')),
  ];
  await ds.getRepository(ClaimLineEntity).insert(lines);
  await ds.getRepository(ClaimDiagnosisEntity).insert([
    Object.assign(new ClaimDiagnosisEntity(), {
      id: newId(),
      claimId: full.id,
      seq: 2,
      qualifier: 'ABF',
      code: 'I10',
      role: 'other',
      presentOnAdmission: '',
    }),
    Object.assign(new ClaimDiagnosisEntity(), {
      id: newId(),
      claimId: full.id,
      seq: 1,
      qualifier: 'ABK',
      code: 'E119',
      role: 'principal',
      presentOnAdmission: '',
    }),
  ]);
  await ds.getRepository(ClaimProviderEntity).insert([
    Object.assign(new ClaimProviderEntity(), {
      id: newId(),
      claimId: full.id,
      role: 'billing',
      npi: '1111111111',
      taxId: '123456789',
      lastOrOrgName: 'CLINIC ONE',
      firstName: '',
      taxonomy: '207Q00000X',
    }),
    Object.assign(new ClaimProviderEntity(), {
      id: newId(),
      claimId: full.id,
      role: 'rendering',
      npi: '2222222222',
      taxId: '',
      lastOrOrgName: 'HOUSE',
      firstName: 'GREG',
      taxonomy: '207R00000X',
    }),
  ]);

  const r1 = remittanceRow(f835.id, 'P1', 'TRN001', '2026-02-10', '2026-02-11T00:00:00.000Z');
  const r2 = remittanceRow(f835.id, 'P2', 'TRN002', '2026-02-15', '2026-02-16T00:00:00.000Z');
  const r3 = remittanceRow(f835.id, 'P1', 'TRN003', null, '2026-02-17T00:00:00.000Z');
  const r4 = remittanceRow(f835.id, 'P3', "TRN'004", '2026-02-10', '2026-02-17T00:00:00.000Z');
  const r5 = remittanceRow(f835.id, 'P1', 'TRN005', null, '2026-02-18T00:00:00.000Z');
  const remittances = [r1, r2, r3, r4, r5];
  r1.providerAdjustmentCents = 1500;
  await ds.getRepository(RemittanceEntity).insert(remittances);

  // The full claim: paid in r1 (two services), then reversed in r2 (received later).
  const paid = paymentRow(r1.id, full, 5, { paidCents: 11000, patientResponsibilityCents: 2000 });
  const reversal = paymentRow(r2.id, full, 3, { statusCode: '22', isReversal: true, paidCents: -11000 });
  const unmatched = [
    paymentRow(r1.id, null, 40),
    paymentRow(r1.id, null, 60, { patientLastName: 'ROE', chargeCents: 2000 }),
    paymentRow(r2.id, null, 20),
    paymentRow(r3.id, null, 5),
    paymentRow(r4.id, null, 5),
    paymentRow(r5.id, null, 5),
    paymentRow(r5.id, null, 25),
  ];
  const matchedOther = paymentRow(r3.id, claims[9]!, 30, { paidCents: 800 });
  const manual = paymentRow(r4.id, claims[2]!, 30, { matchStatus: 'manual', paidCents: 4000 });
  const payments = [paid, reversal, ...unmatched, matchedOther, manual];
  await ds.getRepository(ClaimPaymentEntity).insert(payments);

  const s1 = serviceRow(paid.id, 1, {
    claimLineId: lines[1]!.id,
    procedureCode: '99213',
    modifiers: '25',
    chargeCents: 10000,
    paidCents: 8000,
    allowedCents: 9000,
  });
  const s2 = serviceRow(paid.id, 2, {
    claimLineId: lines[0]!.id,
    procedureCode: '85025',
    chargeCents: 5000,
    paidCents: 3000,
    allowedCents: 4000,
    units: 2,
  });
  const services = [s2, s1];
  await ds.getRepository(ServicePaymentEntity).insert(services);
  await ds
    .getRepository(PaymentAdjustmentEntity)
    .insert([
      adjustment(paid.id, null, 'CO', '45', 2000),
      adjustment(paid.id, s1.id, 'CO', '45', 1000),
      adjustment(paid.id, s1.id, 'PR', '2', 1000, 1),
      adjustment(paid.id, s2.id, 'PR', '1', 1000),
      adjustment(reversal.id, null, 'CR', '45', -2000),
    ]);
  await ds
    .getRepository(RemarkCodeEntity)
    .insert([remark(paid.id, null, 'MA01'), remark(paid.id, s1.id, 'N130')]);

  const providerAdjustments = [
    Object.assign(new ProviderAdjustmentEntity(), {
      id: newId(),
      remittanceId: r1.id,
      providerId: '1111111111',
      fiscalPeriodDate: '2026-12-31',
      reason: 'WO',
      reference: 'OVERPAY1',
      amountCents: 1000,
    }),
    Object.assign(new ProviderAdjustmentEntity(), {
      id: newId(),
      remittanceId: r1.id,
      providerId: '1111111111',
      fiscalPeriodDate: '2026-12-31',
      reason: 'L6',
      reference: '',
      amountCents: 500,
    }),
  ];
  await ds.getRepository(ProviderAdjustmentEntity).insert(providerAdjustments);

  const events = [
    Object.assign(new ClaimEventEntity(), {
      id: newId(),
      claimId: full.id,
      at: '2026-02-16T00:00:00.000Z',
      kind: 'remittance-linked',
      fileId: f835.id,
      relatedId: reversal.id,
      detail: 'reversal',
    }),
    Object.assign(new ClaimEventEntity(), {
      id: newId(),
      claimId: full.id,
      at: '2026-02-01T10:00:00.000Z',
      kind: 'received',
      fileId: f837.id,
      relatedId: null,
      detail: '',
    }),
    Object.assign(new ClaimEventEntity(), {
      id: newId(),
      claimId: full.id,
      at: '2026-02-11T00:00:00.000Z',
      kind: 'remittance-linked',
      fileId: f835.id,
      relatedId: paid.id,
      detail: 'paid',
    }),
  ];
  await ds.getRepository(ClaimEventEntity).insert(events);

  return {
    claims,
    full,
    lines,
    events,
    remittances,
    payments,
    fullPayments: [paid, reversal],
    unmatched,
    services,
    providerAdjustments,
  };
}

function lineRow(
  claimId: string,
  lineNumber: number,
  procedureCode: string,
  modifiers: string,
  chargeCents: number,
  diagnosisPointers: string,
): Partial<ClaimLineEntity> {
  return {
    id: newId(),
    claimId,
    lineNumber,
    procedureQualifier: 'HC',
    procedureCode,
    modifiers,
    revenueCode: '',
    chargeCents,
    units: 1,
    unitBasis: 'UN',
    placeOfService: '11',
    serviceDate: '2026-01-05',
    serviceDateEnd: null,
    controlNumber: `LN${lineNumber}`,
    ndc: '',
    diagnosisPointers,
    priorAuthorization: '',
    renderingNpi: '',
  };
}
