/**
 * What a replay keeps of a claim: the payer's first answer (from the report projection) and the
 * flags a rule set raises on it today. Pure.
 */
import type { BacktestClaim } from '../reporting/backtest.js';
import type { ClaimReportRow } from '../reporting/claim-report.js';
import type { ClaimOutcome, FindingFact } from '../reporting/types.js';
import type { Finding } from '../rules-engine/index.js';

/** A claim of a replay with its stored outcome. */
export interface ReplayedClaim {
  claimId: string;
  /** CLM01 (the simulator's truth id). */
  patientControlNumber: string;
  /** Month of service (else of submission), YYYY-MM, as the reports count it. */
  month: string;
  payerId: string;
  providerNpi: string;
  claimType: string;
  chargeCents: number;
  firstPass: ClaimOutcome['firstPass'];
  denialCarcs: string[];
  deniedCents: number;
}

/** A replayed claim with the flags of one rule set and the rules that fired. */
export interface ReplayedClaimFlags extends ReplayedClaim {
  /** Block and warn findings, one per rule (line-level rules too): what the backtest counts. */
  flags: FindingFact[];
  /** Ids of the rules with a block or warn finding, in finding order. */
  firedRules: string[];
}

export function replayedClaimOf(row: ClaimReportRow): ReplayedClaim {
  return {
    claimId: row.claimId,
    patientControlNumber: row.patientControlNumber,
    month: row.month,
    payerId: row.payerId,
    providerNpi: row.providerNpi,
    claimType: row.claimType,
    chargeCents: row.chargeCents,
    firstPass: row.firstPass,
    denialCarcs: row.denialCarcs,
    deniedCents: row.deniedCents,
  };
}

/**
 * The block and warn findings, one per rule (the first of a line rule's findings, as a claim-level
 * flag), as the report projection stores them: the backtest counts claims, not lines.
 */
export function flagsOf(findings: readonly Finding[]): FindingFact[] {
  const byRule = new Map<string, FindingFact>();
  for (const f of findings) {
    if (f.severity === 'info' || byRule.has(f.ruleId)) continue;
    byRule.set(f.ruleId, {
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      line: null,
      carc: [...f.carc],
    });
  }
  return [...byRule.values()];
}

export function toBacktestClaim(c: ReplayedClaim, flags: FindingFact[]): BacktestClaim {
  return {
    claimId: c.claimId,
    month: c.month,
    payerId: c.payerId,
    providerNpi: c.providerNpi,
    claimType: c.claimType,
    chargeCents: c.chargeCents,
    outcome: { firstPass: c.firstPass, denialCarcs: c.denialCarcs, deniedCents: c.deniedCents },
    findings: flags,
  };
}

export const isDeniedFirstPass = (firstPass: ClaimOutcome['firstPass']): boolean =>
  firstPass === 'denied' || firstPass === 'partial';
