import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { SeriesHistogram, createSeriesCounter } from './aggregated-metrics.js';
import type { RequestLogRow } from '../store/repositories/request-log-repository.js';

export interface GatewayMetrics {
  observe(row: RequestLogRow): void;
  inFlight: { inc(): void; dec(): void };
  contentType: string;
  render(): Promise<string>;
}

/**
 * Keeps a label's distinct values bounded: the first `max` values seen keep their name, later
 * ones are reported as `other`. Prometheus memory grows with every series, so a client sending
 * random model names must not be able to grow it without end.
 */
export function createLabelCap(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return 'other';
    seen.add(value);
    return value;
  };
}

function statusClass(status: number): string {
  if (status === 0) return 'none';
  if (status === 499) return 'cancelled';
  return `${Math.floor(status / 100)}xx`;
}

const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const TTFB_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Prometheus metrics fed only from recorded request-log rows (plus the in-flight gauge), in a
 * registry of their own (no global state). Labels never carry request ids or key material. The
 * per-request series are counted in aggregated-metrics.ts and read by prom-client at scrape.
 */
export function createGatewayMetrics(options: { maxModels: number; maxProviders?: number; defaultMetrics?: boolean }): GatewayMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'omniroute_' });
  const model = createLabelCap(options.maxModels);
  const provider = createLabelCap(options.maxProviders ?? 100);
  const errorClass = createLabelCap(50);
  const clientFormat = createLabelCap(10);

  const requests = createSeriesCounter({ name: 'omniroute_requests_total', help: 'Generation requests by outcome.', labelNames: ['provider', 'model', 'status_class', 'client_format'], registry });
  const latency = new SeriesHistogram({ name: 'omniroute_request_duration_seconds', help: 'Whole request duration, including streaming.', labelNames: ['provider', 'status_class'], buckets: LATENCY_BUCKETS, registry });
  const ttfb = new SeriesHistogram({ name: 'omniroute_time_to_first_byte_seconds', help: 'Request start to the first upstream byte.', labelNames: ['provider'], buckets: TTFB_BUCKETS, registry });
  const tokens = createSeriesCounter({ name: 'omniroute_tokens_total', help: 'Tokens by kind (input, output, cached_input, cache_write, reasoning).', labelNames: ['provider', 'model', 'kind'], registry });
  const cost = createSeriesCounter({ name: 'omniroute_cost_usd_total', help: 'Cost of priced requests in US dollars.', labelNames: ['provider', 'model'], registry });
  const unpriced = createSeriesCounter({ name: 'omniroute_unpriced_requests_total', help: 'Requests to models without a price (not counted as $0).', labelNames: ['provider', 'model'], registry });
  const upstreamErrors = createSeriesCounter({ name: 'omniroute_upstream_errors_total', help: 'Failed requests by error class.', labelNames: ['provider', 'error_class'], registry });
  let inFlight = 0;
  new Gauge({
    name: 'omniroute_requests_in_flight',
    help: 'Generation requests being served now.',
    registers: [registry],
    collect() {
      this.set(inFlight);
    },
  });

  return {
    observe(row) {
      const p = provider(row.provider ?? 'none');
      const m = model(row.modelUsed ?? row.modelRequested ?? 'none');
      const s = statusClass(row.status);
      requests.inc([p, m, s, clientFormat(row.clientFormat)]);
      latency.record([p, s], row.latencyMs / 1000);
      if (row.ttfbMs !== null) ttfb.record([p], row.ttfbMs / 1000);
      if (row.inputTokens) tokens.inc([p, m, 'input'], row.inputTokens);
      if (row.outputTokens) tokens.inc([p, m, 'output'], row.outputTokens);
      if (row.cachedTokens) tokens.inc([p, m, 'cached_input'], row.cachedTokens);
      if (row.cacheWriteTokens) tokens.inc([p, m, 'cache_write'], row.cacheWriteTokens);
      if (row.reasoningTokens) tokens.inc([p, m, 'reasoning'], row.reasoningTokens);
      if (row.costUsd !== null && row.costUsd > 0) cost.inc([p, m], row.costUsd);
      if (row.unpriced) unpriced.inc([p, m]);
      if (row.status >= 400) upstreamErrors.inc([p, errorClass(row.errorClass ?? row.errorCode ?? 'unknown')]);
    },
    inFlight: {
      inc: () => void (inFlight += 1),
      dec: () => void (inFlight -= 1),
    },
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}
