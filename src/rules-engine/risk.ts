/**
 * A first, explainable denial-risk estimate from a claim's findings (a calibrated model from remittance
 * history is a later step): each finding stands for a chance that the payer denies what it touches —
 * its line, or every line for a claim-level finding — and chances combine as independent events.
 */

/** The chance a finding of each severity leads to a first-pass denial of what it touches. */
export const SEVERITY_DENIAL_WEIGHT: Readonly<Record<'block' | 'warn' | 'info', number>> = {
  block: 0.9,
  warn: 0.3,
  info: 0,
};

export interface RiskFinding {
  severity: 'block' | 'warn' | 'info';
  /** LX line number, or null for a claim-level finding. */
  line: number | null;
}

export interface RiskLine {
  lineNumber: number;
  chargeCents: number;
}

export interface ClaimRisk {
  /** 0..1, three decimals: the chance at least one finding leads to a denial. */
  score: number;
  /** Σ over lines of the line charge × the chance that line is denied, whole cents. */
  expectedDenialCents: number;
  /** The charges of lines touched by at least one block or warn finding. */
  chargesAtRiskCents: number;
}

/** The risk of one claim from its findings and lines. */
export function claimRisk(findings: readonly RiskFinding[], lines: readonly RiskLine[]): ClaimRisk {
  let claimSurvives = 1;
  let claimLevelSurvives = 1;
  const lineSurvives = new Map<number, number>();
  for (const f of findings) {
    const w = SEVERITY_DENIAL_WEIGHT[f.severity];
    if (w === 0) continue;
    claimSurvives *= 1 - w;
    if (f.line === null) claimLevelSurvives *= 1 - w;
    else lineSurvives.set(f.line, (lineSurvives.get(f.line) ?? 1) * (1 - w));
  }
  let expected = 0;
  let atRisk = 0;
  for (const l of lines) {
    const survives = claimLevelSurvives * (lineSurvives.get(l.lineNumber) ?? 1);
    // Integer cents: the expected amount is rounded per line, then summed.
    expected += Math.round(l.chargeCents * (1 - survives));
    if (survives < 1) atRisk += l.chargeCents;
  }
  return {
    score: Math.round((1 - claimSurvives) * 1000) / 1000,
    expectedDenialCents: expected,
    chargesAtRiskCents: atRisk,
  };
}
