import { GatewayError } from '../errors/gateway-error.js';
import type { UpstreamCredentials } from '../providers/provider-adapter.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';

const ANONYMOUS: UpstreamCredentials = {
  connectionId: undefined,
  connectionName: undefined,
  apiKey: undefined,
  baseUrl: undefined,
  headers: {},
  proxyUrl: undefined,
};

/**
 * The accounts to try for a provider, in order (fill-first by priority). A provider that needs no
 * key (local runtimes) works without any configured connection.
 */
export function candidateCredentials(registry: ProviderRegistry, provider: ProviderDefinition): UpstreamCredentials[] {
  const connections = registry.connectionsOf(provider.id);
  if (connections.length === 0) {
    if (provider.authType === 'none') return [ANONYMOUS];
    throw new GatewayError(
      'provider_not_configured',
      `No connection (API key or account) is configured for provider '${provider.id}'. Add one under "connections:" in the config file or with POST /api/connections.`,
      { status: 400, param: 'model', fallover: true, cooldownScope: 'provider' },
    );
  }
  return connections.map((connection) => ({
    connectionId: connection.id,
    connectionName: connection.name,
    apiKey: connection.apiKey,
    baseUrl: connection.baseUrl,
    headers: connection.headers,
    proxyUrl: connection.proxyUrl,
  }));
}
