import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConfigFile } from '../../src/config/config-file-schema.js';
import type { RequestLogRow } from '../../src/store/repositories/request-log-repository.js';
import { useMockedGateway } from '../helpers/mocked-gateway.js';
import { sseFromChatDeltas } from '../support/mock-builders.js';

/** Pricing, budgets and quotas through the admin API and the config file, against a live gateway. */

let openai: OpenAI;
let anthropic: Anthropic;

function config(mockUrl: string): ConfigFile {
  return {
    providers: [
      { id: 'pay', format: 'openai-chat', baseUrl: `${mockUrl}/v1` },
      { id: 'plan', format: 'openai-chat', baseUrl: `${mockUrl}/v1` },
      { id: 'solo', format: 'openai-chat', baseUrl: `${mockUrl}/v1` },
      { id: 'lab', format: 'openai-chat', baseUrl: `${mockUrl}/v1` },
    ],
    connections: [
      { provider: 'pay', name: 'pay-key', apiKey: 'sk-pay' },
      { provider: 'lab', name: 'lab-key', apiKey: 'sk-lab' },
      { provider: 'plan', name: 'plan-a', apiKey: 'sk-plan-a', priority: 1, quota: { window: '5h', requests: 1 } },
      { provider: 'plan', name: 'plan-b', apiKey: 'sk-plan-b', priority: 2 },
      { provider: 'solo', name: 'solo-key', apiKey: 'sk-solo', quota: { window: 'daily', resetAt: '06:00', tokens: 10 } },
    ],
    // $1 per 1M input tokens: a 250,000-token prompt costs $0.25.
    pricing: [{ provider: 'pay', model: 'metered', input: 1, output: 2 }],
    budgets: [{ provider: 'pay', daily: 0.5, alertAt: 0.8 }],
  };
}

const env = useMockedGateway(config);
beforeAll(() => {
  openai = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 });
  anthropic = new Anthropic({ baseURL: env.gateway.url, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 });
});

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  // Every call here is to the admin API, which needs the login session (cookie and CSRF token).
  const response = await env.gateway.adminFetch(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

async function rowOf(requestId: string): Promise<RequestLogRow> {
  const ctx = env.gateway.gateway.ctx;
  await ctx.usage.drain();
  await ctx.requestLog.flush();
  const row = (await ctx.store.requestLogs.list({ limit: 1000 })).find((candidate) => candidate.clientRequestId === requestId);
  if (!row) throw new Error(`no row ${requestId}`);
  return row;
}

function meteredStream(promptTokens: number) {
  env.mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(['ok'], { usage: { prompt_tokens: promptTokens, completion_tokens: 0 } }) });
}

async function chat(model: string, requestId: string) {
  const stream = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } }, { headers: { 'x-request-id': requestId } });
  for await (const chunk of stream) void chunk;
}

describe('pricing API', () => {
  it('lists catalogue defaults and config prices with where each comes from', async () => {
    const { status, json } = await api('GET', '/api/pricing');
    expect(status).toBe(200);
    expect(json.unit).toBe('USD per 1M tokens');
    const sonnet = json.data.find((row: any) => row.provider === 'claude' && row.model === 'claude-sonnet-4-6');
    expect(sonnet).toMatchObject({ input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75, source: 'catalog' });
    expect((await api('GET', '/api/pricing?provider=pay')).json.data).toEqual([
      { provider: 'pay', model: 'metered', input: 1, output: 2, cachedInput: null, cacheWrite: null, reasoning: null, source: 'config', default: { input: 1, output: 2 } },
    ]);
  });

  it('prices a custom model (id with a slash) through PUT, bills it, and DELETE makes it unpriced again', async () => {
    const model = 'vendor/custom-1';
    env.mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(['ok'], { usage: { prompt_tokens: 1000, completion_tokens: 100 } }) });
    await chat(`lab/${model}`, 'price-before');
    expect(await rowOf('price-before')).toMatchObject({ unpriced: true, costUsd: null, inputTokens: 1000 });

    const put = await api('PUT', `/api/pricing/lab/${model}`, { input: 10, output: 30, cachedInput: 1 });
    expect(put).toMatchObject({ status: 200, json: { provider: 'lab', model, input: 10, output: 30, cachedInput: 1, source: 'admin', default: null } });
    env.mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(['ok'], { usage: { prompt_tokens: 1000, completion_tokens: 100 } }) });
    await chat(`lab/${model}`, 'price-after');
    expect(await rowOf('price-after')).toMatchObject({ unpriced: false, costUsd: (1000 * 10 + 100 * 30) / 1e6 });

    expect(await api('DELETE', `/api/pricing/lab/${model}`)).toMatchObject({ status: 200, json: { provider: 'lab', model, unpriced: true } });
    expect(await api('DELETE', `/api/pricing/lab/${model}`)).toMatchObject({ status: 404 });
    expect((await api('GET', '/api/pricing?provider=lab')).json.data).toEqual([]);
  });

  it('DELETE of an edited default goes back to the default', async () => {
    await api('PUT', '/api/pricing/claude/claude-sonnet-4-6', { input: 1, output: 1 });
    const reset = await api('DELETE', '/api/pricing/claude/claude-sonnet-4-6');
    expect(reset.json).toMatchObject({ input: 3, output: 15, source: 'catalog' });
  });

  it('refuses a bad price or an unknown provider with a 400 naming the field', async () => {
    const negative = await api('PUT', '/api/pricing/pay/x', { input: -1, output: 1 });
    expect(negative.status).toBe(400);
    expect(negative.json.error.param).toBe('input');
    const unknownField = await api('PUT', '/api/pricing/pay/x', { input: 1, output: 1, cached: 1 });
    expect(unknownField.status).toBe(400);
    const provider = await api('PUT', '/api/pricing/nope/x', { input: 1, output: 1 });
    expect(provider.status).toBe(400);
    expect(provider.json.error.message).toContain("Unknown provider 'nope'");
  });
});

