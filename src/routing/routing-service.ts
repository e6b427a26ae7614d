import type { ProviderRegistry } from '../providers/provider-registry.js';
import { createMemoryCooldownStore, type CooldownStore } from './cooldown-store.js';
import type { Random } from './ordering.js';
import { createRouter, type Router } from './router.js';
import { createRoutingCounters } from './routing-counters.js';
import type { RoutingSettingsInput } from '../config/config-file-schema.js';
import { resolveRoutingSettings, type RoutingSettings } from './routing-settings.js';
import { EMPTY_ROUTING_TABLE, type RoutingTable } from './routing-table.js';
import { createSessionAffinity, type SessionAffinity } from './session-affinity.js';

/** Routing as the rest of the gateway sees it: the router plus the state the admin API shows. */
export interface RoutingService {
  router: Router;
  cooldowns: CooldownStore;
  affinity: SessionAffinity;
  table(): RoutingTable;
  settings(): RoutingSettings;
  /** Blended list price (USD per million tokens) routing ranks targets by. */
  priceOf(providerId: string, model: string): number | undefined;
  /** Settings the config file fixes: the admin API cannot change them (the file wins at start). */
  fileOverrides(): string[];
  /** Swap in new combos/aliases (after a config import or an admin change). */
  setTable(table: RoutingTable): void;
  /** New settings stored through the admin API; the config file's `settings.routing` still wins. */
  setStoredSettings(stored: RoutingSettingsInput): void;
}

export function createRoutingService(input: {
  registry(): ProviderRegistry;
  fileSettings: RoutingSettingsInput | undefined;
  storedSettings: RoutingSettingsInput | undefined;
  table?: RoutingTable;
  clock?: () => number;
  random?: Random;
  priceOf(providerId: string, model: string): number | undefined;
  exhaustedUntil?(connectionId: string, now: number): number | undefined;
}): RoutingService {
  let table = input.table ?? EMPTY_ROUTING_TABLE;
  let settings = resolveRoutingSettings(input.fileSettings, input.storedSettings);
  const cooldowns = createMemoryCooldownStore(() => settings.cooldown);
  const affinity = createSessionAffinity({ ttlMs: () => settings.affinityTtlMs });
  const router = createRouter({
    registry: input.registry,
    table: () => table,
    settings: () => settings,
    cooldowns,
    counters: createRoutingCounters(),
    affinity,
    clock: input.clock ?? Date.now,
    random: input.random ?? Math.random,
    priceOf: input.priceOf,
    ...(input.exhaustedUntil ? { exhaustedUntil: input.exhaustedUntil } : {}),
  });
  return {
    router,
    cooldowns,
    affinity,
    table: () => table,
    settings: () => settings,
    priceOf: input.priceOf,
    fileOverrides: () => Object.keys(input.fileSettings ?? {}).sort(),
    setTable(next) {
      table = next;
    },
    setStoredSettings(stored) {
      settings = resolveRoutingSettings(input.fileSettings, stored);
    },
  };
}
