/**
 * Secrets for sign-in (issue 8's foundation, pure: no Nest, no database): passwords hashed with
 * scrypt, the memory-hard function in node:crypto, and API tokens (random, stored as a SHA-256
 * digest: a 256-bit random token needs no slow hash, and a digest lets the server look it up).
 *
 * Stored password format: `scrypt$<log2 N>$<r>$<p>$<salt base64url>$<hash base64url>`, so the cost
 * can be raised later and old hashes still verify (and can be re-hashed at the next sign-in).
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Cost: N = 2^15, r = 8 (32 MiB of memory per hash, about 50–100 ms on a server core), p = 1. */
export const SCRYPT_COST = { logN: 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** A password refused before hashing (too short, too long, one character repeated). */
export class WeakPasswordError extends Error {
  override readonly name = 'WeakPasswordError';
}

/** What is wrong with a proposed password, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `a password has at most ${MAX_PASSWORD_LENGTH} characters`;
  if (new Set(password).size < 4) return 'a password needs at least 4 different characters';
  return null;
}

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  // Node refuses scrypt above 32 MiB of memory unless told: 128 × N × r bytes, with room to spare.
  const maxmem = 256 * N * r;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

const b64 = (b: Buffer): string => b.toString('base64url');

/** The stored form of a new password; throws WeakPasswordError for one `passwordProblem` refuses. */
export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem !== null) throw new WeakPasswordError(problem);
  const salt = randomBytes(SALT_BYTES);
  const { logN, r, p } = SCRYPT_COST;
  const key = await derive(password, salt, logN, r, p);
  return `scrypt$${logN}$${r}$${p}$${b64(salt)}$${b64(key)}`;
}

const STORED = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/;

/**
 * Whether `password` is the one `stored` was made from. A stored value that is not a hash this
 * module wrote (or whose cost is out of bounds) never verifies. Compared in constant time.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = STORED.exec(stored);
  if (!m || password.length > MAX_PASSWORD_LENGTH) return false;
  const [logN, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (logN < 10 || logN > 20 || r < 1 || r > 16 || p < 1 || p > 4) return false;
  const expected = Buffer.from(m[5]!, 'base64url');
  const key = await derive(password, Buffer.from(m[4]!, 'base64url'), logN, r, p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Whether a stored hash was made with less than today's cost (re-hash it at the next sign-in). */
export function needsRehash(stored: string): boolean {
  const m = STORED.exec(stored);
  return !m || Number(m[1]) < SCRYPT_COST.logN || Number(m[2]) < SCRYPT_COST.r;
}

/** A new API token (shown once) and the digest to store. `cg_` marks it in logs and secret scanners. */
export function newApiToken(): { token: string; digest: string } {
  const token = `cg_${b64(randomBytes(32))}`;
  return { token, digest: tokenDigest(token) };
}

/** The stored digest of a token: SHA-256, hex. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
