import type { Kysely, Migration } from 'kysely';

/**
 * Client API keys for /v1. Only the SHA-256 of a key is stored (plus a few leading characters to
 * tell keys apart in a list); the plaintext is shown once when the key is made. Revocation is a
 * timestamp so request logs that name the key can still show what it was.
 */
export const apiKeysMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull().unique())
      .addColumn('key_hash', 'text', (col) => col.notNull().unique())
      .addColumn('key_prefix', 'text', (col) => col.notNull())
      .addColumn('models_json', 'text', (col) => col.notNull().defaultTo('[]'))
      .addColumn('admin', 'boolean', (col) => col.notNull().defaultTo(false))
      .addColumn('rpm', 'integer')
      .addColumn('budget_json', 'text')
      .addColumn('expires_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('api_keys').ifExists().execute();
  },
};
