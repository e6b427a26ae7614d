import { sql, type ExpressionBuilder, type Insertable, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../database.js';
import type { DatabaseSchema, RequestLogsTable } from '../schema.js';
import { parseAttemptsJson } from './json-columns.js';

export interface RequestLogRow {
  /** The gateway's id (time-ordered, unique). */
  id: string;
  /** The client's own x-request-id, when it sent one: not unique (clients reuse them). */
  clientRequestId: string | null;
  /** Epoch ms. */
  createdAt: number;
  clientFormat: string;
  endpoint: string;
  modelRequested: string;
  provider: string | null;
  modelUsed: string | null;
  connectionId: string | null;
  status: number;
  errorCode: string | null;
  errorMessage: string | null;
  stream: boolean;
  latencyMs: number;
  ttfbMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  /** True when the token counts are our estimate, not the provider's report. */
  usageEstimated: boolean;
  attempts: number;
  apiKeyId: string | null;
  combo: string | null;
  /** US dollars; null when the model has no price (then `unpriced` is true) or the usage is unknown. */
  costUsd: number | null;
  unpriced: boolean;
  /** The error class (GatewayError code family) of the final failure, null on success. */
  errorClass: string | null;
  /** Every attempt made, in order; null for requests that never reached routing. */
  targets: RequestAttempt[] | null;
}

/** One upstream attempt of a request: which target, and how it ended. */
export interface RequestAttempt {
  provider: string;
  model: string;
  connectionId: string | null;
  /** HTTP status the attempt ended with (0 when no response arrived). */
  status: number;
  errorCode: string | null;
  latencyMs: number;
}

type NullableKey = {
  [K in keyof RequestLogRow]: null extends RequestLogRow[K] ? K : never;
}[keyof RequestLogRow];

type DefaultedKey = 'usageEstimated' | 'attempts' | 'unpriced';

/** A RequestLogRow where nullable fields may be left out, usageEstimated and unpriced default to false, attempts to 1. */
export type RequestLogInput = Omit<RequestLogRow, NullableKey | DefaultedKey> & Partial<Pick<RequestLogRow, NullableKey | DefaultedKey>>;

export interface RequestLogFilter {
  /** Inclusive lower bound on createdAt (epoch ms). */
  since?: number;
  /** Exclusive upper bound on createdAt (epoch ms). */
  until?: number;
  provider?: string;
  /** Matches the model the client asked for or the model actually used. */
  model?: string;
  /** An exact HTTP status, or a class: `2xx`…`5xx`, `error` (≥ 400) or `success` (< 400). */
  status?: number | StatusClass;
  apiKeyId?: string;
  combo?: string;
  /** A request id, exactly: the gateway's own or the client's x-request-id. */
  requestId?: string;
  /** Case-insensitive substring of the error message or the request id (the gateway's or the client's). */
  q?: string;
}

export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx', 'error', 'success'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** Keyset position: rows strictly older than this one (newest-first order). */
export interface RequestLogCursor {
  createdAt: number;
  id: string;
}

export interface RequestLogListOptions extends RequestLogFilter {
  /** Default 100. */
  limit?: number;
  /** Default 0. Prefer `before` for deep pages: it does not rescan skipped rows. */
  offset?: number;
  before?: RequestLogCursor;
}

export interface RequestLogRepository {
  /** All rows in one transaction: either every row lands or none does. */
  insertMany(rows: ReadonlyArray<RequestLogInput>): Promise<void>;
  /** Newest first. */
  list(options?: RequestLogListOptions): Promise<RequestLogRow[]>;
  count(filter?: RequestLogFilter): Promise<number>;
  /** By the gateway's id, else the newest row carrying it as the client's x-request-id. */
  get(id: string): Promise<RequestLogRow | undefined>;
  /** Retention: removes rows created before `createdAt`, returns how many. */
  deleteOlderThan(createdAt: number): Promise<number>;
  /**
   * Retention by size: keeps the newest `maxRows` rows, deletes the rest. Returns how many went
   * and the cursor of the newest deleted row (so dependent tables can be pruned to match).
   */
  pruneToMaxRows(maxRows: number): Promise<{ deleted: number; cutoff: RequestLogCursor | undefined }>;
}

/**
 * Every column of `request_logs`, in the order `toRequestLogColumns` fills them. The SQLite log
 * worker binds positional parameters in this order, so it and the repository share one mapping.
 */
export const REQUEST_LOG_COLUMNS = [
  'id',
  'created_at',
  'client_format',
  'endpoint',
  'model_requested',
  'provider',
  'model_used',
  'connection_id',
  'status',
  'error_code',
  'error_message',
  'stream',
  'latency_ms',
  'ttfb_ms',
  'input_tokens',
  'output_tokens',
  'cached_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'usage_estimated',
  'attempts',
  'api_key_id',
  'combo',
  'cost_usd',
  'unpriced',
  'error_class',
  'targets_json',
  'client_request_id',
] as const satisfies ReadonlyArray<keyof RequestLogsTable>;

export type RequestLogColumn = (typeof REQUEST_LOG_COLUMNS)[number];

// Fails to compile when a column is added to the table but not to the list above.
const everyColumnListed: Record<Exclude<keyof RequestLogsTable, RequestLogColumn>, never> = {};
void everyColumnListed;

const COLUMN_COUNT = REQUEST_LOG_COLUMNS.length;
const MAX_PARAMETERS = 30_000;
export const REQUEST_LOG_CHUNK_ROWS = Math.floor(MAX_PARAMETERS / COLUMN_COUNT);

function chunk<T>(items: ReadonlyArray<T>, size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Column values for one row, nullable fields and defaults filled in; booleans stay booleans. */
export function toRequestLogColumns(row: RequestLogInput): Required<Insertable<RequestLogsTable>> {
  return {
    id: row.id,
    created_at: row.createdAt,
    client_format: row.clientFormat,
    endpoint: row.endpoint,
    model_requested: row.modelRequested,
    provider: row.provider ?? null,
    model_used: row.modelUsed ?? null,
    connection_id: row.connectionId ?? null,
    status: row.status,
    error_code: row.errorCode ?? null,
    error_message: row.errorMessage ?? null,
    stream: row.stream,
    latency_ms: row.latencyMs,
    ttfb_ms: row.ttfbMs ?? null,
    input_tokens: row.inputTokens ?? null,
    output_tokens: row.outputTokens ?? null,
    cached_tokens: row.cachedTokens ?? null,
    cache_write_tokens: row.cacheWriteTokens ?? null,
    reasoning_tokens: row.reasoningTokens ?? null,
    usage_estimated: row.usageEstimated ?? false,
    attempts: row.attempts ?? 1,
    api_key_id: row.apiKeyId ?? null,
    combo: row.combo ?? null,
    cost_usd: row.costUsd ?? null,
    unpriced: row.unpriced ?? false,
    error_class: row.errorClass ?? null,
    targets_json: row.targets ? JSON.stringify(row.targets) : null,
    client_request_id: row.clientRequestId ?? null,
  };
}

function toRow(row: Selectable<RequestLogsTable>): RequestLogRow {
  return {
    id: row.id,
    createdAt: row.created_at,
    clientFormat: row.client_format,
    endpoint: row.endpoint,
    modelRequested: row.model_requested,
    provider: row.provider,
    modelUsed: row.model_used,
    connectionId: row.connection_id,
    status: row.status,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    stream: Boolean(row.stream),
    latencyMs: row.latency_ms,
    ttfbMs: row.ttfb_ms,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cachedTokens: row.cached_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    reasoningTokens: row.reasoning_tokens,
    usageEstimated: Boolean(row.usage_estimated),
    attempts: row.attempts,
    apiKeyId: row.api_key_id,
    combo: row.combo,
    costUsd: row.cost_usd,
    unpriced: Boolean(row.unpriced),
    errorClass: row.error_class,
    targets: row.targets_json === null ? null : parseAttemptsJson(row.targets_json, `request_logs.targets_json of ${row.id}`),
    clientRequestId: row.client_request_id,
  };
}

/** [from, to) of a status filter. */
export function statusRange(status: number | StatusClass): [number, number] {
  if (typeof status === 'number') return [status, status + 1];
  if (status === 'error') return [400, 1000];
  if (status === 'success') return [0, 400];
  const hundreds = Number(status[0]) * 100;
  return [hundreds, hundreds + 100];
}

function applyFilter<O>(
  query: SelectQueryBuilder<DatabaseSchema, 'request_logs', O>,
  filter: RequestLogFilter,
): SelectQueryBuilder<DatabaseSchema, 'request_logs', O> {
  let filtered = query;
  if (filter.since !== undefined) filtered = filtered.where('created_at', '>=', filter.since);
  if (filter.until !== undefined) filtered = filtered.where('created_at', '<', filter.until);
  if (filter.provider !== undefined) filtered = filtered.where('provider', '=', filter.provider);
  if (filter.status !== undefined) {
    const range = statusRange(filter.status);
    filtered = filtered.where('status', '>=', range[0]).where('status', '<', range[1]);
  }
  if (filter.apiKeyId !== undefined) filtered = filtered.where('api_key_id', '=', filter.apiKeyId);
  if (filter.combo !== undefined) filtered = filtered.where('combo', '=', filter.combo);
  const requestId = filter.requestId;
  if (requestId !== undefined) {
    filtered = filtered.where((eb: ExpressionBuilder<DatabaseSchema, 'request_logs'>) => eb.or([eb('id', '=', requestId), eb('client_request_id', '=', requestId)]));
  }
  if (filter.q !== undefined && filter.q !== '') {
    // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filtered = filtered.where((eb: ExpressionBuilder<DatabaseSchema, 'request_logs'>) =>
      eb.or([
        eb(sql`lower(error_message)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(id)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(client_request_id)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  const model = filter.model;
  if (model !== undefined) {
    filtered = filtered.where((eb: ExpressionBuilder<DatabaseSchema, 'request_logs'>) =>
      eb.or([eb('model_requested', '=', model), eb('model_used', '=', model)]),
    );
  }
  return filtered;
}

export function createRequestLogRepository(database: Database): RequestLogRepository {
  const { db } = database;

  return {
    async insertMany(rows) {
      if (rows.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const part of chunk(rows, REQUEST_LOG_CHUNK_ROWS)) {
          // A row already there is this row written before (see REQUEST_LOG_INSERT_SQL): a no-op.
          await trx.insertInto('request_logs').values(part.map(toRequestLogColumns)).onConflict((oc) => oc.column('id').doNothing()).execute();
        }
      });
    },

    async list(options = {}) {
      let query = applyFilter(db.selectFrom('request_logs').selectAll(), options);
      const before = options.before;
      if (before) {
        query = query.where((eb) => eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]));
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit ?? 100)
        .offset(options.offset ?? 0)
        .execute();
      return rows.map(toRow);
    },

    async count(filter = {}) {
      const row = await applyFilter(
        db.selectFrom('request_logs').select((eb) => eb.fn.countAll<number | string>().as('total')),
        filter,
      ).executeTakeFirstOrThrow();
      return Number(row.total);
    },

    async get(id) {
      const row =
        (await db.selectFrom('request_logs').selectAll().where('id', '=', id).executeTakeFirst()) ??
        (await db.selectFrom('request_logs').selectAll().where('client_request_id', '=', id).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst());
      return row ? toRow(row) : undefined;
    },

    async deleteOlderThan(createdAt) {
      const result = await db.deleteFrom('request_logs').where('created_at', '<', createdAt).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async pruneToMaxRows(maxRows) {
      // The newest row beyond the cap; it and everything older go. Uses the (created_at) index.
      const edge = await db
        .selectFrom('request_logs')
        .select(['created_at', 'id'])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .offset(maxRows)
        .limit(1)
        .executeTakeFirst();
      if (!edge) return { deleted: 0, cutoff: undefined };
      const result = await db
        .deleteFrom('request_logs')
        .where((eb) => eb.or([eb('created_at', '<', edge.created_at), eb.and([eb('created_at', '=', edge.created_at), eb('id', '<=', edge.id)])]))
        .executeTakeFirst();
      return { deleted: Number(result.numDeletedRows), cutoff: { createdAt: edge.created_at, id: edge.id } };
    },
  };
}
