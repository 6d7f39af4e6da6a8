import type {
  Address,
  Adjustment,
  Cents,
  IsoDate,
  Party,
  Procedure,
  QualifiedDate,
  Reference,
  X12Position,
} from './common.js';

export type ClaimType = 'professional' | 'institutional' | 'dental';

/** Where a claim came from: interchange, group and transaction set control numbers and labels. */
export interface TransactionContext {
  /** ISA13 interchange control number ('' for a bare transaction set). */
  interchangeControlNumber: string;
  /** ISA06 / ISA08 sender and receiver ids (trimmed). */
  interchangeSenderId: string;
  interchangeReceiverId: string;
  /** ISA15: P production, T test. */
  usageIndicator: string;
  /** GS06 group control number. */
  groupControlNumber: string;
  /** GS08 version label, as sent (often wrong in real files: never used alone for routing). */
  groupVersion: string;
  /** ST01 transaction set id (837, 835, ...). */
  transactionSetId: string;
  /** ST02 transaction set control number. */
  transactionControlNumber: string;
  /** ST03 implementation convention reference, as sent ('' in 4010). */
  implementationReference: string;
  /** BHT03 (837) originator's reference / batch id; TRN02 for 835. */
  batchReference: string;
  /** BHT04 (837) creation date. */
  creationDate: IsoDate | null;
  /** BHT06 (837) claim or encounter identifier: CH chargeable, RP reporting (encounter). */
  claimOrEncounter: string;
}

/** A provider with its identifiers (2010AA billing, 2010AB pay-to, 2310x/2420x claim and line providers). */
export interface Provider {
  /** Role derived from NM101: billing, pay-to, rendering, referring, attending, operating, other-operating, service-facility, supervising, ordering, purchased-service, primary-care, ambulance-pickup, ambulance-dropoff, other. */
  role: ProviderRole;
  party: Party;
  /** NM109 when NM108 = XX. */
  npi: string;
  /** REF EI (EIN) or SY (SSN) in 2010AA; empty elsewhere unless sent. */
  taxId: string;
  /** PRV03 taxonomy code (PRV01 BI billing, PE performing, AT attending...). */
  taxonomy: string;
  address: Address | null;
  /** Other REF ids (G2 provider commercial number, 0B state license, LU location...). */
  references: Reference[];
}

export type ProviderRole =
  | 'billing'
  | 'pay-to'
  | 'pay-to-plan'
  | 'rendering'
  | 'referring'
  | 'primary-care'
  | 'attending'
  | 'operating'
  | 'other-operating'
  | 'service-facility'
  | 'supervising'
  | 'ordering'
  | 'purchased-service'
  | 'ambulance-pickup'
  | 'ambulance-dropoff'
  | 'assistant-surgeon'
  | 'other';

/** 2000B/2010BA subscriber. */
export interface Subscriber {
  /** SBR01 payer responsibility sequence: P primary, S secondary, T tertiary, A..H, U unknown. */
  payerResponsibility: string;
  /** SBR02 individual relationship code (18 = self); empty when the patient is someone else. */
  relationshipCode: string;
  /** SBR03 group or policy number. */
  groupNumber: string;
  /** SBR04 group name. */
  groupName: string;
  /** SBR05 insurance type code (Medicare secondary payer situations). */
  insuranceTypeCode: string;
  /** SBR09 claim filing indicator (MB Medicare B, MC Medicaid, CI commercial, BL BCBS, HM HMO...). */
  claimFilingIndicator: string;
  /** NM109 member id (NM108 = MI, or II). */
  memberId: string;
  lastName: string;
  firstName: string;
  middleName: string;
  suffix: string;
  /** DMG02 date of birth. */
  birthDate: IsoDate | null;
  /** DMG03 sex: F, M, U. */
  sex: string;
  address: Address | null;
  /** REF SY (SSN) and other secondary ids. */
  references: Reference[];
}

/** 2000C/2010CA patient, when not the subscriber. */
export interface Patient {
  /** PAT01 relationship to the insured (01 spouse, 19 child, 20 employee, G8 other...). */
  relationshipCode: string;
  lastName: string;
  firstName: string;
  middleName: string;
  suffix: string;
  /** NM109 when sent (4010 allows a patient member id). */
  memberId: string;
  birthDate: IsoDate | null;
  sex: string;
  address: Address | null;
  references: Reference[];
}

