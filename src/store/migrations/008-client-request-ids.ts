import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A client's own `x-request-id` is kept beside the row's id instead of being the id: clients reuse
 * them (a constant, a retry with the same id), and a second row with the same primary key failed
 * its whole batch, so every row queued behind it was lost. Rows are now always keyed by the
 * gateway's time-ordered id; the client's id stays searchable.
 */
export const clientRequestIdsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('request_logs').addColumn('client_request_id', 'text').execute();
    await db.schema
      .createIndex('request_logs_client_request_id_idx')
      .on('request_logs')
      .column('client_request_id')
      .where(sql.ref('client_request_id'), 'is not', null)
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('request_logs_client_request_id_idx').ifExists().execute();
    await db.schema.alterTable('request_logs').dropColumn('client_request_id').execute();
  },
};
