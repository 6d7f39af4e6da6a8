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
import type { TransactionContext } from './claim.js';

/** 835 header: BPR, TRN, payer (1000A) and payee (1000B). Shared by all claim payments of the transaction. */
export interface RemittanceHeader {
  transaction: TransactionContext;
  version: '5010' | '4010';
  /** BPR01 transaction handling code: I remittance with payment, H notification only, C payment + advice, D, P, U, X. */
  handlingCode: string;
  /** BPR02 total actual provider payment. */
  totalPayment: Cents;
  /** BPR03 credit/debit flag: C credit, D debit. */
  creditDebit: string;
  /** BPR04 payment method: ACH, CHK, BOP, FWT, NON. */
  paymentMethod: string;
  /** BPR05 payment format (CCP, CTX). */
  paymentFormat: string;
  /** BPR16 check issue or EFT effective date. */
  paymentDate: IsoDate | null;
  /** TRN02 check or EFT trace number. */
  traceNumber: string;
  /** TRN03 payer identifier (1 + EIN). */
  traceOriginatorId: string;
  /** DTM 405 production date. */
  productionDate: IsoDate | null;
  /** CUR02 currency code (CUR01 = PR payer); '' when no CUR was sent, which means US dollars. */
  currency: string;
  /** REF EV receiver id, F2 version, etc. */
  references: Reference[];
  payer: RemittanceParty;
  payee: RemittanceParty;
  position: X12Position;
}

/** N1 PR / N1 PE with its identifiers. */
export interface RemittanceParty {
  /** N101 PR payer, PE payee. */
  entityIdCode: string;
  /** N102 name. */
  name: string;
  /** N103 qualifier (XV CMS plan id, XX NPI, FI tax id, PI payer id). */
  idQualifier: string;
  /** N104 identifier. */
  id: string;
  /** Payer id (REF 2U or N104 when XV/PI) or payee NPI (N104 with XX). */
  npi: string;
  /** Payee REF TJ or N1 FI tax id. */
  taxId: string;
  address: Address | null;
  references: Reference[];
  /** 1000A PER contacts (CX claims office, BL technical, IC web site). */
  contacts: RemittanceContact[];
  /** 1000B RDM remittance delivery method, when the payee receives the remittance by another channel. */
  delivery: RemittanceDelivery | null;
}

/** PER administrative communications contact. */
export interface RemittanceContact {
  /** PER01 contact function code: CX payer claims office, BL technical department, IC information contact. */
  functionCode: string;
  /** PER02 name. */
  name: string;
  /** PER03..PER08 numbers: qualifier (TE phone, EX extension, FX fax, EM e-mail, UR URL) and value. */
  numbers: { qualifier: string; value: string }[];
}

/** 1000B RDM remittance delivery method. */
export interface RemittanceDelivery {
  /** RDM01 report transmission code: BM by mail, EM e-mail, FT file transfer, OL on-line. */
  method: string;
  /** RDM02 name (third-party processor or contact). */
  name: string;
  /** RDM03 communication number (e-mail, FTP or web address). */
  number: string;
}

/** PLB provider-level adjustment: one reason/reference/amount pair. */
export interface ProviderAdjustment {
  /** PLB01 provider identifier. */
  providerId: string;
  /** PLB02 fiscal period date. */
  fiscalPeriodDate: IsoDate | null;
  /** PLBxx-1 adjustment reason code (WO overpayment recovery, L6 interest, FB forwarding balance, ...). */
  reason: string;
  /** PLBxx-2 reference identifier (often the payer claim control number being recouped). */
  reference: string;
  /** Amount: positive reduces the payment, negative increases it. */
  amount: Cents;
  position: X12Position;
}

