import type { FastifyInstance } from 'fastify';
import { isProviderUsable, listModels } from '../../routing/list-models.js';
import { candidateCredentials } from '../../routing/select-credentials.js';
import type { GatewayContext } from '../gateway-context.js';

export function registerModelsRoute(app: FastifyInstance, ctx: GatewayContext): void {
  const handler = async () => {
    const registry = ctx.registry();
    const toDiscover = registry.list().filter((p) => p.models.length === 0 && isProviderUsable(registry, p));
    await Promise.all(toDiscover.map((provider) => ctx.modelDiscovery.discover(provider, candidateCredentials(registry, provider)[0]!)));
    const created = Math.floor(ctx.startedAt / 1000);
    return {
      object: 'list',
      data: listModels(registry, ctx.modelDiscovery.snapshot()).map((m) => ({ id: m.id, object: 'model', created, owned_by: m.providerId })),
    };
  };
  app.get('/v1/models', handler);
  app.get('/models', handler);
}
