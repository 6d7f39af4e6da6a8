import type {
  Attachment,
  Claim,
  ClaimType,
  DentalData,
  DiagnosisCode,
  DrugIdentification,
  InstitutionalData,
  LineAdjudication,
  OtherPayer,
  Patient,
  Payer,
  Provider,
  ProviderRole,
  ServiceLine,
  Subscriber,
  TransactionContext,
} from '../models/claim.js';
import type { Address, Adjustment, Party } from '../models/common.js';
import type { Segment } from '../segment.js';
import type { BuilderContext, TransactionBuilder } from '../transaction-builder.js';
import { ElementReader, elementLabel, partyOf, positionOf, procedureOf } from './element-reader.js';
import {
  type Cents,
  type DateRange,
  type IsoDate,
  formatCents,
  parseCents,
  parseDate,
  parseDateValue,
} from '../values.js';

// Where the builder stands in the 837 structure. The loop decides which object an N3, N4, REF, PRV,
// DMG, DTP, CAS or AMT belongs to: the same segment id means different things in different loops.
/** Header: BHT and anything before 1000A. */
const HEADER = 0;
/** 1000A submitter name. */
const SUBMITTER = 1;
/** 1000B receiver name. */
const RECEIVER = 2;
/** 2000A billing provider HL, before its NM1 (PRV BI and CUR live here). */
const BILLING_HL = 3;
/** 2010AA billing provider name. */
const BILLING = 4;
/** 2010AB pay-to address. */
const PAY_TO = 5;
/** 2010AC pay-to plan. */
const PAY_TO_PLAN = 6;
/** 2000B subscriber HL (SBR, PAT). */
const SUBSCRIBER_HL = 7;
/** 2010BA subscriber name. */
const SUBSCRIBER = 8;
/** 2010BB payer name. */
const PAYER = 9;
/** 2000C patient HL (PAT). */
const PATIENT_HL = 10;
/** 2010CA patient name. */
const PATIENT = 11;
/** 2300 claim information. */
const CLAIM = 12;
/** 2310x claim-level provider names. */
const CLAIM_PROVIDER = 13;
/** 2320 other subscriber information (SBR after CLM). */
const OTHER_SUBSCRIBER = 14;
/** 2330A other subscriber name. */
const OTHER_INSURED = 15;
/** 2330B other payer name. */
const OTHER_PAYER = 16;
/** 2330C..2330I other payer's providers (not modelled). */
const OTHER_PAYER_PROVIDER = 17;
/** 2400 service line. */
const LINE = 18;
/** 2410 drug identification. */
const DRUG = 19;
/** 2420x line-level provider names. */
const LINE_PROVIDER = 20;
/** 2430 line adjudication. */
const LINE_ADJUDICATION = 21;
/** 2440 form identification (LQ/FRM, not modelled). */
const LINE_FORM = 22;
/** A loop that is not modelled (2010BC responsible party, 2010BD credit card holder, unknown HL level). */
const SKIP = 23;

/** Loop ids for issue paths, indexed by state. */
const LOOP_IDS = [
  'Header',
  '1000A',
  '1000B',
  '2000A',
  '2010AA',
  '2010AB',
  '2010AC',
  '2000B',
  '2010BA',
  '2010BB',
  '2000C',
  '2010CA',
  '2300',
  '2310',
  '2320',
  '2330A',
  '2330B',
  '2330',
  '2400',
  '2410',
  '2420',
  '2430',
  '2440',
  '',
];

// Hierarchical level of the current HL: decides what an NM1 outside a claim names.
const LEVEL_HEADER = 0;
const LEVEL_BILLING = 1;
const LEVEL_SUBSCRIBER = 2;
const LEVEL_PATIENT = 3;
const LEVEL_UNKNOWN = 4;

/** What the required elements mean, for messages a billing person can act on. */
const ELEMENT_NAMES: Record<string, string> = {
  CLM01: 'patient control number',
  CLM02: 'total claim charge amount',
  SV102: 'line item charge amount',
  SV203: 'line item charge amount',
  SV302: 'line item charge amount',
  SVD02: 'service line paid amount',
};

const EMPTY: string[] = [];

const SERVICE_TYPE: Record<string, ClaimType> = { SV1: 'professional', SV2: 'institutional', SV3: 'dental' };

/**
 * Builds claims from the segments of one 837 transaction set (professional, institutional or dental;
 * 5010 and 4010). A small state machine follows the loops (1000A/B, 2000A/B/C and their 2010 names,
 * 2300 with 2310x, 2320/2330, 2400 with 2410, 2420x, 2430) so that every N3, REF, DTP or CAS lands on
 * the object its loop describes. Each claim is emitted as soon as the next CLM or HL (or the end of
 * the transaction set) shows it is complete, so at most one claim is held at a time; the billing
 * provider, subscriber and payer objects are shared by the claims of their HL. The claim type comes from
 * the claim's own service segments, not from the ST03/GS08 label, which real files often get wrong.
 */
export class Claim837Builder implements TransactionBuilder {
  private loop = HEADER;
  private level = LEVEL_HEADER;
  private transaction: TransactionContext;
  private bhtSeen = false;
  private claims = 0;
  private labelMismatchReported = false;

  // HL structure: HL01 counts up from 1; HL02 names the enclosing 2000A or 2000B.
  private hlCount = 0;
  private billingHlId = '';
  private subscriberHlId = '';

  private submitter: Party | null = null;
  private receiver: Party | null = null;
  private billingProvider: Provider | null = null;
  private payToProvider: Provider | null = null;
  private payToPlan: Provider | null = null;
  /** 2000A PRV BI comes before the 2010AA NM1 it describes. */
  private billingTaxonomy = '';
  private subscriber: Subscriber | null = null;
  private payer: Payer | null = null;
  private patient: Patient | null = null;
  /** The provider that PRV, REF, N3 and N4 belong to in 2010AA/AB/AC, 2310x and 2420x. */
  private provider: Provider | null = null;

  // The claim being built and what is only known once it is complete.
  private claim: Claim | null = null;
  private clm: Segment | null = null;
  private totalValid = false;
  private lineSum: Cents = 0;
  private linesValid = true;
  private contentType: ClaimType | null = null;
  /** Collected for every claim, attached only if the claim turns out institutional (or dental). */
  private institutional: InstitutionalData | null = null;
  private dental: DentalData | null = null;
  /** Claim-level DTP 472 (4010), the last fallback for the claim's service dates. */
  private claimServiceDate: DateRange | null = null;
  private otherPayer: OtherPayer | null = null;

  // One-entry caches: files repeat the same dates segment after segment (every line of a visit, the
  // subscriber's birth date), and date parsing is the costliest conversion on the hot path.
  private lastDtpText = '';
  private lastDtpFormat = '';
  private lastDtp: DateRange | null = null;