/** 2010BB payer. */
export interface Payer {
  /** NM103 */
  name: string;
  /** NM109 payer id (NM108 PI or XV). */
  id: string;
  idQualifier: string;
  address: Address | null;
  references: Reference[];
}

/** One HI code: diagnosis, procedure (837I), value, occurrence, occurrence span or condition code. */
export interface DiagnosisCode {
  /** HIxx-1 code list qualifier: ABK/BK principal dx, ABF/BF other dx, ABJ/BJ admitting, APR/PR reason for visit, ABN/BN external cause, DR DRG. */
  qualifier: string;
  /** ICD code as sent (no decimal point). */
  code: string;
  /** 1-based order on the claim, principal first (the line diagnosis pointers refer to this order). */
  order: number;
  /** principal | other | admitting | reason-for-visit | external-cause */
  role: 'principal' | 'other' | 'admitting' | 'reason-for-visit' | 'external-cause';
  /** HIxx-9 present on admission indicator (Y, N, U, W, 1), '' when absent. */
  presentOnAdmission: string;
  /** ICD-10 when the qualifier starts with A (ABK...), ICD-9 otherwise. */
  codeSystem: 'ICD-10-CM' | 'ICD-9-CM';
}

/** HI value code (BE): a code and an amount. */
export interface ValueCode {
  code: string;
  amount: Cents | null;
}

/** HI occurrence code (BH) with its date. */
export interface OccurrenceCode {
  code: string;
  date: IsoDate | null;
}

/** HI occurrence span code (BI) with its range. */
export interface OccurrenceSpan {
  code: string;
  from: IsoDate | null;
  to: IsoDate | null;
}

/** HI institutional procedure (BBR/BR principal, BBQ/BQ other) with its date. */
export interface InstitutionalProcedure {
  qualifier: string;
  code: string;
  date: IsoDate | null;
  principal: boolean;
}

/** Institutional-only claim data (837I). */
export interface InstitutionalData {
  /** Type of bill: CLM05-1 facility type + CLM05-3 frequency, e.g. "0111" (leading 0 added). */
  typeOfBill: string;
  /** CL101 admission type code. */
  admissionType: string;
  /** CL102 admission source code. */
  admissionSource: string;
  /** CL103 patient status (discharge status) code. */
  patientStatus: string;
  /** HI DR: diagnosis related group. */
  drg: string;
  valueCodes: ValueCode[];
  occurrenceCodes: OccurrenceCode[];
  occurrenceSpans: OccurrenceSpan[];
  conditionCodes: string[];
  procedures: InstitutionalProcedure[];
}

/** Dental-only claim data (837D). */
export interface DentalData {
  /** DN1 orthodontic months total / remaining. */
  orthoTotalMonths: number | null;
  orthoRemainingMonths: number | null;
  /** DN2 tooth status (tooth number, status code). */
  toothStatus: { tooth: string; status: string }[];
}

/** 2320/2330 other payer (coordination of benefits). */
export interface OtherPayer {
  /** SBR01 of 2320: this other payer's responsibility sequence. */
  payerResponsibility: string;
  /** SBR02 relationship of the patient to the other subscriber. */
  relationshipCode: string;
  groupNumber: string;
  claimFilingIndicator: string;
  /** 2320 claim-level adjustments from the other payer. */
  adjustments: Adjustment[];
  /** AMT D: other payer paid amount. */
  paidAmount: Cents | null;
  /** AMT EAF: remaining patient liability. */
  remainingPatientLiability: Cents | null;
  /** AMT A8: non-covered amount. */
  nonCoveredAmount: Cents | null;
  /** 2330A other subscriber. */
  subscriber: Party | null;
  /** 2330B other payer. */
  payer: Party | null;
  /** DTP 573 adjudication or payment date (2330B). */
  adjudicationDate: IsoDate | null;
  references: Reference[];
}

