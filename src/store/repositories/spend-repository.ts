import type { Database } from '../database.js';

export interface SpendFilter {
  /** Inclusive, epoch ms. */
  since: number;
  apiKeyId?: string;
  provider?: string;
}

/** One request that used a connection, as quota windows count it. */
export interface ConnectionUse {
  createdAt: number;
  /** Input + output tokens (0 when unknown). */
  tokens: number;
}

/**
 * The read side of usage accounting over `request_logs`: what budgets and quotas reload at start
 * (afterwards they keep running totals in memory, so nothing here is on the request path).
 */
export interface SpendRepository {
  /** Sum of `cost_usd` (priced rows) and the count of unpriced rows matching the filter. */
  spend(filter: SpendFilter): Promise<{ costUsd: number; unpricedRequests: number }>;
  /** Requests of a connection since `since` that consumed quota (answered 2xx, or carry usage). */
  connectionUses(connectionId: string, since: number): Promise<ConnectionUse[]>;
}

export function createSpendRepository(database: Database): SpendRepository {
  const { db } = database;
  return {
    async spend(filter) {
      let query = db
        .selectFrom('request_logs')
        .select((eb) => [eb.fn.sum<number | string | null>('cost_usd').as('cost'), eb.fn.countAll<number | string>().as('rows')])
        .where('created_at', '>=', filter.since);
      if (filter.apiKeyId !== undefined) query = query.where('api_key_id', '=', filter.apiKeyId);
      if (filter.provider !== undefined) query = query.where('provider', '=', filter.provider);
      const priced = await query.where('cost_usd', 'is not', null).executeTakeFirstOrThrow();
      // unpriced is stored as 0/1 on SQLite and a boolean on PostgreSQL; comparing with a bound
      // boolean would break libsql, so the unpriced rows are those with a price-less, non-null usage.
      let unpricedQuery = db
        .selectFrom('request_logs')
        .select((eb) => eb.fn.countAll<number | string>().as('rows'))
        .where('created_at', '>=', filter.since)
        .where('cost_usd', 'is', null)
        .where('input_tokens', 'is not', null);
      if (filter.apiKeyId !== undefined) unpricedQuery = unpricedQuery.where('api_key_id', '=', filter.apiKeyId);
      if (filter.provider !== undefined) unpricedQuery = unpricedQuery.where('provider', '=', filter.provider);
      const unpriced = await unpricedQuery.executeTakeFirstOrThrow();
      return { costUsd: Number(priced.cost ?? 0), unpricedRequests: Number(unpriced.rows) };
    },

    async connectionUses(connectionId, since) {
      const rows = await db
        .selectFrom('request_logs')
        .select(['created_at', 'status', 'input_tokens', 'output_tokens'])
        .where('connection_id', '=', connectionId)
        .where('created_at', '>=', since)
        .orderBy('created_at')
        .execute();
      return rows
        .filter((row) => (row.status >= 200 && row.status < 300) || row.input_tokens !== null || row.output_tokens !== null)
        .map((row) => ({ createdAt: Number(row.created_at), tokens: (row.input_tokens ?? 0) + (row.output_tokens ?? 0) }));
    },
  };
}
