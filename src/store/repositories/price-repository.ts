import type { Selectable } from 'kysely';
import type { ModelPrice } from '../../config/config-file-schema.js';
import type { Database } from '../database.js';
import type { ModelPricesTable } from '../schema.js';
import type { RepositoryOptions } from './repository-options.js';

/** An admin-edited price (USD per 1M tokens) for one provider's model. */
export interface PriceRecord {
  provider: string;
  model: string;
  price: ModelPrice;
  updatedAt: number;
}

/** Only overrides are stored; the catalogue and the config file are read at start. */
export interface PriceRepository {
  list(): Promise<PriceRecord[]>;
  upsert(provider: string, model: string, price: ModelPrice): Promise<PriceRecord>;
  delete(provider: string, model: string): Promise<boolean>;
}

function toRecord(row: Selectable<ModelPricesTable>): PriceRecord {
  const price: ModelPrice = { input: Number(row.input), output: Number(row.output) };
  if (row.cached_input !== null) price.cachedInput = Number(row.cached_input);
  if (row.cache_write !== null) price.cacheWrite = Number(row.cache_write);
  if (row.reasoning !== null) price.reasoning = Number(row.reasoning);
  return { provider: row.provider, model: row.model, price, updatedAt: Number(row.updated_at) };
}

export function createPriceRepository(database: Database, options: RepositoryOptions = {}): PriceRepository {
  const { db } = database;
  const now = options.now ?? Date.now;
  return {
    async list() {
      const rows = await db.selectFrom('model_prices').selectAll().orderBy('provider').orderBy('model').execute();
      return rows.map(toRecord);
    },

    async upsert(provider, model, price) {
      const columns = {
        input: price.input,
        output: price.output,
        cached_input: price.cachedInput ?? null,
        cache_write: price.cacheWrite ?? null,
        reasoning: price.reasoning ?? null,
        updated_at: now(),
      };
      const row = await db
        .insertInto('model_prices')
        .values({ provider, model, ...columns })
        .onConflict((oc) => oc.columns(['provider', 'model']).doUpdateSet(columns))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async delete(provider, model) {
      const result = await db.deleteFrom('model_prices').where('provider', '=', provider).where('model', '=', model).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
