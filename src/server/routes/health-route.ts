import type { FastifyInstance } from 'fastify';
import type { GatewayContext } from '../gateway-context.js';

export function registerHealthRoute(app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/health', async (_request, reply) => {
    const status = ctx.lifecycle.shuttingDown ? 'shutting_down' : 'ok';
    if (ctx.lifecycle.shuttingDown) reply.code(503);
    return { status, version: ctx.version, uptimeSeconds: Math.round((Date.now() - ctx.startedAt) / 1000) };
  });
}
