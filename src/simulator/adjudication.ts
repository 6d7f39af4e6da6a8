/**
 * The payer adjudication model: what each simulated payer answers to each simulated claim, as 835
 * claim payments (CLP/SVC/CAS in integer cents, balanced the way the project's parser checks:
 * SVC02 − ΣCAS = SVC03 on every line, CLP03 − ΣCAS = CLP04 on every claim).
 *
 * - A claim with an injected defect is denied (CLP02 4) with the defect's CARC and group code and a
 *   RARC where one fits, with probability `denyDefective` (default 0.9); the rest slip through and
 *   are paid like clean claims.
 * - A clean claim is denied for a reason no rule can see (CARC 96, B7, 22, 204) with probability
 *   `unseenDenial` (default 0.02); truth records it as `unseenDenial`.
 * - Otherwise paid: allowed amount from the payer's fee schedule (contracts.csv: round(charge ×
 *   feeRate) per unit), CO-45 = charge − allowed, patient responsibility (PR-1 deductible, PR-3
 *   copay, PR-2 coinsurance) by payer kind, paid = allowed − patient responsibility.
 * - Noise on paid claims: one line of a multi-line claim denied (`partialLine`, 0.04: CO-97, CO-151,
 *   CO-B15 → outcome `partial`); underpayment against the contract (`underpayment`, 0.01: paid less
 *   than allowed, CO-45 inflated by the shortfall); a reversal and correction (`reversal`, 0.005: the
 *   claim is first paid 8% over the contract, then a later run reverses it (CLP02 22) and pays the
 *   corrected amount).
 * - Payment dates: 2–6 weeks after the 837's file date, on the payer's weekly payment-run day.
 *
 * Deterministic: every draw comes from an Rng forked for the claim id (see `adjudicate`).
 */
import { addDays, dayNumber } from './dates.js';
import { defectSpec, type DefectKind } from './defects.js';
import type { SimClaim } from './encounters.js';
import { procedure, type SimPayer } from './practice.js';
import type { Rng } from './rng.js';

export interface AdjudicationRates {
  /** Share of defective claims the payer denies (the rest slip through and are paid). */
  denyDefective: number;
  /** Share of clean claims denied for a reason no rule can see. */
  unseenDenial: number;
  /** Share of paid multi-line claims with one line denied. */
  partialLine: number;
  /** Share of paid claims paid below the contract. */
  underpayment: number;
  /** Share of paid claims later reversed and corrected. */
  reversal: number;
  /** Per payment run: chance of a PLB interest payment (L6) and of an overpayment recovery (WO). */
  plbInterest: number;
  plbRecoupment: number;
}

export const DEFAULT_ADJUDICATION_RATES: Readonly<AdjudicationRates> = {
  denyDefective: 0.9,
  unseenDenial: 0.02,
  partialLine: 0.04,
  underpayment: 0.01,
  reversal: 0.005,
  plbInterest: 0.06,
  plbRecoupment: 0.05,
};

export function adjudicationRates(overrides: Partial<AdjudicationRates> = {}): AdjudicationRates {
  const r = { ...DEFAULT_ADJUDICATION_RATES, ...overrides };
  for (const [k, v] of Object.entries(r)) {
    if (!(typeof v === 'number' && v >= 0 && v <= 1)) {
      throw new RangeError(`adjudication rate ${k} must be between 0 and 1, got ${String(v)}`);
    }
  }
  return r;
}

export type CasGroup = 'CO' | 'PR' | 'OA';

export interface Cas {
  group: CasGroup;
  carc: string;
  cents: number;
}

export interface SvcOut {
  code: string;
  modifiers: readonly string[];
  revenueCode: string;
  units: number;
  chargeCents: number;
  paidCents: number;
  /** AMT B6 (the allowed amount the payer reports), null on denied lines. */
  allowedCents: number | null;
  cas: Cas[];
  rarc: string[];
}

export interface ClpOut {
  claim: string;
  /** CLP02: 1 primary, 2 secondary, 4 denied, 22 reversal. */
  status: '1' | '2' | '4' | '22';
  chargeCents: number;
  paidCents: number;
  patientCents: number;
  filingIndicator: string;
  icn: string;
  facilityCode: string;
  patient: { lastName: string; firstName: string; memberId: string };
  receivedDate: string;
  serviceDate: string;
  lines: SvcOut[];
}

