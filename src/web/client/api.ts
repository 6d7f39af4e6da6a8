/**
 * The JSON API from the browser: JSON in and out, the CSRF token on every change, and a session
 * that ran out sends the browser to sign in and back (the filters are in the URL, so nothing is lost).
 */
import { signInUrl, withQuery } from './url-state.js';

export type Role = 'billing' | 'coding' | 'finance' | 'admin';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

/** GET /api/v1/auth/me. */
export interface Me {
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
}

/** An answer other than 2xx, with the server's message and, for a 400, every problem. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: string[] = [],
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  /** Answer 401 with an ApiError instead of going to the sign-in page (the sign-in form itself). */
  no401Redirect?: boolean;
  signal?: AbortSignal;
}

let mePromise: Promise<Me> | null = null;

/** The signed-in user and the CSRF token (asked once per page; `refresh` asks again). */
export function me(refresh = false): Promise<Me> {
  if (!mePromise || refresh) {
    mePromise = request<Me>('GET', '/api/v1/auth/me');
    // A failure is not cached: the next call asks again.
    mePromise.catch(() => (mePromise = null));
  }
  return mePromise;
}

/** Sends the browser to the sign-in page, which comes back here afterwards. */
export function goToSignIn(): void {
  location.assign(signInUrl(location.pathname + location.search));
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const b = (body ?? {}) as { message?: unknown; problems?: unknown };
  const message = typeof b.message === 'string' && b.message ? b.message : `${res.status} ${res.statusText}`;
  const problems = Array.isArray(b.problems) ? b.problems.map(String) : [];
  return new ApiError(res.status, message, problems, body);
}

const isChange = (method: string) => method !== 'GET' && method !== 'HEAD';

/** One API call; resolves with the parsed JSON (undefined for 204). */
export async function request<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
  const send = async (): Promise<Response> => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (o.body !== undefined) headers['Content-Type'] = 'application/json';
    if (isChange(method) && !path.startsWith('/api/v1/auth/sign-in')) {
      headers['X-CSRF-Token'] = (await me()).csrfToken;
    }
    return fetch(withQuery(path, o.query), {
      method,
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      credentials: 'same-origin',
      signal: o.signal,
    });
  };
  let res = await send();
  if (res.status === 403 && isChange(method) && mePromise) {
    // The session may have been renewed with a new CSRF token since this page loaded: ask once more.
    await me(true);
    res = await send();
  }
  if (res.status === 401 && !o.no401Redirect) {
    goToSignIn();
    throw new ApiError(401, 'Your session has ended; taking you to the sign-in page.');
  }
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T>(path: string, query?: RequestOptions['query']) => request<T>('GET', path, { query });
export const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, { body });
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });

/** One upload in flight: its answer, and a way to stop it. */
export interface Upload<T> {
  done: Promise<T>;
  abort(): void;
}

/**
 * Uploads one file as multipart field `file` with XMLHttpRequest (fetch cannot report upload
 * progress); `onProgress` gets the fraction sent (0…1).
 */
export function upload<T>(path: string, file: File, onProgress: (fraction: number) => void): Upload<T> {
  const xhr = new XMLHttpRequest();
  const done = me().then(
    ({ csrfToken }) =>
      new Promise<T>((resolve, reject) => {
        xhr.open('POST', path);
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.setRequestHeader('X-CSRF-Token', csrfToken);
        xhr.upload.addEventListener('progress', (e) => {
          if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
        });
        xhr.addEventListener('load', () => {
          let body: unknown = null;
          try {
            body = JSON.parse(xhr.responseText);
          } catch {
            // Not JSON: keep the status.
          }
          if (xhr.status === 401) {
            goToSignIn();
            reject(new ApiError(401, 'Your session has ended; taking you to the sign-in page.'));
            return;
          }
          if (xhr.status < 200 || xhr.status >= 300) {
            const b = (body ?? {}) as { message?: unknown; problems?: unknown };
            reject(
              new ApiError(
                xhr.status,
                typeof b.message === 'string' ? b.message : `${xhr.status} ${xhr.statusText}`,
                Array.isArray(b.problems) ? b.problems.map(String) : [],
                body,
              ),
            );
            return;
          }
          onProgress(1);
          resolve(body as T);
        });
        xhr.addEventListener('error', () =>
          reject(new ApiError(0, 'The upload failed: no answer from the server.')),
        );
        xhr.addEventListener('abort', () => reject(new ApiError(0, 'The upload was cancelled.')));
        const form = new FormData();
        form.append('file', file, file.name);
        xhr.send(form);
      }),
  );
  return { done, abort: () => xhr.abort() };
}
