import { describe, expect, it } from 'vitest';
import type { ConnectionQuota } from '../config/config-file-schema.js';
import type { ConnectionUse, SpendRepository } from '../store/repositories/spend-repository.js';
import { createQuotaTracker } from './quota-tracker.js';
import { makeLog } from './test-support/make-log.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-11-21T10:00:00Z');

function tracker(quota: ConnectionQuota, history: ConnectionUse[] = []) {
  const clock = { now: T0 };
  const spend: SpendRepository = {
    spend: () => Promise.resolve({ costUsd: 0, unpricedRequests: 0 }),
    connectionUses: (_id, since) => Promise.resolve(history.filter((use) => use.createdAt >= since)),
  };
  const quotas = createQuotaTracker({ spend, now: () => clock.now });
  const use = (at: number, tokens = 10, status = 200) =>
    quotas.observe(makeLog(at, { createdAt: at, connectionId: 'conn_a', status, inputTokens: status < 300 ? tokens : null, outputTokens: status < 300 ? 0 : null }));
  return { quotas, clock, use, configure: () => quotas.configure([{ id: 'conn_a', name: 'plan', providerId: 'claude', quota }]) };
}

describe('quota tracker', () => {
  it('rolling 5h: exhausted at the request limit until the oldest counted minute leaves the window', async () => {
    const { quotas, use, configure } = tracker({ window: '5h', requests: 3 });
    await configure();
    use(T0);
    use(T0 + 30 * MINUTE);
    expect(quotas.exhaustedUntil('conn_a', T0 + 31 * MINUTE)).toBeUndefined();
    use(T0 + 60 * MINUTE);
    const until = quotas.exhaustedUntil('conn_a', T0 + 61 * MINUTE);
    expect(until).toBe(T0 + MINUTE + 5 * HOUR);
    expect(quotas.exhaustedUntil('conn_a', until! - 1)).toBe(until);
    expect(quotas.exhaustedUntil('conn_a', until!)).toBeUndefined();
    const [status] = quotas.list(until!);
    expect(status).toMatchObject({ connectionId: 'conn_a', window: '5h', requests: { used: 2, limit: 3 }, exhausted: false });
  });

  it('failed requests do not count; tokens do', async () => {
    const { quotas, use, configure } = tracker({ window: '5h', tokens: 100 });
    await configure();
    use(T0, 0, 429);
    use(T0, 60);
    expect(quotas.exhaustedUntil('conn_a', T0)).toBeUndefined();
    use(T0 + MINUTE, 40);
    expect(quotas.exhaustedUntil('conn_a', T0 + MINUTE)).toBe(T0 + MINUTE + 5 * HOUR);
    expect(quotas.list(T0 + MINUTE)[0]).toMatchObject({ tokens: { used: 100, limit: 100 }, requests: { used: 2, limit: null } });
  });

  it('daily at resetAt: exhausted until the reset time, then counts start over', async () => {
    const { quotas, clock, use, configure } = tracker({ window: 'daily', resetAt: '08:00', requests: 2 });
    await configure();
    use(T0);
    use(T0 + HOUR);
    const reset = Date.parse('2026-11-22T08:00:00Z');
    expect(quotas.exhaustedUntil('conn_a', T0 + 2 * HOUR)).toBe(reset);
    clock.now = reset - 1;
    expect(quotas.list()[0]).toMatchObject({ exhausted: true, resetAt: reset, resetInMs: 1 });
    expect(quotas.exhaustedUntil('conn_a', reset)).toBeUndefined();
    clock.now = reset;
    expect(quotas.list()[0]).toMatchObject({ exhausted: false, requests: { used: 0, limit: 2 } });
  });

  it('weekly and monthly windows reset on Monday and on the 1st', async () => {
    const weekly = tracker({ window: 'weekly', requests: 1 });
    await weekly.configure();
    weekly.use(T0);
    expect(weekly.quotas.exhaustedUntil('conn_a', T0)).toBe(Date.parse('2026-11-23T00:00:00Z'));
    const monthly = tracker({ window: 'monthly', requests: 1 });
    await monthly.configure();
    monthly.use(T0);
    expect(monthly.quotas.exhaustedUntil('conn_a', T0)).toBe(Date.parse('2026-12-01T00:00:00Z'));
  });

  it('reloads the counts of the current window from the request log', async () => {
    const history = [
      { createdAt: T0 - 6 * HOUR, tokens: 5 },
      { createdAt: T0 - 2 * HOUR, tokens: 5 },
      { createdAt: T0 - HOUR, tokens: 5 },
    ];
    const { quotas, configure } = tracker({ window: '5h', requests: 2 }, history);
    await configure();
    expect(quotas.list(T0)[0]).toMatchObject({ requests: { used: 2, limit: 2 }, tokens: { used: 10, limit: null }, exhausted: true });
    expect(quotas.exhaustedUntil('conn_a', T0)).toBe(T0 - 2 * HOUR + MINUTE + 5 * HOUR);
  });

  it('ignores connections without a quota', async () => {
    const { quotas } = tracker({ window: '5h', requests: 1 });
    await quotas.configure([{ id: 'conn_b', name: 'payg', providerId: 'openai' }]);
    quotas.observe(makeLog(1, { connectionId: 'conn_b' }));
    expect(quotas.exhaustedUntil('conn_b', T0)).toBeUndefined();
    expect(quotas.list()).toEqual([]);
  });
});
