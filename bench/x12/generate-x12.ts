/**
 * Deterministic synthetic X12 generator for the benchmarks: an 837P 5010 (005010X222A1) or an 835 5010
 * (005010X221A1), written streaming to disk with backpressure. Same seed and options → byte-identical file.
 * Every name and identifier is synthetic (TESTPATIENT, TESTCLINIC, payer ids TP00x, ...); NPIs carry a valid
 * Luhn check digit for the 80840 prefix. Money is integer cents throughout, so the 835 balances exactly:
 * SVC02 − ΣCAS = SVC03, CLP03 − ΣCAS = CLP04, BPR02 = ΣCLP04 − ΣPLB.
 *
 * `generateMatchingPair` writes an 837P of exactly N claims and, streaming alongside it, an 835 that pays
 * those claims (CLP01 = CLM01, same charges, SVC01 = SV101, REF 6R and DTM 472 as on the claim lines) with
 * a realistic mix of payments, denials, partial payments, reversals with corrections, claims still pending
 * and a few payments for claims that are not in the 837.
 *
 * CLI: node dist-bench/bench/x12/generate-x12.js --kind 837p|835 --mb 100 --out bench/out/file.x12 [--seed N]
 *      [--min-records N] [--claims-per-st N]
 *      node dist-bench/bench/x12/generate-x12.js --kind pair --claims N --out837 a.x12 --out835 b.x12 [--seed N]
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';

export type X12Kind = '837p' | '835';

/** Bumped whenever the output for a given seed changes (the bench regenerates its files then). */
export const GENERATOR_VERSION = 1;
/** Bumped whenever the 835 of `generateMatchingPair` changes for a given seed (its 837P follows GENERATOR_VERSION). */
export const PAIR_VERSION = 1;

export interface GenerateOptions {
  kind: X12Kind;
  /** Output path; parent directories are created. */
  out: string;
  /** Target size in bytes: generation stops at the first boundary at or past it. */
  targetBytes: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Keep going past targetBytes until at least this many claims (837P) or claim payments (835). */
  minRecords?: number;
  /** 837P claims per ST..SE (default 5000). 835 transaction sets carry 50..1500 claim payments. */
  claimsPerTransaction?: number;
  /** Transaction sets per GS..GE (default 10). */
  transactionsPerGroup?: number;
  /** 837P only: never more than this many claims (with minRecords, an exact count). */
  maxRecords?: number;
}

/** What was written, so a reader's counts can be checked against it. Fields not relevant to a kind are 0. */
export interface GenerateResult {
  kind: X12Kind;
  file: string;
  seed: number;
  generatorVersion: number;
  bytes: number;
  /** Every segment, ISA..IEA inclusive. */
  segments: number;
  /** Σ SE01: segments from ST to SE inclusive. */
  transactionSegments: number;
  interchanges: number;
  groups: number;
  transactions: number;
  /** 837P: CLM segments. */
  claims: number;
  /** 835: CLP segments. */
  payments: number;
  /** SV1 (837P) or SVC (835) segments. */
  serviceLines: number;
  /** 837P: claims under a 2000C patient loop (patient ≠ subscriber). */
  patientClaims: number;
  /** 837P: claims with a 2320/2330 other payer. */
  cobClaims: number;
  /** 837P: lines with a 2410 LIN/CTP drug. */
  ndcLines: number;
  /** 837P: Σ CLM02 in cents. */
  totalChargeCents: number;
  /** 835: CLP02 = 4. */
  denials: number;
  /** 835: CLP02 = 22. */
  reversals: number;
  /** 835: PLB segments. */
  plbSegments: number;
  /** 835: Σ BPR02 in cents. */
  totalPaymentCents: number;
  /** 835: Σ CLP04 in cents. */
  totalClaimPaidCents: number;
  elapsedMs: number;
}

// ---------------------------------------------------------------------------------------------------------
// PRNG and formatting helpers

/** mulberry32: tiny, fast, deterministic 32-bit PRNG returning [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(48 + Math.floor(this.next() * 10));
    return s;
  }
  /** Index into cumulative weights. */
  weighted(cumulative: readonly number[]): number {
    const x = this.next() * cumulative[cumulative.length - 1]!;
    let i = 0;
    while (x >= cumulative[i]!) i++;
    return i;
  }
}

/** NPI check digit: Luhn over '80840' + the 9-digit base. */
export function npiCheckDigit(base9: string): number {
  const digits = '80840' + base9;
  let sum = 0;
  let double = true;
  for (let i = digits.length - 1; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function makeNpi(rng: Rng): string {
  const base = rng.pick(['1', '2']) + rng.digits(8);
  return base + String(npiCheckDigit(base));
}

/** Cents as an X12 R value with trailing zeros dropped: 10000 → '100', 10050 → '100.5', -5 → '-0.05'. */
export function money(cents: number): string {
  const neg = cents < 0;
  const abs = neg ? -cents : cents;
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  let s = neg ? '-' + whole : '' + whole;
  if (frac !== 0) s += frac % 10 === 0 ? '.' + frac / 10 : frac < 10 ? '.0' + frac : '.' + frac;
  return s;
}

function two(n: number): string {
  return n < 10 ? '0' + n : '' + n;
}

function pad(value: string, width: number): string {
  return value.length >= width ? value.slice(0, width) : value + ' '.repeat(width - value.length);
}

/** CCYYMMDD for every day of 2024. */
const DATES: readonly string[] = (() => {
  const out: string[] = [];
  for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10).replace(/-/g, ''));
  }
  return out;
})();

function cumulative(weights: readonly number[]): number[] {
  let acc = 0;
  return weights.map((w) => (acc += w));
}

// ---------------------------------------------------------------------------------------------------------
// Synthetic reference data (real code sets, fake people and organisations)

const FIRST_NAMES = (
  'ALPHA BRAVO CHARLIE DELTA ECHO FOXTROT GOLF HOTEL INDIA JULIET KILO LIMA MIKE NOVEMBER OSCAR PAPA ' +
  'QUEBEC ROMEO SIERRA TANGO UNIFORM VICTOR WHISKEY'
).split(' ');
const LAST_NAMES = 'TESTPATIENT TESTPERSON TESTSUBJECT TESTMEMBER SAMPLEPATIENT DUMMYPATIENT'.split(' ');
const DOCTOR_NAMES = ['TESTDOCTOR', 'TESTPHYSICIAN', 'TESTCLINICIAN', 'SAMPLEDOCTOR'];
const STREETS = ['1 TEST LANE', '22 FAKE STREET', '333 SAMPLE AVE', '4444 DEMO BLVD', '55 PLACEHOLDER RD'];
const PLACES: readonly (readonly [string, string, string])[] = [
  ['TESTVILLE', 'CA', '900010001'],
  ['FAKETOWN', 'NY', '100010002'],
  ['SAMPLE CITY', 'TX', '750010003'],
  ['DEMOBURG', 'FL', '330010004'],
  ['MOCKFORD', 'IL', '600010005'],
  ['STUBTON', 'WA', '980010006'],
];
const TAXONOMIES = ['207Q00000X', '208D00000X', '207R00000X', '208000000X', '261QP2300X', '363LF0000X'];
/** ICD-10-CM codes (31: a prime, so stepping through it yields distinct codes). */
const DIAGNOSES = (
  'J029 R509 E119 I10 M545 Z0000 K219 F329 J069 N390 R05 R51 E785 M791 R1084 Z23 J45909 E6601 G43909 ' +
  'H6690 L309 M25561 R0602 S93401A Z1231 F419 I4891 K5900 N189 R112 Z79899'
).split(' ');
/** Procedure codes with a base charge in cents. */
const PROCEDURES: readonly (readonly [string, number])[] = (
  '99213:11000 99214:16500 99203:12500 99204:19000 36415:1500 85025:2200 80053:3500 93000:4500 71046:9000 ' +
  '97110:6000 90471:3000 90686:2800 G0439:17500 81002:1200 87880:2500 J1100:800 J3420:1500 J0696:1200 ' +
  '20610:15000 11721:7000'
)
  .split(' ')
  .map((entry) => {
    const [code, cents] = entry.split(':') as [string, string];
    return [code, Number(cents)] as const;
  });