  private line: ServiceLine | null = null;
  private lx: Segment | null = null;
  private lineHasService = false;
  private drug: DrugIdentification | null = null;
  private adjudication: LineAdjudication | null = null;

  /**
   * @param labeledType the claim type ST03 (or GS08) announces (X222/X098 professional, X223/X096
   *   institutional, X224/X097 dental), or null when the label names none.
   */
  private readonly read: ElementReader;

  constructor(
    private readonly ctx: BuilderContext,
    private readonly labeledType: ClaimType | null,
  ) {
    this.transaction = ctx.transaction;
    this.read = new ElementReader(ctx, ELEMENT_NAMES);
  }

  /** Claims emitted so far. */
  get claimCount(): number {
    return this.claims;
  }

  /** An 837 carries no claim payments; always 0. */
  get paymentCount(): number {
    return 0;
  }

  segment(seg: Segment): void {
    switch (seg.id) {
      case 'NM1':
        this.onNm1(seg);
        break;
      case 'N3':
      case 'N4':
        this.onAddress(seg);
        break;
      case 'REF':
        this.onRef(seg);
        break;
      case 'DTP':
        this.onDtp(seg);
        break;
      case 'LX':
        this.onLx(seg);
        break;
      case 'SV1':
      case 'SV2':
      case 'SV3':
        this.onService(seg);
        break;
      case 'CLM':
        this.onClm(seg);
        break;
      case 'HL':
        this.onHl(seg);
        break;
      case 'HI':
        if (this.claimLevel(seg)) this.onHi(seg);
        break;
      case 'PRV':
        this.onPrv(seg);
        break;
      case 'SBR':
        this.onSbr(seg);
        break;
      case 'DMG':
        this.onDmg(seg);
        break;
      case 'PAT':
        // 2000B PAT (death date, weight, pregnancy) is not modelled; 2000C PAT01 is the relationship.
        if (this.loop === PATIENT_HL && this.patient !== null)
          this.patient.relationshipCode = seg.elements[1] ?? '';
        break;
      case 'CAS':
        this.onCas(seg);
        break;
      case 'AMT':
        this.onAmt(seg);
        break;
      case 'SVD':
        this.onSvd(seg);
        break;
      case 'LIN':
        this.onLin(seg);
        break;
      case 'CTP':
        this.onCtp(seg);
        break;
      case 'TOO':
        this.onToo(seg);
        break;
      case 'NTE':
        this.onNte(seg);
        break;
      case 'PWK':
        this.onPwk(seg);
        break;
      case 'CL1':
        if (this.claimLevel(seg)) {
          const inst = this.institutionalData();
          inst.admissionType = seg.elements[1] ?? '';
          inst.admissionSource = seg.elements[2] ?? '';
          inst.patientStatus = seg.elements[3] ?? '';
        }
        break;
      case 'CN1':
        if (this.claimLevel(seg)) this.onCn1(seg);
        break;
      case 'DN1':
        if (this.claimLevel(seg)) {
          const d = this.dentalData();
          d.orthoTotalMonths = this.quantity(seg, 1);
          d.orthoRemainingMonths = this.quantity(seg, 2);
        }
        break;
      case 'DN2':
        if (this.claimLevel(seg))
          this.dentalData().toothStatus.push({ tooth: seg.elements[1] ?? '', status: seg.elements[2] ?? '' });
        break;
      case 'LQ':
        if (this.line !== null) this.loop = LINE_FORM;
        break;
      case 'BHT':
        this.onBht(seg);
        break;
      default:
        // PER, CUR, OI, MOA, MIA, CR1..CR8, CRC, HCP, K3, QTY, MEA, PS1, FRM...: carried, not modelled.
        break;
    }
  }

  end(): void {
    this.finishClaim();
  }

  // ---- header, HL and names

  private onBht(seg: Segment): void {
    if (this.bhtSeen) return;
    this.bhtSeen = true;
    const e = seg.elements;
    // ctx.transaction is shared with the reader: the claims get their own copy carrying BHT's values.
    this.transaction = {
      ...this.ctx.transaction,
      batchReference: e[3] ?? '',
      creationDate: this.date(seg, 4),
      claimOrEncounter: e[6] ?? '',
    };
  }

  private onHl(seg: Segment): void {
    this.finishClaim();
    const e = seg.elements;
    const id = e[1] ?? '';
    const parent = e[2] ?? '';
    const code = e[3] ?? '';
    this.hlCount++;
    if (parseIndex(id) !== this.hlCount) {
      this.hlIssue(
        seg,
        1,
        `HL01 ${id || '(empty)'} should be ${this.hlCount}: HL ids start at 1 and go up by one`,
      );
    }
    this.provider = null;
    switch (code) {
      case '20':
        if (parent !== '') this.hlIssue(seg, 2, `HL02 ${parent}: a 2000A billing provider HL has no parent`);
        this.billingHlId = id;
        this.subscriberHlId = '';
        this.billingProvider = null;
        this.payToProvider = null;
        this.payToPlan = null;
        this.billingTaxonomy = '';
        this.subscriber = null;
        this.payer = null;
        this.patient = null;
        this.level = LEVEL_BILLING;
        this.loop = BILLING_HL;
        break;
      case '22':
        if (parent !== this.billingHlId || parent === '') {
          this.hlIssue(
            seg,
            2,
            `HL02 parent ${parent || '(empty)'} is not the enclosing 2000A billing provider HL ` +
              (this.billingHlId || '(none)'),
          );
        }
        this.subscriberHlId = id;
        this.subscriber = newSubscriber();
        this.payer = null;
        this.patient = null;
        this.level = LEVEL_SUBSCRIBER;
        this.loop = SUBSCRIBER_HL;
        break;
      case '23':
        if (parent !== this.subscriberHlId || parent === '') {
          this.hlIssue(
            seg,
            2,
            `HL02 parent ${parent || '(empty)'} is not the enclosing 2000B subscriber HL ` +
              (this.subscriberHlId || '(none)'),
          );
        }
        this.patient = newPatient();
        this.level = LEVEL_PATIENT;
        this.loop = PATIENT_HL;
        break;
      default:
        this.hlIssue(
          seg,
          3,
          `HL03 ${code || '(empty)'} is not an 837 level (20 billing provider, 22 subscriber, 23 patient)`,
        );
        this.level = LEVEL_UNKNOWN;
        this.loop = SKIP;
    }
  }

  private hlIssue(seg: Segment, n: number, message: string): void {
    this.ctx.issue('warning', 'X12_HL_STRUCTURE', message, seg, { elementIndex: n, path: `HL0${n}` });
  }

