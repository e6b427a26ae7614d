import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerAdminAccess } from '../access/register-admin-access.js';
import { registerAdminRoutes } from '../admin/register-admin-routes.js';
import { GatewayError } from '../errors/gateway-error.js';
import { sendError, toGatewayError } from './error-response.js';
import type { GatewayContext } from './gateway-context.js';
import { registerGenerationRoutes } from './routes/generation-routes.js';
import type { WireFormat } from '../translate/wire-format.js';
import { clientRequestIdOf } from './client-request-id.js';
import { timeOrderedId } from './time-ordered-id.js';
import { lazyChildLogger } from './lazy-child-logger.js';
import { lazySchemaCompilers } from './lazy-schema-compilers.js';
import { registerHealthRoute } from './routes/health-route.js';
import { registerHomeRoute } from './routes/home-route.js';
import { registerMetricsRoute } from './routes/metrics-route.js';
import { registerModelsRoute } from './routes/models-route.js';
import { registerCountTokensRoute } from './routes/count-tokens-route.js';
import { refuseUpgrades } from './routes/refuse-upgrades.js';
import { collectRouteTable } from './route-table.js';

/** Images travel inline as base64; 50 MB leaves room for several in one conversation. */
const BODY_LIMIT_BYTES = 50 * 1024 * 1024;

/**
 * What `x-request-id` says: the client's own id when it sent one, else the gateway's. The
 * gateway's ids are UUIDv7 (time-ordered), so the request log's primary key grows at its right
 * edge; random v4 ids scattered every batch over the whole index.
 */
function shownRequestIdOf(req: { headers: Record<string, string | string[] | undefined> }, ownId: string): string {
  return clientRequestIdOf(req.headers) ?? ownId;
}

/** For errors outside a known route: answer in the format the path suggests the client speaks. */
function formatOfPath(url: string): WireFormat {
  if (url.startsWith('/v1beta/')) return 'gemini';
  if (url.startsWith('/v1/messages')) return 'anthropic-messages';
  if (url.startsWith('/v1/responses') || url.startsWith('/responses')) return 'openai-responses';
  return 'openai-chat';
}

export async function createApp(ctx: GatewayContext): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps the instance type the default one routes expect.
    loggerInstance: ctx.logger as FastifyBaseLogger,
    // Per-request access logs would be synchronous work on the hot path; the request log covers it.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyChildLogger,
    schemaController: { compilersFactory: lazySchemaCompilers },
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => timeOrderedId(),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });

  // Callback style, not async: an async hook costs a promise and its resolution on every request.
  app.addHook('onRequest', (request, reply, done) => {
    // On the raw response so it survives `reply.hijack()` on streaming paths.
    reply.raw.setHeader('x-request-id', shownRequestIdOf(request, request.id));
    done();
  });
  // Both before any route: the table must see every route, the guard must cover every /api route.
  collectRouteTable(app);
  const adminGuard = registerAdminAccess(app, ctx);

  // Access (issue #5 part 2): IP lists for /v1 and /api, client API keys and rate limits for /v1.
  app.addHook('onRequest', ctx.access.onRequest);

  app.setErrorHandler((error, request, reply) => {
    const failure = toGatewayError(error);
    if (failure.code === 'internal_error') request.log.error({ err: error, requestId: request.id }, 'unhandled error');
    sendError(reply, failure, request.routeOptions.config?.clientFormat ?? formatOfPath(request.url));
  });

  app.setNotFoundHandler((request, reply) => {
    sendError(reply, new GatewayError('not_found', `Unknown route ${request.method} ${request.url.split('?')[0]}`, { status: 404 }), formatOfPath(request.url));
  });

  registerHomeRoute(app, ctx);
  registerHealthRoute(app, ctx);
  registerMetricsRoute(app, ctx);
  registerModelsRoute(app, ctx);
  registerGenerationRoutes(app, ctx);
  registerCountTokensRoute(app, ctx);
  // Codex opens /v1/responses as a WebSocket first; a clean 426 sends it to POST at once.
  refuseUpgrades(app.server, { formatOfPath, requestIdOf: (request) => shownRequestIdOf(request, timeOrderedId()) });
  await registerAdminRoutes(app, ctx, adminGuard);
  return app;
}
