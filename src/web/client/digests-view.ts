/** The digests page's data and wording (pure: no DOM). */

export type DigestKind = 'daily' | 'weekly';

/** The headline figures kept with a digest (GET /api/v1/digests). Older rows may lack some. */
export interface DigestSummary {
  denials?: number;
  deniedCents?: number;
  atRiskClaims?: number;
  atRiskCents?: number;
  awaitingClaims?: number;
  awaitingAtRiskCents?: number;
  leakageCents?: number;
  deadlines?: number;
  deadlineAtRiskCents?: number;
  topCategory?: string;
}

export interface Digest {
  id: string;
  kind: DigestKind;
  periodFrom: string;
  periodTo: string;
  createdAt: string;
  runId: string | null;
  summary: DigestSummary;
  htmlUrl: string;
  csvUrl: string;
}

/** Digests per page of the list. */
export const DIGEST_PAGE = 25;

/** `Daily` / `Weekly`. */
export function kindLabel(kind: DigestKind): string {
  return kind === 'weekly' ? 'Weekly' : 'Daily';
}

/**
 * The days a digest covers, with `date` formatting each day: one day for a daily digest, `from – to`
 * for a weekly one.
 */
export function periodText(d: Pick<Digest, 'periodFrom' | 'periodTo'>, date: (s: string) => string): string {
  return d.periodFrom === d.periodTo ? date(d.periodTo) : `${date(d.periodFrom)} – ${date(d.periodTo)}`;
}

/** The kinds the list may be narrowed to, from the address (`?kind=weekly`); anything else is all. */
export function kindFilter(search: string): DigestKind | null {
  const v = new URLSearchParams(search).get('kind');
  return v === 'daily' || v === 'weekly' ? v : null;
}
