import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { anthropicError, geminiError, malformedSse, openAiError, sseFromChatDeltas } from '../support/mock-builders.js';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream.js';
import { send, sseData } from './http-client.js';

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterEach(() => {
  mock.reset();
});
afterAll(async () => {
  await mock.close();
});

const chat = (): string => `${mock.url}/v1/chat/completions`;
const chatBody = { model: 'text', stream: true, messages: [{ role: 'user', content: 'hi' }] };

describe('status steps', () => {
  it('send the given status, headers and JSON body', async () => {
    mock.enqueue(openAiError(429, 'Rate limit reached', 'requests', 'rate_limit_exceeded', { 'retry-after': '2' }));
    const response = await send(chat(), { body: chatBody });
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('2');
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body.toString())).toEqual({
      error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' },
    });
  });

  it('send string bodies as given, including a 200 that carries an error', async () => {
    const body = '{"error":{"message":"upstream overloaded"}}';
    mock.enqueue({ kind: 'status', status: 200, body }, { kind: 'status', status: 503, headers: { 'content-type': 'text/plain' } });
    const first = await send(chat(), { body: chatBody });
    expect(first.status).toBe(200);
    expect(first.body.toString()).toBe(body);
    const second = await send(chat(), { body: chatBody });
    expect(second.status).toBe(503);
    expect(second.headers['content-type']).toBe('text/plain');
    expect(second.body.length).toBe(0);
  });

  it('have builders for the Anthropic and Gemini error envelopes', async () => {
    mock.enqueue(anthropicError(529, 'Overloaded'), geminiError(429, 'Quota exceeded'));
    const anthropic = await send(`${mock.url}/v1/messages`, { body: {} });
    expect(anthropic.status).toBe(529);
    expect(JSON.parse(anthropic.body.toString())).toMatchObject({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    const gemini = await send(`${mock.url}/v1beta/models/g:generateContent`, { body: {} });
    expect(gemini.status).toBe(429);
    expect(JSON.parse(gemini.body.toString())).toEqual({ error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } });
  });
});

describe('sse steps', () => {
  it('send the events exactly, one chunk each when paced, and end', async () => {
    const events = sseFromChatDeltas(['Hel', 'lo'], { usage: { prompt_tokens: 3, completion_tokens: 2 } });
    mock.enqueue({ kind: 'sse', events, eventDelayMs: 20 });
    const response = await send(chat(), { body: chatBody });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream');
    expect(response.chunks.map(String)).toEqual(events);
    const data = sseData(response.body);
    expect(data.at(-1)).toBe('[DONE]');
    const usageChunk = JSON.parse(data.at(-2) ?? '{}') as { choices: unknown[]; usage: { total_tokens: number } };
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage.total_tokens).toBe(5);
  });

  it('can deliver malformed payloads', async () => {
    mock.enqueue({ kind: 'sse', events: malformedSse() });
    const response = await send(chat(), { body: chatBody });
    const unparsable = sseData(response.body).filter((payload) => {
      if (payload === '[DONE]') return false;
      try {
        JSON.parse(payload);
        return false;
      } catch {
        return true;
      }
    });
    expect(unparsable.length).toBe(2);
  });

  it('cut: the client sees the stream terminate with an error after the events', async () => {
    mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(['partial'], { done: false }), then: 'cut' });
    const response = await request(chat(), { method: 'POST', body: JSON.stringify(chatBody) });
    expect(response.statusCode).toBe(200);
    const received: string[] = [];
    const reading = (async () => {
      for await (const chunk of response.body) received.push(Buffer.from(chunk as Uint8Array).toString());
    })();
    await expect(reading).rejects.toThrow();
    expect(received.join('')).toContain('partial');
    expect(mock.abortedRequests).toBe(0);
  });

  it('stall: the stream stays open until the client gives up, which counts as an aborted request', async () => {
    const controller = new AbortController();
    mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(['first']).slice(0, 2), then: 'stall' });
    const response = await request(chat(), { method: 'POST', body: JSON.stringify(chatBody), signal: controller.signal });
    const iterator = response.body[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(Buffer.from(first.value as Uint8Array).toString()).toContain('data:');
    expect(mock.activeRequests()).toBe(1);
    controller.abort();
    await mock.waitForAborted(1);
    expect(mock.abortedRequests).toBe(1);
  });
});

