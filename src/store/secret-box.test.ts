import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.js';
import { StoreError } from './store-error.js';

const key = randomBytes(32);

describe('createSecretBox', () => {
  it('round-trips text, including empty and non-ASCII strings', () => {
    const box = createSecretBox(key);
    for (const plaintext of ['sk-ant-api03-abcdef', '', 'ключ 🔑 with spaces']) {
      expect(box.decrypt(box.encrypt(plaintext))).toBe(plaintext);
    }
  });

  it('writes v1.<iv>.<tag>.<ciphertext> in base64url with a 12-byte IV and 16-byte tag', () => {
    const value = createSecretBox(key).encrypt('sk-test-123');
    const [version, iv, tag, body, ...rest] = value.split('.');
    expect(version).toBe('v1');
    expect(rest).toEqual([]);
    expect(Buffer.from(iv ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(body ?? '', 'base64url')).toHaveLength('sk-test-123'.length);
    expect(value).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(value).not.toContain('sk-test-123');
  });

  it('uses a fresh IV each time, so equal plaintexts give different ciphertexts', () => {
    const box = createSecretBox(key);
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('detects a flipped bit in the ciphertext, tag or IV', () => {
    const box = createSecretBox(key);
    const parts = box.encrypt('sk-live-secret').split('.');
    for (const index of [1, 2, 3]) {
      const tampered = [...parts];
      const bytes = Buffer.from(tampered[index] ?? '', 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      tampered[index] = bytes.toString('base64url');
      expect(() => box.decrypt(tampered.join('.'))).toThrow(/tampered/);
    }
  });

  it('refuses to decrypt with the wrong key, with a StoreError naming the likely cause', () => {
    const value = createSecretBox(key).encrypt('sk-live-secret');
    let caught: unknown;
    try {
      createSecretBox(randomBytes(32)).decrypt(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('secret_decrypt_failed');
    expect((caught as StoreError).message).toMatch(/wrong master key/);
  });

  it('rejects malformed values before touching the cipher', () => {
    const box = createSecretBox(key);
    for (const value of ['plaintext-key', 'v2.a.b.c', 'v1.a.b', 'v1.!!.b.c', 'v1.AAAA.AAAA.AAAA']) {
      expect(() => box.decrypt(value)).toThrow(/SecretBox value/);
    }
  });

  it('accepts only 32-byte keys', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('is not affected by later mutation of the caller key buffer', () => {
    const callerKey = Buffer.from(key);
    const box = createSecretBox(callerKey);
    const value = box.encrypt('stable');
    callerKey.fill(0);
    expect(box.decrypt(value)).toBe('stable');
  });
});
