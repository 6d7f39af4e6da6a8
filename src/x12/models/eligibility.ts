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

/**
 * An AAA request validation: the payer (or UMO) says it could not answer for this party or member.
 * Used by the 271 (2100A/B/C/D, 2110) and the 278 (2010A/B/C/D, 2000E/F).
 */
export interface RequestRejection {
  /** AAA01 valid request indicator: Y the request was valid but cannot be answered, N invalid. */
  validRequest: string;
  /** AAA03 reject reason code (42 unable to respond now, 72 invalid member id, 73 invalid name, 75 subscriber not found, 15 required application data missing, ...). */
  reason: string;
  /** AAA04 follow-up action code (C please correct and resubmit, N resubmission not allowed, R resubmit, ...). */
  followUpAction: string;
  position: X12Position;
}

/** TRN trace number (2000C/2000D in a 271, 2000E/2000F in a 278). */
export interface TraceNumber {
  /** TRN01 trace type: 1 current transaction (from the requester), 2 referenced transaction (echoed by the payer). */
  type: string;
  /** TRN02 trace number. */
  number: string;
  /** TRN03 originating company identifier. */
  originatorId: string;
}

/** 2100A information source (the payer, NM1*PR) or 2100B information receiver (the provider, NM1*1P/FA/80...). */
export interface EligibilityParty {
  party: Party;
  /** 2100A/B AAA: the source could not answer at all, or rejects the receiver. */
  rejections: RequestRejection[];
}

/** 2110C/2110D eligibility or benefit information: one EB segment with its REF, DTP, MSG and 2120 entities. */
export interface EligibilityBenefit {
  /**
   * EB01 eligibility or benefit information code: 1 active coverage, 2 active full risk capitation,
   * 3 active services capitated, 4 active services capitated to primary care physician, 5 active
   * pending investigation, 6 inactive, 7 inactive pending eligibility update, 8 inactive pending
   * investigation; A co-insurance, B co-payment, C deductible, D benefit description, F limitations,
   * G out-of-pocket, I non-covered, L primary care provider, R other or additional payer, U contact
   * following entity, V cannot process, W other source of data, X health care facility, Y spend down, ...
   */
  informationCode: string;
  /** EB02 coverage level: IND individual, FAM family, EMP employee only, ESP employee and spouse, CHD children only, ... */
  coverageLevel: string;
  /** EB03 service type codes, all repetitions (30 health benefit plan coverage, 1 medical care, 33 chiropractic, 35 dental, 47 hospital, 88 pharmacy, 98 professional physician visit, AL vision, MH mental health, UC urgent care, ...). */
  serviceTypes: string[];
  /** EB04 insurance type code (HM HMO, PR PPO, MB Medicare part B, MC Medicaid, C1 commercial, ...). */
  insuranceType: string;
  /** EB05 plan coverage description (plan name as the payer states it). */
  planCoverageDescription: string;
  /** EB06 time period qualifier (6 hour, 7 day, 21 years, 22 service year, 23 calendar year, 25 contract, 27 visit, 29 remaining, ...). */
  timePeriod: string;
  /** EB07 monetary amount (co-payment, deductible...), cents; null when absent. */
  amount: Cents | null;
  /** EB08 percentage as a decimal fraction (0.2 is 20 %); null when absent. */
  percent: number | null;
  /** EB09 quantity qualifier (VS visits, DY days, ...). */
  quantityQualifier: string;
  /** EB10 quantity; null when absent. */
  quantity: number | null;
  /** EB11 authorization or certification required: Y, N, U unknown. */
  authorizationRequired: string;
  /** EB12 in plan network: Y in network, N out of network, W not applicable, U unknown. */
  inPlanNetwork: string;
  /** EB13 procedure composite (HC:code:modifiers), when the benefit is about one procedure. */
  procedure: Procedure | null;
  /** 2110 REF (18 plan number, 6P group number, 1L policy number, ...). */
  references: Reference[];
  /** 2110 DTP (291 plan, 292 benefit, 346 plan begin, 347 plan end, 348 benefit begin, 349 benefit end, 356/357 eligibility begin/end, ...). */
  dates: QualifiedDate[];
  /** 2110 MSG free-form message text. */
  messages: string[];
  /** 2120 benefit related entities (NM1 inside LS..LE: P3 primary care provider, PR other payer, ...). */
  relatedEntities: Party[];
  position: X12Position;
}

/** 2100C subscriber or 2100D dependent, with the benefits of its 2110 loops. */
export interface EligibilityMember {
  /** NM101: IL subscriber (2100C), 03 dependent (2100D). */
  entityIdCode: string;
  /** NM103 */
  lastName: string;
  /** NM104 */
  firstName: string;
  /** NM105 */
  middleName: string;
  /** NM107 */
  suffix: string;
  /** NM108 identification code qualifier (MI member id, II unique health id). */
  idQualifier: string;
  /** NM109 member id ('' for most dependents: they share the subscriber's id). */
  memberId: string;
  /** DMG02 date of birth. */
  birthDate: IsoDate | null;
  /** DMG03 sex: F, M, U ('' when not sent). */
  sex: string;
  /** N3/N4 address. */
  address: Address | null;
  /** INS02 individual relationship code (18 self, 01 spouse, 19 child, ...); '' when no INS. */
  relationshipCode: string;
  /** HL04 = 1: the subscriber has dependent (2000D) levels below it. */
  hasDependents: boolean;
  /** TRN trace numbers of the 2000C/2000D level. */
  traceNumbers: TraceNumber[];
  /** 2100C/D REF (SY SSN, 18 plan number, 1L group or policy, 6P group number, 1W member id, ...). */
  references: Reference[];
  /** 2100C/D DTP (346 plan begin, 347 plan end, 291 plan, 307 eligibility, 356/357 eligibility begin/end, 102 issue, ...). */
  dates: QualifiedDate[];
  /** 2100C/D AAA: the payer could not answer for this member. */
  rejections: RequestRejection[];
  /** 2110C/D EB loops, in file order. */
  benefits: EligibilityBenefit[];
  /** Position of the member's HL segment. */
  position: X12Position;
}

/**
 * What a 271 says about one member: emitted once for each 2000C subscriber and once for each 2000D
 * dependent, with the information source and receiver of the enclosing levels. For a dependent,
 * `subscriber` is the enclosing subscriber (usually the holder of the member id) and `dependent` is the
 * person the benefits are about; for a subscriber `dependent` is null.
 */
export interface EligibilityResponse {
  /** Envelope context; batchReference and creationDate carry BHT03 and BHT04. */
  transaction: TransactionContext;
  version: '5010' | '4010';
  /** BHT02 transaction set purpose: 11 response, 06 confirmation. */
  purpose: string;
  /** 2100A information source (payer). */
  source: EligibilityParty;
  /** 2100B information receiver (provider). */
  receiver: EligibilityParty;
  /** 2100C subscriber. */
  subscriber: EligibilityMember;
  /** 2100D dependent, when this response is about a dependent. */
  dependent: EligibilityMember | null;
  /** Position of the member's HL segment (the dependent's when there is one). */
  position: X12Position;
}
