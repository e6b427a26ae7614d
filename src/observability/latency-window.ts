import { percentilesOf, type Percentiles } from '../store/repositories/request-log-analytics.js';

export interface ProviderLatency {
  provider: string;
  samples: number;
  latencyMs: Percentiles | null;
  ttfbMs: Percentiles | null;
}

export interface LatencyWindow {
  add(provider: string, latencyMs: number, ttfbMs: number | null): void;
  snapshot(): ProviderLatency[];
}

class Ring {
  readonly values: number[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  push(value: number): void {
    if (this.values.length < this.size) this.values.push(value);
    else this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
  }
}

/**
 * The last `size` latencies per provider, in fixed memory (ring buffers, providers capped), so
 * the health view shows current behaviour without a database query.
 */
export function createLatencyWindow(options: { size?: number; maxProviders?: number } = {}): LatencyWindow {
  const size = options.size ?? 500;
  const maxProviders = options.maxProviders ?? 200;
  const byProvider = new Map<string, { latency: Ring; ttfb: Ring }>();
  return {
    add(provider, latencyMs, ttfbMs) {
      let entry = byProvider.get(provider);
      if (!entry) {
        if (byProvider.size >= maxProviders) return;
        byProvider.set(provider, (entry = { latency: new Ring(size), ttfb: new Ring(size) }));
      }
      entry.latency.push(latencyMs);
      if (ttfbMs !== null) entry.ttfb.push(ttfbMs);
    },
    snapshot() {
      return [...byProvider.entries()]
        .map(([provider, entry]) => ({
          provider,
          samples: entry.latency.values.length,
          latencyMs: percentilesOf([...entry.latency.values]),
          ttfbMs: percentilesOf([...entry.ttfb.values]),
        }))
        .sort((a, b) => a.provider.localeCompare(b.provider));
    },
  };
}
