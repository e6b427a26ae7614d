import { GatewayError } from '../errors/gateway-error.js';
import type { UpstreamCredentials } from '../providers/provider-adapter.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { ConnectionRecord } from '../store/repositories/connection-repository.js';

/** For providers that need no key (local runtimes) and have no connection configured. */
export const ANONYMOUS_CREDENTIALS: UpstreamCredentials = {
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
    if (provider.authType === 'none') return [ANONYMOUS_CREDENTIALS];
    throw providerNotConfigured(provider.id);
  }
  return connections.map(credentialsOf);
}

export function credentialsOf(connection: ConnectionRecord): UpstreamCredentials {
  return {
    connectionId: connection.id,
    connectionName: connection.name,
    apiKey: connection.apiKey,
    baseUrl: connection.baseUrl,
    headers: connection.headers,
    proxyUrl: connection.proxyUrl,
  };
}

export function providerNotConfigured(providerId: string): GatewayError {
  return new GatewayError(
    'provider_not_configured',
    `No connection (API key or account) is configured for provider '${providerId}'. Add one under "connections:" in the config file or with POST /api/connections.`,
    { status: 400, param: 'model', fallover: true, cooldownScope: 'none' },
  );
}