describe('connection steps', () => {
  it('reset: the client gets a socket error and no response', async () => {
    mock.enqueue({ kind: 'reset' });
    const error = await send(chat(), { body: chatBody }).then(
      () => undefined,
      (caught: unknown) => caught as { code?: string },
    );
    expect(error).toBeDefined();
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(error?.code);
    expect(mock.abortedRequests).toBe(0);
  });

  it('stall + client abort increments abortedRequests', async () => {
    mock.enqueue({ kind: 'stall' });
    const controller = new AbortController();
    const pending = request(chat(), { method: 'POST', body: JSON.stringify(chatBody), signal: controller.signal });
    await mock.waitForRequests(1);
    expect(mock.activeRequests()).toBe(1);
    expect(mock.activeConnections()).toBeGreaterThanOrEqual(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await mock.waitForAborted(1);
    expect(mock.abortedRequests).toBe(1);
    expect(mock.activeRequests()).toBe(0);
  });

  it('close() releases stalled requests without counting them as client aborts', async () => {
    const own = await startMockUpstream();
    own.enqueue({ kind: 'stall' }, { kind: 'delay', ms: 60_000, then: { kind: 'status', status: 200 } });
    // Settle both at once: they reject together when close() destroys the sockets.
    const outcome = (path: string): Promise<string> =>
      request(`${own.url}${path}`, { method: 'POST', body: '{}' }).then(
        () => 'answered',
        () => 'failed',
      );
    const stalled = outcome('/v1/messages');
    const delayed = outcome('/v1/chat/completions');
    await own.waitForRequests(2);
    await own.close();
    expect(await Promise.all([stalled, delayed])).toEqual(['failed', 'failed']);
    expect(own.abortedRequests).toBe(0);
    expect(own.activeConnections()).toBe(0);
  });

  it('delay then answers with the wrapped step', async () => {
    mock.enqueue({ kind: 'delay', ms: 10, then: { kind: 'status', status: 502, body: { error: 'bad gateway' } } });
    const response = await send(chat(), { body: chatBody });
    expect(response.status).toBe(502);
    expect(JSON.parse(response.body.toString())).toEqual({ error: 'bad gateway' });
  });

  it('handler gets the recorded request and the raw response', async () => {
    mock.enqueue({
      kind: 'handler',
      handle: (req, res) => {
        res.writeHead(207, { 'x-seen-model': String((req.json as { model?: string }).model) });
        res.end(req.path);
      },
    });
    const response = await send(`${chat()}?trace=1`, { body: chatBody });
    expect(response.status).toBe(207);
    expect(response.headers['x-seen-model']).toBe('text');
    expect(response.body.toString()).toBe('/v1/chat/completions?trace=1');
  });

  it('a handler that throws before answering yields a 500', async () => {
    mock.enqueue({
      kind: 'handler',
      handle: () => {
        throw new Error('boom');
      },
    });
    const response = await send(chat(), { body: chatBody });
    expect(response.status).toBe(500);
    expect(response.body.toString()).toContain('boom');
  });
});

describe('queue', () => {
  it('answers requests with steps first in first out across paths, then falls back to defaults', async () => {
    mock.enqueue({ kind: 'status', status: 201 }, { kind: 'status', status: 202 });
    mock.enqueue({ kind: 'status', status: 203 });
    expect(mock.pendingSteps()).toBe(3);
    const statuses = [
      (await send(chat(), { body: chatBody })).status,
      (await send(`${mock.url}/v1/messages`, { body: {} })).status,
      (await send(`${mock.url}/v1/models`)).status,
      (await send(`${mock.url}/v1/chat/completions`, { body: { model: 'text', messages: [] } })).status,
    ];
    expect(statuses).toEqual([201, 202, 203, 200]);
    expect(mock.pendingSteps()).toBe(0);
  });

  it('reset() clears queued steps and recorded requests', async () => {
    mock.enqueue({ kind: 'status', status: 500 });
    await send(`${mock.url}/v1/models`);
    mock.enqueue({ kind: 'status', status: 500 });
    mock.reset();
    expect(mock.requests).toEqual([]);
    expect(mock.pendingSteps()).toBe(0);
    expect((await send(`${mock.url}/v1/models`)).status).toBe(200);
  });
});
