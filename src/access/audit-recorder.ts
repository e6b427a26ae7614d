import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { apiRouteOf, STATE_CHANGING_METHODS, type AdminGuard } from './admin-guard.js';
import type { AuthContext } from './auth-context.js';
import { redactSummary } from './redact-summary.js';
import { clientIpOf } from './client-ip.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: a POST that changes nothing (e.g. the translator playground) is not audited. */
    audit?: boolean;
  }
}

/**
 * On every state-changing /api call, refused ones included (a failed login is exactly what the
 * trail is for): who, from where, what, and how it ended. Written in onSend, before the answer
 * leaves: a caller that saw its change succeed can read it in the trail at once. Admin calls are
 * rare, so the extra write costs nothing that matters; a failed write is logged, never surfaced.
 */
export function createAuditRecorder(deps: { auth: AuthContext; guard: AdminGuard; logger: Logger }) {
  const { auth, guard, logger } = deps;
  /** undefined (no promise, no work) for everything that is not audited: the /v1 hot path included. */
  return function recordAudit(request: FastifyRequest, reply: FastifyReply): Promise<void> | undefined {
    if (!STATE_CHANGING_METHODS.has(request.method)) return undefined;
    const api = apiRouteOf(request);
    if (!api || request.routeOptions.config?.audit === false) return undefined;
    return write(request, reply, api);
  };

  async function write(request: FastifyRequest, reply: FastifyReply, api: { path: string; route: string | undefined }): Promise<void> {
    const actor = guard.actorOf(request);
    const params = request.params as Record<string, unknown> | undefined;
    const target = params && typeof params.id === 'string' ? params.id : null;
    const body: unknown = request.body;
    try {
      await auth.audit.insert({
        id: randomUUID(),
        createdAt: auth.now(),
        actorType: actor?.type ?? 'anonymous',
        actorId: actor?.id ?? null,
        ip: clientIpOf(request, auth.trustedProxies) || null,
        method: request.method,
        route: api.route ?? api.path.slice(0, 300),
        targetId: target?.slice(0, 300) ?? null,
        status: reply.statusCode,
        summary: body === undefined || body === null ? null : { body: redactSummary(body) },
      });
    } catch (error) {
      logger.error({ err: error, requestId: request.id }, 'writing the audit log failed');
    }
  }
}
