import { beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/describe-each-database.js';
import { createPriceRepository, type PriceRepository } from './price-repository.js';

describeEachDatabase('price repository', ['model_prices'], (db) => {
  let prices: PriceRepository;
  let clock = 1_000;

  beforeAll(() => {
    prices = createPriceRepository(db.database, { now: () => clock });
  });
  beforeEach(() => {
    clock = 1_000;
  });

  it('upserts by provider and model, keeping fractional prices and absent optional ones', async () => {
    await prices.upsert('openai', 'gpt-5', { input: 1.25, output: 10, cachedInput: 0.125 });
    clock = 2_000;
    const updated = await prices.upsert('openai', 'gpt-5', { input: 1.5, output: 12, reasoning: 12.5 });
    expect(updated).toEqual({ provider: 'openai', model: 'gpt-5', price: { input: 1.5, output: 12, reasoning: 12.5 }, updatedAt: 2_000 });
    await prices.upsert('groq', 'meta-llama/llama-4', { input: 0.11, output: 0.34, cachedInput: 0, cacheWrite: 0.2 });
    expect(await prices.list()).toEqual([
      { provider: 'groq', model: 'meta-llama/llama-4', price: { input: 0.11, output: 0.34, cachedInput: 0, cacheWrite: 0.2 }, updatedAt: 2_000 },
      updated,
    ]);
  });

  it('deletes and says whether anything was deleted', async () => {
    await prices.upsert('openai', 'gpt-5', { input: 1, output: 2 });
    expect(await prices.delete('openai', 'gpt-5')).toBe(true);
    expect(await prices.delete('openai', 'gpt-5')).toBe(false);
    expect(await prices.list()).toEqual([]);
  });
});