/** 2430 line adjudication by a prior payer (SVD + CAS + DTP 573). */
export interface LineAdjudication {
  /** SVD01 payer id. */
  payerId: string;
  /** SVD02 paid amount. */
  paidAmount: Cents;
  procedure: Procedure | null;
  /** SVD05 paid units. */
  paidUnits: number | null;
  /** SVD06 bundled line number. */
  bundledLineNumber: string;
  adjustments: Adjustment[];
  adjudicationDate: IsoDate | null;
}

/** 2410 drug identification (LIN + CTP + REF XZ). */
export interface DrugIdentification {
  /** LIN02 qualifier (N4 = NDC 5-4-2). */
  qualifier: string;
  /** LIN03 national drug code. */
  code: string;
  /** CTP04 quantity. */
  quantity: number | null;
  /** CTP05-1 unit (F2, GR, ME, ML, UN). */
  unit: string;
  /** REF XZ prescription number, or VY link sequence. */
  prescriptionNumber: string;
}

/** PWK supplemental information: a report or attachment that goes with the claim or line. */
export interface Attachment {
  /** PWK01 report type code (03 report justifying treatment, OZ support data, CT certification...). */
  reportType: string;
  /** PWK02 transmission code: BM mail, EL electronic, FX fax, AA available on request, FT file transfer. */
  transmissionCode: string;
  /** PWK06 attachment control number (PWK05 = AC). */
  controlNumber: string;
}

/** 2300 CN1 contract information. */
export interface ContractInformation {
  /** CN101 contract type code (01 DRG, 02 per diem, 03 variable per diem, 04 flat, 05 capitated...). */
  typeCode: string;
  /** CN102 contract amount. */
  amount: Cents | null;
  /** CN103 contract percentage. */
  percent: number | null;
  /** CN104 contract code. */
  code: string;
  /** CN105 terms discount percentage. */
  termsDiscountPercent: number | null;
  /** CN106 contract version identifier. */
  versionId: string;
}

/** 2400 service line. */
export interface ServiceLine {
  /** LX01 line number. */
  lineNumber: number;
  /** SV101 / SV202 / SV301 procedure; null for an 837I line with revenue code only. */
  procedure: Procedure | null;
  /** SV201 revenue code (837I). */
  revenueCode: string;
  /** SV102 / SV203 / SV302 line charge. */
  charge: Cents;
  /** SV103 / SV204 unit basis (UN units, MJ minutes, DA days); '' for dental. */
  unitBasis: string;
  /** SV104 / SV205 units (dental: SV306 procedure count, default 1). */
  units: number | null;
  /** SV105 place of service (837P line), SV303 facility code (837D). */
  placeOfService: string;
  /** SV107 (837P) / SV311 (837D) diagnosis code pointers, 1-based into Claim.diagnoses order. */
  diagnosisPointers: number[];
  /** SV109 emergency indicator (Y). */
  emergency: string;
  /** SV111 EPSDT indicator, SV112 family planning. */
  epsdt: string;
  familyPlanning: string;
  /** SV207 (837I) line item denied or non-covered charge. */
  nonCoveredCharge: Cents | null;
  /** SV305 prosthesis, crown or inlay code (837D): I initial placement, R replacement; '' when absent. */
  prosthesisCode: string;
  /** SV304 oral cavity designation codes (837D). */
  oralCavity: string[];
  /** TOO tooth information (837D): tooth code and surfaces. */
  teeth: { code: string; surfaces: string[] }[];
  /** DTP 472 service date (from === to for a single day). */
  serviceDate: IsoDate | null;
  serviceDateEnd: IsoDate | null;
  dates: QualifiedDate[];
  /** REF 6R line item control number. */
  controlNumber: string;
  /** REF G1 line prior authorization. */
  priorAuthorization: string;
  /** REF 9F line referral. */
  referralNumber: string;
  references: Reference[];
  /** 2410 drug (NDC). */
  drug: DrugIdentification | null;
  /** 2420x line-level providers (rendering, ordering, ...). */
  providers: Provider[];
  /** 2430 prior payers' adjudication of this line. */
  adjudications: LineAdjudication[];
  /** NTE line note. */
  note: string;
  /** 2400 PWK line supplemental information (e.g. a certificate of medical necessity). */
  attachments: Attachment[];
  position: X12Position;
}

