import type { Database } from '../database.js';
import type { RequestLogCursor } from './request-log-repository.js';

/** Bodies of one request as captured: already redacted and size-capped text. */
export interface RequestBodyRecord {
  requestId: string;
  /** Epoch ms, the request's start (same as its request-log row). */
  createdAt: number;
  request: string | null;
  response: string | null;
  requestTruncated: boolean;
  responseTruncated: boolean;
}

export interface RequestBodyRepository {
  /** All or nothing; a request id seen twice keeps its first capture. */
  insertMany(records: ReadonlyArray<RequestBodyRecord>): Promise<void>;
  get(requestId: string): Promise<RequestBodyRecord | undefined>;
  deleteOlderThan(createdAt: number): Promise<number>;
  /** Drops bodies at or before a request-log cursor (what size retention removed from request_logs). */
  deleteUpTo(cutoff: RequestLogCursor): Promise<number>;
  count(): Promise<number>;
}

// Bodies can be large; keep each INSERT well under any driver's statement limits.
const CHUNK_ROWS = 50;

export function createRequestBodyRepository(database: Database): RequestBodyRepository {
  const { db } = database;
  return {
    async insertMany(records) {
      if (records.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (let start = 0; start < records.length; start += CHUNK_ROWS) {
          const values = records.slice(start, start + CHUNK_ROWS).map((r) => ({
            request_id: r.requestId,
            created_at: r.createdAt,
            request_body: r.request,
            response_body: r.response,
            request_truncated: r.requestTruncated,
            response_truncated: r.responseTruncated,
          }));
          await trx.insertInto('request_bodies').values(values).onConflict((oc) => oc.column('request_id').doNothing()).execute();
        }
      });
    },

    async get(requestId) {
      const row = await db.selectFrom('request_bodies').selectAll().where('request_id', '=', requestId).executeTakeFirst();
      if (!row) return undefined;
      return {
        requestId: row.request_id,
        createdAt: row.created_at,
        request: row.request_body,
        response: row.response_body,
        requestTruncated: Boolean(row.request_truncated),
        responseTruncated: Boolean(row.response_truncated),
      };
    },

    async deleteOlderThan(createdAt) {
      const result = await db.deleteFrom('request_bodies').where('created_at', '<', createdAt).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteUpTo(cutoff) {
      const result = await db
        .deleteFrom('request_bodies')
        .where((eb) => eb.or([eb('created_at', '<', cutoff.createdAt), eb.and([eb('created_at', '=', cutoff.createdAt), eb('request_id', '<=', cutoff.id)])]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async count() {
      const row = await db.selectFrom('request_bodies').select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow();
      return Number(row.total);
    },
  };
}
