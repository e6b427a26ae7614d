import { beforeAll, beforeEach, expect, it } from 'vitest';
import { StoreConflictError } from '../store-error.js';
import { describeEachDatabase } from '../test-support/describe-each-database.js';
import { createProviderRepository, type ProviderInput, type ProviderRepository } from './provider-repository.js';

const input: ProviderInput = {
  id: 'my-vllm',
  prefix: 'vllm',
  name: 'My vLLM',
  format: 'openai-chat',
  baseUrl: 'http://127.0.0.1:8000/v1',
  authType: 'none',
  authHeader: 'none',
  headers: { 'x-team': 'core' },
  models: ['qwen3-coder', 'llama-4'],
  isLocal: true,
  source: 'config',
};

describeEachDatabase('provider repository', ['providers'], (db) => {
  let clock = 1_000;
  let providers: ProviderRepository;

  beforeAll(() => {
    providers = createProviderRepository(db.database, { now: () => clock });
  });
  beforeEach(() => {
    clock = 1_000;
  });

  it('inserts with upsert and reads back the same values, booleans and JSON included', async () => {
    const created = await providers.upsert(input);
    const expected = { ...input, createdAt: 1_000, updatedAt: 1_000 };
    expect(created).toEqual(expected);
    expect(await providers.get('my-vllm')).toEqual(expected);
    expect(await providers.list()).toEqual([expected]);
  });

  it('applies defaults for omitted fields', async () => {
    const created = await providers.upsert({ id: 'x', prefix: 'x', name: 'X', format: 'anthropic-messages', baseUrl: 'https://x.test' });
    expect(created).toMatchObject({ authType: 'apikey', authHeader: 'bearer', headers: {}, models: [], isLocal: false, source: 'admin' });
  });

  it('upsert is idempotent, replaces fields and keeps createdAt', async () => {
    await providers.upsert(input);
    clock = 2_000;
    await providers.upsert(input);
    clock = 3_000;
    const replaced = await providers.upsert({ ...input, name: 'Renamed', isLocal: false, models: [] });
    expect(await providers.list()).toHaveLength(1);
    expect(replaced).toMatchObject({ name: 'Renamed', isLocal: false, models: [], createdAt: 1_000, updatedAt: 3_000 });
  });

  it('update patches only the given fields and returns undefined for an unknown id', async () => {
    await providers.upsert(input);
    clock = 5_000;
    const updated = await providers.update('my-vllm', { baseUrl: 'http://127.0.0.1:9000/v1', isLocal: false });
    expect(updated).toEqual({ ...input, baseUrl: 'http://127.0.0.1:9000/v1', isLocal: false, createdAt: 1_000, updatedAt: 5_000 });
    expect(await providers.update('missing', { name: 'n' })).toBeUndefined();
  });

  it('rejects a second provider with the same prefix as a conflict', async () => {
    await providers.upsert(input);
    await expect(providers.upsert({ ...input, id: 'other' })).rejects.toBeInstanceOf(StoreConflictError);
    await providers.upsert({ ...input, id: 'other', prefix: 'other' });
    await expect(providers.update('other', { prefix: 'vllm' })).rejects.toBeInstanceOf(StoreConflictError);
  });

  it('deletes and reports whether anything was deleted', async () => {
    await providers.upsert(input);
    expect(await providers.delete('my-vllm')).toBe(true);
    expect(await providers.delete('my-vllm')).toBe(false);
    expect(await providers.get('my-vllm')).toBeUndefined();
  });

  it('lists in id order', async () => {
    await providers.upsert({ ...input, id: 'b', prefix: 'b' });
    await providers.upsert({ ...input, id: 'a', prefix: 'a' });
    expect((await providers.list()).map((provider) => provider.id)).toEqual(['a', 'b']);
  });
});
