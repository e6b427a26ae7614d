import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';

export interface ListedModel {
  /** What a client puts in `model`: `<prefix>/<model>`. */
  id: string;
  providerId: string;
  model: string;
}

/** A provider is offered to clients once it can be called: it has a connection, or needs none and was configured. */
export function isProviderUsable(registry: ProviderRegistry, provider: ProviderDefinition): boolean {
  if (!provider.format) return false;
  if (registry.connectionsOf(provider.id).length > 0) return true;
  return provider.authType === 'none' && !provider.builtin;
}

/**
 * Models of every usable provider, from the catalogue or the provider's config. `discovered`
 * holds model ids fetched from providers that declare none (local runtimes, custom endpoints).
 */
export function listModels(registry: ProviderRegistry, discovered: ReadonlyMap<string, string[]>): ListedModel[] {
  const out: ListedModel[] = [];
  for (const provider of registry.list()) {
    if (!isProviderUsable(registry, provider)) continue;
    const ids = provider.models.length > 0 ? provider.models.map((m) => m.id) : (discovered.get(provider.id) ?? []);
    for (const model of ids) out.push({ id: `${provider.prefix}/${model}`, providerId: provider.id, model });
  }
  return out;
}
