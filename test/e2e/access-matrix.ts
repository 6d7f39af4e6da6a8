import type { Role } from '../../src/auth/roles.js';

/**
 * Who may use each route: the access policy written out once, independently of the decorators that
 * enforce it (the route × role e2e checks the app against this table, and fails on any route the
 * table does not name). `admin` may use every route; `public` routes need no sign-in; `[]` is admin only.
 */
export type Access = 'public' | Exclude<Role, 'admin'>[];

const BILLING_FINANCE: Access = ['billing', 'finance'];
const READ_CLAIM: Access = ['billing', 'coding', 'finance'];

/**
 * Routes a browser session may use but an API token may not, whatever the role: a token cannot mint
 * tokens (a leaked one could otherwise outlive its revocation). Checked with sessions in auth.e2e.
 */
export const SESSION_ONLY = new Set(['POST /api/v1/tokens']);

export const ACCESS_MATRIX: Record<string, Access> = {
  // service
  'GET /api/v1/health': 'public',
  // auth and users
  'POST /api/v1/auth/sign-in': 'public',
  'POST /api/v1/auth/sign-out': READ_CLAIM,
  'GET /api/v1/auth/me': READ_CLAIM,
  'GET /api/v1/users': [],
  'GET /api/v1/users/assignable': ['billing', 'coding'],
  'POST /api/v1/users': [],
  'PATCH /api/v1/users/:id': [],
  'GET /api/v1/tokens': READ_CLAIM,
  'POST /api/v1/tokens': READ_CLAIM,
  'POST /api/v1/tokens/:id/revoke': READ_CLAIM,
  // files, inputs, claims, remittances
  'POST /api/v1/files': ['billing'],
  'GET /api/v1/files': ['billing'],
  'GET /api/v1/files/:id': ['billing'],
  'POST /api/v1/inputs/:kind': ['billing', 'coding'],
  'GET /api/v1/inputs/imports': ['billing', 'coding'],
  'GET /api/v1/inputs/patient-problems': ['billing'],
  'GET /api/v1/claims': ['billing', 'coding'],
  'GET /api/v1/claims/:id': READ_CLAIM,
  'GET /api/v1/remittances': ['billing'],
  'GET /api/v1/remittances/unmatched': ['billing'],
  'GET /api/v1/remittances/:id': ['billing'],
  'GET /api/v1/code-sets': ['billing', 'coding'],
  'GET /api/v1/code-sets/lookup': ['billing', 'coding'],
  // findings and rules
  'GET /api/v1/claims/:id/findings': READ_CLAIM,
  'POST /api/v1/findings/:id/override': ['billing', 'coding'],
  'POST /api/v1/findings/:id/override/revoke': ['billing', 'coding'],
  'GET /api/v1/rules': READ_CLAIM,
  'POST /api/v1/rules/dry-run': [],
  // reports
  'GET /api/v1/reports/summary': BILLING_FINANCE,
  'GET /api/v1/reports/dashboard': BILLING_FINANCE,
  'GET /api/v1/reports/denials': BILLING_FINANCE,
  'GET /api/v1/reports/clean-claims': BILLING_FINANCE,
  'GET /api/v1/reports/money-at-risk': BILLING_FINANCE,
  'GET /api/v1/reports/leakage': BILLING_FINANCE,
  'GET /api/v1/reports/leakage/items': BILLING_FINANCE,
  'GET /api/v1/reports/deadlines': BILLING_FINANCE,
  'GET /api/v1/reports/claims': BILLING_FINANCE,
  'GET /api/v1/reports/claims/:id': BILLING_FINANCE,
  'GET /api/v1/reports/backtest': BILLING_FINANCE,
  'GET /api/v1/reports/backtest/replay': BILLING_FINANCE,
  'GET /api/v1/reports/calibration': BILLING_FINANCE,
  'POST /api/v1/reports/risk-model': [],
  'POST /api/v1/reports/rebuild': [],
  // worklist, coding gaps, audit, jobs
  'GET /api/v1/worklist': ['billing'],
  'POST /api/v1/worklist/assign': ['billing'],
  'POST /api/v1/worklist/claims/:id/status': ['billing'],
  'GET /api/v1/worklist/claims/:id': READ_CLAIM,
  'POST /api/v1/worklist/claims/:id/notes': ['billing', 'coding'],
  'GET /api/v1/coding-gaps': ['coding'],
  'POST /api/v1/coding-gaps/:claimId/status': ['coding'],
  'GET /api/v1/audit': [],
  'GET /api/v1/digests': BILLING_FINANCE,
  'GET /api/v1/digests/:id': BILLING_FINANCE,
  'GET /api/v1/digests/:id/html': BILLING_FINANCE,
  'GET /api/v1/digests/:id/csv': BILLING_FINANCE,
  'GET /api/v1/jobs': [],
  'GET /api/v1/jobs/schedules': [],
  'POST /api/v1/jobs/:name/run': [],
  // pages (without a session: a redirect to /sign-in) and their assets
  'GET /': READ_CLAIM,
  'GET /sign-in': 'public',
  'GET /worklist': ['billing'],
  'GET /claims/:id': READ_CLAIM,
  'GET /coding': ['coding'],
  'GET /dashboard': ['finance'],
  'GET /digests': BILLING_FINANCE,
  'GET /uploads': ['billing', 'coding'],
  'GET /admin': [],
  'GET /assets/*path': 'public',
};
