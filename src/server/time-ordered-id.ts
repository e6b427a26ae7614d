import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): the first 48 bits are the Unix time in ms, the rest random. Built on
 * `randomUUID()`, whose random bytes Node draws from a pooled cache: the `uuid` package's v7 asks
 * the OS for 16 fresh bytes on every call (a getpid syscall and an OpenSSL call per request).
 * Ids sort by time, so a table keyed by them grows at its right edge instead of writing pages
 * all over its primary-key index.
 */
export function timeOrderedId(now = Date.now()): string {
  const random = randomUUID();
  const time = now.toString(16).padStart(12, '0');
  // random = xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx; the variant bits (y) are kept, version becomes 7.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
