import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SqlDialect } from '../ingest/bulk-insert.js';
import { numbered } from '../reports/sql.js';
import type { Role } from './roles.js';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
  passwordChangedAt: string;
  lastSignInAt: string | null;
  disabledAt: string | null;
}

export interface SessionRow {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface TokenRow {
  id: string;
  userId: string;
  name: string;
  digest: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const USER_COLUMNS = `id, username, display_name AS "displayName", role, password_hash AS "passwordHash",
  created_at AS "createdAt", updated_at AS "updatedAt", password_changed_at AS "passwordChangedAt",
  last_sign_in_at AS "lastSignInAt", disabled_at AS "disabledAt"`;
const SESSION_COLUMNS = `id, user_id AS "userId", csrf_token AS "csrfToken", created_at AS "createdAt",
  last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", ip, user_agent AS "userAgent"`;
const TOKEN_COLUMNS = `id, user_id AS "userId", name, digest, prefix, created_at AS "createdAt",
  expires_at AS "expiresAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/**
 * Users, sessions and API tokens: the only code that touches app_user, user_session and api_token.
 * Writes take an optional EntityManager so a change and its audit event share one transaction.
 */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get dialect(): SqlDialect {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** Runs `work` in one transaction: a change and its audit event are written together or not at all. */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private query<T>(sql: string, params: readonly unknown[] = [], m?: EntityManager): Promise<T[]> {
    return (m ?? this.dataSource).query(numbered(this.dialect, sql), params as unknown[]);
  }

  /** Rows changed by an UPDATE/DELETE (the drivers answer differently). */
  private async change(sql: string, params: readonly unknown[], m?: EntityManager): Promise<number> {
    const r: unknown = await (m ?? this.dataSource).query(numbered(this.dialect, sql), params as unknown[]);
    if (Array.isArray(r) && typeof r[1] === 'number') return r[1];
    const o = r as { changes?: number; affected?: number } | undefined;
    return o?.changes ?? o?.affected ?? 0;
  }

  async insertUser(u: UserRow, m?: EntityManager): Promise<void> {
    await this.query(
      `INSERT INTO app_user (id, username, display_name, role, password_hash, created_at, updated_at,
         password_changed_at, last_sign_in_at, disabled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        u.id,
        u.username,
        u.displayName,
        u.role,
        u.passwordHash,
        u.createdAt,
        u.updatedAt,
        u.passwordChangedAt,
        u.lastSignInAt,
        u.disabledAt,
      ],
      m,
    );
  }

  async findUserByUsername(username: string, m?: EntityManager): Promise<UserRow | null> {
    const sql = `SELECT ${USER_COLUMNS} FROM app_user WHERE username = ?`;
    return (await this.query<UserRow>(sql, [username], m))[0] ?? null;
  }

  async findUserById(id: string, m?: EntityManager): Promise<UserRow | null> {
    const sql = `SELECT ${USER_COLUMNS} FROM app_user WHERE id = ?`;
    return (await this.query<UserRow>(sql, [id], m))[0] ?? null;
  }

  async listUsers(): Promise<UserRow[]> {
    return this.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user ORDER BY username`);
  }

  async countAdmins(m?: EntityManager): Promise<number> {
    const sql = `SELECT COUNT(*) AS n FROM app_user WHERE role = 'admin' AND disabled_at IS NULL`;
    const rows = await this.query<{ n: number | string }>(sql, [], m);
    return Number(rows[0]?.n ?? 0);
  }

  async updateUser(
    id: string,
    set: Partial<Pick<UserRow, 'displayName' | 'role' | 'passwordHash' | 'passwordChangedAt' | 'disabledAt'>>,
    at: string,
    m?: EntityManager,
  ): Promise<void> {
    const cols: string[] = ['updated_at = ?'];
    const params: unknown[] = [at];
    const map: Record<string, string> = {
      displayName: 'display_name',
      role: 'role',
      passwordHash: 'password_hash',
      passwordChangedAt: 'password_changed_at',
      disabledAt: 'disabled_at',
    };
    for (const [k, v] of Object.entries(set)) {
      if (v === undefined) continue;
      cols.push(`${map[k]} = ?`);
      params.push(v);
    }
    params.push(id);
    await this.query(`UPDATE app_user SET ${cols.join(', ')} WHERE id = ?`, params, m);
  }

  async setLastSignIn(id: string, at: string, m?: EntityManager): Promise<void> {
    await this.query('UPDATE app_user SET last_sign_in_at = ? WHERE id = ?', [at, id], m);
  }

  async insertSession(s: SessionRow, m?: EntityManager): Promise<void> {
    await this.query(
      `INSERT INTO user_session (id, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [s.id, s.userId, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt, s.ip, s.userAgent],
      m,
    );
  }

  async findSession(id: string): Promise<SessionRow | null> {
    return (
      (await this.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM user_session WHERE id = ?`, [id]))[0] ??
      null
    );
  }

  /** Last request time of a session (written at most once a minute; losing one is harmless). */
  async touchSession(id: string, at: string): Promise<void> {
    await this.query('UPDATE user_session SET last_seen_at = ? WHERE id = ?', [at, id]);
  }

  async deleteSession(id: string, m?: EntityManager): Promise<void> {
    await this.query('DELETE FROM user_session WHERE id = ?', [id], m);
  }

  /** Ends every session of a user (disabled, role or password changed). */
  async deleteSessionsOfUser(userId: string, m?: EntityManager): Promise<number> {
    return this.change('DELETE FROM user_session WHERE user_id = ?', [userId], m);
  }

  /** Removes sessions past their absolute expiry or idle since `idleBefore`. */
  async deleteStaleSessions(now: string, idleBefore: string): Promise<number> {
    return this.change('DELETE FROM user_session WHERE expires_at <= ? OR last_seen_at <= ?', [
      now,
      idleBefore,
    ]);
  }

  async insertToken(t: TokenRow, m?: EntityManager): Promise<void> {
    await this.query(
      `INSERT INTO api_token (id, user_id, name, digest, prefix, created_at, expires_at, last_used_at, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [t.id, t.userId, t.name, t.digest, t.prefix, t.createdAt, t.expiresAt, t.lastUsedAt, t.revokedAt],
      m,
    );
  }

  async findTokenByDigest(digest: string): Promise<TokenRow | null> {
    return (
      (await this.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_token WHERE digest = ?`, [digest]))[0] ??
      null
    );
  }

  async findTokenById(id: string, m?: EntityManager): Promise<TokenRow | null> {
    return (
      (await this.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_token WHERE id = ?`, [id], m))[0] ?? null
    );
  }

  async listTokens(userId: string | null): Promise<(TokenRow & { username: string })[]> {
    const where = userId === null ? '' : 'WHERE t.user_id = ?';
    return this.query(
      `SELECT t.id, t.user_id AS "userId", t.name, t.digest, t.prefix, t.created_at AS "createdAt",
         t.expires_at AS "expiresAt", t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt",
         u.username FROM api_token t JOIN app_user u ON u.id = t.user_id ${where}
       ORDER BY t.created_at DESC`,
      userId === null ? [] : [userId],
    );
  }

  async revokeToken(id: string, at: string, m?: EntityManager): Promise<void> {
    await this.query('UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id], m);
  }

  /** Last use of a token (written at most once a minute; losing one is harmless). */
  async touchToken(id: string, at: string): Promise<void> {
    await this.query('UPDATE api_token SET last_used_at = ? WHERE id = ?', [at, id]);
  }
}
