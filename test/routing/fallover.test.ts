import OpenAI from 'openai';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openAiError, sseFromChatDeltas } from '../support/mock-builders.js';
import type { MockStep } from '../support/mock-step.js';
import { apiErrorOf } from '../helpers/api-error-of.js';
import { useMockedGateway } from '../helpers/mocked-gateway.js';

/**
 * One mock upstream behind several providers (told apart by path) and accounts (told apart by
 * key). Each test scripts the failure, then asserts which target served, how many upstream calls
 * were made, and what the client and the request log were told.
 */
let client: OpenAI;

const env = useMockedGateway((mockUrl) => ({
  settings: { routing: { sessionAffinity: false } },
  providers: [
    { id: 'p1', format: 'openai-chat', baseUrl: `${mockUrl}/p1/v1` },
    { id: 'p2', format: 'openai-chat', baseUrl: `${mockUrl}/p2/v1` },
  ],
  connections: [
    { provider: 'p1', name: 'a1', apiKey: 'key-a1', priority: 1 },
    { provider: 'p1', name: 'a2', apiKey: 'key-a2', priority: 2 },
    { provider: 'p2', name: 'b1', apiKey: 'key-b1' },
    // Catalogue providers with known context windows, pointed at the mock.
    { provider: 'glm', name: 'g', apiKey: 'key-glm', baseUrl: `${mockUrl}/glm/v1` },
    { provider: 'xai', name: 'x', apiKey: 'key-xai', baseUrl: `${mockUrl}/xai/v1` },
    { provider: 'openai', name: 'o', apiKey: 'key-openai', baseUrl: `${mockUrl}/openai/v1` },
  ],
  combos: [
    { name: 'chain', strategy: 'priority', models: ['p1/m', 'p2/m'] },
    { name: 'quick', strategy: 'priority', models: ['p1/m', 'p2/m'], timeoutMs: 400 },
    { name: 'retrying', strategy: 'priority', models: ['p2/m', 'p1/m'], retries: 1 },
    { name: 'to-larger', models: ['glm/glm-5.1', 'xai/grok-build-0.1', 'openai/gpt-5.5'] },
    { name: 'to-smaller', models: ['openai/gpt-5.5', 'glm/glm-5.1'] },
  ],
}));
beforeAll(() => {
  client = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'x', maxRetries: 0, timeout: 20_000 });
});
beforeEach(async () => {
  expect((await env.gateway.adminFetch('/api/routing/cooldowns', { method: 'DELETE' })).status).toBe(204);
});

/** `p1:key-a1` per upstream call, in order. */
const calls = () => env.mock.requests.map((r) => `${r.path.split('/')[1]}:${String(r.headers.authorization).replace('Bearer ', '')}`);

async function ask(model: string) {
  const started = performance.now();
  const { data, response } = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  return { data, response, ms: performance.now() - started };
}

