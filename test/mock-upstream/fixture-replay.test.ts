import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixtures, splitSseEvents, type FixtureCase } from '../support/fixture-library.js';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream.js';
import { send, sseData } from './http-client.js';

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(async () => {
  await mock.close();
});

const NOT_REPLAYED = new Set(['date', 'server', 'content-length']);

/** A request that selects the case by model name alone, the way a test behind the gateway would. */
function requestFor(fixture: FixtureCase): { path: string; body: unknown } {
  const stream = fixture.streamKind !== undefined;
  const model = fixture.name;
  switch (fixture.format) {
    case 'openai-chat':
      return { path: '/v1/chat/completions', body: { model, stream, messages: [{ role: 'user', content: 'hi' }] } };
    case 'openai-responses':
      return { path: '/v1/responses', body: { model, stream, input: 'hi' } };
    case 'anthropic-messages':
      return { path: '/v1/messages', body: { model, stream, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] } };
    case 'gemini': {
      const method = stream ? 'streamGenerateContent' : 'generateContent';
      const query = fixture.streamKind === 'sse' ? '?alt=sse' : '';
      return { path: `/v1beta/models/${model}:${method}${query}`, body: { contents: [{ parts: [{ text: 'hi' }] }] } };
    }
  }
}

function expectSameRecording(fixture: FixtureCase, body: Buffer): void {
  if (fixture.streamKind === 'jsonl') {
    const lines = fixture.streamRaw?.toString().split('\n').filter((line) => line.trim() !== '');
    expect(sseData(body)).toEqual(lines);
    return;
  }
  const recorded = fixture.streamRaw ?? Buffer.from(fixture.responseRaw ?? '', 'utf8');
  expect(body.equals(recorded), `${fixture.format}/${fixture.name} differs from the recording`).toBe(true);
}

function expectedStatus(fixture: FixtureCase): number {
  if (fixture.meta.http) return fixture.meta.http.status;
  return fixture.name.startsWith('error-429') ? 429 : 200;
}

describe('default replay by model name', () => {
  const fixtures = listFixtures();

  it.each(fixtures.map((f) => [`${f.format}/${f.name}`, f] as const))('%s', async (_label, fixture) => {
    const { path, body } = requestFor(fixture);
    const response = await send(`${mock.url}${path}`, { body });

    expect(response.status).toBe(expectedStatus(fixture));
    expectSameRecording(fixture, response.body);
    if (fixture.meta.http) expect(response.headers['content-type']).toBe(fixture.meta.http.response_content_type);
    for (const [name, value] of Object.entries(fixture.meta.response_headers ?? {})) {
      if (!NOT_REPLAYED.has(name)) expect(response.headers[name], name).toBe(value);
    }
  });

  it('carries rate-limit and retry headers of error recordings', async () => {
    const withRetry = fixtures.find((f) => f.meta.response_headers?.['retry-after'] !== undefined);
    expect(withRetry).toBeDefined();
    if (!withRetry) return;
    const { path, body } = requestFor(withRetry);
    const response = await send(`${mock.url}${path}`, { body });
    expect(response.headers['retry-after']).toBe(withRetry.meta.response_headers?.['retry-after']);

    const rateLimited = await send(`${mock.url}/v1/chat/completions`, { body: { model: 'error-429-rate-limit' } });
    expect(rateLimited.status).toBe(429);
    expect(rateLimited.headers['x-ratelimit-limit-tokens']).toBe('400000');
  });

  it('serves error recordings to streaming requests too, as providers do', async () => {
    const response = await send(`${mock.url}/v1/messages`, {
      body: { model: 'error-401-authentication', stream: true, max_tokens: 1, messages: [] },
    });
    expect(response.status).toBe(401);
    expect((JSON.parse(response.body.toString()) as { type: string }).type).toBe('error');
  });

  it('accepts a provider prefix on the model name', async () => {
    const response = await send(`${mock.url}/v1/chat/completions`, { body: { model: 'mock/text', messages: [] } });
    expectSameRecording(fixtures.find((f) => f.format === 'openai-chat' && f.name === 'text') as FixtureCase, response.body);
  });
});

describe('fixture steps', () => {
  it('replay the named case whatever the path and model', async () => {
    mock.enqueue({ kind: 'fixture', format: 'anthropic-messages', name: 'thinking-stream' });
    const response = await send(`${mock.url}/v1/chat/completions`, { body: { model: 'text', messages: [] } });
    const fixture = listFixtures('anthropic-messages').find((f) => f.name === 'thinking-stream') as FixtureCase;
    expect(response.status).toBe(200);
    expectSameRecording(fixture, response.body);
  });

  it('pace events so each recorded event arrives as its own chunk', async () => {
    const fixture = listFixtures('anthropic-messages').find((f) => f.name === 'text-stream') as FixtureCase;
    const events = splitSseEvents(fixture.streamRaw ?? Buffer.alloc(0));
    mock.enqueue({ kind: 'fixture', format: 'anthropic-messages', name: 'text-stream', eventDelayMs: 20, headerDelayMs: 5 });
    const response = await send(`${mock.url}/v1/messages`, { body: { model: 'x', stream: true, messages: [] } });
    expect(response.chunks.map(String)).toEqual(events.map(String));
  });

  it('pace a Gemini JSON-array stream element by element', async () => {
    mock.enqueue({ kind: 'fixture', format: 'gemini', name: 'text-stream-json-array', eventDelayMs: 20 });
    const response = await send(`${mock.url}/v1beta/models/x:streamGenerateContent`, { body: {} });
    const fixture = listFixtures('gemini').find((f) => f.name === 'text-stream-json-array') as FixtureCase;
    expectSameRecording(fixture, response.body);
    const elements = JSON.parse(response.body.toString()) as unknown[];
    expect(response.chunks.length).toBe(elements.length + 1);
  });
});
