import type { Kysely, Migration } from 'kysely';

/**
 * What routing and accounting add to every request-log row: the cost (null when the model has no
 * price, with `unpriced` set so it is never summed as $0), the error class of the final failure,
 * and each attempt made (provider, model, account, outcome) as JSON for the detail view.
 * One statement per column: SQLite's ALTER TABLE adds one column at a time.
 */
export const requestLogDetailsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('request_logs').addColumn('cost_usd', 'double precision').execute();
    await db.schema.alterTable('request_logs').addColumn('unpriced', 'boolean', (col) => col.notNull().defaultTo(false)).execute();
    await db.schema.alterTable('request_logs').addColumn('error_class', 'text').execute();
    await db.schema.alterTable('request_logs').addColumn('targets_json', 'text').execute();
    await db.schema.createIndex('request_logs_api_key_created_at_idx').on('request_logs').columns(['api_key_id', 'created_at']).execute();
    await db.schema.createIndex('request_logs_combo_created_at_idx').on('request_logs').columns(['combo', 'created_at']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('request_logs_combo_created_at_idx').ifExists().execute();
    await db.schema.dropIndex('request_logs_api_key_created_at_idx').ifExists().execute();
    for (const column of ['targets_json', 'error_class', 'unpriced', 'cost_usd']) {
      await db.schema.alterTable('request_logs').dropColumn(column).execute();
    }
  },
};
