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

/**
 * Drops accounts whose plan quota is used up (usage/quota-tracker) until their window resets.
 * When every account is exhausted the request fails over like a rate limit, saying when the
 * first one frees up. (The lead's account selection is expected to absorb this.)
 */
export function skipExhaustedConnections(
  candidates: UpstreamCredentials[],
  exhaustedUntil: (connectionId: string, now: number) => number | undefined,
  providerId: string,
  now: number = Date.now(),
): UpstreamCredentials[] {
  if (candidates.length === 1 && candidates[0]?.connectionId === undefined) return candidates;
  let soonest: number | undefined;
  const usable = candidates.filter((candidate) => {
    if (candidate.connectionId === undefined) return true;
    const until = exhaustedUntil(candidate.connectionId, now);
    if (until === undefined) return true;
    soonest = soonest === undefined ? until : Math.min(soonest, until);
    return false;
  });
  if (usable.length > 0 || soonest === undefined) return usable;
  throw new GatewayError('upstream_rate_limited', `Every connection of provider '${providerId}' has used up its plan quota; the first resets at ${new Date(soonest).toISOString()}.`, {
    status: 429,
    type: 'rate_limit_error',
    fallover: true,
    retryAfterMs: Math.max(0, soonest - now),
  });
}
