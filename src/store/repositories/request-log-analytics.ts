import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../database.js';

export const ANALYTICS_GROUPS = ['provider', 'model', 'apiKey', 'combo'] as const;
export type AnalyticsGroup = (typeof ANALYTICS_GROUPS)[number];
export const ANALYTICS_INTERVALS = ['hour', 'day'] as const;
export type AnalyticsInterval = (typeof ANALYTICS_INTERVALS)[number];

export interface AnalyticsRange {
  /** Inclusive, epoch ms. */
  since: number;
  /** Exclusive, epoch ms. */
  until: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface AnalyticsTotals {
  requests: number;
  /** Status below 400. */
  successes: number;
  errors: number;
  /** successes / requests; null when there were no requests. */
  successRate: number | null;
  tokens: { input: number; output: number; cachedInput: number; cacheWrite: number; reasoning: number };
  /** Sum over requests with a known cost only. Unpriced requests are counted, never added as $0. */
  costUsd: number;
  pricedRequests: number;
  unpricedRequests: number;
  latencyMs: Percentiles | null;
  ttfbMs: Percentiles | null;
  /** How many rows the percentiles were computed from (bounded; the newest in the range). */
  percentileSample: number;
}

export interface AnalyticsPoint extends AnalyticsTotals {
  /** Bucket start, epoch ms (UTC). */
  bucket: number;
  /** The group's value (provider id, model, key id, combo); null when the row had none or no grouping. */
  group: string | null;
}

export interface RequestLogAnalytics {
  summary(range: AnalyticsRange): Promise<AnalyticsTotals>;
  timeseries(range: AnalyticsRange & { interval: AnalyticsInterval; groupBy?: AnalyticsGroup }): Promise<AnalyticsPoint[]>;
}

const INTERVAL_MS: Record<AnalyticsInterval, number> = { hour: 3_600_000, day: 86_400_000 };

// Column expressions from a fixed table, never from input: safe to inline, and identical text in
// SELECT and GROUP BY is what PostgreSQL needs to accept the grouping.
const GROUP_SQL: Record<AnalyticsGroup, string> = {
  provider: 'provider',
  model: 'coalesce(model_used, model_requested)',
  apiKey: 'api_key_id',
  combo: 'combo',
};

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ReadonlyArray<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function percentilesOf(values: number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = values.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

interface AggregateRow {
  bucket: number | string | null;
  grp: string | null;
  requests: number | string;
  successes: number | string | null;
  input: number | string | null;
  output: number | string | null;
  cached: number | string | null;
  cache_write: number | string | null;
  reasoning: number | string | null;
  cost: number | string | null;
  priced: number | string;
  unpriced: number | string | null;
}

function toTotals(row: AggregateRow | undefined): Omit<AnalyticsTotals, 'latencyMs' | 'ttfbMs' | 'percentileSample'> {
  const n = (value: number | string | null | undefined) => Number(value ?? 0);
  const requests = n(row?.requests);
  const successes = n(row?.successes);
  return {
    requests,
    successes,
    errors: requests - successes,
    successRate: requests === 0 ? null : successes / requests,
    tokens: { input: n(row?.input), output: n(row?.output), cachedInput: n(row?.cached), cacheWrite: n(row?.cache_write), reasoning: n(row?.reasoning) },
    costUsd: n(row?.cost),
    pricedRequests: n(row?.priced),
    unpricedRequests: n(row?.unpriced),
  };
}

/**
 * Sums and counts run in SQL (portable aggregates); percentiles have no portable SQL form
 * (SQLite lacks percentile_cont), so they are computed here from at most `percentileSampleRows`
 * latency values per query, the newest in the range.
 */
export function createRequestLogAnalytics(database: Database, options: { percentileSampleRows?: number } = {}): RequestLogAnalytics {
  const { db } = database;
  const sampleRows = options.percentileSampleRows ?? 100_000;

  function aggregates(range: AnalyticsRange, bucketSql: string, groupSql: string) {
    const bucket: RawBuilder<number | string | null> = sql.raw(bucketSql);
    const group: RawBuilder<string | null> = sql.raw(groupSql);
    // PostgreSQL rejects constants in GROUP BY; the summary's `null` columns are simply not grouped.
    const grouping = [bucketSql === 'null' ? undefined : bucket, groupSql === 'null' ? undefined : group].filter((g) => g !== undefined);
    const query = db
      .selectFrom('request_logs')
      .select([
        bucket.as('bucket'),
        group.as('grp'),
        sql<number | string>`count(*)`.as('requests'),
        sql<number | string | null>`sum(case when status < 400 then 1 else 0 end)`.as('successes'),
        sql<number | string | null>`sum(input_tokens)`.as('input'),
        sql<number | string | null>`sum(output_tokens)`.as('output'),
        sql<number | string | null>`sum(cached_tokens)`.as('cached'),
        sql<number | string | null>`sum(cache_write_tokens)`.as('cache_write'),
        sql<number | string | null>`sum(reasoning_tokens)`.as('reasoning'),
        sql<number | string | null>`sum(cost_usd)`.as('cost'),
        sql<number | string>`count(cost_usd)`.as('priced'),
        sql<number | string | null>`sum(case when unpriced then 1 else 0 end)`.as('unpriced'),
      ])
      .where('created_at', '>=', range.since)
      .where('created_at', '<', range.until);
    return (grouping.length > 0 ? query.groupBy(grouping) : query).execute() as Promise<AggregateRow[]>;
  }

  async function samples(range: AnalyticsRange, bucketSql: string, groupSql: string) {
    const rows = await db
      .selectFrom('request_logs')
      .select([sql.raw<number | string | null>(bucketSql).as('bucket'), sql.raw<string | null>(groupSql).as('grp'), 'latency_ms', 'ttfb_ms'])
      .where('created_at', '>=', range.since)
      .where('created_at', '<', range.until)
      .orderBy('created_at', 'desc')
      .limit(sampleRows)
      .execute();
    const byKey = new Map<string, { latency: number[]; ttfb: number[] }>();
    for (const row of rows) {
      const key = `${row.bucket === null ? '' : Number(row.bucket)}\u0000${row.grp ?? ''}`;
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { latency: [], ttfb: [] }));
      entry.latency.push(row.latency_ms);
      if (row.ttfb_ms !== null) entry.ttfb.push(row.ttfb_ms);
    }
    return byKey;
  }

