import { GatewayError } from '../errors/gateway-error.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';

export interface ResolvedModel {
  provider: ProviderDefinition;
  /** The model id as the provider knows it. */
  model: string;
}

const HOW_TO_ADDRESS = 'Address a model as <provider>/<model>, e.g. groq/llama-3.3-70b-versatile; GET /v1/models lists what is available.';

/**
 * `prefix/model` → provider and upstream model id. Only the first slash splits: model ids may
 * contain slashes themselves (`together/meta-llama/Llama-3.3-70B-Instruct-Turbo`).
 */
export function resolveModel(registry: ProviderRegistry, requested: string): ResolvedModel {
  const slash = requested.indexOf('/');
  const prefix = slash > 0 ? requested.slice(0, slash) : '';
  const model = slash > 0 ? requested.slice(slash + 1) : '';
  const provider = prefix ? registry.findByPrefix(prefix) : undefined;
  if (!provider || !model) {
    throw new GatewayError('model_not_found', `The model '${requested}' does not exist. ${HOW_TO_ADDRESS}`, { status: 404, param: 'model' });
  }
  if (!provider.format) {
    throw new GatewayError(
      'provider_unsupported',
      `Provider '${provider.id}' speaks the '${provider.nativeFormat}' protocol, which this version of OmniRoute cannot call yet.`,
      { status: 400, param: 'model' },
    );
  }
  return { provider, model };
}
