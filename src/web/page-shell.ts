/**
 * The HTML shell of every page: title, the navigation the user's role may use, an empty
 * `<main id="app">` and the page's module script. The page's content is drawn in the browser from the
 * JSON API, so nothing here depends on data beyond the user's name; no inline script or style (the
 * CSP allows scripts and styles from 'self' only).
 */
import type { Role } from '../auth/roles.js';

/** The pages the server renders; each loads `/assets/pages/<name>.js`. */
export type PageName =
  'sign-in' | 'worklist' | 'claim' | 'coding' | 'dashboard' | 'digests' | 'uploads' | 'admin' | 'error';

/** The user a page is drawn for (the signed-in actor), or null on the sign-in page. */
export interface ShellUser {
  username: string;
  displayName: string;
  role: Role;
}

interface NavItem {
  href: string;
  label: string;
  /** Roles that see the link besides admin, who sees them all. */
  roles: readonly Role[];
}

/** The main navigation, in order. Each link's page allows the same roles (see pages.controller.ts). */
export const NAV: readonly NavItem[] = [
  { href: '/worklist', label: 'Worklist', roles: ['billing'] },
  { href: '/coding', label: 'Coding gaps', roles: ['coding'] },
  { href: '/dashboard', label: 'Dashboard', roles: ['finance'] },
  { href: '/digests', label: 'Digests', roles: ['billing', 'finance'] },
  { href: '/uploads', label: 'Uploads', roles: ['billing', 'coding'] },
  { href: '/admin', label: 'Admin', roles: [] },
];

/** Where `/` sends each role. */
export const ROLE_HOME: Readonly<Record<Role, string>> = {
  billing: '/worklist',
  coding: '/coding',
  finance: '/dashboard',
  admin: '/admin',
};

/** The navigation links a role sees. */
export function navFor(role: Role): { href: string; label: string }[] {
  return NAV.filter((n) => role === 'admin' || n.roles.includes(role)).map(({ href, label }) => ({
    href,
    label,
  }));
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export interface PageOptions {
  page: PageName;
  title: string;
  user: ShellUser | null;
  /** The path of the page, to mark the current navigation link. */
  path?: string;
  /** Classic scripts loaded before the page module (chart.js's UMD build on the dashboard). */
  scripts?: readonly string[];
  /** What `<main>` shows before the page script has drawn (or when it cannot run). */
  body?: string;
}

const ROLE_LABEL: Record<Role, string> = {
  billing: 'Billing',
  coding: 'Coding',
  finance: 'Finance',
  admin: 'Administrator',
};

/** The whole HTML document of a page. */
export function renderPage(o: PageOptions): string {
  const scripts = (o.scripts ?? []).map((s) => `<script src="${escapeHtml(s)}" defer></script>`).join('\n');
  const header = o.user
    ? renderHeader(o.user, o.path)
    : '<header class="top"><span class="brand">claimguard</span></header>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)} · claimguard</title>
<link rel="stylesheet" href="/assets/app.css">
${scripts}
<script type="module" src="/assets/pages/${o.page}.js"></script>
</head>
<body data-page="${o.page}"${o.user ? ` data-role="${o.user.role}"` : ''}>
${header}
<main id="app">
${o.body ?? '<p class="loading">Loading…</p>'}
</main>
<noscript><p class="error">claimguard needs JavaScript enabled in the browser.</p></noscript>
</body>
</html>
`;
}

function renderHeader(user: ShellUser, path: string | undefined): string {
  const links = navFor(user.role)
    .map((n) => {
      const current = path !== undefined && (path === n.href || path.startsWith(`${n.href}/`));
      return `<a href="${n.href}"${current ? ' aria-current="page"' : ''}>${escapeHtml(n.label)}</a>`;
    })
    .join('');
  return `<header class="top">
<a class="brand" href="/">claimguard</a>
<nav aria-label="Main">${links}</nav>
<div class="who"><span class="user-name" title="${escapeHtml(user.username)}">${escapeHtml(user.displayName)}</span> <span class="role">${ROLE_LABEL[user.role]}</span>
<button type="button" id="sign-out" class="link">Sign out</button></div>
</header>`;
}

/** An error page (403, 404) in the same shell, with a way back to the user's home. */
export function renderErrorPage(o: {
  status: number;
  title: string;
  message: string;
  user: ShellUser | null;
}): string {
  const back = o.user
    ? `<a href="${ROLE_HOME[o.user.role]}">Back to your start page</a>`
    : '<a href="/sign-in">Sign in</a>';
  return renderPage({
    page: 'error',
    title: o.title,
    user: o.user,
    body: `<section class="error-page"><h1>${escapeHtml(o.title)}</h1>
<p class="status">HTTP ${o.status}</p>
<p>${escapeHtml(o.message)}</p>
<p>${back}</p></section>`,
  });
}