  private onNm1(seg: Segment): void {
    const e = seg.elements;
    const code = e[1] ?? '';
    if (this.claim !== null) {
      if (this.loop >= LINE) {
        // 2420x: NM1 after the line's service segment names a line-level provider.
        const p = provider(e, roleOf(code));
        this.line!.providers.push(p);
        this.provider = p;
        this.loop = LINE_PROVIDER;
      } else if (this.loop >= OTHER_SUBSCRIBER) {
        // After a 2320 SBR every NM1 belongs to the other payer's 2330 loops, even 82 or 77.
        if (code === 'IL') {
          this.otherPayer!.subscriber = partyOf(e);
          this.loop = OTHER_INSURED;
        } else if (code === 'PR') {
          this.otherPayer!.payer = partyOf(e);
          this.loop = OTHER_PAYER;
        } else this.loop = OTHER_PAYER_PROVIDER;
      } else this.onClaimProvider(seg, code);
      return;
    }
    this.provider = null;
    switch (this.level) {
      case LEVEL_HEADER:
        if (code === '41') {
          this.submitter = partyOf(e);
          this.loop = SUBMITTER;
        } else if (code === '40') {
          this.receiver = partyOf(e);
          this.loop = RECEIVER;
        } else this.loop = SKIP;
        break;
      case LEVEL_BILLING:
        if (code === '85') {
          const p = provider(e, 'billing');
          if (this.billingTaxonomy !== '') p.taxonomy = this.billingTaxonomy;
          this.billingProvider = p;
          this.provider = p;
          this.loop = BILLING;
        } else if (code === '87') {
          this.payToProvider = this.provider = provider(e, 'pay-to');
          this.loop = PAY_TO;
        } else if (code === 'PE') {
          this.payToPlan = this.provider = provider(e, 'pay-to-plan');
          this.loop = PAY_TO_PLAN;
        } else this.loop = SKIP;
        break;
      case LEVEL_SUBSCRIBER:
        if (code === 'IL' && this.subscriber !== null) {
          const s = this.subscriber;
          s.lastName = e[3] ?? '';
          s.firstName = e[4] ?? '';
          s.middleName = e[5] ?? '';
          s.suffix = e[7] ?? '';
          s.memberId = e[9] ?? '';
          this.loop = SUBSCRIBER;
        } else if (code === 'PR') {
          this.payer = {
            name: e[3] ?? '',
            id: e[9] ?? '',
            idQualifier: e[8] ?? '',
            address: null,
            references: [],
          };
          this.loop = PAYER;
        } else this.loop = SKIP; // 4010 2010BC responsible party, 2010BD credit card holder
        break;
      case LEVEL_PATIENT:
        if (code === 'QC' && this.patient !== null) {
          const p = this.patient;
          p.lastName = e[3] ?? '';
          p.firstName = e[4] ?? '';
          p.middleName = e[5] ?? '';
          p.suffix = e[7] ?? '';
          p.memberId = e[9] ?? '';
          this.loop = PATIENT;
        } else this.loop = SKIP;
        break;
      default:
        this.loop = SKIP;
    }
  }

  /** 2310x: a claim-level provider, identified by NM101. */
  private onClaimProvider(seg: Segment, code: string): void {
    const c = this.claim!;
    const p = provider(seg.elements, roleOf(code));
    c.providers.push(p);
    switch (p.role) {
      case 'rendering':
        if (c.renderingProvider === null) c.renderingProvider = p;
        break;
      case 'referring':
        if (c.referringProvider === null) c.referringProvider = p;
        break;
      case 'attending':
        if (c.attendingProvider === null) c.attendingProvider = p;
        break;
      case 'operating':
        if (c.operatingProvider === null) c.operatingProvider = p;
        break;
      case 'service-facility':
        if (c.serviceFacility === null) c.serviceFacility = p;
        break;
      default:
        break;
    }
    this.provider = p;
    this.loop = CLAIM_PROVIDER;
  }

  private onAddress(seg: Segment): void {
    let holder: { address: Address | null } | null;
    switch (this.loop) {
      case BILLING:
      case PAY_TO:
      case PAY_TO_PLAN:
      case CLAIM_PROVIDER:
      case LINE_PROVIDER:
        holder = this.provider;
        break;
      case SUBSCRIBER:
        holder = this.subscriber;
        break;
      case PAYER:
        holder = this.payer;
        break;
      case PATIENT:
        holder = this.patient;
        break;
      default:
        // 2330A/B addresses and unmodelled loops.
        return;
    }
    if (holder === null) return;
    let a = holder.address;
    if (a === null) {
      a = { line1: '', line2: '', city: '', state: '', postalCode: '', country: '' };
      holder.address = a;
    }
    const e = seg.elements;
    if (seg.id === 'N3') {
      a.line1 = e[1] ?? '';
      a.line2 = e[2] ?? '';
    } else {
      a.city = e[1] ?? '';
      a.state = e[2] ?? '';
      a.postalCode = e[3] ?? '';
      a.country = e[4] ?? '';
    }
  }

  private onPrv(seg: Segment): void {
    const taxonomy = seg.elements[3] ?? '';
    switch (this.loop) {
      case BILLING_HL:
        this.billingTaxonomy = taxonomy;
        if (this.billingProvider !== null) this.billingProvider.taxonomy = taxonomy;
        break;
      case BILLING:
      case PAY_TO:
      case PAY_TO_PLAN:
      case CLAIM_PROVIDER:
      case LINE_PROVIDER:
        if (this.provider !== null) this.provider.taxonomy = taxonomy;
        break;
      default:
        break;
    }
  }

  private onDmg(seg: Segment): void {
    let who: Subscriber | Patient | null;
    if (this.loop === SUBSCRIBER) who = this.subscriber;
    else if (this.loop === PATIENT) who = this.patient;
    else return; // 2320 (4010) other subscriber demographics: not modelled
    if (who === null) return;
    who.birthDate = this.date(seg, 2);
    who.sex = seg.elements[3] ?? '';
  }

  private onSbr(seg: Segment): void {
    const e = seg.elements;
    if (this.claim !== null) {
      if (this.loop >= LINE) {
        this.unexpected(seg, 'after the service lines (2320 comes before the first LX)');
        return;
      }
      // 2320: other subscriber information for coordination of benefits.
      const o: OtherPayer = {
        payerResponsibility: e[1] ?? '',
        relationshipCode: e[2] ?? '',
        groupNumber: e[3] ?? '',
        claimFilingIndicator: e[9] ?? '',
        adjustments: [],
        paidAmount: null,
        remainingPatientLiability: null,
        nonCoveredAmount: null,
        subscriber: null,
        payer: null,
        adjudicationDate: null,
        references: [],
      };
      this.claim.otherPayers.push(o);
      this.otherPayer = o;
      this.provider = null;
      this.loop = OTHER_SUBSCRIBER;
      return;
    }
    const s = this.subscriber;
    if (s === null || this.level !== LEVEL_SUBSCRIBER) {
      this.unexpected(seg, 'outside a 2000B subscriber HL');
      return;
    }
    s.payerResponsibility = e[1] ?? '';
    s.relationshipCode = e[2] ?? '';
    s.groupNumber = e[3] ?? '';
    s.groupName = e[4] ?? '';
    s.insuranceTypeCode = e[5] ?? '';
    s.claimFilingIndicator = e[9] ?? '';
    this.loop = SUBSCRIBER_HL;
  }

