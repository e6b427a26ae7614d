import type { ConnectionRecord } from '../store/repositories/connection-repository.js';
import type { ProviderRecord } from '../store/repositories/provider-repository.js';
import type { AuthHeader, ProviderDefinition } from './provider-definition.js';
import { isWireFormat } from '../translate/wire-format.js';

/**
 * An immutable snapshot of every provider and connection, rebuilt from the store whenever the
 * admin API or the config import changes them. The hot path only reads maps; it never queries the
 * database or decrypts a key.
 */
export interface ProviderRegistry {
  list(): ProviderDefinition[];
  get(id: string): ProviderDefinition | undefined;
  /** By prefix, catalogue id or alias; case-insensitive. */
  findByPrefix(prefix: string): ProviderDefinition | undefined;
  /** Enabled connections of a provider, lowest priority value first. */
  connectionsOf(providerId: string): ConnectionRecord[];
  allConnections(): ConnectionRecord[];
}

export function customProviderDefinition(record: ProviderRecord): ProviderDefinition {
  const authHeader: AuthHeader = record.authType === 'none' ? 'none' : record.authHeader;
  return {
    id: record.id,
    prefix: record.prefix,
    aliases: record.prefix === record.id ? [] : [record.id],
    name: record.name,
    format: isWireFormat(record.format) ? record.format : undefined,
    nativeFormat: record.format,
    baseUrl: record.baseUrl.replace(/\/+$/, ''),
    authType: record.authType,
    authHeader,
    headers: record.headers,
    models: record.models.map((id) => ({ id })),
    isLocal: record.isLocal,
    tier: record.isLocal ? 'local' : 'custom',
    builtin: false,
  };
}

export function createProviderRegistry(input: {
  catalog: ProviderDefinition[];
  customProviders: ProviderRecord[];
  connections: ConnectionRecord[];
}): ProviderRegistry {
  const byId = new Map<string, ProviderDefinition>();
  for (const provider of input.catalog) byId.set(provider.id, provider);
  // A custom provider with a catalogue id replaces the built-in entry (e.g. a self-hosted mirror).
  for (const record of input.customProviders) byId.set(record.id, customProviderDefinition(record));

  const byPrefix = new Map<string, ProviderDefinition>();
  // Custom providers are indexed last so their prefixes win over catalogue aliases.
  const ordered = [...byId.values()].sort((a, b) => Number(!a.builtin) - Number(!b.builtin));
  for (const provider of ordered) {
    for (const key of [provider.prefix, provider.id, ...provider.aliases]) byPrefix.set(key.toLowerCase(), provider);
  }

  const connectionsByProvider = new Map<string, ConnectionRecord[]>();
  for (const connection of input.connections) {
    const provider = byId.get(connection.providerId) ?? byPrefix.get(connection.providerId.toLowerCase());
    const key = provider?.id ?? connection.providerId;
    const list = connectionsByProvider.get(key) ?? [];
    list.push(connection);
    connectionsByProvider.set(key, list);
  }
  for (const list of connectionsByProvider.values()) list.sort((a, b) => a.priority - b.priority || a.createdAt - b.createdAt);

  const providers = [...byId.values()];
  return {
    list: () => providers,
    get: (id) => byId.get(id),
    findByPrefix: (prefix) => byPrefix.get(prefix.toLowerCase()),
    connectionsOf: (providerId) => (connectionsByProvider.get(providerId) ?? []).filter((c) => c.enabled),
    allConnections: () => input.connections,
  };
}
