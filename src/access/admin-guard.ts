import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway-error.js';
import type { AdminSession } from './admin-auth.js';
import type { AuthContext } from './auth-context.js';
import { readSessionCookie } from './session-cookie.js';
import { fingerprint, safeEqual } from './session-token.js';

export type AdminActor =
  | { type: 'session'; id: string; sessionId: string; session: AdminSession }
  | { type: 'api_key'; id: string };

/**
 * The only /api routes reachable without a session or an admin key, as `METHOD /route-pattern`.
 * Everything else under /api, including routes added later and unknown paths, needs one.
 */
export const PUBLIC_API_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/auth/login',
  'POST /api/auth/setup',
  'GET /api/auth/session',
  'HEAD /api/auth/session',
]);

export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const CSRF_HEADER = 'x-csrf-token';

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * Decided on the matched route pattern when there is one, so encoded or oddly spelled URLs that
 * the router still maps onto an /api route are guarded like the plain spelling.
 */
export function apiRouteOf(request: FastifyRequest): { path: string; route: string | undefined } | undefined {
  const route = request.routeOptions.url;
  if (route !== undefined && isApiPath(route)) return { path: route, route };
  // The raw URL too: an unknown /api path (or one a catch-all route matched) is guarded as well.
  if (!request.url.startsWith('/api')) return undefined;
  const path = request.url.split('?')[0] ?? '';
  return isApiPath(path) ? { path, route } : undefined;
}

export interface AdminGuard {
  onRequest(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  actorOf(request: FastifyRequest): AdminActor | undefined;
  /** After login/setup: the audit entry names the session just created. */
  setActor(request: FastifyRequest, actor: AdminActor): void;
}

function unauthorized(message: string): GatewayError {
  return new GatewayError('unauthorized', message, { status: 401 });
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? '';
}

export function createAdminGuard(auth: AuthContext): AdminGuard {
  const actors = new WeakMap<FastifyRequest, AdminActor>();

  /** undefined: no credentials presented; null: credentials presented and refused. */
  async function identify(request: FastifyRequest): Promise<AdminActor | null | undefined> {
    const bearer = bearerOf(request);
    if (bearer !== undefined) {
      // An explicit key is never silently replaced by a cookie that happens to ride along.
      if (bearer === '') return null;
      const verdict = await auth.verifyAdminKey(bearer);
      if (verdict === false) return null;
      return { type: 'api_key', id: verdict === true ? `key-${fingerprint(bearer)}` : verdict.id };
    }
    const sessionId = readSessionCookie(request.headers.cookie);
    if (sessionId === undefined) return request.headers.cookie?.includes('omniroute_session=') ? null : undefined;
    const session = await auth.admin.authenticate(sessionId);
    return session ? { type: 'session', id: session.id, sessionId, session } : null;
  }

  return {
    async onRequest(request) {
      const api = apiRouteOf(request);
      if (!api) return;
      if (request.method === 'OPTIONS') {
        throw new GatewayError('forbidden', 'Cross-origin requests to the admin API are not allowed', { status: 403 });
      }
      const actor = await identify(request);
      if (actor) actors.set(request, actor);
      if (api.route !== undefined && PUBLIC_API_ROUTES.has(`${request.method} ${api.route}`)) return;
      if (actor === undefined) throw unauthorized('Log in first (POST /api/auth/login), or send an admin API key as "Authorization: Bearer <key>"');
      if (actor === null) throw unauthorized('The session has expired or the API key is not valid for the admin API; log in again');
      if (actor.type === 'session' && STATE_CHANGING_METHODS.has(request.method)) {
        const presented = request.headers[CSRF_HEADER];
        if (typeof presented !== 'string' || !safeEqual(presented, actor.session.csrfToken)) {
          throw new GatewayError('forbidden', `Missing or wrong ${CSRF_HEADER} header (get the token from GET /api/auth/session)`, { status: 403 });
        }
      }
    },
    actorOf: (request) => actors.get(request),
    setActor: (request, actor) => actors.set(request, actor),
  };
}