/** One claim payment due on a date (the payment run is the payer's on or after it). */
export interface RemitEvent {
  date: string;
  payer: SimPayer;
  type: SimClaim['type'];
  clp: ClpOut;
}

export type AdjudicationOutcome = 'paid' | 'denied' | 'partial' | 'reversed';

/** What truth.json records per claim. */
export interface TruthAdjudication {
  outcome: AdjudicationOutcome;
  /** Net paid (after a reversal: the corrected payment). */
  paidCents: number;
  /** Allowed amount by the contract (0 when denied). */
  allowedCents: number;
  patientCents: number;
  carc: string[];
  paidDate: string;
  unseenDenial?: true;
  /** Defects the payer did not deny (slipped through). */
  slipped?: true;
  underpaymentCents?: number;
  reversedOn?: string;
}

export interface Adjudication {
  truth: TruthAdjudication;
  events: RemitEvent[];
}

/** Group code and RARC for a defect's CARC. */
const DENIAL: Record<string, { group: CasGroup; rarc: string }> = {
  '26': { group: 'PR', rarc: 'N30' },
  '27': { group: 'PR', rarc: 'N30' },
  '31': { group: 'CO', rarc: '' },
  '140': { group: 'CO', rarc: '' },
  '197': { group: 'CO', rarc: 'M62' },
  '15': { group: 'CO', rarc: 'M62' },
  '198': { group: 'CO', rarc: '' },
  '16': { group: 'CO', rarc: 'N29' },
  '252': { group: 'CO', rarc: 'N29' },
  '11': { group: 'CO', rarc: 'M76' },
  '146': { group: 'CO', rarc: 'M76' },
  '50': { group: 'CO', rarc: 'N115' },
  '97': { group: 'CO', rarc: 'M15' },
  '236': { group: 'CO', rarc: 'M15' },
  '151': { group: 'CO', rarc: '' },
  '4': { group: 'CO', rarc: '' },
  '18': { group: 'OA', rarc: '' },
  '29': { group: 'CO', rarc: '' },
  '22': { group: 'OA', rarc: 'MA04' },
};

/** Denials of clean claims no rule can see: benefit limits, plan exclusions, other coverage. */
const UNSEEN: readonly { carc: string; group: CasGroup; rarc: string }[] = [
  { carc: '96', group: 'CO', rarc: 'N130' },
  { carc: 'B7', group: 'CO', rarc: '' },
  { carc: '22', group: 'OA', rarc: '' },
  { carc: '204', group: 'PR', rarc: 'N130' },
];

const PARTIAL: readonly { carc: string; rarc: string }[] = [
  { carc: '97', rarc: 'M15' },
  { carc: '151', rarc: '' },
  { carc: 'B15', rarc: '' },
];

/** CARC code value: 1–3 digits, or a letter and 1–2 digits (A1, B7, B15, P2). */
export const CARC_PATTERN = /^(?:[1-9]\d{0,2}|[A-Z]\d{1,2})$/;

/** The contract's allowed amount for one unit of a procedure (as written to contracts.csv). */
export function contractUnitCents(payer: SimPayer, code: string): number {
  return Math.round(procedure(code).chargeCents * payer.feeRate);
}

/** The payer's payment-run weekday (0 = Sunday … 6), fixed by its id. */
function runWeekday(payer: SimPayer): number {
  let h = 0;
  for (const ch of payer.id) h = (h * 31 + ch.charCodeAt(0)) % 997;
  return 1 + (h % 5);
}

