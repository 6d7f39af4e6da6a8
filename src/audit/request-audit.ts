/**
 * Which audit event an HTTP request records, from the route's @Audited metadata and the request
 * itself (pure, so the rules are tested without a server): a route marked @Audited records its
 * action; any request for `format=csv` records an export (`claim.export` for claims and the
 * worklist, `report.export` for everything else, or the route's own export action), with the path
 * and the query, cleaned of patient identifiers, as its detail.
 */
import { maskPhi, PHI_MASK } from '../common/phi-mask.js';
import type { AuditedSpec } from './audited.decorator.js';
import type { AuditEntry } from './audit.service.js';

/** What the audit rules read of a request. */
export interface RequestFacts {
  /** The path without the query (`/api/v1/claims`). */
  path: string;
  query: Record<string, unknown>;
  params: Record<string, string | undefined>;
}

/**
 * Query parameters whose values may identify a patient (a patient control number is an account
 * number, a free-text search may be a name): recorded as `***`. Cursors are left out (noise).
 */
const IDENTIFYING_PARAM = /name|member|dob|birth|patient|control|pcn|ssn|^q$|search/i;
const SKIPPED_PARAMS = new Set(['cursor']);
const MAX_VALUE = 120;

/** The query as an audit detail: parameter names kept, identifying values masked, long values cut. */
export function auditQuery(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(query).sort()) {
    if (SKIPPED_PARAMS.has(key) || key.length > 64) continue;
    const raw = query[key];
    const value = Array.isArray(raw) ? raw.map(String).join(',') : typeof raw === 'object' ? '' : String(raw);
    out[key] = IDENTIFYING_PARAM.test(key) ? PHI_MASK : maskPhi(value).slice(0, MAX_VALUE);
  }
  return out;
}

/** Whether the request asks for a CSV answer. */
export function wantsCsv(query: Record<string, unknown>): boolean {
  const f = query['format'];
  return f === 'csv' || (Array.isArray(f) && f.includes('csv'));
}

const CLAIM_PATH = /^\/(?:api\/v1\/)?(?:claims|worklist)(?:\/|$)/;

/** The export action of a CSV download from `path`. */
export function exportActionFor(path: string): 'claim.export' | 'report.export' {
  return CLAIM_PATH.test(path) ? 'claim.export' : 'report.export';
}

/** The event a successful request records, or null when it records none. */
export function auditEntryFor(spec: AuditedSpec | undefined, req: RequestFacts): AuditEntry | null {
  const csv = wantsCsv(req.query);
  if (!spec && !csv) return null;
  const query = auditQuery(req.query);
  const targetId = spec?.idParam ? req.params[spec.idParam] : undefined;
  const target = {
    ...(spec?.targetType !== undefined ? { targetType: spec.targetType } : {}),
    ...(targetId !== undefined ? { targetId: targetId.slice(0, 80) } : {}),
  };
  if (csv) {
    return {
      action: spec?.exportAction ?? exportActionFor(req.path),
      ...target,
      detail: { path: req.path.slice(0, 200), query },
    };
  }
  return {
    action: spec!.action,
    ...target,
    ...(Object.keys(query).length > 0 ? { detail: { query } } : {}),
  };
}

/** Ids of the records an answer showed, at most this many per audit event (a page is 50 by default). */
export const MAX_SHOWN_IDS = 500;

/**
 * Which records a list answer showed, so "who looked at which claim" can be answered for lists too:
 * the `claimId` (else `id`) of each row of `items` (or `rows`, or a top-level array; the coding gaps'
 * encounters under `providers`), at most MAX_SHOWN_IDS, with the row count. A CSV answer (text) is
 * counted by its lines. Null for anything else.
 */
export function shownRecords(answer: unknown): { count: number; ids: string[] } | null {
  if (typeof answer === 'string') {
    const lines = answer.split('\n').filter((l) => l.trim() !== '').length;
    return { count: Math.max(0, lines - 1), ids: [] };
  }
  const rows = listRows(answer);
  if (!rows) return null;
  const ids: string[] = [];
  for (const row of rows) {
    if (ids.length >= MAX_SHOWN_IDS) break;
    if (row === null || typeof row !== 'object') continue;
    const r = row as Record<string, unknown>;
    const id = typeof r['claimId'] === 'string' ? r['claimId'] : typeof r['id'] === 'string' ? r['id'] : null;
    if (id !== null) ids.push(id);
  }
  return { count: rows.length, ids };
}

function listRows(answer: unknown): unknown[] | null {
  if (Array.isArray(answer)) return answer;
  if (answer === null || typeof answer !== 'object') return null;
  const a = answer as Record<string, unknown>;
  for (const key of ['items', 'rows']) if (Array.isArray(a[key])) return a[key] as unknown[];
  if (Array.isArray(a['providers'])) {
    return (a['providers'] as { encounters?: unknown }[]).flatMap((p) =>
      Array.isArray(p.encounters) ? (p.encounters as unknown[]) : [],
    );
  }
  return null;
}

/**
 * The id of what a change created, read from its answer when the route has no id parameter: an
 * upload's `file.id`, an import's `importId`, else a top-level `id`.
 */
export function createdId(answer: unknown): string | null {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return null;
  const a = answer as Record<string, unknown>;
  const file = a['file'] as Record<string, unknown> | undefined;
  for (const v of [file?.['id'], a['importId'], a['id']]) if (typeof v === 'string') return v.slice(0, 80);
  return null;
}
