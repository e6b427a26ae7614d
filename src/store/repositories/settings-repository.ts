import type { Database } from '../database.js';
import { StoreError } from '../store-error.js';
import type { RepositoryOptions } from './repository-options.js';

/** Settings changed through the admin API live under this key. */
export const STORED_SETTINGS_KEY = 'gateway';

export interface SettingsRepository {
  /** The stored value as JSON gave it back; the caller validates it against its own schema. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  all(): Promise<Record<string, unknown>>;
  delete(key: string): Promise<boolean>;
}

function parseValue(key: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new StoreError('invalid_value', `settings row "${key}" is not valid JSON`, { cause: error });
  }
}

export function createSettingsRepository(database: Database, options: RepositoryOptions = {}): SettingsRepository {
  const { db } = database;
  const now = options.now ?? Date.now;

  return {
    async get<T = unknown>(key: string): Promise<T | undefined> {
      const row = await db.selectFrom('settings').select('value_json').where('key', '=', key).executeTakeFirst();
      return row === undefined ? undefined : (parseValue(key, row.value_json) as T);
    },

    async set(key, value) {
      const text: string | undefined = JSON.stringify(value);
      if (text === undefined) {
        // undefined, functions and symbols have no JSON form; storing "null" instead would
        // silently turn "unset" into an explicit null.
        throw new StoreError('invalid_value', `settings value for "${key}" cannot be serialised as JSON`);
      }
      const timestamp = now();
      await db
        .insertInto('settings')
        .values({ key, value_json: text, updated_at: timestamp })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: text, updated_at: timestamp }))
        .execute();
    },

    async all() {
      const rows = await db.selectFrom('settings').select(['key', 'value_json']).orderBy('key').execute();
      return Object.fromEntries(rows.map((row) => [row.key, parseValue(row.key, row.value_json)]));
    },

    async delete(key) {
      const result = await db.deleteFrom('settings').where('key', '=', key).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
