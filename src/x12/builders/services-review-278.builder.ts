import type { TransactionContext } from '../models/claim.js';
import type { Procedure } from '../models/common.js';
import type {
  ReviewDecision,
  ReviewEvent,
  ReviewMember,
  ReviewParty,
  ServicesReview,
} from '../models/services-review.js';
import type { Segment } from '../segment.js';
import type { BuilderContext, TransactionBuilder } from '../transaction-builder.js';
import { ElementReader, partyOf, positionOf, procedureOf } from './element-reader.js';
import {
  HierarchyChecker,
  dtpRange,
  referenceOf,
  rejectionOf,
  repetitionsOf,
  traceOf,
  withAddress,
} from './response-helpers.js';

// Where the builder stands: decides which object an NM1, REF, DTP or AAA belongs to.
/** Before the first HL (BHT). */
const HEADER = 0;
/** 2000A/2010A utilization management organization. */
const UMO = 1;
/** 2000B/2010B requester. */
const REQUESTER = 2;
/** 2000C/2010C subscriber. */
const SUBSCRIBER = 3;
/** 2000D/2010D dependent. */
const DEPENDENT = 4;
/** 2000E patient event. */
const EVENT = 5;
/** 2010EA..EC patient event providers (after an NM1 in 2000E). */
const EVENT_PROVIDER = 6;
/** 2000F service. */
const SERVICE = 7;
/** 2010FA service provider (after an NM1 in 2000F). */
const SERVICE_PROVIDER = 8;
/** An HL of an unknown level, or a 278 that is not a response: segments are skipped. */
const SKIP = 9;

const LOOP_IDS = ['', '2010A', '2010B', '2010C', '2010D', '2000E', '2010EA', '2000F', '2010FA', ''];

/** HCR01 action codes of the 005010X217 response. */
const ACTION_CODES = new Set(['A1', 'A2', 'A3', 'A4', 'A6', 'C', 'CT', 'D', 'NA']);
/** HCR01 codes that certify (all or part of) the request: HCR02 carries the certification number. */
const CERTIFIED = new Set(['A1', 'A2', 'A6']);

const ELEMENT_NAMES: Record<string, string> = {
  BHT02: 'transaction set purpose code',
  HCR01: 'action code',
  HCR02: 'certification number (required when HCR01 is A1, A2 or A6 and no REF BB is sent)',
  SV101: 'procedure',
  SV202: 'procedure (or SV201 revenue code)',
  SV301: 'procedure',
};

/** Segments a 278 response may carry that this builder does not model (read silently). */
const IGNORED = new Set(['PER', 'CL1', 'CR1', 'CR2', 'CR5', 'CR6', 'CR7', 'CR8', 'PWK', 'CRC', 'TOO', 'CON']);

const SERVICE_LINE_TYPE = { SV1: 'professional', SV2: 'institutional', SV3: 'dental' } as const;

/**
 * Builds 278 health care services review responses (005010X217) from the segments between ST and SE:
 * the UMO (2010A), the requester (2010B), the subscriber (2010C) and dependent (2010D), and each patient
 * event (2000E: TRN, AAA, UM, HCR, REF, DTP, HI, HSD, SV1/SV2/SV3, 2010EA providers) with its services
 * (2000F: the same segments per service). One `services-review` item is emitted per patient event as
 * soon as the next event, member or UMO level (or the end) shows it is complete; a member rejected with
 * AAA and holding no event is emitted with `event` null. A 278 whose BHT02 is not 11 (a request, 13, or
 * a cancellation) is not a response: its segments are only counted, and `isResponse` stays false.
 */
export class ServicesReview278Builder implements TransactionBuilder {
  private loop = HEADER;
  private transaction: TransactionContext;
  private purpose = '';
  private transactionType = '';
  private bhtSeen = false;
  private response = false;
  private readonly hl: HierarchyChecker;
  private readonly read: ElementReader;

  private umo: ReviewParty = emptyParty();
  private requester: ReviewParty = emptyParty();
  private subscriber: ReviewMember | null = null;
  private dependent: ReviewMember | null = null;
  /** The deepest member level had a child HL (dependent or event). */
  private memberHasChildren = false;
  /** HL of the deepest member level (subscriber or dependent). */
  private memberHl: Segment | null = null;
  private event: ReviewEvent | null = null;
  /** The decision level (event or service) that TRN, UM, HCR, REF, DTP, HSD and SVn belong to. */
  private decision: ReviewDecision | null = null;
  private hcr: Segment | null = null;
  /** The party NM1/REF/N3/N4/PRV/AAA of a provider sub-loop apply to. */
  private provider: ReviewParty | null = null;
  private emitted = 0;

