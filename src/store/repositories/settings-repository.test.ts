import { beforeAll, expect, it } from 'vitest';
import { StoreError } from '../store-error.js';
import { describeEachDatabase } from '../test-support/describe-each-database.js';
import { createSettingsRepository, type SettingsRepository } from './settings-repository.js';

describeEachDatabase('settings repository', ['settings'], (db) => {
  let settings: SettingsRepository;

  beforeAll(() => {
    settings = createSettingsRepository(db.database);
  });

  it('stores any JSON value and reads it back unchanged', async () => {
    const values: Record<string, unknown> = {
      object: { routing: { strategy: 'priority', retries: 2 }, tags: ['a', 'b'] },
      string: 'hello',
      number: 42.5,
      boolean: false,
      null: null,
    };
    for (const [key, value] of Object.entries(values)) await settings.set(key, value);
    for (const [key, value] of Object.entries(values)) expect(await settings.get(key)).toEqual(value);
    expect(await settings.all()).toEqual(values);
  });

  it('set overwrites (idempotent upsert) and get of a missing key is undefined', async () => {
    await settings.set('theme', 'dark');
    await settings.set('theme', 'dark');
    await settings.set('theme', 'light');
    expect(await settings.get<string>('theme')).toBe('light');
    expect(Object.keys(await settings.all())).toEqual(['theme']);
    expect(await settings.get('missing')).toBeUndefined();
  });

  it('refuses values that have no JSON form', async () => {
    await expect(settings.set('nothing', undefined)).rejects.toBeInstanceOf(StoreError);
    expect(await settings.get('nothing')).toBeUndefined();
  });

  it('deletes and reports whether anything was deleted', async () => {
    await settings.set('k', 1);
    expect(await settings.delete('k')).toBe(true);
    expect(await settings.delete('k')).toBe(false);
    expect(await settings.all()).toEqual({});
  });
});
