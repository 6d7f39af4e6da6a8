import type { TransactionContext } from '../models/claim.js';
import type {
  EligibilityBenefit,
  EligibilityMember,
  EligibilityParty,
  EligibilityResponse,
} from '../models/eligibility.js';
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
/** 2000A/2100A information source. */
const SOURCE = 1;
/** 2000B/2100B information receiver. */
const RECEIVER = 2;
/** 2000C/2100C subscriber or 2000D/2100D dependent name loop. */
const MEMBER = 3;
/** 2110C/D eligibility or benefit information (after an EB). */
const BENEFIT = 4;
/** 2120C/D benefit related entity (between LS and LE). */
const RELATED = 5;
/** An HL of an unknown level: its segments are skipped. */
const SKIP = 6;

/** EB01 codes of X12 code list 1390 (5010). Others are reported as X12_INVALID_CODE warnings. */
const EB01_CODES = new Set([
  ...['1', '2', '3', '4', '5', '6', '7', '8'],
  ...['A', 'B', 'C', 'CB', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'MC', 'N', 'O', 'P'],
  ...['Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y'],
]);

const ELEMENT_NAMES: Record<string, string> = {
  EB01: 'eligibility or benefit information code',
  NM101: 'entity identifier code',
  BHT02: 'transaction set purpose code',
};

/** Segments a 271 may carry that this builder does not model (read silently). */
const IGNORED = new Set(['PER', 'PRV', 'HSD', 'III', 'MPI']);

/**
 * Builds 271 eligibility, coverage or benefit responses (005010X279A1) from the segments between ST
 * and SE: the information source (2100A, the payer), the information receiver (2100B), and each
 * subscriber (2000C/2100C) and dependent (2000D/2100D) with their DMG, INS, REF, DTP, AAA and 2110 EB
 * benefit loops (REF, DTP, MSG, 2120 LS/NM1/LE related entities). Each member is emitted as an
 * `eligibility` item as soon as the next HL (or the end) shows it is complete.
 */
export class Eligibility271Builder implements TransactionBuilder {
  private loop = HEADER;
  /** HL03 of the current level ('' before the first HL). */
  private level = '';
  private transaction: TransactionContext;
  private purpose = '';
  private bhtSeen = false;
  private readonly hl: HierarchyChecker;
  private readonly read: ElementReader;

  private source: EligibilityParty = emptyParty();
  private receiver: EligibilityParty = emptyParty();
  private subscriber: EligibilityMember | null = null;
  /** The member of the current 2000C/2000D level (subscriber or dependent), not yet emitted. */
  private member: EligibilityMember | null = null;
  private memberHl: Segment | null = null;
  private benefit: EligibilityBenefit | null = null;
  private emitted = 0;

  constructor(private readonly ctx: BuilderContext) {
    this.read = new ElementReader(ctx, ELEMENT_NAMES);
    this.transaction = { ...ctx.transaction };
    this.hl = new HierarchyChecker(
      ctx,
      { '20': [], '21': ['20'], '22': ['21'], '23': ['22'] },
      { '20': 'information source', '21': 'information receiver', '22': 'subscriber', '23': 'dependent' },
    );
  }

  /** A 271 carries no claims. */
  get claimCount(): number {
    return 0;
  }

  /** A 271 carries no claim payments. */
  get paymentCount(): number {
    return 0;
  }

  /** Eligibility items (members) emitted so far. */
  get memberCount(): number {
    return this.emitted;
  }

