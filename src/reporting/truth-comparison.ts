/**
 * Compares what claimguard saw with the simulator's answer key (`truth.json`, written by
 * src/simulator/simulate.ts): which injected defects the rules caught, whether the outcomes read from
 * the 835s agree with what the simulated payers decided, and how often a clean claim was flagged.
 * Pure apart from `readTruthFile`.
 *
 * Claims are paired by id: the truth entry's `claim` is the CLM01 the simulator wrote, which
 * claimguard stores as the patient control number.
 */
import { readFile } from 'node:fs/promises';
import type { ClaimOutcome } from './types.js';

/** What the comparison reads of a truth.json claim entry (the simulator's `TruthClaim` fits). */
export interface TruthClaimLike {
  /** CLM01. */
  claim: string;
  defects: readonly { kind: string; expectedRules: readonly string[] }[];
  /** The payer's answer; absent when the simulation wrote no remittances. */
  adjudication?: { outcome: string };
}

/** What the comparison reads of truth.json. */
export interface TruthFileLike {
  claims: TruthClaimLike[];
  /** Every defect kind the simulator could inject: reported even when none was injected. */
  defectCatalogue?: readonly { kind: string }[];
}

export interface ObservedClaim {
  /** Rules that fired on the claim: pass block and warn findings only (info is not a flag). */
  firedRules: readonly string[];
  firstPass: ClaimOutcome['firstPass'];
}

export interface DefectComparison {
  /** Truth claims with this defect. */
  injected: number;
  /** … of them, not stored by claimguard (so neither caught nor missed by the rules). */
  missing: number;
  /** … stored, and one of the defect's expected rules fired on them. */
  caught: number;
  /** caught / (injected − missing): recall over the claims claimguard saw; null when it saw none. */
  recall: number | null;
  /** … of the injected, the payer's answer in truth was denied or partial. */
  payerDenied: number;
}

/** The truth outcome of a claim: the payer's answer, or `none` when truth.json has no adjudication. */
export type TruthOutcome = 'paid' | 'denied' | 'partial' | 'reversed' | 'none';

export interface TruthComparison {
  claims: {
    inTruth: number;
    /** Truth claims claimguard stored. */
    observed: number;
    /** In truth but not stored. */
    missing: number;
    /** Stored claims whose id is not in truth (another data set mixed in, or a wrong pairing). */
    notInTruth: number;
  };
  /** By defect kind (catalogue order when truth.json has one, then in order of appearance). */
  defects: Record<string, DefectComparison>;
  outcomes: {
    /** Observed first pass matches the truth outcome (a truth `reversed` claim was first paid). */
    agree: number;
    disagree: number;
    /** Stored claims still pending (no remittance ingested): neither agree nor disagree. */
    pending: number;
    /** Truth claims without an adjudication: nothing to compare with. */
    noTruthOutcome: number;
    /** Every stored truth claim: truth outcome → observed first pass → count. */
    confusion: Record<string, Record<string, number>>;
  };
  falseFlags: {
    /** Stored claims with no injected defect. */
    cleanClaims: number;
    /** … of them, with any fired rule. */
    flagged: number;
    /** flagged / cleanClaims; null when there are none. */
    rate: number | null;
  };
}

/** The first-pass answer each truth outcome should read as from the 835s. */
const EXPECTED_FIRST_PASS: Record<string, ClaimOutcome['firstPass']> = {
  paid: 'paid',
  denied: 'denied',
  partial: 'partial',
  // Paid (8% over the contract), then reversed and paid again: the first answer was a payment.
  reversed: 'paid',
};

