import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { sseFromChatDeltas } from '../support/mock-builders.js';
import { useMockedGateway } from '../helpers/mocked-gateway.js';
import { mockProviderConfig } from '../helpers/start-test-gateway.js';

const env = useMockedGateway((mockUrl) => ({ ...mockProviderConfig(mockUrl), settings: { timeouts: { firstByteMs: 1_500, idleMs: 1_500 } } }));

const chat = (body: Record<string, unknown>, signal?: AbortSignal) =>
  request(`${env.gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock/any', messages: [{ role: 'user', content: 'hi' }], ...body }),
    ...(signal ? { signal } : {}),
  });

/** A gate the test opens: the upstream holds the rest of its stream until then. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('streaming', () => {
  it('delivers each upstream event before the upstream has sent the next one', async () => {
    const events = sseFromChatDeltas(['one', 'two', 'three']);
    const gates = events.map(() => gate());
    env.mock.enqueue({
      kind: 'handler',
      async handle(_req, res) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const [i, event] of events.entries()) {
          res.write(event);
          await gates[i]!.opened;
        }
        res.end();
      },
    });
    const response = await chat({ stream: true });
    expect(response.statusCode).toBe(200);
    const received: string[] = [];
    let buffer = '';
    let next = 0;
    for await (const chunk of response.body) {
      buffer += chunk.toString();
      // Every complete event the client holds must be one the upstream has sent so far.
      const complete = buffer.split('\n\n').slice(0, -1);
      while (received.length < complete.length) received.push(complete[received.length]!);
      while (next < received.length && next < gates.length) {
        expect(received[next]).toContain(events[next]!.trim().slice(6, 40));
        gates[next]!.open();
        next += 1;
      }
    }
    expect(received.length).toBe(events.length);
    expect(received.at(-1)).toBe('data: [DONE]');
  });

  it('aborts the upstream request as soon as the client disconnects', async () => {
    env.mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(['partial']).slice(0, 2), then: 'stall' });
    const controller = new AbortController();
    const response = await chat({ stream: true }, controller.signal);
    const reader = response.body[Symbol.asyncIterator]();
    const first = await reader.next();
    expect(first.value.toString()).toContain('partial');
    controller.abort();
    await env.mock.waitForAborted(1);
    expect(env.mock.abortedRequests).toBe(1);
  });

  it('ends with an OpenAI error chunk and no [DONE] when the upstream breaks mid-stream', async () => {
    env.mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(['half an ans']).slice(0, 2), then: 'cut' });
    const response = await chat({ stream: true });
    expect(response.statusCode).toBe(200);
    const text = await response.body.text();
    expect(text).toContain('half an ans');
    expect(text).not.toContain('[DONE]');
    const last = text.trim().split('\n\n').at(-1)!;
    const error = JSON.parse(last.replace(/^data: /, ''));
    expect(error.error).toMatchObject({ code: 'upstream_protocol_error', type: 'server_error' });
  });

  it('ends with an error chunk when the upstream goes silent past the idle timeout', async () => {
    env.mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(['thinking']).slice(0, 2), then: 'stall' });
    const response = await chat({ stream: true });
    const text = await response.body.text();
    expect(text).toContain('thinking');
    expect(text).not.toContain('[DONE]');
    expect(text).toContain('"code":"upstream_timeout"');
  });

  it('answers 504 when the upstream sends no headers before the first-byte timeout', async () => {
    env.mock.enqueue({ kind: 'stall' });
    const response = await chat({});
    expect(response.statusCode).toBe(504);
    expect(await response.body.json()).toMatchObject({ error: { code: 'upstream_timeout', type: 'server_error' } });
  });

  it('reports a stream that closes cleanly but unfinished as an error, not a silent end', async () => {
    env.mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(['cut short'], { done: false }).slice(0, 2), then: 'end' });
    const text = await (await chat({ stream: true })).body.text();
    expect(text).toContain('cut short');
    expect(text).not.toContain('[DONE]');
    expect(text).toContain('ended the stream before finishing');
  });

  it('returns an upstream error that arrives as the first stream event as a proper HTTP error', async () => {
    env.mock.enqueue({ kind: 'sse', events: [`data: ${JSON.stringify({ error: { message: 'overloaded, try later', type: 'server_error', code: 'overloaded' } })}\n\n`] });
    const response = await chat({ stream: true });
    expect(response.statusCode).toBe(502);
    expect(await response.body.json()).toMatchObject({ error: { message: expect.stringContaining('overloaded, try later') } });
  });
});
