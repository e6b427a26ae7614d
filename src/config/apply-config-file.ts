import { displayPrefixOf, hashApiKey } from '../access/api-key-secret.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import { checkCombos } from '../routing/check-combos.js';
import { routingTableOf, toAliasRecordInput, toComboRecordInput } from '../routing/routing-records.js';
import type { AliasRepository } from '../store/repositories/alias-repository.js';
import type { ComboRepository } from '../store/repositories/combo-repository.js';
import type { ApiKeyRepository } from '../store/repositories/api-key-repository.js';
import type { ConnectionRepository } from '../store/repositories/connection-repository.js';
import type { ProviderRepository } from '../store/repositories/provider-repository.js';
import type { ConfigFile } from './config-file-schema.js';
import { ConfigFileError } from './load-config-file.js';
import { toConnectionRecordInput, toProviderRecordInput } from './record-inputs.js';

export interface ApplyConfigResult {
  providers: number;
  connections: number;
  combos: number;
  aliases: number;
  apiKeys: number;
  removed: number;
}

/**
 * Makes the store match the config file, idempotently: objects from the file are upserted by
 * their natural keys (provider id; provider + connection name), and objects an earlier version of
 * the file created but this one no longer lists are removed. Objects created through the admin
 * API are never touched.
 */
export async function applyConfigFile(input: {
  config: ConfigFile;
  file: string;
  store: { providers: ProviderRepository; connections: ConnectionRepository; combos: ComboRepository; aliases: AliasRepository; apiKeys?: ApiKeyRepository };
  /** Registry over the catalogue plus the custom providers just written (for name lookups). */
  buildRegistry(): Promise<ProviderRegistry>;
  /** The SSRF check for custom base URLs: a problem description, or undefined when allowed. */
  checkUrl?(url: string, local: boolean): Promise<string | undefined>;
}): Promise<ApplyConfigResult> {
  const { config, store } = input;
  if (input.checkUrl) {
    const urlProblems: string[] = [];
    const localProviders = new Set((config.providers ?? []).filter((p) => p.local).map((p) => p.id));
    for (const [i, provider] of (config.providers ?? []).entries()) {
      const problem = await input.checkUrl(provider.baseUrl, provider.local ?? false);
      if (problem) urlProblems.push(`providers[${i}].baseUrl: ${problem}`);
    }
    for (const [i, connection] of (config.connections ?? []).entries()) {
      if (!connection.baseUrl) continue;
      const problem = await input.checkUrl(connection.baseUrl, localProviders.has(connection.provider));
      if (problem) urlProblems.push(`connections[${i}].baseUrl: ${problem}`);
    }
    if (urlProblems.length > 0) throw new ConfigFileError(input.file, urlProblems);
  }
  const providerIds = new Set<string>();
  for (const provider of config.providers ?? []) {
    await store.providers.upsert(toProviderRecordInput(provider, 'config'));
    providerIds.add(provider.id);
  }

  const registry = await input.buildRegistry();
  const problems: string[] = [];
  const connectionKeys = new Set<string>();
  const resolved = (config.connections ?? []).flatMap((connection, i) => {
    const provider = registry.findByPrefix(connection.provider);
    if (!provider) {
      problems.push(`connections[${i}].provider: unknown provider "${connection.provider}" (not in the catalogue nor under providers:)`);
      return [];
    }
    return [{ connection, providerId: provider.id }];
  });
  if (problems.length > 0) throw new ConfigFileError(input.file, problems);
  for (const { connection, providerId } of resolved) {
    await store.connections.upsert(toConnectionRecordInput(connection, providerId, 'config'));
    connectionKeys.add(`${providerId}\u0000${connection.name}`);
  }

  // Combos and aliases are checked as a whole graph (with what the admin API added) before any is written.
  const comboInputs = (config.combos ?? []).map((combo) => toComboRecordInput(combo, 'config'));
  const aliasInputs = (config.aliases ?? []).map((alias, position) => toAliasRecordInput(alias, position, 'config'));
  const comboNames = new Set(comboInputs.map((c) => c.name));
  const aliasPatterns = new Set(aliasInputs.map((a) => a.pattern));
  const keptCombos = (await store.combos.list()).filter((c) => c.source === 'admin' && !comboNames.has(c.name));
  const keptAliases = (await store.aliases.list()).filter((a) => a.source === 'admin' && !aliasPatterns.has(a.pattern));
  const graphProblems = checkCombos(registry, routingTableOf([...comboInputs, ...keptCombos], [...aliasInputs, ...keptAliases]));
  if (graphProblems.length > 0) throw new ConfigFileError(input.file, graphProblems.map((problem) => `combos: ${problem}`));
  for (const combo of comboInputs) await store.combos.upsert(combo);
  for (const alias of aliasInputs) await store.aliases.upsert(alias);

  // Client API keys: hashed here, so the plaintext from the file (or its ${ENV}) is never stored.
  const keyNames = new Set<string>();
  if (store.apiKeys) {
    for (const key of config.apiKeys ?? []) {
      await store.apiKeys.upsert({
        name: key.name,
        keyHash: hashApiKey(key.key),
        keyPrefix: displayPrefixOf(key.key),
        models: key.models ?? [],
        admin: key.admin ?? false,
        ...(key.rpm === undefined ? {} : { rpm: key.rpm }),
        ...(key.budget === undefined ? {} : { budget: key.budget }),
        ...(key.expiresAt === undefined ? {} : { expiresAt: typeof key.expiresAt === 'number' ? key.expiresAt : Date.parse(key.expiresAt) }),
        source: 'config',
      });
      keyNames.add(key.name);
    }
  }

  let removed = 0;
  for (const combo of await store.combos.list()) {
    if (combo.source === 'config' && !comboNames.has(combo.name) && (await store.combos.delete(combo.name))) removed += 1;
  }
  for (const alias of await store.aliases.list()) {
    if (alias.source === 'config' && !aliasPatterns.has(alias.pattern) && (await store.aliases.delete(alias.pattern))) removed += 1;
  }
  for (const key of store.apiKeys ? await store.apiKeys.list() : []) {
    if (key.source === 'config' && !keyNames.has(key.name)) {
      if (await store.apiKeys?.delete(key.id)) removed += 1;
    }
  }
  for (const connection of await store.connections.list()) {
    if (connection.source === 'config' && !connectionKeys.has(`${connection.providerId}\u0000${connection.name}`)) {
      if (await store.connections.delete(connection.id)) removed += 1;
    }
  }
  for (const provider of await store.providers.list()) {
    if (provider.source === 'config' && !providerIds.has(provider.id)) {
      if (await store.providers.delete(provider.id)) removed += 1;
    }
  }
  return { providers: providerIds.size, connections: connectionKeys.size, combos: comboNames.size, aliases: aliasPatterns.size, apiKeys: keyNames.size, removed };
}
