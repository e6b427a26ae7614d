import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/describe-each-database.js';
import { createRequestLogAnalytics, percentile, type RequestLogAnalytics } from './request-log-analytics.js';
import { createRequestLogRepository, type RequestLogInput, type RequestLogRepository } from './request-log-repository.js';
import { makeLogInput } from '../../usage/test-support/make-log.js';

const HOUR = 3_600_000;
// A day boundary, so hour and day buckets are easy to name.
const DAY0 = Date.UTC(2026, 0, 10);

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });
});

describeEachDatabase('request log analytics', ['request_logs'], (db) => {
  let logs: RequestLogRepository;
  let analytics: RequestLogAnalytics;

  beforeAll(() => {
    logs = createRequestLogRepository(db.database);
    analytics = createRequestLogAnalytics(db.database);
  });

  it('sums tokens and known costs, counts unpriced requests apart, and computes percentiles', async () => {
    const rows: RequestLogInput[] = [];
    for (let i = 1; i <= 20; i += 1) {
      rows.push(
        makeLogInput(i, {
          createdAt: DAY0 + i,
          latencyMs: i * 10,
          ttfbMs: i,
          status: i <= 4 ? 502 : 200,
          inputTokens: 10,
          outputTokens: 5,
          cachedTokens: 2,
          cacheWriteTokens: 1,
          reasoningTokens: 3,
          costUsd: i % 2 === 0 ? 0.25 : null,
          unpriced: i % 2 === 1,
        }),
      );
    }
    rows.push(makeLogInput(99, { createdAt: DAY0 + 2 * 86_400_000, costUsd: 100 }));
    await logs.insertMany(rows);

    const summary = await analytics.summary({ since: DAY0, until: DAY0 + 86_400_000 });
    expect(summary).toEqual({
      requests: 20,
      successes: 16,
      errors: 4,
      successRate: 0.8,
      tokens: { input: 200, output: 100, cachedInput: 40, cacheWrite: 20, reasoning: 60 },
      costUsd: 2.5,
      pricedRequests: 10,
      unpricedRequests: 10,
      latencyMs: { p50: 100, p95: 190, p99: 200 },
      ttfbMs: { p50: 10, p95: 19, p99: 20 },
      percentileSample: 20,
    });
  });

  it('answers an empty range with zeros and null rates', async () => {
    const summary = await analytics.summary({ since: DAY0, until: DAY0 + 1 });
    expect(summary.requests).toBe(0);
    expect(summary.successRate).toBeNull();
    expect(summary.latencyMs).toBeNull();
    expect(summary.costUsd).toBe(0);
  });

  it('buckets by hour and day, grouped by provider, model, key and combo', async () => {
    await logs.insertMany([
      makeLogInput(1, { createdAt: DAY0 + 5, provider: 'openai', modelUsed: 'gpt-5', apiKeyId: 'k1', combo: 'fast', latencyMs: 10 }),
      makeLogInput(2, { createdAt: DAY0 + 10, provider: 'anthropic', modelRequested: 'sonnet', modelUsed: 'claude-sonnet-4-5', apiKeyId: 'k1', latencyMs: 20 }),
      makeLogInput(3, { createdAt: DAY0 + HOUR + 1, provider: 'openai', modelUsed: 'gpt-5', apiKeyId: 'k2', combo: 'fast', status: 500, latencyMs: 30 }),
      makeLogInput(4, { createdAt: DAY0 + 86_400_000 + 3, provider: 'openai', modelUsed: null, modelRequested: 'gpt-5-mini', latencyMs: 40 }),
    ]);
    const range = { since: DAY0, until: DAY0 + 2 * 86_400_000 };

    const hourly = await analytics.timeseries({ ...range, interval: 'hour', groupBy: 'provider' });
    expect(hourly.map((p) => [p.bucket - DAY0, p.group, p.requests, p.successes, p.latencyMs?.p50])).toEqual([
      [0, 'anthropic', 1, 1, 20],
      [0, 'openai', 1, 1, 10],
      [HOUR, 'openai', 1, 0, 30],
      [86_400_000, 'openai', 1, 1, 40],
    ]);

    const daily = await analytics.timeseries({ ...range, interval: 'day' });
    expect(daily.map((p) => [p.bucket - DAY0, p.group, p.requests])).toEqual([
      [0, null, 3],
      [86_400_000, null, 1],
    ]);

    const byModel = await analytics.timeseries({ ...range, interval: 'day', groupBy: 'model' });
    expect(byModel.map((p) => [p.bucket - DAY0, p.group, p.requests])).toEqual([
      [0, 'claude-sonnet-4-5', 1],
      [0, 'gpt-5', 2],
      [86_400_000, 'gpt-5-mini', 1],
    ]);

    const byKey = await analytics.timeseries({ ...range, interval: 'day', groupBy: 'apiKey' });
    expect(byKey.filter((p) => p.bucket === DAY0).map((p) => [p.group, p.requests])).toEqual([
      ['k1', 2],
      ['k2', 1],
    ]);
    const byCombo = await analytics.timeseries({ ...range, interval: 'day', groupBy: 'combo' });
    expect(byCombo.filter((p) => p.bucket === DAY0).map((p) => [p.group, p.requests, p.successRate])).toEqual([
      ['fast', 2, 0.5],
      [null, 1, 1],
    ]);
  });

  it('bounds the percentile sample to the newest rows of the range', async () => {
    const bounded = createRequestLogAnalytics(db.database, { percentileSampleRows: 3 });
    await logs.insertMany(Array.from({ length: 6 }, (_, i) => makeLogInput(i, { createdAt: DAY0 + i, latencyMs: (i + 1) * 100 })));
    const summary = await bounded.summary({ since: DAY0, until: DAY0 + 100 });
    expect(summary.requests).toBe(6);
    expect(summary.percentileSample).toBe(3);
    expect(summary.latencyMs).toEqual({ p50: 500, p95: 600, p99: 600 });
  });
});