  constructor(private readonly ctx: BuilderContext) {
    this.read = new ElementReader(ctx, ELEMENT_NAMES);
    this.transaction = { ...ctx.transaction };
    this.hl = new HierarchyChecker(
      ctx,
      { '20': [], '21': ['20'], '22': ['21'], '23': ['22'], EV: ['22', '23'], SS: ['EV'] },
      {
        '20': 'UMO',
        '21': 'requester',
        '22': 'subscriber',
        '23': 'dependent',
        EV: 'patient event',
        SS: 'service',
      },
    );
  }

  /** True once BHT02 said 11 (response); false for requests (13) and cancellations. */
  get isResponse(): boolean {
    return this.response;
  }

  /** A 278 carries no claims. */
  get claimCount(): number {
    return 0;
  }

  /** A 278 carries no claim payments. */
  get paymentCount(): number {
    return 0;
  }

  /** services-review items emitted so far. */
  get reviewCount(): number {
    return this.emitted;
  }

  segment(seg: Segment): void {
    if (seg.id === 'BHT') {
      this.onBht(seg);
      return;
    }
    if (this.bhtSeen && !this.response) return;
    if (!this.bhtSeen && seg.id === 'HL') {
      this.bhtSeen = true;
      this.response = true;
      this.ctx.issue(
        'error',
        'X12_REQUIRED_ELEMENT_MISSING',
        'HL before any BHT: BHT02 (11 response, 13 request) is required; read as a response',
        seg,
        { path: 'BHT02' },
      );
    }
    if (this.loop === SKIP && seg.id !== 'HL') return;
    switch (seg.id) {
      case 'HL':
        this.onHl(seg);
        break;
      case 'NM1':
        this.onNm1(seg);
        break;
      case 'REF':
        this.onRef(seg);
        break;
      case 'DTP':
        this.onDtp(seg);
        break;
      case 'AAA':
        this.onAaa(seg);
        break;
      case 'HCR':
        this.onHcr(seg);
        break;
      case 'UM':
        this.onUm(seg);
        break;
      case 'TRN':
        if (this.decision !== null) this.decision.traceNumbers.push(traceOf(seg));
        else this.unexpected(seg, 'outside a patient event or service level');
        break;
      case 'SV1':
      case 'SV2':
      case 'SV3':
        this.onService(seg);
        break;
      case 'HSD':
        this.onHsd(seg);
        break;
      case 'HI':
        this.onHi(seg);
        break;
      case 'MSG':
        if (this.decision !== null) this.decision.messages.push(seg.elements[1] ?? '');
        break;
      case 'DMG': {
        const m = this.member();
        if (m !== null) {
          m.birthDate = this.read.date(seg, 2, LOOP_IDS[this.loop]!);
          m.sex = seg.elements[3] ?? '';
        } else this.unexpected(seg, 'outside a subscriber or dependent level');
        break;
      }
      case 'INS': {
        const m = this.member();
        if (m !== null) m.relationshipCode = seg.elements[2] ?? '';
        break;
      }
      case 'N3':
      case 'N4': {
        const target = this.member() ?? this.party();
        if (target !== null) target.address = withAddress(target.address, seg);
        break;
      }
      case 'PRV': {
        const p = this.party();
        if (p !== null) p.taxonomy = seg.elements[3] ?? '';
        break;
      }
      default:
        if (!IGNORED.has(seg.id)) this.unexpected(seg, 'in a 278 response');
    }
  }

  end(): void {
    if (!this.response) return;
    this.flushEvent();
    this.closeMember();
  }

  private onBht(seg: Segment): void {
    if (this.bhtSeen) return;
    this.bhtSeen = true;
    const e = seg.elements;
    this.purpose = this.read.required(seg, 2, '');
    this.transactionType = e[6] ?? '';
    this.response = this.purpose === '11';
    this.transaction = {
      ...this.ctx.transaction,
      batchReference: e[3] ?? '',
      creationDate: this.read.date(seg, 4, ''),
    };
    if (!this.response) this.loop = SKIP;
  }

