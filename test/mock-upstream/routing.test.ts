import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixtures } from '../support/fixture-library.js';
import { routeRequest } from '../support/mock-route.js';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream.js';
import { send } from './http-client.js';

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(async () => {
  await mock.close();
});

describe('routeRequest', () => {
  it('accepts any prefix before the provider path', () => {
    for (const prefix of ['', '/v1', '/openai/v1', '/api/v1']) {
      expect(routeRequest('POST', `${prefix}/chat/completions`)).toEqual({ kind: 'generate', format: 'openai-chat' });
      expect(routeRequest('POST', `${prefix}/responses`)).toEqual({ kind: 'generate', format: 'openai-responses' });
      expect(routeRequest('POST', `${prefix}/messages`)).toEqual({ kind: 'generate', format: 'anthropic-messages' });
      expect(routeRequest('POST', `${prefix}/messages/count_tokens`)).toEqual({ kind: 'count-tokens' });
    }
  });

  it('takes the Gemini model and streaming mode from the path', () => {
    expect(routeRequest('POST', '/v1beta/models/gemini-2.5-flash:generateContent')).toEqual({
      kind: 'generate', format: 'gemini', model: 'gemini-2.5-flash', stream: false, sse: false,
    });
    expect(routeRequest('POST', '/v1/projects/p/locations/l/publishers/google/models/g%201:streamGenerateContent?alt=sse')).toEqual({
      kind: 'generate', format: 'gemini', model: 'g 1', stream: true, sse: true,
    });
    expect(routeRequest('POST', '/v1beta/models/x:streamGenerateContent?key=k')).toMatchObject({ stream: true, sse: false });
  });

  it('lists models in the style of the API version asked', () => {
    expect(routeRequest('GET', '/v1/models')).toEqual({ kind: 'list-models', style: 'openai' });
    expect(routeRequest('GET', '/v1beta/models?pageSize=50')).toEqual({ kind: 'list-models', style: 'gemini' });
    expect(routeRequest('GET', '/v1/models/text')).toEqual({ kind: 'get-model', style: 'openai', id: 'text' });
    expect(routeRequest('GET', '/v1/chat/completions')).toEqual({ kind: 'not-found' });
    expect(routeRequest('POST', '/v1/embeddings')).toEqual({ kind: 'not-found' });
  });
});

describe('mock routes', () => {
  it('serves the same fixture under any prefix', async () => {
    const bodies = await Promise.all(
      ['/v1', '/openai/v1', '/api/v1'].map(async (prefix) =>
        (await send(`${mock.url}${prefix}/chat/completions`, { body: { model: 'json-mode', messages: [] } })).body.toString(),
      ),
    );
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toBe(listFixtures('openai-chat').find((f) => f.name === 'json-mode')?.responseRaw);
  });

  it('lists the fixture case names as OpenAI and Gemini model lists', async () => {
    const names = new Set(listFixtures().map((f) => f.name));
    const openaiList = JSON.parse((await send(`${mock.url}/v1/models`)).body.toString()) as {
      object: string;
      data: Array<{ id: string; object: string; owned_by: string; created: number }>;
    };
    expect(openaiList.object).toBe('list');
    expect(new Set(openaiList.data.map((m) => m.id))).toEqual(names);
    expect(openaiList.data[0]).toMatchObject({ object: 'model', owned_by: 'mock' });

    const geminiList = JSON.parse((await send(`${mock.url}/v1beta/models`)).body.toString()) as {
      models: Array<{ name: string; supportedGenerationMethods: string[] }>;
    };
    expect(new Set(geminiList.models.map((m) => m.name))).toEqual(new Set([...names].map((n) => `models/${n}`)));

    expect((await send(`${mock.url}/v1/models/text`)).status).toBe(200);
    expect((await send(`${mock.url}/v1beta/models/text-stream`)).status).toBe(200);
    expect((await send(`${mock.url}/v1/models/nope`)).status).toBe(404);
  });

  it('counts tokens roughly, growing with the body', async () => {
    const count = async (text: string): Promise<number> => {
      const response = await send(`${mock.url}/v1/messages/count_tokens`, {
        body: { model: 'claude', messages: [{ role: 'user', content: text }] },
      });
      return (JSON.parse(response.body.toString()) as { input_tokens: number }).input_tokens;
    };
    const short = await count('hi');
    const long = await count('hi '.repeat(400));
    expect(short).toBeGreaterThan(0);
    expect(long).toBeGreaterThan(short + 200);
  });

  it('answers unknown paths with a 404 error body', async () => {
    const response = await send(`${mock.url}/v1/embeddings`, { body: { input: 'x' } });
    expect(response.status).toBe(404);
    expect((JSON.parse(response.body.toString()) as { error: { message: string } }).error.message).toContain('/v1/embeddings');
  });

  it('records method, path with query, headers and body of each request', async () => {
    mock.reset();
    const body = { model: 'text', messages: [{ role: 'user', content: 'recorded' }] };
    await send(`${mock.url}/v1/chat/completions?api-version=1`, {
      body,
      headers: { authorization: 'Bearer sk-test', 'x-custom': 'yes' },
    });
    await send(`${mock.url}/v1/messages`, { body: 'not json' });
    expect(mock.requests).toHaveLength(2);
    const [first, second] = mock.requests;
    expect(first).toMatchObject({ method: 'POST', path: '/v1/chat/completions?api-version=1', body: JSON.stringify(body), json: body });
    expect(first?.headers['authorization']).toBe('Bearer sk-test');
    expect(first?.headers['x-custom']).toBe('yes');
    expect(first?.receivedAt).toBeGreaterThan(0);
    expect(second?.body).toBe('not json');
    expect(second && 'json' in second).toBe(false);
  });

  it('can run without recording requests', async () => {
    const quiet = await startMockUpstream({ recordRequests: false });
    try {
      expect((await send(`${quiet.url}/v1/models`)).status).toBe(200);
      expect(quiet.requests).toEqual([]);
    } finally {
      await quiet.close();
    }
  });
});
