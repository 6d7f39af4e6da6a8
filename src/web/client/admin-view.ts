/**
 * The administration page's state and wording: which tab and filters the URL holds, the API queries
 * they make, and how users, tokens, audit events and job runs read in a table. Pure (no DOM), so jest
 * tests it; pages/admin.ts draws it.
 */
import * as fmt from './format.js';
import { type Filters, filtersToSearch, withQuery } from './url-state.js';

export const TABS = ['users', 'tokens', 'audit', 'jobs'] as const;
export type Tab = (typeof TABS)[number];

export const TAB_LABELS: Readonly<Record<Tab, string>> = {
  users: 'Users',
  tokens: 'API tokens',
  audit: 'Audit log',
  jobs: 'Job runs',
};

export const ROLES = ['billing', 'coding', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  billing: 'Billing',
  coding: 'Coding',
  finance: 'Finance',
  admin: 'Administrator',
};

export const JOB_STATUSES = ['running', 'succeeded', 'failed', 'skipped'] as const;

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ACTIONS = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+(,[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+)*$/;

/** The tab and its filters, in the URL (`/admin?tab=audit&action=user.create`). */
export const ADMIN_SPEC = {
  tab: { default: 'users', values: TABS },
  from: { pattern: DAY },
  to: { pattern: DAY },
  actor: { pattern: /^.{1,120}$/ },
  action: { pattern: ACTIONS },
  targetType: { pattern: /^.{1,32}$/ },
  targetId: { pattern: /^.{1,80}$/ },
  job: { pattern: /^[a-z][a-z0-9-]{0,47}$/ },
  status: { values: JOB_STATUSES },
  cursor: { pattern: /^[A-Za-z0-9_\-=.:]{1,400}$/ },
} as const;
export type AdminFilters = Filters<typeof ADMIN_SPEC>;

/** The filter names each tab uses (the others are dropped when switching tabs). */
const TAB_FILTERS: Readonly<Record<Tab, readonly (keyof AdminFilters)[]>> = {
  users: [],
  tokens: [],
  audit: ['from', 'to', 'actor', 'action', 'targetType', 'targetId', 'cursor'],
  jobs: ['job', 'status', 'cursor'],
};

const blank = (): AdminFilters =>
  Object.fromEntries(Object.keys(ADMIN_SPEC).map((k) => [k, k === 'tab' ? 'users' : ''])) as AdminFilters;

/** The filters of `tab` kept from `f`, everything else cleared. */
export function forTab(f: AdminFilters, tab: Tab): AdminFilters {
  const out: Record<string, string> = { ...blank(), tab };
  for (const k of TAB_FILTERS[tab]) out[k] = f[k];
  return out as AdminFilters;
}

/** The page URL of a state: `/admin?tab=audit&actor=ada`. */
export function adminUrl(f: AdminFilters): string {
  return `/admin${filtersToSearch(forTab(f, f.tab as Tab), ADMIN_SPEC)}`;
}

/** The tab's URL with no filters. */
export const tabUrl = (tab: Tab): string => adminUrl({ ...blank(), tab });

/** What is wrong with the audit filters before asking the server, or null. */
export function auditFilterProblem(f: AdminFilters): string | null {
  if (f.from && f.to && f.from > f.to) return `The first day (${f.from}) is after the last (${f.to}).`;
  return null;
}

export const AUDIT_PAGE = 100;
export const JOB_PAGE = 50;

/** GET /api/v1/audit's query for the filters (a page of AUDIT_PAGE events). */
export function auditQuery(f: AdminFilters): Record<string, string> {
  const q: Record<string, string> = { limit: String(AUDIT_PAGE) };
  for (const k of TAB_FILTERS.audit) if (f[k]) q[k] = f[k];
  return q;
}

/** The CSV export of the filtered log, from the newest event (not only this page). */
export function auditCsvUrl(f: AdminFilters): string {
  const { cursor: _cursor, limit: _limit, ...q } = auditQuery(f);
  return withQuery('/api/v1/audit', { ...q, format: 'csv' });
}

/** GET /api/v1/jobs's query. */
export function jobsQuery(f: AdminFilters): Record<string, string> {
  const q: Record<string, string> = { limit: String(JOB_PAGE) };
  for (const k of TAB_FILTERS.jobs) if (f[k]) q[k] = f[k];
  return q;
}

/** The actions the audit log records (contract), offered as suggestions in the action filter. */
export const AUDIT_ACTIONS = [
  'auth.sign-in',
  'auth.sign-in-failed',
  'auth.sign-out',
  'audit.export',
  'audit.view',
  'claim.export',
  'claim.view',
  'coding-gap.update',
  'file.upload',
  'finding.override',
  'finding.revoke',
  'input.import',
  'report.export',
  'reports.rebuild',
  'risk-model.fit',
  'rules.dry-run',
  'token.create',
  'token.revoke',
  'user.create',
  'user.update',
  'work.assign',
  'work.note',
  'work.status',
] as const;

// ---------------------------------------------------------------------------------------------------
// The API's shapes
// ---------------------------------------------------------------------------------------------------

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  createdAt: string;
  lastSignInAt: string | null;
  disabled: boolean;
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  username?: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

export interface AuditEvent {
  id: number;
  at: string;
  actorName: string;
  actorRole: string | null;
  via: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  detail: unknown;
  ip: string | null;
  userAgent: string | null;
}

export interface JobRun {
  id: string;
  job: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  counts: Record<string, unknown> | null;
  error: string | null;
  instance: string | null;
}

/** A scheduled job as GET /api/v1/jobs/schedules answers it. */
export interface JobSchedule {
  name: string;
  description: string;
  schedule: string | null;
  timeZone: string;
  nextRunAt: string | null;
  lastRun: JobRun | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// ---------------------------------------------------------------------------------------------------
// Wording
// ---------------------------------------------------------------------------------------------------

/** A token's state: revoked, expired (at `now`) or active. */
export function tokenState(
  t: Pick<TokenView, 'revoked' | 'expiresAt'>,
  now: Date,
): 'revoked' | 'expired' | 'active' {
  if (t.revoked) return 'revoked';
  if (t.expiresAt && Date.parse(t.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

/** The owner of a token: its username, else the user's from the list, else the id. */
export function tokenOwner(t: TokenView, users: readonly UserView[]): string {
  return t.username ?? users.find((u) => u.id === t.userId)?.username ?? t.userId;
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * An audit event's detail on one line: `username: ada · role: billing → coding`; a `{from, to}` pair
 * as an arrow; long text cut at `max` characters.
 */
export function detailText(detail: unknown, max = 240): string {
  let text: string;
  if (detail === null || detail === undefined || detail === '') text = '';
  else if (typeof detail !== 'object' || Array.isArray(detail)) text = scalar(detail);
  else {
    text = Object.entries(detail as Record<string, unknown>)
      .map(([k, v]) => {
        if (v && typeof v === 'object' && !Array.isArray(v) && 'from' in v && 'to' in v) {
          const p = v as { from: unknown; to: unknown };
          return `${k}: ${scalar(p.from)} → ${scalar(p.to)}`;
        }
        return `${k}: ${scalar(v)}`;
      })
      .join(' · ');
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A job run's length: `850 ms`, `4.2 s`, `3 min 5 s`; `running` while it has not finished. */
export function duration(startedAt: string, finishedAt: string | null): string {
  if (!finishedAt) return 'running';
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** `filesIngested` or `files-ingested` → `files ingested`. */
const words = (key: string): string =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();

/** What a job run did: `files: 3 · claims: 120`; `—` when it said nothing. */
export function countsText(counts: Record<string, unknown> | null): string {
  if (!counts || Object.keys(counts).length === 0) return '—';
  return Object.entries(counts)
    .map(([k, v]) => `${words(k)}: ${typeof v === 'number' ? fmt.count(v) : scalar(v)}`)
    .join(' · ');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page an audit event's target opens (a claim), or null. */
export function targetHref(e: Pick<AuditEvent, 'targetType' | 'targetId'>): string | null {
  return e.targetType === 'claim' && e.targetId && UUID.test(e.targetId) ? `/claims/${e.targetId}` : null;
}

/** How a user's change reads in the notice after it was saved. */
export function changeNotice(
  u: Pick<UserView, 'username'>,
  change: { role?: Role; disabled?: boolean; password?: string },
): string {
  if (change.password !== undefined) return `Password of ${u.username} changed; their sessions were ended.`;
  if (change.disabled === true)
    return `${u.username} is disabled and signed out; their API tokens no longer work.`;
  if (change.disabled === false) return `${u.username} is enabled again.`;
  if (change.role) return `${u.username} is now ${ROLE_LABELS[change.role]}; their sessions were ended.`;
  return `${u.username} saved.`;
}

/** A Bearer header example for a freshly created token. */
export function tokenUsage(token: string, origin: string): string {
  return `curl -H "Authorization: Bearer ${token}" ${origin}/api/v1/auth/me`;
}
