import type { FastifyInstance } from 'fastify';
import type { GatewayContext } from '../gateway-context.js';

/**
 * Prometheus scrape endpoint, outside /api so a scraper needs no dashboard session. Registered
 * only when `settings.metrics.enabled` (default: only on a loopback bind); on a public bind,
 * firewall it or put it behind a proxy that requires a key, since it shows traffic by model.
 */
export function registerMetricsRoute(app: FastifyInstance, ctx: GatewayContext): void {
  const metrics = ctx.observability.metrics;
  if (!metrics) return;

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.contentType).header('cache-control', 'no-store');
    return metrics.render();
  });
}
