/**
 * Which days a digest covers and where its files go. Pure: calendar-day arithmetic on YYYY-MM-DD
 * strings (the job's `today` is already the date in the configured time zone).
 */
import { addDays } from '../reporting/deadlines.js';

export const DIGEST_KINDS = ['daily', 'weekly'] as const;
export type DigestKind = (typeof DIGEST_KINDS)[number];

/** The days a digest covers, both inclusive. */
export interface DigestPeriod {
  kind: DigestKind;
  from: string;
  to: string;
}

/**
 * The period of a digest written on `today`: a daily digest covers yesterday, a weekly one the seven
 * days ending yesterday (today is not over yet, so it is never part of a period).
 */
export function digestPeriod(kind: DigestKind, today: string): DigestPeriod {
  const to = addDays(today, -1);
  return { kind, from: kind === 'daily' ? to : addDays(today, -7), to };
}

/** The folder under REPORTS_DIR that holds the digests. */
export const DIGEST_FOLDER = 'digests';

/**
 * The stored names of a digest's files, relative to REPORTS_DIR: one pair per kind and last day, so
 * writing a period again replaces its files.
 */
export function digestFileNames(period: DigestPeriod): { html: string; csv: string } {
  const base = `${DIGEST_FOLDER}/digest-${period.kind}-${period.to}`;
  return { html: `${base}.html`, csv: `${base}.csv` };
}

/** What a stored digest file name must look like before it is served (nothing else is ever opened). */
export const DIGEST_FILE_NAME = /^digests\/digest-(daily|weekly)-\d{4}-\d{2}-\d{2}\.(html|csv)$/;