describe('falls over to the next target', () => {
  it('a 429 on the first account is answered by the second at once, not after its Retry-After', async () => {
    env.mock.enqueue(openAiError(429, 'Rate limit reached for requests', 'requests', 'rate_limit_exceeded', { 'retry-after': '30' }));
    const { data, response, ms } = await ask('chain');
    expect(data.choices[0]!.message.content).toBe('echo: hi');
    expect(calls()).toEqual(['p1:key-a1', 'p1:key-a2']);
    expect(response.headers.get('x-omniroute-provider')).toBe('p1');
    expect(response.headers.get('x-omniroute-attempts')).toBe('2; targets="p1/m 429, p1/m 200"');
    // Far below the 30 s the provider asked for: the gateway did not wait for it.
    expect(ms).toBeLessThan(30_000);

    // The rested account is visible, with the provider's Retry-After, and skipped next time.
    const cooldowns = (await (await env.gateway.adminFetch('/api/routing/cooldowns')).json()) as { data: Array<{ scope: string; until: number; hard: boolean; provider: string }> };
    expect(cooldowns.data).toHaveLength(1);
    expect(cooldowns.data[0]).toMatchObject({ scope: 'account-model', provider: 'p1', hard: true });
    expect(cooldowns.data[0]!.until - Date.now()).toBeGreaterThan(25_000);
    env.mock.reset();
    await ask('chain');
    expect(calls()).toEqual(['p1:key-a2']);
  });

  const classes: Array<[string, MockStep[]]> = [
    ['500', [openAiError(500, 'internal', 'server_error'), openAiError(500, 'internal', 'server_error')]],
    ['502', [openAiError(502, 'bad gateway', 'server_error'), openAiError(502, 'bad gateway', 'server_error')]],
    ['503', [openAiError(503, 'overloaded', 'server_error'), openAiError(503, 'overloaded', 'server_error')]],
    ['408', [openAiError(408, 'request timeout', 'timeout'), openAiError(408, 'request timeout', 'timeout')]],
    ['404 model not found', [openAiError(404, 'The model `m` does not exist', 'invalid_request_error', 'model_not_found'), openAiError(404, 'The model `m` does not exist', 'invalid_request_error', 'model_not_found')]],
    ['400 model not supported', [openAiError(400, 'model m is not supported on this plan', 'invalid_request_error'), openAiError(400, 'model m is not supported on this plan')]],
    ['402 credits exhausted', [openAiError(402, 'Insufficient credits', 'billing'), openAiError(402, 'Insufficient credits', 'billing')]],
    ['429 quota exhausted', [openAiError(429, 'You exceeded your current quota', 'insufficient_quota', 'insufficient_quota'), openAiError(429, 'You exceeded your current quota', 'insufficient_quota', 'insufficient_quota')]],
    ['connection reset', [{ kind: 'reset' }, { kind: 'reset' }]],
  ];
  for (const [name, steps] of classes) {
    it(`${name} on both accounts of p1 → p2 serves`, async () => {
      env.mock.enqueue(...steps);
      const { data, response } = await ask('chain');
      expect(data.choices[0]!.message.content).toBe('echo: hi');
      expect(calls()).toEqual(['p1:key-a1', 'p1:key-a2', 'p2:key-b1']);
      expect(response.headers.get('x-omniroute-provider')).toBe('p2');
      expect(response.headers.get('x-omniroute-attempts')).toMatch(/^3; /);
    });
  }

  it('401 / 403 of one account → the next account of the same provider', async () => {
    env.mock.enqueue(openAiError(401, 'Incorrect API key provided', 'invalid_request_error', 'invalid_api_key'));
    await ask('chain');
    env.mock.enqueue(openAiError(403, 'forbidden', 'permission_error'));
    await ask('p2/m').catch(() => undefined);
    expect(calls()).toEqual(['p1:key-a1', 'p1:key-a2', 'p2:key-b1']);
  });

  it('a first-byte timeout (the combo sets 400 ms) → the next target', async () => {
    env.mock.enqueue({ kind: 'stall' });
    const { response } = await ask('quick');
    expect(response.headers.get('x-omniroute-attempts')).toBe('2; targets="p1/m 504, p1/m 200"');
  });

  it('a transient failure is retried on the same target when the combo asks for retries', async () => {
    env.mock.enqueue(openAiError(503, 'overloaded', 'server_error'));
    const { response } = await ask('retrying');
    expect(calls()).toEqual(['p2:key-b1', 'p2:key-b1']);
    expect(response.headers.get('x-omniroute-provider')).toBe('p2');
  });
});

describe('goes back to the client at once', () => {
  it('a 400 caused by the request body: one upstream call, the upstream message', async () => {
    env.mock.enqueue(openAiError(400, "Invalid value for 'temperature': must be <= 2", 'invalid_request_error', 'invalid_value'));
    const error = await apiErrorOf(ask('chain'));
    expect(error.status).toBe(400);
    expect(error.message).toContain('temperature');
    expect(calls()).toEqual(['p1:key-a1']);
    expect(error.headers?.get('x-omniroute-attempts')).toBe('1; targets="p1/m 400"');
  });

  const tooLong = () => openAiError(400, "This model's maximum context length is 204800 tokens. However, your messages resulted in 300000 tokens.", 'invalid_request_error', 'context_length_exceeded');

  it('a context-length error when no larger window follows', async () => {
    env.mock.enqueue(tooLong());
    const error = await apiErrorOf(ask('to-smaller'));
    expect(error.status).toBe(400);
    expect(error.code).toBe('context_length_exceeded');
    expect(calls()).toEqual(['openai:key-openai']);
  });

  it('…but a context-length error moves on to a target with a larger window', async () => {
    env.mock.enqueue(tooLong(), tooLong());
    const { response } = await ask('to-larger');
    // glm-5.1 (204,800) → grok-build-0.1 (256,000) → gpt-5.5 (1,050,000)
    expect(calls()).toEqual(['glm:key-glm', 'xai:key-xai', 'openai:key-openai']);
    expect(response.headers.get('x-omniroute-provider')).toBe('openai');
  });

  it('every target failing → the last failure, in the client format, with every attempt listed', async () => {
    env.mock.enqueue(openAiError(503, 'overloaded', 'server_error'), openAiError(503, 'overloaded', 'server_error'), openAiError(429, 'slow down', 'requests', 'rate_limit_exceeded'));
    const error = await apiErrorOf(ask('chain'));
    expect(error.status).toBe(429);
    expect(error.headers?.get('x-omniroute-attempts')).toBe('3; targets="p1/m 503, p1/m 503, p2/m 429"');
  });
});

