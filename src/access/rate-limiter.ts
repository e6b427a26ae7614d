/**
 * Requests-per-window counters per key. In memory here; a Redis implementation can sit behind the
 * same interface when several instances must share one budget (DESIGN.md §3).
 */
export interface RateLimiter {
  /** Counts one request; when over `limit`, says how long until one more would be allowed. */
  hit(key: string, limit: number, now: number): { allowed: true } | { allowed: false; retryAfterMs: number };
  /** Drops counters that can no longer matter (called periodically). */
  prune(now: number): void;
}

/**
 * Sliding-window counter: the previous fixed window's count, weighted by how much of it still
 * overlaps the last `windowMs`, plus the current window's. Two integers per key, and no burst
 * of 2x the limit at a window boundary as a plain fixed window allows.
 */
export function createMemoryRateLimiter(windowMs = 60_000): RateLimiter {
  const counters = new Map<string, { window: number; current: number; previous: number }>();
  return {
    hit(key, limit, now) {
      const window = Math.floor(now / windowMs);
      let entry = counters.get(key);
      if (!entry) {
        entry = { window, current: 0, previous: 0 };
        counters.set(key, entry);
      } else if (entry.window !== window) {
        entry.previous = entry.window === window - 1 ? entry.current : 0;
        entry.current = 0;
        entry.window = window;
      }
      const elapsed = (now - window * windowMs) / windowMs;
      const estimate = entry.previous * (1 - elapsed) + entry.current;
      if (estimate + 1 > limit) {
        // When the previous window's weight has decayed enough, or at the next boundary at the latest.
        const untilBoundary = (window + 1) * windowMs - now;
        let waitMs = untilBoundary;
        if (entry.previous > 0) {
          const needed = (estimate + 1 - limit) / entry.previous;
          waitMs = Math.min(untilBoundary, Math.max(1, Math.ceil(needed * windowMs)));
        }
        return { allowed: false, retryAfterMs: Math.max(1000, waitMs) };
      }
      entry.current += 1;
      return { allowed: true };
    },
    prune(now) {
      const window = Math.floor(now / windowMs);
      for (const [key, entry] of counters) if (entry.window < window - 1) counters.delete(key);
    },
  };
}
