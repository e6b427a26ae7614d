import { describe, expect, it } from 'vitest';
import { makeLog } from '../usage/test-support/make-log.js';
import { createGatewayMetrics, createLabelCap } from './gateway-metrics.js';

describe('gateway metrics', () => {
  it('counts requests, tokens, cost, unpriced requests, errors and latency from rows', async () => {
    const metrics = createGatewayMetrics({ maxModels: 10, defaultMetrics: false });
    metrics.observe(makeLog(1, { modelUsed: 'gpt-5', latencyMs: 1500, ttfbMs: 200, inputTokens: 100, outputTokens: 20, cachedTokens: 50, costUsd: 0.5 }));
    metrics.observe(makeLog(2, { modelUsed: 'gpt-5', status: 502, errorClass: 'upstream_error', unpriced: true }));
    metrics.inFlight.inc();
    const text = await metrics.render();
    expect(text).toContain('omniroute_requests_total{provider="openai",model="gpt-5",status_class="2xx",client_format="openai-chat"} 1');
    expect(text).toContain('omniroute_requests_total{provider="openai",model="gpt-5",status_class="5xx",client_format="openai-chat"} 1');
    expect(text).toContain('omniroute_tokens_total{provider="openai",model="gpt-5",kind="input"} 100');
    expect(text).toContain('omniroute_tokens_total{provider="openai",model="gpt-5",kind="cached_input"} 50');
    expect(text).toContain('omniroute_cost_usd_total{provider="openai",model="gpt-5"} 0.5');
    expect(text).toContain('omniroute_unpriced_requests_total{provider="openai",model="gpt-5"} 1');
    expect(text).toContain('omniroute_upstream_errors_total{provider="openai",error_class="upstream_error"} 1');
    expect(text).toContain('omniroute_request_duration_seconds_bucket{le="2.5",provider="openai",status_class="2xx"} 1');
    expect(text).toContain('omniroute_time_to_first_byte_seconds_count{provider="openai"} 1');
    expect(text).toContain('omniroute_requests_in_flight 1');
    expect(text).not.toContain('req_');
  });

  it('reports models beyond the cap as "other"', async () => {
    const metrics = createGatewayMetrics({ maxModels: 2, defaultMetrics: false });
    for (const name of ['a', 'b', 'c', 'd', 'a']) metrics.observe(makeLog(1, { modelUsed: name }));
    const text = await metrics.render();
    const models = new Set([...text.matchAll(/omniroute_requests_total\{[^}]*model="([^"]+)"/g)].map((m) => m[1]));
    expect(models).toEqual(new Set(['a', 'b', 'other']));
    expect(text).toContain('model="other",status_class="2xx",client_format="openai-chat"} 2');
  });

  it('label cap keeps known values after filling up', () => {
    const cap = createLabelCap(1);
    expect([cap('x'), cap('y'), cap('x')]).toEqual(['x', 'other', 'x']);
  });
});
