import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AdminSession } from '../access/admin-auth.js';
import type { AdminGuard } from '../access/admin-guard.js';
import { isLoopbackAddress } from '../access/is-loopback-address.js';
import { clearedSessionCookieHeader, sessionCookieHeader } from '../access/session-cookie.js';
import { clientIpOf } from '../access/client-ip.js';
import { cameOverHttps, isForwarded } from '../access/trusted-proxy.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { parseAdminBody } from './parse-admin-body.js';

const passwordSchema = z.strictObject({ password: z.string().max(1024) });
const changeSchema = z.strictObject({ currentPassword: z.string().max(1024), newPassword: z.string() });

function sessionView(session: AdminSession) {
  return { authenticated: true, via: 'session', sessionId: session.id, csrfToken: session.csrfToken, expiresAt: session.expiresAt, idleExpiresAt: session.idleExpiresAt };
}

/** Login, logout, password and "who am I" for the dashboard and the admin API. */
export function registerAuthRoutes(app: FastifyInstance, ctx: GatewayContext, guard: AdminGuard): void {
  const { auth } = ctx;
  const secure = (request: FastifyRequest) => ctx.options.auth.cookieSecure || cameOverHttps(request.raw, auth.trustedProxies);
  const client = (request: FastifyRequest) => ({ ip: clientIpOf(request, auth.trustedProxies), userAgent: request.headers['user-agent'] });

  async function startSession(request: FastifyRequest, reply: FastifyReply, password: string) {
    const { sessionId, session } = await auth.admin.login(password, client(request));
    // The browser's previous session (if any) is replaced, not left alive beside the new one.
    const previous = guard.actorOf(request);
    if (previous?.type === 'session') await auth.admin.logout(previous.sessionId);
    guard.setActor(request, { type: 'session', id: session.id, sessionId, session });
    reply.header('set-cookie', sessionCookieHeader(sessionId, { secure: secure(request), maxAgeSeconds: (session.expiresAt - auth.now()) / 1000 }));
    return sessionView(session);
  }

  app.post('/api/auth/setup', async (request, reply) => {
    // A reverse proxy on this machine connects from loopback for everyone: only a direct local caller may set the first password.
    if (!isLoopbackAddress(request.socket.remoteAddress) || isForwarded(request.raw)) {
      throw new GatewayError('forbidden', 'The first password can only be set from this machine (or with INITIAL_PASSWORD at start)', { status: 403 });
    }
    const { password } = parseAdminBody(passwordSchema, request.body);
    await auth.admin.setInitialPassword(password);
    reply.code(201);
    return startSession(request, reply, password);
  });

  app.post('/api/auth/login', async (request, reply) => {
    const { password } = parseAdminBody(passwordSchema, request.body);
    return startSession(request, reply, password);
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const actor = guard.actorOf(request);
    if (actor?.type === 'session') await auth.admin.logout(actor.sessionId);
    reply.header('set-cookie', clearedSessionCookieHeader(secure(request)));
    reply.code(204);
  });

  app.post('/api/auth/logout-all', async (request, reply) => {
    const ended = await auth.admin.logoutAll();
    reply.header('set-cookie', clearedSessionCookieHeader(secure(request)));
    return { endedSessions: ended };
  });

  app.post('/api/auth/password', async (request) => {
    const { currentPassword, newPassword } = parseAdminBody(changeSchema, request.body);
    const actor = guard.actorOf(request);
    const keep = actor?.type === 'session' ? actor.session.idHash : undefined;
    return auth.admin.changePassword(currentPassword, newPassword, client(request), keep);
  });

  app.get('/api/auth/session', async (request) => {
    const actor = guard.actorOf(request);
    if (actor?.type === 'session') return sessionView(actor.session);
    if (actor?.type === 'api_key') return { authenticated: true, via: 'api_key', keyId: actor.id };
    const passwordSet = await auth.admin.passwordIsSet();
    return { authenticated: false, passwordSet, setupAllowed: !passwordSet && isLoopbackAddress(request.socket.remoteAddress) && !isForwarded(request.raw) };
  });
}
