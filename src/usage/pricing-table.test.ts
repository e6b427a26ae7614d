import { describe, expect, it } from 'vitest';
import type { ModelPrice } from '../config/config-file-schema.js';
import type { PriceRecord, PriceRepository } from '../store/repositories/price-repository.js';
import { loadCatalogPrices } from './catalog-prices.js';
import { createPricingTable } from './pricing-table.js';

function memoryRepository(initial: PriceRecord[] = []): PriceRepository {
  const rows = new Map(initial.map((row) => [`${row.provider}/${row.model}`, row]));
  return {
    list: () => Promise.resolve([...rows.values()]),
    upsert: (provider: string, model: string, price: ModelPrice) => {
      const row = { provider, model, price, updatedAt: 1 };
      rows.set(`${provider}/${model}`, row);
      return Promise.resolve(row);
    },
    delete: (provider: string, model: string) => Promise.resolve(rows.delete(`${provider}/${model}`)),
  };
}

const catalog = [{ provider: 'openai', model: 'gpt-5', price: { input: 1.25, output: 10, cachedInput: 0.125 } }];

describe('pricing table', () => {
  it('an admin edit beats the config file, which beats the catalogue; reset goes back one step', async () => {
    const repository = memoryRepository([{ provider: 'openai', model: 'gpt-5', price: { input: 9, output: 9 }, updatedAt: 1 }]);
    const table = await createPricingTable({ catalog, config: [{ provider: 'openai', model: 'gpt-5', input: 2, output: 20 }], repository });
    expect(table.priceOf('openai', 'gpt-5')).toEqual({ input: 9, output: 9 });
    expect(table.list()).toEqual([{ provider: 'openai', model: 'gpt-5', price: { input: 9, output: 9 }, source: 'admin', defaultPrice: { input: 2, output: 20 } }]);
    const reset = await table.reset('openai', 'gpt-5');
    expect(reset).toEqual({ removed: true, row: { provider: 'openai', model: 'gpt-5', price: { input: 2, output: 20 }, source: 'config', defaultPrice: { input: 2, output: 20 } } });
    expect(table.priceOf('openai', 'gpt-5')).toEqual({ input: 2, output: 20 });
  });

  it('a model in none of them is unpriced, and an admin price for it is removed by reset', async () => {
    const table = await createPricingTable({ catalog, config: [], repository: memoryRepository() });
    expect(table.priceOf('ollama', 'llama3')).toBeUndefined();
    expect(table.priceOf('openai', 'gpt-5-unknown')).toBeUndefined();
    await table.set('ollama', 'llama3', { input: 0, output: 0 });
    expect(table.priceOf('ollama', 'llama3')).toEqual({ input: 0, output: 0 });
    expect(await table.reset('ollama', 'llama3')).toEqual({ removed: true, row: undefined });
    expect(table.priceOf('ollama', 'llama3')).toBeUndefined();
  });

  it('reads the catalogue prices with their cached, cache-write and reasoning fields', () => {
    const prices = loadCatalogPrices();
    expect(prices.find((entry) => entry.provider === 'claude' && entry.model === 'claude-sonnet-4-6')?.price).toEqual({ input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75, reasoning: 15 });
    expect(prices.some((entry) => entry.provider === 'ollama')).toBe(false);
  });
});
