/** The cookie holding a browser session; its value is a random secret, stored only as a digest. */
export const SESSION_COOKIE = 'cg_session';

/** Reads one cookie from a Cookie header (RFC 6265 pairs; the first of duplicate names wins). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return null;
}

export interface SessionCookieOptions {
  secure: boolean;
  /** Seconds the browser keeps it (the session's absolute lifetime); 0 clears it. */
  maxAgeSeconds: number;
}

/** The Set-Cookie value for the session: HttpOnly, SameSite=Strict, path /, Secure when configured. */
export function sessionCookie(value: string, o: SessionCookieOptions): string {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${o.maxAgeSeconds}`,
  ];
  if (o.secure) parts.push('Secure');
  return parts.join('; ');
}
