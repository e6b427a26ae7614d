import type { FastifyInstance } from 'fastify';
import { routingSettingsSchema, type SettingsInput } from '../config/config-file-schema.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { STORED_SETTINGS_KEY } from '../store/repositories/settings-repository.js';
import { parseAdminBody } from './parse-admin-body.js';

/** Routing settings (account strategies, affinity, fallback chain, cooldown policy) and live cooldowns. */
export function registerRoutingRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  const view = () => ({ ...ctx.routing.settings(), overriddenByConfigFile: ctx.routing.fileOverrides() });

  app.get('/api/routing/settings', async () => view());

  // Stored settings apply at once; a config file's `settings.routing` still wins at the next start.
  app.put('/api/routing/settings', async (request) => {
    const routing = parseAdminBody(routingSettingsSchema, request.body);
    const stored = (await ctx.store.settings.get<SettingsInput>(STORED_SETTINGS_KEY)) ?? {};
    await ctx.store.settings.set(STORED_SETTINGS_KEY, { ...stored, routing });
    ctx.routing.setStoredSettings(routing);
    return view();
  });

  app.get('/api/routing/cooldowns', async () => ({ data: ctx.routing.cooldowns.list(Date.now()) }));

  app.delete('/api/routing/cooldowns', async (_request, reply) => {
    ctx.routing.cooldowns.clear();
    reply.code(204);
  });
}
