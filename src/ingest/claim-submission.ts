/**
 * What a received claim is to the claims already on file with the same CLM01, billing NPI and payer:
 * a first submission, a repeat, a replacement (frequency 7) or a void (frequency 8). Pure, so the
 * history rules can be read and tested in one place.
 */

export type Submission = 'original' | 'duplicate' | 'replacement' | 'void';

/** A claim already on file (or earlier in the same file) with the same key. */
export interface PriorClaim {
  id: string;
  submission: string;
  supersededById: string | null;
}

export interface SubmissionDecision {
  submission: Submission;
  /** For a duplicate: the claim it repeats. */
  duplicateOfId: string | null;
  /** For a replacement or void: the claim it supersedes and the status that claim takes. */
  supersedes: { id: string; status: 'replaced' | 'voided' } | null;
}

/** The identity of a claim across submissions: CLM01 + billing provider NPI + payer id. */
export function submissionKey(patientControlNumber: string, billingNpi: string, payerId: string): string {
  return `${patientControlNumber}\u0000${billingNpi}\u0000${payerId}`;
}

/**
 * The claim that stands for the key: the latest original or replacement not yet superseded (there
 * is at most one when every claim went through `decideSubmission`).
 */
export function activeClaim(priors: readonly PriorClaim[]): PriorClaim | null {
  for (let i = priors.length - 1; i >= 0; i--) {
    const p = priors[i]!;
    if (p.supersededById === null && (p.submission === 'original' || p.submission === 'replacement'))
      return p;
  }
  return null;
}

/**
 * Decides a claim's submission from CLM05-3 and its priors (oldest first):
 * - 7 replacement: supersedes the active claim, which becomes `replaced`;
 * - 8 void: supersedes the active claim, which becomes `voided`;
 * - 1 original (or no code): a duplicate of the active claim when there is one, else an original;
 * - any other code (institutional interim bills 2, 3, 4, late charges 5...): an original, never
 *   a duplicate, since repeating the CLM01 is how those bills are meant to arrive.
 * A replacement or void with nothing active to supersede is still recorded as such.
 */
export function decideSubmission(frequencyCode: string, priors: readonly PriorClaim[]): SubmissionDecision {
  const active = activeClaim(priors);
  if (frequencyCode === '7') {
    return {
      submission: 'replacement',
      duplicateOfId: null,
      supersedes: active && { id: active.id, status: 'replaced' },
    };
  }
  if (frequencyCode === '8') {
    return {
      submission: 'void',
      duplicateOfId: null,
      supersedes: active && { id: active.id, status: 'voided' },
    };
  }
  if ((frequencyCode === '1' || frequencyCode === '') && active) {
    return { submission: 'duplicate', duplicateOfId: active.id, supersedes: null };
  }
  return { submission: 'original', duplicateOfId: null, supersedes: null };
}