  segment(seg: Segment): void {
    if (this.loop === SKIP && seg.id !== 'HL') return;
    switch (seg.id) {
      case 'EB':
        this.onEb(seg);
        break;
      case 'DTP':
        this.onDtp(seg);
        break;
      case 'REF':
        this.onRef(seg);
        break;
      case 'MSG':
        if (this.benefit !== null && this.loop === BENEFIT) this.benefit.messages.push(seg.elements[1] ?? '');
        break;
      case 'NM1':
        this.onNm1(seg);
        break;
      case 'LS':
        if (this.benefit !== null) this.loop = RELATED;
        else this.read.unexpected(seg, 'without an EB before it', this.loopId());
        break;
      case 'LE':
        if (this.loop === RELATED) this.loop = BENEFIT;
        break;
      case 'HL':
        this.onHl(seg);
        break;
      case 'AAA':
        this.onAaa(seg);
        break;
      case 'DMG':
        if (this.member !== null && this.loop === MEMBER) {
          this.member.birthDate = this.read.date(seg, 2, this.loopId());
          this.member.sex = seg.elements[3] ?? '';
        }
        break;
      case 'INS':
        if (this.member !== null && this.loop === MEMBER)
          this.member.relationshipCode = seg.elements[2] ?? '';
        break;
      case 'TRN':
        if (this.member !== null) this.member.traceNumbers.push(traceOf(seg));
        break;
      case 'N3':
      case 'N4':
        if (this.member !== null && this.loop === MEMBER)
          this.member.address = withAddress(this.member.address, seg);
        break;
      case 'BHT':
        this.onBht(seg);
        break;
      default:
        if (!IGNORED.has(seg.id)) this.read.unexpected(seg, 'in a 271', this.loopId());
    }
  }

  end(): void {
    this.flushMember();
  }

  private onBht(seg: Segment): void {
    if (this.bhtSeen) return;
    this.bhtSeen = true;
    const e = seg.elements;
    this.purpose = this.read.required(seg, 2, '');
    this.transaction = {
      ...this.ctx.transaction,
      batchReference: e[3] ?? '',
      creationDate: this.read.date(seg, 4, ''),
    };
  }

  private onHl(seg: Segment): void {
    this.flushMember();
    const known = this.hl.check(seg);
    const code = seg.elements[3] ?? '';
    this.level = code;
    this.benefit = null;
    if (!known) {
      this.loop = SKIP;
      return;
    }
    switch (code) {
      case '20':
        this.source = emptyParty();
        this.receiver = emptyParty();
        this.subscriber = null;
        this.loop = SOURCE;
        break;
      case '21':
        this.receiver = emptyParty();
        this.subscriber = null;
        this.loop = RECEIVER;
        break;
      case '22':
        this.subscriber = this.member = newMember(seg);
        this.memberHl = seg;
        this.loop = MEMBER;
        break;
      case '23':
        this.member = newMember(seg);
        this.memberHl = seg;
        this.loop = MEMBER;
        break;
    }
  }

  /** Emits the member of the current level, if any. */
  private flushMember(): void {
    const m = this.member;
    if (m === null) return;
    this.member = null;
    const isDependent = m !== this.subscriber;
    const subscriber = this.subscriber ?? m;
    const response: EligibilityResponse = {
      transaction: this.transaction,
      version: this.ctx.version,
      purpose: this.purpose,
      source: this.source,
      receiver: this.receiver,
      subscriber,
      dependent: isDependent ? m : null,
      position: positionOf(this.memberHl!),
    };
    this.emitted++;
    this.ctx.emit({ kind: 'eligibility', eligibility: response });
  }

  private onNm1(seg: Segment): void {
    const e = seg.elements;
    if (this.loop === RELATED) {
      this.benefit!.relatedEntities.push(partyOf(e));
      return;
    }
    switch (this.loop) {
      case SOURCE:
        this.source.party = partyOf(e);
        break;
      case RECEIVER:
        this.receiver.party = partyOf(e);
        break;
      case MEMBER: {
        const m = this.member!;
        m.entityIdCode = this.read.required(seg, 1, this.loopId());
        m.lastName = e[3] ?? '';
        m.firstName = e[4] ?? '';
        m.middleName = e[5] ?? '';
        m.suffix = e[7] ?? '';
        m.idQualifier = e[8] ?? '';
        m.memberId = e[9] ?? '';
        break;
      }
      default:
        this.read.unexpected(
          seg,
          this.loop === BENEFIT ? 'in a 2110 loop outside LS/LE' : 'here',
          this.loopId(),
        );
    }
  }