  private onRef(seg: Segment): void {
    const e = seg.elements;
    const qualifier = e[1] ?? '';
    const value = e[2] ?? '';
    switch (this.loop) {
      case BILLING:
      case PAY_TO:
      case PAY_TO_PLAN:
      case CLAIM_PROVIDER:
      case LINE_PROVIDER: {
        const p = this.provider;
        if (p === null) return;
        if (qualifier === 'EI' || qualifier === 'SY') p.taxId = value;
        else p.references.push({ qualifier, value });
        return;
      }
      case SUBSCRIBER:
        this.subscriber?.references.push({ qualifier, value });
        return;
      case PAYER:
        this.payer?.references.push({ qualifier, value });
        return;
      case PATIENT:
        this.patient?.references.push({ qualifier, value });
        return;
      case CLAIM: {
        const c = this.claim!;
        c.references.push({ qualifier, value });
        if (qualifier === 'G1') c.priorAuthorization = value;
        else if (qualifier === '9F') c.referralNumber = value;
        else if (qualifier === 'F8') c.payerClaimControlNumber = value;
        else if (qualifier === 'EA') c.medicalRecordNumber = value;
        return;
      }
      case OTHER_SUBSCRIBER:
      case OTHER_INSURED:
      case OTHER_PAYER:
        this.otherPayer!.references.push({ qualifier, value });
        return;
      case DRUG: {
        const d = this.drug!;
        if (qualifier === 'XZ') d.prescriptionNumber = value;
        else if (qualifier === 'VY' && d.prescriptionNumber === '') d.prescriptionNumber = value;
        else this.line!.references.push({ qualifier, value });
        return;
      }
      case LINE: {
        const l = this.line!;
        l.references.push({ qualifier, value });
        if (qualifier === '6R') l.controlNumber = value;
        else if (qualifier === 'G1') l.priorAuthorization = value;
        else if (qualifier === '9F') l.referralNumber = value;
        return;
      }
      default:
        // Header REF 87 (4010), 2330C+ provider ids, 2430/2440: not modelled.
        return;
    }
  }

  // ---- 2300 claim

  private onClm(seg: Segment): void {
    this.finishClaim();
    const e = seg.elements;
    const sep = seg.delimiters.component;
    if (this.subscriber === null) {
      this.ctx.issue(
        'warning',
        'X12_HL_STRUCTURE',
        'CLM outside a 2000B subscriber loop: subscriber left empty',
        seg,
        {
          path: '2300 CLM',
        },
      );
      this.subscriber = newSubscriber();
    }
    if (this.payer === null) {
      this.ctx.issue(
        'error',
        'X12_REQUIRED_ELEMENT_MISSING',
        'no 2010BB payer name (NM1*PR) before this claim',
        seg,
        {
          path: '2010BB NM1',
        },
      );
      this.payer = { name: '', id: '', idQualifier: '', address: null, references: [] };
    }
    const clm01 = e[1] ?? '';
    if (clm01 === '') this.missing(seg, 1, '2300');
    const total = this.cents(seg, 2, '2300', true);
    this.totalValid = total !== null;
    const clm05 = e[5] ?? '';
    let facilityCode = clm05;
    let facilityCodeQualifier = '';
    let frequencyCode = '';
    if (clm05.indexOf(sep) !== -1) {
      const c = clm05.split(sep);
      facilityCode = c[0]!;
      facilityCodeQualifier = c[1] ?? '';
      frequencyCode = c[2] ?? '';
    }
    const relatedCauses: string[] = [];
    let accidentState = '';
    const clm11 = e[11] ?? '';
    if (clm11 !== '') {
      const c = clm11.split(sep);
      for (let k = 0; k < 3 && k < c.length; k++) if (c[k] !== '') relatedCauses.push(c[k]!);
      accidentState = c[3] ?? '';
    }
    this.claim = {
      claimType: this.labeledType ?? 'professional',
      version: this.ctx.version,
      transaction: this.transaction,
      submitter: this.submitter,
      receiver: this.receiver,
      billingProvider: this.billingProvider,
      payToProvider: this.payToProvider,
      payToPlan: this.payToPlan,
      subscriber: this.subscriber,
      // A claim directly under 2000B is the subscriber's own (SBR02 18): no separate patient.
      patient: this.level === LEVEL_PATIENT ? this.patient : null,
      payer: this.payer,
      patientControlNumber: clm01,
      totalCharge: total ?? 0,
      facilityCode,
      facilityCodeQualifier,
      frequencyCode,
      providerSignature: e[6] ?? '',
      assignmentParticipation: e[7] ?? '',
      benefitsAssignment: e[8] ?? '',
      releaseOfInformation: e[9] ?? '',
      patientSignatureSource: e[10] ?? '',
      relatedCauses,
      accidentState,
      specialProgram: e[12] ?? '',
      delayReasonCode: e[20] ?? '',
      onsetDate: null,
      accidentDate: null,
      admissionDate: null,
      dischargeDate: null,
      statementFrom: null,
      statementTo: null,
      dates: [],
      priorAuthorization: '',
      referralNumber: '',
      payerClaimControlNumber: '',
      medicalRecordNumber: '',
      references: [],
      patientAmountPaid: null,
      diagnoses: [],
      providers: [],
      renderingProvider: null,
      referringProvider: null,
      attendingProvider: null,
      operatingProvider: null,
      serviceFacility: null,
      otherPayers: [],
      note: '',
      attachments: [],
      contract: null,
      institutional: null,
      dental: null,
      lines: [],
      serviceDateFrom: null,
      serviceDateTo: null,
      position: positionOf(seg),
    };
    this.clm = seg;
    this.provider = null;
    this.loop = CLAIM;
  }

  /** True when a 2300-only segment (HI, CL1, CN1, DN1, DN2) arrives in an open claim before its lines. */
  private claimLevel(seg: Segment): boolean {
    if (this.claim !== null && this.loop < LINE && this.loop >= CLAIM) return true;
    this.unexpected(seg, this.claim === null ? 'outside a claim' : 'after the service lines');
    return false;
  }

