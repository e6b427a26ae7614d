import type { ConnectionInput as ConnectionRecordInput } from '../store/repositories/connection-repository.js';
import type { ProviderInput as ProviderRecordInput } from '../store/repositories/provider-repository.js';
import type { ConnectionInput, ProviderInput } from './config-file-schema.js';

/** Config-file/admin input → repository input; the defaults live here, once. */
export function toProviderRecordInput(input: ProviderInput, source: 'config' | 'admin'): ProviderRecordInput {
  const authType = input.authType ?? (input.local ? 'none' : 'apikey');
  return {
    id: input.id,
    prefix: input.prefix ?? input.id,
    name: input.name ?? input.id,
    format: input.format,
    baseUrl: input.baseUrl.replace(/\/+$/, ''),
    authType,
    authHeader: authType === 'none' ? 'none' : (input.authHeader ?? (input.format === 'anthropic-messages' ? 'x-api-key' : input.format === 'gemini' ? 'x-goog-api-key' : 'bearer')),
    headers: input.headers ?? {},
    models: input.models ?? [],
    isLocal: input.local ?? false,
    source,
  };
}

/** Config-file/admin input → repository input for a connection of `providerId`. */
export function toConnectionRecordInput(input: ConnectionInput, providerId: string, source: 'config' | 'admin'): ConnectionRecordInput {
  return {
    providerId,
    name: input.name,
    ...(input.apiKey === undefined ? {} : { apiKey: input.apiKey }),
    priority: input.priority ?? 0,
    weight: input.weight ?? 1,
    costFactor: input.costFactor ?? 1,
    enabled: input.enabled ?? true,
    ...(input.baseUrl === undefined ? {} : { baseUrl: input.baseUrl }),
    headers: input.headers ?? {},
    ...(input.proxyUrl === undefined ? {} : { proxyUrl: input.proxyUrl }),
    ...(input.quota === undefined ? {} : { quota: input.quota }),
    source,
  };
}