  private onHl(seg: Segment): void {
    const code = seg.elements[3] ?? '';
    this.provider = null;
    if (code !== 'SS') this.flushEvent();
    else this.closeDecision();
    const known = this.hl.check(seg);
    if (!known) {
      this.loop = SKIP;
      this.decision = null;
      return;
    }
    switch (code) {
      case '20':
        this.closeMember();
        this.umo = emptyParty();
        this.requester = emptyParty();
        this.subscriber = this.dependent = null;
        this.loop = UMO;
        break;
      case '21':
        this.closeMember();
        this.requester = emptyParty();
        this.subscriber = this.dependent = null;
        this.loop = REQUESTER;
        break;
      case '22':
        this.closeMember();
        this.subscriber = newMember();
        this.dependent = null;
        this.memberHl = seg;
        this.memberHasChildren = false;
        this.loop = SUBSCRIBER;
        break;
      case '23':
        if (this.dependent !== null) this.closeMember();
        this.memberHasChildren = false;
        this.dependent = newMember();
        this.memberHl = seg;
        this.loop = DEPENDENT;
        break;
      case 'EV':
        this.memberHasChildren = true;
        this.event = newEvent(seg);
        this.decision = this.event;
        this.loop = EVENT;
        break;
      case 'SS':
        if (this.event === null) {
          this.unexpected(seg, 'without an enclosing patient event (HL EV)', 'service level skipped');
          this.loop = SKIP;
          return;
        }
        this.decision = newDecision(seg);
        this.event.services.push(this.decision);
        this.loop = SERVICE;
        break;
    }
  }

  /** The member level is over: a member with no dependent or event below it is emitted when rejected. */
  private closeMember(): void {
    const m = this.dependent ?? this.subscriber;
    if (m !== null && !this.memberHasChildren && m.rejections.length > 0 && this.subscriber !== null) {
      this.emit(null, positionOf(this.memberHl!));
    }
    this.memberHasChildren = true;
  }

  /** Checks the decision level that ends and emits the pending event, if any. */
  private flushEvent(): void {
    this.closeDecision();
    const ev = this.event;
    if (ev === null) return;
    this.event = null;
    this.decision = null;
    this.emit(ev, ev.position);
  }

  private emit(event: ReviewEvent | null, position: ServicesReview['position']): void {
    const review: ServicesReview = {
      transaction: this.transaction,
      version: this.ctx.version,
      purpose: this.purpose,
      transactionType: this.transactionType,
      umo: this.umo,
      requester: this.requester,
      subscriber: this.subscriber ?? newMember(),
      dependent: this.dependent,
      event,
      position,
    };
    this.emitted++;
    this.ctx.emit({ kind: 'services-review', review });
  }

  /** End of an event or service level: completes the certification dates and checks the HCR. */
  private closeDecision(): void {
    const d = this.decision;
    if (d === null) return;
    if (d.certificationExpiration !== null) {
      if (d.certificationEffective === null)
        d.certificationEffective = { from: d.certificationExpiration, to: d.certificationExpiration };
      else if (d.certificationEffective.from === d.certificationEffective.to)
        d.certificationEffective.to = d.certificationExpiration;
    }
    const hcr = this.hcr;
    this.hcr = null;
    if (hcr === null) return;
    const loopId = d === this.event ? '2000E' : '2000F';
    if (CERTIFIED.has(d.actionCode) && d.certificationNumber === '' && d.authorizationNumber === '') {
      this.read.missing(hcr, 2, loopId);
    }
    if (d.actionCode === 'A3' && d.decisionReason === '') {
      this.ctx.issue(
        'warning',
        'X12_REQUIRED_ELEMENT_MISSING',
        'HCR03 (decision reason) should say why the request was not certified (HCR01 A3)',
        hcr,
        { elementIndex: 3, path: `${loopId} HCR03` },
      );
    }
  }

  private onNm1(seg: Segment): void {
    const e = seg.elements;
    switch (this.loop) {
      case UMO:
        this.umo.party = partyOf(e);
        this.umo.npi = npiOf(e);
        break;
      case REQUESTER:
        this.requester.party = partyOf(e);
        this.requester.npi = npiOf(e);
        break;
      case SUBSCRIBER:
      case DEPENDENT: {
        const m = this.member()!;
        m.entityIdCode = e[1] ?? '';
        m.lastName = e[3] ?? '';
        m.firstName = e[4] ?? '';
        m.middleName = e[5] ?? '';
        m.suffix = e[7] ?? '';
        m.idQualifier = e[8] ?? '';
        m.memberId = e[9] ?? '';
        break;
      }
      case EVENT:
      case EVENT_PROVIDER:
      case SERVICE:
      case SERVICE_PROVIDER: {
        const p = emptyParty();
        p.party = partyOf(e);
        p.npi = npiOf(e);
        this.decision!.providers.push(p);
        this.provider = p;
        this.loop = this.loop === EVENT || this.loop === EVENT_PROVIDER ? EVENT_PROVIDER : SERVICE_PROVIDER;
        break;
      }
      default:
        this.unexpected(seg, 'before the first HL');
    }
  }

