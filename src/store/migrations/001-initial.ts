import type { Kysely, Migration } from 'kysely';

/**
 * Written only with the schema builder and types both dialects spell the same way (text, integer,
 * bigint, boolean), so this one migration runs unchanged on SQLite and PostgreSQL.
 */
export const initialMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('providers')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('prefix', 'text', (col) => col.notNull().unique())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('format', 'text', (col) => col.notNull())
      .addColumn('base_url', 'text', (col) => col.notNull())
      .addColumn('auth_type', 'text', (col) => col.notNull())
      .addColumn('auth_header', 'text', (col) => col.notNull())
      .addColumn('headers_json', 'text', (col) => col.notNull().defaultTo('{}'))
      .addColumn('models_json', 'text', (col) => col.notNull().defaultTo('[]'))
      .addColumn('is_local', 'boolean', (col) => col.notNull().defaultTo(false))
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();

    // provider_id may name a built-in catalogue provider absent from `providers`: no foreign key.
    await db.schema
      .createTable('connections')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('provider_id', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('api_key_enc', 'text')
      .addColumn('priority', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('weight', 'integer', (col) => col.notNull().defaultTo(1))
      .addColumn('enabled', 'boolean', (col) => col.notNull().defaultTo(true))
      .addColumn('base_url', 'text')
      .addColumn('headers_json', 'text', (col) => col.notNull().defaultTo('{}'))
      .addColumn('proxy_url', 'text')
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addUniqueConstraint('connections_provider_id_name_key', ['provider_id', 'name'])
      .execute();

    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('value_json', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('request_logs')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('client_format', 'text', (col) => col.notNull())
      .addColumn('endpoint', 'text', (col) => col.notNull())
      .addColumn('model_requested', 'text', (col) => col.notNull())
      .addColumn('provider', 'text')
      .addColumn('model_used', 'text')
      .addColumn('connection_id', 'text')
      .addColumn('status', 'integer', (col) => col.notNull())
      .addColumn('error_code', 'text')
      .addColumn('error_message', 'text')
      .addColumn('stream', 'boolean', (col) => col.notNull())
      .addColumn('latency_ms', 'integer', (col) => col.notNull())
      .addColumn('ttfb_ms', 'integer')
      .addColumn('input_tokens', 'integer')
      .addColumn('output_tokens', 'integer')
      .addColumn('cached_tokens', 'integer')
      .addColumn('cache_write_tokens', 'integer')
      .addColumn('reasoning_tokens', 'integer')
      .addColumn('usage_estimated', 'boolean', (col) => col.notNull().defaultTo(false))
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(1))
      .addColumn('api_key_id', 'text')
      .addColumn('combo', 'text')
      .execute();

    await db.schema
      .createIndex('request_logs_created_at_idx')
      .on('request_logs')
      .column('created_at')
      .execute();
    await db.schema
      .createIndex('request_logs_provider_created_at_idx')
      .on('request_logs')
      .columns(['provider', 'created_at'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('request_logs').ifExists().execute();
    await db.schema.dropTable('settings').ifExists().execute();
    await db.schema.dropTable('connections').ifExists().execute();
    await db.schema.dropTable('providers').ifExists().execute();
  },
};
