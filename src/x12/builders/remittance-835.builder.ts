import type { Address, Procedure, QualifiedDate } from '../models/common.js';
import type {
  ClaimPayment,
  ProviderAdjustment,
  RemittanceHeader,
  RemittanceParty,
  ServicePayment,
} from '../models/remittance.js';
import type { Segment } from '../segment.js';
import type { BuilderContext, TransactionBuilder } from '../transaction-builder.js';
import { ElementReader, elementLabel, partyOf, positionOf, procedureOf } from './element-reader.js';
import { type Cents, type DateRange, type IsoDate, formatCents, parseDateValue } from '../values.js';

// Where the builder stands in the 835 structure; decides which object a REF, DTM, CAS or AMT belongs to.
/** Table 1 before the first N1 (BPR, TRN, CUR, REF, DTM). */
const HEADER = 0;
/** 1000A payer identification. */
const PAYER = 1;
/** 1000B payee identification. */
const PAYEE = 2;
/** 2000 header number (LX, TS3, TS2) before its first CLP. */
const HEADER_NUMBER = 3;
/** 2100 claim payment information. */
const CLAIM = 4;
/** 2110 service payment information. */
const SERVICE = 5;
/** Table 3 summary (PLB). */
const SUMMARY = 6;

/** Loop names for issue paths, indexed by state. */
const LOOP_NAMES = ['', '1000A', '1000B', '2000', '2100', '2110', ''];

/** What the required elements mean, for messages a billing person can act on. */
const ELEMENT_NAMES: Record<string, string> = {
  BPR02: 'total actual provider payment',
  CLP01: 'patient control number',
  CLP02: 'claim status code',
  CLP03: 'total claim charge',
  CLP04: 'claim payment amount',
  SVC01: 'adjudicated procedure',
  SVC02: 'line item charge',
  SVC03: 'line item provider payment',
  CAS01: 'claim adjustment group code',
  PLB01: 'provider identifier',
  PLB02: 'fiscal period date',
  PLB03: 'adjustment reason code',
  PLB04: 'provider adjustment amount',
  DTM02: 'date',
};

/**
 * Builds an 835 health care claim payment/advice from the segments between ST and SE: the remittance
 * header (BPR, TRN, CUR, REF, DTM 405, payer 1000A, payee 1000B), one `ClaimPayment` per CLP with its
 * 2110 service payments, and the PLB provider adjustments. It emits the header before the first claim,
 * each claim payment as soon as the next CLP, LX or PLB (or the end) shows it is complete, and the
 * summary at the end, so that at most one claim payment is held at a time. Service, claim and
 * transaction balancing are checked in integer cents and reported as errors at the segment concerned.
 * 4010 (004010X091A1) and 5010 (005010X221A1) share the loop structure read here.
 */
export class Remittance835Builder implements TransactionBuilder {
  private readonly header: RemittanceHeader;
  private state = HEADER;
  private headerEmitted = false;
  private ended = false;
  /** First segment received, to place issues about a missing BPR. */
  private first: Segment | null = null;
  private bpr: Segment | null = null;
  /** BPR02 was present and valid, so the transaction can be balanced. */
  private totalPaymentValid = false;
  /** The 1000A or 1000B party that N3, N4, REF, PER and RDM belong to. */
  private party: RemittanceParty | null = null;
  private headerNumber = '';

  private claim: ClaimPayment | null = null;
  private clp: Segment | null = null;
  /** CLP03, CLP04 and every CAS amount of the claim were valid, so the claim can be balanced. */
  private claimValid = true;
  private claimCas: Cents = 0;
  private lineCas: Cents = 0;

  private service: ServicePayment | null = null;
  private svc: Segment | null = null;
  private serviceValid = true;
  private serviceCas: Cents = 0;

  private payments = 0;
  private totalClaimPaid: Cents = 0;
  /** Every CLP04 and PLB amount was valid, so the transaction can be balanced. */
  private totalsValid = true;
  private readonly providerAdjustments: ProviderAdjustment[] = [];
  private totalProviderAdjustments: Cents = 0;
  private readonly read: ElementReader;

  constructor(private readonly ctx: BuilderContext) {
    this.read = new ElementReader(ctx, ELEMENT_NAMES);
    this.header = {
      transaction: ctx.transaction,
      version: ctx.version,
      handlingCode: '',
      totalPayment: 0,
      creditDebit: '',
      paymentMethod: '',
      paymentFormat: '',
      paymentDate: null,
      traceNumber: '',
      traceOriginatorId: '',
      productionDate: null,
      currency: '',
      references: [],
      payer: emptyParty(),
      payee: emptyParty(),
      position: { segmentIndex: -1, line: 0, byteOffset: 0 },
    };
  }

