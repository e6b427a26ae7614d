import type { ClientFormat } from '../translate/wire-format.js';

/** Which rules a path falls under: the client API, the admin API, or neither (health, dashboard). */
export type RequestScope = 'v1' | 'api' | 'public';

// The client API lives under /v1 and /v1beta, plus the base-URL-without-/v1 aliases some
// clients use. Listed explicitly so a new dashboard page is never mistaken for a client call.
const CLIENT_API = /^\/(?:v1|v1beta|chat|responses|messages|models|completions)(?:\/|$)/;

export function scopeOfPath(path: string): RequestScope {
  if (path === '/api' || path.startsWith('/api/')) return 'api';
  return CLIENT_API.test(path) ? 'v1' : 'public';
}

/** For errors raised before a route's own format is known: the format the request looks like. */
export function formatOfRequest(path: string, headers: Record<string, unknown>, routeFormat: ClientFormat | undefined): ClientFormat {
  if (routeFormat) return routeFormat;
  if (path.startsWith('/v1beta/')) return 'gemini';
  if (path.startsWith('/v1/messages') || path.startsWith('/messages')) return 'anthropic-messages';
  if (path.startsWith('/v1/responses') || path.startsWith('/responses')) return 'openai-responses';
  // /v1/models is shared; the Anthropic SDKs always send anthropic-version.
  if (headers['anthropic-version'] !== undefined) return 'anthropic-messages';
  return 'openai-chat';
}
