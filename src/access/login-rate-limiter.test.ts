import { describe, expect, it } from 'vitest';
import { createMemoryLoginRateLimiter } from './login-rate-limiter.js';

const MINUTE = 60_000;

describe('in-memory login rate limiter', () => {
  it('allows maxFailures failures in the window, then says how long to wait', async () => {
    const limiter = createMemoryLoginRateLimiter({ maxFailures: 3, windowMs: 15 * MINUTE });
    for (let i = 0; i < 3; i += 1) {
      expect(await limiter.retryAfterMs('1.2.3.4', i * MINUTE)).toBe(0);
      await limiter.recordFailure('1.2.3.4', i * MINUTE);
    }
    expect(await limiter.retryAfterMs('1.2.3.4', 3 * MINUTE)).toBe(12 * MINUTE);
    expect(await limiter.retryAfterMs('5.6.7.8', 3 * MINUTE)).toBe(0);
    // The first failure ages out of the window: one more try is allowed.
    expect(await limiter.retryAfterMs('1.2.3.4', 15 * MINUTE)).toBe(0);
  });

  it('forgets a key on reset (after a successful login)', async () => {
    const limiter = createMemoryLoginRateLimiter({ maxFailures: 1, windowMs: MINUTE });
    await limiter.recordFailure('k', 0);
    expect(await limiter.retryAfterMs('k', 1)).toBeGreaterThan(0);
    await limiter.reset('k');
    expect(await limiter.retryAfterMs('k', 1)).toBe(0);
  });

  it('tracks a bounded number of addresses', async () => {
    const limiter = createMemoryLoginRateLimiter({ maxFailures: 1, windowMs: MINUTE, maxKeys: 2 });
    for (const key of ['a', 'b', 'c']) await limiter.recordFailure(key, 0);
    expect(await limiter.retryAfterMs('a', 1)).toBe(0);
    expect(await limiter.retryAfterMs('c', 1)).toBeGreaterThan(0);
  });
});
