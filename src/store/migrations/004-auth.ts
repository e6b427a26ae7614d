import type { Kysely, Migration } from 'kysely';

/**
 * Dashboard/admin login (issue #5): the one admin password (a KDF hash, never the password),
 * sessions keyed by the SHA-256 of their id (a stolen database yields no usable cookie), and the
 * audit log of admin changes.
 */
export const authMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('admin_credentials')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('password_hash', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('admin_sessions')
      .addColumn('id_hash', 'text', (col) => col.primaryKey())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('last_seen_at', 'bigint', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('admin_sessions_expires_at_idx').on('admin_sessions').column('expires_at').execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('actor_type', 'text', (col) => col.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('ip', 'text')
      .addColumn('method', 'text', (col) => col.notNull())
      .addColumn('route', 'text', (col) => col.notNull())
      .addColumn('target_id', 'text')
      .addColumn('status', 'integer', (col) => col.notNull())
      .addColumn('summary_json', 'text')
      .execute();
    await db.schema.createIndex('audit_log_created_at_idx').on('audit_log').column('created_at').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('audit_log').ifExists().execute();
    await db.schema.dropTable('admin_sessions').ifExists().execute();
    await db.schema.dropTable('admin_credentials').ifExists().execute();
  },
};
