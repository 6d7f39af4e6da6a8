import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { newId, nowIso } from '../database/column-types.js';
import { WriteLock } from '../database/write-lock.js';
import { type Actor, type Role, isRole } from './roles.js';
import { hashPassword, newApiToken, passwordProblem } from './secrets.js';
import { type TokenRow, type UserRow, UsersRepository } from './users.repository.js';

/** A user as the API shows it (never the password hash). */
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
  /** The first characters of the token, to recognise it (`cg_AbC1…`). */
  prefix: string;
  userId: string;
  username?: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

export interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  password: string;
}

export interface UserChange {
  role?: Role;
  displayName?: string;
  disabled?: boolean;
  password?: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export function toUserView(u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    createdAt: u.createdAt,
    lastSignInAt: u.lastSignInAt,
    disabled: u.disabledAt !== null,
  };
}

function toTokenView(t: TokenRow & { username?: string }): TokenView {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    userId: t.userId,
    ...(t.username === undefined ? {} : { username: t.username }),
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    revoked: t.revokedAt !== null,
  };
}

/**
 * Local users and their API tokens. Every change is written with its audit event in one
 * transaction (both or neither), one writer at a time (WriteLock: SQLite has one connection).
 * Passwords are hashed before the transaction, so the lock is never held during scrypt.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly repo: UsersRepository,
    private readonly audit: AuditService,
    private readonly writeLock: WriteLock,
  ) {}

  /** Usernames are case-insensitive: stored lower-case, NFC. */
  static normalizeUsername(username: string): string {
    return username.normalize('NFC').trim().toLowerCase();
  }

  private change<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.writeLock.run(() => this.repo.transaction(work));
  }

  async create(actor: Actor, input: NewUser): Promise<UserView> {
    const username = UsersService.normalizeUsername(input.username);
    const problems: string[] = [];
    if (!USERNAME.test(username)) {
      problems.push(
        'username must be 2-64 characters: letters, digits, dot, dash or underscore, starting with a letter or digit',
      );
    }
    if (!isRole(input.role)) problems.push(`role must be one of billing, coding, finance, admin`);
    const weak = passwordProblem(input.password);
    if (weak) problems.push(`password: ${weak}`);
    if (problems.length) throw new InvalidInputError(problems.join('; '), problems);
    const at = nowIso();
    const row: UserRow = {
      id: newId(),
      username,
      displayName: (input.displayName ?? '').trim() || username,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      createdAt: at,
      updatedAt: at,
      passwordChangedAt: at,
      lastSignInAt: null,
      disabledAt: null,
    };
    await this.change(async (m) => {
      if (await this.repo.findUserByUsername(username, m)) {
        throw new ConflictError(`user ${username} already exists`);
      }
      await this.repo.insertUser(row, m);
      const detail = { username, role: row.role };
      await this.audit.record(
        actor,
        { action: 'user.create', targetType: 'user', targetId: row.id, detail },
        m,
      );
    });
    return toUserView(row);
  }

  async list(): Promise<UserView[]> {
    return (await this.repo.listUsers()).map(toUserView);
  }

  /** Enabled users who can be given worklist items: billing and admin (the worklist is theirs). */
  async assignable(): Promise<Pick<UserView, 'id' | 'username' | 'displayName' | 'role'>[]> {
    return (await this.repo.listUsers())
      .filter((u) => u.disabledAt === null && (u.role === 'billing' || u.role === 'admin'))
      .map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role }));
  }

  async get(id: string): Promise<UserView> {
    const u = await this.repo.findUserById(id);
    if (!u) throw new NotFoundError('user', id);
    return toUserView(u);
  }

  /**
   * Changes role, name, password or disabled state. A role, password or disabled change ends the
   * user's sessions. The last enabled admin cannot be demoted or disabled.
   */
  async update(actor: Actor, id: string, change: UserChange): Promise<UserView> {
    const problems: string[] = [];
    if (change.role !== undefined && !isRole(change.role)) {
      problems.push('role must be one of billing, coding, finance, admin');
    }
    if (change.password !== undefined) {
      const weak = passwordProblem(change.password);
      if (weak) problems.push(`password: ${weak}`);
    }
    if (change.displayName !== undefined && change.displayName.trim() === '') {
      problems.push('displayName must not be empty');
    }
    if (problems.length) throw new InvalidInputError(problems.join('; '), problems);
    const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
    await this.change(async (m) => {
      const u = await this.repo.findUserById(id, m);
      if (!u) throw new NotFoundError('user', id);
      const losesAdmin =
        u.role === 'admin' &&
        u.disabledAt === null &&
        ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
      // Counted inside the transaction: two admins demoting each other cannot leave none.
      if (losesAdmin && (await this.repo.countAdmins(m)) <= 1) {
        throw new ConflictError(`${u.username} is the last enabled admin: add another admin first`);
      }
      const at = nowIso();
      const set: Parameters<UsersRepository['updateUser']>[1] = {};
      if (change.role !== undefined) set.role = change.role;
      if (change.displayName !== undefined) set.displayName = change.displayName.trim();
      if (passwordHash !== undefined) {
        set.passwordHash = passwordHash;
        set.passwordChangedAt = at;
      }
      if (change.disabled !== undefined) set.disabledAt = change.disabled ? (u.disabledAt ?? at) : null;
      await this.repo.updateUser(id, set, at, m);
      const endsSessions =
        (change.role !== undefined && change.role !== u.role) ||
        change.password !== undefined ||
        change.disabled === true;
      if (endsSessions) await this.repo.deleteSessionsOfUser(id, m);
      const detail = {
        username: u.username,
        ...(change.role !== undefined ? { role: { from: u.role, to: change.role } } : {}),
        ...(change.displayName !== undefined ? { displayName: true } : {}),
        ...(change.password !== undefined ? { password: 'changed' } : {}),
        ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
      };
      await this.audit.record(actor, { action: 'user.update', targetType: 'user', targetId: id, detail }, m);
    });
    return this.get(id);
  }

  /** Creates an API token for `userId`; the token itself is returned once and stored only as a digest. */
  async createToken(
    actor: Actor,
    userId: string,
    name: string,
    expiresInDays: number | null,
  ): Promise<TokenView & { token: string }> {
    const { token, digest } = newApiToken();
    const at = new Date();
    const row: TokenRow = {
      id: newId(),
      userId,
      name: name.trim(),
      digest,
      prefix: token.slice(0, 8),
      createdAt: at.toISOString(),
      expiresAt:
        expiresInDays === null ? null : new Date(at.getTime() + expiresInDays * 86_400_000).toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.change(async (m) => {
      const owner = await this.repo.findUserById(userId, m);
      if (!owner || owner.disabledAt !== null) throw new NotFoundError('enabled user', userId);
      await this.repo.insertToken(row, m);
      const detail = { name: row.name, owner: owner.username, expiresAt: row.expiresAt };
      await this.audit.record(
        actor,
        { action: 'token.create', targetType: 'token', targetId: row.id, detail },
        m,
      );
    });
    return { ...toTokenView(row), token };
  }

  /** Tokens of one user, or of everyone (null). */
  async tokens(userId: string | null): Promise<TokenView[]> {
    return (await this.repo.listTokens(userId)).map(toTokenView);
  }

  /** Revokes a token; only its owner or an admin may. */
  async revokeToken(actor: Actor, id: string): Promise<TokenView> {
    const revokedAt = nowIso();
    const t = await this.change(async (m) => {
      const found = await this.repo.findTokenById(id, m);
      const mayRevoke = actor.kind === 'system' || actor.role === 'admin' || found?.userId === actor.userId;
      if (!found || !mayRevoke) throw new NotFoundError('token', id);
      if (found.revokedAt !== null) throw new ConflictError(`token ${found.name} is already revoked`);
      await this.repo.revokeToken(id, revokedAt, m);
      const entry = {
        action: 'token.revoke',
        targetType: 'token',
        targetId: id,
        detail: { name: found.name },
      };
      await this.audit.record(actor, entry, m);
      return found;
    });
    return toTokenView({ ...t, revokedAt });
  }
}