  private onHi(seg: Segment): void {
    const e = seg.elements;
    const rep = seg.delimiters.repetition;
    for (let n = 1; n < e.length; n++) {
      const v = e[n]!;
      if (v === '') continue;
      if (rep !== null && v.indexOf(rep) !== -1) {
        const reps = v.split(rep);
        for (let r = 0; r < reps.length; r++) if (reps[r] !== '') this.hiCode(seg, n, reps[r]!);
      } else this.hiCode(seg, n, v);
    }
  }

  /** One HI composite: qualifier:code:date format:date:amount:quantity:version:industry code:POA. */
  private hiCode(seg: Segment, n: number, value: string): void {
    // Diagnoses are usually just qualifier:code; split the composite only when it carries more.
    const sep = seg.delimiters.component;
    const i = value.indexOf(sep);
    const qualifier = i === -1 ? value : value.slice(0, i);
    let code = '';
    let more = false;
    if (i !== -1) {
      const j = value.indexOf(sep, i + 1);
      more = j !== -1;
      code = more ? value.slice(i + 1, j) : value.slice(i + 1);
    }
    let role: DiagnosisCode['role'];
    switch (qualifier) {
      case 'ABK':
      case 'BK':
        role = 'principal';
        break;
      case 'ABF':
      case 'BF':
        role = 'other';
        break;
      case 'ABJ':
      case 'BJ':
        role = 'admitting';
        break;
      case 'APR':
      case 'PR':
      case 'ZZ': // 4010 837I patient's reason for visit
        role = 'reason-for-visit';
        break;
      case 'ABN':
      case 'BN':
        role = 'external-cause';
        break;
      case 'BE':
      case 'BG':
      case 'BH':
      case 'BI':
      case 'BBR':
      case 'BR':
      case 'CAH':
      case 'BP':
      case 'BBQ':
      case 'BQ':
      case 'BO':
      case 'DR':
        if (code === '') this.hiCodeMissing(seg, n, value);
        else this.institutionalCode(seg, n, qualifier, code, more ? value.split(sep) : EMPTY);
        return;
      default:
        // TC treatment codes and unknown qualifiers are not modelled.
        return;
    }
    if (code === '') {
      this.hiCodeMissing(seg, n, value);
      return;
    }
    const dx = this.claim!.diagnoses;
    dx.push({
      qualifier,
      code,
      order: dx.length + 1,
      role,
      presentOnAdmission: more ? (value.split(sep)[8] ?? '') : '',
      codeSystem: qualifier.charCodeAt(0) === 65 /* A */ ? 'ICD-10-CM' : 'ICD-9-CM',
    });
  }

  private hiCodeMissing(seg: Segment, n: number, value: string): void {
    const label = elementLabel(seg, n);
    this.ctx.issue(
      'error',
      'X12_REQUIRED_ELEMENT_MISSING',
      `${label}-2 (industry code) is missing: ${label} is "${value}" and the component separator is ` +
        `"${seg.delimiters.component}"`,
      seg,
      { elementIndex: n, componentIndex: 2, path: `2300 ${label}-2` },
    );
  }

  /** HI value (BE), occurrence (BH), span (BI), condition (BG), procedure and DRG codes of an 837I. */
  private institutionalCode(seg: Segment, n: number, qualifier: string, code: string, c: string[]): void {
    const inst = this.institutionalData();
    switch (qualifier) {
      case 'BE': {
        const v = c[4] ?? '';
        let amount: Cents | null = null;
        if (v !== '') {
          amount = parseCents(v) ?? NaN;
          if (Number.isNaN(amount)) {
            this.invalid(seg, n, 'X12_INVALID_AMOUNT', v, 'a valid amount (at most two decimals)', '2300', 5);
            amount = null;
          }
        }
        inst.valueCodes.push({ code, amount });
        return;
      }
      case 'BG':
        inst.conditionCodes.push(code);
        return;
      case 'BH':
        inst.occurrenceCodes.push({ code, date: this.hiDate(seg, n, c) });
        return;
      case 'BI': {
        const v = c[3] ?? '';
        let r: DateRange | null | undefined = null;
        if (v !== '') {
          r = parseDateValue(c[2] || 'RD8', v);
          if (r === undefined) {
            this.invalid(seg, n, 'X12_INVALID_DATE', v, 'a valid CCYYMMDD-CCYYMMDD range', '2300', 4);
            r = null;
          }
        }
        inst.occurrenceSpans.push({ code, from: r?.from ?? null, to: r?.to ?? null });
        return;
      }
      case 'DR':
        inst.drg = code;
        return;
      default: {
        const principal =
          qualifier === 'BBR' || qualifier === 'BR' || qualifier === 'CAH' || qualifier === 'BP';
        inst.procedures.push({ qualifier, code, date: this.hiDate(seg, n, c), principal });
      }
    }
  }

  /** HIxx-4 as a date (occurrence and procedure dates are D8). */
  private hiDate(seg: Segment, n: number, c: string[]): IsoDate | null {
    const v = c[3] ?? '';
    if (v === '') return null;
    const r = parseDateValue(c[2] ?? '', v);
    if (r === undefined || r === null) {
      this.invalid(seg, n, 'X12_INVALID_DATE', v, 'a valid CCYYMMDD date', '2300', 4);
      return null;
    }
    return r.from;
  }

  private onCn1(seg: Segment): void {
    const e = seg.elements;
    this.claim!.contract = {
      typeCode: e[1] ?? '',
      amount: this.cents(seg, 2, '2300', false),
      percent: this.quantity(seg, 3),
      code: e[4] ?? '',
      termsDiscountPercent: this.quantity(seg, 5),
      versionId: e[6] ?? '',
    };
  }

  private onPwk(seg: Segment): void {
    if (this.claim === null) return;
    const e = seg.elements;
    const a: Attachment = { reportType: e[1] ?? '', transmissionCode: e[2] ?? '', controlNumber: e[6] ?? '' };
    if (this.loop >= LINE) this.line!.attachments.push(a);
    else if (this.loop >= CLAIM) this.claim.attachments.push(a);
  }

  private onNte(seg: Segment): void {
    const text = seg.elements[2] ?? '';
    if (this.claim === null || text === '') return;
    if (this.loop >= LINE) {
      const l = this.line!;
      l.note = l.note === '' ? text : `${l.note}\n${text}`;
    } else if (this.loop >= CLAIM) {
      const c = this.claim;
      c.note = c.note === '' ? text : `${c.note}\n${text}`;
    }
  }

