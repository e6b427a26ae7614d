import { createHash, randomBytes } from 'node:crypto';

/** Recognisable in logs, leaks and secret scanners; the rest is 256 random bits. */
export const API_KEY_PREFIX = 'omr_';
const SECRET_BYTES = 32;

/**
 * SHA-256, not a password KDF: a generated key carries 256 bits of randomness, so there is
 * nothing to brute-force and a slow hash would only cost CPU on every /v1 request (DESIGN.md §3:
 * no password hashing on the hot path). Keys from the config file must be long for the same reason.
 */
export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}

/** Enough to tell keys apart in a list: `omr_` plus 4 random characters, or 3 of a user-chosen key. */
export function displayPrefixOf(plaintext: string): string {
  return plaintext.startsWith(API_KEY_PREFIX) ? plaintext.slice(0, API_KEY_PREFIX.length + 4) : plaintext.slice(0, 3);
}

export interface GeneratedApiKey {
  plaintext: string;
  hash: string;
  prefix: string;
}

export function generateApiKey(): GeneratedApiKey {
  const plaintext = `${API_KEY_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { plaintext, hash: hashApiKey(plaintext), prefix: displayPrefixOf(plaintext) };
}
