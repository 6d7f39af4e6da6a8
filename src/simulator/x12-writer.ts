/**
 * 837P (005010X222A1) and 837I (005010X223A2) writer. One interchange per file (ISA/GS/ST … SE/GE/IEA)
 * with one transaction set; the billing provider is HL 1 and every claim is a subscriber HL under it.
 * Segment counts and control numbers are computed as the segments are written (SE01 counts ST to SE).
 * Amounts come from integer cents, never from floating point.
 */
import { d8 } from './dates.js';
import type { ClaimKind } from './defects.js';
import type { SimClaim } from './encounters.js';
import { FileSink } from './file-sink.js';
import { undot, type Practice } from './practice.js';

/** Dollars text from integer cents: 15000 → "150", 3075 → "30.75", 1050 → "10.5". */
export function money(cents: number): string {
  if (!Number.isInteger(cents)) throw new TypeError(`cents must be a whole number, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** X12 text: the element separator, segment terminator and component separator are not allowed in data. */
function clean(value: string): string {
  return value.replace(/[*~:^]/g, ' ');
}

export interface X12FileInfo {
  path: string;
  type: ClaimKind;
  claims: number;
  interchangeControlNumber: string;
}

const VERSION: Record<ClaimKind, string> = { professional: '005010X222A1', institutional: '005010X223A2' };
const SENDER = 'CGSIMSUBMIT';
const RECEIVER = 'CGSIMCLEAR';

/** Writes one 837 file: open with the envelope, add claims, close with the trailers. */
export class X12ClaimFile {
  private readonly sink: FileSink;
  private segments = 0;
  private hl = 1;
  claims = 0;

  constructor(
    readonly path: string,
    readonly type: ClaimKind,
    practice: Practice,
    /** File creation date (BHT04, ISA09, GS04): the date the batch is sent. */
    date: string,
    readonly controlNumber: number,
  ) {
    this.sink = new FileSink(path);
    const isaControl = String(controlNumber).padStart(9, '0');
    const yymmdd = d8(date).slice(2);
    this.sink.write(
      `ISA*00*          *00*          *ZZ*${SENDER.padEnd(15)}*ZZ*${RECEIVER.padEnd(15)}*${yymmdd}*0900*^*00501*${isaControl}*0*T*:~\n`,
    );
    this.sink.write(`GS*HC*${SENDER}*${RECEIVER}*${d8(date)}*0900*${controlNumber}*X*${VERSION[type]}~\n`);
    this.seg(`ST*837*0001*${VERSION[type]}`);
    this.seg(`BHT*0019*00*SIM${controlNumber}*${d8(date)}*0900*CH`);
    this.seg(`NM1*41*2*${clean(practice.name)}*****46*${SENDER}`);
    this.seg('PER*IC*BILLING OFFICE*TE*5555550100');
    this.seg(`NM1*40*2*SIMULATED CLEARINGHOUSE*****46*${RECEIVER}`);
    this.seg('HL*1**20*1');
    const billing =
      type === 'professional'
        ? { name: practice.name, npi: practice.npi, taxonomy: practice.taxonomy, address: practice.address }
        : practice.facility;
    this.seg(`PRV*BI*PXC*${billing.taxonomy}`);
    this.seg(`NM1*85*2*${clean(billing.name)}*****XX*${billing.npi}`);
    this.seg(`N3*${clean(billing.address.line)}`);
    this.seg(`N4*${clean(billing.address.city)}*${billing.address.state}*${billing.address.zip}`);
    this.seg(`REF*EI*${practice.taxId}`);
  }

  private seg(text: string): void {
    this.sink.write(`${text}~\n`);
    this.segments++;
  }

  add(claim: SimClaim): void {
    if (claim.type !== this.type)
      throw new Error(`claim ${claim.id} is ${claim.type}, the file is ${this.type}`);
    this.claims++;
    this.hl++;
    const s = claim.subscriber;
    const sbr03 = claim.groupNumber;
    this.seg(`HL*${this.hl}*1*22*0`);
    this.seg(`SBR*${claim.sequence}*18*${sbr03}******${claim.payer.filingIndicator}`);
    this.seg(`NM1*IL*1*${clean(s.lastName)}*${clean(s.firstName)}****MI*${clean(s.memberId)}`);
    this.seg(`N3*${clean(s.address.line)}`);
    this.seg(`N4*${clean(s.address.city)}*${s.address.state}*${s.address.zip}`);
    this.seg(`DMG*D8*${d8(s.dob)}*${s.sex}`);
    this.seg(`NM1*PR*2*${clean(claim.payer.name)}*****PI*${claim.payer.id}`);
    const total = claim.lines.reduce((a, l) => a + l.chargeCents, 0);
    if (this.type === 'professional') {
      this.seg(`CLM*${claim.id}*${money(total)}***${claim.location.placeOfService}:B:1*Y*A*Y*Y`);
      if (claim.priorAuth) this.seg(`REF*G1*${claim.priorAuth}`);
      this.seg(`HI*${claim.diagnoses.map((c, i) => `${i === 0 ? 'ABK' : 'ABF'}:${undot(c)}`).join('*')}`);
      this.seg(
        `NM1*82*1*${clean(claim.provider.lastName)}*${clean(claim.provider.firstName)}****XX*${claim.providerNpi}`,
      );
      this.seg(`PRV*PE*PXC*${claim.provider.taxonomy}`);
      this.seg(`NM1*77*2*${clean(claim.location.name)}`);
      this.seg(`N3*${clean(claim.location.address.line)}`);
      this.seg(
        `N4*${clean(claim.location.address.city)}*${claim.location.address.state}*${claim.location.address.zip}`,
      );
      claim.lines.forEach((l, i) => {
        this.seg(`LX*${i + 1}`);
        const proc = ['HC', l.code, ...l.modifiers].join(':');
        this.seg(`SV1*${proc}*${money(l.chargeCents)}*UN*${l.units}***${l.pointers.join(':')}`);
        this.seg(`DTP*472*D8*${d8(claim.serviceDate)}`);
      });
    } else {
      this.seg(`CLM*${claim.id}*${money(total)}***13:A:1**A*Y*Y`);
      this.seg(`DTP*434*RD8*${d8(claim.serviceDate)}-${d8(claim.serviceDate)}`);
      if (claim.priorAuth) this.seg(`REF*G1*${claim.priorAuth}`);
      this.seg(`HI*ABK:${undot(claim.diagnoses[0]!)}`);
      if (claim.diagnoses.length > 1) {
        this.seg(
          `HI*${claim.diagnoses
            .slice(1)
            .map((c) => `ABF:${undot(c)}`)
            .join('*')}`,
        );
      }
      this.seg(
        `NM1*71*1*${clean(claim.provider.lastName)}*${clean(claim.provider.firstName)}****XX*${claim.providerNpi}`,
      );
      this.seg(`PRV*AT*PXC*${claim.provider.taxonomy}`);
      claim.lines.forEach((l, i) => {
        this.seg(`LX*${i + 1}`);
        const proc = ['HC', l.code, ...l.modifiers].join(':');
        this.seg(`SV2*${l.revenueCode}*${proc}*${money(l.chargeCents)}*UN*${l.units}`);
        this.seg(`DTP*472*D8*${d8(claim.serviceDate)}`);
      });
    }
  }

  /** Writes SE/GE/IEA and closes the file. */
  close(): X12FileInfo {
    this.seg(`SE*${this.segments + 1}*0001`);
    this.sink.write(`GE*1*${this.controlNumber}~\n`);
    this.sink.write(`IEA*1*${String(this.controlNumber).padStart(9, '0')}~\n`);
    this.sink.close();
    return {
      path: this.path,
      type: this.type,
      claims: this.claims,
      interchangeControlNumber: String(this.controlNumber).padStart(9, '0'),
    };
  }
}
