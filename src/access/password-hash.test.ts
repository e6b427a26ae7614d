import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword } from './password-hash.js';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored.startsWith(`scrypt$${DEFAULT_SCRYPT_PARAMS.N}$8$1$`)).toBe(true);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const params = { N: 2 ** 10, r: 8, p: 1 };
    expect(await hashPassword('same', params)).not.toBe(await hashPassword('same', params));
  });

  it('keeps the parameters with the hash, so older hashes still verify', async () => {
    const weak = await hashPassword('pw', { N: 2 ** 10, r: 4, p: 1 });
    expect(await verifyPassword('pw', weak)).toBe(true);
  });

  it('treats malformed or tampered hashes as a mismatch, never a crash', async () => {
    for (const stored of ['', 'plain', 'scrypt$1$8$1$$', 'scrypt$3$8$1$c2FsdA$a2V5', `scrypt$${2 ** 30}$8$1$c2FsdA$a2V5`, 'bcrypt$2$8$1$c2FsdA$a2V5']) {
      expect(await verifyPassword('pw', stored)).toBe(false);
    }
  });
});
