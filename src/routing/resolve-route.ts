import { GatewayError } from '../errors/gateway-error.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { ComboDefinition, RoutingTable } from './routing-table.js';

/** What a model string names: one provider model, or a combo to expand. */
export type RouteNode = { kind: 'model'; provider: ProviderDefinition; model: string } | { kind: 'combo'; combo: ComboDefinition };

/** Aliases may point at aliases; a chain this long is a loop. */
const MAX_ALIAS_HOPS = 8;

export const HOW_TO_ADDRESS =
  'Address a model as <provider>/<model> (e.g. groq/llama-3.3-70b-versatile), a combo name, or an alias; GET /v1/models lists what is available.';

const COMBO_PREFIX = 'combo/';

function notFound(requested: string, detail = ''): GatewayError {
  return new GatewayError('model_not_found', `The model '${requested}' does not exist.${detail} ${HOW_TO_ADDRESS}`, { status: 404, param: 'model' });
}

function providerModel(registry: ProviderRegistry, name: string): RouteNode | undefined {
  const slash = name.indexOf('/');
  if (slash <= 0 || slash === name.length - 1) return undefined;
  // Only the first slash splits: model ids contain slashes (`together/meta-llama/Llama-3.3-70B`).
  const provider = registry.findByPrefix(name.slice(0, slash));
  if (!provider) return undefined;
  if (!provider.format) {
    throw new GatewayError(
      'provider_unsupported',
      `Provider '${provider.id}' speaks the '${provider.nativeFormat}' protocol, which this version of OmniRoute cannot call yet.`,
      { status: 400, param: 'model' },
    );
  }
  return { kind: 'model', provider, model: name.slice(slash + 1) };
}

/**
 * A model string → what serves it, in the documented order (docs/routing.md):
 * 1. combo name (exact, or `combo/<name>`); 2. exact alias; 3. wildcard alias;
 * 4. `<prefix>/<model>` of a catalogue or custom provider; 5. `provider/*` routes; else 404.
 */
export function resolveRoute(registry: ProviderRegistry, table: RoutingTable, requested: string): RouteNode {
  let name = requested;
  for (let hop = 0; hop <= MAX_ALIAS_HOPS; hop += 1) {
    const combo = table.combo(name) ?? (name.startsWith(COMBO_PREFIX) ? table.combo(name.slice(COMBO_PREFIX.length)) : undefined);
    if (combo) {
      if (!combo.enabled) throw notFound(requested, ` Combo '${combo.name}' is disabled.`);
      return { kind: 'combo', combo };
    }
    const aliased = table.exactAlias(name) ?? table.wildcardAlias(name);
    if (aliased !== undefined && aliased !== name) {
      name = aliased;
      continue;
    }
    const direct = providerModel(registry, name);
    if (direct) return direct;
    const routed = table.providerRoute(name);
    if (routed !== undefined && routed !== name) {
      name = routed;
      continue;
    }
    throw notFound(requested, name === requested ? '' : ` It is an alias of '${name}', which does not exist.`);
  }
  throw notFound(requested, ` Its aliases form a chain longer than ${MAX_ALIAS_HOPS} (a loop?).`);
}
