import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream } from '../test/support/mock-upstream.js';
import { runLoad } from './lib/autocannon-runner.mjs';
import { freePort } from './lib/free-port.mjs';
import { spawnPinned, stopProcess, waitForHttp } from './lib/spawn-and-wait.mjs';
import { probeFirstByte } from './lib/ttfb-probe.mjs';

const PROXY = fileURLToPath(new URL('./bare-proxy.mjs', import.meta.url));
const chat = (model, stream = false) => ({ model, messages: [{ role: 'user', content: 'hi' }], stream });

describe('bare proxy and harness against the mock upstream', () => {
  let mock;
  let proxy;
  let proxyUrl;

  beforeAll(async () => {
    mock = await startMockUpstream();
    const port = await freePort();
    proxy = spawnPinned({ name: 'bare proxy', command: process.execPath, args: [PROXY, '--port', String(port), '--upstream', mock.url] });
    proxyUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${proxyUrl}/`, { handle: proxy });
  });

  afterAll(async () => {
    if (proxy) await stopProcess(proxy);
    await mock?.close();
  });

  it('strips the mock/ prefix and returns the upstream answer unchanged', async () => {
    mock.reset();
    const direct = await request(`${mock.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(chat('text')) });
    const directBody = await direct.body.text();
    const proxied = await request(`${proxyUrl}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(chat('mock/text')) });
    expect(proxied.statusCode).toBe(200);
    expect(proxied.headers['content-type']).toBe(direct.headers['content-type']);
    expect(await proxied.body.text()).toBe(directBody);
    expect(mock.requests.map((r) => r.json.model)).toEqual(['text', 'text']);
  });

  it('streams SSE through to the end', async () => {
    const res = await request(`${proxyUrl}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(chat('mock/text-stream-usage', true)),
    });
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect((await res.body.text()).trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await request(`${proxyUrl}/v1/chat/completions`, { method: 'POST', body: 'nope' });
    expect(res.statusCode).toBe(400);
    await res.body.dump();
  });

  it('probes the first streamed byte for every measured request', async () => {
    const probe = await probeFirstByte({ url: `${proxyUrl}/v1/chat/completions`, body: chat('mock/text-stream-usage', true), count: 20, warmup: 2 });
    expect(probe.count).toBe(20);
    expect(probe.samples).toHaveLength(20);
    expect(probe.min).toBeGreaterThan(0);
    expect(probe.p50).toBeLessThanOrEqual(probe.max);
  });

  it('fails the probe on a non-200 answer rather than timing an error', async () => {
    const probe = probeFirstByte({ url: `${proxyUrl}/v1/no-such-route`, body: chat('mock/text-stream-usage', true), count: 1, warmup: 0 });
    await expect(probe).rejects.toThrow(/answered 404/);
  });

  it('runs a load cell in a child process and counts only 2xx latencies', async () => {
    const cell = await runLoad({ url: `${proxyUrl}/v1/chat/completions`, body: chat('mock/text'), connections: 2, durationSec: 1 });
    expect(cell.ok).toBeGreaterThan(0);
    expect(cell.non2xx).toBe(0);
    expect(cell.latencyMs.count).toBe(cell.ok);
    expect(cell.requestsPerSec).toBeCloseTo(cell.ok / cell.durationSec, 6);
  });
});
