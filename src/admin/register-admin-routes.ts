import type { FastifyInstance } from 'fastify';
import { loopbackOnlyHook } from '../access/loopback-only-hook.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { registerConnectionRoutes } from './connection-routes.js';
import { registerProviderRoutes } from './provider-routes.js';
import { registerTranslatorRoutes } from './translator-routes.js';
import { registerUsageRoutes } from './usage-routes.js';

/** The JSON management API under /api, used by the dashboard and the CLI. */
export async function registerAdminRoutes(app: FastifyInstance, ctx: GatewayContext): Promise<void> {
  await app.register(async (admin) => {
    admin.addHook('onRequest', loopbackOnlyHook);
    registerProviderRoutes(admin, ctx);
    registerConnectionRoutes(admin, ctx);
    registerTranslatorRoutes(admin, ctx);
    registerUsageRoutes(admin, ctx);
  });
}