  private onRef(seg: Segment): void {
    const ref = referenceOf(seg);
    const party = this.party();
    if (party !== null) {
      party.references.push(ref);
      return;
    }
    const m = this.member();
    if (m !== null) {
      m.references.push(ref);
      return;
    }
    const d = this.decision;
    if (d === null) return;
    d.references.push(ref);
    if (ref.qualifier === 'BB' && d.authorizationNumber === '') d.authorizationNumber = ref.value;
    else if (ref.qualifier === 'NT' && d.administrativeReference === '')
      d.administrativeReference = ref.value;
  }

  private onAaa(seg: Segment): void {
    const r = rejectionOf(seg);
    const target = this.party() ?? this.member() ?? this.decision;
    if (target !== null) target.rejections.push(r);
    else this.unexpected(seg, 'before the first HL');
  }

  private onHcr(seg: Segment): void {
    const d = this.levelDecision(seg);
    if (d === null) return;
    const loopId = d === this.event ? '2000E' : '2000F';
    const e = seg.elements;
    d.actionCode = this.read.required(seg, 1, loopId);
    d.certificationNumber = e[2] ?? '';
    d.decisionReason = e[3] ?? '';
    d.secondSurgicalOpinion = e[4] ?? '';
    this.hcr = seg;
    if (d.actionCode !== '' && !ACTION_CODES.has(d.actionCode)) {
      this.ctx.issue(
        'error',
        'X12_INVALID_CODE',
        `HCR01 "${d.actionCode}" is not a 278 action code (A1, A2, A3, A4, A6, C, CT, D, NA)`,
        seg,
        { elementIndex: 1, path: `${loopId} HCR01` },
      );
    }
  }

  private onUm(seg: Segment): void {
    const d = this.levelDecision(seg);
    if (d === null) return;
    const e = seg.elements;
    d.request = {
      requestCategory: e[1] ?? '',
      certificationType: e[2] ?? '',
      serviceType: e[3] ?? '',
      facilityCode: seg.component(4, 1),
      facilityCodeQualifier: seg.component(4, 2),
      levelOfService: e[6] ?? '',
    };
  }

  private onDtp(seg: Segment): void {
    const d = this.decision;
    if (d === null) {
      this.unexpected(seg, 'outside a patient event or service level');
      return;
    }
    const loopId = d === this.event ? '2000E' : '2000F';
    const r = dtpRange(this.read, seg, loopId);
    if (r === null) return;
    const qualifier = seg.elements[1] ?? '';
    d.dates.push({ qualifier, value: r });
    switch (qualifier) {
      case 'AAH':
      case '007':
        d.certificationEffective = { from: r.from, to: r.to };
        break;
      case '036':
        d.certificationExpiration = r.to;
        break;
      case '102':
        d.certificationIssued = r.from;
        break;
      case '472':
        d.serviceDate = { from: r.from, to: r.to };
        break;
    }
  }

  private onService(seg: Segment): void {
    const d = this.levelDecision(seg);
    if (d === null) return;
    const loopId = d === this.event ? '2000E' : '2000F';
    const e = seg.elements;
    const type = SERVICE_LINE_TYPE[seg.id as keyof typeof SERVICE_LINE_TYPE];
    if (d.serviceLineType !== null)
      this.unexpected(seg, `after another service line in ${loopId}`, 'replaces it');
    d.serviceLineType = type;
    switch (seg.id) {
      case 'SV1':
        d.procedure = this.procedure(seg, 1, loopId, true);
        d.charge = this.read.cents(seg, 2, loopId, false);
        d.unitBasis = e[3] ?? '';
        d.units = this.read.quantity(seg, 4, loopId);
        break;
      case 'SV2':
        d.revenueCode = e[1] ?? '';
        d.procedure = this.procedure(seg, 2, loopId, d.revenueCode === '');
        d.charge = this.read.cents(seg, 3, loopId, false);
        d.unitBasis = e[4] ?? '';
        d.units = this.read.quantity(seg, 5, loopId);
        break;
      default:
        d.procedure = this.procedure(seg, 1, loopId, true);
        d.charge = this.read.cents(seg, 2, loopId, false);
        d.unitBasis = '';
        d.units = this.read.quantity(seg, 6, loopId);
    }
  }

