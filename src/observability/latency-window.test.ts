import { describe, expect, it } from 'vitest';
import { createLatencyWindow } from './latency-window.js';

describe('latency window', () => {
  it('keeps only the newest samples per provider and reports percentiles', () => {
    const window = createLatencyWindow({ size: 10, maxProviders: 2 });
    for (let i = 1; i <= 30; i += 1) window.add('openai', i, i % 2 === 0 ? i : null);
    window.add('anthropic', 500, 50);
    window.add('third', 1, 1);
    const [anthropic, openai] = window.snapshot();
    expect(anthropic).toEqual({ provider: 'anthropic', samples: 1, latencyMs: { p50: 500, p95: 500, p99: 500 }, ttfbMs: { p50: 50, p95: 50, p99: 50 } });
    expect(openai?.samples).toBe(10);
    expect(openai?.latencyMs).toEqual({ p50: 25, p95: 30, p99: 30 });
    expect(window.snapshot().map((p) => p.provider)).toEqual(['anthropic', 'openai']);
  });
});
