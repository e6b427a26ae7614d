/**
 * Failed-login counting per client address. Async so a shared (Redis) implementation can stand
 * in for the in-memory one when several instances serve one dashboard.
 */
export interface LoginRateLimiter {
  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterMs(key: string, now: number): Promise<number>;
  recordFailure(key: string, now: number): Promise<void>;
  reset(key: string): Promise<void>;
}

export interface LoginRateLimitOptions {
  maxFailures: number;
  windowMs: number;
  /** Bound on tracked addresses, so a flood of spoofed peers cannot grow memory without limit. */
  maxKeys?: number;
}

/** A sliding window of failure timestamps per key. */
export function createMemoryLoginRateLimiter(options: LoginRateLimitOptions): LoginRateLimiter {
  const failures = new Map<string, number[]>();
  const maxKeys = options.maxKeys ?? 10_000;

  const recent = (key: string, now: number): number[] => {
    const kept = (failures.get(key) ?? []).filter((t) => t > now - options.windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };

  return {
    async retryAfterMs(key, now) {
      const kept = recent(key, now);
      if (kept.length < options.maxFailures) return 0;
      // The window opens again when the oldest failure that still counts ages out.
      const oldest = kept[kept.length - options.maxFailures]!;
      return Math.max(1, oldest + options.windowMs - now);
    },
    async recordFailure(key, now) {
      const kept = recent(key, now);
      kept.push(now);
      failures.delete(key);
      failures.set(key, kept.slice(-options.maxFailures));
      if (failures.size > maxKeys) {
        const eldest = failures.keys().next().value;
        if (eldest !== undefined) failures.delete(eldest);
      }
    },
    async reset(key) {
      failures.delete(key);
    },
  };
}