describe('streaming', () => {
  it('falls over before the first byte reached the client', async () => {
    env.mock.enqueue(openAiError(429, 'slow down', 'requests', 'rate_limit_exceeded'));
    const stream = await client.chat.completions.create({ model: 'chain', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('echo: hi');
    expect(calls()).toEqual(['p1:key-a1', 'p1:key-a2']);
  });

  it('after the first byte it never falls over: the stream ends with an error, nothing is replayed', async () => {
    env.mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(['Hel', 'lo']).slice(0, 2), then: 'cut' });
    const stream = await client.chat.completions.create({ model: 'chain', stream: true, messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-request-id': 'req-cut-after-commit' } });
    let text = '';
    const failure = await (async () => {
      try {
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeDefined();
    expect(text).toBe('Hel');
    expect(calls()).toEqual(['p1:key-a1']);
    // The failed attempt is logged as such and rests the account, though the client got a 200 header.
    await env.gateway.gateway.ctx.usage.drain();
    await env.gateway.gateway.ctx.requestLog.flush();
    const [row] = (await env.gateway.gateway.ctx.store.requestLogs.list({ limit: 50 })).filter((r) => r.clientRequestId === 'req-cut-after-commit');
    expect(row).toMatchObject({ status: 502, errorClass: 'upstream_protocol_error' });
    expect(row!.targets).toEqual([expect.objectContaining({ provider: 'p1', status: 502 })]);
    expect(env.gateway.gateway.ctx.routing.cooldowns.list(Date.now())).toEqual([expect.objectContaining({ scope: 'account', provider: 'p1' })]);
  });
});

describe('the request log', () => {
  it('records the combo, every attempt and the error class', async () => {
    env.mock.enqueue(openAiError(503, 'overloaded', 'server_error'), openAiError(503, 'overloaded', 'server_error'));
    await client.chat.completions.create({ model: 'chain', messages: [{ role: 'user', content: 'logged' }] }, { headers: { 'x-request-id': 'req-routing-log' } });
    env.mock.enqueue(openAiError(400, 'bad temperature', 'invalid_request_error', 'invalid_value'));
    await apiErrorOf(client.chat.completions.create({ model: 'chain', messages: [{ role: 'user', content: 'x' }] }, { headers: { 'x-request-id': 'req-routing-fail' } }));
    await env.gateway.gateway.ctx.usage.drain();
    await env.gateway.gateway.ctx.requestLog.flush();
    const rows = await env.gateway.gateway.ctx.store.requestLogs.list({ limit: 50 });
    const ok = rows.find((r) => r.clientRequestId === 'req-routing-log')!;
    expect(ok).toMatchObject({ combo: 'chain', attempts: 3, provider: 'p2', status: 200, errorClass: null });
    expect(ok.targets!.map((t) => `${t.provider} ${t.status} ${t.errorCode ?? ''}`.trim())).toEqual(['p1 503 server_error', 'p1 503 server_error', 'p2 200']);
    const failed = rows.find((r) => r.clientRequestId === 'req-routing-fail')!;
    expect(failed).toMatchObject({ combo: 'chain', attempts: 1, status: 400, errorClass: 'upstream_error', errorCode: 'invalid_value' });
  });
});
