import {
  hashPassword,
  needsRehash,
  newApiToken,
  passwordProblem,
  SCRYPT_COST,
  tokenDigest,
  verifyPassword,
  WeakPasswordError,
} from './secrets.js';

describe('passwords', () => {
  it('verifies the password a hash was made from, and no other', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('salts every hash: the same password twice gives two hashes, both verifying', async () => {
    const [a, b] = await Promise.all([hashPassword('same password 1'), hashPassword('same password 1')]);
    expect(a).not.toBe(b);
    await expect(verifyPassword('same password 1', a)).resolves.toBe(true);
    await expect(verifyPassword('same password 1', b)).resolves.toBe(true);
  });

  it('treats Unicode forms alike (NFC), so a password typed on another keyboard still works', async () => {
    const stored = await hashPassword('caf\u00e9 au lait 42');
    await expect(verifyPassword('cafe\u0301 au lait 42', stored)).resolves.toBe(true);
  });

  it('never verifies a tampered, foreign or absurd-cost hash', async () => {
    const stored = await hashPassword('a long enough pw');
    const parts = stored.split('$');
    const flipped = [...parts];
    flipped[5] = (parts[5]![0] === 'A' ? 'B' : 'A') + parts[5]!.slice(1);
    await expect(verifyPassword('a long enough pw', flipped.join('$'))).resolves.toBe(false);
    await expect(verifyPassword('a long enough pw', stored.replace('scrypt$15', 'scrypt$30'))).resolves.toBe(
      false,
    );
    await expect(verifyPassword('a long enough pw', 'plaintext')).resolves.toBe(false);
    await expect(verifyPassword('a long enough pw', '$2b$10$abcdefghijklmnopqrstuv')).resolves.toBe(false);
  });

  it('refuses weak passwords before hashing, saying why', async () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/4 different/);
    expect(passwordProblem('x'.repeat(300))).toMatch(/at most 256/);
    expect(passwordProblem('four words go here')).toBeNull();
    await expect(hashPassword('short')).rejects.toBeInstanceOf(WeakPasswordError);
  });

  it('asks for a re-hash of hashes made with less than the current cost', async () => {
    const stored = await hashPassword('a long enough pw');
    expect(needsRehash(stored)).toBe(false);
    expect(needsRehash(stored.replace(`scrypt$${SCRYPT_COST.logN}$`, 'scrypt$14$'))).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });
});

describe('API tokens', () => {
  it('are random, marked, and stored as their SHA-256 digest', () => {
    const a = newApiToken();
    const b = newApiToken();
    expect(a.token).toMatch(/^cg_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.digest).toBe(tokenDigest(a.token));
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
    // The known SHA-256 of "abc", so the digest is the standard one.
    expect(tokenDigest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
