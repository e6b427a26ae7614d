import type { Kysely, Migration } from 'kysely';

/**
 * Captured request/response bodies (ENABLE_REQUEST_LOGS) live in their own table so the
 * request-log rows stay narrow for search and analytics, and a gateway that never captures pays
 * nothing. Keyed by the request id; `created_at` lets retention prune by age without a join.
 */
export const observabilityMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('request_bodies')
      .addColumn('request_id', 'text', (col) => col.primaryKey())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('request_body', 'text')
      .addColumn('response_body', 'text')
      .addColumn('request_truncated', 'boolean', (col) => col.notNull().defaultTo(false))
      .addColumn('response_truncated', 'boolean', (col) => col.notNull().defaultTo(false))
      .execute();
    await db.schema.createIndex('request_bodies_created_at_idx').on('request_bodies').column('created_at').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('request_bodies').ifExists().execute();
  },
};
