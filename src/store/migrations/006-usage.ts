import type { Kysely, Migration } from 'kysely';

/**
 * Usage accounting (issue #6 part 1): admin-edited model prices (the catalogue and the config file
 * supply defaults in memory; only overrides are stored), and a per-connection quota definition
 * for subscription/plan providers. Portable schema-builder types only.
 */
export const usageMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('model_prices')
      .addColumn('provider', 'text', (col) => col.notNull())
      .addColumn('model', 'text', (col) => col.notNull())
      .addColumn('input', 'double precision', (col) => col.notNull())
      .addColumn('output', 'double precision', (col) => col.notNull())
      .addColumn('cached_input', 'double precision')
      .addColumn('cache_write', 'double precision')
      .addColumn('reasoning', 'double precision')
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('model_prices_pkey', ['provider', 'model'])
      .execute();
    await db.schema.alterTable('connections').addColumn('quota_json', 'text').execute();
    await db.schema.createIndex('request_logs_connection_created_at_idx').on('request_logs').columns(['connection_id', 'created_at']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('request_logs_connection_created_at_idx').ifExists().execute();
    await db.schema.alterTable('connections').dropColumn('quota_json').execute();
    await db.schema.dropTable('model_prices').ifExists().execute();
  },
};
