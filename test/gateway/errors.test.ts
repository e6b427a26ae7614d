import OpenAI from 'openai';
import { request } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../support/fixture-library.js';
import { openAiError } from '../support/mock-builders.js';
import { apiErrorOf } from '../helpers/api-error-of.js';
import { useMockedGateway } from '../helpers/mocked-gateway.js';
import { mockProviderConfig } from '../helpers/start-test-gateway.js';

let client: OpenAI;

const env = useMockedGateway((mockUrl) => ({
  ...mockProviderConfig(mockUrl, [
    { name: 'acct-a', apiKey: 'sk-up-a', priority: 1 },
    { name: 'acct-b', apiKey: 'sk-up-b', priority: 2 },
  ]),
  providers: [
    { id: 'mock', prefix: 'mock', format: 'openai-chat', baseUrl: `${mockUrl}/v1` },
    // Nothing listens on port 9 of loopback: connection refused.
    { id: 'down', format: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', authType: 'none' },
  ],
}));
beforeAll(() => {
  client = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'x', maxRetries: 0, timeout: 10_000 });
});

const ask = (model: string) => client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

describe('errors in the OpenAI shape with the right status', () => {
  it('unknown model → 404 model_not_found with guidance', async () => {
    const error = await apiErrorOf(ask('gpt-nonexistent'));
    expect(error.status).toBe(404);
    expect(error.code).toBe('model_not_found');
    expect(error.message).toContain('<provider>/<model>');
  });

  it('unknown provider prefix → 404', async () => {
    expect((await apiErrorOf(ask('nosuch/model'))).status).toBe(404);
  });

  it('provider without credentials → 400 naming the provider', async () => {
    const error = await apiErrorOf(ask('groq/llama-3.3-70b-versatile'));
    expect(error.status).toBe(400);
    expect(error.code).toBe('provider_not_configured');
    expect(error.message).toContain("'groq'");
  });

  it('invalid body → 400 naming the field', async () => {
    const error = await apiErrorOf(client.chat.completions.create({ model: 'mock/x', messages: 'hello' as any }));
    expect(error.status).toBe(400);
    expect(error.param).toBe('messages');
    const missingModel = await apiErrorOf(client.chat.completions.create({ messages: [{ role: 'user', content: 'x' }] } as any));
    expect(missingModel.status).toBe(400);
    expect(missingModel.param).toBe('model');
  });

  it('malformed JSON and non-object bodies → 400, never 500', async () => {
    for (const body of ['{"model":', '[]', '"text"', 'null', '{}']) {
      const response = await request(`${env.gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(response.statusCode, body).toBe(400);
      const json = (await response.body.json()) as any;
      expect(json.error.type).toBe('invalid_request_error');
    }
  });

  it('a body that is not JSON → 415 or 400 with a JSON error', async () => {
    const xml = await request(`${env.gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' });
    expect(xml.statusCode).toBe(415);
    expect(await xml.body.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const text = await request(`${env.gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(text.statusCode).toBe(400);
    expect(await text.body.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it.each([
    ['error-400-invalid-request', 400],
    ['error-401-invalid-api-key', 401],
    ['error-404-model-not-found', 404],
    ['error-429-rate-limit', 429],
  ])('recorded upstream %s → status %i with the upstream message', async (name, status) => {
    const recorded = loadFixture('openai-chat', name).response as any;
    // Both accounts answer the same way (the mock replays by model name).
    const error = await apiErrorOf(ask(`mock/${name}`));
    expect(error.status).toBe(status);
    expect(error.message).toContain(recorded.error.message.slice(0, 40));
  });

  it('upstream 500 → 502 (the upstream failed, not the gateway)', async () => {
    env.mock.enqueue(openAiError(500, 'boom', 'server_error'), openAiError(500, 'boom again', 'server_error'));
    const error = await apiErrorOf(ask('mock/x'));
    expect(error.status).toBe(502);
    expect(error.message).toContain('boom');
  });

  it('a 200 whose body is an error is not passed off as success', async () => {
    env.mock.enqueue({ kind: 'status', status: 200, body: { error: { message: 'quota exhausted', type: 'insufficient_quota', code: 'insufficient_quota' } } });
    env.mock.enqueue({ kind: 'status', status: 200, body: { error: { message: 'quota exhausted', type: 'insufficient_quota', code: 'insufficient_quota' } } });
    const error = await apiErrorOf(ask('mock/x'));
    expect(error.status).toBe(502);
    expect(error.message).toContain('quota exhausted');
  });

  it('unreachable upstream → 502 upstream_unreachable', async () => {
    const error = await apiErrorOf(ask('down/some-model'));
    expect(error.status).toBe(502);
    expect(error.code).toBe('upstream_unreachable');
  });

  it('unknown routes answer 404 JSON', async () => {
    const response = await request(`${env.gateway.url}/v1/nope`);
    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('several accounts of one provider', () => {
  it('a 429 on the first account is answered by the second', async () => {
    env.mock.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '30' }, body: { error: { message: 'slow down', type: 'rate_limit_error', code: 'rate_limit_exceeded' } } });
    env.mock.enqueue({ kind: 'fixture', format: 'openai-chat', name: 'text' });
    const result = await ask('mock/x');
    expect(result.choices[0]!.message.content).toBeTruthy();
    expect(env.mock.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-up-a', 'Bearer sk-up-b']);
  });

  it('a request-body 400 goes straight back to the client without trying another account', async () => {
    env.mock.enqueue(openAiError(400, "Unsupported value: 'temperature'", 'invalid_request_error', 'unsupported_value'));
    const error = await apiErrorOf(ask('mock/x'));
    expect(error.status).toBe(400);
    expect(env.mock.requests).toHaveLength(1);
  });
});