  function withPercentiles(entry: { latency: number[]; ttfb: number[] } | undefined) {
    return {
      percentileSample: entry?.latency.length ?? 0,
      latencyMs: percentilesOf(entry?.latency ?? []),
      ttfbMs: percentilesOf(entry?.ttfb ?? []),
    };
  }

  return {
    async summary(range) {
      const [rows, sampled] = await Promise.all([aggregates(range, 'null', 'null'), samples(range, 'null', 'null')]);
      return { ...toTotals(rows[0]), ...withPercentiles(sampled.values().next().value) };
    },

    async timeseries({ interval, groupBy, ...range }) {
      const ms = INTERVAL_MS[interval];
      const bucketSql = `(created_at - (created_at % ${ms}))`;
      const groupSql = groupBy ? GROUP_SQL[groupBy] : 'null';
      const [rows, sampled] = await Promise.all([aggregates(range, bucketSql, groupSql), samples(range, bucketSql, groupSql)]);
      return rows
        .map((row) => {
          const bucket = Number(row.bucket);
          return { bucket, group: row.grp, ...toTotals(row), ...withPercentiles(sampled.get(`${bucket}\u0000${row.grp ?? ''}`)) };
        })
        .sort((a, b) => a.bucket - b.bucket || String(a.group).localeCompare(String(b.group)));
    },
  };
}
