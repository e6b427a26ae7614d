import type { FastifyInstance } from 'fastify';
import type { GatewayContext } from '../server/gateway-context.js';
import { apiRouteOf, createAdminGuard, type AdminGuard } from './admin-guard.js';
import { createAuditRecorder } from './audit-recorder.js';
import { createCorsHandler } from './cors-hook.js';
import { applySecurityHeaders } from './security-headers.js';

/**
 * One root-level onRequest hook for every route of the app, registered before any route: a route
 * added under /api later is guarded without anyone remembering to. /v1 requests pay one string
 * check (and the CORS check only when a browser sent an Origin).
 */
export function registerAdminAccess(app: FastifyInstance, ctx: GatewayContext): AdminGuard {
  const guard = createAdminGuard(ctx.auth);
  const cors = createCorsHandler(ctx.options.cors.origins);

  app.addHook('onRequest', async (request, reply) => {
    if (apiRouteOf(request)) {
      applySecurityHeaders(reply, 'api');
      await guard.onRequest(request, reply);
      return undefined;
    }
    if (request.url === '/' || request.url.startsWith('/?')) applySecurityHeaders(reply, 'page');
    return cors(request, reply);
  });
  app.addHook('onSend', createAuditRecorder({ auth: ctx.auth, guard, logger: ctx.logger }));
  return guard;
}
