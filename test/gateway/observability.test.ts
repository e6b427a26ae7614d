import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { request } from 'undici';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiError } from '../support/mock-builders.js';
import { startMockedGateway, type MockedGateway } from '../helpers/mocked-gateway.js';
import { mockProviderConfig, type TestGateway } from '../helpers/start-test-gateway.js';

let captured: MockedGateway;
let plain: MockedGateway;
let otlp: { server: Server; url: string; spans: Array<{ name: string; attributes: Array<{ key: string; value: Record<string, unknown> }> }> };

async function get(gw: TestGateway, path: string) {
  // The admin API (/api) needs a login session; /health and /metrics do not.
  const headers = path.startsWith('/api/') ? { cookie: (await gw.adminSession()).cookie } : {};
  const response = await request(`${gw.url}${path}`, { headers });
  const text = await response.body.text();
  const json = response.headers['content-type']?.toString().includes('json') && text ? JSON.parse(text) : undefined;
  return { status: response.statusCode, json, text, contentType: String(response.headers['content-type']) };
}

function client(gw: TestGateway): OpenAI {
  return new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 });
}

/** Bounded wait for something written asynchronously (batched writers). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, tries = 100): Promise<T> {
  for (let i = 0; i < tries; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return read();
}

async function startOtlpReceiver(): Promise<typeof otlp> {
  const spans: typeof otlp.spans = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const rs of body.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans };
}

beforeAll(async () => {
  otlp = await startOtlpReceiver();
  captured = await startMockedGateway((mockUrl) => ({ ...mockProviderConfig(mockUrl), settings: { requestLogFlushMs: 20, logging: { maxBodyBytes: 4096 } } }), {
    env: { ENABLE_REQUEST_LOGS: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url },
  });
  plain = await startMockedGateway((mockUrl) => ({ ...mockProviderConfig(mockUrl), settings: { metrics: { enabled: false } } }));
});
afterAll(async () => {
  await captured?.close();
  await plain?.close();
  otlp?.server.close();
});

describe('request logs API', () => {
  it('lists requests newest first, filters them, and shows one with its redacted bodies', async () => {
    const ok = await client(captured.gateway).chat.completions.create({ model: 'mock/gpt-test', messages: [{ role: 'user', content: 'hello sk-user-secret-1234567890 there' }] }, { headers: { 'x-request-id': 'obs-ok-1' } });
    expect(ok.choices[0]?.message.content).toContain('echo:');
    captured.mock.enqueue(openAiError(500, 'upstream exploded', 'server_error'));
    await expect(client(captured.gateway).chat.completions.create({ model: 'mock/gpt-test', messages: [{ role: 'user', content: 'fail' }] }, { headers: { 'x-request-id': 'obs-fail-1' } })).rejects.toThrow();
    await captured.gateway.gateway.ctx.requestLog.flush();

    const all = await get(captured.gateway, '/api/logs');
    expect(all.status).toBe(200);
    expect(all.json.data.map((r: { clientRequestId: string }) => r.clientRequestId)).toEqual(['obs-fail-1', 'obs-ok-1']);
    expect((await get(captured.gateway, '/api/logs?status=5xx')).json.data.map((r: { clientRequestId: string }) => r.clientRequestId)).toEqual(['obs-fail-1']);
    expect((await get(captured.gateway, '/api/logs?status=200&provider=mock')).json.data.map((r: { clientRequestId: string }) => r.clientRequestId)).toEqual(['obs-ok-1']);
    expect((await get(captured.gateway, '/api/logs?q=EXPLODED')).json.data.map((r: { clientRequestId: string }) => r.clientRequestId)).toEqual(['obs-fail-1']);

    const firstPage = await get(captured.gateway, '/api/logs?limit=1');
    expect(firstPage.json.data).toHaveLength(1);
    const secondPage = await get(captured.gateway, `/api/logs?limit=1&cursor=${firstPage.json.nextCursor}`);
    expect(secondPage.json.data.map((r: { clientRequestId: string }) => r.clientRequestId)).toEqual(['obs-ok-1']);
    expect(secondPage.json.nextCursor).toBeNull();

    const detail = await eventually(() => get(captured.gateway, '/api/logs/obs-ok-1'), (r) => r.json?.bodies !== null);
    expect(detail.json).toMatchObject({ clientRequestId: 'obs-ok-1', status: 200, provider: 'mock', attempts: 1 });
    expect(detail.json.bodies.request).toContain('hello');
    expect(detail.json.bodies.request).not.toContain('sk-user-secret-1234567890');
    expect(JSON.parse(detail.json.bodies.response).choices[0].message.content).toContain('echo:');
  });

  it('answers unknown ids with 404 and bad query parameters with a 400 naming the field', async () => {
    const missing = await get(captured.gateway, '/api/logs/nope');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not_found');
    const bad = await get(captured.gateway, '/api/logs?status=7xx');
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('status');
    expect((await get(captured.gateway, '/api/logs?limit=0')).status).toBe(400);
    expect((await get(captured.gateway, '/api/logs?cursor=garbage')).status).toBe(400);
    expect((await get(captured.gateway, '/api/analytics/summary?since=yesterday')).status).toBe(400);
  });

  it('captures a streamed answer as the upstream event stream', async () => {
    const stream = await client(captured.gateway).chat.completions.create(
      { model: 'mock/gpt-test', stream: true, messages: [{ role: 'user', content: 'stream me sk-user-secret-1234567890' }] },
      { headers: { 'x-request-id': 'obs-stream-1' } },
    );
    for await (const chunk of stream) void chunk;
    await captured.gateway.gateway.ctx.requestLog.flush();
    const detail = await eventually(() => get(captured.gateway, '/api/logs/obs-stream-1'), (r) => r.json?.bodies !== null);
    expect(detail.json.bodies.request).not.toContain('sk-user-secret-1234567890');
    expect(detail.json.bodies.response).toContain('data: ');
    expect(detail.json.bodies.response).toContain('chat.completion.chunk');
    expect(detail.json.bodies.response).toContain('[DONE]');
  });

  it('stores no bodies when capture is off', async () => {
    await client(plain.gateway).chat.completions.create({ model: 'mock/gpt-test', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-request-id': 'plain-1' } });
    await plain.gateway.gateway.ctx.requestLog.flush();
    const detail = await get(plain.gateway, '/api/logs/plain-1');
    expect(detail.json.bodies).toBeNull();
    expect(plain.gateway.gateway.ctx.observability.capture).toBeUndefined();
  });
});

describe('analytics, health, metrics, traces, console logs', () => {
  it('summarises and charts what the log holds', async () => {
    await captured.gateway.gateway.ctx.requestLog.flush();
    const summary = await get(captured.gateway, '/api/analytics/summary');
    expect(summary.status).toBe(200);
    expect(summary.json.requests).toBe(await captured.gateway.gateway.ctx.store.requestLogs.count({ since: summary.json.since, until: summary.json.until }));
    expect(summary.json.errors).toBeGreaterThanOrEqual(1);
    expect(summary.json.latencyMs.p50).toBeGreaterThanOrEqual(0);
    const series = await get(captured.gateway, '/api/analytics/timeseries?interval=hour&groupBy=provider');
    expect(series.status).toBe(200);
    expect(series.json.data.some((p: { group: string }) => p.group === 'mock')).toBe(true);
  });

  it('reports health with memory, database, latency by provider, cooldowns and breakers', async () => {
    const { routing } = captured.gateway.gateway.ctx;
    routing.cooldowns.clear();
    const down = new GatewayError('upstream_unreachable', 'connection refused', { status: 502, fallover: true, cooldownScope: 'provider', retryAfterMs: 60_000 });
    routing.cooldowns.recordFailure({ provider: 'mock', connectionId: undefined, model: 'm' }, down, Date.now());
    const health = await get(captured.gateway, '/api/health');
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({
      status: 'ok',
      database: { kind: 'sqlite' },
      dataDir: captured.gateway.dataDir,
      cooldowns: [{ scope: 'provider', provider: 'mock', reason: '502 upstream_unreachable' }],
      breakers: [{ provider: 'mock', state: 'open' }],
      features: { metrics: true, tracing: true, bodyCapture: true },
    });
    routing.cooldowns.clear();
    expect(health.json.memory.rssBytes).toBeGreaterThan(0);
    expect(health.json.latency.map((p: { provider: string }) => p.provider)).toContain('mock');
    expect(health.json.cache.modelDiscovery).toBeDefined();
    // The public health check is unchanged.
    expect(Object.keys((await get(captured.gateway, '/health')).json).sort()).toEqual(['status', 'uptimeSeconds', 'version']);
  });

  it('serves Prometheus metrics fed by the recorded rows, and none when disabled', async () => {
    const metrics = await get(captured.gateway, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.contentType).toContain('text/plain');
    expect(metrics.text).toMatch(/omniroute_requests_total\{provider="mock",model="gpt-test",status_class="2xx",client_format="openai-chat"\} [1-9]/);
    expect(metrics.text).toMatch(/omniroute_requests_total\{provider="mock",model="gpt-test",status_class="5xx"/);
    expect(metrics.text).toContain('omniroute_requests_in_flight 0');
    expect(metrics.text).not.toContain('obs-ok-1');
    expect((await get(plain.gateway, '/metrics')).status).toBe(404);
  });

  it('exports a GenAI span per request to the OTLP endpoint', async () => {
    // Spans leave in batches (every 5 s by default); wait, bounded, for those of the requests above.
    const spans = await eventually(async () => otlp.spans, (s) => s.length >= 2, 600);
    const ok = spans.find((s) => s.attributes.some((a) => a.key === 'omniroute.client_request.id' && a.value.stringValue === 'obs-ok-1'));
    expect(ok?.name).toBe('chat gpt-test');
    expect(ok?.attributes.find((a) => a.key === 'gen_ai.system')?.value.stringValue).toBe('mock');
  });

  it('serves the in-memory console log, filtered', async () => {
    captured.gateway.gateway.ctx.observability.consoleLogs.push(JSON.stringify({ level: 50, time: Date.now(), msg: 'provider mock unreachable' }));
    captured.gateway.gateway.ctx.observability.consoleLogs.push(JSON.stringify({ level: 30, time: Date.now(), msg: 'all good' }));
    const errors = await get(captured.gateway, '/api/console-logs?level=error');
    expect(errors.status).toBe(200);
    expect(errors.json.data.map((l: { msg: string }) => l.msg)).toEqual(['provider mock unreachable']);
    expect((await get(captured.gateway, '/api/console-logs?q=GOOD')).json.data.map((l: { msg: string }) => l.msg)).toEqual(['all good']);
    expect((await get(captured.gateway, '/api/console-logs?level=loud')).status).toBe(400);
  });
});
