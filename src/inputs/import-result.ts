import type { InputIssue } from './input-records.js';
import type { UploadKind } from './input-parsing.js';

/** The answer to an accepted import. */
export interface ImportResult {
  importId: string;
  kind: UploadKind;
  fileName: string;
  sha256: string;
  importedAt: string;
  /** Records read, by type (a FHIR bundle can carry every type). */
  records: {
    authorizations: number;
    documentation: number;
    eligibility: number;
    contracts: number;
    patients: number;
  };
  /** Records new to claimguard. */
  inserted: number;
  /** Records that updated an earlier one with the same key. */
  updated: number;
  /** Warnings (errors reject the whole upload). */
  warnings: InputIssue[];
  /** What re-matching claims to patients found after the import. */
  linking: LinkingSummary;
  /**
   * The rules run again on every claim after the import; null when rules are not evaluated here or
   * EVALUATE_ON_IMPORT is off (the nightly re-evaluation then picks up the claims it concerns).
   */
  evaluation: { claims: number; findings: number } | null;
}

/** Counts from one patient-matching pass. */
export interface LinkingSummary {
  claims: number;
  links: number;
  probableLinks: number;
  problems: number;
}