/** Modifiers (13: prime). */
const MODIFIERS = ['25', '59', 'GT', '95', 'LT', 'RT', 'XS', 'QW', '26', 'TC', 'GA', 'KX', 'XU'];
const PLACES_OF_SERVICE = ['11', '11', '11', '11', '22', '02', '10', '21', '81'];
const RARCS = ['N130', 'M15', 'MA130', 'N362', 'M80', 'N115', 'MA01', 'N20'];
const DENIAL_CARCS = ['16', '50', '97', '29', '197', 'B7'];

interface PayerInfo {
  name: string;
  id: string;
  /** SBR09 in the 837. */
  filing: string;
  /** CLP06 in the 835. */
  clpFiling: string;
  ein: string;
}
const PAYERS: readonly PayerInfo[] = [
  { name: 'TESTPAYER HEALTH PLAN A', id: 'TP001', filing: 'CI', clpFiling: '12', ein: '990000101' },
  { name: 'TESTPAYER MEDICARE B', id: 'TP002', filing: 'MB', clpFiling: 'MB', ein: '990000102' },
  { name: 'TESTPAYER MEDICAID', id: 'TP003', filing: 'MC', clpFiling: 'MC', ein: '990000103' },
  { name: 'TESTPAYER BLUE PLAN', id: 'TP004', filing: 'BL', clpFiling: '12', ein: '990000104' },
  { name: 'TESTPAYER HMO', id: 'TP005', filing: 'HM', clpFiling: 'HM', ein: '990000105' },
];

interface ProviderInfo {
  name: string;
  npi: string;
  ein: string;
  taxonomy: string;
  street: string;
  place: readonly [string, string, string];
}

function makeProviders(rng: Rng, count: number): ProviderInfo[] {
  const out: ProviderInfo[] = [];
  for (let i = 1; i <= count; i++) {
    out.push({
      name: `TESTCLINIC ${String(i).padStart(3, '0')} MEDICAL GROUP`,
      npi: makeNpi(rng),
      ein: '99' + rng.digits(7),
      taxonomy: rng.pick(TAXONOMIES),
      street: rng.pick(STREETS),
      place: rng.pick(PLACES),
    });
  }
  return out;
}

/** Lines per claim 1..6, most claims short. */
const LINE_COUNT_WEIGHTS = cumulative([35, 25, 17, 10, 7, 6]);
/** Diagnoses per claim 1..8. */
const DX_COUNT_WEIGHTS = cumulative([20, 25, 20, 12, 9, 6, 4, 4]);
/** Claims per subscriber or patient 1..3. */
const CLAIMS_PER_PERSON_WEIGHTS = cumulative([60, 30, 10]);
/** Modifiers per line 0..4. */
const MOD_COUNT_WEIGHTS = cumulative([60, 25, 10, 4, 1]);

const FLUSH_CHARS = 1 << 20;

// ---------------------------------------------------------------------------------------------------------
// Output

/** A write stream with a string buffer and backpressure: never holds more than about one flush. */
class Sink {
  private text = '';
  private written = 0;
  private error: Error | null = null;
  private readonly ws: WriteStream;

  constructor(path: string) {
    this.ws = createWriteStream(path);
    this.ws.on('error', (err) => {
      this.error = err;
    });
  }

  /** Bytes written or buffered so far (the output is ASCII). */
  get bytes(): number {
    return this.written + this.text.length;
  }

  get buffered(): number {
    return this.text.length;
  }

  append(s: string): void {
    this.text += s;
  }

  async flush(): Promise<void> {
    if (this.error) throw this.error;
    if (this.text === '') return;
    const chunk = this.text;
    this.text = '';
    this.written += chunk.length;
    if (!this.ws.write(chunk, 'latin1')) await once(this.ws, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.ws.end();
    await finished(this.ws);
    if (this.error) throw this.error;
  }
}

function emptyResult(kind: X12Kind, file: string, seed: number): GenerateResult {
  return {
    kind,
    file,
    seed,
    generatorVersion: GENERATOR_VERSION,
    bytes: 0,
    segments: 0,
    transactionSegments: 0,
    interchanges: 0,
    groups: 0,
    transactions: 0,
    claims: 0,
    payments: 0,
    serviceLines: 0,
    patientClaims: 0,
    cobClaims: 0,
    ndcLines: 0,
    totalChargeCents: 0,
    denials: 0,
    reversals: 0,
    plbSegments: 0,
    totalPaymentCents: 0,
    totalClaimPaidCents: 0,
    elapsedMs: 0,
  };
}

/** Envelope bookkeeping shared by both kinds: ISA/GS/GE/IEA and control numbers. */
abstract class Envelope {
  protected readonly rng: Rng;
  protected readonly sink: Sink;
  readonly result: GenerateResult;
  /** Segments of the current transaction set (ST..SE). */
  protected stSegments = 0;
  private groupTransactions = 0;
  private groupControl = 0;
  private transactionControl = 0;
  protected readonly isaControl: string;

  constructor(
    protected readonly options: GenerateOptions,
    protected readonly term: string,
  ) {
    const seed = options.seed ?? 1;
    this.rng = new Rng(seed);
    this.sink = new Sink(options.out);
    this.result = emptyResult(options.kind, options.out, seed);
    this.isaControl = String((seed % 999_999_999) + 1).padStart(9, '0');
  }

  protected get reached(): boolean {
    const records = this.options.kind === '837p' ? this.result.claims : this.result.payments;
    return this.sink.bytes >= this.options.targetBytes && records >= (this.options.minRecords ?? 0);
  }

  /** Appends one segment of the current transaction set. */
  protected seg(s: string): void {
    this.sink.append(s + this.term);
    this.stSegments++;
  }

  /** Appends an envelope segment (outside ST..SE). */
  private envelope(s: string): void {
    this.sink.append(s + this.term);
    this.result.segments++;
  }

  protected isa(sender: string, receiver: string): void {
    const blank = pad('', 10);
    const isa =
      `ISA*00*${blank}*00*${blank}*ZZ*${pad(sender, 15)}*ZZ*${pad(receiver, 15)}*240131*1200*^*00501*` +
      `${this.isaControl}*0*T*:`;
    if (isa.length !== 105) throw new Error(`ISA is ${isa.length + 1} characters, not 106`);
    this.envelope(isa);
    this.result.interchanges++;
  }

  protected iea(): void {
    this.envelope(`IEA*${this.result.groups}*${this.isaControl}`);
  }

  protected gs(functionalId: string, sender: string, receiver: string, version: string): void {
    this.groupControl++;
    this.groupTransactions = 0;
    this.envelope(`GS*${functionalId}*${sender}*${receiver}*20240131*1200*${this.groupControl}*X*${version}`);
    this.result.groups++;
  }

  protected ge(): void {
    this.envelope(`GE*${this.groupTransactions}*${this.groupControl}`);
  }

  /** Starts ST..SE; returns ST02. */
  protected st(id: string, reference: string): string {
    this.transactionControl++;
    this.groupTransactions++;
    this.stSegments = 0;
    const control = String(this.transactionControl).padStart(4, '0');
    this.seg(reference ? `ST*${id}*${control}*${reference}` : `ST*${id}*${control}`);
    return control;
  }

  protected se(control: string): void {
    this.seg(`SE*${this.stSegments + 1}*${control}`);
    this.result.transactionSegments += this.stSegments;
    this.result.segments += this.stSegments;
    this.result.transactions++;
  }

  protected get transactionsPerGroup(): number {
    return this.options.transactionsPerGroup ?? 10;
  }