  private onAaa(seg: Segment): void {
    const r = rejectionOf(seg);
    switch (this.loop) {
      case SOURCE:
        this.source.rejections.push(r);
        break;
      case RECEIVER:
        this.receiver.rejections.push(r);
        break;
      case MEMBER:
      case BENEFIT:
      case RELATED:
        this.member!.rejections.push(r);
        break;
      default:
        this.read.unexpected(seg, 'before the first HL', '');
    }
  }

  private onEb(seg: Segment): void {
    const m = this.member;
    if (m === null) {
      this.read.unexpected(seg, 'outside a subscriber or dependent level', this.loopId());
      return;
    }
    const loopId = this.level === '23' ? '2110D' : '2110C';
    const e = seg.elements;
    const code = this.read.required(seg, 1, loopId);
    if (code !== '' && !EB01_CODES.has(code)) {
      this.ctx.issue(
        'warning',
        'X12_INVALID_CODE',
        `EB01 "${code}" is not an eligibility or benefit information code`,
        seg,
        { elementIndex: 1, path: `${loopId} EB01` },
      );
    }
    const b: EligibilityBenefit = {
      informationCode: code,
      coverageLevel: e[2] ?? '',
      serviceTypes: repetitionsOf(seg, 3),
      insuranceType: e[4] ?? '',
      planCoverageDescription: e[5] ?? '',
      timePeriod: e[6] ?? '',
      amount: this.read.cents(seg, 7, loopId, false),
      percent: this.read.quantity(seg, 8, loopId),
      quantityQualifier: e[9] ?? '',
      quantity: this.read.quantity(seg, 10, loopId),
      authorizationRequired: e[11] ?? '',
      inPlanNetwork: e[12] ?? '',
      procedure: procedureOf(e[13] ?? '', seg.delimiters.component),
      references: [],
      dates: [],
      messages: [],
      relatedEntities: [],
      position: positionOf(seg),
    };
    m.benefits.push(b);
    this.benefit = b;
    this.loop = BENEFIT;
  }

  private onRef(seg: Segment): void {
    if (this.loop === BENEFIT) this.benefit!.references.push(referenceOf(seg));
    else if (this.loop === MEMBER) this.member!.references.push(referenceOf(seg));
    // 2100B REF (provider ids) and 2120 REF are not modelled.
  }

  private onDtp(seg: Segment): void {
    if (this.loop !== MEMBER && this.loop !== BENEFIT) {
      if (this.loop !== RELATED) this.read.unexpected(seg, 'here', this.loopId());
      return;
    }
    const r = dtpRange(this.read, seg, this.loopId());
    if (r === null) return;
    const d = { qualifier: seg.elements[1] ?? '', value: r };
    if (this.loop === BENEFIT) this.benefit!.dates.push(d);
    else this.member!.dates.push(d);
  }

  private loopId(): string {
    const suffix = this.level === '23' ? 'D' : 'C';
    switch (this.loop) {
      case SOURCE:
        return '2100A';
      case RECEIVER:
        return '2100B';
      case MEMBER:
        return `2100${suffix}`;
      case BENEFIT:
        return `2110${suffix}`;
      case RELATED:
        return `2120${suffix}`;
      default:
        return '';
    }
  }
}

function emptyParty(): EligibilityParty {
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
    rejections: [],
  };
}

function newMember(hl: Segment): EligibilityMember {
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
    address: null,
    relationshipCode: '',
    hasDependents: hl.elements[4] === '1',
    traceNumbers: [],
    references: [],
    dates: [],
    rejections: [],
    benefits: [],
    position: positionOf(hl),
  };
}
