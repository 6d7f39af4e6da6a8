/**
 * Underpaid lines: a paid service line whose allowed amount is below the contract.
 *
 * - Only lines that paid something (paid > 0) and have a contract rate are judged: a denied line is a
 *   denial, not an underpayment; pass the services of the payment that stands (not a reversed one).
 * - expected = rate × units (units 1 when missing or not positive), rounded to cents once, and never
 *   above the line's charge: payers allow the lesser of the charge and the fee schedule.
 * - actual = the allowed amount the payer reported (AMT B6); without it, paid + the line's patient
 *   responsibility (group PR), which is what the payer allowed.
 * - shortfall = expected − actual; lines with no shortfall (≤ 0) are left out.
 */
import type { ServicePaymentFact } from './types.js';

/** Contract allowed cents per unit for a procedure (and modifier, '' for none) on a date; null without a rate. */
export type RateOf = (procedureCode: string, modifier: string, serviceDate: string | null) => number | null;

export interface LineUnderpayment {
  lineNumber: number | null;
  procedureCode: string;
  expectedCents: number;
  actualCents: number;
  shortfallCents: number;
  /** Where `actualCents` came from: AMT B6, or paid + patient responsibility. */
  basis: 'allowed' | 'paid+patient';
}

/**
 * The underpaid lines among `services`. The rate is looked up with the line's first modifier (the
 * pricing one, 26 or TC, comes first), '' when it has none.
 */
export function lineUnderpayments(
  services: readonly ServicePaymentFact[],
  rateOf: RateOf,
): LineUnderpayment[] {
  const out: LineUnderpayment[] = [];
  for (const s of services) {
    if (!(s.paidCents > 0)) continue;
    const rate = rateOf(s.procedureCode, s.modifiers[0] ?? '', s.serviceDate);
    if (rate === null) continue;
    const units = s.units !== null && s.units > 0 ? s.units : 1;
    let expected = Math.round(rate * units);
    if (s.chargeCents > 0) expected = Math.min(expected, s.chargeCents);
    const patient = s.adjustments
      .filter((a) => a.group.trim().toUpperCase() === 'PR')
      .reduce((sum, a) => sum + a.amountCents, 0);
    const basis = s.allowedCents !== null ? 'allowed' : 'paid+patient';
    const actual = s.allowedCents ?? s.paidCents + patient;
    const shortfall = expected - actual;
    if (shortfall <= 0) continue;
    out.push({
      lineNumber: s.lineNumber,
      procedureCode: s.procedureCode,
      expectedCents: expected,
      actualCents: actual,
      shortfallCents: shortfall,
      basis,
    });
  }
  return out;
}

/** A contract rate row (src/inputs/contract-rate.entity.ts). */
export interface ContractRateRow {
  payerId: string;
  procedureCode: string;
  /** '' = any modifier. */
  modifier: string;
  allowedCents: number;
  effectiveStart: string;
  effectiveEnd: string | null;
}

const norm = (text: string): string => text.trim().toUpperCase();

/**
 * The rate lookup of one payer: rows of the procedure with exactly the modifier first, else the rows
 * for any modifier (''); among them the ones effective on the service date (start and end inclusive;
 * no end, null or '', is open), the latest start winning. Null without a service date or without such a row. Payer ids, codes and
 * modifiers compare trimmed and case-insensitively.
 */
export function contractRateLookup(rates: readonly ContractRateRow[], payerId: string): RateOf {
  const payer = norm(payerId);
  const byKey = new Map<string, ContractRateRow[]>();
  for (const r of rates) {
    if (norm(r.payerId) !== payer) continue;
    const key = `${norm(r.procedureCode)}|${norm(r.modifier)}`;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  // Latest start first; equal starts keep the input order.
  for (const list of byKey.values())
    list.sort((a, b) =>
      a.effectiveStart < b.effectiveStart ? 1 : a.effectiveStart > b.effectiveStart ? -1 : 0,
    );
  const effective = (key: string, date: string): ContractRateRow | undefined =>
    byKey.get(key)?.find((r) => r.effectiveStart <= date && (!r.effectiveEnd || date <= r.effectiveEnd));
  return (procedureCode, modifier, serviceDate) => {
    if (serviceDate === null) return null;
    const code = norm(procedureCode);
    const mod = norm(modifier);
    const row =
      (mod !== '' ? effective(`${code}|${mod}`, serviceDate) : undefined) ??
      effective(`${code}|`, serviceDate);
    return row ? row.allowedCents : null;
  };
}