export function compareWithTruth(
  truth: TruthFileLike,
  observed: ReadonlyMap<string, ObservedClaim>,
): TruthComparison {
  const defects = new Map<string, DefectComparison>();
  const defectRow = (kind: string) => {
    let row = defects.get(kind);
    if (!row) {
      row = { injected: 0, missing: 0, caught: 0, recall: null, payerDenied: 0 };
      defects.set(kind, row);
    }
    return row;
  };
  for (const d of truth.defectCatalogue ?? []) defectRow(d.kind);

  const claims = { inTruth: 0, observed: 0, missing: 0, notInTruth: 0 };
  const outcomes = { agree: 0, disagree: 0, pending: 0, noTruthOutcome: 0 };
  const confusion = new Map<string, Map<string, number>>();
  const falseFlags = { cleanClaims: 0, flagged: 0 };
  const truthIds = new Set<string>();

  for (const t of truth.claims) {
    claims.inTruth++;
    truthIds.add(t.claim);
    const seen = observed.get(t.claim);
    const truthOutcome = t.adjudication?.outcome ?? 'none';
    const payerDenied = truthOutcome === 'denied' || truthOutcome === 'partial';
    if (seen) claims.observed++;
    else claims.missing++;

    for (const d of t.defects) {
      const row = defectRow(d.kind);
      row.injected++;
      if (payerDenied) row.payerDenied++;
      if (!seen) row.missing++;
      else if (d.expectedRules.some((r) => seen.firedRules.includes(r))) row.caught++;
    }
    if (!seen) continue;

    if (t.defects.length === 0) {
      falseFlags.cleanClaims++;
      if (seen.firedRules.length > 0) falseFlags.flagged++;
    }

    let row = confusion.get(truthOutcome);
    if (!row) confusion.set(truthOutcome, (row = new Map()));
    row.set(seen.firstPass, (row.get(seen.firstPass) ?? 0) + 1);
    if (truthOutcome === 'none') outcomes.noTruthOutcome++;
    else if (seen.firstPass === 'pending') outcomes.pending++;
    else if (EXPECTED_FIRST_PASS[truthOutcome] === seen.firstPass) outcomes.agree++;
    else outcomes.disagree++;
  }
  for (const id of observed.keys()) if (!truthIds.has(id)) claims.notInTruth++;

  const defectsOut: Record<string, DefectComparison> = {};
  for (const [kind, row] of defects) {
    row.recall = ratio(row.caught, row.injected - row.missing);
    put(defectsOut, kind, row);
  }
  const confusionOut: Record<string, Record<string, number>> = {};
  for (const [truthOutcome, row] of confusion) {
    const cells: Record<string, number> = {};
    for (const [firstPass, n] of row) put(cells, firstPass, n);
    put(confusionOut, truthOutcome, cells);
  }
  return {
    claims,
    defects: defectsOut,
    outcomes: { ...outcomes, confusion: confusionOut },
    falseFlags: { ...falseFlags, rate: ratio(falseFlags.flagged, falseFlags.cleanClaims) },
  };
}

/**
 * Reads and parses a truth.json. Throws an Error naming the path when the file is missing or
 * unreadable, is not JSON, or has no `claims` array of entries with a `claim` id and a `defects` list.
 */
export async function readTruthFile(path: string): Promise<TruthFileLike> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`truth file ${path} not found`, { cause: e });
    throw new Error(`truth file ${path} could not be read: ${(e as Error).message}`, { cause: e });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`truth file ${path} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  const claims = (data as { claims?: unknown } | null)?.claims;
  if (typeof data !== 'object' || data === null || !Array.isArray(claims)) {
    throw new Error(`truth file ${path} is malformed: expected an object with a "claims" array`);
  }
  for (let i = 0; i < claims.length; i++) {
    const c = claims[i] as { claim?: unknown; defects?: unknown } | null;
    if (typeof c?.claim !== 'string' || !Array.isArray(c.defects)) {
      throw new Error(
        `truth file ${path} is malformed: claims[${i}] needs a "claim" id and a "defects" array`,
      );
    }
  }
  return data as TruthFileLike;
}

function ratio(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n / d) * 10000) / 10000;
}

/** Sets an own enumerable property (safe for any key, `__proto__` included). */
function put<T>(rec: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(rec, key, { value, writable: true, enumerable: true, configurable: true });
}
