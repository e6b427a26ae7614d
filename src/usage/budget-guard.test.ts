import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { BudgetEntry } from '../config/config-file-schema.js';
import type { SpendFilter, SpendRepository } from '../store/repositories/spend-repository.js';
import { createBudgetGuard, type BudgetSource } from './budget-guard.js';
import { makeLog } from './test-support/make-log.js';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const TOMORROW = Date.parse('2026-11-22T00:00:00Z');

function spendOf(rows: ReadonlyArray<{ at: number; apiKeyId?: string; provider?: string; cost: number }>): SpendRepository {
  return {
    spend: (filter: SpendFilter) =>
      Promise.resolve({
        costUsd: rows.filter((r) => r.at >= filter.since && (filter.apiKeyId === undefined || r.apiKeyId === filter.apiKeyId) && (filter.provider === undefined || r.provider === filter.provider)).reduce((sum, r) => sum + r.cost, 0),
        unpricedRequests: 0,
      }),
    connectionUses: () => Promise.resolve([]),
  };
}

function guard(config: BudgetEntry[], options: { rows?: Parameters<typeof spendOf>[0]; source?: BudgetSource; clock?: { now: number } } = {}) {
  const warnings: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
  const clock = options.clock ?? { now: NOW };
  const budgets = createBudgetGuard({ config, source: options.source ?? { apiKeys: () => Promise.resolve([]) }, spend: spendOf(options.rows ?? []), logger, now: () => clock.now });
  return { budgets, warnings, clock };
}

const row = (index: number, overrides: Parameters<typeof makeLog>[1]) => makeLog(index, { createdAt: NOW, inputTokens: 1, outputTokens: 1, ...overrides });

