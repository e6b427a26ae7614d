import type { FastifyInstance } from 'fastify';
import type { AdminGuard } from '../access/admin-guard.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { registerAliasRoutes } from './alias-routes.js';
import { registerComboRoutes } from './combo-routes.js';
import { registerApiKeyRoutes } from './api-key-routes.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerConnectionRoutes } from './connection-routes.js';
import { registerRoutingRoutes } from './routing-routes.js';
import { registerAnalyticsRoutes } from './analytics-routes.js';
import { registerConsoleLogRoutes } from './console-log-routes.js';
import { registerAdminHealthRoutes } from './health-routes.js';
import { registerProviderRoutes } from './provider-routes.js';
import { registerRequestLogRoutes } from './request-log-routes.js';
import { registerTranslatorRoutes } from './translator-routes.js';
import { registerUsageRoutes } from './usage-routes.js';

/**
 * The JSON management API under /api, used by the dashboard and the CLI. Access control is not
 * here: the root-level guard (access/register-admin-access.ts) covers every /api route.
 */
export async function registerAdminRoutes(app: FastifyInstance, ctx: GatewayContext, guard: AdminGuard): Promise<void> {
  await app.register(async (admin) => {
    registerAuthRoutes(admin, ctx, guard);
    registerAuditRoutes(admin, ctx);
    registerProviderRoutes(admin, ctx);
    registerConnectionRoutes(admin, ctx);
    registerComboRoutes(admin, ctx);
    registerAliasRoutes(admin, ctx);
    registerRoutingRoutes(admin, ctx);
    registerTranslatorRoutes(admin, ctx);
    registerRequestLogRoutes(admin, ctx);
    registerAnalyticsRoutes(admin, ctx);
    registerAdminHealthRoutes(admin, ctx);
    registerConsoleLogRoutes(admin, ctx);
    registerApiKeyRoutes(admin, ctx);
    registerUsageRoutes(admin, ctx);
  });
}