/** The payer's payment run on or after `date`. */
export function paymentRunDate(payer: SimPayer, date: string): string {
  const weekday = (((dayNumber(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return addDays(date, (runWeekday(payer) - weekday + 7) % 7);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * Adjudicates one claim submitted on `fileDate`. `rng` must be forked for this claim only (same
 * claim, same answer, whatever else was drawn).
 */
export function adjudicate(
  claim: SimClaim,
  fileDate: string,
  rates: AdjudicationRates,
  rng: Rng,
): Adjudication {
  const payer = claim.payer;
  const received = addDays(fileDate, rng.int(1, 3));
  const paidDate = paymentRunDate(payer, addDays(fileDate, rng.int(14, 42)));
  const icnBase = `${claim.id.slice(1)}`;
  const base = {
    claim: claim.id,
    chargeCents: sum(claim.lines.map((l) => l.chargeCents)),
    filingIndicator: payer.filingIndicator,
    facilityCode: claim.type === 'professional' ? claim.location.placeOfService : '13',
    patient: {
      lastName: claim.subscriber.lastName,
      firstName: claim.subscriber.firstName,
      memberId: claim.subscriber.memberId,
    },
    receivedDate: received,
    serviceDate: claim.serviceDate,
  };
  const event = (date: string, clp: ClpOut): RemitEvent => ({ date, payer, type: claim.type, clp });

  // Denials: the defect's CARC, or one no rule can see.
  let denial: { carc: string; group: CasGroup; rarc: string } | null = null;
  let unseen = false;
  let slipped = false;
  if (claim.defects.length > 0) {
    if (rng.chance(rates.denyDefective)) {
      const spec = defectSpec(claim.defects[0] as DefectKind);
      const carc = rng.pick(spec.carc);
      const d = DENIAL[carc] ?? { group: 'CO' as const, rarc: '' };
      denial = { carc, ...d };
    } else {
      slipped = true;
    }
  } else if (rng.chance(rates.unseenDenial)) {
    denial = rng.pick(UNSEEN);
    unseen = true;
  }
  if (denial) {
    const d = denial;
    const lines: SvcOut[] = claim.lines.map((l) => ({
      code: l.code,
      modifiers: l.modifiers,
      revenueCode: claim.type === 'institutional' ? l.revenueCode : '',
      units: l.units,
      chargeCents: l.chargeCents,
      paidCents: 0,
      allowedCents: null,
      cas: [{ group: d.group, carc: d.carc, cents: l.chargeCents }],
      rarc: d.rarc ? [d.rarc] : [],
    }));
    const patientCents = d.group === 'PR' ? base.chargeCents : 0;
    const clp: ClpOut = { ...base, status: '4', paidCents: 0, patientCents, icn: `${icnBase}00`, lines };
    return {
      truth: {
        outcome: 'denied',
        paidCents: 0,
        allowedCents: 0,
        patientCents,
        carc: [d.carc],
        paidDate,
        ...(unseen ? { unseenDenial: true as const } : {}),
      },
      events: [event(paidDate, clp)],
    };
  }

  // Paid: contract allowed, patient responsibility, noise.
  const status = claim.sequence === 'S' ? '2' : '1';
  const month = Number(claim.serviceDate.slice(5, 7));
  const deductibleChance =
    payer.kind === 'medicaid' ? 0 : month <= 3 ? 0.3 : payer.kind === 'commercial' ? 0.1 : 0.05;
  const deductible = rng.chance(deductibleChance) ? rng.int(5, 50) * 1000 : 0;
  const copay =
    payer.kind === 'commercial' || payer.kind === 'medicare-advantage'
      ? rng.pick([0, 2000, 2500, 3000, 4000])
      : payer.kind === 'medicaid'
        ? rng.pick([0, 0, 300])
        : 0;
  const coinsurancePct =
    payer.kind === 'medicare'
      ? 20
      : payer.kind === 'medicaid'
        ? 0
        : payer.kind === 'medicare-advantage'
          ? rng.pick([0, 0, 20])
          : rng.pick([0, 10, 20]);
  const partialIndex =
    claim.lines.length > 1 && rng.chance(rates.partialLine) ? rng.int(1, claim.lines.length - 1) : -1;
  const partial = partialIndex >= 0 ? rng.pick(PARTIAL) : null;
  const underpaid = rng.chance(rates.underpayment);
  const reversed = !underpaid && rng.chance(rates.reversal);
  const underPct = rng.int(5, 20);
  const reversalLag = rng.int(14, 35);

  /** Lines paid at `rateBp` basis points of the contract (10000 = the contract). */
  const payLines = (rateBp: number, shortfallPct: number): { lines: SvcOut[]; shortfall: number } => {
    let ded = deductible;
    let cop = copay;
    let shortfall = 0;
    const lines = claim.lines.map((l, i): SvcOut => {
      const common = {
        code: l.code,
        modifiers: l.modifiers,
        revenueCode: claim.type === 'institutional' ? l.revenueCode : '',
        units: l.units,
        chargeCents: l.chargeCents,
      };
      if (i === partialIndex && partial) {
        return {
          ...common,
          paidCents: 0,
          allowedCents: null,
          cas: [{ group: 'CO', carc: partial.carc, cents: l.chargeCents }],
          rarc: partial.rarc ? [partial.rarc] : [],
        };
      }
      const contract = contractUnitCents(payer, l.code) * l.units;
      const allowed = Math.min(l.chargeCents, Math.round((contract * rateBp) / 10000));
      const d = Math.min(ded, allowed);
      ded -= d;
      const c = procedure(l.code).isEm ? Math.min(cop, allowed - d) : 0;
      cop -= c;
      const co = Math.round(((allowed - d - c) * coinsurancePct) / 100);
      let paid = allowed - d - c - co;
      let short = 0;
      if (shortfallPct > 0 && shortfall === 0 && paid > 0) {
        short = Math.max(1, Math.round((paid * shortfallPct) / 100));
        paid -= short;
        shortfall = short;
      }
      const cas: Cas[] = [];
      if (l.chargeCents - allowed + short > 0) {
        cas.push({ group: 'CO', carc: '45', cents: l.chargeCents - allowed + short });
      }
      if (d > 0) cas.push({ group: 'PR', carc: '1', cents: d });
      if (co > 0) cas.push({ group: 'PR', carc: '2', cents: co });
      if (c > 0) cas.push({ group: 'PR', carc: '3', cents: c });
      return { ...common, paidCents: paid, allowedCents: allowed - short, cas, rarc: [] };
    });
    return { lines, shortfall };
  };
  const contractLines = payLines(10000, underpaid ? underPct : 0);
  const clpOf = (lines: SvcOut[], icn: string): ClpOut => ({
    ...base,
    status,
    paidCents: sum(lines.map((l) => l.paidCents)),
    patientCents: sum(lines.flatMap((l) => l.cas.filter((c) => c.group === 'PR').map((c) => c.cents))),
    icn,
    lines,
  });
  const final = clpOf(contractLines.lines, `${icnBase}00`);
  const allowedCents = sum(
    claim.lines.map((l, i) =>
      i === partialIndex ? 0 : Math.min(l.chargeCents, contractUnitCents(payer, l.code) * l.units),
    ),
  );
  const carc = [...new Set(final.lines.flatMap((l) => l.cas.map((c) => c.carc)))];
  const truth: TruthAdjudication = {
    outcome: partial ? 'partial' : 'paid',
    paidCents: final.paidCents,
    allowedCents,
    patientCents: final.patientCents,
    carc,
    paidDate,
    ...(slipped ? { slipped: true as const } : {}),
    ...(underpaid ? { underpaymentCents: contractLines.shortfall } : {}),
  };
  if (!reversed) return { truth, events: [event(paidDate, final)] };

  // Reversal and correction: first paid 8% over the contract, then reversed and paid right.
  const over = payLines(10800, 0);
  const first = clpOf(over.lines, `${icnBase}00`);
  const negate = (clp: ClpOut): ClpOut => ({
    ...clp,
    status: '22',
    chargeCents: -clp.chargeCents,
    paidCents: -clp.paidCents,
    patientCents: -clp.patientCents,
    lines: clp.lines.map((l) => ({
      ...l,
      chargeCents: -l.chargeCents,
      paidCents: -l.paidCents,
      allowedCents: l.allowedCents === null ? null : -l.allowedCents,
      cas: l.cas.map((c) => ({ ...c, cents: -c.cents })),
      rarc: [],
    })),
  });
  const reversedOn = paymentRunDate(payer, addDays(paidDate, reversalLag));
  const corrected = { ...final, icn: `${icnBase}01` };
  return {
    truth: { ...truth, outcome: 'reversed', reversedOn },
    events: [event(paidDate, first), event(reversedOn, negate(first)), event(reversedOn, corrected)],
  };
}

/** PLB adjustments of one payment run: now and then interest on late claims (L6) or a recoupment (WO). */
export function providerAdjustments(
  clps: readonly ClpOut[],
  rates: AdjudicationRates,
  rng: Rng,
): { reason: string; reference: string; cents: number }[] {
  const out: { reason: string; reference: string; cents: number }[] = [];
  const paid = sum(clps.map((c) => c.paidCents));
  const payable = clps.filter((c) => c.paidCents > 0);
  if (payable.length > 0 && rng.chance(rates.plbInterest)) {
    out.push({ reason: 'L6', reference: rng.pick(payable).claim, cents: -rng.int(25, 1500) });
  }
  if (paid >= 4000 && rng.chance(rates.plbRecoupment)) {
    out.push({
      reason: 'WO',
      reference: `REC${rng.digits(9)}`,
      cents: Math.min(Math.floor(paid / 2), rng.int(10, 200) * 100),
    });
  }
  return out;
}