  protected get groupFull(): boolean {
    return this.groupTransactions >= this.transactionsPerGroup;
  }

  abstract generate(): Promise<void>;

  async run(): Promise<GenerateResult> {
    const started = performance.now();
    await mkdir(dirname(resolve(this.options.out)), { recursive: true });
    await this.generate();
    this.result.bytes = this.sink.bytes;
    await this.sink.close();
    this.result.elapsedMs = Math.round(performance.now() - started);
    return this.result;
  }
}

// ---------------------------------------------------------------------------------------------------------
// 837P

interface Line {
  code: string;
  modifiers: string;
  units: number;
  charge: number;
  day: number;
  /** Last day of an RD8 service date (= day for a single date); set when the line is written. */
  dayEnd?: number;
  /** REF 6R as written ('' when the line has none); set when the line is written. */
  ref?: string;
}

interface Person {
  last: string;
  first: string;
  middle: string;
  dob: string;
  sex: string;
}

interface Doctor {
  last: string;
  first: string;
  npi: string;
}

/** What the 835 of a matching pair needs to know about one generated 837P claim. */
interface GeneratedClaim {
  pcn: string;
  total: number;
  pos: string;
  frequency: string;
  /** SBR01 = S: the payer adjudicates as secondary (CLP02 = 2). */
  cob: boolean;
  payer: PayerInfo;
  provider: ProviderInfo;
  memberId: string;
  subscriber: Person;
  patient: Person | null;
  rendering: Doctor | null;
  lines: Line[];
}

/** Receives every claim of an 837P as it is generated (the 835 side of a matching pair). */
interface ClaimListener {
  claim(claim: GeneratedClaim): void;
  /** Called where the 837P flushes: lets the listener write its own buffered output. */
  flush(): Promise<void>;
}

class Gen837 extends Envelope {
  private readonly providers: ProviderInfo[];
  private readonly renderers: { last: string; first: string; npi: string }[];
  private hl = 0;
  /** HL01 of the current 2000A billing provider: the parent of every 2000B under it. */
  private providerHl = 0;
  private member = 0;
  private stClaims = 0;
  /** The current 2000A/2000B/2000C, for the listener. */
  private currentProvider: ProviderInfo | null = null;
  private currentPayer: PayerInfo | null = null;
  private currentSubscriber: Person | null = null;
  private currentPatient: Person | null = null;

  constructor(
    options: GenerateOptions,
    private readonly listener: ClaimListener | null = null,
  ) {
    super(options, '~\n');
    this.providers = makeProviders(this.rng, 8);
    this.renderers = [];
    for (let i = 0; i < 40; i++) {
      this.renderers.push({
        last: this.rng.pick(DOCTOR_NAMES),
        first: this.rng.pick(FIRST_NAMES),
        npi: makeNpi(this.rng),
      });
    }
  }

  async generate(): Promise<void> {
    const perSt = this.options.claimsPerTransaction ?? 5000;
    this.isa('CGTESTSUBMIT', 'CGTESTRECEIVE');
    let groupOpen = false;
    while (!this.reached || this.result.transactions === 0) {
      if (!groupOpen) {
        this.gs('HC', 'CGTESTSUBMIT', 'CGTESTRECEIVE', '005010X222A1');
        groupOpen = true;
      }
      const control = this.st('837', '005010X222A1');
      this.seg(`BHT*0019*00*CGBATCH${control}*${DATES[30]}*1200*CH`);
      this.seg('NM1*41*2*TESTSUBMITTER CLAIMGUARD*****46*CGTESTSUBMIT');
      this.seg('PER*IC*TESTCONTACT*TE*5555550100*EM*TEST@EXAMPLE.INVALID');
      this.seg('NM1*40*2*TESTRECEIVER CLEARINGHOUSE*****46*CGTESTRECEIVE');
      this.hl = 0;
      this.stClaims = 0;
      while (this.stClaims < perSt && !this.reached) {
        this.billingProvider();
        const blockEnd = this.stClaims + this.rng.int(20, 600);
        while (this.stClaims < blockEnd && this.stClaims < perSt && !this.reached) {
          this.subscriber();
          if (this.sink.buffered >= FLUSH_CHARS) await this.sink.flush();
          if (this.listener) await this.listener.flush();
        }
      }
      this.se(control);
      if (this.groupFull || this.reached) {
        this.ge();
        groupOpen = false;
      }
      await this.sink.flush();
    }
    this.iea();
  }

  private billingProvider(): void {
    const p = this.rng.pick(this.providers);
    this.currentProvider = p;
    this.hl++;
    this.providerHl = this.hl;
    this.seg(`HL*${this.hl}**20*1`);
    this.seg(`PRV*BI*PXC*${p.taxonomy}`);
    this.seg(`NM1*85*2*${p.name}*****XX*${p.npi}`);
    this.seg(`N3*${p.street}`);
    this.seg(`N4*${p.place[0]}*${p.place[1]}*${p.place[2]}`);
    this.seg(`REF*EI*${p.ein}`);
    if (this.rng.chance(0.2)) {
      this.seg(`PER*IC*TESTBILLING*TE*555555${this.rng.digits(4)}`);
    }
  }

  private person(): Person {
    const r = this.rng;
    return {
      last: r.pick(LAST_NAMES),
      first: r.pick(FIRST_NAMES),
      middle: r.chance(0.3) ? String.fromCharCode(65 + r.int(0, 25)) : '',
      dob: `${r.int(1940, 2015)}${two(r.int(1, 12))}${two(r.int(1, 28))}`,
      sex: r.chance(0.5) ? 'F' : 'M',
    };
  }

  private address(): void {
    const place = this.rng.pick(PLACES);
    this.seg(`N3*${this.rng.pick(STREETS)}`);
    this.seg(`N4*${place[0]}*${place[1]}*${place[2]}`);
  }

  /** 2000B subscriber (and maybe a 2000C patient) with 1..3 claims. */
  private subscriber(): void {
    const r = this.rng;
    const payer = r.pick(PAYERS);
    const hasPatient = r.chance(0.25);
    const cob = r.chance(0.1);
    const parent = this.providerHl;
    this.hl++;
    const subscriberHl = this.hl;
    this.member++;
    const memberId = `TM${String(this.member).padStart(9, '0')}`;
    const sub = this.person();
    this.seg(`HL*${subscriberHl}*${parent}*22*${hasPatient ? 1 : 0}`);
    this.seg(`SBR*${cob ? 'S' : 'P'}*${hasPatient ? '' : '18'}*GRP${r.digits(5)}******${payer.filing}`);
    this.seg(`NM1*IL*1*${sub.last}*${sub.first}*${sub.middle}***MI*${memberId}`);
    this.address();
    this.seg(`DMG*D8*${sub.dob}*${sub.sex}`);
    this.seg(`NM1*PR*2*${payer.name}*****PI*${payer.id}`);
    this.currentPayer = payer;
    this.currentSubscriber = sub;
    this.currentPatient = null;
    if (hasPatient) {
      this.hl++;
      const pat = this.person();
      this.currentPatient = pat;
      this.seg(`HL*${this.hl}*${subscriberHl}*23*0`);
      this.seg(`PAT*${r.pick(['01', '19', '19', '20', 'G8'])}`);
      this.seg(`NM1*QC*1*${pat.last}*${pat.first}`);
      this.address();
      this.seg(`DMG*D8*${pat.dob}*${pat.sex}`);
    }
    let claims = r.weighted(CLAIMS_PER_PERSON_WEIGHTS) + 1;
    const max = this.options.maxRecords;
    if (max !== undefined) claims = Math.min(claims, max - this.result.claims);
    for (let i = 0; i < claims; i++) {
      this.claim(cob, memberId);
      if (hasPatient) this.result.patientClaims++;
    }
  }