describe('budgets', () => {
  it('refuses with 402 in the client format once the provider budget is reached, alerts at 80%, and lists it', async () => {
    meteredStream(250_000);
    await chat('pay/metered', 'budget-1');
    await rowOf('budget-1');
    expect((await api('GET', '/api/budgets')).json.data[0].periods[0]).toMatchObject({ period: 'daily', limitUsd: 0.5, spentUsd: 0.25, exceeded: false, alerted: false });
    meteredStream(250_000);
    await chat('pay/metered', 'budget-2');
    await rowOf('budget-2');

    const listed = (await api('GET', '/api/budgets')).json;
    expect(listed.data[0]).toMatchObject({ provider: 'pay', policy: 'reject', periods: [{ period: 'daily', limitUsd: 0.5, spentUsd: 0.5, remainingUsd: 0, exceeded: true, alerted: true }] });
    expect(listed.alerts).toHaveLength(1);
    expect(listed.alerts[0]).toMatchObject({ budgetId: 'config:0', period: 'daily', limitUsd: 0.5 });

    const refused = await openai.chat.completions.create({ model: 'pay/metered', messages: [{ role: 'user', content: 'Hi' }] }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(OpenAI.APIError);
    expect((refused as InstanceType<typeof OpenAI.APIError>).status).toBe(402);
    expect((refused as Error).message).toContain('daily budget of $0.50 for provider "pay" is used up');
    const anthropicRefusal = await anthropic.messages.create({ model: 'pay/metered', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(anthropicRefusal).toBeInstanceOf(Anthropic.APIError);
    expect((anthropicRefusal as InstanceType<typeof Anthropic.APIError>).status).toBe(402);
    expect(env.mock.requests).toHaveLength(2);
    // Other providers are not limited by it.
    meteredStream(10);
    await chat('lab/anything', 'budget-other');
  });
});

describe('quotas', () => {
  it('skips a connection whose 5h request quota is used up and lists its reset', async () => {
    meteredStream(1);
    await chat('plan/m', 'quota-1');
    await rowOf('quota-1');
    meteredStream(1);
    await chat('plan/m', 'quota-2');
    const keys = env.mock.requests.map((request) => request.headers.authorization);
    expect(keys).toEqual(['Bearer sk-plan-a', 'Bearer sk-plan-b']);
    const quotas = (await api('GET', '/api/quotas')).json.data;
    const planA = quotas.find((quota: any) => quota.connectionName === 'plan-a');
    expect(planA).toMatchObject({ provider: 'plan', window: '5h', requests: { used: 1, limit: 1 }, exhausted: true });
    expect(planA.resetAt).toBeGreaterThan(Date.now());
    expect(planA.resetInMs).toBeGreaterThan(0);
  });

  it('answers 429 naming the reset when every connection of the provider is exhausted', async () => {
    meteredStream(20);
    await chat('solo/m', 'solo-1');
    await rowOf('solo-1');
    const error = await openai.chat.completions.create({ model: 'solo/m', messages: [{ role: 'user', content: 'Hi' }] }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(429);
    expect((error as Error).message).toContain('used up its plan quota');
    const solo = (await api('GET', '/api/quotas')).json.data.find((quota: any) => quota.connectionName === 'solo-key');
    expect(solo).toMatchObject({ window: 'daily', tokens: { used: 20, limit: 10 }, exhausted: true });
    expect(new Date(solo.resetAt).toISOString()).toMatch(/T06:00:00.000Z$/);
  });

  it('config validation names the quota field at fault', async () => {
    const { status, json } = await api('POST', '/api/connections', { provider: 'pay', name: 'bad', apiKey: 'k', quota: { window: 'hourly', requests: 1 } });
    expect(status).toBe(400);
    expect(json.error.message).toContain('quota.window');
  });
});
