/** A deadline alert as stored and shown (worklist, claim page, digest). */
export interface DeadlineAlert {
  id: string;
  claimId: string;
  /** filing: the timely-filing limit while the payer has not answered; appeal: the appeal deadline of a denial. */
  kind: 'filing' | 'appeal';
  /** The last day, YYYY-MM-DD. */
  deadline: string;
  /** When the deadlines job raised it, ISO-8601 UTC. */
  raisedAt: string;
  /** The job run that raised it. */
  runId: string | null;
}

/** An open alert with what the digest and the worklist show beside it (no patient identifiers). */
export interface OpenDeadlineAlert extends DeadlineAlert {
  payerId: string;
  billingNpi: string;
  /** The claim's charge, integer cents. */
  chargeCents: number;
  /** Money at risk on the claim as the worklist counts it, integer cents. */
  atRiskCents: number;
  /** Days from `today` to the deadline (0: today is the last day). */
  daysLeft: number;
}

/** How far ahead the deadlines job looks: a deadline within this many days of today raises an alert. */
export const DEADLINE_ALERT_DAYS = 7;
