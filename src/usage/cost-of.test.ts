import { describe, expect, it } from 'vitest';
import { costOf } from './cost-of.js';

const price = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75, reasoning: 20 };

describe('costOf', () => {
  it('bills plain input and output per million tokens', () => {
    expect(costOf({ inputTokens: 1_000_000, outputTokens: 0 }, price)).toBe(3);
    expect(costOf({ inputTokens: 0, outputTokens: 2_000_000 }, price)).toBe(30);
    expect(costOf({ inputTokens: 1000, outputTokens: 500 }, price)).toBeCloseTo((1000 * 3 + 500 * 15) / 1e6, 12);
  });

  it('takes cached and cache-written tokens out of input once, at their own rates', () => {
    // 1000 prompt tokens: 600 read from cache, 300 written to it, 100 plain.
    const usage = { inputTokens: 1000, outputTokens: 0, cachedInputTokens: 600, cacheWriteTokens: 300 };
    expect(costOf(usage, price)).toBeCloseTo((100 * 3 + 600 * 0.3 + 300 * 3.75) / 1e6, 12);
    // Double-counting would bill the 600 cached tokens also at the input price.
    expect(costOf(usage, price)).toBeLessThan((1000 * 3 + 600 * 0.3 + 300 * 3.75) / 1e6);
  });

  it('takes reasoning out of output and bills it at the reasoning rate, else the output rate', () => {
    const usage = { inputTokens: 0, outputTokens: 1000, reasoningTokens: 400 };
    expect(costOf(usage, price)).toBeCloseTo((600 * 15 + 400 * 20) / 1e6, 12);
    expect(costOf(usage, { input: 3, output: 15 })).toBeCloseTo((1000 * 15) / 1e6, 12);
  });

  it('bills cache reads and writes at the input price when the model has no cache prices', () => {
    const usage = { inputTokens: 1000, outputTokens: 0, cachedInputTokens: 600, cacheWriteTokens: 100 };
    expect(costOf(usage, { input: 2, output: 8 })).toBeCloseTo((1000 * 2) / 1e6, 12);
  });

  it('never goes negative on inconsistent counts', () => {
    expect(costOf({ inputTokens: 10, outputTokens: 5, cachedInputTokens: 50, reasoningTokens: 50 }, price)).toBeGreaterThanOrEqual(0);
  });
});
