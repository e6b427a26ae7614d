import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SeriesHistogram, createSeriesCounter } from './aggregated-metrics.js';

const BUCKETS = [0.1, 0.5, 1, 5];
const OBSERVATIONS: Array<[string, string, number]> = [
  ['openai', '2xx', 0.05],
  ['openai', '2xx', 0.7],
  ['openai', '5xx', 3],
  ['anthropic', '2xx', 9],
  ['openai', '2xx', 1],
];

describe('aggregated metrics', () => {
  it('a series histogram writes exactly what a prom-client histogram writes for the same observations', async () => {
    const ours = new Registry();
    const reference = new Registry();
    const histogram = new SeriesHistogram({ name: 'h_seconds', help: 'h', labelNames: ['provider', 'status'], buckets: BUCKETS, registry: ours });
    const expected = new Histogram({ name: 'h_seconds', help: 'h', labelNames: ['provider', 'status'], buckets: BUCKETS, registers: [reference] });
    for (const [provider, status, value] of OBSERVATIONS) {
      histogram.record([provider, status], value);
      expected.observe({ provider, status }, value);
    }
    expect(await ours.metrics()).toBe(await reference.metrics());
  });

  it('a series counter writes what a prom-client counter writes, across several scrapes', async () => {
    const ours = new Registry();
    const reference = new Registry();
    const counter = createSeriesCounter({ name: 'c_total', help: 'c', labelNames: ['provider', 'kind'], registry: ours });
    const expected = new Counter({ name: 'c_total', help: 'c', labelNames: ['provider', 'kind'], registers: [reference] });
    counter.inc(['openai', 'input'], 10);
    expected.inc({ provider: 'openai', kind: 'input' }, 10);
    expect(await ours.metrics()).toBe(await reference.metrics());
    counter.inc(['openai', 'input'], 5);
    counter.inc(['anthropic', 'output']);
    expected.inc({ provider: 'openai', kind: 'input' }, 5);
    expected.inc({ provider: 'anthropic', kind: 'output' });
    expect(await ours.metrics()).toBe(await reference.metrics());
    expect(await ours.metrics()).toContain('c_total{provider="openai",kind="input"} 15');
  });
});
