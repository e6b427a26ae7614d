import type { FastifyInstance } from 'fastify';
import type { GatewayContext } from '../gateway-context.js';

const GENERATION_PATH = /^\/(v1|v1beta)\//;

/**
 * Prometheus scrape endpoint, outside /api so a scraper needs no dashboard session. Registered
 * only when `settings.metrics.enabled` (default: only on a loopback bind); on a public bind,
 * firewall it or put it behind a proxy that requires a key, since it shows traffic by model.
 */
export function registerMetricsRoute(app: FastifyInstance, ctx: GatewayContext): void {
  const metrics = ctx.observability.metrics;
  if (!metrics) return;

  // The one live number a row cannot give: requests still being served.
  app.addHook('onRequest', async (request, reply) => {
    if (!GENERATION_PATH.test(request.url)) return;
    metrics.inFlight.inc();
    reply.raw.once('close', () => metrics.inFlight.dec());
  });

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.contentType).header('cache-control', 'no-store');
    return metrics.render();
  });
}