  private onAmt(seg: Segment): void {
    const q = seg.elements[1] ?? '';
    switch (this.loop) {
      case CLAIM:
        if (q === 'F5') this.claim!.patientAmountPaid = this.cents(seg, 2, '2300', false);
        break;
      case OTHER_SUBSCRIBER: {
        const o = this.otherPayer!;
        if (q === 'D') o.paidAmount = this.cents(seg, 2, '2320', false);
        else if (q === 'EAF') o.remainingPatientLiability = this.cents(seg, 2, '2320', false);
        else if (q === 'A8') o.nonCoveredAmount = this.cents(seg, 2, '2320', false);
        break;
      }
      default:
        // 2300 F3/MA..., 2400 sales tax and postage, 2430 EAF: not modelled.
        break;
    }
  }

  private onCas(seg: Segment): void {
    let into: Adjustment[];
    if (this.loop === LINE_ADJUDICATION) into = this.adjudication!.adjustments;
    else if (this.loop >= OTHER_SUBSCRIBER && this.loop <= OTHER_PAYER_PROVIDER)
      into = this.otherPayer!.adjustments;
    else {
      this.unexpected(seg, 'outside 2320 other subscriber and 2430 line adjudication loops');
      return;
    }
    const loopId = LOOP_IDS[this.loop === LINE_ADJUDICATION ? LINE_ADJUDICATION : OTHER_SUBSCRIBER]!;
    this.read.adjustments(seg, loopId, into);
  }

  private onDtp(seg: Segment): void {
    const e = seg.elements;
    const qualifier = e[1] ?? '';
    switch (this.loop) {
      case CLAIM:
      case CLAIM_PROVIDER: {
        const r = this.dateRange(seg, '2300');
        if (r === null) return;
        const c = this.claim!;
        c.dates.push({ qualifier, value: r });
        switch (qualifier) {
          case '431':
            c.onsetDate = r.from;
            break;
          case '439':
            c.accidentDate = r.from;
            break;
          case '435':
            c.admissionDate = r.from;
            break;
          case '096':
            c.dischargeDate = r.from;
            break;
          case '434':
            c.statementFrom = r.from;
            c.statementTo = r.to;
            break;
          case '472':
            this.claimServiceDate = r;
            break;
          default:
            break;
        }
        return;
      }
      case OTHER_PAYER:
        if (qualifier === '573') {
          const r = this.dateRange(seg, '2330B');
          if (r !== null) this.otherPayer!.adjudicationDate = r.from;
        }
        return;
      case LINE:
      case DRUG:
      case LINE_PROVIDER: {
        const r = this.dateRange(seg, '2400');
        if (r === null) return;
        const l = this.line!;
        l.dates.push({ qualifier, value: r });
        if (qualifier === '472') {
          l.serviceDate = r.from;
          l.serviceDateEnd = r.to;
        }
        return;
      }
      case LINE_ADJUDICATION:
        if (qualifier === '573') {
          const r = this.dateRange(seg, '2430');
          if (r !== null) this.adjudication!.adjudicationDate = r.from;
        }
        return;
      default:
        return;
    }
  }

  // ---- 2400 service lines

  private onLx(seg: Segment): void {
    if (this.claim === null) {
      this.unexpected(seg, 'outside a claim');
      return;
    }
    this.closeLine();
    const v = seg.elements[1] ?? '';
    let lineNumber = parseIndex(v);
    if (Number.isNaN(lineNumber)) {
      this.invalid(seg, 1, 'X12_INVALID_NUMBER', v, 'a line number', '2400');
      lineNumber = this.claim.lines.length + 1;
    }
    this.openLine(seg, lineNumber);
  }

  private openLine(seg: Segment, lineNumber: number): void {
    const l: ServiceLine = {
      lineNumber,
      procedure: null,
      revenueCode: '',
      charge: 0,
      unitBasis: '',
      units: null,
      placeOfService: '',
      diagnosisPointers: [],
      emergency: '',
      epsdt: '',
      familyPlanning: '',
      nonCoveredCharge: null,
      prosthesisCode: '',
      oralCavity: [],
      teeth: [],
      serviceDate: null,
      serviceDateEnd: null,
      dates: [],
      controlNumber: '',
      priorAuthorization: '',
      referralNumber: '',
      references: [],
      drug: null,
      providers: [],
      adjudications: [],
      note: '',
      attachments: [],
      position: positionOf(seg),
    };
    this.claim!.lines.push(l);
    this.line = l;
    this.lx = seg;
    this.lineHasService = false;
    this.drug = null;
    this.adjudication = null;
    this.provider = null;
    this.loop = LINE;
  }

  /** Reports a 2400 loop that ended without a service segment. */
  private closeLine(): void {
    if (this.line !== null && !this.lineHasService) {
      this.linesValid = false;
      this.ctx.issue(
        'error',
        'X12_REQUIRED_ELEMENT_MISSING',
        `service line ${this.line.lineNumber} has no SV1, SV2 or SV3 segment`,
        this.lx!,
        { path: '2400 LX' },
      );
    }
    this.line = null;
    this.lx = null;
  }

  private onService(seg: Segment): void {
    const c = this.claim;
    if (c === null) {
      this.unexpected(seg, 'outside a claim');
      return;
    }
    if (this.line === null || this.lineHasService) {
      this.unexpected(seg, 'without its own LX', 'read as a new service line');
      this.openLine(seg, c.lines.length + 1);
    }
    this.lineHasService = true;
    this.loop = LINE;
    const type = SERVICE_TYPE[seg.id]!;
    if (this.contentType === null) {
      this.contentType = type;
      if (this.labeledType !== null && type !== this.labeledType && !this.labelMismatchReported) {
        this.labelMismatchReported = true;
        this.ctx.issue(
          'warning',
          'X12_VERSION_LABEL_MISMATCH',
          `the transaction set is labeled ${this.labeledType} (ST03/GS08) but its claims carry ${seg.id} ` +
            `${type} service lines: read as ${type}`,
          seg,
          { path: `2400 ${seg.id}` },
        );
      }
    } else if (type !== this.contentType) {
      this.unexpected(seg, `in a ${this.contentType} claim`, `read as a ${type} line`);
    }
    const l = this.line!;
    const e = seg.elements;
    const sep = seg.delimiters.component;
    let charge: Cents | null;
    switch (seg.id) {
      case 'SV1':
        l.procedure = procedureOf(e[1] ?? '', sep);
        charge = this.cents(seg, 2, '2400', true);
        l.unitBasis = e[3] ?? '';
        l.units = this.quantity(seg, 4);
        l.placeOfService = e[5] ?? '';
        this.pointers(seg, 7, l.diagnosisPointers);
        l.emergency = e[9] ?? '';
        l.epsdt = e[11] ?? '';
        l.familyPlanning = e[12] ?? '';
        break;
      case 'SV2':
        l.revenueCode = e[1] ?? '';
        l.procedure = procedureOf(e[2] ?? '', sep);
        charge = this.cents(seg, 3, '2400', true);
        l.unitBasis = e[4] ?? '';
        l.units = this.quantity(seg, 5);
        l.nonCoveredCharge = this.cents(seg, 7, '2400', false);
        break;
      default: {
        l.procedure = procedureOf(e[1] ?? '', sep);
        charge = this.cents(seg, 2, '2400', true);
        l.placeOfService = e[3] ?? '';
        const oral = e[4] ?? '';
        if (oral !== '') {
          const parts = oral.split(sep);
          for (let k = 0; k < parts.length; k++) if (parts[k] !== '') l.oralCavity.push(parts[k]!);
        }
        l.prosthesisCode = e[5] ?? '';
        // SV306 procedure count: one procedure when not sent.
        l.units = (e[6] ?? '') === '' ? 1 : this.quantity(seg, 6);
        this.pointers(seg, 11, l.diagnosisPointers);
      }
    }
    if (charge === null) this.linesValid = false;
    else {
      l.charge = charge;
      this.lineSum += charge;
    }
  }

