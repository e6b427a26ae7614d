export const SESSION_COOKIE = 'omniroute_session';

/** The session cookie's value from a Cookie header, or undefined. */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    // Our ids are base64url; anything else was not set by us.
    return /^[\w-]{16,128}$/.test(value) ? value : undefined;
  }
  return undefined;
}

/**
 * HttpOnly: scripts never see it. SameSite=Strict: browsers never attach it to a cross-site
 * request, the first line against CSRF (the token is the second). Path=/ so the dashboard pages
 * and /api share it.
 */
export function sessionCookieHeader(value: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearedSessionCookieHeader(secure: boolean): string {
  return sessionCookieHeader('', { secure, maxAgeSeconds: 0 });
}
