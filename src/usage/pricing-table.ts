import type { ModelPrice, PricingEntry } from '../config/config-file-schema.js';
import type { PriceRepository } from '../store/repositories/price-repository.js';

export type PriceSource = 'catalog' | 'config' | 'admin';

export interface PricingRow {
  provider: string;
  model: string;
  price: ModelPrice;
  /** Where the price in force comes from: an admin edit beats the config file beats the catalogue. */
  source: PriceSource;
  /** What DELETE resets to (config or catalogue), absent when the model has no default. */
  defaultPrice?: ModelPrice;
}

/**
 * Prices per provider and model, in memory for the request path. Defaults come from the built-in
 * catalogue and the config file's `pricing:`; admin edits are stored and win. A model found in
 * none of them is unpriced: its cost is unknown, never $0.
 */
export interface PricingTable {
  priceOf(provider: string, model: string): ModelPrice | undefined;
  list(): PricingRow[];
  set(provider: string, model: string, price: ModelPrice): Promise<PricingRow>;
  /** Drops the admin edit; returns the price now in force, undefined when the model became unpriced. */
  reset(provider: string, model: string): Promise<{ removed: boolean; row: PricingRow | undefined }>;
}

const key = (provider: string, model: string) => `${provider}\u0000${model}`;

export async function createPricingTable(input: {
  catalog: ReadonlyArray<{ provider: string; model: string; price: ModelPrice }>;
  config: ReadonlyArray<PricingEntry>;
  repository: PriceRepository;
}): Promise<PricingTable> {
  const defaults = new Map<string, { provider: string; model: string; price: ModelPrice; source: PriceSource }>();
  for (const entry of input.catalog) defaults.set(key(entry.provider, entry.model), { ...entry, source: 'catalog' });
  for (const { provider, model, ...price } of input.config) defaults.set(key(provider, model), { provider, model, price, source: 'config' });
  const overrides = new Map<string, { provider: string; model: string; price: ModelPrice }>();
  for (const record of await input.repository.list()) overrides.set(key(record.provider, record.model), record);

  const rowOf = (provider: string, model: string): PricingRow | undefined => {
    const k = key(provider, model);
    const fallback = defaults.get(k);
    const override = overrides.get(k);
    if (override) return { provider, model, price: override.price, source: 'admin', ...(fallback ? { defaultPrice: fallback.price } : {}) };
    return fallback ? { provider, model, price: fallback.price, source: fallback.source, defaultPrice: fallback.price } : undefined;
  };

  return {
    priceOf(provider, model) {
      const k = key(provider, model);
      return overrides.get(k)?.price ?? defaults.get(k)?.price;
    },
    list() {
      const keys = new Set([...defaults.keys(), ...overrides.keys()]);
      const rows: PricingRow[] = [];
      for (const k of keys) {
        const [provider = '', model = ''] = k.split('\u0000');
        const row = rowOf(provider, model);
        if (row) rows.push(row);
      }
      return rows.sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
    },
    async set(provider, model, price) {
      const record = await input.repository.upsert(provider, model, price);
      overrides.set(key(provider, model), record);
      return rowOf(provider, model)!;
    },
    async reset(provider, model) {
      const removed = await input.repository.delete(provider, model);
      overrides.delete(key(provider, model));
      return { removed, row: rowOf(provider, model) };
    },
  };
}
