import type { TransactionContext } from './claim.js';
import type {
  Address,
  Cents,
  IsoDate,
  Party,
  Procedure,
  QualifiedDate,
  Reference,
  X12Position,
} from './common.js';
import type { RequestRejection, TraceNumber } from './eligibility.js';
import type { DateRange } from '../values.js';

/** 2010A UMO, 2010B requester, or a 2010EA/2010FA provider of the event or service. */
export interface ReviewParty {
  party: Party;
  /** NM109 when NM108 = XX. */
  npi: string;
  /** PRV03 provider taxonomy code, when sent. */
  taxonomy: string;
  /** REF secondary ids (EI tax id, ZH carrier-assigned provider id, ...). */
  references: Reference[];
  address: Address | null;
  /** AAA request validations at this party. */
  rejections: RequestRejection[];
}

/** 2010C subscriber or 2010D dependent. */
export interface ReviewMember {
  /** NM101: IL subscriber, QC patient (dependent). */
  entityIdCode: string;
  lastName: string;
  firstName: string;
  middleName: string;
  suffix: string;
  /** NM108 (MI member id). */
  idQualifier: string;
  /** NM109 member id ('' for most dependents). */
  memberId: string;
  /** DMG02 date of birth. */
  birthDate: IsoDate | null;
  /** DMG03 sex: F, M, U ('' when not sent). */
  sex: string;
  /** INS02 individual relationship code (2010D: 01 spouse, 19 child, ...). */
  relationshipCode: string;
  address: Address | null;
  /** REF (SY SSN, 6P group number, ...). */
  references: Reference[];
  rejections: RequestRejection[];
}

/** UM health care services review information. */
export interface ReviewRequestInfo {
  /** UM01 request category: AR admission review, HS health services review, SC specialty care review, IN individual. */
  requestCategory: string;
  /** UM02 certification type: I initial, 1 appeal - immediate, 2 appeal - standard, 3 cancel, 4 extension, R renewal, S revised. */
  certificationType: string;
  /** UM03 service type code (1 medical care, 2 surgical, 3 consultation, 4 diagnostic x-ray, 12 durable medical equipment purchase, 48 hospital inpatient, ...). */
  serviceType: string;
  /** UM04-1 facility type code (place of service or UB bill type), UM04-2 its qualifier (B place of service, A UB bill type). */
  facilityCode: string;
  facilityCodeQualifier: string;
  /** UM06 level of service code (03 emergency, E elective, U urgent). */
  levelOfService: string;
}

/** HSD health care services delivery: how much was requested or certified. */
export interface ServiceQuantity {
  /** HSD01 quantity qualifier: VS visits, DY days, FL units, HS hours, MN month. */
  qualifier: string;
  /** HSD02 quantity; null when absent. */
  quantity: number | null;
  /** HSD03 unit or basis (DA days, MO months, WK week, ...). */
  unit: string;
  /** HSD05 time period qualifier (7 day, 34 month, 35 week, ...), HSD06 number of periods. */
  periodQualifier: string;
  periods: number | null;
}

/**
 * What one 2000E patient event or 2000F service level carries: the UMO's decision (HCR), the service it
 * is about (UM, SV1/SV2/SV3, HSD) and its dates. HCR01 action codes: A1 certified in total, A2 certified
 * partial, A3 not certified, A4 pended, A6 modified, C cancelled, CT contact payer, NA no action required.
 */
export interface ReviewDecision {
  /** TRN trace numbers (TRN01 = 2: the requester's trace echoed back; 1: the UMO's own). */
  traceNumbers: TraceNumber[];
  /** AAA request validations at this level. */
  rejections: RequestRejection[];
  /** UM review information; null when the level has no UM. */
  request: ReviewRequestInfo | null;
  /** HCR01 action code; '' when the level has no HCR. */
  actionCode: string;
  /** HCR02 review identification number: the certification number. */
  certificationNumber: string;
  /** HCR03 decision reason code (industry code list 306: 0A-0Z, ...), mainly on A3, A4, A6, C. */
  decisionReason: string;
  /** HCR04 second surgical opinion indicator (Y/N). */
  secondSurgicalOpinion: string;
  /** REF BB authorization number (also sent by some UMOs in place of HCR02). */
  authorizationNumber: string;
  /** REF NT administrative reference number. */
  administrativeReference: string;
  /** Every REF of the level (BB, NT, 9F referral number, ...). */
  references: Reference[];
  /** Every DTP of the level (AAH/007 certification effective, 036 expiration, 102 issue, 472 service, 435 admission, 096 discharge, ...). */
  dates: QualifiedDate[];
  /** DTP AAH (X217) or 007 (4010 X094) certification effective date or range; its end from DTP 036 when only that is sent. */
  certificationEffective: DateRange | null;
  /** DTP 036 certification expiration date. */
  certificationExpiration: IsoDate | null;
  /** DTP 102 certification issue date. */
  certificationIssued: IsoDate | null;
  /** DTP 472 service date or range (2000E: the event date). */
  serviceDate: DateRange | null;
  /** HSD segments. */
  quantities: ServiceQuantity[];
  /** SV1 (professional), SV2 (institutional), SV3 (dental) or null when the level names no procedure. */
  serviceLineType: 'professional' | 'institutional' | 'dental' | null;
  /** SV101 / SV202 / SV301 procedure composite. */
  procedure: Procedure | null;
  /** SV201 revenue code (institutional). */
  revenueCode: string;
  /** SV102 / SV203 / SV302 requested amount, cents; null when absent. */
  charge: Cents | null;
  /** SV103 / SV204 unit basis (UN units, MJ minutes, DA days). */
  unitBasis: string;
  /** SV104 / SV205 / SV306 service unit count; null when absent. */
  units: number | null;
  /** 2010EA / 2010FA providers (NM1 SJ service provider, FA facility, 71 attending, 72 operating, DK ordering, DN referring, ...). */
  providers: ReviewParty[];
  /** MSG free-form message text. */
  messages: string[];
  /** Position of the level's HL segment. */
  position: X12Position;
}

/** 2000E patient event: the decision on the event, its diagnoses and its 2000F services. */
export interface ReviewEvent extends ReviewDecision {
  /** HI diagnosis codes: qualifier (ABK principal ICD-10, ABF other ICD-10, BK/BF ICD-9, ...) and code, dot-less as sent. */
  diagnoses: { qualifier: string; code: string }[];
  /** 2000F service levels, in file order. */
  services: ReviewDecision[];
}

/**
 * A 278 response about one patient event: emitted once per 2000E level (with its 2000F services) and
 * carrying the UMO, requester, subscriber and dependent of the enclosing levels.
 */
export interface ServicesReview {
  /** Envelope context; batchReference and creationDate carry BHT03 and BHT04. */
  transaction: TransactionContext;
  version: '5010' | '4010';
  /** BHT02: 11 response (requests, 13, are not read into this model). */
  purpose: string;
  /** BHT06 transaction type code (18 reissue, ...); '' when absent. */
  transactionType: string;
  /** 2010A utilization management organization (NM1 X3). */
  umo: ReviewParty;
  /** 2010B requester (NM1 1P provider or FA facility). */
  requester: ReviewParty;
  /** 2010C subscriber. */
  subscriber: ReviewMember;
  /** 2010D dependent, when the patient is not the subscriber. */
  dependent: ReviewMember | null;
  /** The patient event; null when the UMO rejected the member (AAA in 2010C/2010D) and sent no event. */
  event: ReviewEvent | null;
  /** Position of the 2000E HL (of the member's HL when there is no event). */
  position: X12Position;
}
