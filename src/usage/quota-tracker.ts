import type { ConnectionQuota } from '../config/config-file-schema.js';
import type { RequestLogRow } from '../store/repositories/request-log-repository.js';
import type { SpendRepository } from '../store/repositories/spend-repository.js';
import { fixedWindow, MINUTE_MS, ROLLING_5H_MS, type UsageWindow } from './usage-window.js';

export interface QuotaStatus {
  connectionId: string;
  connectionName: string;
  provider: string;
  window: ConnectionQuota['window'];
  requests: { used: number; limit: number | null };
  tokens: { used: number; limit: number | null };
  exhausted: boolean;
  /** Epoch ms when the window (fixed) or the oldest counted minute (5h rolling) frees up; null for an idle rolling window. */
  resetAt: number | null;
  /** Milliseconds until `resetAt`. */
  resetInMs: number | null;
}

/** Per-connection plan allowance: counts requests and tokens and says until when one is used up. */
export interface QuotaTracker {
  /** Take the connections' quota definitions and reload their counts from the request log. */
  configure(connections: ReadonlyArray<QuotaConnection>, now?: number): Promise<void>;
  observe(row: RequestLogRow): void;
  /** When the connection's exhausted quota resets, or undefined if it may be used now. */
  exhaustedUntil(connectionId: string, now: number): number | undefined;
  list(now?: number): QuotaStatus[];
}

export interface QuotaConnection {
  id: string;
  name: string;
  providerId: string;
  quota?: ConnectionQuota;
}

interface Bucket {
  minute: number;
  requests: number;
  tokens: number;
}

interface Tracked {
  connection: QuotaConnection & { quota: ConnectionQuota };
  /** Fixed windows: the current window and its totals. */
  window?: UsageWindow;
  requests: number;
  tokens: number;
  /** Rolling windows: minute buckets, oldest first. */
  buckets: Bucket[];
}

/** A request that consumed quota: answered 2xx, or carries usage (a cancelled stream was still generated). */
function consumed(row: RequestLogRow): boolean {
  return (row.status >= 200 && row.status < 300) || row.inputTokens !== null || row.outputTokens !== null;
}

function sameDefinition(a: ConnectionQuota, b: ConnectionQuota): boolean {
  return a.window === b.window && a.resetAt === b.resetAt && a.requests === b.requests && a.tokens === b.tokens;
}

export function createQuotaTracker(input: { spend: SpendRepository; now?: () => number }): QuotaTracker {
  const clock = input.now ?? Date.now;
  let tracked = new Map<string, Tracked>();

  const add = (entry: Tracked, at: number, tokens: number) => {
    if (entry.connection.quota.window === '5h') {
      const minute = Math.floor(at / MINUTE_MS);
      const last = entry.buckets.at(-1);
      if (last && last.minute === minute) {
        last.requests += 1;
        last.tokens += tokens;
      } else if (!last || last.minute < minute) entry.buckets.push({ minute, requests: 1, tokens });
      else {
        // Rows can land slightly out of order (a long stream started earlier ends later).
        const index = entry.buckets.findIndex((bucket) => bucket.minute >= minute);
        const at_ = entry.buckets[index];
        if (at_ && at_.minute === minute) {
          at_.requests += 1;
          at_.tokens += tokens;
        } else entry.buckets.splice(index, 0, { minute, requests: 1, tokens });
      }
      return;
    }
    roll(entry, at);
    if (entry.window && at >= entry.window.start) {
      entry.requests += 1;
      entry.tokens += tokens;
    }
  };

  const roll = (entry: Tracked, now: number) => {
    const quota = entry.connection.quota;
    if (quota.window === '5h') {
      const oldest = Math.floor((now - ROLLING_5H_MS) / MINUTE_MS);
      while (entry.buckets.length > 0 && entry.buckets[0]!.minute < oldest) entry.buckets.shift();
      return;
    }
    if (!entry.window || now >= entry.window.end) {
      entry.window = fixedWindow(quota.window, now, quota.resetAt);
      entry.requests = 0;
      entry.tokens = 0;
    }
  };

  const totals = (entry: Tracked, now: number) => {
    roll(entry, now);
    if (entry.connection.quota.window !== '5h') return { requests: entry.requests, tokens: entry.tokens };
    let requests = 0;
    let tokens = 0;
    for (const bucket of entry.buckets) {
      requests += bucket.requests;
      tokens += bucket.tokens;
    }
    return { requests, tokens };
  };

  const over = (quota: ConnectionQuota, used: { requests: number; tokens: number }) =>
    (quota.requests !== undefined && used.requests >= quota.requests) || (quota.tokens !== undefined && used.tokens >= quota.tokens);

  /** Rolling: the end of the minute whose expiry brings usage back under the limits. */
  const rollingReset = (entry: Tracked, used: { requests: number; tokens: number }): number | undefined => {
    let { requests, tokens } = used;
    for (const bucket of entry.buckets) {
      requests -= bucket.requests;
      tokens -= bucket.tokens;
      if (!over(entry.connection.quota, { requests, tokens })) return (bucket.minute + 1) * MINUTE_MS + ROLLING_5H_MS;
    }
    return undefined;
  };

  const exhaustedUntil = (entry: Tracked, now: number): number | undefined => {
    const used = totals(entry, now);
    if (!over(entry.connection.quota, used)) return undefined;
    return entry.connection.quota.window === '5h' ? rollingReset(entry, used) : entry.window?.end;
  };

  return {
    async configure(connections, now = clock()) {
      const next = new Map<string, Tracked>();
      for (const connection of connections) {
        const quota = connection.quota;
        if (!quota) continue;
        const previous = tracked.get(connection.id);
        if (previous && sameDefinition(previous.connection.quota, quota)) {
          next.set(connection.id, { ...previous, connection: { ...connection, quota } });
          continue;
        }
        const entry: Tracked = { connection: { ...connection, quota }, requests: 0, tokens: 0, buckets: [] };
        roll(entry, now);
        const since = quota.window === '5h' ? now - ROLLING_5H_MS : entry.window!.start;
        for (const use of await input.spend.connectionUses(connection.id, since)) add(entry, use.createdAt, use.tokens);
        next.set(connection.id, entry);
      }
      tracked = next;
    },

    observe(row) {
      if (row.connectionId === null) return;
      const entry = tracked.get(row.connectionId);
      if (!entry || !consumed(row)) return;
      add(entry, row.createdAt, (row.inputTokens ?? 0) + (row.outputTokens ?? 0));
    },

    exhaustedUntil(connectionId, now) {
      const entry = tracked.get(connectionId);
      return entry ? exhaustedUntil(entry, now) : undefined;
    },

    list(now = clock()) {
      return [...tracked.values()].map((entry) => {
        const quota = entry.connection.quota;
        const used = totals(entry, now);
        const until = exhaustedUntil(entry, now);
        const resetAt = until ?? (quota.window === '5h' ? (entry.buckets[0] ? (entry.buckets[0].minute + 1) * MINUTE_MS + ROLLING_5H_MS : null) : (entry.window?.end ?? null));
        return {
          connectionId: entry.connection.id,
          connectionName: entry.connection.name,
          provider: entry.connection.providerId,
          window: quota.window,
          requests: { used: used.requests, limit: quota.requests ?? null },
          tokens: { used: used.tokens, limit: quota.tokens ?? null },
          exhausted: until !== undefined,
          resetAt,
          resetInMs: resetAt === null ? null : Math.max(0, resetAt - now),
        };
      });
    },
  };
}
