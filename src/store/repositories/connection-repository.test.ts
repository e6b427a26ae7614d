import { randomBytes } from 'node:crypto';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { createSecretBox } from '../secret-box.js';
import { StoreConflictError, StoreError } from '../store-error.js';
import { describeEachDatabase } from '../test-support/describe-each-database.js';
import { createConnectionRepository, type ConnectionRepository } from './connection-repository.js';

const API_KEY = 'sk-ant-api03-PLAINTEXT-MUST-NOT-BE-STORED';

describeEachDatabase('connection repository', ['connections'], (db) => {
  let clock = 1_000;
  let connections: ConnectionRepository;
  const box = createSecretBox(randomBytes(32));

  beforeAll(() => {
    connections = createConnectionRepository(db.database, box, { now: () => clock });
  });
  beforeEach(() => {
    clock = 1_000;
  });

  it('creates with defaults, generates a conn_ id and round-trips the api key', async () => {
    const created = await connections.create({ providerId: 'anthropic', name: 'work', apiKey: API_KEY });
    expect(created.id).toMatch(/^conn_[A-Za-z0-9_-]{16}$/);
    expect(created).toEqual({
      id: created.id,
      providerId: 'anthropic',
      name: 'work',
      apiKey: API_KEY,
      priority: 0,
      weight: 1,
      costFactor: 1,
      enabled: true,
      headers: {},
      source: 'admin',
      createdAt: 1_000,
      updatedAt: 1_000,
    });
    expect(await connections.get(created.id)).toEqual(created);
  });

  it('stores only ciphertext in api_key_enc', async () => {
    const created = await connections.create({ providerId: 'openai', name: 'a', apiKey: API_KEY });
    const row = await db.database.db
      .selectFrom('connections')
      .select('api_key_enc')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.api_key_enc).toMatch(/^v1\./);
    expect(row.api_key_enc).not.toContain(API_KEY);
    expect(box.decrypt(row.api_key_enc ?? '')).toBe(API_KEY);
  });

  it('create refuses a duplicate (providerId, name) with StoreConflictError', async () => {
    await connections.create({ providerId: 'openai', name: 'main' });
    await expect(connections.create({ providerId: 'openai', name: 'main' })).rejects.toBeInstanceOf(StoreConflictError);
    // Same name under another provider is fine.
    await connections.create({ providerId: 'gemini', name: 'main' });
    expect(await connections.list()).toHaveLength(2);
  });

  it('upsert by (providerId, name) is idempotent and keeps id and createdAt', async () => {
    const input = {
      providerId: 'openrouter',
      name: 'from-config',
      apiKey: API_KEY,
      priority: 2,
      weight: 3,
      enabled: false,
      baseUrl: 'https://proxy.example/v1',
      headers: { 'x-title': 'OmniRoute' },
      proxyUrl: 'http://127.0.0.1:3128',
      source: 'config' as const,
    };
    const first = await connections.upsert(input);
    clock = 2_000;
    const second = await connections.upsert(input);
    expect(second).toEqual({ ...first, updatedAt: 2_000 });
    clock = 3_000;
    const replaced = await connections.upsert({ providerId: 'openrouter', name: 'from-config', source: 'config' });
    expect(replaced.id).toBe(first.id);
    expect(replaced.createdAt).toBe(1_000);
    expect(replaced).not.toHaveProperty('apiKey');
    expect(replaced).not.toHaveProperty('baseUrl');
    expect(replaced).not.toHaveProperty('proxyUrl');
    expect(replaced).toMatchObject({ priority: 0, weight: 1, enabled: true, headers: {}, updatedAt: 3_000 });
    expect(await connections.list('openrouter')).toHaveLength(1);
  });

  it('update patches fields, null clears optional ones, unknown id gives undefined', async () => {
    const created = await connections.create({ providerId: 'openai', name: 'a', apiKey: API_KEY, baseUrl: 'https://a.test' });
    clock = 4_000;
    const rotated = await connections.update(created.id, { apiKey: 'sk-new', enabled: false, priority: 7 });
    expect(rotated).toMatchObject({ apiKey: 'sk-new', enabled: false, priority: 7, baseUrl: 'https://a.test', updatedAt: 4_000, createdAt: 1_000 });
    const cleared = await connections.update(created.id, { apiKey: null, baseUrl: null });
    expect(cleared).not.toHaveProperty('apiKey');
    expect(cleared).not.toHaveProperty('baseUrl');
    expect(cleared?.enabled).toBe(false);
    expect(await connections.update('conn_missing', { name: 'x' })).toBeUndefined();
  });

  it('update refuses a rename onto an existing (providerId, name)', async () => {
    await connections.create({ providerId: 'openai', name: 'a' });
    const other = await connections.create({ providerId: 'openai', name: 'b' });
    await expect(connections.update(other.id, { name: 'a' })).rejects.toBeInstanceOf(StoreConflictError);
  });

  it('lists by provider, ordered by priority then name', async () => {
    await connections.create({ providerId: 'openai', name: 'z', priority: 1 });
    await connections.create({ providerId: 'openai', name: 'b', priority: 2 });
    await connections.create({ providerId: 'openai', name: 'a', priority: 2 });
    await connections.create({ providerId: 'anthropic', name: 'c' });
    expect((await connections.list('openai')).map((c) => c.name)).toEqual(['z', 'a', 'b']);
    expect((await connections.list()).map((c) => `${c.providerId}/${c.name}`)).toEqual([
      'anthropic/c',
      'openai/z',
      'openai/a',
      'openai/b',
    ]);
  });

  it('deletes and reports whether anything was deleted', async () => {
    const created = await connections.create({ providerId: 'openai', name: 'a' });
    expect(await connections.delete(created.id)).toBe(true);
    expect(await connections.delete(created.id)).toBe(false);
    expect(await connections.get(created.id)).toBeUndefined();
  });

  it('fails clearly, naming the row, when the master key changed', async () => {
    const created = await connections.create({ providerId: 'openai', name: 'a', apiKey: API_KEY });
    const otherKey = createConnectionRepository(db.database, createSecretBox(randomBytes(32)));
    const reading = otherKey.get(created.id);
    await expect(reading).rejects.toBeInstanceOf(StoreError);
    await expect(reading).rejects.toThrow(new RegExp(`connections row "${created.id}".*wrong master key`));
  });
});
