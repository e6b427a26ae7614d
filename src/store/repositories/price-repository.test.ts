import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseKind } from '../database.js';
import { openTestDatabase, type TestDatabase } from '../test-databases.js';
import { createPriceRepository, type PriceRepository } from './price-repository.js';

const KINDS: DatabaseKind[] = ['sqlite', 'postgres'];

describe.each(KINDS)('price repository (%s)', (kind) => {
  let test: TestDatabase;
  let prices: PriceRepository;
  let clock = 1_000;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    prices = createPriceRepository(test.database, { now: () => clock });
  });
  afterAll(async () => {
    await test?.cleanup();
  });
  beforeEach(async () => {
    clock = 1_000;
    await test.database.db.deleteFrom('model_prices').execute();
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
