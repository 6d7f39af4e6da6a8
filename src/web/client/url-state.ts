/**
 * Filters live in the URL query, so a reload, a bookmark or the sign-in detour keeps them. Pure
 * (URLSearchParams only, no DOM): each page declares its filters once and reads/writes them here.
 */

/** One filter: its default (left out of the URL) and, for a choice, the values allowed. */
export interface FilterDef {
  default?: string;
  values?: readonly string[];
  /** A check of free text (a number, a date); a value that fails it is dropped. */
  pattern?: RegExp;
}

export type FilterSpec = Readonly<Record<string, FilterDef>>;
export type Filters<S extends FilterSpec> = { [K in keyof S]: string };

/**
 * The filters a query string holds: every key of the spec, with its default when absent or not
 * allowed (a hand-edited URL cannot put an unknown status into a request). Unknown keys are ignored.
 */
export function readFilters<S extends FilterSpec>(search: string | URLSearchParams, spec: S): Filters<S> {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const out: Record<string, string> = {};
  for (const [key, def] of Object.entries(spec)) {
    const raw = params.get(key)?.trim() ?? '';
    const ok =
      raw !== '' &&
      (def.values === undefined || def.values.includes(raw)) &&
      (def.pattern === undefined || def.pattern.test(raw));
    out[key] = ok ? raw : (def.default ?? '');
  }
  return out as Filters<S>;
}

/**
 * The query string of a set of filters, in the spec's order, without empty values and defaults:
 * `?payerId=P1&sort=deadline`, or `` when everything is at its default.
 */
export function filtersToSearch<S extends FilterSpec>(filters: Partial<Filters<S>>, spec: S): string {
  const params = new URLSearchParams();
  for (const [key, def] of Object.entries(spec)) {
    const v = (filters as Record<string, string | undefined>)[key]?.trim();
    if (v && v !== (def.default ?? '')) params.set(key, v);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The API query of a set of filters: every non-empty value, defaults included (the server's may differ). */
export function filtersToQuery<S extends FilterSpec>(filters: Filters<S>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filters as Record<string, string>)) if (v !== '') out[k] = v;
  return out;
}

type QueryValue = string | number | boolean | null | undefined;

/** `path` with a query string of the values that are set: `withQuery('/a', {x: 1, y: ''})` → `/a?x=1`. */
export function withQuery(path: string, query: Readonly<Record<string, QueryValue>> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== null && v !== undefined && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

/**
 * A `next` parameter made safe to redirect to: a path on this site (`/…`, not `//host` or `/\host`),
 * else `fallback`. Stops the sign-in page from being an open redirect.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/[\r\n\t]/.test(next) || next.startsWith('/sign-in')) return fallback;
  return next;
}

/** The sign-in page that comes back to `current` (path and query) once signed in. */
export function signInUrl(current: string): string {
  const next = safeNext(current, '');
  return next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}