  private claim(cob: boolean, memberId: string): void {
    const r = this.rng;
    this.result.claims++;
    this.stClaims++;
    const pcn = `CG${String(this.result.claims).padStart(9, '0')}`;
    const day = r.int(0, 330);
    const pos = r.pick(PLACES_OF_SERVICE);
    const frequency = r.chance(0.04) ? '7' : '1';

    // Diagnoses: distinct codes, principal first.
    const dxCount = r.weighted(DX_COUNT_WEIGHTS) + 1;
    const dxStart = r.int(0, DIAGNOSES.length - 1);
    const dxStep = r.int(1, DIAGNOSES.length - 1);
    let hi = 'HI';
    for (let i = 0; i < dxCount; i++) {
      hi += `*${i === 0 ? 'ABK' : 'ABF'}:${DIAGNOSES[(dxStart + i * dxStep) % DIAGNOSES.length]}`;
    }

    // Lines first: CLM02 is their sum.
    const lineCount = r.weighted(LINE_COUNT_WEIGHTS) + 1;
    const lines: Line[] = [];
    let total = 0;
    for (let i = 0; i < lineCount; i++) {
      const [code, base] = r.pick(PROCEDURES);
      const modCount = r.weighted(MOD_COUNT_WEIGHTS);
      let modifiers = '';
      const modStart = r.int(0, MODIFIERS.length - 1);
      for (let m = 0; m < modCount; m++) modifiers += ':' + MODIFIERS[(modStart + m * 5) % MODIFIERS.length];
      const units = r.chance(0.85) ? 1 : r.int(2, 4);
      const charge = Math.round(base * units * (0.9 + r.next() * 0.4));
      total += charge;
      lines.push({ code, modifiers, units, charge, day: Math.min(365, day + r.int(0, 3)) });
    }
    this.result.totalChargeCents += total;

    const accident = r.chance(0.02);
    this.seg(`CLM*${pcn}*${money(total)}***${pos}:B:${frequency}*Y*A*Y*Y${accident ? '**AA:::NY' : ''}`);
    if (r.chance(0.3)) this.seg(`DTP*431*D8*${DATES[Math.max(0, day - r.int(1, 30))]}`);
    if (accident) this.seg(`DTP*439*D8*${DATES[Math.max(0, day - r.int(1, 10))]}`);
    if (r.chance(0.05)) this.seg(`AMT*F5*${money(r.int(1, 50) * 500)}`);
    if (frequency === '7') this.seg(`REF*F8*ICN${r.digits(11)}`);
    if (r.chance(0.15)) this.seg(`REF*G1*PA${r.digits(8)}`);
    if (r.chance(0.2)) this.seg(`REF*EA*MRN${r.digits(7)}`);
    if (r.chance(0.02)) this.seg('NTE*ADD*TEST CLAIM NOTE SYNTHETIC DATA');
    this.seg(hi);
    let rendering: Doctor | null = null;
    if (r.chance(0.4)) {
      const doc = r.pick(this.renderers);
      rendering = doc;
      this.seg(`NM1*82*1*${doc.last}*${doc.first}****XX*${doc.npi}`);
      this.seg(`PRV*PE*PXC*${r.pick(TAXONOMIES)}`);
    }
    if (r.chance(0.1)) {
      this.seg(`NM1*77*2*TESTFACILITY ${r.int(1, 20)}*****XX*${makeNpi(r)}`);
      this.address();
    }

    // 2320/2330: the primary payer already adjudicated; its line payments go in 2430.
    const otherPayer = cob ? r.pick(PAYERS) : null;
    const linePaid: number[] = [];
    if (otherPayer) {
      this.result.cobClaims++;
      let paid = 0;
      for (const line of lines) {
        const p = Math.round(line.charge * (0.3 + r.next() * 0.5));
        linePaid.push(p);
        paid += p;
      }
      this.seg(`SBR*P*18*OGRP${r.digits(4)}******${otherPayer.filing}`);
      this.seg(`AMT*D*${money(paid)}`);
      this.seg('OI***Y***Y');
      this.seg(`NM1*IL*1*${r.pick(LAST_NAMES)}*${r.pick(FIRST_NAMES)}****MI*${memberId}X`);
      this.seg(`NM1*PR*2*${otherPayer.name}*****PI*${otherPayer.id}`);
    }

    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      this.result.serviceLines++;
      const ptrCount = r.int(1, Math.min(4, dxCount));
      const ptrStart = r.int(0, dxCount - 1);
      let pointers = String(ptrStart + 1);
      for (let p = 1; p < ptrCount; p++) pointers += ':' + (((ptrStart + p) % dxCount) + 1);
      const linePos = r.chance(0.1) ? r.pick(PLACES_OF_SERVICE) : '';
      this.seg(`LX*${i + 1}`);
      this.seg(
        `SV1*HC:${line.code}${line.modifiers}*${money(line.charge)}*UN*${line.units}*${linePos}**${pointers}`,
      );
      line.dayEnd = line.day;
      if (r.chance(0.05)) {
        line.dayEnd = Math.min(365, line.day + 2);
        this.seg(`DTP*472*RD8*${DATES[line.day]}-${DATES[line.dayEnd]}`);
      } else this.seg(`DTP*472*D8*${DATES[line.day]}`);
      line.ref = '';
      if (r.chance(0.9)) {
        line.ref = `${pcn}L${i + 1}`;
        this.seg(`REF*6R*${line.ref}`);
      }
      if (r.chance(0.02)) this.seg(`REF*G1*LPA${r.digits(6)}`);
      if (r.chance(0.01)) this.seg('NTE*ADD*TEST LINE NOTE');
      if (line.code.startsWith('J') ? r.chance(0.7) : r.chance(0.02)) {
        this.result.ndcLines++;
        this.seg(`LIN**N4*99999${r.digits(6)}`);
        this.seg(`CTP****${r.chance(0.7) ? line.units : line.units + 0.5}*${r.pick(['UN', 'ML', 'GR'])}`);
      }
      if (r.chance(0.03)) {
        const doc = r.pick(this.renderers);
        this.seg(`NM1*82*1*${doc.last}*${doc.first}****XX*${doc.npi}`);
      }
      if (otherPayer) {
        const paid = linePaid[i]!;
        this.seg(`SVD*${otherPayer.id}*${money(paid)}*HC:${line.code}${line.modifiers}**${line.units}`);
        this.seg(`CAS*CO*45*${money(line.charge - paid)}`);
        this.seg(`DTP*573*D8*${DATES[Math.min(365, line.day + 14)]}`);
      }
    }
    this.listener?.claim({
      pcn,
      total,
      pos,
      frequency,
      cob,
      payer: this.currentPayer!,
      provider: this.currentProvider!,
      memberId,
      subscriber: this.currentSubscriber!,
      patient: this.currentPatient,
      rendering,
      lines,
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// 835

/** One CAS group as 'CAS*GG*reason*amount**reason*amount...', amounts possibly negated (reversals). */
function cas(group: string, adjustments: readonly (readonly [string, number])[], sign: number): string {
  let s = 'CAS*' + group;
  for (let i = 0; i < adjustments.length; i++) {
    const [reason, amount] = adjustments[i]!;
    s += `${i === 0 ? '*' : '**'}${reason}*${money(sign * amount)}`;
  }
  return s;
}

/** What both 835 generators share: writing one ST..SE around a body of claim payments built beforehand. */
abstract class Remit835 extends Envelope {
  /** Σ CLP04 of the current transaction set. */
  protected stPaid = 0;

  constructor(options: GenerateOptions) {
    super(options, '~');
  }

  /**
   * PLB, then the header (BPR02 needs Σ CLP04 − Σ PLB), the body (LX groups of claim payments) and SE.
   * `icns` are the payer claim control numbers PLB WO adjustments may refer to.
   */
  protected writeTransaction(
    payer: PayerInfo,
    payee: ProviderInfo,
    paymentDate: number,
    body: readonly string[],
    icns: readonly string[],
  ): void {
    const r = this.rng;
    // PLB: positive amounts reduce the payment, negative ones (interest) increase it; BPR02 stays ≥ 0.
    let plbTotal = 0;
    let plb = '';
    if (r.chance(0.35)) {
      plb = `PLB*${payee.npi}*${DATES[365]}`;
      const pairs = r.int(1, 3);
      for (let i = 0; i < pairs; i++) {
        const kind = r.pick(['WO', 'WO', 'L6', 'FB', '72']);
        let amount = kind === 'L6' ? -r.int(1, 2000) : r.int(100, 50_000);
        if (amount > 0 && plbTotal + amount > this.stPaid) amount = -r.int(1, 500);
        plbTotal += amount;
        plb += `*${kind}:${kind === 'L6' ? 'INT' + r.digits(6) : r.pick(icns)}*${money(amount)}`;
      }
      this.result.plbSegments++;
    }

    // A net debit (reversals outweighing payments) is forwarded as a balance: BPR02 is never negative.
    if (this.stPaid - plbTotal < 0) {
      const forward = this.stPaid - plbTotal;
      if (!plb) {
        plb = `PLB*${payee.npi}*${DATES[365]}`;
        this.result.plbSegments++;
      }
      plb += `*FB:FWDBAL*${money(forward)}`;
      plbTotal += forward;
    }
    const total = this.stPaid - plbTotal;
    this.result.totalPaymentCents += total;
    this.result.totalClaimPaidCents += this.stPaid;

    // Header, now that BPR02 is known.
    const control = this.st('835', '');
    const date = DATES[paymentDate];
    const trace = `CGTRACE${String(this.result.transactions + 1).padStart(8, '0')}`;
    if (total === 0) {
      this.seg(`BPR*H*0*C*NON************${date}`);
    } else if (r.chance(0.2)) {
      this.seg(`BPR*I*${money(total)}*C*CHK************${date}`);
    } else {
      this.seg(
        `BPR*I*${money(total)}*C*ACH*CCP*01*999999992*DA*${r.digits(9)}*1${payer.ein}**01*999999992*DA*` +
          `${r.digits(9)}*${date}`,
      );
    }
    this.seg(`TRN*1*${trace}*1${payer.ein}`);
    if (r.chance(0.5)) this.seg('REF*EV*CGTESTRECEIVE');
    this.seg(`DTM*405*${DATES[paymentDate - 1]}`);
    this.seg(`N1*PR*${payer.name}`);
    this.seg('N3*PO BOX 1000');
    this.seg('N4*TESTCITY*TX*750010000');
    this.seg(`REF*2U*${payer.id}`);
    this.seg('PER*BL*TESTPAYER PROVIDER SERVICES*TE*5555550199');
    this.seg(`N1*PE*${payee.name}*XX*${payee.npi}`);
    this.seg(`N3*${payee.street}`);
    this.seg(`N4*${payee.place[0]}*${payee.place[1]}*${payee.place[2]}`);
    this.seg(`REF*TJ*${payee.ein}`);
    for (const s of body) this.sink.append(s + this.term);
    this.stSegments += body.length;
    if (plb) this.seg(plb);
    this.se(control);
  }
}

class Gen835 extends Remit835 {
  private readonly payees: ProviderInfo[];
  private readonly renderers: { last: string; first: string; npi: string }[];
  private icn = 0;

  constructor(options: GenerateOptions) {
    super(options);
    this.payees = makeProviders(this.rng, 8);
    this.renderers = [];
    for (let i = 0; i < 40; i++) {
      this.renderers.push({
        last: this.rng.pick(DOCTOR_NAMES),
        first: this.rng.pick(FIRST_NAMES),
        npi: makeNpi(this.rng),
      });
    }
  }

  async generate(): Promise<void> {
    this.isa('CGTESTPAYER', 'CGTESTRECEIVE');
    let groupOpen = false;
    while (!this.reached || this.result.transactions === 0) {
      if (!groupOpen) {
        this.gs('HP', 'CGTESTPAYER', 'CGTESTRECEIVE', '005010X221A1');
        groupOpen = true;
      }
      this.transaction();
      if (this.groupFull || this.reached) {
        this.ge();
        groupOpen = false;
      }
      await this.sink.flush();
    }
    this.iea();
  }

  /**
   * One ST..SE: the claims are built first (BPR02 needs their total), so one transaction set (at most
   * ~1.5 MB) is held in memory at a time.
   */
  private transaction(): void {
    const r = this.rng;
    const payer = r.pick(PAYERS);
    const payee = r.pick(this.payees);
    const paymentDate = r.int(10, 360);

    // Body: LX groups of claim payments, built into a local buffer.
    const body: string[] = [];
    const add = (s: string): void => {
      body.push(s);
    };
    this.stPaid = 0;
    const icns: string[] = [];
    const claims = r.int(50, 1500);
    let lx = 0;
    let lxLeft = 0;
    for (let i = 0; i < claims; i++) {
      if (lxLeft === 0) {
        lx++;
        lxLeft = r.int(1, 300);
        add(`LX*${lx}`);
      }
      lxLeft--;
      const icn = this.claimPayment(add, payer, paymentDate);
      if (icns.length < 50) icns.push(icn);
    }

    this.writeTransaction(payer, payee, paymentDate, body, icns);
  }

  /** One 2100 CLP with its 2110 SVCs; returns its ICN. */
  private claimPayment(add: (s: string) => void, payer: PayerInfo, paymentDate: number): string {
    const r = this.rng;
    this.result.payments++;
    this.icn++;
    const icn = `ICN${String(this.icn).padStart(11, '0')}`;
    const pcn = `CG${String(r.int(1, 999_999_999)).padStart(9, '0')}`;
    const roll = r.next();
    const status = roll < 0.03 ? '22' : roll < 0.1 ? '4' : roll < 0.15 ? '2' : '1';
    const sign = status === '22' ? -1 : 1;
    const denied = status === '4';
    if (denied) this.result.denials++;
    if (status === '22') this.result.reversals++;
    const serviceDay = Math.max(0, paymentDate - r.int(10, 60));

    // Service lines (a denied claim sometimes has none: claim-level CAS only).
    const lineCount = denied && r.chance(0.3) ? 0 : r.weighted(LINE_COUNT_WEIGHTS) + 1;
    const lineSegs: string[] = [];
    let charge = 0;
    let paid = 0;
    let patient = 0;
    for (let i = 0; i < lineCount; i++) {
      const [code, base] = r.pick(PROCEDURES);
      const units = r.chance(0.85) ? 1 : r.int(2, 4);
      const c = Math.round(base * units * (0.9 + r.next() * 0.4));
      const co: [string, number][] = [];
      const pr: [string, number][] = [];
      let remark = '';
      if (denied || r.chance(0.04)) {
        if (r.chance(0.85)) co.push([r.pick(DENIAL_CARCS), c]);
        else pr.push(['204', c]);
        remark = r.pick(['M80', 'N130', 'MA130', 'N20']);
      } else {
        const contractual = Math.round(c * (0.05 + r.next() * 0.4));
        if (contractual > 0) co.push(['45', contractual]);
        let left = c - contractual;
        if (r.chance(0.1) && left > 0) {
          const d = Math.min(left, r.int(1, 200) * 100);
          pr.push(['1', d]);
          left -= d;
        }
        if (r.chance(0.3) && left > 0) {
          const coins = Math.round(left * 0.2);
          if (coins > 0) pr.push(['2', coins]);
          left -= coins;
        }
        if (r.chance(0.15) && left > 0) {
          const copay = Math.min(left, r.pick([1000, 2000, 2500, 3000]));
          pr.push(['3', copay]);
          left -= copay;
        }
        if (payer.filing === 'MB' && left > 0) {
          const seq = Math.round(left * 0.02);
          if (seq > 0) co.push(['253', seq]);
        }
        if (r.chance(0.15)) remark = r.pick(RARCS);
      }
      let adjusted = 0;
      for (const [, a] of co) adjusted += a;
      let prTotal = 0;
      for (const [, a] of pr) prTotal += a;
      adjusted += prTotal;
      const p = c - adjusted;
      charge += c;
      paid += p;
      patient += prTotal;

      let proc = `HC:${code}`;
      const mods = r.weighted(MOD_COUNT_WEIGHTS);
      const modStart = r.int(0, MODIFIERS.length - 1);
      for (let m = 0; m < mods; m++) proc += ':' + MODIFIERS[(modStart + m * 5) % MODIFIERS.length];
      let svc = `SVC*${proc}*${money(sign * c)}*${money(sign * p)}`;
      const changed = r.chance(0.02);
      if (units !== 1 || changed || r.chance(0.8)) svc += `**${units}`;
      if (changed) svc += `*HC:${r.pick(PROCEDURES)[0]}`;
      lineSegs.push(svc);
      const lineDay = Math.min(365, serviceDay + r.int(0, 3));
      if (r.chance(0.05)) {
        lineSegs.push(`DTM*150*${DATES[lineDay]}`, `DTM*151*${DATES[Math.min(365, lineDay + 2)]}`);
      } else {
        lineSegs.push(`DTM*472*${DATES[lineDay]}`);
      }
      if (co.length > 0) lineSegs.push(cas('CO', co, sign));
      if (pr.length > 0) lineSegs.push(cas('PR', pr, sign));
      if (r.chance(0.9)) lineSegs.push(`REF*6R*${pcn}L${i + 1}`);
      if (!denied && p + prTotal > 0) lineSegs.push(`AMT*B6*${money(sign * (p + prTotal))}`);
      if (remark) lineSegs.push(`LQ*HE*${remark}`);
      this.result.serviceLines++;
    }

    // Claim-level adjustments: a whole-claim denial without lines, or a small OA-23 on some paid claims.
    const claimCas: string[] = [];
    if (lineCount === 0) {
      charge = r.int(50, 900) * 100 + r.int(0, 99);
      claimCas.push(cas('CO', [[r.pick(DENIAL_CARCS), charge]], sign));
    } else if (!denied && paid > 1000 && r.chance(0.05)) {
      const oa = Math.round(paid * 0.1);
      paid -= oa;
      claimCas.push(cas('OA', [['23', oa]], sign));
    }
    this.stPaid += sign * paid;

    const filing = payer.clpFiling;
    const clp05 = patient !== 0 ? money(sign * patient) : '';
    add(`CLP*${pcn}*${status}*${money(sign * charge)}*${money(sign * paid)}*${clp05}*${filing}*${icn}*11*1`);
    for (const s of claimCas) add(s);
    add(`NM1*QC*1*${r.pick(LAST_NAMES)}*${r.pick(FIRST_NAMES)}****MI*TM${r.digits(9)}`);
    if (r.chance(0.2)) add(`NM1*IL*1*${r.pick(LAST_NAMES)}*${r.pick(FIRST_NAMES)}****MI*TM${r.digits(9)}`);
    if (r.chance(0.3)) {
      const doc = r.pick(this.renderers);
      add(`NM1*82*1*${doc.last}*${doc.first}****XX*${doc.npi}`);
    }
    if (r.chance(0.1)) add(`MOA***${r.pick(['MA01', 'MA18', 'MA07'])}`);
    if (r.chance(0.5)) add(`DTM*050*${DATES[Math.min(365, serviceDay + 5)]}`);
    for (const s of lineSegs) add(s);
    return icn;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Matching 837P + 835 pair

/** Denials: group, CARC, RARC ('' for none). */
const DENIALS: readonly (readonly [string, string, string])[] = [
  ['CO', '197', 'N54'],
  ['CO', '16', 'MA130'],
  ['CO', '16', 'M51'],
  ['CO', '50', 'N115'],
  ['CO', '29', ''],
  ['CO', '97', 'M15'],
  ['CO', 'B7', 'N570'],
  ['PR', '204', 'N130'],
];
/** Line denials inside a partially paid claim. */
const LINE_DENIALS: readonly (readonly [string, string, string])[] = [
  ['CO', '97', 'M15'],
  ['CO', '97', 'M86'],
  ['CO', '197', 'N54'],
  ['CO', '16', 'M51'],
  ['PR', '204', 'N130'],
  ['CO', '151', 'N115'],
];

type Amounts = [string, number][];

interface ServiceAdjudication {
  line: Line;
  paid: number;
  co: Amounts;
  pr: Amounts;
  oa: Amounts;
  remark: string;
  /** AMT B6 ('' → none). */
  allowed: number | null;
}

/** One claim payment (CLP) before it is written; reversals write it again with every amount negated. */
interface Adjudication {
  claim: GeneratedClaim;
  status: string;
  icn: string;
  charge: number;
  paid: number;
  patient: number;
  services: ServiceAdjudication[];
  /** Claim-level CAS: group and its reason/amount pairs. */
  claimCas: [string, Amounts][];
}

/** Claim payments for one payer and payee, written as one ST..SE once `target` is reached. */
interface OpenRemit {
  payer: PayerInfo;
  payee: ProviderInfo;
  target: number;
  body: string[];
  icns: string[];
  payments: number;
  /** Σ CLP04. */
  paid: number;
  /** Latest service day paid (the payment date follows it). */
  lastDay: number;
  /** Reversal + correction pairs for the next remittance of this payer and payee. */
  deferred: Adjudication[];
}

/** Counts of what the 835 of a pair holds, beyond GenerateResult. */
export interface PairCounts {
  /** CLPs whose CLP01 is a CLM01 of the 837P (reversals and corrections included). */
  matchedPayments: number;
  /** CLPs for claims that are not in the 837P. */
  unmatchedPayments: number;
  /** 837P claims with no CLP at all (still pending with the payer). */
  pendingClaims: number;
  /** Claims paid in full (less contractual and patient amounts), partially paid and denied. */
  paidClaims: number;
  partialClaims: number;
  deniedClaims: number;
  /** Claims paid, then reversed (CLP02 = 22) and paid again (corrected) in a later remittance. */
  reversedClaims: number;
  /** SVCs of matched CLPs that carry the REF 6R of a line of their claim. */
  servicesWithLineRef: number;
}

/** Builds the 835 from the 837P's claims as they are generated; see `generateMatchingPair`. */
class Pair835 extends Remit835 implements ClaimListener {
  readonly counts: PairCounts = {
    matchedPayments: 0,
    unmatchedPayments: 0,
    pendingClaims: 0,
    paidClaims: 0,
    partialClaims: 0,
    deniedClaims: 0,
    reversedClaims: 0,
    servicesWithLineRef: 0,
  };
  private readonly open = new Map<string, OpenRemit>();
  private icn = 0;
  private unmatched = 0;
  private groupOpen = false;

  begin(): void {
    this.isa('CGTESTPAYER', 'CGTESTRECEIVE');
  }

  async flush(): Promise<void> {
    if (this.sink.buffered >= FLUSH_CHARS) await this.sink.flush();
  }

  /** Writes what is still open, then GE and IEA. */
  async generate(): Promise<void> {
    // Remittances holding deferred reversals open new ones as they are written: loop until none is left.
    while (this.open.size > 0) {
      const [key, remit] = this.open.entries().next().value!;
      this.open.delete(key);
      this.writeRemit(key, remit);
      await this.flush();
    }
    if (this.groupOpen) this.ge();
    this.iea();
  }

  claim(c: GeneratedClaim): void {
    const r = this.rng;
    const roll = r.next();
    if (roll < 0.01) {
      this.counts.pendingClaims++;
      return;
    }
    const key = `${c.payer.id}|${c.provider.npi}`;
    const remit = this.remitFor(key, c.payer, c.provider);
    if (roll < 0.03) {
      // Paid now; reversed and paid again (corrected) in the next remittance for this payer and payee.
      this.counts.reversedClaims++;
      const original = this.adjudicate(c, 'paid');
      this.add(remit, original, 1);
      remit.deferred.push({ ...original, status: '22' }, this.adjudicate(c, 'paid'));
    } else if (roll < 0.11) {
      this.counts.deniedClaims++;
      this.add(remit, this.adjudicate(c, 'denied'), 1);
    } else if (roll < 0.19) {
      this.counts.partialClaims++;
      this.add(remit, this.adjudicate(c, 'partial'), 1);
    } else {
      this.counts.paidClaims++;
      this.add(remit, this.adjudicate(c, 'paid'), 1);
    }
    if (r.chance(0.005)) this.add(remit, this.adjudicate(this.stranger(c), 'paid'), 1);
    if (remit.payments >= remit.target) {
      this.open.delete(key);
      this.writeRemit(key, remit);
    }
  }

  private remitFor(key: string, payer: PayerInfo, payee: ProviderInfo): OpenRemit {
    let remit = this.open.get(key);
    if (!remit) {
      remit = {
        payer,
        payee,
        target: this.rng.int(50, 500),
        body: ['LX*1'],
        icns: [],
        payments: 0,
        paid: 0,
        lastDay: 0,
        deferred: [],
      };
      this.open.set(key, remit);
    }
    return remit;
  }

  /** A claim the 837P does not hold (another system's, or one never sent): the same people, other lines. */
  private stranger(c: GeneratedClaim): GeneratedClaim {
    const r = this.rng;
    this.unmatched++;
    const pcn = `CGU${String(this.unmatched).padStart(8, '0')}`;
    const day = c.lines[0]!.day;
    const lines: Line[] = [];
    let total = 0;
    for (let i = 0, n = r.int(1, 3); i < n; i++) {
      const [code, base] = r.pick(PROCEDURES);
      const charge = Math.round(base * (0.9 + r.next() * 0.4));
      total += charge;
      lines.push({ code, modifiers: '', units: 1, charge, day, dayEnd: day, ref: `${pcn}L${i + 1}` });
    }
    return { ...c, pcn, total, frequency: '1', rendering: null, lines };
  }

  /** Adjusts one line as paid: contractual CO-45, patient deductible, coinsurance and copay. */
  private payLine(line: Line, c: GeneratedClaim): ServiceAdjudication {
    const r = this.rng;
    const co: Amounts = [];
    const pr: Amounts = [];
    const oa: Amounts = [];
    const contractual = Math.round(line.charge * (0.05 + r.next() * 0.4));
    if (contractual > 0) co.push(['45', contractual]);
    const allowed = line.charge - contractual;
    let left = allowed;
    if (c.cob && left > 0) {
      // Secondary: what the primary paid (2320 AMT D) is not paid again.
      const prior = Math.round(left * (0.5 + r.next() * 0.3));
      if (prior > 0) oa.push(['23', prior]);
      left -= prior;
    }
    if (r.chance(0.12) && left > 0) {
      const d = Math.min(left, r.int(1, 200) * 100);
      pr.push(['1', d]);
      left -= d;
    }
    if (r.chance(0.3) && left > 0) {
      const coins = Math.round(left * 0.2);
      if (coins > 0) pr.push(['2', coins]);
      left -= coins;
    }
    if (r.chance(0.15) && left > 0) {
      const copay = Math.min(left, r.pick([1000, 2000, 2500, 3000]));
      pr.push(['3', copay]);
      left -= copay;
    }
    if (c.payer.filing === 'MB' && left > 0) {
      const seq = Math.round(left * 0.02);
      if (seq > 0) co.push(['253', seq]);
      left -= seq;
    }
    const remark = r.chance(0.1) ? r.pick(RARCS) : '';
    return { line, paid: left, co, pr, oa, remark, allowed };
  }

  private denyLine(line: Line, denial: readonly [string, string, string]): ServiceAdjudication {
    const [group, reason, remark] = denial;
    const amounts: Amounts = [[reason, line.charge]];
    return {
      line,
      paid: 0,
      co: group === 'CO' ? amounts : [],
      pr: group === 'PR' ? amounts : [],
      oa: [],
      remark,
      allowed: null,
    };
  }

  private adjudicate(c: GeneratedClaim, outcome: 'paid' | 'partial' | 'denied'): Adjudication {
    const r = this.rng;
    this.icn++;
    const icn = `ICN${String(this.icn).padStart(11, '0')}`;
    const services: ServiceAdjudication[] = [];
    const claimCas: [string, Amounts][] = [];
    let status = c.cob ? '2' : '1';
    if (outcome === 'denied') {
      status = '4';
      const denial = r.pick(DENIALS);
      if (r.chance(0.25)) {
        // Whole-claim denial without service lines (timely filing, not covered, no authorisation...).
        claimCas.push([denial[0], [[denial[1], c.total]]]);
      } else {
        for (const line of c.lines) services.push(this.denyLine(line, denial));
      }
    } else if (outcome === 'partial' && c.lines.length > 1) {
      // Some lines denied (bundled, no authorisation, not covered...), the others paid.
      const denied = r.int(1, c.lines.length - 1);
      const first = r.int(0, c.lines.length - 1);
      for (let i = 0; i < c.lines.length; i++) {
        const line = c.lines[i]!;
        const off = (i - first + c.lines.length) % c.lines.length;
        services.push(off < denied ? this.denyLine(line, r.pick(LINE_DENIALS)) : this.payLine(line, c));
      }
    } else if (outcome === 'partial') {
      // One line: paid at a reduced rate (units or the fee schedule maximum).
      const s = this.payLine(c.lines[0]!, c);
      const cut = Math.round(s.paid / 2);
      if (cut > 0) {
        s.co.push(['151', cut]);
        s.paid -= cut;
        s.remark = 'N362';
      }
      services.push(s);
    } else {
      for (const line of c.lines) services.push(this.payLine(line, c));
    }
    let paid = 0;
    let patient = 0;
    for (const s of services) {
      paid += s.paid;
      for (const [, a] of s.pr) patient += a;
    }
    // Claim-level CAS only ever takes the whole charge of a claim without lines: nothing to subtract.
    for (const [group, amounts] of claimCas) {
      if (group === 'PR') for (const [, a] of amounts) patient += a;
    }
    return { claim: c, status, icn, charge: c.total, paid, patient, services, claimCas };
  }

  /** Appends one CLP with its SVCs to a remittance; sign −1 writes a reversal of `a`. */
  private add(remit: OpenRemit, a: Adjudication, sign: 1 | -1): void {
    const r = this.rng;
    const c = a.claim;
    const body = remit.body;
    this.result.payments++;
    const matched = !c.pcn.startsWith('CGU');
    if (matched) this.counts.matchedPayments++;
    else this.counts.unmatchedPayments++;
    if (a.status === '4') this.result.denials++;
    if (a.status === '22') this.result.reversals++;
    remit.payments++;
    remit.paid += sign * a.paid;
    if (remit.icns.length < 50) remit.icns.push(a.icn);

    const clp05 = a.patient !== 0 ? money(sign * a.patient) : '';
    body.push(
      `CLP*${c.pcn}*${a.status}*${money(sign * a.charge)}*${money(sign * a.paid)}*${clp05}*` +
        `${c.payer.clpFiling}*${a.icn}*${c.pos}*${c.frequency}`,
    );
    for (const [group, amounts] of a.claimCas) body.push(cas(group, amounts, sign));
    const patient = c.patient ?? c.subscriber;
    if (c.patient) {
      body.push(`NM1*QC*1*${patient.last}*${patient.first}`);
      body.push(`NM1*IL*1*${c.subscriber.last}*${c.subscriber.first}****MI*${c.memberId}`);
    } else {
      body.push(`NM1*QC*1*${patient.last}*${patient.first}****MI*${c.memberId}`);
    }
    if (c.rendering) body.push(`NM1*82*1*${c.rendering.last}*${c.rendering.first}****XX*${c.rendering.npi}`);
    if (c.payer.filing === 'MB' && r.chance(0.3)) body.push(`MOA***${r.pick(['MA01', 'MA18', 'MA07'])}`);
    let lastDay = 0;
    for (const line of c.lines) lastDay = Math.max(lastDay, line.dayEnd ?? line.day);
    remit.lastDay = Math.max(remit.lastDay, lastDay);
    body.push(`DTM*050*${DATES[Math.min(365, lastDay + 2)]}`);
    for (const s of a.services) {
      const line = s.line;
      this.result.serviceLines++;
      body.push(
        `SVC*HC:${line.code}${line.modifiers}*${money(sign * line.charge)}*${money(sign * s.paid)}**` +
          line.units,
      );
      const end = line.dayEnd ?? line.day;
      if (end !== line.day) body.push(`DTM*150*${DATES[line.day]}`, `DTM*151*${DATES[end]}`);
      else body.push(`DTM*472*${DATES[line.day]}`);
      if (s.co.length > 0) body.push(cas('CO', s.co, sign));
      if (s.pr.length > 0) body.push(cas('PR', s.pr, sign));
      if (s.oa.length > 0) body.push(cas('OA', s.oa, sign));
      if (line.ref) {
        body.push(`REF*6R*${line.ref}`);
        if (matched) this.counts.servicesWithLineRef++;
      }
      if (s.allowed !== null && s.allowed > 0) body.push(`AMT*B6*${money(sign * s.allowed)}`);
      if (s.remark) body.push(`LQ*HE*${s.remark}`);
    }
  }

  private writeRemit(key: string, remit: OpenRemit): void {
    if (!this.groupOpen) {
      this.gs('HP', 'CGTESTPAYER', 'CGTESTRECEIVE', '005010X221A1');
      this.groupOpen = true;
    }
    this.stPaid = remit.paid;
    const paymentDate = Math.min(365, Math.max(remit.lastDay, 10) + this.rng.int(14, 30));
    this.writeTransaction(remit.payer, remit.payee, paymentDate, remit.body, remit.icns);
    if (this.groupFull) {
      this.ge();
      this.groupOpen = false;
    }
    if (remit.deferred.length > 0) {
      const next = this.remitFor(key, remit.payer, remit.payee);
      for (const a of remit.deferred) this.add(next, a, a.status === '22' ? -1 : 1);
    }
  }
}

/** Options of `generateMatchingPair`. */
export interface PairOptions {
  /** Claims in the 837P, exactly. */
  claims: number;
  /** PRNG seed (default 1). */
  seed?: number;
  out837: string;
  out835: string;
  /** 837P claims per ST..SE (default 5000). */
  claimsPerTransaction?: number;
}

export interface PairResult {
  claims: GenerateResult;
  remittance: GenerateResult;
  counts: PairCounts;
  elapsedMs: number;
}

/**
 * Writes an 837P of exactly `claims` claims and an 835 paying them, both streamed: the 835 holds only its
 * open remittances (one per payer and payee, at most 500 claim payments each). The 837P is byte-identical
 * to `generateX12({ kind: '837p', targetBytes: 0, minRecords: claims, maxRecords: claims, seed })`.
 */
export async function generateMatchingPair(options: PairOptions): Promise<PairResult> {
  const started = performance.now();
  const seed = options.seed ?? 1;
  await mkdir(dirname(resolve(options.out835)), { recursive: true });
  const remit = new Pair835({
    kind: '835',
    out: options.out835,
    targetBytes: 0,
    // Its own stream of random numbers, so the 837P does not depend on the 835.
    seed: (Math.imul(seed, 31) + 835) >>> 0,
  });
  remit.begin();
  const claims: GenerateOptions = {
    kind: '837p',
    out: options.out837,
    targetBytes: 0,
    seed,
    minRecords: options.claims,
    maxRecords: options.claims,
  };
  if (options.claimsPerTransaction !== undefined) claims.claimsPerTransaction = options.claimsPerTransaction;
  const claimsResult = await new Gen837(claims, remit).run();
  const remittance = await remit.run();
  return {
    claims: claimsResult,
    remittance,
    counts: remit.counts,
    elapsedMs: Math.round(performance.now() - started),
  };
}

// ---------------------------------------------------------------------------------------------------------
// API and CLI

/** Generates one file; resolves once it is fully on disk. */
export async function generateX12(options: GenerateOptions): Promise<GenerateResult> {
  const gen = options.kind === '837p' ? new Gen837(options) : new Gen835(options);
  return gen.run();
}

export function generate837p(
  out: string,
  targetBytes: number,
  seed = 1,
  minClaims = 0,
): Promise<GenerateResult> {
  return generateX12({ kind: '837p', out, targetBytes, seed, minRecords: minClaims });
}

export function generate835(
  out: string,
  targetBytes: number,
  seed = 1,
  minPayments = 0,
): Promise<GenerateResult> {
  return generateX12({ kind: '835', out, targetBytes, seed, minRecords: minPayments });
}

function parseCli(argv: readonly string[]): GenerateOptions {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value`);
    args.set(arg.slice(2), value);
    i++;
  }
  const kind = args.get('kind');
  if (kind !== '837p' && kind !== '835') throw new Error('--kind must be 837p or 835');
  const mb = Number(args.get('mb') ?? '100');
  const out = args.get('out') ?? `bench/out/synthetic-${kind}.x12`;
  const options: GenerateOptions = { kind, out, targetBytes: Math.round(mb * 1024 * 1024) };
  if (args.has('seed')) options.seed = Number(args.get('seed'));
  if (args.has('min-records')) options.minRecords = Number(args.get('min-records'));
  if (args.has('claims-per-st')) options.claimsPerTransaction = Number(args.get('claims-per-st'));
  return options;
}

/** `--kind pair --claims N --out837 a.x12 --out835 b.x12 [--seed N]`. */
async function mainPair(argv: readonly string[]): Promise<void> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (!argv[i]!.startsWith('--') || value === undefined)
      throw new Error(`bad arguments: ${argv.join(' ')}`);
    args.set(argv[i]!.slice(2), value);
  }
  const claims = Number(args.get('claims') ?? '100000');
  if (!Number.isInteger(claims) || claims < 1) throw new Error('--claims must be a positive whole number');
  const result = await generateMatchingPair({
    claims,
    seed: Number(args.get('seed') ?? '1'),
    out837: args.get('out837') ?? `bench/out/pair-${claims}-837p.x12`,
    out835: args.get('out835') ?? `bench/out/pair-${claims}-835.x12`,
  });
  console.log(
    `${result.claims.file}: ${result.claims.claims} claims; ${result.remittance.file}: ` +
      `${result.remittance.payments} claim payments in ${(result.elapsedMs / 1000).toFixed(2)} s`,
  );
  console.log(JSON.stringify(result, null, 2));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const kindAt = argv.indexOf('--kind');
  if (kindAt >= 0 && argv[kindAt + 1] === 'pair') {
    await mainPair(argv.filter((_, i) => i !== kindAt && i !== kindAt + 1));
    return;
  }
  const options = parseCli(argv);
  const result = await generateX12(options);
  const mib = result.bytes / 1024 / 1024;
  const records = result.kind === '837p' ? `${result.claims} claims` : `${result.payments} claim payments`;
  console.log(
    `${result.file}: ${mib.toFixed(1)} MiB, ${records}, ${result.segments} segments, ` +
      `${result.transactions} transaction sets in ${(result.elapsedMs / 1000).toFixed(2)} s ` +
      `(${(mib / (result.elapsedMs / 1000)).toFixed(0)} MiB/s)`,
  );
  console.log(JSON.stringify(result, null, 2));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