describe('budget guard', () => {
  it('allows spend below the limit and refuses at the limit exactly, naming the budget and its reset', async () => {
    const { budgets } = guard([{ apiKey: 'key_a', daily: 1 }]);
    await budgets.reload();
    budgets.observe(row(1, { apiKeyId: 'key_a', costUsd: 0.6 }));
    budgets.observe(row(2, { apiKeyId: 'key_a', costUsd: 0.399 }));
    expect(budgets.check({ apiKeyId: 'key_a' })).toEqual({ allowed: true });
    budgets.observe(row(3, { apiKeyId: 'key_a', costUsd: 0.001 }));
    const decision = budgets.check({ apiKeyId: 'key_a' });
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    expect(decision.policy).toBe('reject');
    expect(decision.resetAt).toBe(TOMORROW);
    expect(decision.message).toContain('daily budget of $1.00 for API key "key_a"');
    expect(decision.message).toContain('2026-11-22T00:00:00.000Z');
    // Another key is not affected.
    expect(budgets.check({ apiKeyId: 'key_b' })).toEqual({ allowed: true });
  });

  it('starts from the spend already in the request log of the current window', async () => {
    const rows = [
      { at: NOW - 60_000, apiKeyId: 'key_a', cost: 2 },
      { at: Date.parse('2026-11-20T23:00:00Z'), apiKeyId: 'key_a', cost: 100 },
    ];
    const { budgets } = guard([{ apiKey: 'key_a', daily: 2.5, monthly: 101 }], { rows });
    await budgets.reload();
    const [status] = budgets.list();
    expect(status?.periods.map((p) => [p.period, p.spentUsd])).toEqual([
      ['daily', 2],
      ['monthly', 102],
    ]);
    expect(budgets.check({ apiKeyId: 'key_a' }).allowed).toBe(false);
  });

  it('resets when the window rolls over (injected clock)', async () => {
    const { budgets, clock } = guard([{ apiKey: 'key_a', daily: 1 }]);
    await budgets.reload();
    budgets.observe(row(1, { apiKeyId: 'key_a', costUsd: 1 }));
    expect(budgets.check({ apiKeyId: 'key_a' }).allowed).toBe(false);
    clock.now = TOMORROW - 1;
    expect(budgets.check({ apiKeyId: 'key_a' }).allowed).toBe(false);
    clock.now = TOMORROW;
    expect(budgets.check({ apiKeyId: 'key_a' })).toEqual({ allowed: true });
    expect(budgets.list()[0]?.periods[0]).toMatchObject({ spentUsd: 0, windowStart: TOMORROW });
  });

  it('provider budgets count everyone on that provider and are checked per target; downgrade policy is reported', async () => {
    const { budgets } = guard([{ provider: 'anthropic', weekly: 5, policy: 'downgrade' }]);
    await budgets.reload();
    budgets.observe(row(1, { apiKeyId: 'key_a', provider: 'anthropic', costUsd: 3 }));
    budgets.observe(row(2, { apiKeyId: 'key_b', provider: 'anthropic', costUsd: 2 }));
    budgets.observe(row(3, { apiKeyId: 'key_b', provider: 'openai', costUsd: 50 }));
    // Not a key-level budget: the key check passes; the provider check refuses anthropic only.
    expect(budgets.check({ apiKeyId: 'key_a' })).toEqual({ allowed: true });
    expect(budgets.checkProvider({ apiKeyId: 'key_c', provider: 'openai' })).toEqual({ allowed: true });
    expect(budgets.checkProvider({ apiKeyId: 'key_c', provider: 'anthropic' })).toMatchObject({ allowed: false, policy: 'downgrade' });
  });

  it('resolves a config budget naming a key to its id, and takes budgets stored on keys from the source', async () => {
    const source: BudgetSource = {
      apiKeys: () =>
        Promise.resolve([
          { id: 'key_1', name: 'ci' },
          { id: 'key_2', name: 'laptop', budget: { monthly: 10 } },
        ]),
    };
    const { budgets } = guard([{ apiKey: 'ci', daily: 1 }], { source });
    await budgets.reload();
    budgets.observe(row(1, { apiKeyId: 'key_1', costUsd: 1 }));
    budgets.observe(row(2, { apiKeyId: 'key_2', costUsd: 10 }));
    expect(budgets.check({ apiKeyId: 'key_1' })).toMatchObject({ allowed: false });
    expect(budgets.check({ apiKeyId: 'key_2' })).toMatchObject({ allowed: false });
    expect(budgets.list().map((b) => [b.id, b.source, b.apiKey])).toEqual([
      ['config:0', 'config', 'ci'],
      ['api-key:key_2', 'api-key', 'laptop'],
    ]);
  });

  it('logs a threshold alert once per window and lists it', async () => {
    const { budgets, warnings } = guard([{ apiKey: 'key_a', daily: 10, alertAt: 0.5 }]);
    await budgets.reload();
    budgets.observe(row(1, { apiKeyId: 'key_a', costUsd: 4.9 }));
    expect(budgets.alerts()).toEqual([]);
    budgets.observe(row(2, { apiKeyId: 'key_a', costUsd: 0.1 }));
    budgets.observe(row(3, { apiKeyId: 'key_a', costUsd: 1 }));
    expect(budgets.alerts()).toEqual([{ budgetId: 'config:0', period: 'daily', at: NOW, spentUsd: 5, limitUsd: 10, resetAt: TOMORROW }]);
    expect(warnings.filter((line) => line.includes('budget alert'))).toHaveLength(1);
    expect(budgets.list()[0]?.periods[0]).toMatchObject({ alerted: true, exceeded: false });
  });

  it('counts unpriced requests apart instead of as $0', async () => {
    const { budgets } = guard([{ apiKey: 'key_a', daily: 1 }]);
    await budgets.reload();
    budgets.observe(row(1, { apiKeyId: 'key_a', costUsd: null, unpriced: true }));
    expect(budgets.list()[0]?.periods[0]).toMatchObject({ spentUsd: 0, unpricedRequests: 1 });
  });
});