/** A claim from an 837P, 837I or 837D transaction set (2300 loop and what surrounds it). */
export interface Claim {
  /** Routed on content (SV1/SV2/SV3, CLM05-2) together with ST03/GS08, never GS08 alone. */
  claimType: ClaimType;
  /** 5010 or 4010, from ISA12/GS08/ST03. */
  version: '5010' | '4010';
  transaction: TransactionContext;
  /** 1000A submitter. */
  submitter: Party | null;
  /** 1000B receiver. */
  receiver: Party | null;
  /** 2010AA billing provider (shared by the claims of one 2000A loop). */
  billingProvider: Provider | null;
  /** 2010AB pay-to address provider. */
  payToProvider: Provider | null;
  /** 2010AC pay-to plan (NM1 PE), sent when a health plan is paid instead of the provider. */
  payToPlan: Provider | null;
  subscriber: Subscriber;
  /** 2000C patient; null when the patient is the subscriber. */
  patient: Patient | null;
  payer: Payer;
  /** CLM01 patient control number (the practice's claim id). */
  patientControlNumber: string;
  /** CLM02 total claim charge. */
  totalCharge: Cents;
  /** CLM05-1 place of service (837P/D) or facility type code (837I). */
  facilityCode: string;
  /** CLM05-2 facility code qualifier: B place of service, A uniform billing claim form bill type. */
  facilityCodeQualifier: string;
  /** CLM05-3 claim frequency type code: 1 original, 7 replacement, 8 void. */
  frequencyCode: string;
  /** CLM06 provider signature on file (Y/N). */
  providerSignature: string;
  /** CLM07 assignment or plan participation (A, B, C). */
  assignmentParticipation: string;
  /** CLM08 benefits assignment certification (Y, N, W). */
  benefitsAssignment: string;
  /** CLM09 release of information (Y, I). */
  releaseOfInformation: string;
  /** CLM10 patient signature source. */
  patientSignatureSource: string;
  /** CLM11 related causes (AA auto accident, EM employment, OA other accident). */
  relatedCauses: string[];
  /** CLM11-4 auto accident state. */
  accidentState: string;
  /** CLM12 special program code. */
  specialProgram: string;
  /** CLM20 delay reason code. */
  delayReasonCode: string;
  /** DTP 431 onset of current illness. */
  onsetDate: IsoDate | null;
  /** DTP 439 accident date. */
  accidentDate: IsoDate | null;
  /** DTP 435 admission date (837I, 837P inpatient). */
  admissionDate: IsoDate | null;
  /** DTP 096 discharge date. */
  dischargeDate: IsoDate | null;
  /** DTP 434 statement period (837I). */
  statementFrom: IsoDate | null;
  statementTo: IsoDate | null;
  /** Every claim-level DTP, with its qualifier. */
  dates: QualifiedDate[];
  /** REF G1 prior authorization number. */
  priorAuthorization: string;
  /** REF 9F referral number. */
  referralNumber: string;
  /** REF F8 payer claim control number (original claim, for replacements and voids). */
  payerClaimControlNumber: string;
  /** REF EA medical record number. */
  medicalRecordNumber: string;
  /** Every claim-level REF. */
  references: Reference[];
  /** AMT F5 patient amount paid. */
  patientAmountPaid: Cents | null;
  /** HI diagnoses in claim order, principal first. */
  diagnoses: DiagnosisCode[];
  /** 2310x claim-level providers (rendering, referring, attending, operating, service facility...). */
  providers: Provider[];
  renderingProvider: Provider | null;
  referringProvider: Provider | null;
  attendingProvider: Provider | null;
  operatingProvider: Provider | null;
  serviceFacility: Provider | null;
  /** 2320/2330 other payers. */
  otherPayers: OtherPayer[];
  /** Claim-level NTE (several NTE segments are joined with a line break). */
  note: string;
  /** 2300 PWK claim supplemental information (attachments sent or available). */
  attachments: Attachment[];
  /** 2300 CN1 contract information, when sent. */
  contract: ContractInformation | null;
  institutional: InstitutionalData | null;
  dental: DentalData | null;
  lines: ServiceLine[];
  /** Earliest and latest line service dates (or statement dates), for quick filters. */
  serviceDateFrom: IsoDate | null;
  serviceDateTo: IsoDate | null;
  /** Position of the CLM segment. */
  position: X12Position;
}
