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
  const recordAudit = createAuditRecorder({ auth: ctx.auth, guard, logger: ctx.logger });

  // Callback-style hooks: a /v1 request passes both without allocating a promise.
  app.addHook('onRequest', (request, reply, done) => {
    if (apiRouteOf(request)) {
      applySecurityHeaders(reply, 'api');
      guard.onRequest(request, reply).then(() => done(), done);
      return;
    }
    if (request.url === '/' || request.url.startsWith('/?')) applySecurityHeaders(reply, 'page');
    if (request.headers.origin === undefined) {
      done();
      return;
    }
    let answered;
    try {
      answered = cors(request, reply);
    } catch (error) {
      done(error as Error);
      return;
    }
    // A preflight answered by the CORS handler ends here, without calling done().
    if (answered === undefined) done();
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    const pending = recordAudit(request, reply);
    if (pending === undefined) {
      done(null, payload);
      return;
    }
    void pending.then(() => done(null, payload));
  });
  return guard;
}