  /** SV107 / SV311 diagnosis code pointers: components that are 1-based positions in the claim's HI. */
  private pointers(seg: Segment, n: number, into: number[]): void {
    const v = seg.elements[n];
    if (v === undefined || v === '') return;
    // Scanned in place rather than split: this runs for every professional and dental line.
    const sep = seg.delimiters.component.charCodeAt(0);
    const len = v.length;
    let start = 0;
    let k = 1;
    let value = 0;
    let valid = true;
    for (let i = 0; i <= len; i++) {
      const ch = i === len ? sep : v.charCodeAt(i);
      if (ch === sep) {
        if (i > start) {
          if (valid && value > 0 && i - start <= 9) into.push(value);
          else {
            const label = `${elementLabel(seg, n)}-${k}`;
            this.ctx.issue(
              'error',
              'X12_INVALID_NUMBER',
              `${label} "${v.slice(start, i)}" is not a diagnosis pointer`,
              seg,
              {
                elementIndex: n,
                componentIndex: k,
                path: `2400 ${label}`,
              },
            );
          }
        }
        k++;
        start = i + 1;
        value = 0;
        valid = true;
      } else {
        const d = ch - 48;
        if (d < 0 || d > 9) valid = false;
        else value = value * 10 + d;
      }
    }
  }

  private onToo(seg: Segment): void {
    if (this.loop !== LINE || this.line === null) {
      this.unexpected(seg, 'outside a 2400 service line');
      return;
    }
    const e = seg.elements;
    const surfaces: string[] = [];
    const s = e[3] ?? '';
    if (s !== '') {
      const parts = s.split(seg.delimiters.component);
      for (let k = 0; k < parts.length; k++) if (parts[k] !== '') surfaces.push(parts[k]!);
    }
    this.line.teeth.push({ code: e[2] ?? '', surfaces });
  }

  private onLin(seg: Segment): void {
    if (this.line === null) {
      this.unexpected(seg, 'outside a 2400 service line');
      return;
    }
    const e = seg.elements;
    const d: DrugIdentification = {
      qualifier: e[2] ?? '',
      code: e[3] ?? '',
      quantity: null,
      unit: '',
      prescriptionNumber: '',
    };
    this.line.drug = d;
    this.drug = d;
    this.provider = null;
    this.loop = DRUG;
  }

  private onCtp(seg: Segment): void {
    if (this.loop !== DRUG) return;
    const d = this.drug!;
    d.quantity = this.quantity(seg, 4);
    const unit = seg.elements[5] ?? '';
    const i = unit.indexOf(seg.delimiters.component);
    d.unit = i === -1 ? unit : unit.slice(0, i);
  }

  private onSvd(seg: Segment): void {
    if (this.line === null) {
      this.unexpected(seg, 'outside a 2400 service line');
      return;
    }
    const e = seg.elements;
    this.loop = LINE_ADJUDICATION;
    const a: LineAdjudication = {
      payerId: e[1] ?? '',
      paidAmount: this.cents(seg, 2, '2430', true) ?? 0,
      procedure: procedureOf(e[3] ?? '', seg.delimiters.component),
      paidUnits: this.quantity(seg, 5),
      bundledLineNumber: e[6] ?? '',
      adjustments: [],
      adjudicationDate: null,
    };
    this.line.adjudications.push(a);
    this.adjudication = a;
    this.provider = null;
  }

  // ---- completion

  /** Completes the open claim (type, institutional/dental data, dates, balancing) and emits it. */
  private finishClaim(): void {
    const c = this.claim;
    if (c === null) return;
    this.closeLine();
    const type =
      this.contentType ??
      (c.facilityCodeQualifier === 'A' ? 'institutional' : (this.labeledType ?? 'professional'));
    c.claimType = type;
    if (type === 'institutional') {
      const inst = this.institutional ?? newInstitutional();
      inst.typeOfBill = typeOfBill(c.facilityCode, c.frequencyCode);
      c.institutional = inst;
    } else if (type === 'dental') {
      c.dental = this.dental ?? { orthoTotalMonths: null, orthoRemainingMonths: null, toothStatus: [] };
    }
    principalFirst(c.diagnoses);
    this.serviceDates(c);
    const clm = this.clm!;
    if (c.lines.length === 0) {
      this.ctx.issue(
        'warning',
        'X12_CLAIM_WITHOUT_LINES',
        `claim ${c.patientControlNumber} has no service lines`,
        clm,
        {
          path: '2300 CLM',
        },
      );
    } else if (this.totalValid && this.linesValid && this.lineSum !== c.totalCharge) {
      this.ctx.issue(
        'error',
        'X12_CLAIM_CHARGE_MISMATCH',
        `claim ${c.patientControlNumber}: CLM02 total charge ${formatCents(c.totalCharge)} does not ` +
          `equal the sum of its ${c.lines.length} line charges ${formatCents(this.lineSum)}`,
        clm,
        { elementIndex: 2, path: '2300 CLM02' },
      );
    }
    this.claim = null;
    this.clm = null;
    this.totalValid = false;
    this.lineSum = 0;
    this.linesValid = true;
    this.contentType = null;
    this.institutional = null;
    this.dental = null;
    this.claimServiceDate = null;
    this.otherPayer = null;
    this.drug = null;
    this.adjudication = null;
    this.provider = null;
    this.claims++;
    this.ctx.emit({ kind: 'claim', claim: c });
  }

