import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { WriteLock } from '../database/write-lock.js';
import type { UserActor } from './roles.js';
import { hashPassword, needsRehash, tokenDigest, verifyPassword } from './secrets.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { UsersRepository, type UserRow } from './users.repository.js';
import { type UserView, UsersService, toUserView } from './users.service.js';

/** Where a request came from, for sessions and the audit log. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export type SignInResult =
  | { ok: true; user: UserView; sessionSecret: string; csrfToken: string; expiresAt: string }
  | { ok: false; reason: 'bad-credentials' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** A session found from its cookie: who, the CSRF token to expect, when it ends. */
export interface ActiveSession {
  actor: UserActor;
  csrfToken: string;
  expiresAt: string;
}

/** last_seen_at is written at most this often per session (a page load makes many requests). */
const TOUCH_EVERY_MS = 60_000;

/**
 * Sign-in, sessions and API-token authentication. A session's cookie value is a random secret; the
 * database keeps only its SHA-256, so a copy of the database opens no session.
 */
@Injectable()
export class AuthService {
  private readonly throttle = new SignInThrottle();
  /** A hash to verify against when the username does not exist, so both cases take as long. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly repo: UsersRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writeLock: WriteLock,
  ) {}

  async signIn(usernameInput: string, password: string, client: ClientInfo): Promise<SignInResult> {
    const username = UsersService.normalizeUsername(usernameInput).slice(0, 64);
    const address = client.ip ?? 'unknown';
    const user = await this.repo.findUserByUsername(username);
    // A failure is recorded under the username only when it exists: what someone typed into the
    // username box may be a password, which has no place in the log.
    const anonymous = {
      kind: 'anonymous' as const,
      name: user ? user.username : '(unknown username)',
      ...client,
    };
    const wait = this.throttle.retryAfterMs(username, address);
    if (wait > 0) {
      await this.audit.record(anonymous, {
        action: 'auth.sign-in-failed',
        outcome: 'refused',
        ...(user ? { targetType: 'user', targetId: user.id } : {}),
        detail: { throttled: true },
      });
      return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
    }
    this.dummyHash ??= hashPassword('not a real password: timing only');
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash));
    if (!user || !valid || user.disabledAt !== null) {
      this.throttle.recordFailure(username, address);
      await this.audit.record(anonymous, {
        action: 'auth.sign-in-failed',
        outcome: 'refused',
        ...(user ? { targetType: 'user', targetId: user.id } : {}),
        detail: { reason: !user ? 'unknown user' : !valid ? 'wrong password' : 'disabled' },
      });
      return { ok: false, reason: 'bad-credentials' };
    }
    this.throttle.recordSuccess(username);
    const rehash = needsRehash(user.passwordHash) ? await hashPassword(password) : null;
    const now = new Date();
    const sessionSecret = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.sessionMaxHours * 3_600_000).toISOString();
    // The session, the sign-in time and the audit event together (one writer at a time on SQLite).
    await this.writeLock.run(() =>
      this.repo.transaction(async (m) => {
        if (rehash !== null)
          await this.repo.updateUser(user.id, { passwordHash: rehash }, now.toISOString(), m);
        await this.repo.insertSession(
          {
            id: tokenDigest(sessionSecret),
            userId: user.id,
            csrfToken,
            createdAt: now.toISOString(),
            lastSeenAt: now.toISOString(),
            expiresAt,
            ip: client.ip,
            userAgent: client.userAgent?.slice(0, 300) ?? null,
          },
          m,
        );
        await this.repo.setLastSignIn(user.id, now.toISOString(), m);
        await this.audit.record(
          this.actorOf(user, 'session', client),
          { action: 'auth.sign-in', targetType: 'user', targetId: user.id },
          m,
        );
      }),
    );
    return { ok: true, user: toUserView(user), sessionSecret, csrfToken, expiresAt };
  }

  /** The live session behind a cookie value, or null (unknown, expired, idle too long, user disabled). */
  async session(secret: string, client: ClientInfo): Promise<ActiveSession | null> {
    if (secret.length < 20 || secret.length > 100) return null;
    const id = tokenDigest(secret);
    const s = await this.repo.findSession(id);
    if (!s) return null;
    const now = Date.now();
    const idleLimit = this.config.sessionIdleMinutes * 60_000;
    if (Date.parse(s.expiresAt) <= now || Date.parse(s.lastSeenAt) + idleLimit <= now) {
      await this.repo.deleteSession(id);
      return null;
    }
    const user = await this.repo.findUserById(s.userId);
    if (!user || user.disabledAt !== null) {
      await this.repo.deleteSession(id);
      return null;
    }
    if (now - Date.parse(s.lastSeenAt) >= TOUCH_EVERY_MS)
      await this.repo.touchSession(id, new Date(now).toISOString());
    return {
      actor: { ...this.actorOf(user, 'session', client), sessionId: id },
      csrfToken: s.csrfToken,
      expiresAt: s.expiresAt,
    };
  }

  /** The owner of an API token, or null (unknown, revoked, expired, owner disabled). */
  async token(token: string, client: ClientInfo): Promise<UserActor | null> {
    if (!token.startsWith('cg_') || token.length > 100) return null;
    const t = await this.repo.findTokenByDigest(tokenDigest(token));
    if (!t || t.revokedAt !== null) return null;
    const now = Date.now();
    if (t.expiresAt !== null && Date.parse(t.expiresAt) <= now) return null;
    const user = await this.repo.findUserById(t.userId);
    if (!user || user.disabledAt !== null) return null;
    if (t.lastUsedAt === null || now - Date.parse(t.lastUsedAt) >= TOUCH_EVERY_MS) {
      await this.repo.touchToken(t.id, new Date(now).toISOString());
    }
    return { ...this.actorOf(user, 'token', client), tokenId: t.id };
  }

  async signOut(actor: UserActor): Promise<void> {
    await this.writeLock.run(() =>
      this.repo.transaction(async (m) => {
        if (actor.sessionId) await this.repo.deleteSession(actor.sessionId, m);
        await this.audit.record(
          actor,
          { action: 'auth.sign-out', targetType: 'user', targetId: actor.userId },
          m,
        );
      }),
    );
  }

  /** Whether the CSRF token sent with a request is the session's (constant time). */
  static csrfMatches(expected: string, sent: string | undefined): boolean {
    if (typeof sent !== 'string') return false;
    const a = Buffer.from(expected);
    const b = Buffer.from(sent);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Sessions past their lifetime or idle limit (housekeeping; the scheduler calls it). */
  async removeStaleSessions(): Promise<number> {
    const now = Date.now();
    return this.repo.deleteStaleSessions(
      new Date(now).toISOString(),
      new Date(now - this.config.sessionIdleMinutes * 60_000).toISOString(),
    );
  }

  private actorOf(user: UserRow, via: 'session' | 'token', client: ClientInfo): UserActor {
    return {
      kind: 'user',
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      via,
      ip: client.ip,
      userAgent: client.userAgent,
    };
  }
}
