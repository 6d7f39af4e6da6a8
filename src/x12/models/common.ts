import type { X12Position } from '../x12-issue.js';
import type { Cents, DateRange, IsoDate } from '../values.js';

/** N3/N4 address. */
export interface Address {
  /** N301 */
  line1: string;
  /** N302 */
  line2: string;
  /** N401 */
  city: string;
  /** N402 */
  state: string;
  /** N403 */
  postalCode: string;
  /** N404 */
  country: string;
}

/** An NM1 party: a person or an organisation with its identifier. */
export interface Party {
  /** NM101 entity identifier code (85 billing provider, IL subscriber, PR payer, 82 rendering, ...). */
  entityIdCode: string;
  /** NM102: 1 person, 2 non-person entity. */
  entityType: string;
  /** NM103: last name or organisation name. */
  lastOrOrgName: string;
  /** NM104 */
  firstName: string;
  /** NM105 */
  middleName: string;
  /** NM107 */
  suffix: string;
  /** NM108 identification code qualifier (XX NPI, MI member id, PI payer id, 46 ETIN, FI tax id...). */
  idQualifier: string;
  /** NM109 identification code. */
  id: string;
}

/** A REF segment: qualifier and value. */
export interface Reference {
  /** REF01 */
  qualifier: string;
  /** REF02 */
  value: string;
}

/** A date (DTP in 837, DTM in 835) with its qualifier. */
export interface QualifiedDate {
  /** DTP01 / DTM01 qualifier (472 service, 431 onset, 435 admission, ...). */
  qualifier: string;
  /** The date, or a range for RD8; single dates have from === to. */
  value: DateRange;
}

/** One CAS adjustment triplet: group, reason (CARC), amount, quantity. */
export interface Adjustment {
  /** CAS01 claim adjustment group code: CO, PR, OA, PI, CR. */
  group: string;
  /** CAS02/05/08/11/14/17 claim adjustment reason code (CARC). */
  reason: string;
  /** CAS03/06/... amount in cents (positive reduces payment, negative increases it). */
  amount: Cents;
  /** CAS04/07/... units adjusted, when given. */
  quantity: number | null;
}

/** A procedure composite (SV101, SV202, SV301, SVC01): qualifier, code and up to four modifiers. */
export interface Procedure {
  /** -1 product/service id qualifier: HC (CPT/HCPCS), AD (CDT), ER, IV, N4, NU, ZZ... */
  qualifier: string;
  /** -2 procedure code */
  code: string;
  /** -3 .. -6 modifiers, empty ones omitted */
  modifiers: string[];
  /** -7 description, when sent */
  description: string;
}

export type { Cents, IsoDate, X12Position };