  /** The 835 carries no claims (837 CLM); always 0. */
  get claimCount(): number {
    return 0;
  }

  /** Claim payments (CLP) emitted so far. */
  get paymentCount(): number {
    return this.payments;
  }

  segment(seg: Segment): void {
    if (this.first === null) this.first = seg;
    // Cases in order of frequency in real 835s.
    switch (seg.id) {
      case 'DTM':
        this.onDtm(seg);
        break;
      case 'REF':
        this.onRef(seg);
        break;
      case 'CAS':
        this.onCas(seg);
        break;
      case 'SVC':
        this.onSvc(seg);
        break;
      case 'AMT':
        this.onAmt(seg);
        break;
      case 'CLP':
        this.onClp(seg);
        break;
      case 'NM1':
        this.onNm1(seg);
        break;
      case 'LQ':
        this.onLq(seg);
        break;
      case 'MIA':
      case 'MOA':
        this.onAdjudicationInfo(seg);
        break;
      case 'LX':
        this.onLx(seg);
        break;
      case 'PLB':
        this.onPlb(seg);
        break;
      case 'BPR':
        this.onBpr(seg);
        break;
      case 'TRN':
        this.onTrn(seg);
        break;
      case 'CUR':
        if (this.inHeader(seg)) this.header.currency = seg.elements[2] ?? '';
        break;
      case 'N1':
        this.onN1(seg);
        break;
      case 'N3':
        if (this.party !== null) {
          const a = this.address(this.party);
          a.line1 = seg.elements[1] ?? '';
          a.line2 = seg.elements[2] ?? '';
        }
        break;
      case 'N4':
        if (this.party !== null) {
          const a = this.address(this.party);
          a.city = seg.elements[1] ?? '';
          a.state = seg.elements[2] ?? '';
          a.postalCode = seg.elements[3] ?? '';
          a.country = seg.elements[4] ?? '';
        }
        break;
      case 'PER':
        // 2100 PER (claim contact) is not modelled.
        if (this.party !== null) this.onPer(seg, this.party);
        break;
      case 'RDM':
        if (this.party !== null) {
          const e = seg.elements;
          this.party.delivery = { method: e[1] ?? '', name: e[2] ?? '', number: e[3] ?? '' };
        }
        break;
      default:
      // TS3, TS2, QTY and anything else carry nothing the models hold.
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.emitHeader();
    this.finishClaim();
    const bpr = this.bpr;
    if (bpr !== null && this.totalPaymentValid && this.totalsValid) {
      const expected = this.totalClaimPaid - this.totalProviderAdjustments;
      if (expected !== this.header.totalPayment) {
        this.ctx.issue(
          'error',
          'X12_REMITTANCE_TOTAL_MISMATCH',
          `ΣCLP04 ${formatCents(this.totalClaimPaid)} − ΣPLB ${formatCents(this.totalProviderAdjustments)}` +
            ` = ${formatCents(expected)}, but BPR02 is ${formatCents(this.header.totalPayment)}` +
            ` (${this.payments} claim payments, ${this.providerAdjustments.length} provider adjustments)`,
          bpr,
          { elementIndex: 2, path: 'BPR02' },
        );
      }
    }
    this.ctx.emit({
      kind: 'remittance',
      remittance: {
        header: this.header,
        claimPaymentCount: this.payments,
        totalClaimPaid: this.totalClaimPaid,
        providerAdjustments: this.providerAdjustments,
        totalProviderAdjustments: this.totalProviderAdjustments,
      },
    });
  }

  // ---- Table 1: header, 1000A, 1000B

  /** True while header segments are expected; once claims began, warns and the caller ignores the segment. */
  private inHeader(seg: Segment): boolean {
    if (this.state <= PAYEE) return true;
    this.unexpected(seg, 'after the remittance header (it belongs before the first LX/CLP)');
    return false;
  }

  private onBpr(seg: Segment): void {
    if (!this.inHeader(seg)) return;
    const e = seg.elements;
    const h = this.header;
    this.bpr = seg;
    h.position = positionOf(seg);
    h.handlingCode = e[1] ?? '';
    const total = this.cents(seg, 2, true);
    this.totalPaymentValid = total !== null;
    h.totalPayment = total ?? 0;
    h.creditDebit = e[3] ?? '';
    h.paymentMethod = e[4] ?? '';
    h.paymentFormat = e[5] ?? '';
    h.paymentDate = this.date(seg, 16);
  }

  private onTrn(seg: Segment): void {
    if (!this.inHeader(seg)) return;
    const e = seg.elements;
    this.header.traceNumber = e[2] ?? '';
    this.header.traceOriginatorId = e[3] ?? '';
    // The transaction context documents TRN02 as the 835's batch reference; only the 835 builder reads TRN.
    const t = this.ctx.transaction;
    if (t.batchReference === '') t.batchReference = this.header.traceNumber;
  }

  private onN1(seg: Segment): void {
    if (!this.inHeader(seg)) return;
    const e = seg.elements;
    const code = e[1] ?? '';
    let p: RemittanceParty;
    if (code === 'PR') {
      p = this.header.payer;
      this.state = PAYER;
    } else if (code === 'PE') {
      p = this.header.payee;
      this.state = PAYEE;
    } else {
      // Not a 835 party loop: keep its N3/N4/REF away from the payer or payee.
      this.party = null;
      return;
    }
    this.party = p;
    p.entityIdCode = code;
    p.name = e[2] ?? '';
    p.idQualifier = e[3] ?? '';
    p.id = e[4] ?? '';
    if (code === 'PR') {
      if (p.idQualifier === 'XV' || p.idQualifier === 'PI') p.npi = p.id;
    } else if (p.idQualifier === 'XX') p.npi = p.id;
    else if (p.idQualifier === 'FI') p.taxId = p.id;
  }

  private onPer(seg: Segment, p: RemittanceParty): void {
    const e = seg.elements;
    const numbers: { qualifier: string; value: string }[] = [];
    for (let i = 3; i <= 7 && i < e.length; i += 2) {
      const qualifier = e[i]!;
      const value = e[i + 1] ?? '';
      if (qualifier !== '' || value !== '') numbers.push({ qualifier, value });
    }
    p.contacts.push({ functionCode: e[1] ?? '', name: e[2] ?? '', numbers });
  }

  private address(p: RemittanceParty): Address {
    if (p.address === null) {
      p.address = { line1: '', line2: '', city: '', state: '', postalCode: '', country: '' };
    }
    return p.address;
  }

  /** Ends the header part: emits the header once, before anything that refers to it. */
  private emitHeader(): void {
    if (this.headerEmitted) return;
    this.headerEmitted = true;
    this.party = null;
    if (this.bpr === null && this.first !== null) {
      this.header.position = positionOf(this.first);
      this.ctx.issue(
        'error',
        'X12_REQUIRED_ELEMENT_MISSING',
        'the 835 has no BPR (financial information) segment, so its total payment is unknown',
        this.first,
        { path: 'BPR' },
      );
    }
    this.ctx.emit({ kind: 'remittance-header', header: this.header });
  }

  // ---- 2000 and 2100

  /** LX, CLP and PLB close the header and the pending claim payment. */
  private closeClaim(seg: Segment): void {
    if (this.state === SUMMARY) this.unexpected(seg, 'after PLB (provider adjustments end the transaction)');
    this.emitHeader();
    this.finishClaim();
  }

  private onLx(seg: Segment): void {
    this.closeClaim(seg);
    this.headerNumber = seg.elements[1] ?? '';
    this.state = HEADER_NUMBER;
  }

  private onClp(seg: Segment): void {
    this.closeClaim(seg);
    this.state = CLAIM;
    const e = seg.elements;
    const patientControlNumber = this.required(seg, 1);
    const statusCode = this.required(seg, 2);
    const charge = this.cents(seg, 3, true);
    const paid = this.cents(seg, 4, true);
    this.claimValid = charge !== null && paid !== null;
    if (paid === null) this.totalsValid = false;
    else this.totalClaimPaid += paid;
    this.claimCas = 0;
    this.lineCas = 0;
    this.clp = seg;
    this.claim = {
      header: this.header,
      headerNumber: this.headerNumber,
      patientControlNumber,
      statusCode,
      charge: charge ?? 0,
      paid: paid ?? 0,
      patientResponsibility: this.cents(seg, 5, false),
      claimFilingIndicator: e[6] ?? '',
      payerClaimControlNumber: e[7] ?? '',
      facilityCode: e[8] ?? '',
      frequencyCode: e[9] ?? '',
      drgCode: e[11] ?? '',
      drgWeight: this.quantity(seg, 12),
      dischargeFraction: this.quantity(seg, 13),
      isReversal: statusCode === '22',
      patient: null,
      insured: null,
      correctedPatient: null,
      renderingProvider: null,
      crossoverCarrier: null,
      correctedPriorityPayer: null,
      adjustments: [],
      adjudicationInfo: [],
      statementFrom: null,
      statementTo: null,
      receivedDate: null,
      dates: [],
      references: [],
      amounts: [],
      services: [],
      position: positionOf(seg),
    };
  }

  private onNm1(seg: Segment): void {
    const c = this.claim;
    if (c === null) {
      this.unexpected(seg, 'outside a claim payment (2100 CLP)');
      return;
    }
    const e = seg.elements;
    switch (e[1]) {
      case 'QC':
        c.patient = partyOf(e);
        break;
      case 'IL':
        c.insured = partyOf(e);
        break;
      case '74':
        c.correctedPatient = partyOf(e);
        break;
      case '82':
        c.renderingProvider = partyOf(e);
        break;
      case 'TT':
        c.crossoverCarrier = partyOf(e);
        break;
      case 'PR':
        c.correctedPriorityPayer = partyOf(e);
        break;
      default:
      // GB other subscriber and anything else: not modelled.
    }
  }

  private onAdjudicationInfo(seg: Segment): void {
    const c = this.claim;
    if (c === null) {
      this.unexpected(seg, 'outside a claim payment (2100 CLP)');
      return;
    }
    const e = seg.elements;
    const remarkCodes: string[] = [];
    if (seg.id === 'MIA') {
      pushIfPresent(remarkCodes, e[5]);
      for (let i = 20; i <= 23; i++) pushIfPresent(remarkCodes, e[i]);
      c.adjudicationInfo.push({ kind: 'MIA', remarkCodes, elements: e.slice() });
    } else {
      for (let i = 3; i <= 7; i++) pushIfPresent(remarkCodes, e[i]);
      c.adjudicationInfo.push({ kind: 'MOA', remarkCodes, elements: e.slice() });
    }
  }

  private finishClaim(): void {
    const c = this.claim;
    if (c === null) return;
    this.finishService();
    this.claim = null;
    if (this.claimValid) {
      const adjustments = this.claimCas + this.lineCas;
      const expected = c.charge - adjustments;
      if (expected !== c.paid) {
        this.ctx.issue(
          'error',
          'X12_CLAIM_PAYMENT_MISMATCH',
          `CLP03 ${formatCents(c.charge)} − adjustments ${formatCents(adjustments)} = ` +
            `${formatCents(expected)}, but CLP04 is ${formatCents(c.paid)}` +
            ` (claim ${c.patientControlNumber}: claim-level CAS ${formatCents(this.claimCas)},` +
            ` line-level CAS ${formatCents(this.lineCas)})`,
          this.clp!,
          { elementIndex: 4, path: '2100 CLP04' },
        );
      }
    }
    this.clp = null;
    this.payments++;
    this.ctx.emit({ kind: 'claim-payment', payment: c });
  }

  // ---- 2110

  private onSvc(seg: Segment): void {
    const c = this.claim;
    if (c === null) {
      this.unexpected(seg, 'before any claim payment (2110 SVC must follow a 2100 CLP)');
      return;
    }
    this.finishService();
    this.state = SERVICE;
    const e = seg.elements;
    const procedure = this.procedure(seg, 1, true) ?? emptyProcedure();
    const charge = this.cents(seg, 2, true);
    const paid = this.cents(seg, 3, true);
    this.serviceValid = charge !== null && paid !== null;
    this.serviceCas = 0;
    this.svc = seg;
    const s: ServicePayment = {
      procedure,
      charge: charge ?? 0,
      paid: paid ?? 0,
      revenueCode: e[4] ?? '',
      units: e[5] === undefined || e[5] === '' ? 1 : this.quantity(seg, 5),
      originalProcedure: this.procedure(seg, 6, false),
      originalUnits: this.quantity(seg, 7),
      serviceDate: null,
      serviceDateEnd: null,
      dates: [],
      adjustments: [],
      controlNumber: '',
      references: [],
      allowedAmount: null,
      amounts: [],
      remarkCodes: [],
      position: positionOf(seg),
    };
    this.service = s;
    c.services.push(s);
  }

  private finishService(): void {
    const s = this.service;
    if (s === null) return;
    this.service = null;
    if (this.serviceValid) {
      const expected = s.charge - this.serviceCas;
      if (expected !== s.paid) {
        this.ctx.issue(
          'error',
          'X12_SERVICE_PAYMENT_MISMATCH',
          `SVC02 ${formatCents(s.charge)} − adjustments ${formatCents(this.serviceCas)} = ` +
            `${formatCents(expected)}, but SVC03 is ${formatCents(s.paid)}` +
            ` (claim ${this.claim?.patientControlNumber ?? ''}, procedure ${s.procedure.code})`,
          this.svc!,
          { elementIndex: 3, path: '2110 SVC03' },
        );
      }
    }
    this.svc = null;
  }

  private onLq(seg: Segment): void {
    const s = this.service;
    if (s === null) {
      this.unexpected(seg, 'outside a service payment (2110 SVC)');
      return;
    }
    const e = seg.elements;
    if (e[1] === 'HE') pushIfPresent(s.remarkCodes, e[2]);
  }

  // ---- segments shared by 2100 and 2110

  private onCas(seg: Segment): void {
    const line = this.service !== null;
    if (!line && this.claim === null) {
      this.unexpected(seg, 'outside a claim or service payment (CAS follows CLP or SVC)');
      return;
    }
    const target = line ? this.service!.adjustments : this.claim!.adjustments;
    const { sum, valid } = this.read.adjustments(seg, this.loopOf(seg), target);
    if (line) {
      this.serviceCas += sum;
      this.lineCas += sum;
      if (!valid) this.serviceValid = false;
    } else this.claimCas += sum;
    if (!valid) this.claimValid = false;
  }

  private onDtm(seg: Segment): void {
    const e = seg.elements;
    const qualifier = e[1] ?? '';
    const state = this.state;
    if (state === CLAIM || state === SERVICE) {
      const value = this.dateValue(seg);
      if (value === null) return;
      const d: QualifiedDate = { qualifier, value };
      if (state === SERVICE) {
        const s = this.service!;
        s.dates.push(d);
        if (qualifier === '472') {
          s.serviceDate = value.from;
          s.serviceDateEnd = value.to;
        } else if (qualifier === '150') s.serviceDate = value.from;
        else if (qualifier === '151') s.serviceDateEnd = value.from;
      } else {
        const c = this.claim!;
        c.dates.push(d);
        if (qualifier === '232') c.statementFrom = value.from;
        else if (qualifier === '233') c.statementTo = value.from;
        else if (qualifier === '050') c.receivedDate = value.from;
      }
    } else if (state === HEADER && qualifier === '405') {
      const value = this.dateValue(seg);
      if (value !== null) this.header.productionDate = value.from;
    }
  }

  private onRef(seg: Segment): void {
    const e = seg.elements;
    const qualifier = e[1] ?? '';
    const value = e[2] ?? '';
    switch (this.state) {
      case HEADER:
        this.header.references.push({ qualifier, value });
        break;
      case PAYER:
      case PAYEE: {
        const p = this.party;
        if (p === null) break; // an N1 other than PR or PE
        p.references.push({ qualifier, value });
        if (p === this.header.payer) {
          if (qualifier === '2U' && p.npi === '') p.npi = value;
        } else if (qualifier === 'TJ' && p.taxId === '') p.taxId = value;
        break;
      }
      case CLAIM:
        this.claim!.references.push({ qualifier, value });
        break;
      case SERVICE: {
        const s = this.service!;
        s.references.push({ qualifier, value });
        if (qualifier === '6R') s.controlNumber = value;
        break;
      }
      default:
      // 2000 and Table 3 have no REF.
    }
  }

  private onAmt(seg: Segment): void {
    const state = this.state;
    if (state !== CLAIM && state !== SERVICE) return;
    const amount = this.cents(seg, 2, false);
    if (amount === null) return;
    const qualifier = seg.elements[1] ?? '';
    if (state === SERVICE) {
      const s = this.service!;
      s.amounts.push({ qualifier, amount });
      if (qualifier === 'B6') s.allowedAmount = amount;
    } else this.claim!.amounts.push({ qualifier, amount });
  }

  // ---- Table 3

  private onPlb(seg: Segment): void {
    this.closeClaim(seg);
    this.state = SUMMARY;
    const e = seg.elements;
    const providerId = this.required(seg, 1);
    if (e[2] === undefined || e[2] === '') this.missing(seg, 2);
    const fiscalPeriodDate = this.date(seg, 2);
    const at = positionOf(seg);
    let pairs = 0;
    // Up to six reason/amount pairs: PLB03-04, 05-06, ..., 13-14; PLBxx-1 reason, PLBxx-2 reference.
    for (let i = 3; i <= 13 && i < e.length; i += 2) {
      const composite = e[i]!;
      const rawAmount = e[i + 1];
      if (composite === '' && (rawAmount === undefined || rawAmount === '')) continue;
      pairs++;
      const reason = composite === '' ? '' : seg.component(i, 1);
      if (reason === '') this.missing(seg, i);
      const amount = this.cents(seg, i + 1, true);
      if (amount === null) this.totalsValid = false;
      else this.totalProviderAdjustments += amount;
      this.providerAdjustments.push({
        providerId,
        fiscalPeriodDate,
        reason,
        reference: composite === '' ? '' : seg.component(i, 2),
        amount: amount ?? 0,
        position: at,
      });
    }
    if (pairs === 0) this.missing(seg, 3);
  }

  // ---- element readers: the shared ElementReader with this builder's loop names

  private required(seg: Segment, n: number): string {
    return this.read.required(seg, n, this.loopOf(seg));
  }

  private cents(seg: Segment, n: number, required: boolean): Cents | null {
    return this.read.cents(seg, n, this.loopOf(seg), required);
  }

  private quantity(seg: Segment, n: number): number | null {
    return this.read.quantity(seg, n, this.loopOf(seg));
  }

  private date(seg: Segment, n: number): IsoDate | null {
    return this.read.date(seg, n, this.loopOf(seg));
  }

  /** DTM02 (or a DTM05/DTM06 period) as a range; null when missing or invalid (reported). */
  private dateValue(seg: Segment): DateRange | null {
    const e = seg.elements;
    const v = e[2];
    if (v === undefined || v === '') {
      const period = e[6];
      if (period !== undefined && period !== '') {
        const r = parseDateValue(e[5] ?? '', period);
        if (r) return r;
        this.invalid(seg, 6, 'X12_INVALID_DATE', period, `a valid ${e[5] ?? ''} date`);
        return null;
      }
      this.missing(seg, 2);
      return null;
    }
    const d = this.date(seg, 2);
    return d === null ? null : { from: d, to: d };
  }

  /** A procedure composite (SVC01, SVC06); null when empty. SVC01-1 and SVC01-2 are required. */
  private procedure(seg: Segment, n: number, required: boolean): Procedure | null {
    const v = seg.elements[n] ?? '';
    const p = procedureOf(v, seg.delimiters.component);
    if (p === null) {
      if (required) this.missing(seg, n);
      return null;
    }
    if (required && p.code === '') {
      const label = elementLabel(seg, n);
      this.ctx.issue(
        'error',
        'X12_REQUIRED_ELEMENT_MISSING',
        `${label}-2 (procedure code) is missing: ${label} is "${v}" and the component separator is ` +
          `"${seg.delimiters.component}"`,
        seg,
        { elementIndex: n, componentIndex: 2, path: `${this.loopOf(seg)} ${label}-2`.trim() },
      );
    }
    return p;
  }

  private missing(seg: Segment, n: number): void {
    this.read.missing(seg, n, this.loopOf(seg));
  }

  private invalid(
    seg: Segment,
    n: number,
    code: 'X12_INVALID_AMOUNT' | 'X12_INVALID_NUMBER' | 'X12_INVALID_DATE',
    value: string,
    expected: string,
  ): void {
    this.read.invalid(seg, n, code, value, expected, this.loopOf(seg));
  }

  private unexpected(seg: Segment, where: string): void {
    this.read.unexpected(seg, where, LOOP_NAMES[this.state] ?? '');
  }

  /** The loop a segment belongs to: the one it opens (CLP, SVC) or the one it is read in; '' for BPR/PLB. */
  private loopOf(seg: Segment): string {
    const id = seg.id;
    if (id === 'CLP') return '2100';
    if (id === 'SVC') return '2110';
    if (id === 'PLB' || id === 'BPR') return '';
    return LOOP_NAMES[this.state] ?? '';
  }
}

function pushIfPresent(list: string[], value: string | undefined): void {
  if (value !== undefined && value !== '') list.push(value);
}

function emptyParty(): RemittanceParty {
  return {
    entityIdCode: '',
    name: '',
    idQualifier: '',
    id: '',
    npi: '',
    taxId: '',
    address: null,
    references: [],
    contacts: [],
    delivery: null,
  };
}

function emptyProcedure(): Procedure {
  return { qualifier: '', code: '', modifiers: [], description: '' };
}
