import type { FastifyReply } from 'fastify';

/** JSON never needs to load anything; HTML pages may load their own origin's assets only. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
export const PAGE_CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

const COMMON: ReadonlyArray<[string, string]> = [
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
  ['referrer-policy', 'no-referrer'],
  ['cross-origin-opener-policy', 'same-origin'],
];

/**
 * For the dashboard pages and the admin API only: the /v1 hot path answers programs, not
 * browsers, and skips the work. A page with inline styles replaces the CSP with one naming
 * their hash.
 */
export function applySecurityHeaders(reply: FastifyReply, kind: 'api' | 'page'): void {
  for (const [name, value] of COMMON) reply.header(name, value);
  reply.header('content-security-policy', kind === 'api' ? API_CSP : PAGE_CSP);
  // Session details and credential views must not sit in a shared or browser cache.
  if (kind === 'api') reply.header('cache-control', 'no-store');
}
