import type { ModelInfo } from '../../providers/provider-definition.js';
import { isProviderUsable, listModels, type ListedModel } from '../../routing/list-models.js';
import { candidateCredentials } from '../../routing/select-credentials.js';
import type { GatewayContext } from '../gateway-context.js';
import { isGlob } from '../../routing/glob-pattern.js';

/** A model a client may call, with what its provider's catalogue says about it (limits, name). */
export interface ClientModel extends ListedModel {
  info?: ModelInfo;
}

/**
 * Every callable model, after asking providers that declare none (local runtimes, custom
 * endpoints) what they serve. The client-format shape functions render this list.
 */
export async function collectModels(ctx: GatewayContext): Promise<ClientModel[]> {
  const registry = ctx.registry();
  const toDiscover = registry.list().filter((p) => p.models.length === 0 && isProviderUsable(registry, p));
  await Promise.all(toDiscover.map((provider) => ctx.modelDiscovery.discover(provider, candidateCredentials(registry, provider)[0]!)));
  const providerModels = listModels(registry, ctx.modelDiscovery.snapshot()).map((listed): ClientModel => {
    const info = registry.get(listed.providerId)?.models.find((m) => m.id === listed.model);
    return info ? { ...listed, info } : listed;
  });
  return [...routingModels(ctx), ...providerModels];
}

/** Combos and exact aliases are callable names too (wildcard aliases cannot be listed). */
function routingModels(ctx: GatewayContext): ClientModel[] {
  const table = ctx.routing.table();
  const combos = table.combos().filter((combo) => combo.enabled).map((combo): ClientModel => ({ id: combo.name, providerId: 'combo', model: combo.name }));
  const aliases = table
    .aliases()
    .filter((alias) => !isGlob(alias.pattern))
    .map((alias): ClientModel => ({ id: alias.pattern, providerId: 'alias', model: alias.target }));
  return [...combos, ...aliases];
}