  /** Earliest and latest line dates; else the statement period; else a claim-level DTP 472. */
  private serviceDates(c: Claim): void {
    let from: IsoDate | null = null;
    let to: IsoDate | null = null;
    const lines = c.lines;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      const f = l.serviceDate;
      if (f === null) continue;
      const t = l.serviceDateEnd ?? f;
      if (from === null || f < from) from = f;
      if (to === null || t > to) to = t;
    }
    if (from === null) {
      if (c.statementFrom !== null) {
        from = c.statementFrom;
        to = c.statementTo ?? from;
      } else if (this.claimServiceDate !== null) {
        from = this.claimServiceDate.from;
        to = this.claimServiceDate.to;
      }
    }
    c.serviceDateFrom = from;
    c.serviceDateTo = to;
  }

  private institutionalData(): InstitutionalData {
    if (this.institutional === null) this.institutional = newInstitutional();
    return this.institutional;
  }

  private dentalData(): DentalData {
    if (this.dental === null)
      this.dental = { orthoTotalMonths: null, orthoRemainingMonths: null, toothStatus: [] };
    return this.dental;
  }

  // ---- element readers: report problems at the element and return null (the caller uses 0 or null)

  private cents(seg: Segment, n: number, loopId: string, required: boolean): Cents | null {
    return this.read.cents(seg, n, loopId, required);
  }

  private quantity(seg: Segment, n: number): number | null {
    return this.read.quantity(seg, n, LOOP_IDS[this.loop]!);
  }

  private date(seg: Segment, n: number): IsoDate | null {
    return this.read.date(seg, n, LOOP_IDS[this.loop]!);
  }

  /** DTP03 by its DTP02 format (D8, RD8, DT, RDT); null when empty, a time (TM) or invalid (an error). */
  private dateRange(seg: Segment, loopId: string): DateRange | null {
    const e = seg.elements;
    const format = e[2] ?? '';
    const v = e[3] ?? '';
    if (v === '' || format === 'TM') return null; // 837I discharge hour: a time, not a date
    if (v !== this.lastDtpText || format !== this.lastDtpFormat) {
      let r: DateRange | null | undefined;
      if (format === 'RDT') {
        // CCYYMMDDHHMM-CCYYMMDDHHMM: keep the dates.
        const from = v.length === 25 ? parseDate(v.slice(0, 8)) : undefined;
        const to = v.length === 25 ? parseDate(v.slice(13, 21)) : undefined;
        r = from && to ? { from, to } : undefined;
      } else r = parseDateValue(format, v);
      this.lastDtpText = v;
      this.lastDtpFormat = format;
      this.lastDtp = r ?? null;
    }
    const last = this.lastDtp;
    if (last === null) {
      this.invalid(seg, 3, 'X12_INVALID_DATE', v, `a valid ${format || 'D8'} date`, loopId);
      return null;
    }
    // A fresh object per date: model objects are never shared between lines.
    return { from: last.from, to: last.to };
  }

  private missing(seg: Segment, n: number, loopId: string): void {
    this.read.missing(seg, n, loopId);
  }

  private invalid(
    seg: Segment,
    n: number,
    code: 'X12_INVALID_AMOUNT' | 'X12_INVALID_NUMBER' | 'X12_INVALID_DATE',
    value: string,
    expected: string,
    loopId: string,
    component?: number,
  ): void {
    this.read.invalid(seg, n, code, value, expected, loopId, component);
  }

  private unexpected(seg: Segment, where: string, outcome = 'ignored'): void {
    this.read.unexpected(seg, where, LOOP_IDS[this.loop] ?? '', outcome);
  }
}

/** A run of ASCII digits as a number (HL01, LX01, diagnosis pointers); NaN for anything else. */
function parseIndex(v: string): number {
  const len = v.length;
  if (len === 0 || len > 9) return NaN;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** Type of bill: facility type (CLM05-1) and frequency (CLM05-3), with the leading 0 of the UB-04 form. */
function typeOfBill(facility: string, frequency: string): string {
  if (facility === '') return '';
  return facility.length === 2 ? `0${facility}${frequency}` : facility + frequency;
}

/** Moves a principal diagnosis sent after other codes to the front and renumbers, so order 1 is principal. */
function principalFirst(dx: DiagnosisCode[]): void {
  if (dx.length < 2 || dx[0]!.role === 'principal') return;
  let i = 1;
  while (i < dx.length && dx[i]!.role !== 'principal') i++;
  if (i === dx.length) return;
  const p = dx[i]!;
  for (let k = i; k > 0; k--) dx[k] = dx[k - 1]!;
  dx[0] = p;
  for (let k = 0; k <= i; k++) dx[k]!.order = k + 1;
}

/** The role a provider NM101 entity code plays (5010 and 4010 codes). */
function roleOf(code: string): ProviderRole {
  switch (code) {
    case '85':
      return 'billing';
    case '87':
      return 'pay-to';
    case 'PE':
      return 'pay-to-plan';
    case '82':
      return 'rendering';
    case 'DN':
      return 'referring';
    case 'P3':
      return 'primary-care';
    case '71':
      return 'attending';
    case '72':
      return 'operating';
    case 'ZZ':
      return 'other-operating';
    case '77':
    case 'FA': // 4010 facility
    case 'TL': // 4010 testing laboratory
    case 'LI': // 4010 independent lab
      return 'service-facility';
    case 'DQ':
      return 'supervising';
    case 'DK':
      return 'ordering';
    case 'QB':
      return 'purchased-service';
    case 'PW':
      return 'ambulance-pickup';
    case '45':
      return 'ambulance-dropoff';
    case 'DD':
      return 'assistant-surgeon';
    default:
      return 'other';
  }
}

/** NM1 as a provider; 4010 files may carry the tax id in NM109 (NM108 24 EIN, 34 SSN). */
function provider(e: string[], role: ProviderRole): Provider {
  const q = e[8] ?? '';
  const id = e[9] ?? '';
  return {
    role,
    party: partyOf(e),
    npi: q === 'XX' ? id : '',
    taxId: q === '24' || q === '34' ? id : '',
    taxonomy: '',
    address: null,
    references: [],
  };
}

function newSubscriber(): Subscriber {
  return {
    payerResponsibility: '',
    relationshipCode: '',
    groupNumber: '',
    groupName: '',
    insuranceTypeCode: '',
    claimFilingIndicator: '',
    memberId: '',
    lastName: '',
    firstName: '',
    middleName: '',
    suffix: '',
    birthDate: null,
    sex: '',
    address: null,
    references: [],
  };
}

function newPatient(): Patient {
  return {
    relationshipCode: '',
    lastName: '',
    firstName: '',
    middleName: '',
    suffix: '',
    memberId: '',
    birthDate: null,
    sex: '',
    address: null,
    references: [],
  };
}

function newInstitutional(): InstitutionalData {
  return {
    typeOfBill: '',
    admissionType: '',
    admissionSource: '',
    patientStatus: '',
    drg: '',
    valueCodes: [],
    occurrenceCodes: [],
    occurrenceSpans: [],
    conditionCodes: [],
    procedures: [],
  };
}