  /** A procedure composite; reports a missing element or a composite without its code (-2). */
  private procedure(seg: Segment, n: number, loopId: string, required: boolean): Procedure | null {
    const v = seg.elements[n] ?? '';
    if (v === '') {
      if (required) this.read.missing(seg, n, loopId);
      return null;
    }
    const p = procedureOf(v, seg.delimiters.component)!;
    if (p.code === '') {
      const label = `${seg.id}0${n}`;
      this.ctx.issue(
        'error',
        'X12_REQUIRED_ELEMENT_MISSING',
        `${label}-2 (procedure code) is required but empty`,
        seg,
        { elementIndex: n, componentIndex: 2, path: `${loopId} ${label}-2` },
      );
    }
    return p;
  }

  private onHsd(seg: Segment): void {
    const d = this.levelDecision(seg);
    if (d === null) return;
    const loopId = d === this.event ? '2000E' : '2000F';
    const e = seg.elements;
    d.quantities.push({
      qualifier: e[1] ?? '',
      quantity: this.read.quantity(seg, 2, loopId),
      unit: e[3] ?? '',
      periodQualifier: e[5] ?? '',
      periods: this.read.quantity(seg, 6, loopId),
    });
  }

  private onHi(seg: Segment): void {
    const ev = this.event;
    if (ev === null || this.decision !== ev) {
      this.unexpected(seg, 'outside a patient event level');
      return;
    }
    for (let n = 1; n < seg.elements.length; n++) {
      for (const v of repetitionsOf(seg, n)) {
        const [qualifier = '', code = ''] = v.split(seg.delimiters.component);
        ev.diagnoses.push({ qualifier, code });
      }
    }
  }

  /** The decision level a level segment (HCR, UM, SVn, HSD) belongs to; reports it when there is none. */
  private levelDecision(seg: Segment): ReviewDecision | null {
    if (this.decision === null) {
      this.unexpected(seg, 'outside a patient event or service level');
      return null;
    }
    if (this.loop === EVENT_PROVIDER || this.loop === SERVICE_PROVIDER) {
      // A level segment after a provider NM1 closes the provider sub-loop.
      this.provider = null;
      this.loop = this.loop === EVENT_PROVIDER ? EVENT : SERVICE;
    }
    return this.decision;
  }

  /** The UMO, requester or provider that a REF, N3, N4, PRV or AAA applies to in the current loop. */
  private party(): ReviewParty | null {
    switch (this.loop) {
      case UMO:
        return this.umo;
      case REQUESTER:
        return this.requester;
      case EVENT_PROVIDER:
      case SERVICE_PROVIDER:
        return this.provider;
      default:
        return null;
    }
  }

  private member(): ReviewMember | null {
    if (this.loop === SUBSCRIBER) return this.subscriber;
    if (this.loop === DEPENDENT) return this.dependent;
    return null;
  }

  private unexpected(seg: Segment, where: string, outcome = 'ignored'): void {
    this.read.unexpected(seg, where, LOOP_IDS[this.loop] ?? '', outcome);
  }
}

function npiOf(e: string[]): string {
  return e[8] === 'XX' ? (e[9] ?? '') : '';
}

function emptyParty(): ReviewParty {
  return {
    party: {
      entityIdCode: '',
      entityType: '',
      lastOrOrgName: '',
      firstName: '',
      middleName: '',
      suffix: '',
      idQualifier: '',
      id: '',
    },
    npi: '',
    taxonomy: '',
    references: [],
    address: null,
    rejections: [],
  };
}

function newMember(): ReviewMember {
  return {
    entityIdCode: '',
    lastName: '',
    firstName: '',
    middleName: '',
    suffix: '',
    idQualifier: '',
    memberId: '',
    birthDate: null,
    sex: '',
    relationshipCode: '',
    address: null,
    references: [],
    rejections: [],
  };
}

function newDecision(hl: Segment): ReviewDecision {
  return {
    traceNumbers: [],
    rejections: [],
    request: null,
    actionCode: '',
    certificationNumber: '',
    decisionReason: '',
    secondSurgicalOpinion: '',
    authorizationNumber: '',
    administrativeReference: '',
    references: [],
    dates: [],
    certificationEffective: null,
    certificationExpiration: null,
    certificationIssued: null,
    serviceDate: null,
    quantities: [],
    serviceLineType: null,
    procedure: null,
    revenueCode: '',
    charge: null,
    unitBasis: '',
    units: null,
    providers: [],
    messages: [],
    position: positionOf(hl),
  };
}

function newEvent(hl: Segment): ReviewEvent {
  return { ...newDecision(hl), diagnoses: [], services: [] };
}
