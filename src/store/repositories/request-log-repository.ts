import type { ExpressionBuilder, Insertable, Selectable, SelectQueryBuilder } from 'kysely';
import type { Database } from '../database.js';
import type { DatabaseSchema, RequestLogsTable } from '../schema.js';
import { parseAttemptsJson } from './json-columns.js';

export interface RequestLogRow {
  id: string;
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
  status?: number;
}

export interface RequestLogListOptions extends RequestLogFilter {
  /** Default 100. */
  limit?: number;
  /** Default 0. */
  offset?: number;
}

export interface RequestLogRepository {
  /** All rows in one transaction: either every row lands or none does. */
  insertMany(rows: ReadonlyArray<RequestLogInput>): Promise<void>;
  /** Newest first. */
  list(options?: RequestLogListOptions): Promise<RequestLogRow[]>;
  count(filter?: RequestLogFilter): Promise<number>;
  /** Retention: removes rows created before `createdAt`, returns how many. */
  deleteOlderThan(createdAt: number): Promise<number>;
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
  };
}

function applyFilter<O>(
  query: SelectQueryBuilder<DatabaseSchema, 'request_logs', O>,
  filter: RequestLogFilter,
): SelectQueryBuilder<DatabaseSchema, 'request_logs', O> {
  let filtered = query;
  if (filter.since !== undefined) filtered = filtered.where('created_at', '>=', filter.since);
  if (filter.until !== undefined) filtered = filtered.where('created_at', '<', filter.until);
  if (filter.provider !== undefined) filtered = filtered.where('provider', '=', filter.provider);
  if (filter.status !== undefined) filtered = filtered.where('status', '=', filter.status);
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
          await trx.insertInto('request_logs').values(part.map(toRequestLogColumns)).execute();
        }
      });
    },

    async list(options = {}) {
      const rows = await applyFilter(db.selectFrom('request_logs').selectAll(), options)
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

    async deleteOlderThan(createdAt) {
      const result = await db.deleteFrom('request_logs').where('created_at', '<', createdAt).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
