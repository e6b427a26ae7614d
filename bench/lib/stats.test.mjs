import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from './stats.mjs';

describe('stats', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile(sorted, 0)).toBe(1);
  });

  it('sorts before taking the median, numerically', () => {
    expect(median([10, 9, 1, 2, 100])).toBe(9);
  });

  it('summarises samples in any order', () => {
    const summary = summarize([3, 1, 2, 4]);
    expect(summary).toMatchObject({ count: 4, mean: 2.5, min: 1, max: 4, p50: 2 });
  });

  it('reports NaN, not zero, when nothing was measured', () => {
    const summary = summarize([]);
    expect(summary.count).toBe(0);
    expect(summary.p50).toBeNaN();
    expect(summary.mean).toBeNaN();
  });
});
