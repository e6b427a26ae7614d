import type { FastifyInstance } from 'fastify';
import type { GatewayContext } from '../server/gateway-context.js';

/** The detailed health view for the dashboard; the public `GET /health` stays minimal. */
export function registerAdminHealthRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/api/health', async () => {
    const now = Date.now();
    const memory = process.memoryUsage();
    const cooldowns = ctx.observability
      .cooldowns()
      .filter((c) => c.until > now)
      .map((c) => ({ ...c, remainingMs: c.until - now }));
    // A provider-wide cooldown is the provider's circuit breaker being open.
    const breakers = cooldowns.filter((c) => c.scope === 'provider').map((c) => ({ provider: c.provider, state: 'open' as const, until: c.until, reason: c.reason }));
    return {
      status: ctx.lifecycle.shuttingDown ? 'shutting_down' : 'ok',
      version: ctx.version,
      startedAt: ctx.startedAt,
      uptimeSeconds: Math.round((now - ctx.startedAt) / 1000),
      node: process.version,
      memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, heapTotalBytes: memory.heapTotal, externalBytes: memory.external },
      dataDir: ctx.options.dataDir,
      database: { kind: ctx.observability.databaseKind },
      requestLog: { pending: ctx.requestLog.pending() },
      breakers,
      cooldowns,
      cache: ctx.observability.cacheStats(),
      latency: ctx.observability.latency.snapshot(),
      features: { metrics: ctx.observability.metrics !== undefined, tracing: ctx.observability.tracing, bodyCapture: ctx.observability.capture !== undefined },
    };
  });
}
