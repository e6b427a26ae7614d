import { beforeAll, beforeEach, expect, it } from 'vitest';
import { StoreConflictError, StoreError } from '../store-error.js';
import { describeEachDatabase } from '../test-support/describe-each-database.js';
import { createApiKeyRepository, type ApiKeyInput, type ApiKeyRepository } from './api-key-repository.js';

const input: ApiKeyInput = {
  name: 'ci',
  keyHash: 'a'.repeat(64),
  keyPrefix: 'omr_AbCd',
  models: ['openai/*', 'claude-*'],
  admin: true,
  rpm: 60,
  budget: { daily: 5, monthly: 50.5, policy: 'downgrade' },
  expiresAt: 9_000_000,
  source: 'config',
};

describeEachDatabase('api key repository', ['api_keys'], (db) => {
  let clock = 1_000;
  let keys: ApiKeyRepository;

  beforeAll(() => {
    keys = createApiKeyRepository(db.database, { now: () => clock });
  });
  beforeEach(() => {
    clock = 1_000;
  });

  it('creates and reads back every field, booleans and JSON included', async () => {
    const created = await keys.create(input);
    expect(created).toEqual({ ...input, id: expect.stringMatching(/^key_/), createdAt: 1_000, updatedAt: 1_000 });
    expect(await keys.get(created.id)).toEqual(created);
    expect(await keys.list()).toEqual([created]);
  });

  it('applies defaults and leaves optional fields out', async () => {
    const created = await keys.create({ name: 'plain', keyHash: 'b'.repeat(64), keyPrefix: 'omr_x' });
    expect(created).toEqual({ id: created.id, name: 'plain', keyHash: 'b'.repeat(64), keyPrefix: 'omr_x', models: [], admin: false, source: 'admin', createdAt: 1_000, updatedAt: 1_000 });
  });

  it('refuses a duplicate name or a duplicate secret', async () => {
    await keys.create(input);
    await expect(keys.create({ ...input, keyHash: 'c'.repeat(64) })).rejects.toBeInstanceOf(StoreConflictError);
    await expect(keys.create({ ...input, name: 'other' })).rejects.toBeInstanceOf(StoreConflictError);
  });

  it('upsert by name is idempotent, keeps id, createdAt and revocation', async () => {
    const first = await keys.upsert(input);
    await keys.update(first.id, { revokedAt: 1_500 });
    clock = 2_000;
    const again = await keys.upsert({ ...input, rpm: 10, admin: false });
    expect(again).toMatchObject({ id: first.id, createdAt: 1_000, updatedAt: 2_000, rpm: 10, admin: false, revokedAt: 1_500 });
    expect(await keys.list()).toHaveLength(1);
  });

  it('patches fields, clears with null, rotates the hash in place', async () => {
    const created = await keys.create(input);
    clock = 3_000;
    const patched = await keys.update(created.id, { rpm: null, budget: null, expiresAt: null, keyHash: 'd'.repeat(64), keyPrefix: 'omr_new', models: [] });
    expect(patched).toEqual({ id: created.id, name: 'ci', keyHash: 'd'.repeat(64), keyPrefix: 'omr_new', models: [], admin: true, source: 'config', createdAt: 1_000, updatedAt: 3_000 });
    expect(await keys.update('key_missing', { rpm: 1 })).toBeUndefined();
    expect(await keys.delete(created.id)).toBe(true);
    expect(await keys.delete(created.id)).toBe(false);
  });

  it('fails loudly on a hand-edited budget column', async () => {
    const created = await keys.create(input);
    await db.database.db.updateTable('api_keys').set({ budget_json: '{"daily":"lots"}' }).where('id', '=', created.id).execute();
    await expect(keys.get(created.id)).rejects.toBeInstanceOf(StoreError);
  });
});
