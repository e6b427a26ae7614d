import type { Kysely, Migration } from 'kysely';

/** Combos, aliases, and the per-account cost factor the cost-optimized account strategy reads. */
export const routingMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('combos')
      .addColumn('name', 'text', (col) => col.primaryKey())
      .addColumn('strategy', 'text', (col) => col.notNull())
      .addColumn('models_json', 'text', (col) => col.notNull())
      .addColumn('enabled', 'boolean', (col) => col.notNull().defaultTo(true))
      .addColumn('options_json', 'text', (col) => col.notNull().defaultTo('{}'))
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('aliases')
      .addColumn('pattern', 'text', (col) => col.primaryKey())
      .addColumn('target', 'text', (col) => col.notNull())
      .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.alterTable('connections').addColumn('cost_factor', 'double precision', (col) => col.notNull().defaultTo(1)).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('connections').dropColumn('cost_factor').execute();
    await db.schema.dropTable('aliases').ifExists().execute();
    await db.schema.dropTable('combos').ifExists().execute();
  },
};