/** 2110 service payment information. */
export interface ServicePayment {
  /** SVC01 adjudicated procedure with modifiers. */
  procedure: Procedure;
  /** SVC02 line charge. */
  charge: Cents;
  /** SVC03 line paid. */
  paid: Cents;
  /** SVC04 national uniform billing revenue code. */
  revenueCode: string;
  /** SVC05 units paid (default 1 when absent). */
  units: number | null;
  /** SVC06 submitted procedure, when the payer changed it. */
  originalProcedure: Procedure | null;
  /** SVC07 original units of service. */
  originalUnits: number | null;
  /** DTM 472 service date, or 150/151 start/end. */
  serviceDate: IsoDate | null;
  serviceDateEnd: IsoDate | null;
  dates: QualifiedDate[];
  adjustments: Adjustment[];
  /** REF 6R line item control number (links to the 837 line). */
  controlNumber: string;
  references: Reference[];
  /** AMT B6 allowed amount. */
  allowedAmount: Cents | null;
  /** Every AMT (qualifier → cents). */
  amounts: { qualifier: string; amount: Cents }[];
  /** LQ HE remark codes (RARC). */
  remarkCodes: string[];
  position: X12Position;
}

/** MIA (inpatient) / MOA (outpatient) adjudication information: remark codes and amounts. */
export interface ClaimAdjudicationInfo {
  /** 'MIA' or 'MOA'. */
  kind: 'MIA' | 'MOA';
  /** RARC remark codes (MIA05, MIA20-MIA23; MOA03-MOA07). */
  remarkCodes: string[];
  /** Raw elements, for the amounts a reader may need (MIA04 = PPS capital, MOA02 = ESRD ...). */
  elements: string[];
}

/** 2100 claim payment information (CLP) with its service payments. */
export interface ClaimPayment {
  header: RemittanceHeader;
  /** 2000 LX01 header number, when present. */
  headerNumber: string;
  /** CLP01 patient control number (matches 837 CLM01). */
  patientControlNumber: string;
  /** CLP02 claim status: 1 processed as primary, 2 secondary, 3 tertiary, 4 denied, 19-21 forwarded, 22 reversal, 23 not our claim, 25 predetermination. */
  statusCode: string;
  /** CLP03 total claim charge. */
  charge: Cents;
  /** CLP04 claim payment amount. */
  paid: Cents;
  /** CLP05 patient responsibility amount. */
  patientResponsibility: Cents | null;
  /** CLP06 claim filing indicator. */
  claimFilingIndicator: string;
  /** CLP07 payer claim control number (ICN). */
  payerClaimControlNumber: string;
  /** CLP08 facility type code. */
  facilityCode: string;
  /** CLP09 claim frequency code. */
  frequencyCode: string;
  /** CLP11 DRG code. */
  drgCode: string;
  /** CLP12 DRG weight. */
  drgWeight: number | null;
  /** CLP13 discharge fraction. */
  dischargeFraction: number | null;
  /** True for CLP02 = 22 (reversal of a previous payment). */
  isReversal: boolean;
  /** NM1 QC patient. */
  patient: Party | null;
  /** NM1 IL insured. */
  insured: Party | null;
  /** NM1 74 corrected patient/insured name. */
  correctedPatient: Party | null;
  /** NM1 82 rendering provider. */
  renderingProvider: Party | null;
  /** NM1 TT crossover carrier, PR corrected priority payer. */
  crossoverCarrier: Party | null;
  correctedPriorityPayer: Party | null;
  /** Claim-level CAS. */
  adjustments: Adjustment[];
  /** MIA / MOA. */
  adjudicationInfo: ClaimAdjudicationInfo[];
  /** DTM 232/233 statement period, 050 received, 036 coverage expiration. */
  statementFrom: IsoDate | null;
  statementTo: IsoDate | null;
  receivedDate: IsoDate | null;
  dates: QualifiedDate[];
  references: Reference[];
  /** AMT (AU coverage amount, I interest, ...). */
  amounts: { qualifier: string; amount: Cents }[];
  services: ServicePayment[];
  position: X12Position;
}

/** What an 835 transaction set amounts to, reported once its SE is read. */
export interface RemittanceSummary {
  header: RemittanceHeader;
  claimPaymentCount: number;
  /** Σ CLP04 over the transaction. */
  totalClaimPaid: Cents;
  providerAdjustments: ProviderAdjustment[];
  /** Σ PLB amounts. */
  totalProviderAdjustments: Cents;
}

/** A whole remittance, as returned by the in-memory `parseX12`. */
export interface Remittance extends RemittanceSummary {
  payments: ClaimPayment[];
}

export type { Party };
