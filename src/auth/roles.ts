/** The roles a user has (one each). `admin` may use every route; the others only the ones that name them. */
export const ROLES = ['billing', 'coding', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** Who is making a request: a signed-in user (cookie session) or a script (API token). */
export interface UserActor {
  kind: 'user';
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  via: 'session' | 'token';
  /** The session's id (a digest, never the cookie value), when signed in through the browser. */
  sessionId?: string;
  tokenId?: string;
  ip: string | null;
  userAgent: string | null;
}

/** Work done by the service itself (CLI commands, scheduled jobs, start-up). */
export interface SystemActor {
  kind: 'system';
  /** `cli`, `scheduler`, `startup`… */
  via: 'cli' | 'system';
  name: string;
}

export type Actor = UserActor | SystemActor;

/** The name an actor is recorded under (history, notes, overrides, the audit log). */
export function actorName(a: Actor): string {
  return a.kind === 'user' ? a.username : a.name;
}
