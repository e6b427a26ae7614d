import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits from the CSPRNG; what the cookie carries. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps: a leaked table holds no usable cookie. */
export function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

/**
 * The CSRF token is derived from the session id instead of stored: only a holder of the cookie's
 * value can compute it, and a cross-site page can send the cookie but never read it. Domain-
 * separated from the stored hash so the database does not reveal it either.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHash('sha256').update('omniroute-csrf\0').update(sessionId).digest('base64url');
}

/** A short, non-reversible id for logs and the audit trail. */
export function fingerprint(secret: string): string {
  return createHash('sha256').update('omniroute-fingerprint\0').update(secret).digest('hex').slice(0, 12);
}

/** Constant-time for equal lengths; a length mismatch says nothing about the content. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
